"""The regularity rally: the roadbook rule, the penalties and points, and watch-only runs that verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.rally_book import build_roadbook
from game.sim.rally_points import car_coefficient, classify, field_penalty, points_for_rank, rank_of
from game.sim.rally_types import COResult, PCResult, PMPointResult, RallyResult
from game.sim.track_catalog import load_track, track_ids
from game.speedrun.replay_format import decode_replay, encode_replay
from game.speedrun.verify import compare_results

GOLDEN = Path(__file__).parent / "golden_regularity"
STAGES = [t for t in track_ids() if not t.startswith("circuit")]


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_has_a_roadbook_of_chained_blocks_a_pm_and_a_control(stage: str) -> None:
    track = load_track(stage)
    book = build_roadbook(track)
    assert book == build_roadbook(track), "the rule is deterministic"
    assert len(book.pcs) == 6 and [pc.block for pc in book.pcs] == [1, 1, 1, 2, 2, 2]
    lines = [pc.start_s_m for pc in book.pcs]
    assert lines == sorted(lines)
    for before, pc in zip(book.pcs, book.pcs[1:], strict=False):
        if pc.chained:
            assert pc.start_s_m == before.end_s_m, "a chained trial starts on the line the last one ended"
        else:
            assert pc.start_s_m > before.end_s_m
    assert all(30.0 <= pc.length_m <= 1500.0 for pc in book.pcs)
    assert all(pc.target_cs % 100 == 0 for pc in book.pcs), "whole seconds in the roadbook"
    (pm,) = book.pms
    assert pm.average_kmh < 50.0
    assert book.pcs[2].end_s_m < pm.start_s_m < pm.secret_s_m[0] < pm.secret_s_m[-1] < pm.end_s_m
    assert pm.end_s_m < book.pcs[3].start_s_m
    finish = next(line.s_m for line in track.timing_lines if line.kind == "finish")
    assert book.co.zone_end_s_m == round(finish - 10.0, 1)
    assert book.co.target_tod_s % 60 == 0 and book.co.target_tod_s > track.start_time_of_day_s


def test_a_circuit_has_no_roadbook() -> None:
    with pytest.raises(ValueError, match="circuit"):
        build_roadbook(load_track("circuit-1940"))


def test_penalties_as_the_regulations_give_them() -> None:
    assert PCResult("PC 1", 1, 1500, 1512).penalty == 12
    assert PCResult("PC 1", 1, 1500, 1000).penalty == 300, "a PC costs at most 300"
    assert PMPointResult("PM 1 · 1", 1000, 1015).error_ds == 2
    assert PMPointResult("PM 1 · 1", 1000, 1014).error_ds == 1
    assert PMPointResult("PM 1 · 1", 1000, 986).error_ds == -1
    on_minute = COResult("CO", 600, 659.99)
    assert (on_minute.minutes_off, on_minute.penalty) == (0, 0)
    assert COResult("CO", 600, 599.99).penalty == 100, "a part of a minute early costs a minute"
    assert COResult("CO", 600, 600 + 60 * 7).penalty == 300, "late is capped at 300"
    assert COResult("CO", 600, None).penalty == 1000


def test_points_by_rank_and_the_coefficient() -> None:
    assert [points_for_rank(r) for r in (1, 2, 3, 10, 500)] == [420, 395, 390, 355, 0]
    assert rank_of(3, [0, 3, 3, 5]) == 2, "ties share the better rank"
    assert car_coefficient(1927, 2000, "sport") == 1.70
    assert car_coefficient(1957, 741, "gt") == 1.25
    assert car_coefficient(1955, 2982, "sport") == 1.20


def test_the_field_is_deterministic_and_the_consistent_crews_err_less() -> None:
    assert field_penalty(101, 0.8, "x/PC 1") == field_penalty(101, 0.8, "x/PC 1")
    steady = sum(field_penalty(n, 0.95, f"t/PC {k}") for n in range(40) for k in range(10))
    erratic = sum(field_penalty(n, 0.4, f"t/PC {k}") for n in range(40) for k in range(10))
    assert steady * 3 < erratic


def test_a_perfect_stage_wins_and_a_missed_control_costs() -> None:
    book = build_roadbook(load_track("06-pescara-roma"))
    pcs = tuple(PCResult(pc.name, pc.block, pc.target_cs, pc.target_cs) for pc in book.pcs)
    points = tuple(PMPointResult(f"PM 1 · {i + 1}", 100, 100) for i in range(3))
    perfect = RallyResult(
        book.track_id, pcs, points, COResult("CO", book.co.target_tod_s, book.co.target_tod_s)
    )
    ranked = classify([perfect], "mercedes_300_slr")
    assert ranked.position == 1 and ranked.entrants == 287
    assert ranked.points == 9 * 420 * 1.20
    missed = classify([RallyResult(book.track_id, pcs, points, COResult("CO", 0, None))], "mercedes_300_slr")
    assert missed.points == ranked.points - 1000


def test_the_new_buttons_round_trip_and_the_replay_keeps_the_mode() -> None:
    record = InputRecord.from_controls(check_in=True, crown_back=True, pusher=True)
    assert InputRecord.unpack(record.pack()) == record
    assert (record.check_in, record.crown_back, record.pusher) == (True, True, True)
    replay = decode_replay(encode_replay(decode_replay((GOLDEN / "06-pescara-roma-watch.mmr").read_bytes())))
    assert replay.settings.rally == "regularity"


def test_the_speed_race_has_no_rally() -> None:
    from game.sim.cars import load_car
    from game.sim.race_types import RaceSettings

    race = Race(
        load_track("06-pescara-roma"), load_car("mercedes_300_slr"), RaceSettings(car_id="mercedes_300_slr")
    )
    race.step(InputRecord())
    assert race.rally is None and race.snapshot.rally is None and race.result().rally is None


def _rerun(path: Path) -> tuple[Race, list[object]]:
    """Re-simulate a golden regularity replay tick by tick, keeping every snapshot's watch."""
    from game.sim.cars import load_car

    replay = decode_replay(path.read_bytes())
    race = Race(load_track(replay.track_id), load_car(replay.settings.car_id), replay.settings)
    watches = []
    for record in replay.inputs:
        snap = race.step(record)
        watches.append((record, snap.watch))
        assert snap.rally is not None
        if (
            snap.rally.official_tod_s is not None
        ):  # the official clock shows only to a car stopped in the zone
            co = snap.rally.book.co
            road = race.geometry.project(snap.car.x_m, snap.car.y_m)
            assert snap.car.speed_ms < 0.3 and co.zone_start_s_m <= road.s_m <= co.zone_end_s_m
        if race.finished:
            break
    assert compare_results(replay.result, race.result()) == (), "the replay verifies"
    return race, watches


