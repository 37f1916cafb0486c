"""A faithful, deterministic model of the Chopard Mille Miglia Lab One's Calibre 04.03-M.

Pure Python, no I/O, no clock: the watch advances only when told to, in exact integer time, so it can drive a
deterministic game and its replays.

>>> from watch_core import LabOne
>>> w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1), let_down_scale=let_down_scale_for(150.0))
>>> w.advance(0.125)  # the beats made, each a tick to be heard
1
>>> w.state.seconds_deg, w.state.beats
(0.75, 1)
>>> w.press(); w.flyback(); w.state.seconds_deg
0.0
>>> LabOne.from_serial(w.serialise()) == w  # one exact, canonical line of text (watch_core.serial)
True

The figures of the real calibre and their sources are in :mod:`watch_core.calibre`.
"""

from watch_core.calibre import (
    BEAT_NS,
    BEATS_PER_HOUR,
    CALIBRE,
    FULL_AMPLITUDE_DEG,
    ISOCHRONOUS_AMPLITUDE_DEG,
    MIN_AMPLITUDE_DEG,
    POWER_RESERVE_H,
    TURNS_TO_FULL_WIND,
)
from watch_core.dial import ARC_SPAN_DEG, ARC_START_DEG, days_in_month
from watch_core.let_down import full_wind_run_s, let_down_scale_for
from watch_core.movement import LabOne
from watch_core.reading import WatchReading
from watch_core.serial import WatchSerialError
from watch_core.state import StoppedReason, WatchState

__all__ = [
    "ARC_SPAN_DEG",
    "ARC_START_DEG",
    "BEATS_PER_HOUR",
    "BEAT_NS",
    "CALIBRE",
    "FULL_AMPLITUDE_DEG",
    "ISOCHRONOUS_AMPLITUDE_DEG",
    "MIN_AMPLITUDE_DEG",
    "POWER_RESERVE_H",
    "TURNS_TO_FULL_WIND",
    "LabOne",
    "StoppedReason",
    "WatchReading",
    "WatchSerialError",
    "WatchState",
    "days_in_month",
    "full_wind_run_s",
    "let_down_scale_for",
]
