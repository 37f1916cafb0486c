"""`verify` re-runs a recorded autopilot run and catches every way a replay can lie or break."""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from pathlib import Path

import pytest

from game.cli import main
from game.sim import PHYSICS_VERSION
from game.sim.cars import load_car
from game.sim.inputs import BUTTON_RECOVER
from game.sim.race_types import RaceSettings
from game.sim.track_catalog import load_track
from game.speedrun.categories import stage_category
from game.speedrun.ghost import GhostTrack
from game.speedrun.replay_format import (
    MAX_FILE_BYTES,
    Replay,
    ReplayError,
    encode_replay,
    make_replay,
    write_replay,
)
from game.speedrun.session import AutoRun, drive
from game.speedrun.verify import main_verify, verify_replay
from game.timefmt import format_igt

STAGE = "01-brescia-verona"


Pose = tuple[float, float, float]


@pytest.fixture(scope="module")
def driven() -> tuple[AutoRun, RaceSettings, list[Pose]]:
    settings = RaceSettings(clear_road=True, car_id="mercedes_300_slr")
    poses: list[Pose] = []
    run = drive(
        load_track(STAGE),
        load_car(settings.car_id),
        settings,
        on_tick=lambda snap: poses.append((snap.car.x_m, snap.car.y_m, snap.car.heading_rad)),
    )
    return run, settings, poses


@pytest.fixture
def autorun(driven: tuple[AutoRun, RaceSettings, list[Pose]]) -> tuple[AutoRun, RaceSettings]:
    return driven[0], driven[1]


@pytest.fixture
def recorded(autorun: tuple[AutoRun, RaceSettings]) -> Replay:
    run, settings = autorun
    assert run.result.finished
    return make_replay(load_track(STAGE), settings, run.result, run.records, category=STAGE, recorded_utc_s=0)


def test_a_recorded_autopilot_run_verifies(recorded: Replay, tmp_path: Path) -> None:
    path = write_replay(tmp_path / "run.mmr", recorded)
    out = io.StringIO()
    assert main_verify(str(path), out) == 0
    text = out.getvalue()
    assert f"IGT {format_igt(recorded.result.time_ms)}\n" in text
    for split in recorded.result.splits:
        assert f"{split.name:<28} {format_igt(split.igt_ms)}\n" in text
    assert "MATCH" in text and "≠" not in text
    outcome = verify_replay(path)
    assert outcome.matches and outcome.recomputed == recorded.result


def test_the_replay_holds_the_inputs_up_to_the_finish_only(autorun: tuple[AutoRun, RaceSettings]) -> None:
    run, settings = autorun
    extra = (*run.records, *run.records[:50])
    replay = make_replay(load_track(STAGE), settings, run.result, extra, category=STAGE)
    assert replay.inputs == run.records and len(replay.inputs) == run.result.ticks


def test_a_one_byte_change_to_the_inputs_makes_verify_exit_1(recorded: Replay, tmp_path: Path) -> None:
    tick = len(recorded.inputs) // 2
    changed = list(recorded.inputs)
    changed[tick] = replace(changed[tick], buttons=changed[tick].buttons | BUTTON_RECOVER)
    forged = replace(recorded, inputs=tuple(changed))  # the checksum is recomputed: only the re-run can tell
    path = write_replay(tmp_path / "forged.mmr", forged)
    out = io.StringIO()
    assert main_verify(str(path), out) == 1
    assert "MISMATCH: the replay does not reproduce its claim\n  " in out.getvalue()


def test_a_changed_claim_makes_verify_exit_1(recorded: Replay, tmp_path: Path) -> None:
    claim = recorded.result
    last = claim.splits[-1]
    faster = replace(
        claim,
        time_ms=claim.time_ms - 1,
        total_ms=claim.total_ms - 1,
        splits=(*claim.splits[:-1], replace(last, igt_ms=last.igt_ms - 1)),
    )
    path = write_replay(tmp_path / "faster.mmr", replace(recorded, result=faster))
    out = io.StringIO()
    assert main_verify(str(path), out) == 1
    assert f"time_ms: claimed {claim.time_ms - 1} ms, re-simulated {claim.time_ms} ms" in out.getvalue()


def test_truncated_oversized_and_foreign_files_exit_2_with_a_message(
    recorded: Replay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = encode_replay(recorded)
    cases = {
        "truncated.mmr": data[: len(data) // 2],
        "oversized.mmr": data + b"\0" * (MAX_FILE_BYTES - len(data) + 1),
        "tampered.mmr": data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
    }
    wrong = bytearray(data)
    struct.pack_into("<H", wrong, 10, PHYSICS_VERSION + 1)
    cases["physics.mmr"] = bytes(wrong)
    expected = {
        "truncated.mmr": "truncated",
        "oversized.mmr": "too large",
        "tampered.mmr": "checksum mismatch",
        "physics.mmr": "checksum mismatch",  # an edited version field is tampering too
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert main(["verify", str(path)]) == 2, name
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith(f"labone-rally: {path}: ")
        assert expected[name] in captured.err and captured.err.count("\n") == 1
    assert main(["verify", str(tmp_path / "absent.mmr")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_replay_of_another_version_of_the_track_is_refused(
    recorded: Replay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_replay(tmp_path / "old-track.mmr", replace(recorded, track_hash="0" * 64))
    assert main(["verify", str(path)]) == 2
    assert f"recorded on another version of track {STAGE}" in capsys.readouterr().err
    with pytest.raises(ReplayError, match="another version of track"):
        verify_replay(path)


def test_the_category_splits_of_the_run_are_its_checkpoints_then_its_finish(recorded: Replay) -> None:
    category = stage_category(load_track(STAGE))
    assert category.split_names == tuple(s.name for s in recorded.result.splits)


def test_the_ghost_is_where_the_recorded_car_was_at_every_tick(
    driven: tuple[AutoRun, RaceSettings, list[Pose]], recorded: Replay
) -> None:
    poses = driven[2]
    ghost = GhostTrack.from_replay(recorded)
    assert ghost.finished and ghost.last_tick == recorded.result.ticks == len(poses)
    for tick in (1, 301, 5_000, ghost.last_tick):
        x, y, h = ghost.at(tick, 1.0)  # type: ignore[misc]
        px, py, ph = poses[tick - 1]
        assert (x, y, h) == pytest.approx((px, py, ph), abs=1e-3)
    mid = ghost.at(5_000, 0.5)
    assert mid is not None
    before, after = poses[4_998], poses[4_999]
    assert mid[:2] == pytest.approx(((before[0] + after[0]) / 2, (before[1] + after[1]) / 2), abs=1e-3)
    assert ghost.at(ghost.last_tick + 1, 0.0) is None and ghost.at(-1, 0.0) is None
    assert ghost.x_m.nbytes == 4 * (ghost.last_tick + 1)
