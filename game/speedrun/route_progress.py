"""A full route left half-way and resumed later (docs/design.md §5): what was driven, and the watch's wind.

Saved atomically after every stage under `data_dir()/route-progress.json`. A resumed run is marked
(`resumed_count`), so a speedrunner's route time that spans sessions is never mistaken for one sitting.
Reading, setting aside and writing the file hold its lock (`game.file_lock`), so a damaged file is only ever
moved aside by whoever read it; a file whose values no run could make (an unknown car, a negative or absurd
time, a wind no watch holds) is damaged too, set aside and reported rather than raced with.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from game.file_lock import locked
from game.sim.cars import car_ids
from game.sim.data_file import DataFileError, read_json_file
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.route import CarNumberError, stage_settings, start_time_from_number
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.sim.watch_start import watch_start_problem
from game.speedrun.categories import FIELD_SUFFIX, ROUTE, route_category
from game.speedrun.classification import Classified, StageTime, classify, stage_times
from game.speedrun.replay_format import DIFFICULTIES, GEARBOXES, MAX_CAR_NUMBER, MAX_TICKS
from game.speedrun.savedata import AttemptOutcome, record_attempt
from game.speedrun.session import RaceSetup
from game.storage import atomic_write_text, data_dir, quarantine

log = logging.getLogger(__name__)

RESUMED_CATEGORY = "route-resumed"
"""A route driven across sessions is counted here, apart from `route`, so it never stands as the route PB."""

PROGRESS_FILE = "route-progress.json"
PROGRESS_VERSION = 1
MAX_PROGRESS_FILE_BYTES = 1024 * 1024
MAX_STAGE_MS = MAX_TICKS * 10
"""A stage's time is what a replay can hold: two hours."""
MAX_RESUMED = 1_000_000
MAX_NAME_CHARS = 128
MAX_FIELD_ROWS = 2048
"""A stage's field times: every entrant and the player (the field file holds at most 1,440 entrants)."""


class RouteProgressError(ValueError):
    """A route-progress file that cannot be resumed; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class StageRecord:
    track_id: str
    time_ms: int
    penalty_ms: int
    total_ms: int
    replay: str | None
    field: tuple[StageTime, ...] = ()
    """Every car's time on this stage, for the route's classification (empty on a clear road)."""


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
            () if result.field is None else stage_times(result.field.standings),
        )
        return replace(self, stages=(*self.stages, record), wound_turns=wound_turns)

    def classification(self) -> tuple[Classified, ...]:
        """The route's classification with the field over the stages driven (empty on a clear road)."""
        if not self.stages or any(not stage.field for stage in self.stages):
            return ()
        return classify([stage.field for stage in self.stages])

    def resumed(self) -> RouteProgress:
        return replace(self, resumed_count=self.resumed_count + 1)

    def next_setup(self) -> RaceSetup:
        """The next stage to drive, counted towards the route, with the watch's wind carried over."""
        index = self.next_stage
        track = load_track(load_route().stage_ids[index])
        settings = stage_settings(self.settings, track, index, self.car_number, self.wound_turns)
        name = ROUTE if self.settings.clear_road else ROUTE + FIELD_SUFFIX
        return RaceSetup(track.id, name, settings, self.car_number)


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
        return LoadedProgress(_from_json(read_json_file(path, MAX_PROGRESS_FILE_BYTES)))
    except DataFileError as error:
        if error.missing:
            return LoadedProgress(None)
        problem = error.problem
    except RouteProgressError as error:
        problem = str(error)
    moved = quarantine(path)
    return LoadedProgress(
        None, f"Route progress in {path} could not be read ({problem}); kept as {moved.name}"
    )


