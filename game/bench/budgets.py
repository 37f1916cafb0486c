"""The figures the game lives by (issue 10; docs/performance.md): what each measurement must stay within."""

from __future__ import annotations

from game.render.world.look_ahead import LOOK_AHEAD_FLOOR_S

BUDGET_SIZE = "1280x720"
"""The frame budgets hold at the game's logical size; 1920×1080 is reported for comparison."""

FRAME_MEDIAN_MS_MAX = 4.0
FRAME_P99_MS_MAX = 8.0
SIM_REALTIME_X_MIN = 300.0
VERIFY_REALTIME_X_MIN = 200.0
SIM_REALTIME_X_FIELD_MIN = 250.0
VERIFY_REALTIME_X_FIELD_MIN = 200.0
"""With the 1955 field on the road (docs/design.md §12)."""
STARTUP_S_MAX = 1.0
PEAK_RSS_MB_MAX = 200.0
LOOK_AHEAD_S_MIN = LOOK_AHEAD_FLOOR_S
"""Seconds of road in view ahead of the car at every car's top speed, both camera modes (`look_ahead.py`)."""

BUDGETS: dict[str, str] = {
    "frame_median_ms": f"< {FRAME_MEDIAN_MS_MAX:g} at {BUDGET_SIZE}",
    "frame_p99_ms": f"< {FRAME_P99_MS_MAX:g} at {BUDGET_SIZE}",
    "sim_realtime_x": f">= {SIM_REALTIME_X_MIN:g}",
    "verify_realtime_x": f">= {VERIFY_REALTIME_X_MIN:g}",
    "sim_realtime_x_field": f">= {SIM_REALTIME_X_FIELD_MIN:g}",
    "verify_realtime_x_field": f">= {VERIFY_REALTIME_X_FIELD_MIN:g}",
    "startup_s": f"< {STARTUP_S_MAX:g}",
    "peak_rss_mb": f"< {PEAK_RSS_MB_MAX:g}",
    "look_ahead_s": f">= {LOOK_AHEAD_S_MIN:g} at top speed",
}


def below(value: float | None, limit: float) -> bool | None:
    """Whether a measured figure is under its ceiling; None when it could not be measured."""
    return None if value is None else value < limit


def at_least(value: float | None, floor: float) -> bool | None:
    return None if value is None else value >= floor
