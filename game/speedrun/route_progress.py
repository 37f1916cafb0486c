"""A full route left half-way and resumed later (DESIGN §5): what was driven, and the watch's wind.

Saved atomically after every stage under `data_dir()/route-progress.json`. A resumed run is marked
(`resumed_count`), so a speedrunner's route time that spans sessions is never mistaken for one sitting.
Reading, setting aside and writing the file hold its lock (`game.file_lock`), so a damaged file is only ever
moved aside by whoever read it; a file whose values no run could make (an unknown car, a negative or absurd
time, a wind no watch holds) is damaged too, set aside and reported rather than raced with.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import get_args

from game.file_lock import locked
from game.sim.cars import car_ids
from game.sim.race_types import Difficulty, Gearbox, RaceResult, RaceSettings
from game.sim.route import start_time_from_number
from game.sim.track import load_route, load_track
from game.speedrun.categories import route_category
from game.speedrun.replay_format import MAX_TICKS, MAX_WOUND_TURNS
from game.speedrun.savedata import MAX_ATTEMPTS, MAX_SPLIT_MS, AttemptOutcome, record_attempt
from game.storage import atomic_write_text, data_dir, quarantine

log = logging.getLogger(__name__)

RESUMED_CATEGORY = "route-resumed"
"""A route driven across sessions is counted here, apart from `route`, so it never stands as the route PB."""

PROGRESS_FILE = "route-progress.json"
PROGRESS_VERSION = 1
MAX_STAGE_TIME_MS = MAX_TICKS * 10
"""A stage is one replay, and a replay holds at most two hours."""


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


@dataclass(frozen=True, slots=True)
class LoadedProgress:
    progress: RouteProgress | None
    warning: str | None = None


def progress_path() -> Path:
    return data_dir() / PROGRESS_FILE


def save_progress(progress: RouteProgress) -> None:
    document = {"version": PROGRESS_VERSION, **asdict(progress)}
    path = progress_path()
    with locked(path):
        atomic_write_text(path, json.dumps(document, indent=1, sort_keys=True))


def clear_progress() -> None:
    """Forget the route in progress; a file that cannot be removed is logged (the next start offers it)."""
    path = progress_path()
    try:
        with locked(path):
            path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("route progress in %s could not be removed: %s", path, error)


def load_progress() -> LoadedProgress:
    """The saved route, or None; an unreadable file is moved aside and reported, never deleted. Never
    raises: what went wrong is the warning."""
    path = progress_path()
    try:
        with locked(path):
            return _load_locked(path)
    except OSError as error:
        return LoadedProgress(None, f"Route progress in {path} could not be read ({error}); left as it is")


def _load_locked(path: Path) -> LoadedProgress:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedProgress(None)
    try:
        return LoadedProgress(_from_json(json.loads(text)))
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        problem = f"Route progress in {path} could not be read ({error})"
    moved = quarantine(path)
    return LoadedProgress(None, f"{problem}; kept as {moved.name}")


def _from_json(document: object) -> RouteProgress:
    if not isinstance(document, dict):
        raise TypeError("the document is not an object")
    if document.get("version") != PROGRESS_VERSION:
        raise ValueError(f"unknown version {document.get('version')!r}")
    raw = document["settings"]
    if not isinstance(raw, dict):
        raise TypeError("settings is not an object")
    settings = RaceSettings(
        car_id=_choice(raw["car_id"], car_ids(), "car_id"),
        difficulty=_choice(raw["difficulty"], get_args(Difficulty), "difficulty"),
        gearbox=_choice(raw["gearbox"], get_args(Gearbox), "gearbox"),
        assisted_flyback=_bool(raw["assisted_flyback"], "assisted_flyback"),
    )
    stage_ids = load_route().stage_ids
    raw_stages = document["stages"]
    if not isinstance(raw_stages, list) or len(raw_stages) > len(stage_ids):
        raise ValueError(f"stages must be a list of at most {len(stage_ids)}")
    stages = tuple(_stage(s) for s in raw_stages)
    if any(s.track_id != stage_ids[i] for i, s in enumerate(stages)):
        raise ValueError("its stages are not the route's stages in order")
    if sum(s.total_ms for s in stages) > MAX_SPLIT_MS:
        raise ValueError("its stages add up to more time than a route can hold")
    car_number = _whole(document["car_number"], 0, 2359, "car_number")
    start_time_from_number(car_number)  # a CarNumberError (a ValueError) when it is no start time
    wound = document["wound_turns"]
    if wound is not None and not (
        isinstance(wound, int | float)
        and not isinstance(wound, bool)
        and math.isfinite(wound)
        and 0 <= wound <= MAX_WOUND_TURNS
    ):
        raise ValueError(f"wound_turns {wound!r} is not 0 to {MAX_WOUND_TURNS:g} turns")
    return RouteProgress(
        settings,
        car_number,
        stages,
        None if wound is None else float(wound),
        _whole(document.get("resumed_count", 0), 0, MAX_ATTEMPTS, "resumed_count"),
    )


def _stage(raw: object) -> StageRecord:
    if not isinstance(raw, dict):
        raise TypeError("a stage is not an object")
    time_ms = _whole(raw["time_ms"], 0, MAX_STAGE_TIME_MS, "time_ms")
    penalty_ms = _whole(raw["penalty_ms"], 0, MAX_SPLIT_MS, "penalty_ms")
    total_ms = _whole(raw["total_ms"], 0, MAX_SPLIT_MS, "total_ms")
    if total_ms != time_ms + penalty_ms:
        raise ValueError(f"stage total {total_ms} ms is not its time {time_ms} + penalty {penalty_ms} ms")
    replay = raw.get("replay")
    if replay is not None and not (
        isinstance(replay, str) and 0 < len(replay) <= 255 and replay == Path(replay).name
    ):
        raise ValueError(f"replay {replay!r} is not a plain file name")
    track_id = raw["track_id"]
    if not isinstance(track_id, str):
        raise TypeError("track_id is not a string")
    return StageRecord(track_id, time_ms, penalty_ms, total_ms, replay)


def _whole(value: object, low: int, high: int, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{name} {value!r} is not a whole number from {low} to {high}")
    return value


def _bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} {value!r} is not true or false")
    return value


def _choice(value: object, choices: tuple[str, ...], name: str) -> str:
    if value not in choices:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(choices)}")
    return str(value)


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
