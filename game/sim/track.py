"""A track, as the simulation and the renderer see it: a stage of the route or the 1940 circuit.

World coordinates are metres, x east and y north; headings are radians counter-clockwise from +x. The road is
a centre line sampled every few metres with a half-width at each sample; everything along the road (surfaces,
timing lines) is placed by arc length `s_m` from the first sample. The file format, its validation and its
content hash are in `track_format`, `track_parse` and `track_write`; the shipped tracks in `track_catalog`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SURFACES = ("asphalt", "cobbles", "gravel", "grass", "verge")
"""Every surface a wheel can stand on; the road's own spans use the first three."""

ROAD_SURFACES: tuple[str, ...] = SURFACES[:3]
"""The surfaces a span of road may have."""

MIN_HALF_WIDTH_M = 3.0
"""The widest car is 1.8 m wide, so no road is narrower than 6 m."""

VERGE_M = 1.5
"""Width of the verge beyond each road edge; beyond the verge is grass."""

SCENERY_KINDS: tuple[str, ...] = (
    "poplar",
    "cypress",
    "pine",
    "oak",
    "olive",
    "vine",
    "bush",
    "house",
    "church",
    "tower",
    "rock",
    "hay",
    "kerbstone",
    "crowd",
    "milestone",
)
"""How a scenery item is drawn; houses, churches and towers are boxes, everything else a circle."""

BARRIER_KINDS: tuple[str, ...] = ("wall", "hay", "rock", "fence", "parapet")
"""Walls in towns, hay-bale lines at dangerous corners, rock faces on the passes, fences, bridge parapets."""

AREA_KINDS: tuple[str, ...] = (
    "sea",
    "lake",
    "river",
    "field",
    "vineyard",
    "olive_grove",
    "wood",
    "town",
    "piazza",
)
"""Decorative ground polygons the renderer fills under everything else (no effect on the car)."""

LANDSCAPES: tuple[str, ...] = ("plain", "lake", "coast", "hills", "mountain", "city", "tuscany", "pass")
"""A track's palette hint for the renderer: the colour of the ground between the areas."""

TimingKind = Literal["start", "checkpoint", "finish", "trial_start", "trial_end"]
TIMING_KINDS: tuple[str, ...] = ("start", "checkpoint", "finish", "trial_start", "trial_end")


class TrackError(ValueError):
    """A track file that cannot be used, with a message saying which file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Waypoint:
    """A real town the stage was built from (docs/route.md), and where it lies on the stage's road."""

    town: str
    lat: float
    lon: float
    s_m: float


@dataclass(frozen=True, slots=True)
class SurfaceSpan:
    """The road's surface from `start_m` to `end_m` of arc length; outside every span the road is asphalt."""

    start_m: float
    end_m: float
    surface: str


@dataclass(frozen=True, slots=True)
class TimingLine:
    """A line across the road at arc length `s_m`.

    Kinds: `start`, `checkpoint` (a split), `finish`, and the two tubes of a regularity trial (`trial_start`,
    `trial_end`, sharing `trial` index; `target_s` is the posted target time, on both lines).
    On a circuit the start line is also the finish line of every lap (`s_m` 0).
    """

    kind: str
    s_m: float
    name: str
    trial: int | None = None
    target_s: float | None = None


@dataclass(frozen=True, slots=True)
class Scenery:
    """Something beside the road: `kind` names how it is drawn (poplar, cypress, pine, house, rock, hay, ...).

    `solid` things are static collision circles (or boxes for houses: `length_m` × `width_m` at `angle_rad`).
    """

    kind: str
    x_m: float
    y_m: float
    radius_m: float
    angle_rad: float = 0.0
    length_m: float = 0.0
    width_m: float = 0.0
    solid: bool = True


@dataclass(frozen=True, slots=True)
class Barrier:
    """A wall, fence or line of hay bales: a static polyline the car bounces off."""

    kind: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Area:
    """A decorative ground polygon (sea, lake, field, piazza, ...) the renderer fills; the car ignores it."""

    kind: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Medals:
    """Medal times in milliseconds of IGT (penalties included); `moss_ms` is the top "722" medal."""

    bronze_ms: int
    silver_ms: int
    gold_ms: int
    moss_ms: int


@dataclass(frozen=True, slots=True)
class Track:
    """A stage of the route or the 1940 circuit, as loaded from its JSON file.

    On a closed track the last centre-line point joins back to the first (the first is not repeated), and
    the start line at `s_m` 0 is also the finish line of every lap.
    """

    format_version: int
    id: str
    name: str
    region: str
    kind: Literal["stage", "circuit"]
    closed: bool
    laps: int
    seed: int
    start_time_of_day_s: int
    date: tuple[int, int, int]
    waypoints: tuple[Waypoint, ...]
    centerline: tuple[tuple[float, float], ...]
    half_width_m: tuple[float, ...]
    surfaces: tuple[SurfaceSpan, ...]
    timing_lines: tuple[TimingLine, ...]
    scenery: tuple[Scenery, ...]
    barriers: tuple[Barrier, ...]
    medals: Medals | None
    content_hash: str
    areas: tuple[Area, ...] = ()
    landscape: str = "plain"
