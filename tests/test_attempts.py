"""A finished run's files are written one by one: a replay that cannot be written never costs the attempt."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.inputs import InputRecord
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import SplitSnapshot
from game.sim.track_catalog import load_track
from game.speedrun.attempts import AttemptRecorder, RunOutcome
from game.speedrun.categories import stage_category
from game.speedrun.replay_format import Replay, read_replay
from game.speedrun.savedata import load_category, replays_dir

STAGE = "01-brescia-verona"
TICKS = 5


def finish_a_run(record_to: str | None = None) -> RunOutcome:
    """A finished stage run (its splits on the stage's split lines, 10 s apart) handed to the recorder."""
    track = load_track(STAGE)
    lines = sorted(stage_category(track).split_lines)
    splits = tuple(SplitSnapshot(line, f"Split {i}", 10_000 * (i + 1)) for i, line in enumerate(lines))
    final_ms = splits[-1].igt_ms
    result = RaceResult(True, TICKS, final_ms, 0, final_ms, splits, ())
    recorder = AttemptRecorder(
        category=STAGE,
        track=track,
        car=load_car(DEFAULT_CAR_ID),
        settings=RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID),
        car_number=722,
    )
    final = SimpleNamespace(recoveries=0, watch=SimpleNamespace(wound_turns=12.5))
    return recorder.finish(result, [InputRecord()] * TICKS, final, record_to=record_to)  # type: ignore[arg-type]


def disk_full(replay: Replay) -> Path:
    raise OSError(28, "No space left on device")


def test_a_finished_run_saves_its_replay_and_counts_the_attempt_pointing_at_it() -> None:
    outcome = finish_a_run()
    assert outcome.warning is None
    assert outcome.replay_path is not None and outcome.replay_path.parent == replays_dir()
    record = load_category(STAGE)
    assert record is not None and record.attempt_count == 1
    assert record.attempts[0].replay == outcome.replay_path.name
    assert record.pb_ms == outcome.result.total_ms


def test_the_attempt_is_counted_when_the_replay_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.speedrun.attempts.save_replay", disk_full)
    outcome = finish_a_run()
    assert outcome.warning == "Replay not saved: [Errno 28] No space left on device"
    assert outcome.replay_path is None and outcome.new_pb
    record = load_category(STAGE)
    assert record is not None and record.attempt_count == 1 and record.finished_count == 1
    assert record.attempts[0].replay is None  # nothing to point at, rather than a file that is not there


def test_a_record_to_path_that_fails_costs_neither_the_saved_replay_nor_the_attempt(tmp_path: Path) -> None:
    blocked = tmp_path / "a folder, not a file"
    blocked.mkdir()
    outcome = finish_a_run(record_to=str(blocked))
    assert outcome.warning is not None and outcome.warning.startswith(f"Replay not written to {blocked}:")
    record = load_category(STAGE)
    assert record is not None and record.attempt_count == 1
    assert record.attempts[0].replay is not None
    assert read_replay(replays_dir() / record.attempts[0].replay).result == outcome.result


def test_when_only_the_record_to_copy_is_written_the_attempt_still_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("game.speedrun.attempts.save_replay", disk_full)
    elsewhere = tmp_path / "my run (final).mmr"  # not a name the save data would accept
    outcome = finish_a_run(record_to=str(elsewhere))
    assert outcome.warning == "Replay not saved: [Errno 28] No space left on device"
    assert outcome.replay_path == elsewhere and read_replay(elsewhere).result == outcome.result
    record = load_category(STAGE)
    assert record is not None and record.attempt_count == 1
    assert record.attempts[0].replay is None  # the save data points only into its own replays folder
