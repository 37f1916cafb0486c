"""Save data: attempts counted, PB and gold kept right, nothing earned ever lost or silently replaced."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.sim import PHYSICS_VERSION
from game.sim.inputs import InputRecord
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import SplitSnapshot
from game.speedrun.categories import Category
from game.speedrun.replay_format import Replay, read_replay
from game.speedrun.savedata import (
    CorruptSaveError,
    SaveDataError,
    category_path,
    load_category,
    pb_replay_path,
    record_attempt,
    record_result,
    replays_dir,
    save_replay,
)
from game.storage import data_dir

NAMES = ("Desenzano", "Verona", "Arrivo")
SERIES = [
    (60_000, 125_000, 200_000),
    (58_000, 120_000),
    (61_000, 124_000, 198_500),
    (59_000, 123_500, 198_600),
    (64_000, 126_500, 201_000),
]
ROOT = Path(__file__).resolve().parent.parent


def at(minute: int) -> datetime:
    return datetime(2025, 5, 1, 7, minute, 0, tzinfo=UTC)


def test_a_scripted_series_updates_pb_gold_and_sum_of_best() -> None:
    outcomes = [
        record_attempt(
            "01-brescia-verona", NAMES, times, f"run{i}.mmr", started_utc=at(i), ended_utc=at(i + 1)
        )
        for i, times in enumerate(SERIES)
    ]
    assert [o.new_pb for o in outcomes] == [True, False, True, False, False]
    assert [o.gold_segments for o in outcomes] == [(0, 1, 2), (0, 1), (2,), (), ()]
    assert [o.previous_pb_ms for o in outcomes] == [None, 200_000, 200_000, 198_500, 198_500]
    assert [o.record.sum_of_best_ms for o in outcomes] == [200_000, 195_000, 194_500, 194_500, 194_500]
    record = load_category("01-brescia-verona")
    assert record is not None
    assert record == outcomes[-1].record
    assert (record.attempt_count, record.finished_count) == (5, 4)
    assert record.pb_ms == 198_500 and record.pb_split_ms == SERIES[2]
    assert record.pb_replay == "run2.mmr"
    assert record.best_segments_ms == (58_000, 62_000, 74_500)
    assert record.segment_history == (
        ((1, 60_000), (2, 58_000), (3, 61_000), (4, 59_000), (5, 64_000)),
        ((1, 65_000), (2, 62_000), (3, 63_000), (4, 64_500), (5, 62_500)),
        ((1, 75_000), (3, 74_500), (4, 75_100), (5, 74_500)),
    )
    assert record.attempts[1].started_utc == "2025-05-01T07:01:00Z"
    assert record.attempts[1].ended_utc == "2025-05-01T07:02:00Z"
    assert not record.attempts[1].finished


def test_a_tie_keeps_the_older_pb() -> None:
    record_attempt("circuit-1", ("Lap 1",), (90_000,), "first.mmr", ended_utc=at(0))
    outcome = record_attempt("circuit-1", ("Lap 1",), (90_000,), "second.mmr", ended_utc=at(1))
    assert not outcome.new_pb
    assert outcome.record.pb_replay == "first.mmr"


def test_a_reset_before_the_first_split_is_still_an_attempt() -> None:
    outcome = record_attempt("route", NAMES, None, ended_utc=at(0))
    assert outcome.record.attempt_count == 1 and outcome.record.finished_count == 0
    assert outcome.gold_segments == () and not outcome.new_pb


def test_race_results_map_to_the_categorys_splits() -> None:
    stage = Category("01-brescia-verona", "stage", ("01-brescia-verona",), None, NAMES, frozenset({1, 4, 5}))
    result = RaceResult(
        finished=True,
        ticks=20_300,
        time_ms=200_000,
        penalty_ms=900,
        total_ms=200_900,
        splits=(
            SplitSnapshot(1, "Desenzano", 60_000),
            SplitSnapshot(4, "Verona", 125_000),
            SplitSnapshot(5, "Arrivo", 200_000),
        ),
        trials=(),
    )
    outcome = record_result(stage, result, ended_utc=at(0))
    assert outcome.attempt.split_ms == (60_000, 125_000, 200_900)  # the final split carries the penalties
    route = Category("route", "route", ("a", "b", "c"), None, NAMES, frozenset())
    outcome = record_result(route, [result, result], ended_utc=at(0))
    assert outcome.attempt.split_ms == (200_900, 401_800)


def test_split_times_that_do_not_fit_are_refused_and_nothing_is_written() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        record_attempt("01-brescia-verona", NAMES, (1, 2, 3, 4))
    with pytest.raises(ValueError, match="do not fit"):
        record_attempt("01-brescia-verona", NAMES, (5_000, 4_000))
    with pytest.raises(ValueError, match="not a valid name"):
        record_attempt("../escape", NAMES, ())
    assert not category_path("01-brescia-verona").exists()


def test_a_corrupt_file_is_moved_aside_and_reported_never_replaced() -> None:
    record_attempt("01-brescia-verona", NAMES, SERIES[0], ended_utc=at(0))
    path = category_path("01-brescia-verona")
    path.write_text('{"format_version": 1, "category": "01-brescia-ver', encoding="utf-8")
    with pytest.raises(CorruptSaveError) as error:
        load_category("01-brescia-verona")
    assert str(path) in str(error.value)
    moved = error.value.moved_to
    assert moved.read_text(encoding="utf-8") == '{"format_version": 1, "category": "01-brescia-ver'
    assert not path.exists()


def test_recording_over_a_corrupt_file_keeps_it_aside_and_says_where() -> None:
    path = category_path("01-brescia-verona")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": 7}', encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="does not hold valid speedrun data"):
        outcome = record_attempt("01-brescia-verona", NAMES, SERIES[0], ended_utc=at(0))
    assert outcome.recovered_from is not None
    assert outcome.recovered_from.name == "01-brescia-verona.json.corrupt-1"
    assert '"split_names": 7' in outcome.recovered_from.read_text(encoding="utf-8")
    assert outcome.record.attempt_count == 1


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"format_version": 1}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 2, "started_utc": null, "ended_utc": null, "split_ms": [1], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A", "B"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [5, 4], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [5], "replay": "../../x"}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": "yesterday", "ended_utc": null, "split_ms": [5], "replay": null}]}',
        '{"format_version": 1, "category": "circuit-9", "split_names": ["A"], "attempts": []}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [-5], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [4294967296], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [1e300], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["A"], "attempts": '
        '[{"id": 1, "started_utc": null, "ended_utc": null, "split_ms": [true], "replay": null}]}',
        '{"format_version": 1, "category": "01-brescia-verona", "split_names": ["' + "A" * 201 + '"], '
        '"attempts": []}',
    ],
)
def test_files_that_do_not_hold_valid_data_are_quarantined(text: str) -> None:
    path = category_path("01-brescia-verona")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorruptSaveError):
        load_category("01-brescia-verona")
    assert path.with_name("01-brescia-verona.json.corrupt-1").read_text(encoding="utf-8") == text


def test_more_attempts_than_any_player_makes_mean_a_damaged_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for minute in range(3):
        record_attempt("01-brescia-verona", NAMES, SERIES[0], ended_utc=at(minute))
    monkeypatch.setattr("game.speedrun.savedata.MAX_ATTEMPTS", 2)
    with pytest.raises(CorruptSaveError, match="3 attempts is more than 2"):
        load_category("01-brescia-verona")
    assert category_path("01-brescia-verona").with_name("01-brescia-verona.json.corrupt-1").is_file()


def test_a_time_no_run_can_make_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        record_attempt("01-brescia-verona", NAMES, (60_000, 125_000, 2**32))
    with pytest.raises(ValueError, match="do not fit"):
        record_attempt("01-brescia-verona", NAMES, (-1,))
    assert not category_path("01-brescia-verona").exists()


def test_a_file_from_a_newer_game_is_refused_and_left_alone() -> None:
    path = category_path("01-brescia-verona")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = '{"format_version": 2, "category": "01-brescia-verona", "future": true}'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveDataError, match="newer version of the game"):
        record_attempt("01-brescia-verona", NAMES, SERIES[0])
    assert path.read_text(encoding="utf-8") == text


def test_changed_splits_start_a_new_record_and_keep_the_old_one() -> None:
    record_attempt("01-brescia-verona", ("Desenzano", "Arrivo"), (60_000, 200_000), ended_utc=at(0))
    with pytest.warns(UserWarning, match="splits of 01-brescia-verona changed"):
        outcome = record_attempt("01-brescia-verona", NAMES, SERIES[0], ended_utc=at(1))
    assert outcome.recovered_from is not None
    old = json.loads(outcome.recovered_from.read_text(encoding="utf-8"))
    assert old["split_names"] == ["Desenzano", "Arrivo"] and len(old["attempts"]) == 1
    assert outcome.record.attempt_count == 1 and outcome.new_pb


def test_replays_get_safe_unique_names_and_the_pb_replay_is_found() -> None:
    result = RaceResult(True, 3, 2_003, 90, 2_093, (SplitSnapshot(5, "Arrivo", 2_003),), ())
    replay = Replay(
        game_version="0.1.0",
        physics_version=PHYSICS_VERSION,
        track_id="01-brescia-verona",
        track_hash="ab" * 32,
        settings=RaceSettings(clear_road=True, car_id="mercedes_300_slr"),
        category="01-brescia-verona",
        car_number=722,
        recorded_utc_s=1_746_083_000,
        result=result,
        inputs=(InputRecord(),) * 3,
    )
    first = save_replay(replay)
    second = save_replay(replay)
    assert first.parent == replays_dir() == data_dir() / "replays"
    assert first.name == "01-brescia-verona_20250501-070320_2093ms.mmr"
    assert second.name == "01-brescia-verona_20250501-070320_2093ms-2.mmr"
    record_attempt("01-brescia-verona", NAMES, SERIES[0], first, ended_utc=at(0))
    assert pb_replay_path("01-brescia-verona") == first
    first.unlink()
    assert pb_replay_path("01-brescia-verona") is None
    assert pb_replay_path("circuit-9") is None


def same_second_replay(total_ms: int = 2_093) -> Replay:
    result = RaceResult(
        True, 3, total_ms - 90, 90, total_ms, (SplitSnapshot(5, "Arrivo", total_ms - 90),), ()
    )
    return Replay(
        game_version="0.1.0",
        physics_version=PHYSICS_VERSION,
        track_id="01-brescia-verona",
        track_hash="ab" * 32,
        settings=RaceSettings(clear_road=True, car_id="mercedes_300_slr"),
        category="01-brescia-verona",
        car_number=722,
        recorded_utc_s=1_746_083_000,
        result=result,
        inputs=(InputRecord(),) * 3,
    )


def test_replays_saved_in_the_same_second_at_once_never_share_a_name() -> None:
    replay = same_second_replay()
    start = threading.Barrier(8)
    saved: list[Path] = []
    lock = threading.Lock()

    def saver() -> None:
        start.wait(timeout=10)
        for _ in range(5):
            path = save_replay(replay)
            with lock:
                saved.append(path)

    threads = [threading.Thread(target=saver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    base = "01-brescia-verona_20250501-070320_2093ms"
    assert len(saved) == 40
    assert {p.name for p in saved} == {f"{base}.mmr", *(f"{base}-{n}.mmr" for n in range(2, 41))}
    assert all(read_replay(p) == replay for p in saved)
    assert sorted(p.name for p in replays_dir().iterdir()) == sorted(p.name for p in saved)


def test_a_replay_that_cannot_be_written_gives_its_name_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(path: Path, replay: Replay) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("game.speedrun.savedata.write_replay", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_replay(same_second_replay())
    assert list(replays_dir().iterdir()) == []


SAVER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from game.speedrun.savedata import record_attempt
    who, count, go = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    for n in range(1, count + 1):
        record_attempt("01-brescia-verona", ("Desenzano", "Verona", "Arrivo"), (who * 1000 + n,))
    """
)