@pytest.mark.parametrize(
    "name", ["06-pescara-roma-watch", "07-roma-siena-pusher", "08-siena-bologna-let-down"]
)
def test_watch_only_runs_verify_check_in_on_the_minute_and_time_the_trials(name: str) -> None:
    path = GOLDEN / f"{name}.mmr"
    race, watches = _rerun(path)
    rally = race.result().rally
    assert rally is not None and rally.co is not None
    assert rally.co.minutes_off == 0, "checked in on the right minute"
    errors = [abs(pc.error_cs) for pc in rally.pcs]
    assert len(errors) == 6 and sum(errors) / len(errors) <= 15, errors
    if name.endswith("pusher"):
        assert any(record.pusher for record, _ in watches[: len(watches) // 2]), (
            "the pusher hacked the seconds"
        )
    if name.endswith("let-down"):
        assert any(w.stopped_reason == "run down" for _, w in watches), "the watch was let down to a stop"
    if not name.endswith("watch"):
        assert any(record.pusher and record.wind for record, _ in watches), "the watch was set at the control"


def test_regularity_pbs_are_kept_in_points_per_stage_and_route() -> None:
    from game.speedrun.rally_pbs import load_regularity_pbs, record_regularity, regularity_path

    assert record_regularity("06-pescara-roma", 3000.0) == (True, None)
    assert record_regularity("06-pescara-roma", 2900.0) == (False, 3000.0), "fewer points are no PB"
    assert record_regularity("06-pescara-roma", 3100.5) == (True, 3000.0)
    assert record_regularity("route", 25000.0) == (True, None)
    pbs = load_regularity_pbs()
    assert (pbs.best("06-pescara-roma"), pbs.best("route"), pbs.best("07-roma-siena")) == (
        3100.5,
        25000.0,
        None,
    )
    regularity_path().write_text("{not json")
    assert load_regularity_pbs().stages == {}, "a damaged file is set aside, never trusted"
    assert list(regularity_path().parent.glob("regularity.json.corrupt-*"))


def test_the_run_command_prints_a_line_per_trial_then_points_then_igt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from game.cli import main

    code = main(
        [
            "run",
            "--headless",
            "--autopilot",
            "--watch-only",
            "--rally",
            "regularity",
            "--stage",
            "08-siena-bologna",
        ]
    )
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in lines[1:7]] == ["PC"] * 6
    assert [line.split()[0] for line in lines[7:10]] == ["PM"] * 3
    assert (
        lines[10].split()[:4] == ["CO", "target", "14:24", "checked"]
        and "error +0 min  penalty 0" in lines[10]
    )
    assert lines[12].startswith("points ") and ", position " in lines[12]
    assert lines[13] == "new regularity PB"
    assert lines[-1].startswith("IGT ")


def test_the_glance_raises_the_watch_to_most_of_the_screen_height() -> None:
    from game.render.watch.hud import WatchHud
    from game.render.watch.placement import glance_centre, glance_height

    for size in ((1280, 720), (1920, 1080), (800, 600)):
        hud = WatchHud(glance_height(size))
        width, height = hud.size
        assert height >= 0.6 * size[1]
        for position in ("bottom-left", "bottom-right", "bottom-centre"):
            x, y = glance_centre(size, hud.size, position)
            assert y + height // 2 <= size[1] and y - height // 2 >= 0, "the whole watch is on screen"
            assert x - width // 2 >= 0 and x + width // 2 <= size[0]
            assert not x - width // 2 <= size[0] // 2 <= x + width // 2, (
                "the car at the centre stays in sight"
            )
