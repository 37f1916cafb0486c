"""Tyre forces: the curve saturates and is symmetric, the friction circle holds, load moves the right way."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.cars import car_ids, load_car
from game.sim.tyres import (
    GRAVITY_MS2,
    axle_loads,
    friction_circle,
    grip_limit,
    lateral_curve,
    lateral_force,
    sliding_force,
    slip_angle,
)

SLIPS = [i * 0.005 for i in range(1, 201)]  # 0.005 .. 1.0 rad


@pytest.mark.parametrize("car_id", car_ids())
def test_lateral_curve_peaks_at_the_cars_peak_slip_then_saturates(car_id: str) -> None:
    for axle in (load_car(car_id).tyres.front, load_car(car_id).tyres.rear):
        b, c = axle.stiffness_b, axle.shape
        assert lateral_curve(axle.peak_slip_rad, b, c) == pytest.approx(1.0, abs=1e-12)
        values = [lateral_curve(a, b, c) for a in SLIPS]
        assert max(values) <= 1.0 + 1e-12
        rising = [v for a, v in zip(SLIPS, values, strict=True) if a <= axle.peak_slip_rad]
        assert rising == sorted(rising)
        # Far past the peak the tyre slides at sin(C·π/2) of its peak, never more, never nothing.
        assert lateral_curve(20.0, b, c) == pytest.approx(axle.slide_ratio, abs=0.02)
        assert 0.5 < axle.slide_ratio < 1.0


@given(st.floats(-1.5, 1.5), st.floats(5.0, 40.0), st.floats(1.1, 1.8))
def test_lateral_curve_is_odd(slip: float, b: float, c: float) -> None:
    assert lateral_curve(-slip, b, c) == -lateral_curve(slip, b, c)


@given(st.floats(-80.0, 80.0), st.floats(-30.0, 30.0), st.floats(0.0, 20000.0))
def test_cornering_force_opposes_the_slide_and_never_exceeds_grip(u: float, w: float, grip: float) -> None:
    fy = lateral_force(u, w, grip, 20.0, 1.4)
    assert abs(fy) <= grip * (1.0 + 1e-12)
    if w > 0.0:
        assert fy <= 0.0
    elif w < 0.0:
        assert fy >= 0.0


def test_slip_angle_is_measured_against_a_floor_speed_when_crawling() -> None:
    assert slip_angle(30.0, 3.0) == pytest.approx(math.atan(0.1))
    assert slip_angle(-30.0, 3.0) == pytest.approx(math.atan(0.1))
    # 5 cm/s sideways at a standstill is jitter, not a 90-degree slide.
    assert abs(slip_angle(0.0, 0.05)) < 0.03


@given(st.floats(-3e4, 3e4), st.floats(-3e4, 3e4), st.floats(0.0, 2e4))
def test_friction_circle_bounds_the_combined_force(fx: float, fy: float, grip: float) -> None:
    out_x, out_y = friction_circle(fx, fy, grip)
    assert math.hypot(out_x, out_y) <= grip * (1.0 + 1e-9) + 1e-9
    assert abs(out_x) <= abs(fx) and abs(out_y) <= abs(fy)
    assert out_x * fx >= 0.0 and out_y * fy >= 0.0


def test_friction_circle_gives_braking_priority_and_passes_what_fits() -> None:
    assert friction_circle(3000.0, 4000.0, 5000.0) == (3000.0, 4000.0)
    assert friction_circle(-5000.0, 4000.0, 5000.0) == (-5000.0, 0.0)
    assert friction_circle(-9000.0, 100.0, 5000.0) == (-5000.0, 0.0)
    fx, fy = friction_circle(4000.0, -4000.0, 5000.0)
    assert (fx, fy) == (4000.0, pytest.approx(-3000.0))


def test_a_sliding_tyre_pulls_against_its_sliding_velocity_with_its_friction() -> None:
    fx, fy = sliding_force(30.0, 4.0, 5000.0)
    assert math.hypot(fx, fy) == pytest.approx(5000.0)
    assert fx / fy == pytest.approx(30.0 / 4.0)
    assert fx < 0.0 and fy < 0.0
    assert sliding_force(0.0, 0.0, 5000.0) == (0.0, 0.0)


def test_braking_loads_the_front_and_accelerating_the_rear() -> None:
    mass, a, b, h = 1000.0, 1.2, 1.2, 0.5
    static_f, static_r = axle_loads(mass, a, b, h, 0.0)
    assert static_f == pytest.approx(static_r) == pytest.approx(mass * GRAVITY_MS2 / 2)
    brake_f, brake_r = axle_loads(mass, a, b, h, -8.0)
    assert brake_f - static_f == pytest.approx(mass * 8.0 * h / (a + b))
    assert brake_r < static_r
    accel_f, accel_r = axle_loads(mass, a, b, h, 4.0)
    assert accel_r > static_r and accel_f < static_f
    for fz in (brake_f + brake_r, accel_f + accel_r):
        assert fz == pytest.approx(mass * GRAVITY_MS2)
    # A stoppie never unloads the rear completely.
    assert axle_loads(mass, a, b, h, -200.0)[1] == pytest.approx(0.1 * mass * GRAVITY_MS2)


def test_front_heavy_car_carries_more_on_its_front_axle() -> None:
    front, rear = axle_loads(1000.0, 1.0, 1.5, 0.5, 0.0)
    assert front / (front + rear) == pytest.approx(0.6)


@settings(max_examples=50)
@given(st.floats(500.0, 15000.0))
def test_more_load_gives_more_grip_but_less_than_proportionally(load: float) -> None:
    static = 4000.0
    assert grip_limit(1.0, static, static, 0.1) == pytest.approx(static)
    grip = grip_limit(1.0, load, static, 0.1)
    if load > static:
        assert static < grip < load
    elif load < static:
        assert load < grip < static
