"""Regularity rally personal bests, in points: one per stage and one for the route (docs/design.md §10).

A regularity run is judged by its points, not its time, so its bests live apart from the speed race's
categories: one small JSON file, `data_dir()/speedrun/regularity.json`, `{"format_version": 1, "stages":
{"<track id>": points}, "route": points or null}`. Higher is better. Written atomically under the file's lock,
like the speed race's records (`game.speedrun.savedata`); a damaged file is moved aside and started afresh.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.file_lock import locked
from game.sim.data_file import DataFileError, read_json_file
from game.storage import atomic_write_text, data_dir, quarantine

__all__ = [
    "PointsPb",
    "RegularityPbs",
    "load_regularity_pbs",
    "record_regularity",
    "record_stage_points",
    "regularity_path",
]

FORMAT_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024
ROUTE = "route"


@dataclass(frozen=True, slots=True)
class RegularityPbs:
    stages: dict[str, float] = field(default_factory=dict)
    route: float | None = None

    def best(self, key: str) -> float | None:
        """The best points for a stage id, or for "route"."""
        return self.route if key == ROUTE else self.stages.get(key)


@dataclass(frozen=True, slots=True)
class PointsPb:
    """A run's points held against the PB, as the results screen says it."""

    new_pb: bool
    best: float
    """The PB now: the run's own points when they are a new PB."""
    before: float | None


def record_stage_points(track_id: str, points: float) -> PointsPb:
    """Count a stage played in the window: its points against the stage's PB, the speed race's PBs untouched."""
    new_pb, before = record_regularity(track_id, points)
    return PointsPb(new_pb, points if new_pb or before is None else before, before)


def regularity_path() -> Path:
    return data_dir() / "speedrun" / "regularity.json"


def load_regularity_pbs() -> RegularityPbs:
    path = regularity_path()
    with locked(path):
        return _read(path)


def record_regularity(key: str, points: float) -> tuple[bool, float | None]:
    """Count a finished regularity run of a stage (its id) or of the route ("route"): (a new PB?, the old one)."""
    if not math.isfinite(points):
        raise ValueError(f"points must be a finite number, got {points!r}")
    path = regularity_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        pbs = _read(path)
        before = pbs.best(key)
        if before is not None and points <= before:
            return False, before
        stages = dict(pbs.stages)
        route = pbs.route
        if key == ROUTE:
            route = points
        else:
            stages[key] = points
        doc = {"format_version": FORMAT_VERSION, "stages": dict(sorted(stages.items())), "route": route}
        atomic_write_text(path, json.dumps(doc, indent=1) + "\n")
        return True, before


def _read(path: Path) -> RegularityPbs:
    try:
        doc = read_json_file(path, MAX_FILE_BYTES)
    except DataFileError as exc:
        if exc.missing:
            return RegularityPbs()
        quarantine(path)
        return RegularityPbs()
    try:
        return _parse(doc)
    except (KeyError, TypeError, ValueError):
        quarantine(path)
        return RegularityPbs()


def _parse(doc: Any) -> RegularityPbs:
    if doc["format_version"] != FORMAT_VERSION:
        raise ValueError(f"format_version {doc['format_version']!r}")
    stages = {str(k): float(v) for k, v in dict(doc["stages"]).items()}
    route = doc["route"]
    if any(not math.isfinite(v) for v in stages.values()):
        raise ValueError("points must be finite")
    return RegularityPbs(stages, None if route is None else float(route))
