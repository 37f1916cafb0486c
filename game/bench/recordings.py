"""Autopilot runs recorded once, outside every timed loop, and replayed by the measurements.

Replaying records through `Race` costs only the simulation; the autopilot's own decisions never enter a
timing. Stages are picked from the route by road length, so "shortest" and "longest" follow the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.cars import DEFAULT_CAR_ID, CarSpec, load_car
from game.sim.geometry import TrackGeometry
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track
from game.speedrun.session import MAX_RUN_TICKS, AutoRun, drive


@dataclass(frozen=True, slots=True)
class Recording:
    """A stage, the car and settings it was driven with, and the autopilot's run (its records and result)."""

    track: Track
    car: CarSpec
    settings: RaceSettings
    run: AutoRun


@dataclass(frozen=True, slots=True)
class StagePick:
    track_id: str
    length_m: float


class Recordings:
    """Drives each stage at most once per benchmark (a longer recording serves a shorter request too)."""

    def __init__(self, car_id: str = DEFAULT_CAR_ID, *, clear_road: bool = True) -> None:
        """`clear_road` False drives with the 1955 field on the road (#722)."""
        self.car = load_car(car_id)
        self.settings = RaceSettings(car_id=car_id, clear_road=clear_road)
        self._runs: dict[str, Recording] = {}

    def get(self, track_id: str, min_ticks: int | None = None) -> Recording:
        """A recording of at least `min_ticks` ticks (or up to the finish); None means the whole stage."""
        held = self._runs.get(track_id)
        if held is not None and covers(held, min_ticks):
            return held
        max_ticks = MAX_RUN_TICKS if min_ticks is None else min_ticks
        track = load_track(track_id)
        run = drive(track, self.car, self.settings, max_ticks=max_ticks)
        recording = Recording(track, self.car, self.settings, run)
        self._runs[track_id] = recording
        return recording


def covers(recording: Recording, min_ticks: int | None) -> bool:
    """Whether a held recording serves a request: a finished run serves any, a cut one only shorter ones."""
    if recording.run.result.finished:
        return True
    return min_ticks is not None and len(recording.run.records) >= min_ticks


def first_stage_id() -> str:
    return load_route().stage_ids[0]


def shortest_and_longest() -> tuple[StagePick, StagePick]:
    """The route's stages with the shortest and the longest road (the circuit is not a stage of the route)."""
    picks = [StagePick(tid, TrackGeometry(load_track(tid)).length_m) for tid in load_route().stage_ids]
    picks.sort(key=lambda pick: (pick.length_m, pick.track_id))
    return picks[0], picks[-1]
