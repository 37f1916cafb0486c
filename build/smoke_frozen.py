"""The frozen app must behave exactly as the source tree: same timing, same verdicts on replays (issue 9).

Run after `make exe`. Each check runs the same command line through `python -m game` and through
`dist/labone-rally/labone-rally` (`labone-rally-cli.exe` on Windows, whose `labone-rally.exe` is windowed and
prints nothing) and compares their output; any difference fails with a diff. Headless (SDL's dummy drivers) and
with save data and config in a temporary folder, so it never touches a player's files. It also checks the
release folder itself: `--version` names this version, and THIRD-PARTY-NOTICES.txt names every distribution
and native library the app bundles (build/notices.py).

    .venv/bin/python build/smoke_frozen.py [--exe PATH] [--stage ID]... [--replay FILE]... [--startup-runs N]

With no `--replay`, every replay in tests/golden/ is verified; if there is none, one is recorded from source
on the first stage and verified frozen. It ends with the frozen app's start-to-first-frame time (a median).
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dist" / "labone-rally"
GAME_EXE = FOLDER / ("labone-rally.exe" if sys.platform == "win32" else "labone-rally")
"""What a player double-clicks (windowed on Windows)."""
DEFAULT_EXE = FOLDER / ("labone-rally-cli.exe" if sys.platform == "win32" else "labone-rally")
"""What prints the verbs' output: the same executable as GAME_EXE except on Windows."""
GOLDEN_DIR = ROOT / "tests" / "golden"
KEPT_DIR = ROOT / "dist" / "smoke-frozen"
DEFAULT_STAGE = "circuit-1940"
STARTUP_BUDGET_S = 1.0
TIMEOUT_S = 600
WALL_CLOCK_MARK = "real time"


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


