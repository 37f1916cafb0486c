"""The command line: `python -m game [play|run|stages|screenshot|verify|export-lss|bench]`.

Each verb's work lives in `game.commands.<verb>` and is imported only when that verb runs, so `--help` and
`verify` start fast and a headless verb never opens a window. Bad arguments exit 2 with argparse's message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from game import __version__

EPILOG = "Run a verb with --help for its options. With no verb, the game starts in a window (play)."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labone-rally",
        description="Mille Miglia · Lab One — a top-down rally game timed by a Chopard Lab One.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"labone-rally {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    play = verbs.add_parser("play", help="start the game in a window (the default)")
    play.add_argument("--fullscreen", action="store_true", help="start fullscreen")
    play.add_argument("--stage", metavar="ID", help="go straight to a race on this stage")
    play.add_argument("--livesplit", metavar="HOST:PORT", help="drive a running LiveSplit Server")
    play.add_argument(
        "--quit-after", type=float, metavar="SECONDS", help="close by itself after this long (smoke tests)"
    )
    play.add_argument("--screenshot", metavar="FILE", help="with --quit-after: save the last frame as PNG")

    run = verbs.add_parser("run", help="drive a stage without a window and print the timing")
    run.add_argument("--headless", action="store_true", help="no window at all (the only mode for now)")
    run.add_argument("--stage", metavar="ID", help="the track id (see `stages`)")
    run.add_argument("--mode", choices=("stage", "route", "circuit"), default="stage")
    run.add_argument("--laps", type=int, metavar="N", help="laps on the circuit (1 or 9 for speedruns)")
    run.add_argument("--autopilot", action="store_true", help="let the autopilot drive")
    run.add_argument("--car", metavar="ID", help="car id (see `stages --cars`)")
    run.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal")
    run.add_argument("--record", metavar="FILE", help="also write the run's replay to FILE")
    run.add_argument("--no-save", action="store_true", help="do not count the attempt in the save data")
    run.add_argument("--livesplit", metavar="HOST:PORT", help="drive a running LiveSplit Server")
    run.add_argument("--state-hash", action="store_true", help="print the final simulation state hash")

    stages = verbs.add_parser("stages", help="list the track ids in route order")
    stages.add_argument("--cars", action="store_true", help="list the car ids instead")

    shot = verbs.add_parser("screenshot", help="render a race frame (or a screen) to a PNG, headless")
    shot.add_argument("--stage", metavar="ID", help="the track id")
    shot.add_argument("--at", type=float, default=20.0, metavar="SECONDS", help="IGT of the frame")
    shot.add_argument(
        "--screen",
        choices=("race", "title", "select", "results", "pause", "settings", "controls"),
        default="race",
    )
    shot.add_argument("--size", default="1280x720", metavar="WxH")
    shot.add_argument("--out", required=True, metavar="FILE")

    verify = verbs.add_parser("verify", help="re-simulate a replay and check its claimed time")
    verify.add_argument("file", metavar="FILE")

    lss = verbs.add_parser("export-lss", help="write a category's splits as a LiveSplit .lss file")
    lss.add_argument(
        "--category", required=True, metavar="NAME", help="a stage id, circuit-1, circuit-9 or route"
    )
    lss.add_argument("--out", required=True, metavar="FILE")

    bench = verbs.add_parser("bench", help="measure frame cost, simulation speed, start-up and memory")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    bench.add_argument("--frozen", metavar="EXE", help="also time the start-up of this frozen executable")
    bench.add_argument("--first-frame", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout belongs to the verbs' output
    args = build_parser().parse_args(argv)
    verb = args.verb or "play"
    if verb == "play":
        from game.commands.play import main_play

        return main_play(args if args.verb else build_parser().parse_args(["play"]))
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
    if verb == "bench":
        from game.bench import main_bench

        return main_bench(args, sys.stdout)
    raise AssertionError(verb)  # argparse rejects unknown verbs with exit 2
