"""Speedrun categories: what a run is timed as, and which splits it has.

Names as the speedrun community would file them: a stage's own id for an individual stage, `circuit-1` and
`circuit-9` for the 1940 circuit over one or nine laps, `route` for the whole Mille Miglia in one go. Those are
clear-road categories (every PB recorded before the field existed is one); a stage or the route run with the 1955
field on the road is another category, the same name with `-field` after it (`01-brescia-verona-field`,
`route-field`): the two are never compared (docs/design.md §9). The circuit has no field. Each
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
FIELD_SUFFIX = "-field"
"""A category run with the field on the road: the clear-road category's name with this after it."""
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
    field: bool = False
    """Run with the 1955 field on the road (never compared with the clear-road category of the same road)."""


def stage_category(track: Track, *, field: bool = False) -> Category:
    """A single stage: its checkpoints in road order, then its finish."""
    ordered = sorted(enumerate(track.timing_lines), key=lambda item: (item[1].s_m, item[0]))
    chosen = [(i, line) for i, line in ordered if line.kind in ("checkpoint", "finish")]
    return Category(
        name=track.id + (FIELD_SUFFIX if field else ""),
        kind="stage",
        track_ids=(track.id,),
        laps=None,
        split_names=tuple(line.name for _, line in chosen),
        split_lines=frozenset(i for i, _ in chosen),
        field=field,
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


def route_category(stages: Sequence[_NamedStage], *, field: bool = False) -> Category:
    """The full route: one split at the end of each stage, named for the stage (Tracks or RouteStages)."""
    return Category(
        name=ROUTE + (FIELD_SUFFIX if field else ""),
        kind="route",
        track_ids=tuple(t.id for t in stages),
        laps=None,
        split_names=tuple(t.name for t in stages),
        split_lines=frozenset(),
        field=field,
    )


def category_names() -> tuple[str, ...]:
    """Every listed category: the stages in route order (clear road, then with the field), the circuit's lap
    counts, then the route (clear road, then with the field)."""
    route = load_route()
    return (
        *route.stage_ids,
        *(stage_id + FIELD_SUFFIX for stage_id in route.stage_ids),
        *(f"{CIRCUIT_PREFIX}{n}" for n in CIRCUIT_LAP_CATEGORIES),
        ROUTE,
        ROUTE + FIELD_SUFFIX,
    )


def resolve_category(name: str) -> Category:
    """The category called `name`, built from the shipped tracks; an unknown name lists the valid ones."""
    route = load_route()
    field = name.endswith(FIELD_SUFFIX)
    base = name[: -len(FIELD_SUFFIX)] if field else name
    if base == ROUTE:
        return route_category(route.stages, field=field)
    match = _CIRCUIT_NAME.match(name)
    if match:
        return circuit_category(load_track(route.circuit_id), int(match.group(1)))
    if base in route.stage_ids:
        return stage_category(load_track(base), field=field)
    raise CategoryError(f"unknown category {name!r}; valid categories: {', '.join(category_names())}")


def has_field(track: Track) -> bool:
    """Whether the 1955 field can be on this road: the stages (open roads), not the 1940 circuit."""
    return not track.closed


def category_for_race(track: Track, laps: int | None, *, clear_road: bool = False) -> Category:
    """The category a single race on `track` is timed in (the circuit's lap count picks its category; a stage's
    field, or its clear road, picks its category)."""
    if track.kind == "circuit":
        return circuit_category(track, laps if laps is not None else track.laps)
    return stage_category(track, field=not clear_road and has_field(track))


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
