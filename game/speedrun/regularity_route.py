"""The full route in the regularity rally (docs/design.md §10): the speed route's progress and each stage's trials.

The stages, the watch's wind carried over and the replay kept per stage are the speed route's own
(`RouteProgress`, counted in the `route` category, which saves replays but never a time PB). What the regularity
route adds is each stage's `RallyResult`, so the route's points are the field classification of all its stages
together (`rally_points.classify`, which sums every crew's trial points stage by stage). Its progress lives in
its own file, `data_dir()/regularity-route-progress.json`, so a regularity route and a speed route can each be
left half-way without touching the other; the speed route's file is read as it always was.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.file_lock import locked
from game.sim.data_file import DataFileError, read_json_file
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.rally_points import Classification, classify
from game.sim.rally_types import COResult, PCResult, PMPointResult, RallyResult
from game.sim.route_file import load_route
from game.speedrun.rally_pbs import ROUTE, record_regularity
from game.speedrun.route_progress import (
    MAX_PROGRESS_FILE_BYTES,
    RouteProgress,
    RouteProgressError,
    progress_document,
    progress_from_document,
)
from game.speedrun.session import RaceSetup
from game.storage import atomic_write_text, data_dir, quarantine

log = logging.getLogger(__name__)

__all__ = [
    "LoadedRegularityRoute",
    "RegularityRoute",
    "clear_regularity_route",
    "load_regularity_route",
    "record_regularity_route",
    "regularity_route_path",
    "save_regularity_route",
]

PROGRESS_FILE = "regularity-route-progress.json"
FORMAT_VERSION = 1
MAX_CS = 2 * 3600 * 100
"""A trial's time is within a replay's two hours."""
MAX_TOD_S = 3 * 86400
"""A control's time of day, the day after included."""


@dataclass(frozen=True, slots=True)
class RegularityRoute:
    """A regularity route under way: the stages driven (as the speed route keeps them) and their trials."""

    progress: RouteProgress
    results: tuple[RallyResult, ...] = ()

    @classmethod
    def new(cls, settings: RaceSettings, car_number: int) -> RegularityRoute:
        # No field on a regularity road (docs/design.md §10): the route is timed as the clear road's `route`.
        return cls(RouteProgress.new(replace(settings, rally="regularity", clear_road=True), car_number))

    @property
    def next_stage(self) -> int:
        return self.progress.next_stage

    @property
    def complete(self) -> bool:
        return self.progress.complete

    @property
    def car_id(self) -> str:
        return self.progress.settings.car_id

    def next_setup(self) -> RaceSetup:
        """The next stage in regularity, the wind carried over, its replay kept in the `route` category."""
        setup = self.progress.next_setup()
        return replace(setup, settings=replace(setup.settings, rally="regularity"))

    def with_stage(self, result: RaceResult, wound_turns: float, replay: Path | None) -> RegularityRoute:
        if result.rally is None:
            raise ValueError("a regularity route's stage needs its rally result")
        return RegularityRoute(
            self.progress.with_stage(result, wound_turns, replay), (*self.results, result.rally)
        )

    def resumed(self) -> RegularityRoute:
        return replace(self, progress=self.progress.resumed())

    def classification(self) -> Classification:
        """The player and the field by points over every stage driven so far."""
        return classify(self.results, self.car_id, self.progress.car_number)

    def stage_classification(self, index: int) -> Classification:
        """One stage on its own: its points and the place they would give."""
        return classify(self.results[index : index + 1], self.car_id, self.progress.car_number)


@dataclass(frozen=True, slots=True)
class LoadedRegularityRoute:
    route: RegularityRoute | None
    warning: str | None = None


def regularity_route_path() -> Path:
    return data_dir() / PROGRESS_FILE


def save_regularity_route(route: RegularityRoute) -> None:
    document = {
        "format_version": FORMAT_VERSION,
        "progress": progress_document(route.progress),
        "results": [_result_document(r) for r in route.results],
    }
    path = regularity_route_path()
    with locked(path):
        atomic_write_text(path, json.dumps(document, indent=1, sort_keys=True))


def clear_regularity_route() -> None:
    path = regularity_route_path()
    try:
        with locked(path):
            path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("regularity route progress in %s could not be removed: %s", path, error)


def load_regularity_route() -> LoadedRegularityRoute:
    """The regularity route left half-way, or None; a damaged file is moved aside and reported. Never raises."""
    path = regularity_route_path()
    try:
        with locked(path):
            try:
                return LoadedRegularityRoute(_from_document(read_json_file(path, MAX_PROGRESS_FILE_BYTES)))
            except DataFileError as error:
                if error.missing:
                    return LoadedRegularityRoute(None)
                problem = error.problem
            except (RouteProgressError, KeyError, TypeError, ValueError) as error:
                problem = str(error)
            moved = quarantine(path)
    except OSError as error:
        return LoadedRegularityRoute(None, f"Regularity route in {path} could not be read ({error})")
    return LoadedRegularityRoute(
        None, f"Regularity route in {path} could not be read ({problem}); kept as {moved.name}"
    )


def record_regularity_route(route: RegularityRoute) -> tuple[bool, float | None]:
    """Count a completed regularity route's points towards the route's regularity PB: (a new PB?, the old one).
    A resumed route is never a PB, as in the speed route; it is not counted."""
    if route.progress.resumed_count:
        return False, None
    return record_regularity(ROUTE, route.classification().points)


def _result_document(result: RallyResult) -> dict[str, Any]:
    co = result.co
    return {
        "track_id": result.track_id,
        "pcs": [[pc.name, pc.block, pc.target_cs, pc.measured_cs] for pc in result.pcs],
        "pm_points": [[p.name, p.ideal_cs, p.measured_cs] for p in result.pm_points],
        "co": None if co is None else [co.name, co.target_tod_s, co.checked_in_tod_s],
    }


def _from_document(document: Any) -> RegularityRoute:
    if not isinstance(document, dict) or document.get("format_version") != FORMAT_VERSION:
        raise RouteProgressError("not a regularity route of a known version")
    progress = progress_from_document(document["progress"])
    progress = replace(progress, settings=replace(progress.settings, rally="regularity", clear_road=True))
    results = tuple(_result(raw) for raw in document["results"])
    if len(results) != len(progress.stages) or any(
        r.track_id != s.track_id for r, s in zip(results, progress.stages, strict=True)
    ):
        raise RouteProgressError("its trials are not those of the stages driven")
    return RegularityRoute(progress, results)


def _result(raw: dict[str, Any]) -> RallyResult:
    track_id = str(raw["track_id"])
    if track_id not in load_route().stage_ids:
        raise RouteProgressError(f"unknown stage {track_id[:40]}")
    pcs = tuple(
        PCResult(str(name), _int(block, 99), _int(target, MAX_CS), _int(measured, MAX_CS))
        for name, block, target, measured in raw["pcs"]
    )
    points = tuple(
        PMPointResult(str(name), _int(ideal, MAX_CS), _int(measured, MAX_CS))
        for name, ideal, measured in raw["pm_points"]
    )
    co = None
    if raw["co"] is not None:
        name, target, stamped = raw["co"]
        if stamped is not None and not (isinstance(stamped, int | float) and 0 <= stamped <= MAX_TOD_S):
            raise RouteProgressError("a control's stamp is out of range")
        co = COResult(str(name), _int(target, MAX_TOD_S), None if stamped is None else float(stamped))
    return RallyResult(track_id, pcs, points, co)


def _int(value: Any, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise RouteProgressError(f"a value {str(value)[:20]} is out of range 0..{maximum}")
    return value