def _from_json(document: Any) -> RouteProgress:
    """Every value checked against what a route run accepts, so a resumed run never fails half-way."""
    if not isinstance(document, dict):
        raise RouteProgressError("it is not a JSON object")
    if document.get("version") != PROGRESS_VERSION:
        raise RouteProgressError(f"unknown version {str(document.get('version'))[:20]}")
    raw = _value(document, "settings", dict)
    settings = RaceSettings(
        car_id=_choice(raw, "car_id", car_ids()),
        difficulty=_choice(raw, "difficulty", DIFFICULTIES),  # type: ignore[arg-type]
        gearbox=_choice(raw, "gearbox", GEARBOXES),  # type: ignore[arg-type]
        assisted_flyback=_value(raw, "assisted_flyback", bool),
        # A route begun before the field existed went on a clear road, and goes on so.
        clear_road=_value(raw, "clear_road", bool) if "clear_road" in raw else True,
    )
    car_number = _count(document, "car_number", MAX_CAR_NUMBER)
    try:
        start_time_from_number(car_number)
    except CarNumberError as error:
        raise RouteProgressError(str(error)) from None
    stage_ids = load_route().stage_ids
    raw_stages = _value(document, "stages", list)
    if len(raw_stages) > len(stage_ids):
        raise RouteProgressError(f"it holds {len(raw_stages)} stages; the route has {len(stage_ids)}")
    stages = tuple(_stage(s) for s in raw_stages)
    if any(s.track_id != stage_ids[i] for i, s in enumerate(stages)):
        raise RouteProgressError("its stages are not the route's stages in order")
    wound = document.get("wound_turns")
    if wound is not None:
        wound = float(_value(document, "wound_turns", int | float))
        problem = watch_start_problem(wound_turns=wound, difficulty=settings.difficulty)
        if problem is not None:
            raise RouteProgressError(f"the watch cannot carry this wind: {problem}")
    return RouteProgress(
        settings,
        car_number,
        stages,
        wound,
        _count(document, "resumed_count", MAX_RESUMED) if "resumed_count" in document else 0,
    )


def _stage(raw: Any) -> StageRecord:
    if not isinstance(raw, dict):
        raise RouteProgressError("a stage is not a JSON object")
    replay = raw.get("replay")
    if replay is not None and (
        not isinstance(replay, str) or not 0 < len(replay) <= MAX_NAME_CHARS or replay != Path(replay).name
    ):
        raise RouteProgressError(
            f"a stage's replay is not a plain file name of at most {MAX_NAME_CHARS} characters"
        )
    raw_field = raw.get("field", [])
    if not isinstance(raw_field, list) or len(raw_field) > MAX_FIELD_ROWS:
        raise RouteProgressError(f"a stage's field is not a list of at most {MAX_FIELD_ROWS} times")
    record = StageRecord(
        _value(raw, "track_id", str),
        _count(raw, "time_ms", MAX_STAGE_MS),
        _count(raw, "penalty_ms", MAX_STAGE_MS),
        _count(raw, "total_ms", 2 * MAX_STAGE_MS),
        replay,
        tuple(_stage_time(row) for row in raw_field),
    )
    if record.total_ms != record.time_ms + record.penalty_ms:
        raise RouteProgressError(f"stage {record.track_id[:40]}: total_ms is not time_ms + penalty_ms")
    return record


def _stage_time(raw: Any) -> StageTime:
    if not isinstance(raw, dict):
        raise RouteProgressError("a stage's field time is not a JSON object")
    return StageTime(
        _count(raw, "number", MAX_CAR_NUMBER),
        _value(raw, "class_id", str)[:MAX_NAME_CHARS],
        _count(raw, "time_ms", 2 * MAX_STAGE_MS),
        _value(raw, "player", bool),
    )


def _value(document: dict[str, Any], key: str, kind: Any) -> Any:
    value = document.get(key)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise RouteProgressError(f"{key} is missing or of the wrong type")
    return value


def _count(document: dict[str, Any], key: str, maximum: int) -> int:
    value = _value(document, key, int)
    if not 0 <= value <= maximum:
        raise RouteProgressError(f"{key} {value} is out of range 0..{maximum}")
    return value


def _choice(document: dict[str, Any], key: str, valid: tuple[str, ...]) -> str:
    value = _value(document, key, str)
    if value not in valid:
        raise RouteProgressError(f"{key} {value[:40]!r} is not one of {', '.join(valid)}")
    return value


def record_route_attempt(progress: RouteProgress) -> AttemptOutcome:
    """Count a finished (or abandoned) route: one split per stage driven, the running total with penalties."""
    stages = [load_track(track_id) for track_id in load_route().stage_ids]
    category = route_category(stages, field=not progress.settings.clear_road)
    times = []
    total = 0
    for stage in progress.stages:
        total += stage.total_ms
        times.append(total)
    resumed = RESUMED_CATEGORY if progress.settings.clear_road else ROUTE + FIELD_SUFFIX + "-resumed"
    name = resumed if progress.resumed_count else category.name
    return record_attempt(name, category.split_names, times)


def progress_document(progress: RouteProgress) -> dict[str, Any]:
    """A route's progress as its file holds it (the regularity route keeps one inside its own file)."""
    return {"version": PROGRESS_VERSION, **asdict(progress)}


def progress_from_document(document: Any) -> RouteProgress:
    """A route's progress read back with every check a resumed route needs; `RouteProgressError` if damaged."""
    return _from_json(document)
