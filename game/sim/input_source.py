"""Where a race's per-tick input records come from: a player's hands, the autopilot, or a recorded run.

The race session (`game.speedrun.session`) asks its source for one record per tick and never cares which
kind it holds, so a played run, a headless autopilot run, the attract mode and a replay go down one path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.inputs import NEUTRAL, InputRecord
from game.sim.snapshot import RaceSnapshot
from game.sim.track import Track


class InputSource(Protocol):
    """A driver's hands, as the race session sees them."""

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        """A new attempt begins on `track` (a restart too): forget everything held from the last one."""

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        """The record for the tick after `snapshot` (what the driver sees when deciding)."""


class RecordedInputs:
    """A recorded run's records played back in order; hands off once they run out."""

    def __init__(self, records: Sequence[InputRecord]) -> None:
        self.records = tuple(records)
        self._next = 0

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        self._next = 0

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        if self._next >= len(self.records):
            return NEUTRAL
        record = self.records[self._next]
        self._next += 1
        return record
