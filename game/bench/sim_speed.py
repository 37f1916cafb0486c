"""Simulation speed: recorded inputs replayed through `Race`, as a multiple of real time.

Only `Race.step` is in the timed loop (the autopilot drove once, before); building the race is left out, it is
paid once per attempt, not per tick.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from game.bench.recordings import Recording
from game.bench.stats import Spread, spread
from game.sim import TICK_S
from game.sim.race import Race


@dataclass(frozen=True, slots=True)
class SimSpeed:
    track_id: str
    ticks: int
    realtime_x: Spread
    """Simulated seconds per real (wall-clock) second, over repeats: the figure the budget holds."""
    cpu_realtime_x: Spread
    """The same per second of this thread's CPU time: steadier than the wall clock on a shared machine."""

    def as_dict(self) -> dict[str, object]:
        return {
            "stage": self.track_id,
            "ticks": self.ticks,
            "realtime_x": self.realtime_x.as_dict(),
            "cpu_realtime_x": self.cpu_realtime_x.as_dict(),
        }


def replay_seconds(recording: Recording) -> tuple[float, float]:
    """Wall and CPU seconds one replay of the recording's records through a fresh race takes."""
    race = Race(recording.track, recording.car, recording.settings)
    step = race.step
    records = recording.run.records
    wall_started, cpu_started = time.perf_counter(), time.thread_time()
    for record in records:
        step(record)
    return time.perf_counter() - wall_started, time.thread_time() - cpu_started


def measure_sim_speed(recording: Recording, repeats: int) -> SimSpeed:
    ticks = len(recording.run.records)
    simulated_s = ticks * TICK_S
    timings = [replay_seconds(recording) for _ in range(repeats)]
    return SimSpeed(
        recording.track.id,
        ticks,
        spread([simulated_s / wall_s for wall_s, _ in timings]),
        spread([simulated_s / cpu_s for _, cpu_s in timings]),
    )
