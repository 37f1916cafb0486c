"""`verify` speed: the seconds `verify_replay` takes on a replay file, as a multiple of the run's real time.

The replay is the bench's own autopilot run of the first stage (recorded once, outside the timed loops),
written to a scratch folder as the game saves one, so the bench needs nothing from the tests; the full plan
verifies the whole stage. The timing covers what `python -m game verify` does after start-up: read, check,
load track and car, re-simulate, compare.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from game.bench.recordings import Recording
from game.bench.stats import Spread, spread
from game.sim import TICK_S
from game.speedrun.categories import category_for_race
from game.speedrun.replay_format import REPLAY_SUFFIX, make_replay, read_replay, write_replay
from game.speedrun.verify import verify_replay


@dataclass(frozen=True, slots=True)
class VerifySpeed:
    replay: str
    """What was verified: "recorded <track id>"."""
    ticks: int
    matches: bool
    seconds: Spread
    realtime_x: Spread
    cpu_realtime_x: Spread
    """Per second of this thread's CPU time (see `SimSpeed.cpu_realtime_x`)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "replay": self.replay,
            "ticks": self.ticks,
            "matches": self.matches,
            "seconds": self.seconds.as_dict(),
            "realtime_x": self.realtime_x.as_dict(),
            "cpu_realtime_x": self.cpu_realtime_x.as_dict(),
        }


def record_replay(recording: Recording, folder: Path) -> Path:
    """The autopilot run written as a replay file, as the game saves one."""
    track, run = recording.track, recording.run
    laps = recording.settings.laps if recording.settings.laps is not None else track.laps
    category = category_for_race(track, laps, clear_road=recording.settings.clear_road).name
    replay = make_replay(track, recording.settings, run.result, run.records, category=category)
    return write_replay(folder / f"{track.id}{REPLAY_SUFFIX}", replay)


def measure_verify_speed(path: Path, repeats: int, label: str) -> VerifySpeed:
    ticks = read_replay(path).result.ticks
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    matches = True
    for _ in range(repeats):
        wall_started, cpu_started = time.perf_counter(), time.thread_time()
        outcome = verify_replay(path)
        seconds.append(time.perf_counter() - wall_started)
        cpu_seconds.append(time.thread_time() - cpu_started)
        matches = matches and outcome.matches
    simulated_s = ticks * TICK_S
    return VerifySpeed(
        label,
        ticks,
        matches,
        spread(seconds),
        spread([simulated_s / s for s in seconds]),
        spread([simulated_s / s for s in cpu_seconds]),
    )
