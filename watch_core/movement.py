"""The Lab One movement: mainspring, going train, escapement, stop-tourbillon, hands and complications.

Time is kept in integer nanoseconds and the spring in integer units, so the model is exact: the escapement
takes a fixed quantum of spring energy per beat, so reserve, amplitude and the length of the next beat are
functions of the beat count, and the time to the next beat is an integer. Hence splitting an
:meth:`LabOne.advance` into any sequence of smaller steps gives exactly the same watch, beats and angles
included. Float steps are rounded to the nearest nanosecond (:meth:`LabOne.advance`); the split invariance is
exact for steps that are whole nanoseconds, which every decimal step of up to nine decimals is (the game's
0.01 s tick included). Use :meth:`LabOne.advance_ns` to stay in integers.

Advancing is O(1) per beat, and O(1) for any span while the movement keeps time (amplitude at or above 240°),
so a whole day at the real scale costs microseconds; only the slow last hours of a run are taken beat by beat.
"""

from __future__ import annotations

import datetime
import math
import operator
from typing import Final

from watch_core.calibre import BEAT_NS, BEATS_PER_SECOND, TURNS_TO_FULL_WIND
from watch_core.dial import (
    BEATS_PER_DAY,
    BEATS_PER_MINUTE,
)
from watch_core.mainspring import (
    FULL_WIND_UNITS,
    ISOCHRONOUS_UNITS,
    UNITS_PER_TURN,
    beat_period_ns,
    beat_quantum,
)
from watch_core.reading import WatchReading, balance_swing, dial_state, make_reading
from watch_core.serial import ExactState, format_serial, parse
from watch_core.state import WatchState

__all__ = ["LabOne"]

_NS_PER_S: Final = 1_000_000_000
_INF: Final = math.inf
_UNITS_PER_TURN_F: Final = float(UNITS_PER_TURN)
"""The same double Python converts ``UNITS_PER_TURN`` to in ``turns * UNITS_PER_TURN``, converted once."""


