"""The mainspring in its barrel: state of wind, torque, and what the balance makes of that torque.

The spring's state of wind is kept as an integer count of *spring units* so that the escapement can take an
exact, fixed quantum of energy per beat: reserve, amplitude and beat length are then functions of an integer,
and any way of slicing time gives the same beats (see :mod:`watch_core.movement`).

The torque curve is the shape of a real barrel's: highest at full wind, a long gently falling plateau through
the day, then a steep fall over the last hours as the spring's inner coils let down. The balance's amplitude
goes as the square root of the torque (the energy it receives per swing is proportional to the torque, and the
energy it holds to the amplitude squared). Below :data:`~watch_core.calibre.ISOCHRONOUS_AMPLITUDE_DEG` the
movement runs slow, more so the lower the amplitude, and it stops where the amplitude would fall below
:data:`~watch_core.calibre.MIN_AMPLITUDE_DEG`, which is where the state of wind reads zero.
"""

from __future__ import annotations

import math
from typing import Final

from watch_core.calibre import (
    BEAT_NS,
    BEATS_PER_HOUR,
    FULL_AMPLITUDE_DEG,
    ISOCHRONOUS_AMPLITUDE_DEG,
    MIN_AMPLITUDE_DEG,
    POWER_RESERVE_H,
    RATE_AT_MIN_AMPLITUDE_S_PER_DAY,
    TURNS_TO_FULL_WIND,
)

UNITS_PER_BEAT: Final = 380_000
"""Spring units one beat takes at ``let_down_scale=1`` (a multiple of 38, so a crown turn is whole units)."""
FULL_WIND_UNITS: Final = UNITS_PER_BEAT * POWER_RESERVE_H * BEATS_PER_HOUR
"""Spring units between stopped and fully wound."""
UNITS_PER_TURN: Final = FULL_WIND_UNITS // TURNS_TO_FULL_WIND
"""Spring units one crown turn charges."""

_STOP_TORQUE_FRACTION: Final = (MIN_AMPLITUDE_DEG / FULL_AMPLITUDE_DEG) ** 2
"""Torque (as a fraction of full-wind torque) below which the balance cannot be kept swinging."""
_LET_DOWN_FRACTION: Final = 0.08
"""Scale of the final steep fall of the torque curve, as a fraction of a full wind."""
_PLATEAU_SLOPE: Final = 0.2
"""How much the torque falls along the plateau, from full wind to nearly let down."""
_CURVE_NORM: Final = (1.0 - math.exp(-1.0 / _LET_DOWN_FRACTION)) * 1.0
_PLATEAU_BASE: Final = 1.0 - _PLATEAU_SLOPE
_USABLE_TORQUE_FRACTION: Final = 1.0 - _STOP_TORQUE_FRACTION
_exp: Final = math.exp
_sqrt: Final = math.sqrt

assert FULL_WIND_UNITS == UNITS_PER_TURN * TURNS_TO_FULL_WIND


def torque_fraction(wind_fraction: float) -> float:
    """Mainspring torque as a fraction of its full-wind torque, for a state of wind in ``[0, 1]``.

    At 0 ("stopped") the spring still has the residual torque the escapement cannot use.
    """
    # Conditionals and constants worked out once, not min/max and the same subtractions per call: the watch
    # asks at every tick the rotor winds, and these are the very same numbers.
    f = 0.0 if wind_fraction < 0.0 else 1.0 if wind_fraction > 1.0 else wind_fraction
    shape = (1.0 - _exp(-f / _LET_DOWN_FRACTION)) * (_PLATEAU_BASE + _PLATEAU_SLOPE * f) / _CURVE_NORM
    return _STOP_TORQUE_FRACTION + _USABLE_TORQUE_FRACTION * shape


def amplitude_deg(wind_fraction: float) -> float:
    """Balance amplitude the spring sustains at this state of wind (``MIN_AMPLITUDE_DEG`` at 0)."""
    return FULL_AMPLITUDE_DEG * _sqrt(torque_fraction(wind_fraction))


def rate_s_per_day(amplitude: float) -> float:
    """Rate error of the going train at this amplitude: 0 down to 240°, then increasingly slow."""
    if amplitude >= ISOCHRONOUS_AMPLITUDE_DEG:
        return 0.0
    drop = (ISOCHRONOUS_AMPLITUDE_DEG - amplitude) / (ISOCHRONOUS_AMPLITUDE_DEG - MIN_AMPLITUDE_DEG)
    return RATE_AT_MIN_AMPLITUDE_S_PER_DAY * drop * drop


def beat_period_ns(units: int) -> int:
    """Length of the next beat, in whole nanoseconds, when the spring holds ``units``.

    A watch running ``r`` seconds a day fast shows ``86400 + r`` seconds per real day, so each beat lasts
    ``BEAT_NS * 86400 / (86400 + r)``, rounded to the nanosecond.
    """
    if units >= ISOCHRONOUS_UNITS:
        return BEAT_NS
    rate = rate_s_per_day(amplitude_deg(units / FULL_WIND_UNITS))
    return round(BEAT_NS * 86_400.0 / (86_400.0 + rate))


def beat_quantum(let_down_scale: float) -> int:
    """Spring units the escapement takes per beat at this let-down scale (0 when the scale is too small)."""
    return round(let_down_scale * UNITS_PER_BEAT)


def _first_isochronous_units() -> int:
    """Smallest state of wind keeping ``ISOCHRONOUS_AMPLITUDE_DEG`` (amplitude rises with the wind)."""
    low, high = 0, FULL_WIND_UNITS
    while low < high:
        mid = (low + high) // 2
        if amplitude_deg(mid / FULL_WIND_UNITS) >= ISOCHRONOUS_AMPLITUDE_DEG:
            high = mid
        else:
            low = mid + 1
    return low


ISOCHRONOUS_UNITS: Final = _first_isochronous_units()
"""From this state of wind up, every beat lasts exactly ``BEAT_NS`` (the movement keeps time)."""

LONGEST_BEAT_NS: Final = beat_period_ns(0)
"""The slowest beat there is, at the stop amplitude: no vibration lasts longer (the rate is never below -60 s/d)."""
