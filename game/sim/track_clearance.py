"""The road never runs into itself: the one geometric rule a track file must pass that is not about one value.

A centre line that crosses itself, or two stretches of road (with their verges) that touch though they are far
apart along the road, would break `TrackGeometry`'s local search: a point on the road or its verge must be
near exactly one stretch of it. The check buckets segments in a uniform grid, so only near pairs are compared;
it runs after the reader has bounded the coordinates, the segment lengths and the widths, which bounds the
grid, and it gives up on a centre line folded so densely that more than `MAX_PAIRS_PER_SEGMENT` comparisons
per segment would be needed (a shipped track needs about 7).
"""

from __future__ import annotations

import math

from game.sim.track import VERGE_M

Point = tuple[float, float]

CLEARANCE_ARC_FACTOR = 3.0
"""Two stretches of road farther apart along the road than this many times their required clearance must
keep that clearance (both half widths plus both verges) between their centre lines."""

MAX_PAIRS_PER_SEGMENT = 32
"""Budget of segment-to-segment comparisons, per segment, before the check refuses the centre line."""


def format_point(p: Point) -> str:
    return f"({p[0]:.1f}, {p[1]:.1f})"


def segment_lengths(points: tuple[Point, ...], closed: bool) -> list[float]:
    n = len(points)
    count = n if closed else n - 1
    return [math.dist(points[i], points[(i + 1) % n]) for i in range(count)]


def _segment_distance(a: Point, b: Point, c: Point, d: Point) -> float:
    """Distance between segments ab and cd (0 when they cross)."""

    def cross(o: Point, p: Point, q: Point) -> float:
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])

    d1, d2, d3, d4 = cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 * d2 < 0 and d3 * d4 < 0:
        return 0.0

    def point_segment(p: Point, s: Point, e: Point) -> float:
        ex, ey = e[0] - s[0], e[1] - s[1]
        length2 = ex * ex + ey * ey
        t = 0.0 if length2 == 0.0 else max(0.0, min(1.0, ((p[0] - s[0]) * ex + (p[1] - s[1]) * ey) / length2))
        return math.hypot(p[0] - s[0] - t * ex, p[1] - s[1] - t * ey)

    return min(point_segment(a, c, d), point_segment(b, c, d), point_segment(c, a, b), point_segment(d, a, b))


def self_contact_problem(points: tuple[Point, ...], widths: tuple[float, ...], closed: bool) -> str | None:
    """What is wrong where the road meets itself, or None when it never does."""
    n = len(points)
    n_seg = n if closed else n - 1
    lengths = segment_lengths(points, closed)
    cum = [0.0]
    for length in lengths:
        cum.append(cum[-1] + length)
    total = cum[-1]
    reach = [max(widths[i], widths[(i + 1) % n]) + VERGE_M for i in range(n_seg)]
    max_reach = max(reach)
    cell = max(25.0, 2.0 * max_reach)
    grid: dict[tuple[int, int], list[int]] = {}
    for i in range(n_seg):
        (x0, y0), (x1, y1) = points[i], points[(i + 1) % n]
        for gx in range(
            (math.floor((min(x0, x1) - max_reach) / cell)), (math.floor((max(x0, x1) + max_reach) / cell)) + 1
        ):
            for gy in range(
                (math.floor((min(y0, y1) - max_reach) / cell)),
                (math.floor((max(y0, y1) + max_reach) / cell)) + 1,
            ):
                grid.setdefault((gx, gy), []).append(i)
    budget = MAX_PAIRS_PER_SEGMENT * n_seg
    checked: set[tuple[int, int]] = set()
    worst: tuple[float, int, int, float] | None = None
    for key in sorted(grid):
        bucket = grid[key]
        for a_pos, i in enumerate(bucket):
            for j in bucket[a_pos + 1 :]:
                adjacent = j - i <= 1 or (closed and i == 0 and j == n_seg - 1)
                if adjacent or (i, j) in checked:
                    continue
                if len(checked) >= budget:
                    return _worst(worst, points) or (
                        f"the road folds back on itself too densely near {format_point(points[i])} "
                        f"(more than {MAX_PAIRS_PER_SEGMENT} nearby stretches per segment to compare)"
                    )
                checked.add((i, j))
                needed = reach[i] + reach[j]
                a, b, c, d = points[i], points[(i + 1) % n], points[j], points[(j + 1) % n]
                if _apart(a, b, c, d, needed):
                    continue
                gap = _segment_distance(a, b, c, d)
                if gap == 0.0:
                    return f"the road crosses itself near {format_point(points[j])} (segments {i} and {j})"
                along = cum[j] - cum[i + 1]
                if closed:
                    along = min(along, total - (cum[j + 1] - cum[i]))
                if (
                    along > CLEARANCE_ARC_FACTOR * needed
                    and gap < needed
                    and (worst is None or gap < worst[0])
                ):
                    worst = (gap, i, j, needed)
    return _worst(worst, points)


_APART_SLACK_M = 1e-6
"""Pairs are called apart only this much beyond `needed`: a distance worked out in floating point may come out a
few ulps short of an exact gap (a 255 m segment ending 1.546 m from another gave 2e-14 m less), and a pair that
close to the limit must get the full distance's answer."""


def _apart(a: Point, b: Point, c: Point, d: Point, needed: float) -> bool:
    """Whether segments ab and cd are more than `needed` apart along x or y alone: then they neither cross nor
    come closer than `needed` (most pairs sharing a grid cell, decided without their distance)."""
    clear = needed + _APART_SLACK_M
    return (
        min(a[0], b[0]) - max(c[0], d[0]) > clear
        or min(c[0], d[0]) - max(a[0], b[0]) > clear
        or min(a[1], b[1]) - max(c[1], d[1]) > clear
        or min(c[1], d[1]) - max(a[1], b[1]) > clear
    )


def _worst(worst: tuple[float, int, int, float] | None, points: tuple[Point, ...]) -> str | None:
    if worst is None:
        return None
    gap, i, j, needed = worst
    return (
        f"the road runs into itself near {format_point(points[j])}: segments {i} and {j} are {gap:.1f} m "
        f"apart, less than their widths and verges ({needed:.1f} m)"
    )
