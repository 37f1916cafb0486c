"""Medals per stage: bronze, silver, gold, and the top "722" medal after Moss and Jenkinson's car (docs/design.md §5).

The thresholds live in each track's data (`Track.medals`, in ms of result time, penalties included): the 722 is
the autopilot's best (`tools.trackgen.medals`), gold, silver and bronze come from the human models
(`python -m game calibrate --write`).
"""

from __future__ import annotations

from game.sim.track import Medals

MEDAL_ORDER = ("moss", "gold", "silver", "bronze")
MEDAL_NAMES = {"moss": "722", "gold": "Gold", "silver": "Silver", "bronze": "Bronze"}


def medal_for(total_ms: int | None, medals: Medals | None) -> str | None:
    """The best medal a result earns: "moss", "gold", "silver", "bronze", or None."""
    if total_ms is None or medals is None:
        return None
    for name, limit in (
        ("moss", medals.moss_ms),
        ("gold", medals.gold_ms),
        ("silver", medals.silver_ms),
        ("bronze", medals.bronze_ms),
    ):
        if total_ms <= limit:
            return name
    return None


def medal_target_ms(medals: Medals, name: str) -> int:
    return {
        "moss": medals.moss_ms,
        "gold": medals.gold_ms,
        "silver": medals.silver_ms,
        "bronze": medals.bronze_ms,
    }[name]