class LabOne:
    """A Chopard Mille Miglia Lab One, Calibre 04.03-M, that advances only when told to.

    >>> w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1), let_down_scale=1440.0)
    >>> w.advance(60.0)  # the beats made
    480
    >>> w.state.minute_deg, w.state.beats
    (138.0, 480)

    ``time_of_day_s`` is rounded to the nearest beat (1/8 s). ``wound_turns=None`` means fully wound,
    otherwise it is the state of wind in crown turns, ``0 <= wound_turns <= TURNS_TO_FULL_WIND``.
    ``let_down_scale`` is how many times faster than the real calibre the mainspring runs down (see
    :mod:`watch_core.let_down`).

    The crown has the real watch's two positions: pulled out, it engages the stop device (:meth:`press`) and
    cannot wind; pushed in (:meth:`release`), it winds (:meth:`wind`). The self-winding rotor winds in either
    position (:meth:`rotor_wind`).
    """

    __slots__ = (
        "_beats",
        "_braked",
        "_let_down_scale",
        "_period_ns",
        "_quantum",
        "_start_ordinal",
        "_state",
        "_to_next_ns",
        "_train",
        "_units",
    )

    def __init__(
        self,
        *,
        time_of_day_s: float = 0.0,
        date: tuple[int, int, int] = (1955, 5, 1),
        wound_turns: float | None = None,
        let_down_scale: float = 1.0,
    ) -> None:
        if not (0.0 <= time_of_day_s < 86_400.0):
            raise ValueError(f"time_of_day_s must be in [0, 86400), got {time_of_day_s!r}")
        try:
            start = datetime.date(*date)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"date must be a calendar date (year, month, day), got {date!r}: {exc}"
            ) from None
        if wound_turns is None:
            units = FULL_WIND_UNITS
        elif 0.0 <= wound_turns <= TURNS_TO_FULL_WIND:
            units = round(wound_turns * UNITS_PER_TURN)
        else:
            raise ValueError(f"wound_turns must be None or in [0, {TURNS_TO_FULL_WIND}], got {wound_turns!r}")
        if not (0.0 < let_down_scale < _INF):
            raise ValueError(f"let_down_scale must be a positive number, got {let_down_scale!r}")
        quantum = beat_quantum(let_down_scale)
        if quantum < 1:
            raise ValueError(f"let_down_scale {let_down_scale!r} is too small to let the spring down at all")

        self._let_down_scale = float(let_down_scale)
        self._quantum = quantum
        """Spring units the escapement takes per beat."""
        self._units = units
        """State of wind, in spring units above 'stopped'."""
        self._braked = False
        self._beats = 0
        """Beats of the balance since construction."""
        self._train = round(time_of_day_s * BEATS_PER_SECOND) % BEATS_PER_DAY
        """Going train position: beats since midnight of the first day (fly-back may set it back)."""
        self._start_ordinal = start.toordinal()
        self._period_ns = beat_period_ns(units) if units else 0
        """Length of the vibration in progress; 0 when run down."""
        self._to_next_ns = self._period_ns
        """Nanoseconds of going time until the vibration in progress ends with a beat."""
        self._state: WatchState | None = None

    # -- time ---------------------------------------------------------------------------------------------

    def advance(self, seconds: float) -> int:
        """Let ``seconds`` of time pass (rounded to the nearest nanosecond); return the beats made (each a tick
        of the balance to be heard).

        While braked or run down nothing moves and no reserve is used.
        """
        if not (0.0 <= seconds < _INF):
            raise ValueError(f"advance needs a finite, non-negative number of seconds, got {seconds!r}")
        ns = round(seconds * _NS_PER_S)
        if self._braked or not self._units:
            return 0
        to_next = self._to_next_ns
        if ns < to_next:
            self._to_next_ns = to_next - ns
            return 0
        beats = self._beats
        self._run(ns - to_next)
        return self._beats - beats

    def advance_ns(self, ns: int) -> int:
        """Let ``ns`` whole nanoseconds pass: :meth:`advance` without the float (floats raise TypeError)."""
        ns = operator.index(ns)
        if ns < 0:
            raise ValueError(f"advance_ns needs a non-negative number of nanoseconds, got {ns!r}")
        if self._braked or not self._units:
            return 0
        to_next = self._to_next_ns
        if ns < to_next:
            self._to_next_ns = to_next - ns
            return 0
        beats = self._beats
        self._run(ns - to_next)
        return self._beats - beats

    def _run(self, rem_ns: int) -> None:
        """The vibration in progress has just ended; play out the beats that fit in ``rem_ns`` more."""
        q = self._quantum
        units = self._units
        beats = self._beats
        train = self._train
        while True:
            # A beat: the escapement unlocks, takes its quantum of spring energy, the train steps on.
            units -= q
            beats += 1
            train += 1
            if units <= 0:
                units = period = to_next = 0  # run down: the balance stops; the rest of the step is lost
                break
            period = BEAT_NS if units >= ISOCHRONOUS_UNITS else beat_period_ns(units)
            if rem_ns < period:
                to_next = period - rem_ns
                break
            if units >= ISOCHRONOUS_UNITS:
                # Keeping time: the next m vibrations all last BEAT_NS; take m - 1 of their beats at once
                # and leave the last to the top of the loop (identical to beating them one by one).
                m = min(rem_ns // BEAT_NS, (units - ISOCHRONOUS_UNITS) // q + 1)
                k = m - 1
                units -= k * q
                beats += k
                train += k
                rem_ns -= m * BEAT_NS
            else:
                rem_ns -= period
        self._units = units
        self._beats = beats
        self._train = train
        self._period_ns = period
        self._to_next_ns = to_next
        self._state = None

    # -- crown, rotor, pusher -----------------------------------------------------------------------------

    def wind(self, turns: float) -> float:
        """Turn the crown ``turns`` times; return the turns that charged the spring (the rest slipped).

        Returns 0.0 while the stop device is engaged: the crown is pulled out and does not wind. Turning it
        backwards (negative ``turns``) only clicks over the ratchet and also returns 0.0. A run-down movement
        starts again with the first turn.
        """
        if self._braked:
            if math.isnan(turns):
                raise ValueError("wind needs a number of turns, got nan")
            return 0.0
        return self.rotor_wind(turns)  # pushed in, the crown charges the spring just as the rotor does

    def rotor_wind(self, turns: float) -> float:
        """Wind by the self-winding rotor, ``turns`` crown-turn equivalents; works in either crown position.

        Returns the turns that charged the spring, like :meth:`wind` (which winds through here: the rotor is
        the one that charges at nearly every tick, so it is the one spared a call).
        """
        if not (turns > 0.0 and turns < _INF):  # not chained: two plain float tests are cheaper
            if -_INF < turns <= 0.0:  # backwards or nothing: the ratchet clicks over (nan fails both tests)
                return 0.0
            raise ValueError(f"wind needs a finite number of turns, got {turns!r}")
        added = int(turns * _UNITS_PER_TURN_F)  # floor: never more than asked
        room = FULL_WIND_UNITS - self._units
        if added > room:  # not min(): the rotor charges at nearly every tick
            added = room
        if added <= 0:
            return 0.0
        if not self._units:
            # The balance starts from rest with the spring's first charge (the spec's restart on winding).
            self._period_ns = self._to_next_ns = beat_period_ns(added)
        self._units += added
        self._state = None
        return added / UNITS_PER_TURN

    def press(self) -> None:
        """Engage the stop device: the brake clamps the tourbillon cage and the whole going train stops."""
        if not self._braked:
            self._braked = True
            self._state = None

    def release(self) -> None:
        """Release the stop device: the movement runs on from exactly where it stood."""
        if self._braked:
            self._braked = False
            self._state = None

    def flyback(self) -> None:
        """While braked, return the cage's small seconds to 0 (assisted fly-back, docs/design.md §3).

        The going train is set back to the start of its current minute, so the minute and hour hands go back
        with the seconds (by less than a minute; never across midnight, so the date does not change).
        """
        if not self._braked:
            raise RuntimeError("flyback() needs the stop device engaged: call press() first")
        back = self._train % BEATS_PER_MINUTE
        if back:
            self._train -= back
            self._state = None

    def set_hands(self, minutes: int) -> None:
        """While the crown is pulled out, turn it to move the hands ``minutes`` whole minutes (back if negative).

        The crown pulled out is the stop device (:meth:`press`), so the seconds are hacked while setting, as
        on the real piece: set the minute, then push the crown in (:meth:`release`) on the official clock's
        second. The hour hand and the date follow the minute hand, across midnight forwards and back (a date
        set back before the movement's first day moves that day back too). The small seconds do not move. The
        going train moves by whole beats, so setting is exact and ``set_hands(n); set_hands(-n)`` restores
        the watch.
        """
        minutes = operator.index(minutes)
        if not self._braked:
            raise RuntimeError(
                "set_hands() needs the crown pulled out (the stop device engaged): call press()"
            )
        if not minutes:
            return
        train = self._train + minutes * BEATS_PER_MINUTE
        if train < 0:
            days_back = -(train // BEATS_PER_DAY)
            if self._start_ordinal - days_back < 1:
                raise ValueError(f"set_hands({minutes}) would set the date before 0001-01-01")
            self._start_ordinal -= days_back
            train += days_back * BEATS_PER_DAY
        elif self._start_ordinal + train // BEATS_PER_DAY > datetime.date.max.toordinal():
            raise ValueError(f"set_hands({minutes}) would set the date past {datetime.date.max.isoformat()}")
        self._train = train
        self._state = None

    # -- reading --------------------------------------------------------------------------------------------

    @property
    def state(self) -> WatchState:
        """Everything a renderer needs, as a frozen snapshot; the same object until something changes."""
        state = self._state
        if state is None:
            state = self._state = dial_state(
                self._units, self._braked, self._train, self._beats, self._start_ordinal, self._quantum
            )
        return state

    def reading(self) -> WatchReading:
        """The movement now, for reading its dial later (:class:`~watch_core.reading.WatchReading`): what a game
        keeps at every tick, a few exact numbers, where a whole :attr:`state` would be worked out for each."""
        return make_reading(
            self._units,
            self._braked,
            self._train,
            self._beats,
            self._period_ns,
            self._to_next_ns,
            self._start_ordinal,
            self._quantum,
        )

    @property
    def running(self) -> bool:
        """The balance swings: neither braked nor run down."""
        return not self._braked and self._units > 0

    @property
    def braked(self) -> bool:
        return self._braked

    @property
    def let_down(self) -> bool:
        """Run down and not braked: the balance stands until the spring is charged again (in the game only a
        crown turn does that, docs/design.md §4). `not let_down` is `running or braked` in one look (the race
        asks every tick)."""
        return not (self._braked or self._units)

    @property
    def beats(self) -> int:
        """Beats of the balance since construction, without building a whole :attr:`state`."""
        return self._beats

    @property
    def let_down_scale(self) -> float:
        return self._let_down_scale

    @property
    def ns_to_next_beat(self) -> int | None:
        """Going time until the next beat (for scheduling its tick sound), ``None`` when run down."""
        return self._to_next_ns if self._units else None

    @property
    def balance_deg(self) -> float:
        """The balance wheel's angle from rest now, for drawing it swing; 0 when it is still.

        Not part of :attr:`state` because it changes at every step, while the state changes only at beats.
        Each beat is a half oscillation: the balance swings out to its amplitude and back through rest, in
        alternate directions.
        """
        return balance_swing(self._units, self._braked, self._beats, self._period_ns, self._to_next_ns)

    # -- exact state ----------------------------------------------------------------------------------------

    def serialise(self) -> str:
        """The movement as one canonical line of text (:mod:`watch_core.serial`): equal lines, equal futures.

        >>> w = LabOne(time_of_day_s=60.0, let_down_scale=1440.0)
        >>> w.serialise().split()[1:4]
        ['scale=1440.0', 'start=1955-05-01', 'train=480']
        >>> LabOne.from_serial(w.serialise()) == w
        True
        """
        return format_serial(self._exact())

    @classmethod
    def from_serial(cls, text: str) -> LabOne:
        """The movement a :meth:`serialise` line holds, equal to the one that wrote it and with its future.

        Raises :class:`~watch_core.serial.WatchSerialError` (a ``ValueError``) on malformed text or a state that
        breaks the movement's invariants.
        """
        exact = parse(text)
        watch = cls.__new__(cls)
        watch._let_down_scale = exact.let_down_scale
        watch._quantum = beat_quantum(exact.let_down_scale)
        watch._units = exact.units
        watch._braked = exact.braked
        watch._beats = exact.beats
        watch._train = exact.train
        watch._start_ordinal = exact.start_ordinal
        watch._period_ns = exact.period_ns
        watch._to_next_ns = exact.to_next_ns
        watch._state = None
        return watch

    def _exact(self) -> ExactState:
        return ExactState(
            self._let_down_scale,
            self._start_ordinal,
            self._train,
            self._beats,
            self._units,
            self._braked,
            self._period_ns,
            self._to_next_ns,
        )

    def __eq__(self, other: object) -> bool:
        """Two watches are equal when every part of them stands exactly the same (the let-down scale too), that
        is when their :meth:`serialise` lines are the same."""
        if not isinstance(other, LabOne):
            return NotImplemented
        return self._exact() == other._exact()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        s = self.state
        whole = int(s.time_of_day_s)
        clock = f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{s.time_of_day_s % 60:06.3f}"
        y, m, d = s.date
        status = "running" if s.running else s.stopped_reason
        return (
            f"<LabOne {clock} {y:04d}-{m:02d}-{d:02d} {status}, reserve {s.reserve_h:.2f} h "
            f"({s.wound_turns:.2f} turns), amplitude {s.amplitude_deg:.0f}°, beats {s.beats}, "
            f"let_down_scale {self._let_down_scale:g}>"
        )
