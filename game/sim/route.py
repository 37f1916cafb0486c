"""The full Mille Miglia: every stage in route order, the watch carried from one to the next (docs/design.md §5).

Between stages the watch keeps its state of wind; its time of day jumps to the next stage's historic start
and its date is the stage's date, as the real race turned over the night. The car's number sets the first
start: #722 leaves Brescia at 07:22, as Moss and Jenkinson did in 1955.
"""

from __future__ import annotations

from dataclasses import replace

from game.sim.race_types import DEFAULT_CAR_NUMBER, RaceSettings
from game.sim.track import Track

__all__ = ["DEFAULT_CAR_NUMBER", "CarNumberError", "stage_settings", "start_time_from_number"]


class CarNumberError(ValueError):
    """A car number that is not a time of day (the number is hhmm: 722 → 07:22)."""


def start_time_from_number(number: int) -> int:
    """Seconds after midnight at which car `number` starts: 722 → 07:22:00."""
    hours, minutes = divmod(int(number), 100)
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise CarNumberError(f"car number {number} is not a start time (hhmm, e.g. 722 for 07:22)")
    return hours * 3600 + minutes * 60


def stage_settings(
    base: RaceSettings,
    track: Track,
    index: int,
    car_number: int,
    carried_wound_turns: float | None,
) -> RaceSettings:
    """Settings for stage `index` (0-based) of a route run, carrying the watch's wind from the last stage."""
    start = start_time_from_number(car_number) if index == 0 else track.start_time_of_day_s
    return replace(
        base,
        laps=None,
        start_time_of_day_s=start,
        date=track.date,
        wound_turns=carried_wound_turns,
        car_number=car_number,
    )
