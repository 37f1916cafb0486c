"""A full route left half-way and resumed later (DESIGN §5): what was driven, and the watch's wind.

Saved atomically after every stage under `data_dir()/route-progress.json`. A resumed run is marked
(`resumed_count`), so a speedrunner's route time that spans sessions is never mistaken for one sitting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from game.sim.race_types import RaceResult, RaceSettings
from game.sim.route import stage_settings
from game.sim.track import load_route, load_track
from game.speedrun.categories import ROUTE, route_category
from game.speedrun.savedata import AttemptOutcome, record_attempt
from game.speedrun.session import RaceSetup
from game.storage import atomic_write_text, data_dir, quarantine

RESUMED_CATEGORY = "route-resumed"
"""A route driven across sessions is counted here, apart from `route`, so it never stands as the route PB."""

PROGRESS_FILE = "route-progress.json"
PROGRESS_VERSION = 1


@dataclass(frozen=True, slots=True)
class StageRecord:
    track_id: str
    time_ms: int
    penalty_ms: int
    total_ms: int
    replay: str | None


@dataclass(frozen=True, slots=True)
class RouteProgress:
    settings: RaceSettings
    """The route's base settings (car, difficulty, ...): each stage derives its own from them."""
    car_number: int
    stages: tuple[StageRecord, ...]
    wound_turns: float | None
    """The watch's state of wind at the end of the last stage driven (None: not started, fully wound)."""
    resumed_count: int = 0

    @classmethod
    def new(cls, settings: RaceSettings, car_number: int) -> RouteProgress:
        return cls(replace(settings, laps=None), car_number, (), None)

    @property
    def next_stage(self) -> int:
        return len(self.stages)

    @property
    def complete(self) -> bool:
        return len(self.stages) >= len(load_route().stage_ids)

    @property
    def total_ms(self) -> int:
        return sum(stage.total_ms for stage in self.stages)

    def with_stage(self, result: RaceResult, wound_turns: float, replay: Path | None) -> RouteProgress:
        track_id = load_route().stage_ids[self.next_stage]
        record = StageRecord(
            track_id,
            result.time_ms,
            result.penalty_ms,
            result.total_ms,
            None if replay is None else replay.name,
        )
        return replace(self, stages=(*self.stages, record), wound_turns=wound_turns)

    def resumed(self) -> RouteProgress:
        return replace(self, resumed_count=self.resumed_count + 1)

    def next_setup(self) -> RaceSetup:
        """The next stage to drive, counted towards the route, with the watch's wind carried over."""
        index = self.next_stage
        track = load_track(load_route().stage_ids[index])
        settings = stage_settings(self.settings, track, index, self.car_number, self.wound_turns)
        return RaceSetup(track.id, ROUTE, settings, self.car_number)


@dataclass(frozen=True, slots=True)
class LoadedProgress:
    progress: RouteProgress | None
    warning: str | None = None


def progress_path() -> Path:
    return data_dir() / PROGRESS_FILE


def save_progress(progress: RouteProgress) -> None:
    document = {"version": PROGRESS_VERSION, **asdict(progress)}
    atomic_write_text(progress_path(), json.dumps(document, indent=1, sort_keys=True))


def clear_progress() -> None:
    path = progress_path()
    if path.exists():
        path.unlink()


def load_progress() -> LoadedProgress:
    """The saved route, or None; an unreadable file is moved aside and reported, never deleted."""
    path = progress_path()
    if not path.exists():
        return LoadedProgress(None)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return LoadedProgress(_from_json(document))
    except (OSError, ValueError, TypeError, KeyError) as error:
        moved = quarantine(path)
        return LoadedProgress(
            None, f"Route progress in {path} could not be read ({error}); kept as {moved.name}"
        )


def _from_json(document: dict[str, Any]) -> RouteProgress:
    if document.get("version") != PROGRESS_VERSION:
        raise ValueError(f"unknown version {document.get('version')!r}")
    raw = document["settings"]
    settings = RaceSettings(
        car_id=str(raw["car_id"]),
        difficulty=raw["difficulty"],
        gearbox=raw["gearbox"],
        assisted_flyback=bool(raw["assisted_flyback"]),
    )
    stage_ids = load_route().stage_ids
    stages = tuple(
        StageRecord(
            str(s["track_id"]), int(s["time_ms"]), int(s["penalty_ms"]), int(s["total_ms"]), s.get("replay")
        )
        for s in document["stages"]
    )
    if len(stages) > len(stage_ids) or any(s.track_id != stage_ids[i] for i, s in enumerate(stages)):
        raise ValueError("its stages are not the route's stages in order")
    wound = document["wound_turns"]
    return RouteProgress(
        settings,
        int(document["car_number"]),
        stages,
        None if wound is None else float(wound),
        int(document.get("resumed_count", 0)),
    )


def record_route_attempt(progress: RouteProgress) -> AttemptOutcome:
    """Count a finished (or abandoned) route: one split per stage driven, the running total with penalties."""
    stages = [load_track(track_id) for track_id in load_route().stage_ids]
    category = route_category(stages)
    times = []
    total = 0
    for stage in progress.stages:
        total += stage.total_ms
        times.append(total)
    name = RESUMED_CATEGORY if progress.resumed_count else category.name
    return record_attempt(name, category.split_names, times)
