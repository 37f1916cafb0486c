"""The figures the game lives by (issue 10; docs/performance.md): what each measurement must stay within."""

from __future__ import annotations

from game.bench.field_stretch import MIN_RIVALS_ON_SCREEN
from game.render.world.look_ahead import LOOK_AHEAD_FLOOR_S

BUDGET_SIZE = "1280x720"
"""The game's logical size: its frames have the tightest budget, and the whole-stage pass runs at it."""
LARGE_SIZE = "1920x1080"

FRAME_MEDIAN_MS_MAX = 3.0
FRAME_P99_MS_MAX = 6.0
FIELD_IN_VIEW = f"{MIN_RIVALS_ON_SCREEN}+ rivals on screen"
"""The field frame has the clear-road frame's budget (docs/design.md §12: "with the field in view")."""
STAGE_FRAME_MAX_MS = 12.0
"""No frame of a whole stage at 1280×720 may take longer (docs/design.md §12)."""
LARGE_FRAME_MEDIAN_MS_MAX = 5.0
LARGE_FRAME_P99_MS_MAX = 9.0
SIM_REALTIME_X_MIN = 300.0
VERIFY_REALTIME_X_MIN = 200.0
SIM_REALTIME_X_FIELD_MIN = 250.0
VERIFY_REALTIME_X_FIELD_MIN = 200.0
"""With the 1955 field on the road (docs/design.md §12)."""
STARTUP_S_MAX = 0.6
PEAK_RSS_MB_MAX = 150.0
LOOK_AHEAD_S_MIN = LOOK_AHEAD_FLOOR_S
"""Seconds of road in view ahead of the car at every car's top speed, both camera modes (`look_ahead.py`)."""

BUDGETS: dict[str, str] = {
    "frame_median_ms": f"< {FRAME_MEDIAN_MS_MAX:g} at {BUDGET_SIZE}",
    "frame_p99_ms": f"< {FRAME_P99_MS_MAX:g} at {BUDGET_SIZE}",
    "frame_field_median_ms": f"< {FRAME_MEDIAN_MS_MAX:g} at {BUDGET_SIZE}, {FIELD_IN_VIEW}",
    "frame_field_p99_ms": f"< {FRAME_P99_MS_MAX:g} at {BUDGET_SIZE}, {FIELD_IN_VIEW}",
    "stage_frame_max_ms": f"< {STAGE_FRAME_MAX_MS:g} at {BUDGET_SIZE}, every frame of a stage",
    "frame_large_median_ms": f"< {LARGE_FRAME_MEDIAN_MS_MAX:g} at {LARGE_SIZE}",
    "frame_large_p99_ms": f"< {LARGE_FRAME_P99_MS_MAX:g} at {LARGE_SIZE}",
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
