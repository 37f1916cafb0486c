"""Instructions per simulation tick, counted by valgrind: the A/B measure for the simulation's cost.

Wall and CPU time on a shared 2-core machine swing by more than the change being judged (docs/performance.md
saw 1.7x between two quiet minutes); the number of instructions a tick executes does not. This drives the
bench's own autopilot run of a stage once (`game.bench.recordings`, with the field unless `--clear-road`), then
replays part of it under `valgrind --tool=callgrind` and prints instructions per tick of `Race.step` (or
`Race.advance` with `--advance`, what `verify` runs), or of the time spent inside one function with
`--inside module:Attr.path` (inclusive; name the function where it is looked up, e.g.
`game.sim.field_sim:drive_rival` for a function imported into that module by name):

    python -m tools.tick_instructions                         # Race.step, stage 01, the field, ticks 2000-5000
    python -m tools.tick_instructions --clear-road --advance
    python -m tools.tick_instructions --inside game.sim.car:CarModel.forces

A run takes about a minute (the set-up runs under valgrind too, uncounted). Counts repeat to a few parts in ten
thousand; compare two trees' counts, never a count with a time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

_MARK = "crc32"
"""A C function the child calls only to mark the counted stretch: callgrind dumps its counts before each call."""

_TOGGLE = "starmap_next"
"""The C function `--inside` runs the measured function through: callgrind counts only inside it."""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.tick_instructions", description=__doc__)
    parser.add_argument("--stage", default="01-brescia-verona")
    parser.add_argument("--clear-road", action="store_true")
    parser.add_argument("--ticks", type=int, default=3000, help="ticks counted (default 3000)")
    parser.add_argument("--skip", type=int, default=2000, help="ticks run first, uncounted (default 2000)")
    parser.add_argument("--advance", action="store_true", help="count Race.advance (no snapshots), as verify")
    parser.add_argument("--inside", metavar="MODULE:ATTR", help="count only inside this function")
    parser.add_argument("--child", metavar="RUN", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _replay(Path(args.child), args.skip, args.ticks, args.advance, args.inside)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="labone-instructions-") as folder:
        run = Path(folder) / "run.pickle"
        _record(args.stage, args.clear_road, run)
        count = _count(run, Path(folder), args)
    what = args.inside or ("Race.advance" if args.advance else "Race.step")
    road = "clear road" if args.clear_road else "with the field"
    print(
        f"{what}: {count / args.ticks:,.0f} instructions a tick "
        f"({args.stage} {road}, ticks {args.skip}-{args.skip + args.ticks})"
    )
    return 0


def _record(stage: str, clear_road: bool, out: Path) -> None:
    from game.bench.recordings import Recordings

    recording = Recordings(clear_road=clear_road).get(stage)
    with out.open("wb") as file:
        pickle.dump((recording.track, recording.car, recording.settings, recording.run.records), file)


def _count(run: Path, folder: Path, args: argparse.Namespace) -> int:
    out = folder / "callgrind.out"
    child = [sys.executable, "-m", "tools.tick_instructions", "--child", str(run)]
    child += ["--skip", str(args.skip), "--ticks", str(args.ticks)]
    child += ["--advance"] if args.advance else []
    child += ["--inside", args.inside] if args.inside else []
    inside = ["--collect-atstart=no", f"--toggle-collect={_TOGGLE}"]
    how = inside if args.inside else [f"--dump-before={_MARK}"]
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *how, *child],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    # With marks, part 2 is the stretch between them (part 1 the set-up, the rest after); else the one file.
    return _total(Path(f"{out}.2") if not args.inside else out)


def _total(path: Path) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"no total in {path}")


def _replay(run: Path, skip: int, ticks: int, advance: bool, inside: str | None) -> None:
    from game.sim.race import Race

    with run.open("rb") as file:
        track, car, settings, records = pickle.load(file)
    race = Race(track, car, settings)
    for record in records[:skip]:
        race.step(record)
    if inside:
        _count_inside(inside)
    tick = race.advance if advance else race.step
    zlib.crc32(b"counted from here")
    for record in records[skip : skip + ticks]:
        tick(record)
    zlib.crc32(b"to here")


def _count_inside(spec: str) -> None:
    """Route every call of the function through `itertools.starmap`, the C function callgrind counts inside."""
    module_name, _, path = spec.partition(":")
    owner: Any = __import__(module_name, fromlist=["_"])
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    function = getattr(owner, name)

    def counted(*args: object, _function: Any = function, _starmap: Any = itertools.starmap) -> object:
        return next(_starmap(_function, (args,)))

    setattr(owner, name, counted)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
