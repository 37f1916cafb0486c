"""The command line: `python -m game [play|run|stages|screenshot|verify|export-lss|calibrate|bench]`.

Each verb's work lives in `game.commands.<verb>` and is imported only when that verb runs, so `--help` and
`verify` start fast and a headless verb never opens a window. Every value is checked before any work
(`game.commands.arguments`); any input the game cannot use is one line on stderr and exit 2 (`main`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from game import __version__
from game.commands.interrupt import EXIT_INTERRUPTED, interrupt_exits_quietly

EPILOG = "Run a verb with --help for its options. With no verb, the game starts in a window (play)."

PROG = "labone-rally"
EXIT_UNUSABLE = 2
"""Input the command cannot use: a bad value, a damaged or missing file, an output it cannot write."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors said in the same one line as every other bad input (`main`)."""

    def error(self, message: str) -> NoReturn:
        from game.commands.arguments import CommandLineError

        option, separator, problem = message.partition(": ")
        if option.startswith("argument ") and separator:
            raise CommandLineError(option.removeprefix("argument "), problem)
        raise CommandLineError(self.prog.removeprefix(PROG).strip(), message)  # the verb, if any


def build_parser() -> argparse.ArgumentParser:
    from game.commands.arguments import car_number, frame_size, lap_count, race_seconds, seconds, seed_count

    parser = _Parser(
        prog=PROG,
        description="Mille Miglia · Lab One — a top-down rally game timed by a Chopard Lab One.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    play = verbs.add_parser("play", help="start the game in a window (the default)")
    play.add_argument("--fullscreen", action="store_true", help="start fullscreen")
    play.add_argument("--stage", metavar="ID", help="go straight to a race on this stage")
    play.add_argument("--livesplit", metavar="HOST:PORT", help="drive a running LiveSplit Server")
    play.add_argument(
        "--quit-after", type=seconds, metavar="SECONDS", help="close by itself after this long (smoke tests)"
    )
    play.add_argument("--screenshot", metavar="FILE", help="with --quit-after: save the last frame as PNG")

    run = verbs.add_parser("run", help="drive a stage without a window and print the timing")
    run.add_argument("--headless", action="store_true", help="no window at all (the only mode for now)")
    run.add_argument("--stage", metavar="ID", help="the track id (see `stages`)")
    run.add_argument("--mode", choices=("stage", "route", "circuit"), default="stage")
    run.add_argument("--laps", type=lap_count, metavar="N", help="laps on the circuit (1 or 9 for speedruns)")
    run.add_argument("--autopilot", action="store_true", help="let the autopilot drive")
    run.add_argument("--car", metavar="ID", help="car id (see `stages --cars`)")
    run.add_argument(
        "--number", type=car_number, metavar="N", help="start number = start time hhmm (default 722: 07:22)"
    )
    run.add_argument("--clear-road", action="store_true", help="run without the 1955 field on the road")
    run.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal")
    run.add_argument("--record", metavar="FILE", help="also write the run's replay to FILE")
    run.add_argument("--no-save", action="store_true", help="do not count the attempt in the save data")
    run.add_argument("--livesplit", metavar="HOST:PORT", help="drive a running LiveSplit Server")
    run.add_argument("--state-hash", action="store_true", help="print the final simulation state hash")
    run.add_argument(
        "--rally",
        choices=("race", "regularity"),
        default="race",
        help="the 1955 speed race or the regularity rally",
    )
    run.add_argument(
        "--watch-only",
        action="store_true",
        help="regularity: the autopilot times everything with the watch alone",
    )
    run.add_argument("--watch-pusher", action="store_true", help=argparse.SUPPRESS)
    run.add_argument("--watch-let-down", action="store_true", help=argparse.SUPPRESS)

    stages = verbs.add_parser("stages", help="list the track ids in route order")
    stages.add_argument("--cars", action="store_true", help="list the car ids instead")

    shot = verbs.add_parser("screenshot", help="render a race frame (or a screen) to a PNG, headless")
    shot.add_argument("--stage", metavar="ID", help="the track id")
    shot.add_argument("--at", type=race_seconds, default=20.0, metavar="SECONDS", help="IGT of the frame")
    shot.add_argument(
        "--screen",
        choices=(
            "race",
            "lesson",
            "field",
            "title",
            "select",
            "results",
            "standings",
            "pause",
            "settings",
            "controls",
        ),
        default="race",
        help="lesson: the race with the watch lesson's prompts, the lesson's steps done on cue; field: the first "
        "frame from --at on with at least 3 cars of the field close by; standings: the results' field page (with "
        "--rally regularity: the regularity route's classification after its stages up to --stage, driven by the "
        "watch-only autopilot)",
    )
    shot.add_argument(
        "--rally", choices=("race", "regularity"), default="race", help="race or regularity rally"
    )
    shot.add_argument(
        "--glance", action="store_true", help="the watch raised large, as the glance control holds it"
    )
    shot.add_argument("--size", type=frame_size, default="1280x720", metavar="WxH")
    shot.add_argument("--out", required=True, metavar="FILE")

    verify = verbs.add_parser("verify", help="re-simulate a replay and check its claimed time")
    verify.add_argument("file", metavar="FILE")

    lss = verbs.add_parser("export-lss", help="write a category's splits as a LiveSplit .lss file")
    lss.add_argument(
        "--category", required=True, metavar="NAME", help="a stage id, circuit-1, circuit-9 or route"
    )
    lss.add_argument("--out", required=True, metavar="FILE")

    calibrate = verbs.add_parser(
        "calibrate", help="drive the human models against the medals (--write: re-set them)"
    )
    calibrate.add_argument("--stage", metavar="ID", help="one track only (default: every track)")
    calibrate.add_argument(
        "--seeds", type=seed_count, default=5, metavar="N", help="runs per model (default 5)"
    )
    calibrate.add_argument("--workers", type=seed_count, default=2, metavar="N", help="processes (default 2)")
    calibrate.add_argument("--write", action="store_true", help="set the medals from these runs")

    bench = verbs.add_parser("bench", help="measure frame cost, simulation speed, start-up and memory")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    bench.add_argument("--frozen", metavar="EXE", help="also time the start-up of this frozen executable")
    bench.add_argument("--first-frame", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; the one place a known bad input becomes one line on stderr and exit 2.

    A bad value, a damaged or missing file, save data that cannot be used, a disk that refuses a write: the
    game's own errors and the operating system's are said as `labone-rally: <file or option>: <problem>` with
    no traceback. Ctrl-C stops any verb quietly with 130, as a shell reports it. Anything else is a bug and
    keeps its traceback.
    """
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout belongs to the verbs' output
    try:
        with interrupt_exits_quietly():
            return _run_verb(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        if not isinstance(error, _known_errors()):
            raise
        sys.stdout.flush()  # what the verb printed comes before why it stopped
        sys.stderr.write(f"{PROG}: {error_line(error)}\n")
        return EXIT_UNUSABLE


def _run_verb(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args(["play"])  # no verb: the game in a window, with play's defaults
    verb = args.verb
    from game.commands.arguments import check_arguments

    check_arguments(verb, args)
    if verb == "play":
        from game.commands.play import main_play

        return main_play(args)
    if verb == "run":
        from game.commands.run import main_run

        return main_run(args, sys.stdout)
    if verb == "stages":
        from game.commands.stages import main_stages

        return main_stages(args, sys.stdout)
    if verb == "screenshot":
        from game.commands.screenshot import main_screenshot

        return main_screenshot(args, sys.stdout)
    if verb == "verify":
        from game.speedrun.verify import main_verify

        return main_verify(args.file, sys.stdout)
    if verb == "export-lss":
        from game.speedrun.lss import main_export_lss

        return main_export_lss(args.category, args.out, sys.stdout)
    if verb == "calibrate":
        from game.commands.calibrate import main_calibrate

        return main_calibrate(args, sys.stdout)
    if verb == "bench":
        from game.bench import main_bench

        return main_bench(args, sys.stdout)
    raise AssertionError(verb)  # argparse rejects unknown verbs


def error_line(error: BaseException) -> str:
    """A known error as one line naming its file or option: the game's errors already start with it."""
    if isinstance(error, OSError) and error.strerror and error.filename is not None:
        text = f"{os.fsdecode(error.filename)}: {error.strerror}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _known_errors() -> tuple[type[BaseException], ...]:
    """Every error the game raises for input it cannot use, plus the operating system's; imported only once
    one was raised, so a verb that never fails loads none of their modules for them."""
    from game.commands.arguments import CommandLineError
    from game.settings import SettingsError
    from game.sim.cars import CarError
    from game.sim.data_file import DataFileError
    from game.sim.inputs import InputRecordError
    from game.sim.route import CarNumberError
    from game.sim.track import TrackError
    from game.speedrun.categories import CategoryError
    from game.speedrun.livesplit_client import AddressError
    from game.speedrun.replay_format import ReplayError
    from game.speedrun.route_progress import RouteProgressError
    from game.speedrun.savedata import SaveDataError
    from watch_core.serial import WatchSerialError

    return (
        CommandLineError,
        SettingsError,
        CarError,
        DataFileError,
        InputRecordError,
        CarNumberError,
        TrackError,
        CategoryError,
        AddressError,
        ReplayError,
        RouteProgressError,
        SaveDataError,
        WatchSerialError,
        OSError,
    )
