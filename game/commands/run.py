"""`python -m game run --headless --autopilot --stage ID`: a run with no window, timed to the millisecond.

It prints a line per timing line as the car crosses it and, last, `IGT mm:ss.mmm`; the same command always
prints the same time. `--mode route` drives every stage in order with the watch carried across; `--mode
circuit` drives the 1940 circuit for `--laps` laps. Runs count as attempts in the save data unless `--no-save`.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from game.commands.recording import RunRecorder
from game.sim.autorun import AutoRun, drive
from game.sim.cars import DEFAULT_CAR_ID, car_ids, load_car
from game.sim.race_types import RaceSettings
from game.sim.route import DEFAULT_CAR_NUMBER, stage_settings
from game.sim.track import Track, TrackError, load_route, load_track, track_ids
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
    recorder = RunRecorder(
        save=not args.no_save, record_path=args.record, livesplit=args.livesplit, car_number=DEFAULT_CAR_NUMBER
    )
    if args.mode == "route":
        return _run_route(base, recorder, out)

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
    run = drive(track, car, base, on_tick=recorder.live_tick)
    _print_run(track, run, out)
    recorder.finish_run(track, car, base, run, category=None)
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
            f"  trial {trial.trial + 1}  {trial.name:<22} target {trial.target_cs / 100:.2f} s"
            f"  measured {trial.measured_cs / 100:.2f} s  {trial.points} pts"
            + (f" ({early_late})" if trial.points else "")
            + "\n"
        )
    result = run.result
    if result.finished and result.penalty_ms:
        out.write(f"  penalties +{result.penalty_ms / 1000:.2f} s  result {format_igt(result.total_ms)}\n")


def _run_route(base: RaceSettings, recorder: RunRecorder, out: TextIO) -> int:
    route = load_route()
    car = load_car(base.car_id)
    out.write(f"Mille Miglia · {len(route.stage_ids)} stages · {car.name} #{DEFAULT_CAR_NUMBER}\n")
    carried = None
    total_time = 0
    total_result = 0
    for index, track_id in enumerate(route.stage_ids):
        track = load_track(track_id)
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
        recorder.finish_run(track, car, settings, run, category=None)
        carried = run.final.watch.wound_turns
    out.write(f"result {format_igt(total_result)} (penalties included)\n")
    out.write(f"IGT {format_igt(total_time)}\n")
    return EXIT_OK
