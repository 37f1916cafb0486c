"""Speedrun categories: what a run is timed as, and which splits it has.

Names as the speedrun community would file them: a stage's own id for an individual stage, `circuit-1` and
`circuit-9` for the 1940 circuit over one or nine laps, `route` for the whole Mille Miglia in one go. Each
category has an ordered list of split names: a stage's checkpoints then its finish; each lap end of the
circuit; each stage end of the route. A split's time is cumulative IGT in ms; the last split is the run's
total, regularity penalties included, so the final split always equals the time on the results screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from game.sim.race_types import RaceResult
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track

ROUTE = "route"
CIRCUIT_PREFIX = "circuit-"
CIRCUIT_LAP_CATEGORIES = (1, 9)
"""The circuit's listed categories: a single lap and the nine laps of the 1940 race."""

MAX_CIRCUIT_LAPS = 99

CategoryKind = Literal["stage", "circuit", "route"]

_CIRCUIT_NAME = re.compile(r"^circuit-([1-9][0-9]?)$")


class CategoryError(ValueError):
    """A category name that does not exist, with the list of valid ones."""


@dataclass(frozen=True, slots=True)
class Category:
    """A timed category: its name, the tracks it runs in order, and its split names.

    `split_lines` are the indexes of the timing lines whose crossings are this category's splits (unused for
    the route, whose splits are stage ends).
    """

    name: str
    kind: CategoryKind
    track_ids: tuple[str, ...]
    laps: int | None
    split_names: tuple[str, ...]
    split_lines: frozenset[int]


def stage_category(track: Track) -> Category:
    """A single stage: its checkpoints in road order, then its finish."""
    ordered = sorted(enumerate(track.timing_lines), key=lambda item: (item[1].s_m, item[0]))
    chosen = [(i, line) for i, line in ordered if line.kind in ("checkpoint", "finish")]
    return Category(
        name=track.id,
        kind="stage",
        track_ids=(track.id,),
        laps=None,
        split_names=tuple(line.name for _, line in chosen),
        split_lines=frozenset(i for i, _ in chosen),
    )


def circuit_category(track: Track, laps: int) -> Category:
    """The circuit over `laps` laps: one split per lap end (the start line crossed again)."""
    if not 1 <= laps <= MAX_CIRCUIT_LAPS:
        raise CategoryError(f"{laps} laps is out of range 1..{MAX_CIRCUIT_LAPS}")
    lap_lines = frozenset(i for i, line in enumerate(track.timing_lines) if line.kind in ("start", "finish"))
    return Category(
        name=f"{CIRCUIT_PREFIX}{laps}",
        kind="circuit",
        track_ids=(track.id,),
        laps=laps,
        split_names=tuple(f"Lap {lap}" for lap in range(1, laps + 1)),
        split_lines=lap_lines,
    )


class _NamedStage(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def route_category(stages: Sequence[_NamedStage]) -> Category:
    """The full route: one split at the end of each stage, named for the stage (Tracks or RouteStages)."""
    return Category(
        name=ROUTE,
        kind="route",
        track_ids=tuple(t.id for t in stages),
        laps=None,
        split_names=tuple(t.name for t in stages),
        split_lines=frozenset(),
    )


def category_names() -> tuple[str, ...]:
    """Every listed category: the stages in route order, the circuit's lap counts, then the route."""
    route = load_route()
    return (*route.stage_ids, *(f"{CIRCUIT_PREFIX}{n}" for n in CIRCUIT_LAP_CATEGORIES), ROUTE)


def resolve_category(name: str) -> Category:
    """The category called `name`, built from the shipped tracks; an unknown name lists the valid ones."""
    route = load_route()
    if name == ROUTE:
        return route_category(route.stages)
    match = _CIRCUIT_NAME.match(name)
    if match:
        return circuit_category(load_track(route.circuit_id), int(match.group(1)))
    if name in route.stage_ids:
        return stage_category(load_track(name))
    raise CategoryError(f"unknown category {name!r}; valid categories: {', '.join(category_names())}")


def category_for_race(track: Track, laps: int | None) -> Category:
    """The category a single race on `track` is timed in (the circuit's lap count picks its category)."""
    if track.kind == "circuit":
        return circuit_category(track, laps if laps is not None else track.laps)
    return stage_category(track)


def split_times_ms(category: Category, result: RaceResult) -> tuple[int, ...]:
    """Cumulative split times of one race in a stage or circuit category: the splits reached, in order.

    A finished run has every split, the last one being `total_ms` (penalties included); an unfinished one
    has the splits it reached before the reset.
    """
    if category.kind == "route":
        raise CategoryError("a route run is several races: use route_split_times_ms")
    times = [s.igt_ms for s in result.splits if s.line_index in category.split_lines]
    if len(times) > len(category.split_names):
        raise CategoryError(
            f"{len(times)} splits crossed, but category {category.name} has {len(category.split_names)}"
        )
    if result.finished:
        if len(times) != len(category.split_names):
            raise CategoryError(
                f"a finished run of {category.name} crossed {len(times)} of "
                f"{len(category.split_names)} splits"
            )
        times[-1] = result.total_ms
    return tuple(times)


def route_split_times_ms(category: Category, stage_results: Sequence[RaceResult]) -> tuple[int, ...]:
    """Cumulative split times of a route run: the running total at each finished stage's end."""
    if len(stage_results) > len(category.split_names):
        raise CategoryError(f"{len(stage_results)} stage results for a route of {len(category.split_names)}")
    times: list[int] = []
    total = 0
    for result in stage_results:
        if not result.finished:
            break
        total += result.total_ms
        times.append(total)
    return tuple(times)
