"""Steering feel: the stick's dead zone and response curve, the keyboard's ramp, the crown's arithmetic."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.input.crown import CrownStick, WindSteps
from game.sim.car import steer_lock_rad
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.snapshot import CarSnapshot
from game.sim.steering_feel import (
    FULL_REACH,
    KeyboardSteering,
    KeyReach,
    key_reach,
    shape_stick,
    shape_trigger,
)

CAR = load_car(DEFAULT_CAR_ID)


def _moving(speed_ms: float, travel_rad: float = 0.0, heading_rad: float = 0.3) -> CarSnapshot:
    """The car heading `heading_rad`, its centre moving `travel_rad` to the left of that, no yaw."""
    course = heading_rad + travel_rad
    return CarSnapshot(
        0.0, 0.0, heading_rad, speed_ms * math.cos(course), speed_ms * math.sin(course), speed_ms, 0.0, 0.0,
        1000.0, 3, 0.0, 0.0, False, 0.0, 0.0, 0.0, "asphalt", "asphalt", 0.0, False,
    )  # fmt: skip


@pytest.mark.parametrize("value", [0.0, 0.05, -0.1, 0.1999])
def test_inside_the_dead_zone_is_straight_ahead(value: float) -> None:
    assert shape_stick(value, 0.2, 1.5) == 0.0


def test_full_deflection_is_full_lock_whatever_the_curve() -> None:
    for curve in (1.0, 2.0, 3.0):
        assert shape_stick(1.0, 0.3, curve) == 1.0
        assert shape_stick(-1.0, 0.3, curve) == -1.0


def test_the_curve_exponent_shapes_the_middle() -> None:
    # 0.6 with a 0.2 dead zone is half the live travel: 0.5, 0.25, 0.125 for exponents 1, 2, 3
    assert shape_stick(0.6, 0.2, 1.0) == pytest.approx(0.5)
    assert shape_stick(0.6, 0.2, 2.0) == pytest.approx(0.25)
    assert shape_stick(-0.6, 0.2, 3.0) == pytest.approx(-0.125)


@settings(max_examples=60, deadline=None)
@given(st.floats(-1.0, 1.0), st.floats(-1.0, 1.0), st.floats(0.0, 0.5), st.floats(1.0, 3.0))
def test_more_stick_never_steers_less(a: float, b: float, dead_zone: float, curve: float) -> None:
    low, high = sorted((a, b))
    assert shape_stick(low, dead_zone, curve) <= shape_stick(high, dead_zone, curve)
    assert -1.0 <= shape_stick(a, dead_zone, curve) <= 1.0


def test_a_trigger_at_rest_reads_nothing() -> None:
    assert shape_trigger(0.03) == 0.0
    assert shape_trigger(1.0) == 1.0
    assert 0.45 < shape_trigger(0.5) < 0.5


def test_keyboard_steering_ramps_to_full_lock_in_018_s_and_centres_in_010_s() -> None:
    wheel = KeyboardSteering()
    ramp = [wheel.advance(False, True, 0.01) for _ in range(18)]
    assert ramp[0] == pytest.approx(0.01 / 0.18)
    assert all(b > a for a, b in itertools.pairwise(ramp))
    assert ramp[-1] == pytest.approx(1.0)
    back = [wheel.advance(False, False, 0.01) for _ in range(10)]
    assert back[0] == pytest.approx(0.9)
    assert back[-1] == pytest.approx(0.0, abs=1e-12)


def test_the_other_key_centres_first_then_steers_across() -> None:
    wheel = KeyboardSteering()
    for _ in range(18):
        wheel.advance(True, False, 0.01)
    crossing = [wheel.advance(False, True, 0.01) for _ in range(12)]
    assert crossing[4] == pytest.approx(-0.5)  # centring speed while still on the left
    assert min(crossing) >= -1.0
    assert crossing[-1] > 0.0


def test_slow_or_reversing_the_keys_reach_full_lock_around_the_straight_ahead() -> None:
    assert key_reach(CAR, _moving(0.0)) == FULL_REACH == KeyReach(-1.0, 0.0, 1.0)
    assert key_reach(CAR, _moving(2.9)) == FULL_REACH
    assert key_reach(CAR, _moving(-10.0)) == FULL_REACH


def test_at_speed_a_held_key_reaches_the_front_tyres_peak_slip_not_full_lock() -> None:
    # 30 m/s straight ahead: the lock is 0.206 rad, the front tyres' grip peaks at 0.11 rad of slip
    reach = key_reach(CAR, _moving(30.0))
    share = CAR.tyres.front.peak_slip_rad / steer_lock_rad(CAR.steering, 30.0)
    assert share == pytest.approx(0.5333, abs=1e-4)
    assert reach.centre == pytest.approx(0.0, abs=1e-12)
    assert reach.right == pytest.approx(share)
    assert reach.left == pytest.approx(-share)


def test_in_a_slide_no_key_points_the_wheels_where_the_car_goes_a_counter_steer() -> None:
    # the car going 0.1 rad to the right of where it points (its tail out to the left): the wheels follow
    lock = steer_lock_rad(CAR.steering, 30.0)
    reach = key_reach(CAR, _moving(30.0, travel_rad=-0.1))
    assert reach.centre == pytest.approx(0.1 / lock)
    assert reach.centre - reach.left == pytest.approx(CAR.tyres.front.peak_slip_rad / lock)
    assert reach.right == 1.0  # the turn into the slide is clamped at the lock the speed allows
    wheel = KeyboardSteering()
    let_go = [wheel.advance(False, False, 0.01, reach) for _ in range(6)]
    assert let_go[0] == pytest.approx(0.1) and let_go[-1] == reach.centre  # at the caster's pace, then held


def test_a_tap_at_speed_is_the_same_share_of_the_keys_reach_as_when_slow() -> None:
    reach = key_reach(CAR, _moving(30.0))
    wheel = KeyboardSteering()
    tap = [wheel.advance(False, True, 0.01, reach) for _ in range(5)]
    assert tap[-1] == pytest.approx(reach.right * 0.05 / 0.18)
    held = [wheel.advance(False, True, 0.01, reach) for _ in range(13)]
    assert held[-1] == pytest.approx(reach.right)


def test_crown_stick_counts_clockwise_turns_only() -> None:
    crown = CrownStick()
    clockwise = sum(crown.advance(math.cos(a), math.sin(a)) for a in _angles(64, 1))
    assert clockwise == pytest.approx(1.0)
    crown.reset()
    anticlockwise = sum(crown.advance(math.cos(a), math.sin(a)) for a in _angles(64, -1))
    assert anticlockwise == 0.0


def test_crown_lets_go_when_the_stick_returns_towards_the_centre() -> None:
    crown = CrownStick()
    crown.advance(0.9, 0.0)
    assert crown.engaged
    assert crown.advance(0.55, 0.05) > 0.0  # still held between release and engage thresholds
    assert crown.advance(0.3, 0.3) == 0.0
    assert not crown.engaged
    assert crown.advance(0.0, 0.59) == 0.0
    assert not crown.engaged


def test_wind_steps_carry_the_fraction() -> None:
    steps = WindSteps(512)
    taken = []
    for _ in range(100):
        steps.add(2.0 * 0.01)
        taken.append(steps.take())
    assert set(taken) == {10, 11}
    assert sum(taken) == 1024


def test_wind_steps_never_exceed_a_record_and_keep_the_rest() -> None:
    steps = WindSteps(512)
    steps.add(0.75)  # 384 steps at once
    assert steps.take() == 255
    assert steps.take() == 129
    assert steps.take() == 0


def _angles(count: int, direction: int) -> list[float]:
    return [direction * math.tau * k / count for k in range(count + 1)]
