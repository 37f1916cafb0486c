"""Engine torque and gear choice as pure functions (the car-level gearbox behaviour is in test_driving.py)."""

from __future__ import annotations

import pytest

from game.sim.cars import car_ids, load_car
from game.sim.drivetrain import auto_gear, auto_shift_up_rpm, engine_rpm_at, engine_torque, manual_gear

CURVE_RPM = (1000.0, 3000.0, 5000.0, 7000.0)
CURVE_NM = (100.0, 200.0, 250.0, 150.0)


def test_torque_interpolates_between_points_and_is_flat_beyond_them() -> None:
    assert engine_torque(CURVE_RPM, CURVE_NM, 3000.0) == 200.0
    assert engine_torque(CURVE_RPM, CURVE_NM, 4000.0) == pytest.approx(225.0)
    assert engine_torque(CURVE_RPM, CURVE_NM, 6500.0) == pytest.approx(175.0)
    assert engine_torque(CURVE_RPM, CURVE_NM, 200.0) == 100.0
    assert engine_torque(CURVE_RPM, CURVE_NM, 9000.0) == 150.0


def test_engine_speed_follows_the_wheels_through_the_overall_ratio() -> None:
    # 0.3 m wheel at 10 m/s turns 33.3 rad/s = 318.3 rpm; overall ratio 10 gives 3183 rpm.
    assert engine_rpm_at(10.0, 10.0, 0.3) == pytest.approx(3183.1, abs=0.1)
    assert engine_rpm_at(-10.0, 10.0, 0.3) == engine_rpm_at(10.0, 10.0, 0.3)


def test_automatic_shifts_up_at_the_shift_point_flat_out_and_earlier_when_cruising() -> None:
    gb = load_car("mercedes_300_slr").gearbox
    args = (gb.ratios, gb.shift_up_rpm, gb.shift_down_rpm)
    assert auto_gear(2, gb.shift_up_rpm - 1.0, 1.0, *args) == 2
    assert auto_gear(2, gb.shift_up_rpm, 1.0, *args) == 3
    top = len(gb.ratios)
    assert auto_gear(top, gb.shift_up_rpm + 500.0, 1.0, *args) == top
    cruising_up = auto_shift_up_rpm(gb.shift_up_rpm, 0.2)
    assert cruising_up < gb.shift_up_rpm
    assert auto_gear(2, cruising_up, 0.2, *args) == 3
    assert auto_gear(2, cruising_up - 1.0, 0.2, *args) == 2
    assert auto_shift_up_rpm(gb.shift_up_rpm, 0.6) < auto_shift_up_rpm(gb.shift_up_rpm, 0.8) < gb.shift_up_rpm
    # Coasting it holds the gear past the shift point (engine braking), but never to the limiter.
    assert auto_gear(2, gb.shift_up_rpm, 0.0, *args) == 2
    assert auto_gear(2, gb.shift_up_rpm * 1.05, 0.0, *args) == 3


@pytest.mark.parametrize("car_id", car_ids())
@pytest.mark.parametrize("throttle", [0.0, 0.2, 0.5, 0.8, 1.0])
def test_automatic_never_hunts_between_two_gears(car_id: str, throttle: float) -> None:
    gb = load_car(car_id).gearbox
    args = (gb.ratios, gb.shift_up_rpm, gb.shift_down_rpm)
    for gear in range(1, len(gb.ratios) + 1):
        for rpm in range(800, 9000, 25):
            new = auto_gear(gear, float(rpm), throttle, *args)
            if new != gear:
                # The engine speed the new gear lands on must not send it straight back.
                after = rpm * gb.ratios[new - 1] / gb.ratios[gear - 1]
                assert auto_gear(new, after, throttle, *args) != gear, (gear, rpm, new)


def test_automatic_shifts_down_when_slow() -> None:
    gb = load_car("mercedes_300_sl").gearbox
    args = (gb.ratios, gb.shift_up_rpm, gb.shift_down_rpm)
    assert auto_gear(3, 2000.0, 1.0, *args) == 2
    assert auto_gear(3, gb.shift_down_rpm + 1.0, 1.0, *args) == 3
    assert auto_gear(1, 500.0, 0.0, *args) == 1
    for gear in range(2, len(gb.ratios) + 1):
        assert auto_gear(gear, 1500.0, 1.0, *args) == gear - 1


def test_automatic_leaves_reverse_and_neutral_alone() -> None:
    gb = load_car("porsche_550_spyder").gearbox
    assert auto_gear(-1, 9000.0, 1.0, gb.ratios, gb.shift_up_rpm, gb.shift_down_rpm) == -1
    assert auto_gear(0, 9000.0, 1.0, gb.ratios, gb.shift_up_rpm, gb.shift_down_rpm) == 0


def test_manual_steps_one_gear_a_press_and_reverses_only_when_stopped() -> None:
    assert manual_gear(2, True, False, 4, 20.0) == 3
    assert manual_gear(4, True, False, 4, 60.0) == 4
    assert manual_gear(3, False, True, 4, 20.0) == 2
    assert manual_gear(1, False, True, 4, 20.0) == 1
    assert manual_gear(1, False, True, 4, 0.3) == -1
    assert manual_gear(-1, True, False, 4, 0.0) == 1
    assert manual_gear(0, True, False, 4, 0.0) == 1
    assert manual_gear(2, True, True, 4, 20.0) == 2
    assert manual_gear(2, False, False, 4, 20.0) == 2
