"""The per-tick input record: the only thing the simulation takes from the player.

Values are stored quantised (small integers), and the simulation reads the quantised values only, so a
replay that stores the integers reproduces the run bit for bit. Five bytes a tick: a 3-minute stage is 90 kB
before compression.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

STEER_STEPS = 127
"""Steering is an int8 in [-127, 127]; negative steers left."""

PEDAL_STEPS = 255
"""Throttle and brake are uint8 in [0, 255]."""

WIND_STEPS_PER_TURN = 512
"""Crown winding is counted in 1/512 of a crown turn per tick (uint8: at most half a turn a tick)."""

BUTTON_HANDBRAKE = 1 << 0
BUTTON_PUSHER = 1 << 1
BUTTON_SHIFT_UP = 1 << 2
BUTTON_SHIFT_DOWN = 1 << 3
BUTTON_RECOVER = 1 << 4
BUTTON_CROWN = 1 << 5
"""A hand is on the crown (the wind key held, or a stick held round on the crown), turning or not: the race
cuts the throttle for it. Records from before this bit existed carry it as `wind > 0`, which is the same rule."""
BUTTON_CHECK_IN = 1 << 6
"""Regularity rally: the time card handed to the timekeeper at a control (docs/design.md §10)."""
BUTTON_CROWN_BACK = 1 << 7
"""The crown turned backwards: with the crown pulled out in the regularity rally, the hands set back."""
_ALL_BUTTONS = (
    BUTTON_HANDBRAKE
    | BUTTON_PUSHER
    | BUTTON_SHIFT_UP
    | BUTTON_SHIFT_DOWN
    | BUTTON_RECOVER
    | BUTTON_CROWN
    | BUTTON_CHECK_IN
    | BUTTON_CROWN_BACK
)

RECORD_STRUCT = struct.Struct("<bBBBB")
"""Wire layout: steer int8, throttle uint8, brake uint8, buttons uint8, wind uint8."""

RECORD_SIZE = RECORD_STRUCT.size


class InputRecordError(ValueError):
    """An input record whose fields are out of range (a corrupt or hand-edited replay)."""


@dataclass(frozen=True, slots=True)
class InputRecord:
    """What the driver's hands did during one 10 ms tick, quantised.

    `steer` in [-127, 127] (left negative), `throttle` and `brake` in [0, 255], `buttons` a bit set of the
    BUTTON_* flags (handbrake, pusher held, shift up/down pressed this tick, recovery pressed this tick),
    `wind` in 1/512 crown turns turned this tick. Winding and the pusher are both carried so a replay
    reproduces the watch as well as the car. The record says what the hands did, never what follows from it:
    the throttle cut while winding and the crown that cannot wind while pulled out are the race's rules.
    """

    steer: int = 0
    throttle: int = 0
    brake: int = 0
    buttons: int = 0
    wind: int = 0

    def __post_init__(self) -> None:
        if not -STEER_STEPS <= self.steer <= STEER_STEPS:
            raise InputRecordError(f"steer {self.steer} outside [-{STEER_STEPS}, {STEER_STEPS}]")
        if not 0 <= self.throttle <= PEDAL_STEPS:
            raise InputRecordError(f"throttle {self.throttle} outside [0, {PEDAL_STEPS}]")
        if not 0 <= self.brake <= PEDAL_STEPS:
            raise InputRecordError(f"brake {self.brake} outside [0, {PEDAL_STEPS}]")
        if self.buttons & ~_ALL_BUTTONS:
            raise InputRecordError(f"unknown button bits {self.buttons:#04x}")
        if not 0 <= self.wind <= 255:
            raise InputRecordError(f"wind {self.wind} outside [0, 255]")

    @classmethod
    def from_controls(
        cls,
        steer: float = 0.0,
        throttle: float = 0.0,
        brake: float = 0.0,
        *,
        handbrake: bool = False,
        pusher: bool = False,
        shift_up: bool = False,
        shift_down: bool = False,
        recover: bool = False,
        crown: bool = False,
        wind_turns: float = 0.0,
        check_in: bool = False,
        crown_back: bool = False,
    ) -> InputRecord:
        """Quantise analogue controls (steer in [-1, 1], pedals in [0, 1], crown turns this tick)."""
        buttons = (
            (BUTTON_HANDBRAKE if handbrake else 0)
            | (BUTTON_PUSHER if pusher else 0)
            | (BUTTON_SHIFT_UP if shift_up else 0)
            | (BUTTON_SHIFT_DOWN if shift_down else 0)
            | (BUTTON_RECOVER if recover else 0)
            | (BUTTON_CROWN if crown else 0)
            | (BUTTON_CHECK_IN if check_in else 0)
            | (BUTTON_CROWN_BACK if crown_back else 0)
        )
        return cls(
            steer=_quantise(steer, -1.0, 1.0, STEER_STEPS),
            throttle=_quantise(throttle, 0.0, 1.0, PEDAL_STEPS),
            brake=_quantise(brake, 0.0, 1.0, PEDAL_STEPS),
            buttons=buttons,
            wind=min(255, max(0, round(wind_turns * WIND_STEPS_PER_TURN))),
        )

    def controls(self) -> tuple[float, float, float, bool, bool, bool, bool, bool, bool]:
        """The properties of these names in one call: steer, throttle and brake fractions, handbrake, shift up,
        shift down (the order `DrivingSim.step` takes them in), then pusher, recover and on crown. The race reads
        them all every tick, and a property read is a call of its own."""
        buttons = self.buttons
        return (
            self.steer / STEER_STEPS,
            self.throttle / PEDAL_STEPS,
            self.brake / PEDAL_STEPS,
            bool(buttons & BUTTON_HANDBRAKE),
            bool(buttons & BUTTON_SHIFT_UP),
            bool(buttons & BUTTON_SHIFT_DOWN),
            bool(buttons & BUTTON_PUSHER),
            bool(buttons & BUTTON_RECOVER),
            bool(buttons & BUTTON_CROWN) or self.wind > 0,
        )

    @property
    def steer_fraction(self) -> float:
        return self.steer / STEER_STEPS

    @property
    def throttle_fraction(self) -> float:
        return self.throttle / PEDAL_STEPS

    @property
    def brake_fraction(self) -> float:
        return self.brake / PEDAL_STEPS

    @property
    def wind_turns(self) -> float:
        return self.wind / WIND_STEPS_PER_TURN

    @property
    def handbrake(self) -> bool:
        return bool(self.buttons & BUTTON_HANDBRAKE)

    @property
    def pusher(self) -> bool:
        return bool(self.buttons & BUTTON_PUSHER)

    @property
    def shift_up(self) -> bool:
        return bool(self.buttons & BUTTON_SHIFT_UP)

    @property
    def shift_down(self) -> bool:
        return bool(self.buttons & BUTTON_SHIFT_DOWN)

    @property
    def recover(self) -> bool:
        return bool(self.buttons & BUTTON_RECOVER)

    @property
    def check_in(self) -> bool:
        return bool(self.buttons & BUTTON_CHECK_IN)

    @property
    def crown_back(self) -> bool:
        return bool(self.buttons & BUTTON_CROWN_BACK)

    @property
    def on_crown(self) -> bool:
        """A hand is on the crown: the crown bit, or crown turns delivered this tick."""
        return bool(self.buttons & BUTTON_CROWN) or self.wind > 0

    def pack(self) -> bytes:
        return RECORD_STRUCT.pack(self.steer, self.throttle, self.brake, self.buttons, self.wind)

    @classmethod
    def unpack(cls, data: bytes | memoryview) -> InputRecord:
        steer, throttle, brake, buttons, wind = RECORD_STRUCT.unpack(data)
        return cls(steer, throttle, brake, buttons, wind)


NEUTRAL = InputRecord()
"""Hands off: no steering, no pedals, nothing pressed."""


def pack_records(records: list[InputRecord] | tuple[InputRecord, ...]) -> bytes:
    """All records back to back, RECORD_SIZE bytes each."""
    return b"".join(r.pack() for r in records)


def unpack_records(data: bytes) -> list[InputRecord]:
    """The inverse of `pack_records`; raises InputRecordError on a length or field that does not fit."""
    if len(data) % RECORD_SIZE:
        raise InputRecordError(f"{len(data)} bytes is not a whole number of {RECORD_SIZE}-byte records")
    return [InputRecord(*fields) for fields in RECORD_STRUCT.iter_unpack(data)]


def _quantise(value: float, low: float, high: float, steps: int) -> int:
    clamped = min(high, max(low, float(value)))
    return round(clamped * steps)
