"""The game's accelerated let-down: how fast the mainspring runs down, without touching the going train.

At ``let_down_scale=1`` the watch is the real watch: a full wind lasts 60 hours. The game sets a larger scale
so that a full wind lasts a couple of minutes of driving (docs/design.md §4); the escapement then takes
``let_down_scale`` times the real energy per beat, while the balance still beats 8 times a second, so the
hands keep real time. The difficulty picks the run time (the game holds that table:
``game.sim.race_types.FULL_WIND_RUN_S``, e.g. easy 240 s, normal 150 s, hard 100 s) and turns it into a scale
with :func:`let_down_scale_for`.
"""

from __future__ import annotations

import math

from watch_core.calibre import POWER_RESERVE_H


def let_down_scale_for(full_wind_run_s: float) -> float:
    """The ``let_down_scale`` under which a full wind lasts ``full_wind_run_s`` seconds of going time.

    Nominal: the last few beats of a run, near the stop amplitude, are slightly longer than 0.125 s (the
    movement runs slow there), which adds a few milliseconds. ``let_down_scale_for(150.0) == 1440.0``.
    """
    if not (0.0 < full_wind_run_s < math.inf):
        raise ValueError(f"full_wind_run_s must be a positive number of seconds, got {full_wind_run_s!r}")
    return POWER_RESERVE_H * 3600 / full_wind_run_s


def full_wind_run_s(let_down_scale: float) -> float:
    """Nominal seconds of going time a full wind lasts at ``let_down_scale`` (the inverse of the above)."""
    if not (0.0 < let_down_scale < math.inf):
        raise ValueError(f"let_down_scale must be a positive number, got {let_down_scale!r}")
    return POWER_RESERVE_H * 3600 / let_down_scale
