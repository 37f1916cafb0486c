"""A whole run driven by the autopilot: headless runs, tests, benchmarks, golden replays and the attract mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.sim import TICK_HZ
from game.sim.autopilot import Autopilot
from game.sim.cars import CarSpec
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import RaceSnapshot
from game.sim.track import Track

MAX_RUN_TICKS = 20 * 60 * TICK_HZ
"""An autopilot run that has not finished after 20 minutes of IGT is stuck: it is stopped and reported."""


@dataclass(frozen=True, slots=True)
class AutoRun:
    """What an autopilot run produced: the result, the records that reproduce it, and the race's final hash."""

    result: RaceResult
    records: tuple[InputRecord, ...]
    state_hash: str
    final: RaceSnapshot


def drive(
    track: Track,
    car: CarSpec,
    settings: RaceSettings,
    *,
    max_ticks: int = MAX_RUN_TICKS,
    on_tick: Callable[[RaceSnapshot], None] | None = None,
) -> AutoRun:
    """Let the autopilot drive `track` from the countdown to the finish (or `max_ticks`)."""
    race = Race(track, car, settings)
    pilot = Autopilot(track, race.geometry, car)
    records: list[InputRecord] = []
    snapshot = race.snapshot
    while not race.finished and race.tick < max_ticks:
        record = pilot.decide(snapshot.car, snapshot.watch, race.tick)
        records.append(record)
        snapshot = race.step(record)
        if on_tick is not None:
            on_tick(snapshot)
    return AutoRun(race.result(), tuple(records), race.state_hash(), snapshot)
