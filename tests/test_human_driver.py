"""The human-model driver that calibrates the medals: real controls, a person's reaction time, reproducible."""

from __future__ import annotations

import dataclasses
import re

from proving_ground import corner

from game.sim import TICK_S
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.geometry import TrackGeometry
from game.sim.human_driver import REACTION_TICKS, HumanDriver
from game.sim.inputs import STEER_STEPS, InputRecord
from game.sim.race_types import RaceSettings
from game.sim.snapshot import RaceSnapshot
from game.sim.steering_feel import KeyboardSteering
from game.speedrun.session import drive

SETTINGS = RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID)
TRACK = corner(40.0, 1.6)
CAR = load_car(DEFAULT_CAR_ID)


def _run(device: str, seed: int):  # type: ignore[no-untyped-def]
    return drive(TRACK, CAR, SETTINGS, driver=HumanDriver(device, seed), max_ticks=6000)  # type: ignore[arg-type]


def test_the_keyboard_model_finishes_a_short_track() -> None:
    run = _run("keyboard", 1)
    assert run.result.finished
    assert run.final.recoveries == 0


def test_a_seed_is_one_reproducible_person_and_another_seed_another() -> None:
    for device in ("keyboard", "gamepad"):
        first, again, other = _run(device, 3), _run(device, 3), _run(device, 4)
        assert first.records == again.records
        assert first.state_hash == again.state_hash
        assert first.records != other.records


def test_the_keyboard_model_steers_only_through_the_ramp_and_pedals_on_or_off() -> None:
    records = _run("keyboard", 2).records
    assert {r.throttle for r in records} == {0, 255}
    assert {r.brake for r in records} <= {0, 255}
    # Every steering value is what the game's ramp gives for left, right or no key from the last one.
    wheel = KeyboardSteering()
    for record in records:
        outcomes = {}
        for keys in ((False, False), (True, False), (False, True)):
            trial = KeyboardSteering()
            trial.position = wheel.position
            outcomes[round(trial.advance(*keys, TICK_S) * STEER_STEPS)] = keys
        assert record.steer in outcomes
        wheel.advance(*outcomes[record.steer], TICK_S)
    assert len({r.steer for r in records}) > 10  # it did steer


def _feed(driver: HumanDriver, snapshots: list[RaceSnapshot]) -> list[InputRecord]:
    driver.start(TRACK, TrackGeometry(TRACK), CAR)
    return [driver.next_record(snapshot) for snapshot in snapshots]


def test_what_the_driver_sees_at_a_tick_changes_its_hands_15_ticks_later_at_the_earliest() -> None:
    seen: list[RaceSnapshot] = []
    drive(TRACK, CAR, SETTINGS, driver=HumanDriver("gamepad", 0), max_ticks=900, on_tick=seen.append)
    stimulus = 700  # racing, at speed: the car seen two metres to the left of where it is
    moved = list(seen)
    car = moved[stimulus].car
    moved[stimulus] = dataclasses.replace(moved[stimulus], car=dataclasses.replace(car, y_m=car.y_m + 2.0))
    plain = _feed(HumanDriver("gamepad", 0), seen)
    startled = _feed(HumanDriver("gamepad", 0), moved)
    # seen[t] is the race after tick t; the record returned with it drives tick t + 1
    first_changed = next(t for t, (a, b) in enumerate(zip(plain, startled, strict=True)) if a != b) + 1
    assert first_changed == stimulus + REACTION_TICKS
    assert REACTION_TICKS == 15


def test_calibrate_prints_each_model_against_each_medal(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from game.cli import main

    assert main(["calibrate", "--stage", "circuit-1940", "--seeds", "2", "--workers", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "human models, default car, 2 seeds each; medals as shipped"
    time = r"\d\d:\d\d\.\d{3}"
    stats = rf"median {time}  best {time}  worst {time}  beat bronze [0-2]/2"
    assert re.fullmatch(rf"circuit-1940 +keyboard  {stats}", lines[1])
    assert re.fullmatch(rf" +gamepad   {stats}", lines[2])
    assert re.fullmatch(rf" +medals    722 {time}  gold {time}  silver {time}  bronze {time}", lines[3])
    assert len(lines) == 4


def test_medals_from_the_models_runs() -> None:
    from game.commands.calibrate import Runs, medals_from_runs

    keyboard = (130_050, 121_000, 125_000, None, 128_000, 126_000, 124_000, 127_000, 129_000, 123_000)
    runs = Runs("t", keyboard, (100_000, 99_000))
    # bronze: the 8th of 10 (a DNF is slowest); silver: the keyboard's best; gold: halfway from the 722 to 99 s
    assert medals_from_runs(runs, 90_000) == {"bronze_ms": 129_000, "silver_ms": 121_000, "gold_ms": 94_500}
    # never closer than a tenth to the medal above
    assert medals_from_runs(Runs("t", (95_000,), (95_000,)), 94_950) == {
        "gold_ms": 95_050,
        "silver_ms": 95_150,
        "bronze_ms": 95_250,
    }
