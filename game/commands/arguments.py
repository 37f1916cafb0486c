"""What the command line's values must be, checked before any work (docs/design.md §8, the command line).

Two kinds of check. The shape of one value (a number of seconds, a frame size, a lap count) is argparse's
`type=`, so argparse names the option. Whether a value fits the game or the disk (a stage id the route has, a
category, an output file in a folder that exists) is `check_arguments`, run once the verb is known and before
anything is loaded, driven or drawn. Either way the failure is one `CommandLineError`, which `game.cli.main`
prints as one line and turns into exit 2. The game's modules are imported only when a value needs them, so
`--help` stays fast.
"""

from __future__ import annotations

import argparse
import math
import os
import re
from pathlib import Path

MAX_FRAME_SIZE = (7680, 4320)
"""The largest screenshot (8K UHD): far past any screen, and a 130 MB frame, not gigabytes."""

_SIZE = re.compile(r"([0-9]{1,5})[xX]([0-9]{1,5})\Z")


class CommandLineError(ValueError):
    """A value given on the command line that cannot be used; the message is `<option>: <problem>` (only the
    problem when no one option is at fault)."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"{option}: {problem}" if option else problem)
        self.option = option
        self.problem = problem


# The shape of one value (argparse `type=`) ----------------------------------------------------------------


def seconds(text: str) -> float:
    """A duration from 0 on, finite: `nan`, `inf` and negatives are refused (`play --quit-after`)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 on")
    return value


def race_seconds(text: str) -> float:
    """An in-game time a headless race can reach: from 0 to the longest a run is driven."""
    from game.sim import TICK_HZ
    from game.speedrun.session import MAX_RUN_TICKS

    value = seconds(text)
    limit = MAX_RUN_TICKS / TICK_HZ
    if value > limit:
        raise argparse.ArgumentTypeError(f"{text!r} is past the longest run ({limit:.0f} s)")
    return value


def frame_size(text: str) -> tuple[int, int]:
    """`WIDTHxHEIGHT`, each side from 1 up to `MAX_FRAME_SIZE`."""
    match = _SIZE.match(text)
    width, height = MAX_FRAME_SIZE
    if match is None or not (1 <= int(match[1]) <= width and 1 <= int(match[2]) <= height):
        raise argparse.ArgumentTypeError(
            f"takes WIDTHxHEIGHT from 1x1 to {width}x{height}, e.g. 1280x720 (got {text!r})"
        )
    return int(match[1]), int(match[2])


def lap_count(text: str) -> int:
    """Laps of the circuit: a whole number from 1 to the most a race is run over."""
    from game.sim.race_types import MAX_LAPS

    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= MAX_LAPS:
        raise argparse.ArgumentTypeError(f"takes a whole number of laps from 1 to {MAX_LAPS} (got {text!r})")
    return int(text)


def car_number(text: str) -> int:
    """The player's start number: a start time hhmm from 1 to 2359 (722 leaves at 07:22)."""
    if not re.fullmatch(r"[0-9]{1,4}", text) or not 1 <= int(text) <= 2359 or int(text) % 100 >= 60:
        raise argparse.ArgumentTypeError(
            f"takes a start time hhmm from 1 to 2359, e.g. 722 for 07:22 (got {text!r})"
        )
    return int(text)


def seed_count(text: str) -> int:
    """A count of calibration runs or processes: a whole number from 1 to 100."""
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"takes a whole number from 1 to 100 (got {text!r})")
    return int(text)


# Whether the values fit the game and the disk ---------------------------------------------------------------


def check_arguments(verb: str, args: argparse.Namespace) -> None:
    """CommandLineError for the first value of `verb` that cannot be used; nothing when all can."""
    if verb == "play":
        _check_play(args)
    elif verb == "run":
        _check_run(args)
    elif verb == "screenshot":
        check_stage("--stage", args.stage)
        check_output_file("--out", args.out)
    elif verb == "calibrate" and args.stage is not None:
        check_stage("--stage", args.stage)
    elif verb == "export-lss":
        _check_category(args.category)
        check_output_file("--out", args.out)
    elif verb == "bench":
        if args.json is not None:
            check_output_file("--json", args.json)
        if args.frozen is not None:
            _check_program("--frozen", args.frozen)


def _check_play(args: argparse.Namespace) -> None:
    check_stage("--stage", args.stage)
    _check_livesplit(args.livesplit)
    if args.screenshot is not None:
        if args.quit_after is None:
            raise CommandLineError("--screenshot", "needs --quit-after (the frame saved is the last one)")
        check_output_file("--screenshot", args.screenshot)