class Runner:
    """Runs the game's command line from source or frozen, headless, with its own throw-away data folders."""

    def __init__(self, command: Sequence[str], scratch: Path):
        self.command = list(command)
        self.env = dict(os.environ)
        self.env.update(
            SDL_VIDEODRIVER="dummy",
            SDL_AUDIODRIVER="dummy",
            PYGAME_HIDE_SUPPORT_PROMPT="1",
            PYTHONUTF8="1",  # the source prints UTF-8 into the pipe, as the frozen app always does (-X utf8)
            LABONE_DATA_DIR=str(scratch / "data"),
            LABONE_CONFIG_DIR=str(scratch / "config"),
        )

    def __call__(self, *args: str) -> Outcome:
        done = subprocess.run(
            [*self.command, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
        )
        return Outcome(done.returncode, done.stdout, done.stderr)


def diff(source: Outcome, frozen: Outcome) -> str:
    lines = difflib.unified_diff(
        source.stdout.splitlines(), frozen.stdout.splitlines(), "python -m game", "frozen", lineterm=""
    )
    text = "\n".join(lines)
    codes = f"exit codes: source {source.exit_code}, frozen {frozen.exit_code}"
    tails = "\n".join(
        f"{who} stderr (last lines):\n" + "\n".join(out.stderr.strip().splitlines()[-15:])
        for who, out in (("source", source), ("frozen", frozen))
        if out.stderr.strip()
    )
    return "\n".join(part for part in (codes, text, tails) if part)


def without_wall_clock(outcome: Outcome) -> Outcome:
    """Drop the lines that say how fast this machine was (`... in 0.68 s (223× real time)`): they differ
    between any two runs, where everything else a verb prints is a pure function of its input."""
    kept = [line for line in outcome.stdout.splitlines(keepends=True) if WALL_CLOCK_MARK not in line]
    return Outcome(outcome.exit_code, "".join(kept), outcome.stderr)


def same_output(name: str, source: Outcome, frozen: Outcome, *, must_contain: str = "") -> Check:
    """The frozen app passes when it prints exactly what the source prints and exits the same way."""
    source, frozen = without_wall_clock(source), without_wall_clock(frozen)
    if source.exit_code != 0:
        return Check(
            name, False, "the source tree itself fails here, fix that first\n" + diff(source, frozen)
        )
    if (source.exit_code, source.stdout) != (frozen.exit_code, frozen.stdout):
        return Check(name, False, diff(source, frozen))
    if must_contain and must_contain not in frozen.stdout:
        return Check(name, False, f"no {must_contain!r} line in the output:\n{frozen.stdout}")
    return Check(name, True)


def igt_line(stdout: str) -> str:
    return next((line for line in stdout.splitlines() if line.startswith("IGT ")), "no IGT line")


def golden_replays() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from game.speedrun.replay_format import REPLAY_SUFFIX

    return sorted(GOLDEN_DIR.glob(f"*{REPLAY_SUFFIX}")) if GOLDEN_DIR.is_dir() else []


def record_replay(source: Runner, stage: str, out: Path) -> Check:
    recorded = source("run", "--headless", "--autopilot", "--stage", stage, "--record", str(out), "--no-save")
    if recorded.exit_code != 0 or not out.is_file():
        detail = f"exit {recorded.exit_code}\n{recorded.stdout}{recorded.stderr[-2000:]}"
        return Check(f"record a replay of {stage} from source", False, detail)
    return Check(f"record a replay of {stage} from source", True)


def check_screenshot(source: Runner, frozen: Runner, scratch: Path, *view: str) -> Check:
    """The same frame, drawn from source and frozen, must be the same picture: a font or image missing from
    the bundle, or a different library in it, shows up here as different pixels."""
    name = f"screenshot {' '.join(view)} is pixel-identical"
    pictures = []
    for who, runner in (("source", source), ("frozen", frozen)):
        picture = scratch / f"{who}-{'-'.join(view)}.png"
        drawn = runner("screenshot", *view, "--out", str(picture))
        if drawn.exit_code != 0 or not picture.is_file():
            return Check(name, False, f"{who}: exit {drawn.exit_code}\n{drawn.stdout}{drawn.stderr[-3000:]}")
        pictures.append(picture.read_bytes())
    if pictures[0] != pictures[1]:
        KEPT_DIR.mkdir(parents=True, exist_ok=True)
        for who, picture in zip(("source", "frozen"), pictures, strict=True):
            (KEPT_DIR / f"{who}-{'-'.join(view).replace('--', '')}.png").write_bytes(picture)
        return Check(name, False, f"the frozen picture differs: both kept in {KEPT_DIR.relative_to(ROOT)}/")
    return Check(name, True)


def check_play(frozen: Runner, scratch: Path) -> Check:
    """The windowed path (fonts, icon, title scene) starts, draws and closes by itself when frozen."""
    shot = scratch / "frame.png"
    played = frozen("play", "--quit-after", "0.5", "--screenshot", str(shot))
    if played.exit_code != 0 or not shot.is_file() or shot.stat().st_size == 0:
        detail = f"exit {played.exit_code}, screenshot written: {shot.is_file()}\n{played.stderr[-3000:]}"
        return Check("frozen play draws a frame", False, detail)
    return Check("frozen play draws a frame", True)


def check_notices(folder: Path, exe: Path) -> Check:
    """The release folder credits everything it bundles: read from the app itself, not from the build's record."""
    from notices import check_notices as uncredited  # build/notices.py, beside this script

    problems = uncredited(folder, exe)
    return Check(
        "THIRD-PARTY-NOTICES.txt names every bundled distribution and library",
        not problems,
        "\n".join(problems),
    )


def game_version() -> str:
    sys.path.insert(0, str(ROOT))
    from game import __version__

    return __version__


def report_startup(exe: Path, runs: int) -> None:
    """The frozen app's start-to-first-frame median, measured by the benchmark's own method (informative only:
    a shared CI machine's timing is no reason to fail a build)."""
    sys.path.insert(0, str(ROOT))
    from game.bench.headless import scratch_player_dirs
    from game.bench.startup import StartupError, measure_frozen_startup

    try:
        with scratch_player_dirs():
            startup = measure_frozen_startup(exe, runs)
    except (StartupError, subprocess.TimeoutExpired) as error:
        print(f"info start to first frame not measured: {error}")
        return
    seconds = startup.seconds
    verdict = "ok" if seconds.median < STARTUP_BUDGET_S else "OVER BUDGET"
    print(
        f"info start to first frame (frozen, {startup.method}): median {seconds.median:.3f} s of {seconds.n}"
        f" (min {seconds.min:.3f}, max {seconds.max:.3f}; budget < {STARTUP_BUDGET_S:.0f} s: {verdict})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the frozen app with the source tree.")
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="the frozen executable for the verbs")
    parser.add_argument(
        "--game-exe", type=Path, default=GAME_EXE, help="the one a player starts (`play` runs through it)"
    )
    parser.add_argument(
        "--stage", action="append", metavar="ID", help=f"stage to run (default {DEFAULT_STAGE})"
    )
    parser.add_argument("--replay", action="append", type=Path, metavar="FILE", help="replay to verify")
    parser.add_argument(
        "--startup-runs", type=int, default=3, metavar="N", help="runs for the start-up median"
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    if not args.exe.is_file():
        print(f"no frozen app at {args.exe}: run `make exe` first")
        return 1
    stages = args.stage or [DEFAULT_STAGE]

    with tempfile.TemporaryDirectory(prefix="labone-smoke-") as tmp:
        scratch = Path(tmp)
        source = Runner([sys.executable, "-m", "game"], scratch / "source")
        frozen = Runner([str(args.exe)], scratch / "frozen")
        frozen_game = Runner([str(args.game_exe)], scratch / "frozen")
        checks: list[Check] = []

        def record(check: Check, note: str = "") -> None:
            checks.append(check)
            verdict = "ok  " if check.ok else "FAIL"
            print(f"{verdict} {check.name}{'  ' + note if note else ''}")
            if check.detail:
                print("     " + check.detail.replace("\n", "\n     "))

        version = f"labone-rally {game_version()}\n"
        record(same_output("--version", source("--version"), frozen("--version"), must_contain=version))
        record(check_notices(args.exe.parent, args.exe))
        record(same_output("stages", source("stages"), frozen("stages")))
        for stage in stages:
            command = ("run", "--headless", "--autopilot", "--stage", stage, "--no-save", "--state-hash")
            from_source = source(*command)
            record(
                same_output(f"run {stage}", from_source, frozen(*command), must_contain="IGT "),
                igt_line(from_source.stdout),
            )

        replays = list(args.replay or golden_replays())
        if not replays:
            fresh = scratch / f"{stages[0]}.mmr"
            record(record_replay(source, stages[0], fresh))
            replays = [fresh] if checks[-1].ok else []
        for replay in replays:
            from_source = source("verify", str(replay))
            record(
                same_output(
                    f"verify {replay.name}", from_source, frozen("verify", str(replay)), must_contain="MATCH"
                ),
                igt_line(from_source.stdout),
            )

        record(check_screenshot(source, frozen, scratch, "--screen", "race", "--stage", stages[0]))
        record(check_screenshot(source, frozen, scratch, "--screen", "title"))
        record(check_play(frozen_game, scratch))
        if args.startup_runs > 0 and checks[-1].ok:
            report_startup(args.exe, args.startup_runs)

    failed = [check.name for check in checks if not check.ok]
    if failed:
        print(f"\nFROZEN APP DIFFERS FROM SOURCE: {', '.join(failed)}")
        return 1
    print(f"\nfrozen app matches the source tree ({len(checks)} checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
