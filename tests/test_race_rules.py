"""The race's rules: regularity penalties, the countdown, winding and the pusher in the simulation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.sim import TICK_S
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.events import (
    Beats,
    CountdownSecond,
    CrownClicks,
    Finished,
    Flyback,
    Go,
    PusherMoved,
    SplitPassed,
    TrialEnded,
    TrialStarted,
)
from game.sim.inputs import InputRecord
from game.sim.race import (
    CROWN_CLICKS_PER_TURN,
    FLYBACK_HOLD_TICKS,
    PENALTY_MS_PER_POINT,
    TICK_NS,
    Race,
    simulate,
    trial_points,
)
from game.sim.race_types import COUNTDOWN_TICKS, RaceSettings
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track
from game.speedrun.session import AutoRun, drive
from watch_core import LabOne

CAR = load_car(DEFAULT_CAR_ID)
SETTINGS = RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID)


@pytest.fixture(scope="module")
def stage() -> Track:
    return load_track(load_route().stage_ids[0])


@pytest.fixture(scope="module")
def autopilot_run(stage: Track):  # type: ignore[no-untyped-def]
    return drive(stage, CAR, SETTINGS)


def with_trial_target(track: Track, trial: int, target_s: float) -> Track:
    lines = tuple(
        replace(line, target_s=target_s)
        if line.kind in ("trial_start", "trial_end") and line.trial == trial
        else line
        for line in track.timing_lines
    )
    return replace(track, timing_lines=lines)


@pytest.mark.parametrize(
    ("offset_s", "points"),
    [(0.0, 0), (0.37, 37), (-1.2, 120)],
    ids=["on-time", "0.37-s-early", "1.2-s-late"],
)
def test_trial_points_and_time_added(stage: Track, autopilot_run, offset_s: float, points: int) -> None:  # type: ignore[no-untyped-def]
    """The same scripted inputs against a target on time, 0.37 s later (car early), 1.2 s sooner (car late)."""
    first = autopilot_run.result.trials[0]
    measured_s = first.measured_cs / 100
    track = with_trial_target(stage, first.trial, round(measured_s + offset_s, 2))
    result = simulate(track, CAR, SETTINGS, autopilot_run.records)
    trial = result.trials[0]
    assert trial.measured_cs == first.measured_cs
    assert trial.points == points
    other = sum(t.points for t in result.trials[1:])
    assert result.penalty_ms == (points + other) * PENALTY_MS_PER_POINT
    assert result.total_ms == result.time_ms + result.penalty_ms
    assert result.time_ms == autopilot_run.result.time_ms  # the target never changes the driving


@given(st.integers(min_value=500, max_value=60_000), st.integers(min_value=-3000, max_value=3000))
def test_crossing_early_or_late_never_pays(target_cs: int, error_cs: int) -> None:
    """The stage result with a trial driven `error_cs` off target, against the same stage driven on target:
    the time saved by arriving early is always less than the penalty it costs."""
    stage_time_change_ms = error_cs * 10  # the rest of the stage is the same
    penalty_ms = trial_points(target_cs + error_cs, target_cs) * PENALTY_MS_PER_POINT
    result_change_ms = stage_time_change_ms + penalty_ms
    assert result_change_ms >= 0
    assert (result_change_ms == 0) == (error_cs == 0)
    assert penalty_ms == abs(error_cs) * 30


def test_countdown_holds_the_car_and_the_clock(stage: Track) -> None:
    race = Race(stage, CAR, SETTINGS)
    start = race.snapshot.car
    for _ in range(COUNTDOWN_TICKS):
        snap = race.step(InputRecord.from_controls(throttle=1.0))
        assert snap.igt_ms == 0
    assert (snap.car.x_m, snap.car.y_m) == (start.x_m, start.y_m)
    assert snap.phase == "racing" and snap.countdown_ticks == 0
    snap = race.step(InputRecord.from_controls(throttle=1.0))
    assert snap.igt_ms == 10 and snap.car.speed_ms > 0


def test_winding_cuts_the_throttle_and_charges_the_spring(stage: Track) -> None:
    race = Race(stage, CAR, replace(SETTINGS, wound_turns=10.0))
    for _ in range(COUNTDOWN_TICKS):
        race.step(InputRecord())
    for _ in range(100):
        snap = race.step(InputRecord.from_controls(throttle=1.0, wind_turns=0.02))
    assert snap.winding and snap.car.speed_ms == pytest.approx(0.0, abs=0.05)
    assert snap.crown_turns == pytest.approx(100 * 10 / 512)
    assert snap.watch.wound_turns > 10.0


def test_pusher_brakes_the_tourbillon_and_flyback_returns_seconds_to_zero(stage: Track) -> None:
    race = Race(stage, CAR, SETTINGS)
    for _ in range(250):
        race.step(InputRecord())
    seconds_before = race.snapshot.watch.seconds_deg
    assert seconds_before != 0.0
    for _ in range(FLYBACK_HOLD_TICKS):
        snap = race.step(InputRecord.from_controls(pusher=True))
        assert snap.watch.braked and snap.watch.seconds_deg == seconds_before
    snap = race.step(InputRecord.from_controls(pusher=True))
    assert snap.watch.seconds_deg == 0.0  # held longer than 1 s: fly-back
    beats = snap.watch.beats
    snap = race.step(InputRecord())
    assert not snap.watch.braked and snap.watch.beats == beats


def test_purist_setting_has_no_flyback(stage: Track) -> None:
    race = Race(stage, CAR, replace(SETTINGS, assisted_flyback=False))
    for _ in range(250):
        race.step(InputRecord())
    for _ in range(300):
        snap = race.step(InputRecord.from_controls(pusher=True))
    assert snap.watch.seconds_deg != 0.0


def test_a_run_down_watch_freezes_the_speed_arrow(stage: Track) -> None:
    race = Race(stage, CAR, replace(SETTINGS, wound_turns=0.3))  # about a second of running at game scale
    snap = race.snapshot
    for _ in range(COUNTDOWN_TICKS):
        snap = race.step(InputRecord())
    assert not snap.watch.running and snap.watch.stopped_reason == "run down"
    frozen_ticks = 0
    for _ in range(300):
        before = snap
        snap = race.step(InputRecord.from_controls(throttle=1.0))
        if not before.watch.running and not snap.watch.running:
            assert snap.cluster_speed_kmh == before.cluster_speed_kmh  # every hand frozen, the arrow too
            frozen_ticks += snap.car.speed_ms != before.car.speed_ms
    assert frozen_ticks > 100  # ... while the car really was changing speed
    assert snap.car.speed_ms > 5.0
    snap = race.step(InputRecord.from_controls(wind_turns=0.02))
    assert snap.watch.running  # the first crown turn starts it again


def test_autopilot_run_is_reproduced_to_the_millisecond(stage: Track, autopilot_run) -> None:  # type: ignore[no-untyped-def]
    assert autopilot_run.result.finished
    again = simulate(stage, CAR, SETTINGS, autopilot_run.records)
    assert again == autopilot_run.result
    race = Race(stage, CAR, SETTINGS)
    for record in autopilot_run.records:
        race.step(record)
    assert race.state_hash() == autopilot_run.state_hash


def _drive_to_racing(race: Race) -> None:
    for _ in range(COUNTDOWN_TICKS):
        race.step(InputRecord())


def test_driving_backwards_shows_wrong_way_after_half_a_second(stage: Track) -> None:
    race = Race(stage, CAR, SETTINGS)
    _drive_to_racing(race)
    x, y, heading = race.geometry.point_at(400.0)
    race.driving.place(x, y, heading + 3.14159)  # turned round on the road
    seen = []
    for _ in range(200):
        snap = race.step(InputRecord.from_controls(throttle=0.6))
        seen.append(snap.wrong_way)
    assert not seen[0]  # not at once: a spin must not flash the warning
    assert seen[-1] and snap.car.speed_ms > 2.0


def test_recovery_puts_the_car_back_on_the_road_and_the_clock_runs_on(stage: Track) -> None:
    race = Race(stage, CAR, SETTINGS)
    _drive_to_racing(race)
    for _ in range(300):
        race.step(InputRecord.from_controls(throttle=0.8))  # well past the start line
    for _ in range(80):
        race.step(InputRecord.from_controls(throttle=1.0, steer=1.0))  # off into the scenery
    before = race.snapshot
    left_at = race.geometry.project(before.car.x_m, before.car.y_m).s_m
    snap = race.step(InputRecord.from_controls(recover=True))
    on_road = race.geometry.project(snap.car.x_m, snap.car.y_m)
    assert abs(on_road.lateral_m) < 0.5 and snap.car.speed_ms < 0.5
    assert left_at - 12.0 <= on_road.s_m <= left_at  # just behind where it left the road, not back at a line
    assert snap.recoveries == 1 and snap.igt_ms == before.igt_ms + 10


def test_missed_checkpoint_is_not_counted_and_the_finish_waits_for_it(stage: Track) -> None:
    """Jumping the car past a checkpoint (no crossing) leaves it unpassed: the finish line does not count."""
    race = Race(stage, CAR, SETTINGS)
    _drive_to_racing(race)
    finish = next(line for line in stage.timing_lines if line.kind == "finish")
    x, y, heading = race.geometry.point_at(finish.s_m - 15.0)
    race.driving.place(x, y, heading)
    for _ in range(300):
        snap = race.step(InputRecord.from_controls(throttle=1.0))
    assert snap.phase == "racing" and snap.splits == ()


def test_a_hand_on_the_crown_cuts_the_throttle_even_between_turns(stage: Track) -> None:
    """The crown bit alone (a stick held round on the crown, not turning this tick) cuts the throttle."""
    race = Race(stage, CAR, SETTINGS)
    for _ in range(COUNTDOWN_TICKS):
        race.step(InputRecord())
    for _ in range(100):
        snap = race.step(InputRecord.from_controls(throttle=1.0, crown=True))
    assert snap.winding and snap.car.speed_ms == pytest.approx(0.0, abs=0.05)
    assert snap.crown_turns == 0.0
    for _ in range(100):
        snap = race.step(InputRecord.from_controls(throttle=1.0))
    assert not snap.winding and snap.car.speed_ms > 1.0  # hands back on the wheel: it pulls away


def test_a_pulled_out_crown_turns_freely_and_winds_nothing(stage: Track) -> None:
    race = Race(stage, CAR, replace(SETTINGS, wound_turns=10.0))
    snap = race.step(InputRecord.from_controls(pusher=True))
    wound = snap.watch.wound_turns
    for _ in range(50):
        snap = race.step(InputRecord.from_controls(pusher=True, wind_turns=0.02))
        assert not any(isinstance(event, CrownClicks) for event in snap.events)
    assert snap.watch.wound_turns == wound and snap.crown_turns == 0.0
    snap = race.step(InputRecord.from_controls(wind_turns=0.02))  # pushed back in: it winds and clicks
    assert snap.watch.wound_turns > wound and snap.crown_turns == pytest.approx(10 / 512)


def _events_by_kind(race: Race, records: list[InputRecord]) -> dict[type, list[object]]:
    seen: dict[type, list[object]] = {}
    for record in records:
        for event in race.step(record).events:
            seen.setdefault(type(event), []).append(event)
    return seen


def test_the_countdown_says_three_beeps_then_go_once_each(stage: Track) -> None:
    race = Race(stage, CAR, SETTINGS)
    seen = _events_by_kind(race, [InputRecord()] * (COUNTDOWN_TICKS + 50))
    assert seen[CountdownSecond] == [CountdownSecond(1, 3), CountdownSecond(101, 2), CountdownSecond(201, 1)]
    assert seen[Go] == [Go(COUNTDOWN_TICKS)]


def test_each_tick_carries_only_its_own_events(stage: Track) -> None:
    """Pusher, fly-back, crown clicks and beats are said in the tick they happen, and never again."""
    race = Race(stage, CAR, replace(SETTINGS, wound_turns=10.0))
    snap = race.step(InputRecord.from_controls(pusher=True))
    assert PusherMoved(1, True) in snap.events
    for _ in range(FLYBACK_HOLD_TICKS):
        snap = race.step(InputRecord.from_controls(pusher=True))
    assert snap.events == (Flyback(FLYBACK_HOLD_TICKS + 1), CountdownSecond(FLYBACK_HOLD_TICKS + 1, 2))
    snap = race.step(InputRecord())
    assert PusherMoved(FLYBACK_HOLD_TICKS + 2, False) in snap.events
    beats = 0
    clicks = 0
    for _ in range(100):
        snap = race.step(InputRecord.from_controls(wind_turns=0.02))
        beats += sum(e.count for e in snap.events if isinstance(e, Beats))
        clicks += sum(e.count for e in snap.events if isinstance(e, CrownClicks))
        assert all(e.tick == snap.tick for e in snap.events)
    assert clicks == int(snap.crown_turns * CROWN_CLICKS_PER_TURN)
    assert beats == 8  # one second of a 4 Hz balance: 28,800 beats an hour


def test_splits_trials_and_the_finish_are_events_matching_the_result(autopilot_run: AutoRun) -> None:
    run = autopilot_run
    splits = [e for e in run.events if isinstance(e, SplitPassed)]
    assert [e.split for e in splits] == list(run.result.splits)
    assert [e.index for e in splits] == list(range(len(run.result.splits)))
    ended = [e.result for e in run.events if isinstance(e, TrialEnded)]
    assert ended == list(run.result.trials)
    assert len([e for e in run.events if isinstance(e, TrialStarted)]) == len(ended)
    (finish,) = [e for e in run.events if isinstance(e, Finished)]
    assert (finish.time_ms, finish.total_ms) == (run.result.time_ms, run.result.total_ms)


def test_the_watch_goes_a_tick_by_the_integer_exactly_as_by_the_tick_in_seconds() -> None:
    by_seconds = LabOne(time_of_day_s=3600.0, wound_turns=0.05, let_down_scale=900.0)
    by_ns = LabOne(time_of_day_s=3600.0, wound_turns=0.05, let_down_scale=900.0)
    beats = [(by_seconds.advance(TICK_S), by_ns.advance_ns(TICK_NS)) for _ in range(3000)]
    assert all(a == b for a, b in beats)
    assert sum(a for a, _ in beats) > 0
    assert by_ns == by_seconds
    assert by_ns.let_down  # run down on the way: the slow last beats were taken too