def test_two_copies_of_the_game_saving_at_once_keep_every_attempt(tmp_path: Path) -> None:
    count = 40
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(who), str(count), str(go)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )
        for who in (1, 2)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()  # both start saving at the same moment
    for child in children:
        assert child.wait(timeout=60) == 0
    record = load_category("01-brescia-verona")
    assert record is not None
    assert record.attempt_count == 2 * count
    assert [a.id for a in record.attempts] == list(range(1, 2 * count + 1))
    for who in (1, 2):  # each copy's attempts, all there and in the order it saved them
        mine = [a.split_ms[0] for a in record.attempts if a.split_ms[0] // 1000 == who]
        assert mine == [who * 1000 + n for n in range(1, count + 1)]


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from game.speedrun.savedata import load_category, record_attempt
    names = ("Desenzano", "Verona", "Arrivo")
    record = load_category("crash-test")
    n = 0 if record is None else record.attempt_count
    while True:
        n += 1
        times = (n, 2 * n, 3 * n)
        record_attempt("crash-test", names, times, f"r{n}.mmr", ended_utc=datetime(2025, 5, 1, tzinfo=UTC))
        sys.stdout.write(f"{n}\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killing_a_writer_at_random_moments_never_loses_a_saved_attempt() -> None:
    rng = random.Random(20250501)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    confirmed = 0
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, env=env, cwd=ROOT, text=True, bufsize=1
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # the child is up and has saved at least one attempt
        assert first.strip().isdigit(), first
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        printed = [int(line) for line in [first, *rest.splitlines()] if line.strip()]
        confirmed = printed[-1]
        record = load_category("crash-test")  # raises if the file were half written
        assert record is not None
        assert record.attempt_count in (confirmed, confirmed + 1)
        assert record.attempts[confirmed - 1].split_ms == (confirmed, 2 * confirmed, 3 * confirmed)
        assert record.pb_ms == 3
    assert confirmed > 20
    leftovers = [p.name for p in category_path("crash-test").parent.iterdir() if "corrupt" in p.name]
    assert leftovers == []
