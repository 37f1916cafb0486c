"""The full route: the car number is the start time, and the watch carries from stage to stage."""

from __future__ import annotations

import pytest

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.route import CarNumberError, stage_settings, start_time_from_number
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.route_progress import LoadedProgress, RouteProgress, load_progress, save_progress
from game.speedrun.session import drive

BASE = RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID)


def test_car_722_leaves_at_seven_twenty_two() -> None:
    assert start_time_from_number(722) == 7 * 3600 + 22 * 60
    assert start_time_from_number(1) == 60
    for bad in (760, 2400, -5):
        with pytest.raises(CarNumberError, match="not a start time"):
            start_time_from_number(bad)


def test_the_watch_carries_its_wind_and_jumps_to_the_next_stages_start() -> None:
    route = load_route()
    first, second = (load_track(track_id) for track_id in route.stage_ids[:2])
    car = load_car(DEFAULT_CAR_ID)
    opening = stage_settings(BASE, first, 0, 722, None)
    assert opening.start_time_of_day_s == 7 * 3600 + 22 * 60 and opening.wound_turns is None
    run = drive(first, car, opening)
    left = run.final.watch.wound_turns
    assert 0.0 < left < 38.0  # some of the wind was used and the autopilot wound some back
    following = stage_settings(BASE, second, 1, 722, left)
    assert following.wound_turns == left
    assert following.start_time_of_day_s == second.start_time_of_day_s
    watch = Race(second, car, following).snapshot.watch
    assert watch.wound_turns == pytest.approx(left, abs=1e-3)
    assert watch.time_of_day_s == pytest.approx(second.start_time_of_day_s, abs=0.125)
    assert watch.date == second.date


def test_route_progress_survives_a_restart_and_is_marked_when_resumed() -> None:
    car = load_car(DEFAULT_CAR_ID)
    first = load_track(load_route().stage_ids[0])
    run = drive(first, car, stage_settings(BASE, first, 0, 722, None))
    progress = RouteProgress.new(BASE, 722).with_stage(run.result, run.final.watch.wound_turns, None)
    save_progress(progress)
    loaded = load_progress()
    assert loaded.warning is None and loaded.progress == progress
    assert loaded.progress.next_stage == 1 and loaded.progress.total_ms == run.result.total_ms
    assert loaded.progress.resumed().resumed_count == 1


def test_a_corrupt_route_progress_file_is_set_aside_and_reported() -> None:
    from game.speedrun.route_progress import progress_path

    progress_path().write_text("{not json", encoding="utf-8")
    loaded = load_progress()
    assert loaded.progress is None and "could not be read" in (loaded.warning or "")
    assert not progress_path().exists()
    assert list(progress_path().parent.glob("route-progress.json.corrupt-*"))


def test_a_resumed_route_is_counted_apart_from_route_pbs() -> None:
    from game.speedrun.route_progress import RESUMED_CATEGORY, StageRecord, record_route_attempt
    from game.speedrun.savedata import load_category

    stage_ids = load_route().stage_ids
    stages = tuple(StageRecord(tid, 100_000, 30, 100_030, None) for tid in stage_ids)
    straight = RouteProgress(BASE, 722, stages, 10.0)
    outcome = record_route_attempt(straight)
    assert outcome.new_pb and outcome.attempt.split_ms[-1] == 100_030 * len(stage_ids)
    resumed = record_route_attempt(RouteProgress(BASE, 722, stages, 10.0, resumed_count=1))
    assert resumed.record.category == RESUMED_CATEGORY
    assert load_category("route").attempt_count == 1


DAMAGE = [
    ("stages", 0, "time_ms", -5),
    ("stages", 0, "time_ms", 10**30),
    ("stages", 0, "time_ms", 60_000.5),
    ("stages", 0, "time_ms", True),
    ("stages", 0, "total_ms", 1),  # no longer time + penalty
    ("stages", 0, "replay", "../../elsewhere.mmr"),
    ("settings", None, "car_id", "no-such-car"),
    ("settings", None, "difficulty", "ludicrous"),
    ("settings", None, "assisted_flyback", "yes"),
    (None, None, "car_number", 760),
    (None, None, "car_number", "722"),
    (None, None, "wound_turns", float("nan")),
    (None, None, "wound_turns", 1e9),
    (None, None, "resumed_count", -1),
    (None, None, "stages", [{}] * 40),
]


@pytest.mark.parametrize(("where", "index", "key", "value"), DAMAGE)
def test_route_progress_with_values_no_run_makes_is_set_aside(
    where: str | None, index: int | None, key: str, value: object
) -> None:
    import json

    from game.speedrun.route_progress import StageRecord, progress_path

    first = load_route().stage_ids[0]
    save_progress(RouteProgress(BASE, 722, (StageRecord(first, 60_000, 30, 60_030, "a.mmr"),), 20.0))
    document = json.loads(progress_path().read_text(encoding="utf-8"))
    target = document if where is None else document[where]
    target = target if index is None else target[index]
    target[key] = value
    text = json.dumps(document)
    progress_path().write_text(text, encoding="utf-8")
    loaded = load_progress()
    assert loaded.progress is None
    assert loaded.warning is not None and loaded.warning.startswith(f"Route progress in {progress_path()}")
    assert loaded.warning.endswith("; kept as route-progress.json.corrupt-1")
    assert progress_path().with_name("route-progress.json.corrupt-1").read_text(encoding="utf-8") == text
    assert load_progress() == LoadedProgress(None)  # and the next start begins afresh, quietly
