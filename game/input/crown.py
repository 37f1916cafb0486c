"""Winding the crown: from a held key at a steady rate, or from a stick turned round (docs/design.md §4).

Which way winds. A watch's manual winding runs one way only: turned the other way, the crown's ratchet
(the click on the crown wheel) slips and nothing is wound. The near-universal convention, which we take
for the 04.03-M (its press material does not describe the keyless works), is that the crown winds when
turned clockwise as seen looking at the crown's end: at 3 o'clock that is the thumb rolling the crown
"forward", away from you towards 12; at 9 o'clock, where the Lab One's crown sits, the same
clockwise-from-the-end turn. The stick's cap is the
crown's end as the player sees it, looking down at the pad, so:

    turning the stick CLOCKWISE as the player sees it (up → right → down → left) winds;
    turning it anticlockwise does nothing (the ratchet slips).

In SDL's axis convention (x right, y down) clockwise on screen is an increasing atan2(y, x).

One stick revolution is one crown turn. The stick is tracked while it is pushed out past
STICK_ENGAGE (about 0.6 of its travel); letting it fall back towards the centre lets go of the crown.
"""

from __future__ import annotations

import math

KEYBOARD_WIND_TURNS_PER_S = 2.0
"""Holding the wind key turns the crown at this steady rate (not a setting: the same for every runner)."""

STICK_ENGAGE = 0.6
"""The stick takes hold of the crown when pushed out this far..."""

STICK_RELEASE = 0.5
"""...and lets go when it falls back inside this, so a worn stick does not drop the crown mid-turn."""

MAX_STEP_RAD = 2.0 * math.pi / 3.0
"""A jump larger than this between two samples could have gone either way round: credited as nothing."""

WIND_STEPS_PER_TICK_MAX = 255
"""The record's wind field is a uint8 of 1/512 turns: at most about half a turn a tick."""

MAX_BACKLOG_STEPS = 512
"""Winding not yet delivered (a burst faster than the record can carry) is kept up to one turn."""

_EPSILON_STEPS = 1e-6


class CrownStick:
    """Turns of the crown from one stick's successive positions; only the winding direction counts."""

    def __init__(self) -> None:
        self._angle: float | None = None

    @property
    def engaged(self) -> bool:
        """The thumb is on the crown (the stick is pushed out): the hand is off the wheel."""
        return self._angle is not None

    def reset(self) -> None:
        self._angle = None

    def advance(self, x: float, y: float) -> float:
        """Feed the stick's position now (SDL axes, y down); returns the crown turns wound since the last."""
        magnitude = math.hypot(x, y)
        threshold = STICK_RELEASE if self._angle is not None else STICK_ENGAGE
        if not magnitude >= threshold:
            self._angle = None
            return 0.0
        angle = math.atan2(y, x)
        previous, self._angle = self._angle, angle
        if previous is None:
            return 0.0
        turned = math.remainder(angle - previous, math.tau)
        if turned <= 0.0 or turned > MAX_STEP_RAD:
            return 0.0  # backwards slips the ratchet; a jump is ambiguous
        return turned / math.tau


class WindSteps:
    """Crown turns as whole 1/512 steps per tick, carrying the fraction so nothing is lost or invented.

    Holding the wind key at 2 turns/s asks 10.24 steps a tick: the record gets 10 or 11, and any
    100 ticks add up to 1024 steps (2 turns) within one step.
    """

    def __init__(self, steps_per_turn: int) -> None:
        self._steps_per_turn = steps_per_turn
        self._pending = 0.0

    def reset(self) -> None:
        self._pending = 0.0

    def add(self, turns: float) -> None:
        if turns > 0.0:
            self._pending = min(MAX_BACKLOG_STEPS, self._pending + turns * self._steps_per_turn)

    def take(self) -> int:
        """The whole steps to deliver this tick (at most what one record holds)."""
        steps = min(WIND_STEPS_PER_TICK_MAX, math.floor(self._pending + _EPSILON_STEPS))
        self._pending = max(0.0, self._pending - steps)
        return steps
