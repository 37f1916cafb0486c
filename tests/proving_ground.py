"""Synthetic tracks for trying a car out: a long straight, a single corner, walls where you want them.

A proving ground isolates one thing (top speed, a corner on gravel against the same corner on asphalt, a wall
hit at top speed) the way the generated stages cannot; tests build them in memory. They are ordinary `Track`
values, so everything that drives a stage drives them too. A test fixture, not game content: nothing in the
game imports it.
"""

from __future__ import annotations

import itertools
import math

from game.sim.track import Barrier, Scenery, SurfaceSpan, TimingLine, Track
from game.sim.track_format import TRACK_FORMAT_VERSION

LEAD_M = 200.0
"""Straight before and after a corner: room to reach speed and to settle."""


def straight(
    length_m: float = 3000.0,
    half_width_m: float = 5.0,
    *,
    spacing_m: float = 10.0,
    side_walls_m: float | None = None,
    cross_wall_at_m: float | None = None,
    surfaces: tuple[SurfaceSpan, ...] = (),
    scenery: tuple[Scenery, ...] = (),
    barriers: tuple[Barrier, ...] = (),
) -> Track:
    """A road due east from the origin; walls along both sides `side_walls_m` from the centre line and, if
    asked, a wall straight across the road at `cross_wall_at_m` (from far left to far right)."""
    count = max(2, math.ceil(length_m / spacing_m) + 1)
    points = tuple((length_m * i / (count - 1), 0.0) for i in range(count))
    walls = list(barriers)
    if side_walls_m is not None:
        walls.append(Barrier("wall", ((0.0, side_walls_m), (length_m, side_walls_m))))
        walls.append(Barrier("wall", ((0.0, -side_walls_m), (length_m, -side_walls_m))))
    if cross_wall_at_m is not None:
        reach = 4.0 * half_width_m + 40.0
        walls.append(Barrier("wall", ((cross_wall_at_m, reach), (cross_wall_at_m, -reach))))
    return _track("proving-straight", points, half_width_m, surfaces, tuple(scenery), tuple(walls))


def corner(
    radius_m: float,
    turn_rad: float,
    half_width_m: float = 4.0,
    *,
    surface: str = "asphalt",
    spacing_m: float = 2.0,
) -> Track:
    """LEAD_M of straight, a circular corner of `radius_m` turning `turn_rad` (positive left), LEAD_M out.

    The corner's own arc (and 20 m either side) is laid in `surface`; the straights are asphalt.
    """
    points: list[tuple[float, float]] = [(x, 0.0) for x in _steps(0.0, LEAD_M, spacing_m)]
    arc_m = abs(turn_rad) * radius_m
    side = 1.0 if turn_rad > 0.0 else -1.0
    for d in _steps(spacing_m, arc_m, spacing_m):
        a = d / radius_m
        points.append((LEAD_M + radius_m * math.sin(a), side * radius_m * (1.0 - math.cos(a))))
    x_end, y_end = points[-1]
    heading = turn_rad
    for d in _steps(spacing_m, LEAD_M, spacing_m):
        points.append((x_end + d * math.cos(heading), y_end + d * math.sin(heading)))
    spans: tuple[SurfaceSpan, ...] = ()
    if surface != "asphalt":
        spans = (SurfaceSpan(LEAD_M - 20.0, LEAD_M + arc_m + 20.0, surface),)
    return _track("proving-corner", tuple(points), half_width_m, spans, (), ())


def _steps(start: float, stop: float, step: float) -> list[float]:
    count = max(1, round((stop - start) / step))
    return [start + (stop - start) * i / count for i in range(count + 1)]


def _track(
    track_id: str,
    points: tuple[tuple[float, float], ...],
    half_width_m: float,
    surfaces: tuple[SurfaceSpan, ...],
    scenery: tuple[Scenery, ...],
    barriers: tuple[Barrier, ...],
) -> Track:
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
    return Track(
        format_version=TRACK_FORMAT_VERSION,
        id=track_id,
        name="Proving ground",
        region="test",
        kind="stage",
        closed=False,
        laps=1,
        seed=0,
        start_time_of_day_s=8 * 3600,
        date=(1955, 5, 1),
        waypoints=(),
        centerline=points,
        half_width_m=tuple(half_width_m for _ in points),
        surfaces=surfaces,
        timing_lines=(TimingLine("start", 10.0, "Start"), TimingLine("finish", length - 10.0, "Finish")),
        scenery=scenery,
        barriers=barriers,
        medals=None,
        content_hash="proving-ground",
    )
