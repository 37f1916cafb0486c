"""Record the golden replays that tests/test_golden.py and CI verify: one autopilot run per speedrun category.

`python tools/make_golden.py` writes tests/golden/<category>.mmr for every stage and the circuit (1 and 9
laps), and tests/golden/route/NN-<stage>.mmr for the full route (one replay per stage, each carrying the
watch from the one before, as a route run does): clear-road runs. It also writes the same runs with the 1955
field on the road (#722, docs/design.md §9): tests/golden/field/<stage>-field.mmr and
tests/golden/field/route/NN-<stage>.mmr (the circuit has no field). `--field` writes only those. Rerun it only
when PHYSICS_VERSION is bumped (or, for `--field`, when the field's rules change): a change that alters old
replays must fail CI until the version says so.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.race_types import RaceSettings
from game.sim.route import DEFAULT_CAR_NUMBER, stage_settings
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.categories import FIELD_SUFFIX, ROUTE
from game.speedrun.replay_format import make_replay, write_replay
from game.speedrun.session import drive
from game.timefmt import format_igt

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
RECORDED_UTC_S = 1_746_084_120  # a fixed stamp (metadata only), so the files do not change from run to run


def main(argv: list[str]) -> int:
    if "--field" not in argv:
        write_set(GOLDEN, clear_road=True)
    write_set(GOLDEN / "field", clear_road=False)
    return 0


def write_set(folder: Path, *, clear_road: bool) -> None:
    car = load_car(DEFAULT_CAR_ID)
    base = RaceSettings(car_id=car.id, car_number=DEFAULT_CAR_NUMBER, clear_road=clear_road)
    route = load_route()
    suffix = "" if clear_road else FIELD_SUFFIX
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.mmr"), *folder.glob("route/*.mmr")]:
        old.unlink()
    jobs = [(track_id + suffix, track_id, None) for track_id in route.stage_ids]
    if clear_road:  # the circuit has no field
        jobs += [(f"circuit-{laps}", route.circuit_id, laps) for laps in (1, 9)]
    for category, track_id, laps in jobs:
        track = load_track(track_id)
        settings = replace(base, laps=laps)
        run = drive(track, car, settings)
        replay = make_replay(
            track, settings, run.result, run.records, category=category, recorded_utc_s=RECORDED_UTC_S
        )
        path = write_replay(folder / f"{category}.mmr", replay)
        print(f"{path.relative_to(GOLDEN.parent.parent)}  {format_igt(run.result.total_ms)}")
    carried = None
    for index, track_id in enumerate(route.stage_ids):
        track = load_track(track_id)
        settings = stage_settings(base, track, index, DEFAULT_CAR_NUMBER, carried)
        run = drive(track, car, settings)
        replay = make_replay(
            track, settings, run.result, run.records, category=ROUTE + suffix, recorded_utc_s=RECORDED_UTC_S
        )
        path = write_replay(folder / "route" / f"{index + 1:02d}-{track_id}.mmr", replay)
        print(f"{path.relative_to(GOLDEN.parent.parent)}  {format_igt(run.result.total_ms)}")
        carried = run.final.watch.wound_turns


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
