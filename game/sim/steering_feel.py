"""Steering feel: analogue sticks through a dead zone and a response curve, digital keys through a ramp.

Both are pure functions of the inputs and of time in ticks (no clock, no speed), so the steering that
reaches the record depends only on what the player held and for how many ticks. They live in the simulation
layer, below the input devices, so the one ramp serves both the player's keys (`game.input.mapper`) and the
human-model driver that calibrates the medals (`game.sim.human_driver`).
"""

from __future__ import annotations

import math

KEY_STEER_FULL_LOCK_S = 0.18
"""A held steering key reaches full lock in this time, like a quick hand on the wheel..."""

KEY_STEER_CENTRE_S = 0.10
"""...and the wheel comes back to the centre from full lock faster, when the key is let go."""

TRIGGER_DEAD_ZONE = 0.04
"""A trigger at rest can read a few percent; below this it reads nothing."""

_SNAP = 1e-9


def shape_stick(value: float, dead_zone: float, curve: float) -> float:
    """One stick axis (-1..1) to steering (-1..1): nothing inside the dead zone, then the rest of the travel
    rescaled to 0..1 and raised to `curve` (1 linear; higher gives finer control near the centre)."""
    magnitude = abs(value)
    if not math.isfinite(magnitude) or magnitude <= dead_zone:
        return 0.0
    live = min(1.0, (magnitude - dead_zone) / (1.0 - dead_zone))
    return math.copysign(live**curve, value)


def shape_trigger(value: float) -> float:
    """A trigger or pedal axis (0..1) past its small rest dead zone, rescaled to 0..1."""
    if not value > TRIGGER_DEAD_ZONE:
        return 0.0
    return min(1.0, (value - TRIGGER_DEAD_ZONE) / (1.0 - TRIGGER_DEAD_ZONE))


class KeyboardSteering:
    """The steering a pair of digital inputs asks for, ramped so a tap is a small correction, not full lock.

    Towards a held direction it moves at 1/KEY_STEER_FULL_LOCK_S per second; back towards the centre
    (no key, both keys, or the other key while still on this side) at 1/KEY_STEER_CENTRE_S per second.
    """

    def __init__(self) -> None:
        self.position = 0.0

    def reset(self) -> None:
        self.position = 0.0

    def advance(self, left: bool, right: bool, dt_s: float) -> float:
        target = float(right) - float(left)
        position = self.position
        if target != 0.0 and position * target >= 0.0:
            position = _towards(position, target, dt_s / KEY_STEER_FULL_LOCK_S)
        else:
            # centring first; once at the centre, the next tick steers towards the held side
            position = _towards(position, 0.0, dt_s / KEY_STEER_CENTRE_S)
        if abs(position) < _SNAP:
            position = 0.0  # float residue of the steps must not cost a tick of centring later
        self.position = position
        return position


def _towards(value: float, target: float, step: float) -> float:
    if value < target:
        return min(target, value + step)
    return max(target, value - step)
