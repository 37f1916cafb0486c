"""One line of text that holds a movement exactly, in the spirit of chess's FEN: equal lines, equal futures.

The line is the tag ``labone/1`` and eight ``key=value`` fields, in this order, separated by single spaces::

    labone/1 scale=1440.0 start=1955-05-01 train=212160 beats=0 units=656640000000 braked=0
    period_ns=125000000 next_ns=125000000

(one line; wrapped here). ``scale`` is the let-down scale as Python writes a float (the shortest text that
reads back as the same double); ``start`` the calendar date of the movement's first day; ``train`` the going
train's position in beats since midnight of that day (so it holds the time of day and the date shown); ``beats``
the balance's beats since construction; ``units`` the mainspring's state of wind in spring units; ``braked`` the
stop device (1: the crown pulled out, the cage clamped); ``period_ns`` the vibration in progress and ``next_ns``
the going time left until it ends with a beat (both 0 when run down). Nothing else of the movement can
influence its future: its other figures (the spring units a beat takes, the hands, the reserve, the amplitude)
are functions of these.

Every field has exactly one spelling (no sign, leading zero or other float spelling), so the text is canonical:
two movements have the same line if and only if they are equal, and reading a line back and writing it again
gives the same line. :func:`parse` rejects anything else with a :class:`WatchSerialError`, and so it does a
state that breaks the movement's invariants (ranges the constructor enforces, a wind beyond full, a vibration
longer than the slowest beat, a beat due after its vibration ends, a vibration in a run-down spring).
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Final

from watch_core.calibre import BEAT_NS
from watch_core.dial import BEATS_PER_DAY
from watch_core.mainspring import FULL_WIND_UNITS, LONGEST_BEAT_NS, beat_quantum

__all__ = ["SERIAL_TAG", "ExactState", "WatchSerialError", "format_serial", "parse"]

SERIAL_TAG: Final = "labone/1"
"""First field of every line: what it holds and the version of its format."""

_KEYS: Final = ("scale", "start", "train", "beats", "units", "braked", "period_ns", "next_ns")
_INTEGER: Final = re.compile(r"0|[1-9][0-9]*")


class WatchSerialError(ValueError):
    """The text is not the serialisation of a movement (malformed, or a state breaking its invariants)."""


@dataclass(frozen=True, slots=True)
class ExactState:
    """Every number of a movement that can influence its future, exactly (the fields of the line, in order)."""

    let_down_scale: float
    start_ordinal: int
    """Proleptic Gregorian ordinal of the first day (:meth:`datetime.date.toordinal`)."""
    train: int
    beats: int
    units: int
    braked: bool
    period_ns: int
    to_next_ns: int


def format_serial(state: ExactState) -> str:
    """The canonical line for ``state``."""
    start = datetime.date.fromordinal(state.start_ordinal).isoformat()
    return (
        f"{SERIAL_TAG} scale={state.let_down_scale!r} start={start} train={state.train} beats={state.beats} "
        f"units={state.units} braked={int(state.braked)} period_ns={state.period_ns} "
        f"next_ns={state.to_next_ns}"
    )


def parse(text: str) -> ExactState:
    """Read a line written by :func:`format_serial`; raise :class:`WatchSerialError` on anything else."""
    if not isinstance(text, str):
        raise WatchSerialError(f"a watch serialisation is text, got {type(text).__name__}")
    tag, *fields = text.split(" ")
    if tag != SERIAL_TAG:
        raise WatchSerialError(
            f"not a Lab One serialisation: it must start with {SERIAL_TAG!r}, got {text!r}"
        )
    if len(fields) != len(_KEYS):
        raise WatchSerialError(
            f"a watch serialisation has {len(_KEYS)} fields after {SERIAL_TAG!r} separated by single spaces, "
            f"got {len(fields)} in {text!r}"
        )
    values: dict[str, str] = {}
    for key, field in zip(_KEYS, fields, strict=True):
        name, sep, value = field.partition("=")
        if name != key or not sep:
            raise WatchSerialError(f"expected the field {key}=... in its place, got {field!r}")
        values[key] = value

    scale = _scale(values["scale"])
    start_ordinal = _date(values["start"])
    train = _natural("train", values["train"])
    beats = _natural("beats", values["beats"])
    units = _natural("units", values["units"])
    braked = values["braked"]
    period_ns = _natural("period_ns", values["period_ns"])
    to_next_ns = _natural("next_ns", values["next_ns"])

    if braked not in ("0", "1"):
        raise WatchSerialError(f"braked must be 0 or 1, got {braked!r}")
    if units > FULL_WIND_UNITS:
        raise WatchSerialError(f"units must be at most a full wind, {FULL_WIND_UNITS}, got {units}")
    if start_ordinal + train // BEATS_PER_DAY > datetime.date.max.toordinal():
        raise WatchSerialError(f"train={train} runs the calendar past {datetime.date.max.isoformat()}")
    if units == 0:
        if period_ns or to_next_ns:
            raise WatchSerialError(
                f"a run-down movement (units=0) has period_ns=0 and next_ns=0, got {period_ns} and {to_next_ns}"
            )
    elif not BEAT_NS <= period_ns <= LONGEST_BEAT_NS:
        raise WatchSerialError(
            f"period_ns of a going movement must be in [{BEAT_NS}, {LONGEST_BEAT_NS}], got {period_ns}"
        )
    elif not 1 <= to_next_ns <= period_ns:
        raise WatchSerialError(f"next_ns must be in [1, period_ns={period_ns}], got {to_next_ns}")
    return ExactState(scale, start_ordinal, train, beats, units, braked == "1", period_ns, to_next_ns)


def _scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        raise WatchSerialError(f"scale must be a float, got {text!r}") from None
    if repr(scale) != text:
        raise WatchSerialError(f"scale must be written as Python writes the float ({scale!r}), got {text!r}")
    if not (0.0 < scale < math.inf) or beat_quantum(scale) < 1:
        raise WatchSerialError(f"scale must be a positive let-down scale the spring can follow, got {text!r}")
    return scale


def _date(text: str) -> int:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise WatchSerialError(f"start must be a calendar date YYYY-MM-DD, got {text!r}") from None
    if day.isoformat() != text:
        raise WatchSerialError(f"start must be written YYYY-MM-DD ({day.isoformat()}), got {text!r}")
    return day.toordinal()


def _natural(key: str, text: str) -> int:
    if _INTEGER.fullmatch(text) is None:
        raise WatchSerialError(f"{key} must be a whole number without sign or leading zeros, got {text!r}")
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        raise WatchSerialError(f"{key} is far too large, {len(text)} digits") from None
