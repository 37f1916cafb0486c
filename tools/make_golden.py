"""Record the golden replays that tests/test_golden.py and CI verify: one autopilot run per speedrun category.

`python tools/make_golden.py` writes tests/golden/<category>.mmr for every stage and the circuit (1 and 9
laps), and tests/golden/route/NN-<stage>.mmr for the full route (one replay per stage, each carrying the
watch from the one before, as a route run does). Rerun it only when PHYSICS_VERSION is bumped: a physics
change that alters old replays must fail CI until the version says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.race_types import RaceSettings
from game.sim.route import DEFAULT_CAR_NUMBER, stage_settings
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.replay_format import make_replay, write_replay
from game.speedrun.session import drive
from game.timefmt import format_igt

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
RECORDED_UTC_S = 1_746_084_120  # a fixed stamp (metadata only), so the files do not change from run to run


def main() -> int:
    car = load_car(DEFAULT_CAR_ID)
    base = RaceSettings(car_id=car.id)
    route = load_route()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.glob("**/*.mmr"):
        old.unlink()
    jobs = [(track_id, track_id, None) for track_id in route.stage_ids]
    jobs += [(f"circuit-{laps}", route.circuit_id, laps) for laps in (1, 9)]
    for category, track_id, laps in jobs:
        track = load_track(track_id)
        settings = RaceSettings(car_id=car.id, laps=laps)
        run = drive(track, car, settings)
        replay = make_replay(
            track, settings, run.result, run.records, category=category,
            car_number=DEFAULT_CAR_NUMBER, recorded_utc_s=RECORDED_UTC_S,
        )  # fmt: skip
        path = write_replay(GOLDEN / f"{category}.mmr", replay)
        print(f"{path.relative_to(GOLDEN.parent.parent)}  {format_igt(run.result.total_ms)}")
    carried = None
    for index, track_id in enumerate(route.stage_ids):
        track = load_track(track_id)
        settings = stage_settings(base, track, index, DEFAULT_CAR_NUMBER, carried)
        run = drive(track, car, settings)
        replay = make_replay(
            track, settings, run.result, run.records, category="route",
            car_number=DEFAULT_CAR_NUMBER, recorded_utc_s=RECORDED_UTC_S,
        )  # fmt: skip
        path = write_replay(GOLDEN / "route" / f"{index + 1:02d}-{track_id}.mmr", replay)
        print(f"{path.relative_to(GOLDEN.parent.parent)}  {format_igt(run.result.total_ms)}")
        carried = run.final.watch.wound_turns
    return 0


if __name__ == "__main__":
    sys.exit(main())
