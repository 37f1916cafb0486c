"""Tyre forces as pure functions of numbers: slip angles, the lateral curve, the friction circle, load transfer.

Conventions (one axle, in the wheel's own frame): `u` is the contact patch's speed along the wheel, `w` across
it, positive to the wheel's left; forces likewise (`fx` forward, `fy` to the left). A tyre saturates: its force
never exceeds the axle's friction limit `grip_n` = μ·Fz, whatever mix of braking, driving and cornering asks
for it (the friction circle). Two regimes:

- rolling: the wheel turns with the road; the lateral force follows the slip angle on a simplified Pacejka
  curve and the longitudinal force is whatever the engine or brakes ask, both squeezed into the circle;
- sliding: the wheel is locked (brakes, handbrake) or spinning (too much torque); the patch slides and the
  force is Coulomb friction against the sliding velocity, so when the wheel slides lengthwise there is almost
  nothing left sideways. That is what lets the handbrake swing the tail and the throttle step it out.

These run twice a tick at 30,000+ ticks a second: plain floats, the math module, no allocation beyond a tuple.
"""

from __future__ import annotations

import math

GRAVITY_MS2 = 9.81

MIN_SLIP_SPEED_MS = 2.0
"""Below this speed the slip angle is measured against this speed instead: a parked car's jitter is no slip."""

_atan = math.atan
_sin = math.sin
_sqrt = math.sqrt


def slip_angle(u_ms: float, w_ms: float) -> float:
    """Angle between where the wheel points and where its contact patch goes (positive: drifting left)."""
    rolling = abs(u_ms)
    return _atan(w_ms / (MIN_SLIP_SPEED_MS if rolling < MIN_SLIP_SPEED_MS else rolling))


def lateral_curve(slip_rad: float, stiffness_b: float, shape_c: float) -> float:
    """Pacejka's sin(C·atan(B·α)): odd in α, peaks at 1 and falls to sin(C·π/2) when fully sliding."""
    return _sin(shape_c * _atan(stiffness_b * slip_rad))


def lateral_force(u_ms: float, w_ms: float, grip_n: float, stiffness_b: float, shape_c: float) -> float:
    """The rolling tyre's pure cornering force: against the sideways slip, at most `grip_n`."""
    return -grip_n * _sin(shape_c * _atan(stiffness_b * _atan(w_ms / max(abs(u_ms), MIN_SLIP_SPEED_MS))))


def friction_circle(fx_n: float, fy_n: float, grip_n: float) -> tuple[float, float]:
    """Squeeze a demanded (fx, fy) into the circle of radius `grip_n`.

    Braking and traction have priority (the driver's foot decides them); cornering gets what is left.
    """
    if fx_n > grip_n:
        fx_n = grip_n
    elif fx_n < -grip_n:
        fx_n = -grip_n
    room = grip_n * grip_n - fx_n * fx_n
    limit = _sqrt(room) if room > 0.0 else 0.0
    if fy_n > limit:
        fy_n = limit
    elif fy_n < -limit:
        fy_n = -limit
    return fx_n, fy_n


def sliding_force(slide_u_ms: float, slide_w_ms: float, friction_n: float) -> tuple[float, float]:
    """Coulomb friction of a sliding patch: `friction_n` against the sliding velocity (forward, left)."""
    speed = _sqrt(slide_u_ms * slide_u_ms + slide_w_ms * slide_w_ms)
    if speed < 1e-6:
        return 0.0, 0.0
    k = -friction_n / speed
    return slide_u_ms * k, slide_w_ms * k


def axle_loads(
    mass_kg: float, cg_to_front_m: float, cg_to_rear_m: float, cg_height_m: float, accel_long_ms2: float
) -> tuple[float, float]:
    """Vertical load (N) on the front and rear axle while accelerating forward at `accel_long_ms2`.

    Braking (negative acceleration) moves load to the front, accelerating to the rear; each axle keeps at
    least a tenth of the weight so a wheelie or stoppie never zeroes an axle's grip.
    """
    wheelbase = cg_to_front_m + cg_to_rear_m
    weight = mass_kg * GRAVITY_MS2
    transfer = mass_kg * accel_long_ms2 * cg_height_m / wheelbase
    front = weight * cg_to_rear_m / wheelbase - transfer
    floor = 0.1 * weight
    if front < floor:
        front = floor
    elif front > weight - floor:
        front = weight - floor
    return front, weight - front


def grip_limit(mu: float, load_n: float, static_load_n: float, load_sensitivity: float) -> float:
    """The axle's friction limit μ·Fz, with μ falling as load rises above the static load (tyre load sensitivity)."""
    mu_eff = mu * (1.0 - load_sensitivity * (load_n / static_load_n - 1.0))
    return mu_eff * load_n if mu_eff > 0.0 else 0.0
