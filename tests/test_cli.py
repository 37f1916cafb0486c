"""The command line: every verb has --help, bad input exits 2 with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game import __version__
from game.cli import build_parser, main

VERBS = ["play", "run", "stages", "screenshot", "verify", "export-lss", "bench"]


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([verb, "--help"])
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_unknown_verb_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fly"]) == 2
    assert capsys.readouterr().err.startswith(
        "labone-rally: VERB: invalid choice: 'fly' (choose from 'play',"
    )


def test_bad_argument_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--laps", "many"]) == 2
    assert capsys.readouterr().err == (
        "labone-rally: --laps: takes a whole number of laps from 1 to 99 (got 'many')\n"
    )


def test_version_flag() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"labone-rally {__version__}"


def test_parser_defaults_to_play() -> None:
    assert build_parser().parse_args([]).verb is None


def test_an_unknown_stage_lists_the_valid_ids_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--headless", "--autopilot", "--stage", "99-nowhere", "--no-save"]) == 2
    err = capsys.readouterr().err
    assert "99-nowhere" in err and "01-brescia-verona" in err and "circuit-1940" in err


def test_a_headless_run_prints_its_splits_and_igt_and_is_repeatable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = []
    command = ["run", "--headless", "--autopilot", "--stage", "02-verona-padova", "--no-save", "--state-hash"]
    for _ in range(2):
        assert main(command) == 0
        outputs.append(capsys.readouterr().out)
    lines = outputs[0].splitlines()
    assert lines[-1].startswith("IGT ") and len(lines[-1]) == len("IGT mm:ss.mmm")
    assert outputs[0] == outputs[1]  # the same time and the same full state hash


def test_screenshot_renders_a_screen_to_png_headless(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "select.png"
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "screenshot",
            "--screen",
            "select",
            "--size",
            "640x360",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = (
        int.from_bytes(out.read_bytes()[16:20], "big"),
        int.from_bytes(out.read_bytes()[20:24], "big"),
    )
    assert (width, height) == (640, 360)
    assert main(["screenshot", "--size", "big", "--out", str(tmp_path / "x.png")]) == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
