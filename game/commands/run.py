"""`python -m game run --headless --autopilot --stage ID`: a run with no window, timed to the millisecond.

It prints a line per timing line as the car crosses it and, last, `IGT mm:ss.mmm`; the same command always
prints the same time. `--mode route` drives every stage in order with the watch carried across; `--mode
circuit` drives the 1940 circuit for `--laps` laps. Runs count as attempts in the save data unless `--no-save`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TextIO

from game.commands.arguments import CommandLineError
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.race_types import RaceSettings
from game.sim.rally_points import Classification
from game.sim.rally_types import RallyResult
from game.sim.route import DEFAULT_CAR_NUMBER
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track
from game.speedrun.categories import has_field
from game.speedrun.field_report import field_line
from game.speedrun.route_progress import RouteProgress, record_route_attempt
from game.speedrun.savedata import SaveDataError
from game.speedrun.session import AutoRun, drive
from game.timefmt import format_igt

EXIT_OK = 0
EXIT_DNF = 1


def main_run(args: argparse.Namespace, out: TextIO) -> int:
    """Drive and print; the values were checked before (`game.commands.arguments`). A `--record` file that
    cannot be written fails the command after the run, the attempt itself still counted."""
    car_id = args.car or DEFAULT_CAR_ID
    car = load_car(car_id)
    number = args.number if args.number is not None else DEFAULT_CAR_NUMBER
    base = RaceSettings(
        car_id=car_id, difficulty=args.difficulty, car_number=number, clear_road=args.clear_road
    )
    if args.mode == "route" and args.rally == "regularity":
        from game.commands.run_regularity_route import run_regularity_route

        return run_regularity_route(args, out)
    if args.mode == "route":
        return _run_route(base, save=not args.no_save, out=out)

    if args.rally == "regularity":
        return _run_regularity(args, car.name, out)
    track = load_track(args.stage or load_route().circuit_id)
    if args.laps is not None:
        base = replace(base, laps=args.laps)
    road = "clear road" if args.clear_road or not has_field(track) else "field"
    out.write(f"{track.name} ({track.id}) · {car.name} #{number} · {args.difficulty} · {road}\n")
    run = drive(
        track,
        car,
        base,
        save=not args.no_save,
        livesplit=args.livesplit,
        record_to=args.record,
    )
    _print_run(track, run, out)
    outcome = run.outcome
    if outcome is not None and outcome.warning and outcome.warning != outcome.record_error:
        out.write(f"warning: {outcome.warning}\n")  # the save data's trouble; the replay's is the error below
    if outcome is not None and args.record and outcome.record_error is None:
        out.write(f"replay {args.record}\n")
    if args.state_hash:
        out.write(f"state {run.state_hash}\n")
    if not run.result.finished:
        out.write("DNF: the autopilot did not reach the finish\n")
        return EXIT_DNF
    if run.result.field is not None:
        out.write(f"{field_line(run.result.field)}\n")
    out.write(f"IGT {format_igt(run.result.time_ms)}\n")
    if outcome is not None and outcome.record_error is not None:
        raise CommandLineError("--record", outcome.record_error)
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


def _run_route(base: RaceSettings, *, save: bool, out: TextIO) -> int:
    """Every stage in order, the watch carried over, counted once as a route attempt: as play does it."""
    route = load_route()
    car = load_car(base.car_id)
    road = "clear road" if base.clear_road else "field"
    out.write(f"Mille Miglia · {len(route.stage_ids)} stages · {car.name} #{base.car_number} · {road}\n")
    progress = RouteProgress.new(base, base.car_number)
    total_time = 0
    while not progress.complete:
        index = progress.next_stage
        setup = progress.next_setup()
        track = load_track(setup.track_id)
        run = drive(track, car, setup.settings, category=setup.category, save=save)
        start = run.final.watch
        if not run.result.finished:
            out.write(f"{index + 1:>2} {track.name:<34} DNF\n")
            return EXIT_DNF
        progress = progress.with_stage(
            run.result, run.final.watch.wound_turns, None if run.outcome is None else run.outcome.replay_path
        )
        total_time += run.result.time_ms
        reserve = f"reserve {start.reserve_fraction * 100:3.0f}%"
        penalty = f"+{run.result.penalty_ms / 1000:.2f}" if run.result.penalty_ms else "     "
        out.write(
            f"{index + 1:>2} {track.name:<34} {format_igt(run.result.time_ms)} {penalty:>6}"
            f"  total {format_igt(progress.total_ms)}  {reserve}\n"
        )
        if run.result.field is not None:
            out.write(f"   {field_line(run.result.field)}\n")
    if save:
        try:
            record_route_attempt(progress)
        except (SaveDataError, OSError, ValueError) as error:
            out.write(f"warning: route attempt not saved: {error}\n")
    out.write(f"result {format_igt(progress.total_ms)} (penalties included)\n")
    player = next((row for row in progress.classification() if row.player), None)
    if player is not None:
        rows = progress.classification()
        in_class = sum(1 for row in rows if row.class_id == player.class_id)
        out.write(
            f"classification: position {player.position}/{len(rows)}, "
            f"class {player.class_id} {player.class_position}/{in_class}\n"
        )
    out.write(f"IGT {format_igt(total_time)}\n")
    return EXIT_OK


def _clock(tod_s: float) -> str:
    whole = int(tod_s)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{tod_s % 60:05.2f}"


def print_rally_card(rally: RallyResult, ranked: Classification, out: TextIO) -> None:
    """A stage's timing card: a line per PC, PM point and the CO, with each trial's points and rank."""
    by_name = {name: (rank, points) for name, rank, points in ranked.trial_points}
    for pc in rally.pcs:
        rank, points = by_name[pc.name]
        out.write(
            f"  {pc.name:<10} target {pc.target_cs / 100:7.2f} s  measured {pc.measured_cs / 100:7.2f} s"
            f"  error {pc.error_cs / 100:+.2f} s  points {points} (rank {rank})\n"
        )
    for point in rally.pm_points:
        rank, points = by_name[point.name]
        out.write(
            f"  {point.name:<10} target {point.ideal_cs / 100:7.2f} s  measured {point.measured_cs / 100:7.2f} s"
            f"  error {point.error_ds / 10:+.1f} s  points {points} (rank {rank})\n"
        )
    co = rally.co
    if co is not None:
        stamped = "missed" if co.checked_in_tod_s is None else _clock(co.checked_in_tod_s)
        off = co.minutes_off
        out.write(
            f"  {co.name:<10} target {_clock(co.target_tod_s)[:5]}  checked in {stamped}"
            f"  error {'-' if off is None else f'{off:+d} min'}  penalty {co.penalty}\n"
        )


def _run_regularity(args: argparse.Namespace, car_name: str, out: TextIO) -> int:
    """A stage of the regularity rally: a line per PC, PM point and CO, the points and place, IGT last.

    Unless `--no-save`, the points count towards the stage's regularity PB (`game.speedrun.rally_pbs`)."""
    from game.sim.autopilot import AutopilotDriver
    from game.sim.rally_points import classify
    from game.sim.watch_autopilot import WatchOnlyDriver
    from game.speedrun.session import MAX_RUN_TICKS

    car_id = args.car or DEFAULT_CAR_ID
    track = load_track(args.stage)
    settings = RaceSettings(
        car_id=car_id,
        difficulty=args.difficulty,
        rally="regularity",
        wound_turns=0.0 if args.watch_let_down else None,  # the watch let down to a stop before the start
    )
    how = "watch only" if args.watch_only else "autopilot"
    out.write(f"{track.name} ({track.id}) · {car_name} · {args.difficulty} · regularity · {how}\n")
    driver = (
        WatchOnlyDriver(use_pusher=args.watch_pusher, let_down=args.watch_let_down)
        if args.watch_only
        else AutopilotDriver()
    )
    run = drive(
        track, load_car(car_id), settings, driver=driver, record_to=args.record, max_ticks=3 * MAX_RUN_TICKS
    )
    rally = run.result.rally
    if rally is None or not run.result.finished:
        out.write("DNF: the autopilot did not reach the finish\n")
        return EXIT_DNF
    ranked = classify([rally], car_id)
    print_rally_card(rally, ranked, out)
    out.write(f"coefficient {ranked.coefficient:.2f}, CO penalty {ranked.co_penalty}\n")
    out.write(f"points {ranked.points:.2f}, position {ranked.position}/{ranked.entrants}\n")
    if not args.no_save:
        from game.speedrun.rally_pbs import record_regularity

        try:
            new_pb, before = record_regularity(track.id, ranked.points)
        except OSError as error:
            out.write(f"warning: regularity PB not saved: {error}\n")
        else:
            if new_pb:
                out.write("new regularity PB" + ("" if before is None else f" (was {before:.2f})") + "\n")
    if args.state_hash:
        out.write(f"state {run.state_hash}\n")
    outcome = run.outcome
    if outcome is not None and args.record and outcome.record_error is None:
        out.write(f"replay {args.record}\n")
    out.write(f"IGT {format_igt(run.result.time_ms)}\n")
    if outcome is not None and outcome.record_error is not None:
        raise CommandLineError("--record", outcome.record_error)
    return EXIT_OK
