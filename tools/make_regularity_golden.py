"""Record the regularity rally's golden replays: the watch-only autopilot on a few stages (docs/regularity.md).

`python -m tools.make_regularity_golden` writes tests/golden_regularity/<stage>-<how>.mmr: a plain run, one
where the pusher hacks the seconds at each block (the watch falls behind official time) and one that starts
with the watch let down to a stop (wound at the first line, so it is behind official time).
tests/test_rally.py re-simulates them. Rerun only when PHYSICS_VERSION is bumped
or the roadbook rule changes (a roadbook change alters what the runs measure, not whether they verify).
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.race_types import RaceSettings
from game.sim.track_catalog import load_track
from game.sim.watch_autopilot import WatchOnlyDriver
from game.speedrun.replay_format import make_replay, write_replay
from game.speedrun.session import MAX_RUN_TICKS, drive

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden_regularity"
RECORDED_UTC_S = 1_746_084_120
RUNS = (("06-pescara-roma", "watch"), ("07-roma-siena", "pusher"), ("08-siena-bologna", "let-down"))


def main() -> int:
    car = load_car(DEFAULT_CAR_ID)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for track_id, how in RUNS:
        track = load_track(track_id)
        wound = 0.0 if how == "let-down" else None
        settings = RaceSettings(car_id=car.id, rally="regularity", wound_turns=wound)
        driver = WatchOnlyDriver(use_pusher=how == "pusher", let_down=how == "let-down")
        run = drive(track, car, settings, driver=driver, max_ticks=3 * MAX_RUN_TICKS)
        replay = make_replay(
            track,
            settings,
            run.result,
            run.records,
            category=f"{track_id}-regularity",
            recorded_utc_s=RECORDED_UTC_S,
        )
        path = write_replay(GOLDEN / f"{track_id}-{how}.mmr", replay)
        rally = run.result.rally
        assert rally is not None
        print(path.name, rally.co, [pc.error_cs for pc in rally.pcs])
    return 0


if __name__ == "__main__":
    sys.exit(main())
