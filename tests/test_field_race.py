"""The 1955 field on the road (docs/design.md §9): placement, pace, determinism, replays, categories, fuzz."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace

import pytest

from game.sim.cars import load_car, load_car_model
from game.sim.field import load_field
from game.sim.field_pace import PACE_STEP_M, model_plan, pace_table, wander
from game.sim.field_placement import FIELD_COMPRESSION, place_field
from game.sim.field_sim import FieldSim
from game.sim.field_types import FieldOutcome, Standing
from game.sim.geometry import TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.sim.world import CAR_COLLISION_TYPE
from game.speedrun.categories import category_for_race, category_names, resolve_category
from game.speedrun.classification import StageTime, classify
from game.speedrun.field_report import field_line
from game.speedrun.replay_format import decode_replay, encode_replay, field_digest, make_replay
from game.speedrun.session import drive
from game.speedrun.verify import verify

STAGE = "06-pescara-roma"
CAR = "mercedes_300_slr"
OVERLAP_SEEN_M = 0.25
"""Two car bodies overlapping by more than this are seen drawn over each other."""


def _random_records(seed: int, count: int) -> list[InputRecord]:
    rng = random.Random(seed)
    records = []
    steer = 0.0
    for _ in range(count):
        steer = max(-1.0, min(1.0, steer + rng.uniform(-0.2, 0.2)))
        records.append(
            InputRecord.from_controls(
                steer, rng.choice((1.0, 1.0, 0.6, 0.0)), rng.choice((0.0, 0.0, 0.0, 0.8))
            )
        )
    return records


def test_the_field_is_placed_by_start_gap_over_the_compression() -> None:
    field = load_field()
    placed = {p.entrant.number: p.clock_at_go_s for p in place_field(field, 722)}
    assert 722 not in placed
    assert len(placed) == len(field.entrants)
    first = field.entrants[0]
    assert placed[first.number] == (field.start_of(722).offset_s - first.start.offset_s) / FIELD_COMPRESSION
    assert placed[first.number] == 37_320 / 40.0  # 21:00 on 30 April to 07:22 on 1 May
    for number, clock in placed.items():  # one minute of start gap is 1.5 s of the stage at GO
        gap_min = (field.start_of(722).offset_s - field.start_of(number).offset_s) / 60
        assert clock == pytest.approx(gap_min * 1.5)
    later = [n for n, clock in placed.items() if clock < 0]
    assert later and all(723 <= n <= 728 for n in later)


def test_an_entrants_pace_table_is_its_models_plan_at_its_pace_and_reads_both_ways() -> None:
    track = load_track(STAGE)
    geometry = TrackGeometry(track)
    plan = model_plan(track, geometry, load_car_model("fiat_1100_103"))
    steady = pace_table(plan, 2201, 0.85, 1.0)  # a consistency of 1 never wanders
    assert tuple(steady.speed_ms) == tuple(max(1.0, v * 0.85) for v in plan.speed_ms)
    assert steady.time_s[0] == 0.0
    assert all(b > a for a, b in zip(steady.time_s, steady.time_s[1:], strict=False))
    for s in (0.0, 10.0, 777.7, 2000.0):
        assert steady.s_at(steady.time_at(s)) == pytest.approx(s, abs=1e-6)
    wandering = pace_table(plan, 2201, 0.85, 0.0)
    assert wandering.stage_time_s > steady.stage_time_s
    assert wandering == pace_table(plan, 2201, 0.85, 0.0)
    assert len(steady.speed_ms) == int(geometry.length_m / PACE_STEP_M) + 1
    assert 0.0 <= wander(722, 3) < 1.0 and wander(722, 3) == wander(722, 3) != wander(723, 3)


def test_a_faster_car_is_faster_along_the_same_stage() -> None:
    track = load_track(STAGE)
    geometry = TrackGeometry(track)
    slr = pace_table(model_plan(track, geometry, load_car(CAR)), 1, 1.0, 1.0).stage_time_s
    diesel = pace_table(
        model_plan(track, geometry, load_car_model("mercedes_180_d")), 1, 1.0, 1.0
    ).stage_time_s
    assert slr < diesel


def test_the_same_inputs_give_the_same_field_and_another_number_another_one() -> None:
    track = load_track(STAGE)
    car = load_car(CAR)
    records = _random_records(7, 1500)

    def run(number: int) -> tuple[str, tuple]:
        race = Race(track, car, RaceSettings(car_id=CAR, car_number=number))
        for record in records:
            race.advance(record)
        return race.state_hash(), race.snapshot.field

    first, second = run(722), run(722)
    assert first == second
    assert first[1], "cars of the field are in sight"
    assert run(417)[0] != first[0]
    clear = Race(track, car, RaceSettings(car_id=CAR, clear_road=True))
    assert clear.field is None and clear.snapshot.field == ()


def test_rivals_in_the_snapshot_are_by_number_within_sight_and_the_near_ones_are_bodies() -> None:
    track = load_track(STAGE)
    race = Race(track, load_car(CAR), RaceSettings(car_id=CAR))
    for record in _random_records(3, 900):
        snap = race.step(record)
    numbers = [r.number for r in snap.field]
    assert numbers == sorted(numbers)
    car = snap.car
    assert all(math.hypot(r.x_m - car.x_m, r.y_m - car.y_m) < 400.0 for r in snap.field)
    assert race.field is not None
    assert {r.number for r in snap.field if r.simulated} == {r.number for r in race.field.near}


def test_a_snapshots_field_read_late_shows_the_cars_where_they_were_at_its_tick() -> None:
    """The field is worked out when first read: a snapshot kept and read ticks later (as the renderer reads the
    previous tick's) shows the same cars, bodies and far cars, as one read at once."""
    track = load_track(STAGE)
    car = load_car(CAR)
    records = _random_records(4, 1200)
    eager = Race(track, car, RaceSettings(car_id=CAR))
    lazy = Race(track, car, RaceSettings(car_id=CAR))
    kept = []
    for tick, record in enumerate(records):
        read_now = tuple(eager.step(record).field)
        snap = lazy.step(record)
        if tick % 7 == 0:
            kept.append((snap, read_now))
    assert any(any(r.simulated for r in now) for _, now in kept), "bodies were in sight"
    assert any(any(not r.simulated for r in now) for _, now in kept), "far cars were in sight"
    for snap, read_now in kept[::-1]:  # the oldest read last, long after its tick
        assert tuple(snap.field) == read_now
        assert snap.field == read_now and len(snap.field) == len(read_now)


def test_a_recorded_run_with_the_field_verifies_and_a_changed_field_does_not() -> None:
    track = load_track(STAGE)
    car = load_car(CAR)
    settings = RaceSettings(car_id=CAR)
    run = drive(track, car, settings, max_ticks=2500)
    assert run.result.field is not None
    replay = decode_replay(
        encode_replay(make_replay(track, settings, run.result, run.records, category="x-field"))
    )
    assert replay.settings.car_number == 722 and not replay.settings.clear_road
    assert verify(replay).matches
    other = replace(replay, field_digest=field_digest(None))
    assert any(m.startswith("field:") for m in verify(other).mismatches)
    moved = replace(replay, settings=replace(replay.settings, car_number=417), car_number=417)
    assert not verify(moved).matches


def test_the_category_says_whether_the_field_was_on_the_road() -> None:
    track = load_track("01-brescia-verona")
    assert category_for_race(track, None).name == "01-brescia-verona-field"
    assert category_for_race(track, None, clear_road=True).name == "01-brescia-verona"
    circuit = load_track(load_route().circuit_id)
    assert (
        category_for_race(circuit, 1).name
        == category_for_race(circuit, 1, clear_road=True).name
        == "circuit-1"
    )
    names = category_names()
    assert "01-brescia-verona" in names and "01-brescia-verona-field" in names
    assert "route" in names and "route-field" in names
    assert resolve_category("route-field").field and not resolve_category("route").field
    assert (
        resolve_category("01-brescia-verona-field").split_names
        == resolve_category("01-brescia-verona").split_names
    )


def test_the_field_line_reads_passes_and_positions() -> None:
    standings = (
        Standing(722, "You", CAR, "sport-over-2000", 100_000, 1, 1, True),
        Standing(700, "A", "austin_healey_100s", "sport-over-2000", 110_000, 2, 2, False),
        Standing(2100, "B", "mercedes_180_d", "diesel", 190_000, 3, 1, False),
    )
    outcome = FieldOutcome(standings, (700, 2100), ())
    assert field_line(outcome) == "field: passed 2, passed by 0, position 1/3, class sport-over-2000 1/2"
    assert re.fullmatch(
        r"field: passed \d+, passed by \d+, position \d+/\d+, class \S+ \d+/\d+", field_line(outcome)
    )


def test_the_route_classification_sums_each_cars_stage_times() -> None:
    one = (StageTime(722, "a", 100, True), StageTime(700, "a", 90, False), StageTime(2100, "d", 300, False))
    two = (StageTime(722, "a", 100, True), StageTime(700, "a", 120, False), StageTime(2100, "d", 300, False))
    table = classify([one, two])
    assert [(c.number, c.total_ms, c.position, c.class_position) for c in table] == [
        (722, 200, 1, 1),
        (700, 210, 2, 2),
        (2100, 600, 3, 1),
    ]
    assert classify([one, two[:1]])[0].number == 722 and len(classify([one, two[:1]])) == 1


@pytest.mark.parametrize("stage_id", load_route().stage_ids)
def test_random_driving_with_the_field_keeps_every_car_whole_on_the_road_and_apart(stage_id: str) -> None:
    track = load_track(stage_id)
    geometry = TrackGeometry(track)
    for seed in (1, 2):
        race = Race(track, load_car(CAR), RaceSettings(car_id=CAR), geometry=geometry)
        field = race.field
        assert isinstance(field, FieldSim)
        for record in _random_records(seed, 1400):
            race.advance(record)
            bodies = [r.body for r in field.near if r.body is not None]
            points = [b.position for b in bodies]
            for x, y in points:
                assert math.isfinite(x) and math.isfinite(y)
                road = geometry.project(x, y)
                assert abs(road.lateral_m) < road.half_width_m + 25.0, (
                    "a car of the field left the road's surroundings"
                )
                assert race.driving.world.bounds.contains(x, y)
            everyone = [*points, (race.driving.snapshot.x_m, race.driving.snapshot.y_m)]
            for i, (ax, ay) in enumerate(everyone):
                for bx, by in everyone[i + 1 :]:
                    assert math.hypot(ax - bx, ay - by) > 1.2, "two cars inside each other"
            # What a player would see as two bodies drawn over each other: their outlines overlapping by more
            # than a bumper's thickness (pymunk lets touching bodies sink into each other a little).
            for r in field.near:
                for touch in race.driving.world.space.shape_query(r.shape):
                    if touch.shape is not None and touch.shape.collision_type == CAR_COLLISION_TYPE:
                        for point in touch.contact_point_set.points:
                            assert -point.distance < OVERLAP_SEEN_M, "two car bodies drawn over each other"
        assert race.state_hash()
