"""`python -m game calibrate`: the human models against the medals, and the medals set from them (§5, §11).

The keyboard and gamepad models (`game.sim.human_driver`) drive every track (or one) with the default car over
several seeds, each seed a different person. Per track the verb prints each model's median, best and worst
result against the four medal limits and how many keyboard runs beat bronze. `--write` sets the medals from
these runs (`medals_from_runs`) and writes them to `assets/medals.json` and into each track file; the "722"
stays the autopilot's best, as timed by `tools/trackgen/medals.py`.
"""

from __future__ import annotations

import argparse
import json
import math
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TextIO

from game.resources import asset_path
from game.sim.cars import DEFAULT_CAR_ID, CarSpec, load_car
from game.sim.human_driver import Device, HumanDriver
from game.sim.race_types import RaceSettings
from game.sim.track import Track
from game.sim.track_catalog import load_track, track_ids, tracks_dir
from game.sim.track_write import write_track
from game.speedrun.session import drive
from game.timefmt import format_igt

DEVICES: tuple[Device, ...] = ("keyboard", "gamepad")
MAX_TICKS = 60_000
"""Ten minutes of race: a model still out there by then has not finished (a DNF)."""

BRONZE_RANK = 0.8
"""Bronze is the keyboard model's result at this rank (slowest last): 8 seeds of 10 beat it."""

MEDALS_ABOUT = (
    "Medal limits per track from the human models (python -m game calibrate --write; docs/design.md §5): "
    "bronze = the keyboard model's 80th-percentile result, silver = its best, gold = halfway from the 722 to "
    "the best human-model run; the 722 (moss_ms) is the autopilot's best over every car (autopilot_best_ms, "
    "python -m tools.trackgen.medals), rounded down to the tenth."
)


@dataclass(frozen=True, slots=True)
class Runs:
    """One track's results (ms, None for a run that did not finish), per model, in seed order."""

    track_id: str
    keyboard: tuple[int | None, ...]
    gamepad: tuple[int | None, ...]


def main_calibrate(args: argparse.Namespace, out: TextIO) -> int:
    ids = [args.stage] if args.stage else list(track_ids())
    for track_id in ids:
        load_track(track_id)  # an unknown id fails here, before any work
    table = _load_table()
    jobs = [(t, d, s) for t in ids for d in DEVICES for s in range(args.seeds)]
    if args.workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(_run_one, jobs, chunksize=1))
    else:
        results = [_run_one(job) for job in jobs]
    by_job = dict(zip(jobs, results, strict=True))
    out.write(
        f"human models, default car, {args.seeds} seeds each; "
        f"{'new medals (--write)' if args.write else 'medals as shipped'}\n"
    )
    for track_id in ids:
        runs = Runs(
            track_id,
            tuple(by_job[(track_id, "keyboard", s)] for s in range(args.seeds)),
            tuple(by_job[(track_id, "gamepad", s)] for s in range(args.seeds)),
        )
        row = table.get(track_id, {})
        if args.write:
            if "moss_ms" not in row:
                raise FileNotFoundError(
                    f"{_medals_path()}: no 722 for {track_id}: run python -m tools.trackgen.medals"
                )
            row = {**row, **medals_from_runs(runs, row["moss_ms"])}
            table[track_id] = row
        out.write(report_track(runs, row))
    if args.write:
        _write(table, ids)
        out.write(f"wrote {_medals_path().name} and the medals of {len(ids)} track file(s)\n")
    return 0


def medals_from_runs(runs: Runs, moss_ms: int) -> dict[str, int]:
    """Bronze, silver and gold from the models' results; each at least a tenth slower than the medal above."""
    keyboard = sorted(t if t is not None else math.inf for t in runs.keyboard)
    rank = max(0, math.ceil(BRONZE_RANK * len(keyboard)) - 1)
    best_human = min([*keyboard, *(t for t in runs.gamepad if t is not None)])
    if not math.isfinite(keyboard[rank]) or not math.isfinite(best_human):
        raise ValueError(f"{runs.track_id}: too few keyboard runs finished to set the medals")
    gold = max(_tenth_up((moss_ms + best_human) / 2), moss_ms + 100)
    silver = max(_tenth_up(keyboard[0]), gold + 100)
    bronze = max(_tenth_up(keyboard[rank]), silver + 100)
    return {"gold_ms": gold, "silver_ms": silver, "bronze_ms": bronze}


def report_track(runs: Runs, medals: dict[str, int]) -> str:
    """Two lines per track (one per model) and the medal limits."""
    lines = []
    for device, times in (("keyboard", runs.keyboard), ("gamepad", runs.gamepad)):
        done = sorted(t for t in times if t is not None)
        bronze = medals.get("bronze_ms")
        beat = sum(1 for t in done if bronze is not None and t <= bronze)
        dnf = len(times) - len(done)
        stats = (
            f"median {_fmt(done[(len(done) - 1) // 2])}  best {_fmt(done[0])}  worst {_fmt(done[-1])}"
            if done
            else "no run finished"
        )
        lines.append(
            f"{runs.track_id if device == 'keyboard' else '':<20} {device:<8}  {stats}  "
            f"beat bronze {beat}/{len(times)}{f'  DNF {dnf}' if dnf else ''}\n"
        )
    limits = "  ".join(
        f"{name} {_fmt(medals.get(key))}"
        for name, key in (
            ("722", "moss_ms"),
            ("gold", "gold_ms"),
            ("silver", "silver_ms"),
            ("bronze", "bronze_ms"),
        )
    )
    lines.append(f"{'':<20} medals    {limits}\n")
    return "".join(lines)


def _fmt(ms: int | None) -> str:
    return format_igt(ms) if ms is not None else "-"


def _tenth_up(ms: float) -> int:
    return math.ceil(ms / 100) * 100


@cache
def _loaded(track_id: str) -> tuple[Track, CarSpec]:
    return load_track(track_id), load_car(DEFAULT_CAR_ID)


def _run_one(job: tuple[str, Device, int]) -> int | None:
    track_id, device, seed = job
    track, car = _loaded(track_id)
    run = drive(
        track,
        car,
        RaceSettings(car_id=DEFAULT_CAR_ID, clear_road=True),
        driver=HumanDriver(device, seed),
        max_ticks=MAX_TICKS,
    )
    return run.result.total_ms if run.result.finished else None


def _medals_path() -> Path:
    return asset_path("medals.json")


def _load_table() -> dict[str, dict[str, int]]:
    path = _medals_path()
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {k: {m: int(v) for m, v in row.items()} for k, row in json.load(handle)["tracks"].items()}


def _write(table: dict[str, dict[str, int]], ids: list[str]) -> None:
    document = {"about": MEDALS_ABOUT, "tracks": dict(sorted(table.items()))}
    _medals_path().write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    medal_keys = ("bronze_ms", "silver_ms", "gold_ms", "moss_ms")
    for track_id in ids:
        path = tracks_dir() / f"{track_id}.json"
        with open(path, encoding="utf-8") as handle:
            doc = json.load(handle)
        doc["medals"] = {k: table[track_id][k] for k in medal_keys}
        write_track(doc, path)
