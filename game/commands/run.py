"""`python -m game run --headless --autopilot --stage ID`: a run with no window, timed to the millisecond.

It prints a line per timing line as the car crosses it and, last, `IGT mm:ss.mmm`; the same command always
prints the same time. `--mode route` drives every stage in order with the watch carried across; `--mode
circuit` drives the 1940 circuit for `--laps` laps. Runs count as attempts in the save data unless `--no-save`.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from game.sim.autorun import AutoRun, drive
from game.sim.cars import DEFAULT_CAR_ID, car_ids, load_car
from game.sim.race_types import RaceSettings
from game.sim.route import DEFAULT_CAR_NUMBER, stage_settings
from game.sim.route_file import load_route
from game.sim.track import Track, TrackError
from game.sim.track_catalog import load_track, track_ids
from game.speedrun.attempts import AttemptRecorder
from game.speedrun.categories import category_for_race, route_category
from game.speedrun.replay_format import ReplayError
from game.speedrun.savedata import SaveDataError, record_result
from game.timefmt import format_igt

EXIT_OK = 0
EXIT_DNF = 1
EXIT_USAGE = 2


def main_run(args: argparse.Namespace, out: TextIO) -> int:
    if not args.headless:
        out.write("run needs --headless (to play in a window, use `play`)\n")
        return EXIT_USAGE
    if not args.autopilot:
        out.write("a headless run needs --autopilot (to re-run a recorded run, use `verify FILE`)\n")
        return EXIT_USAGE
    car_id = args.car or DEFAULT_CAR_ID
    if car_id not in car_ids():
        out.write(f"unknown car {car_id!r}; valid cars: {', '.join(car_ids())}\n")
        return EXIT_USAGE
    car = load_car(car_id)
    base = RaceSettings(car_id=car_id, difficulty=args.difficulty)
    if args.mode == "route":
        return _run_route(base, save=not args.no_save, out=out)

    route = load_route()
    track_id = args.stage or (route.circuit_id if args.mode == "circuit" else None)
    if track_id is None:
        out.write(f"say which stage with --stage ID; valid ids: {', '.join(track_ids())}\n")
        return EXIT_USAGE
    try:
        track = load_track(track_id)
    except TrackError as error:
        out.write(f"{error}\n")
        return EXIT_USAGE
    if args.laps is not None:
        if track.kind != "circuit" or args.laps < 1:
            out.write("--laps takes a whole number from 1 on, and only on the circuit\n")
            return EXIT_USAGE
        base = RaceSettings(car_id=car_id, difficulty=args.difficulty, laps=args.laps)
    out.write(f"{track.name} ({track.id}) · {car.name} · {args.difficulty}\n")
    laps = base.laps if base.laps is not None else track.laps
    recorder = AttemptRecorder(
        category=_category_name(track, laps),
        track=track,
        car=car,
        settings=base,
        car_number=DEFAULT_CAR_NUMBER,
        livesplit=args.livesplit,
        save=not args.no_save,
    )
    run = drive(track, car, base, on_tick=recorder.live_tick)
    _print_run(track, run, out)
    if run.result.finished:
        outcome = recorder.finish(run.result, run.records, run.final, record_to=args.record)
        if outcome.warning:
            out.write(f"warning: {outcome.warning}\n")
        elif args.record:
            out.write(f"replay {args.record}\n")
    else:
        recorder.abandon(run.final)
    recorder.close()
    if args.state_hash:
        out.write(f"state {run.state_hash}\n")
    if not run.result.finished:
        out.write("DNF: the autopilot did not reach the finish\n")
        return EXIT_DNF
    out.write(f"IGT {format_igt(run.result.time_ms)}\n")
    return EXIT_OK


def _print_run(track: Track, run: AutoRun, out: TextIO) -> None:
    for number, split in enumerate(run.result.splits, start=1):
        out.write(f"  {number:>2}  {split.name:<28} {format_igt(split.igt_ms)}\n")
    for trial in run.result.trials:
        early_late = "early" if trial.measured_cs < trial.target_cs else "late"
        out.write(
            f"      {trial.name:<28} target {trial.target_cs / 100:.2f} s"
            f"  measured {trial.measured_cs / 100:.2f} s  {trial.points} pts"
            + (f" ({early_late})" if trial.points else "")
            + "\n"
        )
    result = run.result
    if result.finished and result.penalty_ms:
        out.write(f"  penalties +{result.penalty_ms / 1000:.2f} s  result {format_igt(result.total_ms)}\n")


def _category_name(track: Track, laps: int) -> str:
    return category_for_race(track, laps).name


def _run_route(base: RaceSettings, *, save: bool, out: TextIO) -> int:
    route = load_route()
    car = load_car(base.car_id)
    out.write(f"Mille Miglia · {len(route.stage_ids)} stages · {car.name} #{DEFAULT_CAR_NUMBER}\n")
    carried = None
    total_time = 0
    total_result = 0
    results = []
    stages = [load_track(track_id) for track_id in route.stage_ids]
    for index, track in enumerate(stages):
        settings = stage_settings(base, track, index, DEFAULT_CAR_NUMBER, carried)
        run = drive(track, car, settings)
        start = run.final.watch
        if not run.result.finished:
            out.write(f"{index + 1:>2} {track.name:<34} DNF\n")
            return EXIT_DNF
        total_time += run.result.time_ms
        total_result += run.result.total_ms
        reserve = f"reserve {start.reserve_fraction * 100:3.0f}%"
        penalty = f"+{run.result.penalty_ms / 1000:.2f}" if run.result.penalty_ms else "     "
        out.write(
            f"{index + 1:>2} {track.name:<34} {format_igt(run.result.time_ms)} {penalty:>6}"
            f"  total {format_igt(total_result)}  {reserve}\n"
        )
        results.append(run.result)
        if save:
            recorder = AttemptRecorder(
                category="route", track=track, car=car, settings=settings, car_number=DEFAULT_CAR_NUMBER
            )
            recorder.finish(run.result, run.records, run.final)
        carried = run.final.watch.wound_turns
    if save:
        try:
            record_result(route_category(stages), results)
        except (SaveDataError, OSError, ValueError, ReplayError) as error:
            out.write(f"warning: route attempt not saved: {error}\n")
    out.write(f"result {format_igt(total_result)} (penalties included)\n")
    out.write(f"IGT {format_igt(total_time)}\n")
    return EXIT_OK
