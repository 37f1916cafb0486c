"""The road at a field car's place, read from the segment its projection found instead of searched for.

A deciding driver (`game.sim.field_driver`) needs where its car is on the road (arc length, lateral offset,
segment, surface), the road's half width there and a point on the centre line a little ahead, a dozen times a
tick. `place_on_road` is `TrackGeometry.project_on_surface` without the `Projection` it would build (the driver
reads four of its values). `TrackGeometry.half_width_at` and `point_at` find the segment by a search over the whole
road (`segment_at`); the car's projection has just named the segment it is on, so the search starts there. Each
function gives exactly the doubles the geometry's own gives (the same segment, the same expressions), and falls
back to it wherever the shortcut could differ (off the segment, at the road's ends, on a circuit).
"""

from __future__ import annotations

from bisect import bisect_right

from game.sim.geometry import TrackGeometry


def place_on_road(geometry: TrackGeometry, x: float, y: float, hint: int) -> tuple[float, float, int, str]:
    """(arc length, lateral offset, segment, surface) of (x, y): `project_on_surface`'s `s_m`, `lateral_m` and
    `segment`, and its surface, from the same walk."""
    found = geometry._walk(x, y, hint)
    i, t, d2 = found if found is not None else geometry._search(x, y)
    s = geometry.seg_s_m[i] + t
    if s >= geometry.length_m and geometry.closed:
        s -= geometry.length_m
    lateral = geometry.seg_dx[i] * (y - geometry.seg_y[i]) - geometry.seg_dy[i] * (x - geometry.seg_x[i])
    return s, lateral, i, geometry._surface_of(i, t, d2)


def half_width_on(geometry: TrackGeometry, s_m: float, segment: int) -> float:
    """`geometry.half_width_at(s_m)` for an `s_m` on or after `segment`'s start (a projection's)."""
    starts = geometry.seg_s_m
    start = starts[segment]
    end = starts[segment + 1] if segment + 1 < geometry.n_segments else geometry.length_m
    if start <= s_m < end:  # on this segment and inside the road, where `wrap_s` leaves it as it is
        return geometry._hw_start[segment] + geometry._hw_slope[segment] * (s_m - start)
    return geometry.half_width_at(s_m)


def point_ahead(geometry: TrackGeometry, s_m: float, segment: int) -> tuple[float, float, float]:
    """`geometry.point_at(s_m)` for an `s_m` at or after `segment`'s start: the search starts there."""
    starts = geometry.seg_s_m
    if geometry.closed or not starts[segment] <= s_m:
        return geometry.point_at(s_m)
    s = s_m if s_m <= geometry.length_m else geometry.length_m  # `wrap_s` on an open road, s_m >= 0 here
    i = bisect_right(starts, s, segment) - 1  # every start before `segment` is <= s too: the same index
    t = s - starts[i]
    return (
        geometry.seg_x[i] + geometry.seg_dx[i] * t,
        geometry.seg_y[i] + geometry.seg_dy[i] * t,
        geometry.seg_heading_rad[i],
    )
