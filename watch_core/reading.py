"""The movement as it stood at one moment, and what its dial shows then, worked out when first asked.

A :class:`~watch_core.movement.LabOne` changes at nearly every step of a game (the rotor winds a little each
tick), and every change is a new :class:`~watch_core.state.WatchState`: nineteen numbers, the hands, the date, the
reserve and the balance's amplitude among them. A game keeps the watch of every tick in its snapshot, but a screen
reads the dial once a frame (fewer than two ticks in three at 100 ticks and 60 frames a second), and a headless
re-simulation never. A :class:`WatchReading` holds the few exact numbers the dial follows from, taken at once, and
works the state out on its first read, the same values :attr:`LabOne.state` gives.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from watch_core.calibre import BEAT_NS, BEATS_PER_SECOND, POWER_RESERVE_H
from watch_core.dial import BEATS_PER_DAY, arc_deg, cage_deg, date_fraction, hour_deg, minute_deg
from watch_core.frozen import positional_builder
from watch_core.mainspring import (
    FULL_WIND_UNITS,
    ISOCHRONOUS_UNITS,
    UNITS_PER_TURN,
    amplitude_deg,
    rate_s_per_day,
)
from watch_core.state import WatchState

__all__ = ["WatchReading", "balance_swing", "dial_state"]

_NS_PER_S: Final = 1_000_000_000

_make_state: Final = positional_builder(WatchState)


@dataclass(frozen=True, slots=True)
class WatchReading:
    """The exact numbers of a movement its dial follows from, at one moment (see :meth:`LabOne.reading`).

    Two readings are equal when those numbers are; :attr:`state` and :attr:`balance_deg` are worked out on the
    first read and kept.
    """

    units: int
    braked: bool
    train: int
    beats: int
    period_ns: int
    to_next_ns: int
    start_ordinal: int
    quantum: int
    _state: WatchState | None = field(default=None, compare=False, repr=False)
    _balance: float | None = field(default=None, compare=False, repr=False)
    """What the first reads worked out, kept (set through `object.__setattr__`: the reading itself never changes)."""

    @classmethod
    def showing(cls, state: WatchState, balance_deg: float = 0.0) -> WatchReading:
        """A reading that shows the dial given, for scripted scenes and tests of what reads a snapshot, where no
        movement stands behind the dial. Its numbers are the dial's beats and brake, the rest 0 (no movement has
        them): only its `state` and `balance_deg` mean anything."""
        return cls(0, state.braked, 0, state.beats, 0, 0, 0, 1, state, balance_deg)

    @property
    def state(self) -> WatchState:
        """Everything the dial shows, as :attr:`LabOne.state` gave it at this moment."""
        state = self._state
        if state is None:
            state = dial_state(
                self.units, self.braked, self.train, self.beats, self.start_ordinal, self.quantum
            )
            object.__setattr__(self, "_state", state)
        return state

    @property
    def balance_deg(self) -> float:
        """The balance wheel's swing at this moment, as :attr:`LabOne.balance_deg` gave it."""
        swing = self._balance
        if swing is None:
            swing = balance_swing(self.units, self.braked, self.beats, self.period_ns, self.to_next_ns)
            object.__setattr__(self, "_balance", swing)
        return swing


make_reading: Final = positional_builder(WatchReading)
"""`WatchReading(...)` made fast: a game takes one at every tick."""


@lru_cache(maxsize=4)
def _amplitude(units: int) -> tuple[float, float]:
    """(amplitude, rate) at this state of wind (`amplitude_deg`, `rate_s_per_day`), computed once per state of wind:
    the balance and the state both read it. From ``ISOCHRONOUS_UNITS`` up the amplitude is at least the
    isochronous one (it rises with the wind), so the rate is 0.0 without asking, as
    :func:`~watch_core.mainspring.beat_period_ns` takes it."""
    amplitude = amplitude_deg(units / FULL_WIND_UNITS)
    return amplitude, 0.0 if units >= ISOCHRONOUS_UNITS else rate_s_per_day(amplitude)


@lru_cache(maxsize=4)
def _hands(train: int) -> tuple[float, float, float, int, float]:
    """(hour, minute, seconds angles, day index, time of day) at a train position: it steps 8 times a second."""
    day, beat_of_day = divmod(train, BEATS_PER_DAY)
    return hour_deg(train), minute_deg(train), cage_deg(train), day, beat_of_day / BEATS_PER_SECOND


@lru_cache(maxsize=4)
def _calendar(ordinal: int) -> tuple[tuple[int, int, int], float, float]:
    """(date, date fraction, its arc angle) of a day: days change rarely."""
    today = datetime.date.fromordinal(ordinal)
    ymd = (today.year, today.month, today.day)
    fraction_of_month = date_fraction(*ymd)
    return ymd, fraction_of_month, arc_deg(fraction_of_month)


def dial_state(
    units: int, braked: bool, train: int, beats: int, start_ordinal: int, quantum: int
) -> WatchState:
    """The dial of a movement in this exact state (:attr:`LabOne.state`, :attr:`WatchReading.state`)."""
    fraction = units / FULL_WIND_UNITS
    running = not braked and units > 0
    amplitude, rate = _amplitude(units) if running else (0.0, 0.0)
    hour, minute, seconds, day, time_of_day = _hands(train)
    ymd, date_hand, date_arc = _calendar(start_ordinal + day)
    return _make_state(  # positional, in field order
        running,
        braked,
        fraction * POWER_RESERVE_H,
        fraction,
        units / UNITS_PER_TURN,
        amplitude,
        rate,
        hour,
        minute,
        seconds,
        seconds,
        arc_deg(fraction),
        ymd,
        date_arc,
        beats,
        time_of_day,
        date_hand,
        None if running else ("braked" if braked else "run down"),
        -(-units // quantum) * BEAT_NS / _NS_PER_S,
    )


def balance_swing(units: int, braked: bool, beats: int, period_ns: int, to_next_ns: int) -> float:
    """The balance wheel's angle from rest, for drawing it swing; 0 when it is still (:attr:`LabOne.balance_deg`).

    Each beat is a half oscillation: the balance swings out to its amplitude and back through rest, in
    alternate directions.
    """
    if braked or not units:
        return 0.0
    swing = _amplitude(units)[0] * math.sin(math.pi * (period_ns - to_next_ns) / period_ns)
    return swing if beats % 2 == 0 else -swing
