"""Steering feel for the input devices: the pure ramp and stick shaping live in `game.sim.steering_feel`, so
the human-model driver (`game.sim.human_driver`) steers through the very same ramp as the player's keys."""

from __future__ import annotations

from game.sim.steering_feel import (
    KEY_STEER_CENTRE_S,
    KEY_STEER_FULL_LOCK_S,
    TRIGGER_DEAD_ZONE,
    KeyboardSteering,
    shape_stick,
    shape_trigger,
)

__all__ = [
    "KEY_STEER_CENTRE_S",
    "KEY_STEER_FULL_LOCK_S",
    "TRIGGER_DEAD_ZONE",
    "KeyboardSteering",
    "shape_stick",
    "shape_trigger",
]
