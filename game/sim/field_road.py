"""The road at a field car's place, read from the segment its projection found instead of searched for.

A deciding driver (`game.sim.field_driver`) asks the road's half width where it is and a point on the centre line
a little ahead. `TrackGeometry.half_width_at` and `point_at` find the segment by a search over the whole road
(`segment_at`); the car's projection has just named the segment it is on, so the search starts there. Each
function gives exactly the doubles the geometry's own gives (the same segment, the same expression), and falls
back to it wherever the shortcut could differ (off the segment, at the road's ends, on a circuit).
"""

from __future__ import annotations

from bisect import bisect_right

from game.sim.geometry import TrackGeometry


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