def _check_run(args: argparse.Namespace) -> None:
    if not args.headless:
        raise CommandLineError("--headless", "run needs --headless (to play in a window, use `play`)")
    if not args.autopilot:
        raise CommandLineError(
            "--autopilot", "a headless run needs --autopilot (to re-run a recorded run, use `verify FILE`)"
        )
    _check_car(args.car)
    _check_livesplit(args.livesplit)
    if args.watch_only and args.rally != "regularity":
        raise CommandLineError("--watch-only", "times the regularity rally: add --rally regularity")
    if (args.watch_pusher or args.watch_let_down) and not args.watch_only:
        raise CommandLineError(
            "--watch-pusher" if args.watch_pusher else "--watch-let-down", "needs --watch-only"
        )
    if args.rally == "regularity" and args.mode == "circuit":
        raise CommandLineError(
            "--rally", "the regularity rally runs on the stages and the route, not the circuit"
        )
    if args.watch_let_down and args.mode == "route":
        raise CommandLineError("--watch-let-down", "applies to one stage, not to --mode route")
    if args.mode == "route":
        given = [
            option
            for option, value in (
                ("--stage", args.stage),
                ("--laps", args.laps),
                ("--record", args.record),
                ("--livesplit", args.livesplit),
                ("--state-hash", args.state_hash or None),
            )
            if value is not None
        ]
        if given:
            raise CommandLineError(
                given[0], "does not apply to --mode route (it drives every stage in order)"
            )
        return
    from game.sim.route_file import load_route

    circuit_id = load_route().circuit_id
    if args.mode == "stage" and args.stage is None:
        raise CommandLineError("--stage", _with_valid_ids("say which stage"))
    check_stage("--stage", args.stage)
    if args.mode == "circuit" and args.stage not in (None, circuit_id):
        raise CommandLineError("--stage", f"--mode circuit drives {circuit_id}, not {args.stage}")
    if args.rally == "regularity" and args.stage == circuit_id:
        raise CommandLineError("--rally", f"the regularity rally runs on the stages, not on {circuit_id}")
    if args.laps is not None and (args.stage or circuit_id) != circuit_id:
        raise CommandLineError("--laps", f"applies only to the circuit ({circuit_id}), not to {args.stage}")
    if args.record is not None:
        check_output_file("--record", args.record)


def check_stage(option: str, stage_id: str | None) -> None:
    """A track id the route has (None: the verb's own default)."""
    from game.sim.track_catalog import track_ids

    if stage_id is not None and stage_id not in track_ids():
        raise CommandLineError(option, _with_valid_ids(f"unknown track {stage_id!r}"))


def _with_valid_ids(problem: str) -> str:
    from game.sim.track_catalog import track_ids

    return f"{problem}; valid ids: {', '.join(track_ids())}"


def _check_car(car_id: str | None) -> None:
    from game.sim.cars import car_ids

    if car_id is not None and car_id not in car_ids():
        raise CommandLineError("--car", f"unknown car {car_id!r}; valid cars: {', '.join(car_ids())}")


def _check_category(name: str) -> None:
    from game.speedrun.categories import CategoryError, resolve_category

    try:
        resolve_category(name)
    except CategoryError as error:
        raise CommandLineError("--category", str(error)) from None


def _check_livesplit(address: str | None) -> None:
    from game.speedrun.livesplit_client import AddressError, parse_address

    if address is None:
        return
    try:
        parse_address(address)
    except AddressError as error:
        raise CommandLineError("--livesplit", str(error)) from None


def check_output_file(option: str, value: str) -> None:
    """A file to write: a new name or a regular file, in a folder that exists.

    The folder is never created for the caller, as most command-line tools do: a mistyped folder is said at
    once rather than found later, and nothing is ever written over a folder, a pipe or a device.
    """
    if not value:
        raise CommandLineError(option, "an empty name is not a file")
    if value.endswith(("/", os.sep)):
        raise CommandLineError(option, f"{value} names a folder; give a file name")
    from game.sim.data_file import non_regular_kind

    path = Path(value)
    try:
        kind = non_regular_kind(path.stat().st_mode)
    except FileNotFoundError:
        kind = None
    except (OSError, ValueError) as error:
        raise CommandLineError(option, f"{value}: {getattr(error, 'strerror', None) or error}") from None
    if kind is not None:
        raise CommandLineError(option, f"{value} is {kind}; give a file name")
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist (it is not created for you)"
        raise CommandLineError(option, f"folder {folder} {problem}")


def _check_program(option: str, value: str) -> None:
    path = Path(value)
    if not path.is_file():
        raise CommandLineError(
            option, f"{value} is not a file" if path.exists() else f"{value} does not exist"
        )
