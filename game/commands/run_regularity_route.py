"""`python -m game run --headless --autopilot --mode route --rally regularity`: the full route in regularity.

Each stage in order, the watch's wind carried over and each stage's replay kept as the speed route does
(`game.speedrun.regularity_route`); after each stage its timing card, its own points and place, and the route's
points and place so far; then the route's classification and `IGT` (the stages' times summed) last. Unless
`--no-save`, the route's points count towards its regularity PB; no speed-race time PB is touched.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from game.commands.run import EXIT_DNF, EXIT_OK, print_rally_card
from game.sim.autopilot import AutopilotDriver
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.input_source import InputSource
from game.sim.race_types import RaceSettings
from game.sim.rally_points import Classification
from game.sim.route import DEFAULT_CAR_NUMBER
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.sim.watch_autopilot import WatchOnlyDriver
from game.speedrun.regularity_route import RegularityRoute, record_regularity_route
from game.speedrun.session import MAX_RUN_TICKS, drive
from game.timefmt import format_igt

__all__ = ["run_regularity_route"]


def run_regularity_route(args: argparse.Namespace, out: TextIO) -> int:
    car_id = args.car or DEFAULT_CAR_ID
    car = load_car(car_id)
    stages = len(load_route().stage_ids)
    how = "watch only" if args.watch_only else "autopilot"
    out.write(
        f"Mille Miglia · {stages} stages · {car.name} #{DEFAULT_CAR_NUMBER} · {args.difficulty}"
        f" · regularity · {how}\n"
    )
    route = RegularityRoute.new(RaceSettings(car_id=car_id, difficulty=args.difficulty), DEFAULT_CAR_NUMBER)
    save = not args.no_save
    total_ms = 0
    while not route.complete:
        index = route.next_stage
        setup = route.next_setup()
        track = load_track(setup.track_id)
        out.write(f"{index + 1:>2} {track.name} ({track.id})\n")
        driver: InputSource = (
            WatchOnlyDriver(use_pusher=args.watch_pusher) if args.watch_only else AutopilotDriver()
        )
        run = drive(
            track,
            car,
            setup.settings,
            category=setup.category,
            save=save,
            driver=driver,
            max_ticks=3 * MAX_RUN_TICKS,
        )
        if not run.result.finished or run.result.rally is None:
            out.write("DNF: the autopilot did not reach the finish\n")
            return EXIT_DNF
        outcome = run.outcome
        route = route.with_stage(
            run.result, run.final.watch.wound_turns, None if outcome is None else outcome.replay_path
        )
        total_ms += run.result.time_ms
        stage = route.stage_classification(index)
        print_rally_card(run.result.rally, stage, out)
        out.write(f"  stage {_standing(stage)}\n")
        out.write(f"  route {_standing(route.classification())}\n")
        if outcome is not None and outcome.warning:
            out.write(f"warning: {outcome.warning}\n")
    ranked = route.classification()
    out.write(f"coefficient {ranked.coefficient:.2f}, CO penalty {ranked.co_penalty}\n")
    out.write(f"route {_standing(ranked)}\n")
    if save:
        try:
            new_pb, before = record_regularity_route(route)
        except OSError as error:
            out.write(f"warning: regularity route PB not saved: {error}\n")
        else:
            if new_pb:
                out.write(
                    "new regularity route PB" + ("" if before is None else f" (was {before:.2f})") + "\n"
                )
    out.write(f"IGT {format_igt(total_ms)}\n")
    return EXIT_OK


def _standing(ranked: Classification) -> str:
    return f"points {ranked.points:.2f}, position {ranked.position}/{ranked.entrants}"
