"""Property: a minute of random driving on any real stage never breaks the world.

No NaN, never outside the outer bound, never through a barrier (the car's centre never crosses a barrier's
line), never inside solid scenery.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.sim.cars import car_ids, load_car
from game.sim.driving import DrivingSim
from game.sim.geometry import TrackGeometry
from game.sim.track import Track
from game.sim.track_catalog import load_track, track_ids

TICKS = 6000


@cache
def _stage(track_id: str) -> tuple[Track, TrackGeometry, np.ndarray]:
    track = load_track(track_id)
    segments = [
        (*a, *b)
        for barrier in track.barriers
        for a, b in zip(barrier.points, barrier.points[1:], strict=False)
    ]
    return track, TrackGeometry(track), np.array(segments, dtype=float).reshape(-1, 4)


def _crosses(segments: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Does the move (x0, y0) → (x1, y1) cross any barrier segment's centre line?"""
    if not len(segments):
        return False
    ax, ay, bx, by = segments.T
    d1 = (bx - ax) * (y0 - ay) - (by - ay) * (x0 - ax)
    d2 = (bx - ax) * (y1 - ay) - (by - ay) * (x1 - ax)
    d3 = (x1 - x0) * (ay - y0) - (y1 - y0) * (ax - x0)
    d4 = (x1 - x0) * (by - y0) - (y1 - y0) * (bx - x0)
    return bool(np.any((d1 * d2 < 0.0) & (d3 * d4 < 0.0)))


def _inside_scenery(track: Track, x: float, y: float) -> str | None:
    for item in track.scenery:
        if not item.solid:
            continue
        dx, dy = x - item.x_m, y - item.y_m
        if item.length_m > 0.0 and item.width_m > 0.0:
            c, s = math.cos(item.angle_rad), math.sin(item.angle_rad)
            if abs(dx * c + dy * s) < 0.5 * item.length_m and abs(-dx * s + dy * c) < 0.5 * item.width_m:
                return item.kind
        elif dx * dx + dy * dy < item.radius_m * item.radius_m:
            return item.kind
    return None


control = st.tuples(
    st.integers(20, 400),  # ticks held
    st.floats(-1.0, 1.0),  # steer
    st.sampled_from([0.0, 0.3, 1.0]),  # throttle
    st.sampled_from([0.0, 0.0, 0.5, 1.0]),  # brake
    st.booleans(),  # handbrake
    st.booleans(),  # shift up (manual only)
    st.booleans(),  # shift down (manual only)
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    track_id=st.sampled_from(track_ids()),
    car_id=st.sampled_from(car_ids()),
    gearbox=st.sampled_from(["auto", "manual"]),
    plan=st.lists(control, min_size=1, max_size=40),
)
def test_a_minute_of_random_driving_stays_in_the_world(
    track_id: str, car_id: str, gearbox: str, plan: list[tuple[int, float, float, float, bool, bool, bool]]
) -> None:
    track, geometry, barriers = _stage(track_id)
    sim = DrivingSim(track, geometry, load_car(car_id), gearbox)  # type: ignore[arg-type]
    bounds = sim.world.bounds
    x0, y0 = sim.snapshot.x_m, sim.snapshot.y_m
    tick = 0
    step = 0
    while tick < TICKS:
        held, steer, throttle, brake, handbrake, up, down = plan[step % len(plan)]
        step += 1
        for i in range(min(held, TICKS - tick)):
            snap = sim.step(steer, throttle, brake, handbrake, up and i == 0, down and i == 0)
            values = (
                snap.x_m,
                snap.y_m,
                snap.heading_rad,
                snap.vx_ms,
                snap.vy_ms,
                snap.yaw_rate_rad_s,
                snap.rpm,
                snap.slip_front,
                snap.slip_rear,
                snap.impact_impulse,
                sim.motion_excitation,
            )
            assert all(math.isfinite(v) for v in values), (tick, snap)
            assert bounds.contains(snap.x_m, snap.y_m), (tick, snap)
            assert not _crosses(barriers, x0, y0, snap.x_m, snap.y_m), (tick, (x0, y0), snap)
            assert _inside_scenery(track, snap.x_m, snap.y_m) is None, (tick, snap)
            x0, y0 = snap.x_m, snap.y_m
            tick += 1
