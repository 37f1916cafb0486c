"""Where the hands stand: hours, minutes, the tourbillon's small seconds, and the two hands on arcs.

The going train's position is an integer count of beats since midnight of the watch's first day, so every
angle is an exact function of an integer: the seconds step by 0.75° a beat (480 beats a turn of the cage),
the minute and hour hands by 1/8 s of their own travel.

Angles are degrees clockwise from 12 o'clock, in ``[0, 360)``. The power-reserve and retrograde date hands
sweep an arc about their own sub-dial axis (power reserve at 7:30, date at 4:30): from ``ARC_START_DEG``
(empty, day 1) clockwise through ``ARC_SPAN_DEG`` (full, the month's last day), i.e. from 10 to 2 o'clock of
the sub-dial. Renderers that draw their own arc can use the fractions instead.
"""

from __future__ import annotations

import calendar
from typing import Final

from watch_core.calibre import BEATS_PER_SECOND

BEATS_PER_MINUTE: Final = 60 * BEATS_PER_SECOND
"""Beats in one turn of the tourbillon cage (which carries the small seconds)."""
BEATS_PER_HOUR_HAND_TURN: Final = 12 * 3600 * BEATS_PER_SECOND
BEATS_PER_MINUTE_HAND_TURN: Final = 3600 * BEATS_PER_SECOND
BEATS_PER_DAY: Final = 86_400 * BEATS_PER_SECOND

ARC_START_DEG: Final = 300.0
"""Where the arc hands rest at empty / day 1: 60° anticlockwise of the sub-dial's 12."""
ARC_SPAN_DEG: Final = 120.0
"""Clockwise sweep of the arc hands from empty / day 1 to full / last day of the month."""


def cage_deg(train_beats: int) -> float:
    """Tourbillon cage (and small seconds) angle: one turn per 480 beats, exact at every beat."""
    return (train_beats % BEATS_PER_MINUTE) * 360 / BEATS_PER_MINUTE


def minute_deg(train_beats: int) -> float:
    return (train_beats % BEATS_PER_MINUTE_HAND_TURN) * 360 / BEATS_PER_MINUTE_HAND_TURN


def hour_deg(train_beats: int) -> float:
    return (train_beats % BEATS_PER_HOUR_HAND_TURN) * 360 / BEATS_PER_HOUR_HAND_TURN


def arc_deg(fraction: float) -> float:
    """Angle of a hand standing at ``fraction`` (0..1) of the sub-dial arc."""
    return (ARC_START_DEG + ARC_SPAN_DEG * fraction) % 360.0


def days_in_month(year: int, month: int) -> int:
    """28–31, leap years by the Gregorian rule (1900 is not one, 2000 is)."""
    return calendar.monthrange(year, month)[1]


def date_fraction(year: int, month: int, day: int) -> float:
    """Position of the retrograde date hand on its arc: 0 on the 1st, 1 on the month's last day."""
    return (day - 1) / (days_in_month(year, month) - 1)
