"""Steering feel: analogue sticks through a dead zone and a response curve, digital keys through a ramp.

A stick is a pure function of where the thumb is. Keys are a ramp in time towards where each key reaches
(`KeyReach`), and at speed that reach follows the car (`key_reach`, docs/design.md §11): with no key the
wheels point where the front of the car is going, as a real car's caster lets a loose wheel do, and a held
key turns them past that by about the front tyres' peak slip angle, the most grip a bend can use. So a
held key is a committed bend at any speed, not an overshoot into understeer, and letting go of the keys in a
slide counter-steers by itself; a stick gets none of this, a thumb does it. What the ramp gives is what goes
in the record, so a replay never depends on the assist. These live in the simulation layer, below the input
devices, so the one ramp serves both the player's keys (`game.input.mapper`) and the human-model driver that
calibrates the medals (`game.sim.human_driver`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sim.car import steer_lock_rad
from game.sim.cars import CarSpec
from game.sim.snapshot import CarSnapshot

KEY_STEER_FULL_LOCK_S = 0.18
"""A held steering key reaches full lock in this time, like a quick hand on the wheel..."""

KEY_STEER_CENTRE_S = 0.10
"""...and the wheel comes back to the centre from full lock faster, when the key is let go."""

KEY_GRIP_REACH = 1.0
"""At speed a held key turns the front wheels this many peak slip angles past the way they travel."""

KEY_ASSIST_FROM_MS = 3.0
KEY_ASSIST_FULL_MS = 8.0
"""Below the first speed the keys reach full lock either way around the centre (parking, a hairpin, a
recovery); the reach follows the car fully from the second, blended between."""

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


@dataclass(frozen=True, slots=True)
class KeyReach:
    """Where the steering keys take the wheel (-1..1 of the lock, right positive): the left key, no key (or
    both), the right key."""

    left: float = -1.0
    centre: float = 0.0
    right: float = 1.0


FULL_REACH = KeyReach()
"""The keys with no car to follow: full lock either way around the straight-ahead."""


def key_reach(car: CarSpec, state: CarSnapshot) -> KeyReach:
    """Where the keys take the wheel of `car` in `state`: around the way the front wheels travel, by
    KEY_GRIP_REACH peak slip angles, within the lock the speed allows; full lock when slow or reversing."""
    cos_h = math.cos(state.heading_rad)
    sin_h = math.sin(state.heading_rad)
    forward = state.vx_ms * cos_h + state.vy_ms * sin_h
    follow = (forward - KEY_ASSIST_FROM_MS) / (KEY_ASSIST_FULL_MS - KEY_ASSIST_FROM_MS)
    if follow <= 0.0:
        return FULL_REACH
    follow = min(1.0, follow)
    leftward = state.vy_ms * cos_h - state.vx_ms * sin_h + state.yaw_rate_rad_s * car.chassis.cg_to_front_m
    lock = steer_lock_rad(car.steering, state.speed_ms)
    travel = -math.atan2(leftward, forward) / lock  # the record's steer is positive to the right
    grip = KEY_GRIP_REACH * car.tyres.front.peak_slip_rad / lock
    centre = _clamp(travel)
    return KeyReach(
        left=follow * _clamp(travel - grip) - (1.0 - follow),
        centre=follow * centre,
        right=follow * _clamp(travel + grip) + (1.0 - follow),
    )


class KeyboardSteering:
    """The steering a pair of digital inputs asks for, ramped so a tap is a small correction, not full lock.

    Towards a held key's reach it moves at the reach's half-span (1 with FULL_REACH) per KEY_STEER_FULL_LOCK_S,
    so a tap at speed is as small a share of the usable steering as when parking; back towards the centre
    (no key, both keys, or the other key while still on this side) at full lock per KEY_STEER_CENTRE_S.
    """

    def __init__(self) -> None:
        self.position = 0.0

    def reset(self) -> None:
        self.position = 0.0

    def advance(self, left: bool, right: bool, dt_s: float, reach: KeyReach = FULL_REACH) -> float:
        centre = reach.centre
        target = reach.right if right and not left else reach.left if left and not right else centre
        position = self.position
        if left != right and (position - centre) * (target - centre) >= 0.0:
            span = 0.5 * (reach.right - reach.left)
            position = _towards(position, target, span * dt_s / KEY_STEER_FULL_LOCK_S)
        else:
            # centring first; once at the centre, the next tick steers towards the held side
            position = _towards(position, centre, dt_s / KEY_STEER_CENTRE_S)
        if abs(position - centre) < _SNAP:
            position = centre  # float residue of the steps must not cost a tick of centring later
        self.position = position
        return position


def _clamp(value: float) -> float:
    return -1.0 if value < -1.0 else 1.0 if value > 1.0 else value


def _towards(value: float, target: float, step: float) -> float:
    if value < target:
        return min(target, value + step)
    return max(target, value - step)
