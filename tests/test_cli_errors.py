"""Every bad input on the command line: one line on stderr naming the file or option, exit 2, nothing lost.

Exit 1 is kept for "read fine, ran, different result" (a replay that does not reproduce its claim, a run that
did not finish); a bug keeps its traceback; Ctrl-C is 130 and silent.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from test_damaged_files import forged

from game.cli import error_line, main
from game.sim.cars import DEFAULT_CAR_ID, cars_dir
from game.sim.track_catalog import track_ids, tracks_dir
from game.speedrun.categories import category_names
from game.speedrun.replay_format import ReplayError, read_replay, write_replay
from game.speedrun.savedata import category_path, load_category, replays_dir

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "circuit-1.mmr"
"""The quickest golden replay to re-simulate (one lap)."""
STAGE = "02-verona-padova"
"""The quickest stage for the autopilot."""
RUN = ["run", "--headless", "--autopilot"]


def one_line(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 2) -> str:
    """Run the real entry; the exit code, and the single line on stderr (no traceback anywhere)."""
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def valid_ids() -> str:
    return ", ".join(track_ids())


# ------------------------------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["--at", "nan"], "labone-rally: --at: 'nan' is not a number of seconds from 0 on"),
        (["--at", "inf"], "labone-rally: --at: 'inf' is not a number of seconds from 0 on"),
        (["--at", "1e400"], "labone-rally: --at: '1e400' is not a number of seconds from 0 on"),
        (["--at", "-1"], "labone-rally: --at: '-1' is not a number of seconds from 0 on"),
        (["--at", "5000"], "labone-rally: --at: '5000' is past the longest run (1200 s)"),
        (["--at", "soon"], "labone-rally: --at: 'soon' is not a number of seconds"),
        *(
            (
                [f"--size={size}"],
                "labone-rally: --size: takes WIDTHxHEIGHT from 1x1 to 7680x4320, e.g. 1280x720 "
                f"(got {size!r})",
            )
            for size in ("0x0", "-640x360", "100000x100000", "7681x4320", "640x", "big", "640 x 360")
        ),
        (["--stage", "nowhere"], f"labone-rally: --stage: unknown track 'nowhere'; valid ids: {valid_ids()}"),
    ],
)
def test_screenshot_values_are_checked_before_anything_is_drawn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], line: str
) -> None:
    out = tmp_path / "shot.png"
    assert one_line(capsys, ["screenshot", *argv, "--out", str(out)]) == line
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["play", "--stage", "nowhere"],
            f"labone-rally: --stage: unknown track 'nowhere'; valid ids: {valid_ids()}",
        ),
        (
            ["play", "--quit-after", "nan"],
            "labone-rally: --quit-after: 'nan' is not a number of seconds from 0 on",
        ),
        (
            ["play", "--screenshot", "last.png"],
            "labone-rally: --screenshot: needs --quit-after (the frame saved is the last one)",
        ),
        (
            ["play", "--livesplit", "localhost:99999"],
            "labone-rally: --livesplit: 'localhost:99999': port '99999' is not a number from 1 to 65535",
        ),
        (
            [*RUN, "--stage", "nowhere", "--no-save"],
            f"labone-rally: --stage: unknown track 'nowhere'; valid ids: {valid_ids()}",
        ),
        (
            [*RUN, "--no-save"],
            f"labone-rally: --stage: say which stage; valid ids: {valid_ids()}",
        ),
        (
            [*RUN, "--stage", STAGE, "--car", "trabant", "--no-save"],
            "labone-rally: --car: unknown car 'trabant'; valid cars: ferrari_166_mm, mercedes_300_sl, "
            "mercedes_300_slr, porsche_550_spyder",
        ),
        (
            [*RUN, "--mode", "circuit", "--laps", "0", "--no-save"],
            "labone-rally: --laps: takes a whole number of laps from 1 to 99 (got '0')",
        ),
        (
            [*RUN, "--mode", "circuit", "--laps", "100", "--no-save"],
            "labone-rally: --laps: takes a whole number of laps from 1 to 99 (got '100')",
        ),
        (
            [*RUN, "--stage", STAGE, "--laps", "2", "--no-save"],
            f"labone-rally: --laps: applies only to the circuit (circuit-1940), not to {STAGE}",
        ),
        (
            [*RUN, "--mode", "circuit", "--stage", STAGE, "--no-save"],
            f"labone-rally: --stage: --mode circuit drives circuit-1940, not {STAGE}",
        ),
        (
            [*RUN, "--mode", "route", "--record", "route.mmr", "--no-save"],
            "labone-rally: --record: does not apply to --mode route (it drives every stage in order)",
        ),
        (
            ["run", "--autopilot", "--stage", STAGE],
            "labone-rally: --headless: run needs --headless (to play in a window, use `play`)",
        ),
        (
            ["run", "--headless", "--stage", STAGE],
            "labone-rally: --autopilot: a headless run needs --autopilot (to re-run a recorded run, use "
            "`verify FILE`)",
        ),
        (
            ["export-lss", "--category", "nowhere", "--out", "n.lss"],
            f"labone-rally: --category: unknown category 'nowhere'; valid categories: "
            f"{', '.join(category_names())}",
        ),
        (["bench", "--frozen", "no-such-app"], "labone-rally: --frozen: no-such-app does not exist"),
        (
            ["fly"],
            "labone-rally: VERB: invalid choice: 'fly' (choose from 'play', 'run', 'stages', "
            "'screenshot', 'verify', 'export-lss', 'calibrate', 'bench')",
        ),
        (["screenshot"], "labone-rally: screenshot: the following arguments are required: --out"),
    ],
)
def test_unusable_values_exit_2_naming_the_option(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    line: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert one_line(capsys, argv) == line
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder made
    assert not replays_dir().exists() or list(replays_dir().iterdir()) == []  # nothing driven or counted


# ------------------------------------------------------------------------------------------ output files

OUTPUTS = [
    ["screenshot", "--out"],
    [*RUN, "--stage", STAGE, "--record"],
    ["export-lss", "--category", "route", "--out"],
    ["bench", "--quick", "--json"],
]


@pytest.mark.parametrize("argv", OUTPUTS, ids=lambda argv: argv[-1])
def test_an_output_in_a_missing_folder_is_refused_and_the_folder_not_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    missing = tmp_path / "typo" / "deeper"
    line = one_line(capsys, [*argv, str(missing / "out.file")])
    assert line == f"labone-rally: {argv[-1]}: folder {missing} does not exist (it is not created for you)"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", OUTPUTS, ids=lambda argv: argv[-1])
def test_an_output_that_is_a_folder_or_a_device_is_refused_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    option = argv[-1]
    said = {value: one_line(capsys, [*argv, value]) for value in (str(tmp_path), f"{tmp_path}/", os.devnull)}
    assert said == {
        str(tmp_path): f"labone-rally: {option}: {tmp_path} is a folder; give a file name",
        f"{tmp_path}/": f"labone-rally: {option}: {tmp_path}/ names a folder; give a file name",
        os.devnull: f"labone-rally: {option}: {os.devnull} is a device; give a file name",  # never replaced
    }
    assert load_category(STAGE) is None  # the run was not driven


def test_a_record_file_that_cannot_be_written_fails_after_the_run_which_still_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(path: object, replay: object) -> Path:
        raise PermissionError(13, "Permission denied", f"{tmp_path}/.run.mmr.x1y2.tmp")

    monkeypatch.setattr("game.speedrun.attempts.write_replay", read_only)
    target = tmp_path / "run.mmr"
    assert main([*RUN, "--stage", STAGE, "--record", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1].startswith("IGT ")  # the run is reported in full first
    assert "warning" not in captured.out and "Traceback" not in captured.err
    assert captured.err == f"labone-rally: --record: Replay not written to {target}: Permission denied\n"
    record = load_category(f"{STAGE}-field")  # the field is on by default
    assert record is not None and record.attempt_count == 1 and record.attempts[0].replay is not None
    assert (replays_dir() / record.attempts[0].replay).is_file()  # its own copy is kept in the save data


def test_an_export_that_cannot_be_written_names_the_file_asked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", f"{tmp_path}/.s.lss.abcd.tmp")

    monkeypatch.setattr("game.speedrun.lss.atomic_write_bytes", disk_full)
    out = tmp_path / "s.lss"
    line = one_line(capsys, ["export-lss", "--category", "route", "--out", str(out)])
    assert line == f"labone-rally: {out}: cannot write: No space left on device"


# ------------------------------------------------------------------------------------------ damaged files


def test_a_damaged_track_file_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / f"{STAGE}.json"
    damaged.write_bytes((tracks_dir() / f"{STAGE}.json").read_bytes()[:500])
    monkeypatch.setattr("game.sim.track_catalog.tracks_dir", lambda: tmp_path)
    line = one_line(capsys, [*RUN, "--stage", STAGE, "--no-save"])
    assert line.startswith(f"labone-rally: {damaged}: not valid JSON: ")


def test_a_damaged_car_file_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for car in cars_dir().glob("*.json"):
        shutil.copy(car, tmp_path)
    damaged = tmp_path / f"{DEFAULT_CAR_ID}.json"
    damaged.write_text(
        damaged.read_text(encoding="utf-8").replace('"mass_kg": ', '"mass_kg": -'), encoding="utf-8"
    )
    monkeypatch.setattr("game.sim.cars.cars_dir", lambda: tmp_path)
    line = one_line(capsys, [*RUN, "--stage", STAGE, "--no-save"])
    assert (
        line.startswith(f"labone-rally: {damaged.name}: chassis.mass_kg = -")
        and "is outside [200, 5000]" in line
    )


def test_a_corrupt_save_file_is_set_aside_and_export_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save = category_path(STAGE)
    save.parent.mkdir(parents=True, exist_ok=True)
    save.write_bytes(b'{"format_version": 1, "attempts": [')
    out = tmp_path / "s.lss"
    line = one_line(capsys, ["export-lss", "--category", STAGE, "--out", str(out)])
    moved = save.with_name(f"{save.name}.corrupt-1")
    assert line.startswith(f"labone-rally: {save} cannot be read: not valid JSON")
    assert line.endswith(f"it was moved aside to {moved}")
    assert moved.read_bytes() == b'{"format_version": 1, "attempts": [' and not save.exists()
    assert not out.exists()


# ------------------------------------------------------------------------------------------ verify


def test_verify_keeps_exit_1_for_a_replay_that_reads_fine_but_does_not_reproduce_its_claim(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    replay = read_replay(GOLDEN)
    claim = replace(
        replay.result, penalty_ms=replay.result.penalty_ms + 1, total_ms=replay.result.total_ms + 1
    )
    path = write_replay(tmp_path / "claim.mmr", replace(replay, result=claim))
    assert main(["verify", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "MISMATCH: the replay does not reproduce its claim\n" in captured.out
    assert (
        f"  penalty_ms: claimed {claim.penalty_ms} ms, re-simulated {replay.result.penalty_ms} ms\n"
        in captured.out
    )


def test_verify_of_a_replay_with_out_of_range_settings_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = forged(tmp_path, "wound39.mmr", {"wound_turns": 39.0})
    line = one_line(capsys, ["verify", str(path)])
    assert line == (
        f"labone-rally: {path}: settings the watch would refuse: wound_turns must be None or in [0, 38], got 39.0"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_verify_of_a_named_pipe_or_a_folder_exits_2_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "run.mmr"
    os.mkfifo(fifo)  # nobody will ever write to it: opening it to read would wait forever
    started = time.perf_counter()
    assert one_line(capsys, ["verify", str(fifo)]) == (
        f"labone-rally: {fifo}: is a named pipe, not a regular file; it was not read"
    )
    assert one_line(capsys, ["verify", str(tmp_path)]) == (
        f"labone-rally: {tmp_path}: is a folder, not a regular file; it was not read"
    )
    assert one_line(capsys, ["verify", str(tmp_path / "absent.mmr")]) == (
        f"labone-rally: {tmp_path / 'absent.mmr'}: cannot read: No such file or directory"
    )
    assert time.perf_counter() - started < 3.0


# ------------------------------------------------------------------------------------------ bugs, Ctrl-C


@pytest.mark.parametrize("bug", [RuntimeError("a bug"), ValueError("a bug that happens to be a ValueError")])
def test_an_unexpected_error_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch, bug: Exception) -> None:
    def broken(*args: object) -> int:
        raise bug

    monkeypatch.setattr("game.commands.stages.main_stages", broken)
    with pytest.raises(type(bug), match="a bug"):
        main(["stages"])


def test_an_error_message_of_several_lines_is_said_on_one() -> None:
    assert error_line(ReplayError("run.mmr: first\n  second\n")) == "run.mmr: first second"
    assert error_line(FileNotFoundError(2, "No such file or directory", "a.mmr")) == (
        "a.mmr: No such file or directory"
    )


def test_ctrl_c_during_a_long_run_exits_130_quietly() -> None:
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-u", "-m", "game", *RUN, "--mode", "route", "--no-save"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().startswith("Mille Miglia · 9 stages")
        time.sleep(0.3)  # well into the first stage
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    assert child.returncode == 130
    assert err == "" and "IGT" not in out
    assert time.perf_counter() - started < 20


def test_a_ctrl_c_that_python_loses_in_a_callback_still_ends_the_run_quietly() -> None:
    script = textwrap.dedent(
        """
        import os, signal, time
        from game.commands.interrupt import interrupt_exits_quietly

        class FreedByAGarbageCollectorHook:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(10_000):
                    pass  # the KeyboardInterrupt is raised here, where Python can only report it

        with interrupt_exits_quietly():
            del_me = FreedByAGarbageCollectorHook()
            del del_me
            print("the verb ran on", flush=True)
            time.sleep(30)
            print("finished")
        """
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 130
    assert done.stdout == "the verb ran on\n" and done.stderr == ""
    assert time.perf_counter() - started < 10
