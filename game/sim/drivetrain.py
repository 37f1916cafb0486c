"""Engine and gearbox as pure functions: torque at an rpm, engine speed from road speed, the automatic's choice.

Gear numbers: 1.. forward, -1 reverse, 0 neutral (only while the car is being placed). Ratios are indexed by
`gear - 1`. Everything here is plain float arithmetic so the car's per-tick step can call it freely.
"""

from __future__ import annotations

import math
from bisect import bisect_right

RAD_S_TO_RPM = 60.0 / (2.0 * math.pi)

AUTO_SHIFT_INTERVAL_S = 0.6
"""The automatic waits this long after a shift before it shifts again (no hunting over a crest)."""

PART_THROTTLE = 0.3
FULL_THROTTLE = 0.9
PART_THROTTLE_UP_SHARE = 0.72
"""At PART_THROTTLE or less the automatic shifts up at this share of the shift point; flat out at all of it."""

COAST_UP_SHARE = 1.04
"""Without throttle the automatic holds a gear (engine braking) until just past the shift point."""

AUTO_REVERSE_SPEED_MS = 0.5
"""Below this speed the automatic treats the brake pedal as "back up" once the car has stopped (arcade habit)."""


def engine_torque(curve_rpm: tuple[float, ...], curve_nm: tuple[float, ...], rpm: float) -> float:
    """Full-throttle torque at `rpm`: linear between the curve's points, flat beyond its ends."""
    k = bisect_right(curve_rpm, rpm)
    if k <= 0:
        return curve_nm[0]
    if k >= len(curve_rpm):
        return curve_nm[-1]
    r0 = curve_rpm[k - 1]
    t0 = curve_nm[k - 1]
    return t0 + (curve_nm[k] - t0) * (rpm - r0) / (curve_rpm[k] - r0)


def engine_rpm_at(wheel_speed_ms: float, overall_ratio: float, wheel_radius_m: float) -> float:
    """Engine speed when the clutch is in and the driven wheels' rim moves at `wheel_speed_ms`."""
    return abs(wheel_speed_ms) / wheel_radius_m * overall_ratio * RAD_S_TO_RPM


def auto_shift_up_rpm(shift_up_rpm: float, throttle: float) -> float:
    """Where the automatic shifts up at this throttle: early when cruising, at the shift point flat out."""
    t = (throttle - PART_THROTTLE) / (FULL_THROTTLE - PART_THROTTLE)
    t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
    return shift_up_rpm * (PART_THROTTLE_UP_SHARE + (1.0 - PART_THROTTLE_UP_SHARE) * t)


def auto_gear(
    gear: int,
    rpm: float,
    throttle: float,
    ratios: tuple[float, ...],
    shift_up_rpm: float,
    shift_down_rpm: float,
) -> int:
    """The gear an automatic gearbox wants now, one step at a time.

    Up when the engine reaches the shift-up point for this throttle under power (or just past the full
    shift point without it: never over-rev on a long downhill lift); down when it falls below the shift-down
    point, as long as the lower gear would not land where it would shift straight back up. Reverse and neutral
    are left alone.
    """
    if gear < 1:
        return gear
    up_rpm = auto_shift_up_rpm(shift_up_rpm, throttle)
    if gear < len(ratios) and ((throttle > 0.05 and rpm >= up_rpm) or rpm >= COAST_UP_SHARE * shift_up_rpm):
        return gear + 1
    if gear > 1 and rpm < shift_down_rpm and rpm * ratios[gear - 2] / ratios[gear - 1] < 0.95 * up_rpm:
        return gear - 1
    return gear


def manual_gear(gear: int, shift_up: bool, shift_down: bool, n_gears: int, speed_long_ms: float) -> int:
    """The gear after the driver's shift buttons: one step a press; reverse only below walking pace."""
    if shift_up and not shift_down:
        if gear == -1:
            return 1
        return min(gear + 1, n_gears) if gear >= 1 else 1
    if shift_down and not shift_up:
        if gear > 1:
            return gear - 1
        if gear == 1 and abs(speed_long_ms) < 1.0:
            return -1
    return gear
