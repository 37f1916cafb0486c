"""Categories: the names runners file runs under, and which crossings of a race are their splits."""

from __future__ import annotations

import pytest

from game.sim.race_types import RaceResult
from game.sim.route_file import load_route
from game.sim.snapshot import SplitSnapshot
from game.sim.track_catalog import load_track
from game.speedrun.categories import (
    CategoryError,
    category_for_race,
    category_names,
    resolve_category,
    route_split_times_ms,
    split_times_ms,
)


def result(splits: list[tuple[int, int]], *, finished: bool, time_ms: int, penalty_ms: int = 0) -> RaceResult:
    return RaceResult(
        finished=finished,
        ticks=time_ms // 10 + 300,
        time_ms=time_ms,
        penalty_ms=penalty_ms,
        total_ms=time_ms + penalty_ms,
        splits=tuple(SplitSnapshot(line, f"line {line}", ms) for line, ms in splits),
        trials=(),
    )


def test_the_listed_categories_are_the_stages_in_route_order_the_circuit_and_the_route() -> None:
    route = load_route()
    assert category_names() == (
        *route.stage_ids,
        *(f"{stage_id}-field" for stage_id in route.stage_ids),
        "circuit-1",
        "circuit-9",
        "route",
        "route-field",
    )


def test_a_stage_splits_at_its_checkpoints_then_its_finish() -> None:
    stage_id = load_route().stage_ids[0]
    track = load_track(stage_id)
    category = resolve_category(stage_id)
    assert category.kind == "stage" and category.track_ids == (stage_id,)
    checkpoints = [t.name for t in sorted(track.timing_lines, key=lambda t: t.s_m) if t.kind == "checkpoint"]
    finish = next(t.name for t in track.timing_lines if t.kind == "finish")
    assert category.split_names == (*checkpoints, finish)
    assert category_for_race(track, None, clear_road=True) == category


def test_the_circuit_splits_at_each_lap_end_and_ignores_its_inner_checkpoints() -> None:
    category = resolve_category("circuit-9")
    assert category.split_names == tuple(f"Lap {n}" for n in range(1, 10))
    circuit = load_track(load_route().circuit_id)
    assert category_for_race(circuit, 9) == category
    (lap_line,) = category.split_lines
    inner = 99  # any other timing line: a checkpoint inside the lap
    crossings = []
    for lap in range(1, 10):
        crossings += [(inner, lap * 100_000 - 50_000), (lap_line, lap * 100_000)]
    times = split_times_ms(category, result(crossings, finished=True, time_ms=900_000, penalty_ms=300))
    assert times == (*(lap * 100_000 for lap in range(1, 9)), 900_300)
    reset = split_times_ms(category, result(crossings[:5], finished=False, time_ms=260_000))
    assert reset == (100_000, 200_000)


def test_a_finished_run_must_have_crossed_every_split() -> None:
    category = resolve_category("circuit-1")
    with pytest.raises(CategoryError, match="crossed 0 of 1 splits"):
        split_times_ms(category, result([], finished=True, time_ms=90_000))


def test_the_route_splits_at_each_stage_end_with_the_running_total() -> None:
    category = resolve_category("route")
    route = load_route()
    assert category.track_ids == route.stage_ids
    assert category.split_names == tuple(stage.name for stage in route.stages)
    stages = [
        result([(5, 100_000)], finished=True, time_ms=100_000, penalty_ms=600),
        result([(5, 150_000)], finished=True, time_ms=150_000),
        result([(1, 50_000)], finished=False, time_ms=70_000),
    ]
    assert route_split_times_ms(category, stages) == (100_600, 250_600)


@pytest.mark.parametrize("name", ["circuit-0", "circuit-100", "circuit-09", "Route", "00-nowhere", ""])
def test_unknown_categories_list_the_valid_ones(name: str) -> None:
    with pytest.raises(
        CategoryError, match=r"valid categories: .*, circuit-1, circuit-9, route, route-field$"
    ):
        resolve_category(name)
