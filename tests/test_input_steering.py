"""Steering feel: the stick's dead zone and response curve, the keyboard's ramp, the crown's arithmetic."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.input.crown import CrownStick, WindSteps
from game.sim.steering_feel import KeyboardSteering, shape_stick, shape_trigger


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
