"""The regularity rally's classification: each trial ranks the player among the field, points by rank × coefficient.

The field's regularity (docs/design.md §9, `assets/field/entrants-1955.json`) is simulated, not driven: an
entrant's error on a trial is drawn from a hash of its number and the trial (`rally_book.unit_hash`), an
exponential spread whose mean grows as its consistency falls. So the same trial always gives the same field.

Rules chosen (docs/regularity.md has the reasons): each PC and each PM secret point is ranked on its own by
penalty, ties sharing the better rank; rank 1 scores 420, rank 2 395, then 5 fewer a place, never below 0; a
crew's trial points are multiplied by its car's coefficient; CO penalties are taken off unmultiplied.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from game.sim.cars import load_car_model
from game.sim.field import Field, load_field
from game.sim.rally_book import unit_hash
from game.sim.rally_types import TRIAL_CAP, RallyResult

__all__ = [
    "Classification",
    "Standing",
    "car_coefficient",
    "classify",
    "field_penalty",
    "points_for_rank",
    "rank_of",
]

FIRST_POINTS: Final = 420
SECOND_POINTS: Final = 395
POINTS_STEP: Final = 5
PC_ERROR_FLOOR_CS: Final = 3.0
PC_ERROR_SPREAD_CS: Final = 60.0
"""An entrant's mean PC error: 3 + 60·(1 - consistency)^1.5 hundredths (a consistency of 0.9 errs 5 cs)."""
PM_ERROR_FACTOR: Final = 0.3
"""A PM point's mean error in tenths, per hundredth of the entrant's mean PC error (they are harder)."""
CO_LATE_CHANCE: Final = 0.1
"""An entrant misses its minute at a control with a chance of 0.1·(1 - consistency)."""

PERIODS: Final = (
    (1930, 0.70),
    (1934, 0.60),
    (1938, 0.50),
    (1946, 0.45),
    (1950, 0.40),
    (1953, 0.30),
    (1957, 0.20),
)
"""The seven period bands (last year, addition): older cars score more."""
CLASSES: Final = ((750, 0.15), (1100, 0.10))
"""Engine size (up to, addition); over 1100 cc adds nothing."""
CATEGORIES: Final = {"sport": 0.0, "gt": -0.10, "touring": -0.20, "diesel": -0.20}


def car_coefficient(year: int, engine_cc: int, category: str) -> float:
    """1 + period + class + category, to the hundredth (1927 over 1100 cc sport: 1.70; 1955 2-litre sport: 1.20)."""
    period = next((add for last, add in PERIODS if year <= last), PERIODS[-1][1])
    size = next((add for up_to, add in CLASSES if engine_cc <= up_to), 0.0)
    return round(1.0 + period + size + CATEGORIES.get(category, 0.0), 2)


def points_for_rank(rank: int) -> int:
    if rank <= 1:
        return FIRST_POINTS
    return max(0, SECOND_POINTS - POINTS_STEP * (rank - 2))


def rank_of(penalty: int, others: Sequence[int]) -> int:
    """1 + how many of the others did strictly better: ties share the better rank."""
    return 1 + sum(1 for other in others if other < penalty)


def field_penalty(number: int, consistency: float, trial_key: str, *, pm: bool = False) -> int:
    """An entrant's penalty on one trial: deterministic in (number, trial), larger for a less consistent crew."""
    mean_cs = PC_ERROR_FLOOR_CS + PC_ERROR_SPREAD_CS * (1.0 - consistency) ** 1.5
    mean = mean_cs * PM_ERROR_FACTOR if pm else mean_cs
    u = unit_hash("field", number, trial_key)
    return min(TRIAL_CAP, round(-mean * math.log(1.0 - u)))


@dataclass(frozen=True, slots=True)
class Standing:
    """One crew in the classification."""

    number: int
    name: str
    coefficient: float
    points: float
    player: bool = False


@dataclass(frozen=True, slots=True)
class Classification:
    """The player's points and place among the field after one or more stages."""

    points: float
    position: int
    entrants: int
    coefficient: float
    trial_points: tuple[tuple[str, int, int], ...]
    """Each trial: (name, rank, points by rank before the coefficient)."""
    co_penalty: int
    table: tuple[Standing, ...]
    """Everyone, best first."""


@cache
def _field() -> Field:
    return load_field()


@cache
def _model_coefficient(model_id: str, category: str) -> float:
    field = _field()
    year = load_car_model(model_id).year
    return car_coefficient(year, field.model(model_id).engine_cc, category)


def player_coefficient(car_id: str) -> float:
    """The player's car: its year, its engine size from the field's models, the category its model runs in."""
    field = _field()
    category = next(
        (field.field_class(e.class_id).category for e in field.entrants if e.model_id == car_id), "sport"
    )
    try:
        return _model_coefficient(car_id, category)
    except KeyError:
        return car_coefficient(load_car_model(car_id).year, 9999, category)


def classify(results: Sequence[RallyResult], car_id: str, car_number: int = 722) -> Classification:
    """Rank the player's stages against the field, trial by trial, and total everyone's points."""
    field = _field()
    entrants = [e for e in field.entrants if e.number != car_number]
    coefficients = [_model_coefficient(e.model_id, field.field_class(e.class_id).category) for e in entrants]
    own_coefficient = player_coefficient(car_id)
    totals = [0.0] * len(entrants)
    own_raw = 0
    trial_points: list[tuple[str, int, int]] = []
    co_penalty = 0
    for result in results:
        trials = [(f"{result.track_id}/{pc.name}", pc.penalty, False) for pc in result.pcs]
        trials += [(f"{result.track_id}/{p.name}", p.penalty, True) for p in result.pm_points]
        for key, penalty, pm in trials:
            others = [field_penalty(e.number, e.profile.consistency, key, pm=pm) for e in entrants]
            rank = rank_of(penalty, others)
            points = points_for_rank(rank)
            own_raw += points
            trial_points.append((key.split("/", 1)[1], rank, points))
            everyone = sorted([*others, penalty])
            for i, other in enumerate(others):
                totals[i] += points_for_rank(1 + bisect.bisect_left(everyone, other))
        if result.co is not None:
            co_penalty += result.co.penalty
        for i, e in enumerate(entrants):
            if unit_hash("field-co", e.number, result.track_id) < CO_LATE_CHANCE * (
                1.0 - e.profile.consistency
            ):
                totals[i] -= 100.0 / coefficients[i]
    table = [
        Standing(e.number, e.driver, coefficients[i], round(totals[i] * coefficients[i], 2))
        for i, e in enumerate(entrants)
    ]
    own = round(own_raw * own_coefficient - co_penalty, 2)
    table.append(Standing(car_number, "you", own_coefficient, own, player=True))
    table.sort(key=lambda s: (-s.points, s.number))
    position = next(i for i, s in enumerate(table, start=1) if s.player)
    return Classification(
        own, position, len(table), own_coefficient, tuple(trial_points), co_penalty, tuple(table)
    )
