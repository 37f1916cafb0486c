"""The ghost: the PB's car, driven again beside the player from its replay.

A replay holds inputs, not positions, so the ghost is built by re-simulating the replay once (before the race,
a fraction of a second) and keeping the car's pose after every tick in compact float32 arrays. During the race
the renderer asks `at(tick, alpha)` with the player's tick and interpolation factor, so the ghost is drawn
exactly where the PB's car was at the same IGT, interpolated as the player's own car is.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.sim.cars import CarError, CarSpec, load_car
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.track import Track
from game.speedrun.replay_format import Replay, ReplayError, read_replay
from game.speedrun.savedata import pb_replay_path
from game.speedrun.verify import track_for


@dataclass(frozen=True, eq=False)
class GhostTrack:
    """The pose of a recorded car after each tick: index 0 is the start, index t is after tick t."""

    x_m: np.ndarray = field(repr=False)
    y_m: np.ndarray = field(repr=False)
    heading_rad: np.ndarray = field(repr=False)
    finished: bool

    @property
    def last_tick(self) -> int:
        return len(self.x_m) - 1

    @classmethod
    def record(
        cls, track: Track, car: CarSpec, settings: RaceSettings, inputs: Sequence[InputRecord]
    ) -> GhostTrack:
        """Re-simulate `inputs` once and keep the car's pose after every tick, up to the finish."""
        race = Race(track, car, settings)
        count = len(inputs) + 1
        xs = np.empty(count, dtype=np.float32)
        ys = np.empty(count, dtype=np.float32)
        hs = np.empty(count, dtype=np.float32)
        pose = race.snapshot.car
        xs[0], ys[0], hs[0] = pose.x_m, pose.y_m, pose.heading_rad
        used = 1
        for record in inputs:
            pose = race.step(record).car
            xs[used], ys[used], hs[used] = pose.x_m, pose.y_m, pose.heading_rad
            used += 1
            if race.finished:
                break
        return cls(xs[:used].copy(), ys[:used].copy(), hs[:used].copy(), race.finished)

    @classmethod
    def from_replay(cls, replay: Replay, car: CarSpec | None = None) -> GhostTrack:
        """The ghost of a replay (its track refused if this game's version differs, as `verify` does)."""
        track = track_for(replay)
        if car is None:
            try:
                car = load_car(replay.car_id)
            except CarError as exc:
                raise ReplayError(f"the ghost's car is not in this game: {exc}") from None
        return cls.record(track, car, replay.settings, replay.inputs)

    def at(self, tick: int, alpha: float) -> tuple[float, float, float] | None:
        """(x_m, y_m, heading_rad) between the poses after ticks `tick - 1` and `tick`, `alpha` of the way.

        This is how the player's car is drawn between its previous and current snapshot, so player and ghost
        line up at equal IGT. None once the recorded run is over (the ghost has finished and vanishes).
        """
        if tick < 0 or tick > self.last_tick:
            return None
        if tick == 0:
            return float(self.x_m[0]), float(self.y_m[0]), float(self.heading_rad[0])
        a = min(1.0, max(0.0, float(alpha)))
        x0, y0, h0 = float(self.x_m[tick - 1]), float(self.y_m[tick - 1]), float(self.heading_rad[tick - 1])
        x1, y1, h1 = float(self.x_m[tick]), float(self.y_m[tick]), float(self.heading_rad[tick])
        turn = (h1 - h0 + math.pi) % (2.0 * math.pi) - math.pi
        return x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, h0 + turn * a


def load_ghost(path: str | Path) -> GhostTrack:
    """The ghost of the replay file at `path`; ReplayError if it cannot be used."""
    return GhostTrack.from_replay(read_replay(path))


def pb_ghost(category: str, track_id: str | None = None) -> GhostTrack | None:
    """The ghost of `category`'s PB, or None: no PB replay, or one this game cannot run (warned, not raised).

    With `track_id`, a PB replay recorded on another track is ignored.
    """
    path = pb_replay_path(category)
    if path is None:
        return None
    try:
        replay = read_replay(path)
        if track_id is not None and replay.track_id != track_id:
            return None
        return GhostTrack.from_replay(replay)
    except ReplayError as exc:
        warnings.warn(f"no ghost for {category}: {exc}", stacklevel=2)
        return None
