"""Latitude and longitude onto a flat map of Italy, shared by the track generator and the route map.

A sinusoidal projection about 12.5° E: north is up, east is right, and both north–south and east–west
distances are true at every latitude (Brescia–Verona measures its real 61 km, not the 64 km of a plain
equirectangular map at Rome's latitude). Over Italy's 12° of longitude the shear at the edges is slight, so
a stage's road runs the way the real leg does and the route map shows the boot's true shape.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from game.resources import asset_path

ORIGIN_LAT = 42.5
ORIGIN_LON = 12.5
KM_PER_DEG_LAT = 110.95
KM_PER_DEG_LON_EQUATOR = 111.32


def project_latlon(lat: float, lon: float) -> tuple[float, float]:
    """(x east, y north) in kilometres from 42.5° N 12.5° E."""
    return (lon - ORIGIN_LON) * KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat)), (
        lat - ORIGIN_LAT
    ) * KM_PER_DEG_LAT


def unproject_km(x_km: float, y_km: float) -> tuple[float, float]:
    """(lat, lon) of a point of the projected plane: the inverse of `project_latlon`."""
    lat = ORIGIN_LAT + y_km / KM_PER_DEG_LAT
    return lat, ORIGIN_LON + x_km / (KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat)))


@dataclass(frozen=True, slots=True)
class MapRing:
    """A closed outline, [lat, lon] points in order (the last joins the first)."""

    name: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class ItalyMap:
    """Italy's coast and land border (mainland, Sicily, Sardinia, Elba) and Lake Garda, for the route map."""

    land: tuple[MapRing, ...]
    lakes: tuple[MapRing, ...]


def load_italy_map() -> ItalyMap:
    """The shipped outline `assets/map/italy.json`; project its points with `project_latlon`."""
    doc = json.loads(asset_path("map", "italy.json").read_text(encoding="utf-8"))

    def rings(key: str) -> tuple[MapRing, ...]:
        return tuple(
            MapRing(r["name"], tuple((float(lat), float(lon)) for lat, lon in r["points"])) for r in doc[key]
        )

    return ItalyMap(land=rings("land"), lakes=rings("lakes"))
