"""The route (`assets/route.json`): the stages in order with the real towns they pass, and the circuit.

Written by the track generator beside the tracks, read for menus, the route map and the order of the stages;
read with the same strict reader and the same kind of error (`TrackError`) as a track file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.resources import asset_path
from game.sim.data_file import ID_PATTERN, DataFileError, read_json_file
from game.sim.track import TrackError
from game.sim.track_fields import FieldReader
from game.sim.track_format import TRACK_FORMAT_VERSION

MAX_ROUTE_FILE_BYTES = 1024 * 1024
"""The shipped route is about 5 KB."""

MAX_STAGES = 100
MAX_TOWNS = 1000


@dataclass(frozen=True, slots=True)
class RouteTown:
    """A town of the real route (docs/route.md) with its coordinates."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class RouteStage:
    """One stage of the route: its track id, title and the towns it passes, in order."""

    id: str
    name: str
    towns: tuple[RouteTown, ...]


@dataclass(frozen=True, slots=True)
class Route:
    """The route in order (`assets/route.json`) and the circuit, for menus and the route map."""

    stages: tuple[RouteStage, ...]
    circuit_id: str
    circuit_towns: tuple[RouteTown, ...]

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(stage.id for stage in self.stages)

    def towns_of(self, track_id: str) -> tuple[RouteTown, ...]:
        """The towns a stage (or the circuit) passes, in order."""
        if track_id == self.circuit_id:
            return self.circuit_towns
        for stage in self.stages:
            if stage.id == track_id:
                return stage.towns
        raise TrackError(
            f"unknown track {track_id!r}; valid ids: {', '.join((*self.stage_ids, self.circuit_id))}"
        )


def route_path() -> Path:
    return asset_path("route.json")


def load_route() -> Route:
    """The route file written by the generator, validated."""
    return load_route_file(route_path())


def load_route_file(path: Path) -> Route:
    """Read and validate a route file; every problem is a TrackError naming the file."""
    try:
        doc = read_json_file(path, MAX_ROUTE_FILE_BYTES)
    except DataFileError as exc:
        raise TrackError(f"{exc.source}: cannot read the route: {exc.problem}") from None
    return route_from_dict(doc, str(path))


def route_from_dict(doc: Any, source: str) -> Route:
    r = FieldReader(source)
    doc = r.obj(doc, "", ("format_version", "stages", "circuit"))
    if r.integer(doc["format_version"], "format_version", 0, 2**31) != TRACK_FORMAT_VERSION:
        raise r.error("format_version", f"this game reads version {TRACK_FORMAT_VERSION}")

    def towns(value: Any, where: str) -> tuple[RouteTown, ...]:
        out = []
        for i, t in enumerate(r.array(value, where, MAX_TOWNS)):
            here = f"{where}[{i}]"
            t = r.obj(t, here, ("name", "lat", "lon"))
            out.append(
                RouteTown(
                    r.text(t["name"], here),
                    r.number(t["lat"], f"{here}.lat", -90.0, 90.0),
                    r.number(t["lon"], f"{here}.lon", -180.0, 180.0),
                )
            )
        return tuple(out)

    stages = []
    for i, s in enumerate(r.array(doc["stages"], "stages", MAX_STAGES)):
        where = f"stages[{i}]"
        s = r.obj(s, where, ("id", "name", "towns"))
        stages.append(
            RouteStage(
                _track_id(r, s["id"], f"{where}.id"),
                r.text(s["name"], f"{where}.name"),
                towns(s["towns"], where),
            )
        )
    circuit = r.obj(doc["circuit"], "circuit", ("id", "towns"))
    return Route(
        tuple(stages), _track_id(r, circuit["id"], "circuit.id"), towns(circuit["towns"], "circuit.towns")
    )


def _track_id(r: FieldReader, value: Any, where: str) -> str:
    """A track id names a file under `tracks/`, so it is a plain id, never a path."""
    track_id = r.text(value, where)
    if not ID_PATTERN.match(track_id):
        raise r.error(where, f"{track_id[:40]!r} is not a track id (a-z, 0-9, '-', '_')")
    return track_id
