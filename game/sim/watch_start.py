"""Whether the watch can start a race from given settings, asked of watch_core itself.

Readers (a track's date and start time, a replay's or a saved route's settings) check their values here at
read time, so a value the race would refuse is refused with the reader's own error and never reaches `Race`.
The watch's constructor holds the rules (a calendar date, a time within the day, 0 to a full wind of crown
turns); building one costs microseconds, and restating its limits here could only drift from them.
"""

from __future__ import annotations

from typing import Any

from game.sim.race_types import FULL_WIND_RUN_S
from watch_core import LabOne, let_down_scale_for


def watch_start_problem(
    *,
    time_of_day_s: float | None = None,
    date: tuple[int, int, int] | None = None,
    wound_turns: float | None = None,
    difficulty: str = "normal",
) -> str | None:
    """Why the watch would refuse to start with these values (None: it accepts them); None values are unset."""
    if difficulty not in FULL_WIND_RUN_S:
        return f"difficulty {difficulty!r} is not one of {', '.join(FULL_WIND_RUN_S)}"
    given: dict[str, Any] = {"time_of_day_s": time_of_day_s, "date": date}
    try:
        LabOne(
            **{name: value for name, value in given.items() if value is not None},
            wound_turns=wound_turns,
            let_down_scale=let_down_scale_for(FULL_WIND_RUN_S[difficulty]),
        )
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None
