"""What a race is run with and what it yields: the contract between the simulation and speedrun tools.

`RaceSettings` holds every setting that can change a run (so a replay stores all of it and nothing else);
`RaceResult` is what a finished run claims and what `verify` recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.sim.field_types import FieldOutcome
from game.sim.snapshot import SplitSnapshot, TrialResult

Difficulty = Literal["easy", "normal", "hard"]
Gearbox = Literal["auto", "manual"]

FULL_WIND_RUN_S: dict[str, float] = {"easy": 240.0, "normal": 150.0, "hard": 100.0}
"""Seconds of running on a full wind, per difficulty (docs/design.md §4: about 2.5 minutes by default)."""

STAGE_START_WOUND_TURNS = 24.0
"""A stage starts with the crown wound 24 of 38 turns (about 95 s of running on normal), as if wound at the
last control: no stage can be driven without winding (docs/design.md §4). The route carries the real wind over."""

MAX_LAPS = 99
"""The most laps a race is run over (a track's own count, or a setting): the gates are built per lap."""

DEFAULT_CAR_NUMBER = 722
"""Moss and Jenkinson's number (07:22): the player's entry unless chosen otherwise."""

COUNTDOWN_TICKS = 300
"""Three seconds of countdown before GO; the watch runs, the car is held, IGT is 0."""


@dataclass(frozen=True, slots=True)
class RaceSettings:
    """Everything besides track, car and inputs that can change a run.

    `laps` None means the track's own lap count. `start_time_of_day_s` None means the track's historic
    start time; the car number sets it in route mode (#722 leaves Brescia at 07:22). `wound_turns` None
    means the stage's usual start (`STAGE_START_WOUND_TURNS`); route mode carries the last stage's wind over.
    `date` None means the track's historic date. `car_number` is the player's entry (its start time places the
    field on the road, docs/design.md §9); `clear_road` runs without the field (a separate speedrun category).
    """

    car_id: str
    difficulty: Difficulty = "normal"
    gearbox: Gearbox = "auto"
    assisted_flyback: bool = True
    laps: int | None = None
    start_time_of_day_s: int | None = None
    date: tuple[int, int, int] | None = None
    wound_turns: float | None = None
    car_number: int = DEFAULT_CAR_NUMBER
    clear_road: bool = False


@dataclass(frozen=True, slots=True)
class RaceResult:
    """A run's outcome. `time_ms` is the interpolated finish (IGT); `total_ms` adds regularity penalties."""

    finished: bool
    ticks: int
    time_ms: int
    penalty_ms: int
    total_ms: int
    splits: tuple[SplitSnapshot, ...]
    trials: tuple[TrialResult, ...]
    field: FieldOutcome | None = None
    """The field's standings and passes (None on a clear road, and on the circuit, which has no field)."""
