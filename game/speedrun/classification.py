"""The route's classification with the field (docs/design.md §9): every entrant's stage times summed.

A pure function of the stages driven so far: each stage's standings (the player's row among them) give each car
a time; a car's total is the sum over the stages, and the classification orders the cars by total, then by
number, overall and within each class. Only cars with a time on every stage driven are classified (the field has
one everywhere; the player has one on each stage finished).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.sim.field_types import Standing


@dataclass(frozen=True, slots=True)
class StageTime:
    """One car's time on one stage, as the route keeps it between stages."""

    number: int
    class_id: str
    time_ms: int
    player: bool


@dataclass(frozen=True, slots=True)
class Classified:
    """One car in the route's classification."""

    number: int
    class_id: str
    total_ms: int
    position: int
    class_position: int
    player: bool


def stage_times(standings: Sequence[Standing]) -> tuple[StageTime, ...]:
    """What the route keeps of a stage's standings."""
    return tuple(StageTime(s.number, s.class_id, s.time_ms, s.player) for s in standings)


def classify(stages: Sequence[Sequence[StageTime]]) -> tuple[Classified, ...]:
    """The classification after these stages, fastest total first."""
    if not stages:
        return ()
    totals: dict[int, list[int]] = {}
    info: dict[int, StageTime] = {}
    for stage in stages:
        for row in stage:
            totals.setdefault(row.number, []).append(row.time_ms)
            info[row.number] = row
    rows = sorted(
        ((sum(times), number) for number, times in totals.items() if len(times) == len(stages)),
    )
    in_class: dict[str, int] = {}
    out: list[Classified] = []
    for position, (total, number) in enumerate(rows, start=1):
        row = info[number]
        in_class[row.class_id] = in_class.get(row.class_id, 0) + 1
        out.append(Classified(number, row.class_id, total, position, in_class[row.class_id], row.player))
    return tuple(out)
