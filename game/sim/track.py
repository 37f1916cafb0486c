"""The track format: one JSON file per stage or circuit under `assets/tracks/`.

World coordinates are metres, x east and y north; headings are radians counter-clockwise from +x. The road is
a centre line sampled every few metres with a half-width at each sample; everything along the road (surfaces,
timing lines) is placed by arc length `s_m` from the first sample. A track's identity for replays is its id
plus `content_hash`, the SHA-256 of its canonical JSON, so a replay recorded on another version of a stage is
refused.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from game.resources import asset_path

TRACK_FORMAT_VERSION = 1

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
    """A real town the stage was built from (ROUTE.md), and where it lies on the stage's road."""

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

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON document, without the hash (it is computed from this)."""
        return {
            "format_version": self.format_version,
            "id": self.id,
            "name": self.name,
            "region": self.region,
            "kind": self.kind,
            "closed": self.closed,
            "laps": self.laps,
            "seed": self.seed,
            "start_time_of_day_s": self.start_time_of_day_s,
            "date": list(self.date),
            "waypoints": [{"town": w.town, "lat": w.lat, "lon": w.lon, "s_m": w.s_m} for w in self.waypoints],
            "centerline": [[x, y] for x, y in self.centerline],
            "half_width_m": list(self.half_width_m),
            "surfaces": [
                {"start_m": s.start_m, "end_m": s.end_m, "surface": s.surface} for s in self.surfaces
            ],
            "timing_lines": [_timing_line_dict(t) for t in self.timing_lines],
            "scenery": [_scenery_dict(s) for s in self.scenery],
            "barriers": [{"kind": b.kind, "points": [[x, y] for x, y in b.points]} for b in self.barriers],
            "areas": [{"kind": a.kind, "points": [[x, y] for x, y in a.points]} for a in self.areas],
            "landscape": self.landscape,
            "medals": None
            if self.medals is None
            else {
                "bronze_ms": self.medals.bronze_ms,
                "silver_ms": self.medals.silver_ms,
                "gold_ms": self.medals.gold_ms,
                "moss_ms": self.medals.moss_ms,
            },
        }


def canonical_json(document: dict[str, Any]) -> str:
    """The one text a track document is hashed and written as (sorted keys, fixed separators)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


HASH_EXCLUDED_KEYS = ("content_hash", "medals")
"""Medal times do not change the simulation, so re-timing medals never invalidates a replay."""


def content_hash(document: dict[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of everything that can change a run (not the medals)."""
    body = {k: v for k, v in document.items() if k not in HASH_EXCLUDED_KEYS}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def tracks_dir() -> Path:
    return asset_path("tracks")


def _timing_line_dict(t: TimingLine) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": t.kind, "s_m": t.s_m, "name": t.name}
    if t.trial is not None:
        d["trial"] = t.trial
    if t.target_s is not None:
        d["target_s"] = t.target_s
    return d


def _scenery_dict(s: Scenery) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": s.kind, "x_m": s.x_m, "y_m": s.y_m, "radius_m": s.radius_m}
    if s.angle_rad:
        d["angle_rad"] = s.angle_rad
    if s.length_m:
        d["length_m"] = s.length_m
    if s.width_m:
        d["width_m"] = s.width_m
    if not s.solid:
        d["solid"] = False
    return d


# --------------------------------------------------------------------------------------------- reading files

_TOP_KEYS_REQUIRED = (
    "format_version",
    "id",
    "name",
    "region",
    "kind",
    "closed",
    "laps",
    "seed",
    "start_time_of_day_s",
    "date",
    "waypoints",
    "centerline",
    "half_width_m",
    "surfaces",
    "timing_lines",
    "scenery",
    "barriers",
)
_TOP_KEYS_OPTIONAL = ("areas", "landscape", "medals", "content_hash")

_CLEARANCE_ARC_FACTOR = 3.0
"""Two stretches of road farther apart along the road than this many times their required clearance must
keep that clearance (both half widths plus both verges) between their centre lines."""


def _fail(source: str, problem: str) -> TrackError:
    return TrackError(f"{source}: {problem}")


class _Reader:
    """Typed access to a JSON document with errors that name the file and the key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, where: str, problem: str) -> TrackError:
        return _fail(self.source, f"{where}: {problem}" if where else problem)

    def obj(self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.error(where, f"expected an object, got {type(value).__name__}")
        for key in required:
            if key not in value:
                raise self.error(where, f"missing key {key!r}")
        unknown = sorted(k for k in value if k not in required and k not in optional)
        if unknown:
            raise self.error(where, f"unknown key {unknown[0]!r}")
        return value

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(where, f"expected a number, got {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise self.error(where, f"expected a finite number, got {value!r}")
        return number

    def integer(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(where, f"expected an integer, got {value!r}")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"expected a string, got {value!r}")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(where, f"expected true or false, got {value!r}")
        return value

    def array(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.error(where, f"expected an array, got {type(value).__name__}")
        return value

    def point(self, value: Any, where: str) -> tuple[float, float]:
        items = self.array(value, where)
        if len(items) != 2:
            raise self.error(where, f"expected [x, y], got {value!r}")
        return self.number(items[0], where), self.number(items[1], where)

    def points(self, value: Any, where: str, minimum: int) -> tuple[tuple[float, float], ...]:
        items = self.array(value, where)
        if len(items) < minimum:
            raise self.error(where, f"needs at least {minimum} points, has {len(items)}")
        return tuple(self.point(p, f"{where}[{i}]") for i, p in enumerate(items))

    def choice(self, value: Any, where: str, valid: tuple[str, ...], what: str) -> str:
        name = self.text(value, where)
        if name not in valid:
            raise self.error(where, f"unknown {what} {name!r} (valid: {', '.join(valid)})")
        return name


def track_from_dict(doc: Any, source: str) -> Track:
    """Parse and validate a track document; `source` (usually the file path) heads every error message."""
    r = _Reader(source)
    doc = r.obj(doc, "", _TOP_KEYS_REQUIRED, _TOP_KEYS_OPTIONAL)
    version = r.integer(doc["format_version"], "format_version")
    if version != TRACK_FORMAT_VERSION:
        raise r.error(
            "format_version", f"this game reads version {TRACK_FORMAT_VERSION}, the file is {version}"
        )
    kind = r.choice(doc["kind"], "kind", ("stage", "circuit"), "track kind")
    closed = r.boolean(doc["closed"], "closed")
    if (kind == "circuit") != closed:
        raise r.error("closed", "a circuit is closed and a stage is not")
    laps = r.integer(doc["laps"], "laps")
    if laps < 1 or (kind == "stage" and laps != 1):
        raise r.error("laps", f"{laps} laps (a stage has 1, a circuit at least 1)")
    start_time = r.integer(doc["start_time_of_day_s"], "start_time_of_day_s")
    if not 0 <= start_time < 86_400:
        raise r.error("start_time_of_day_s", f"{start_time} is not a time of day in seconds")
    date_items = r.array(doc["date"], "date")
    if len(date_items) != 3:
        raise r.error("date", "expected [year, month, day]")
    date = tuple(r.integer(v, "date") for v in date_items)
    if not (1 <= date[1] <= 12 and 1 <= date[2] <= 31):
        raise r.error("date", f"{date_items} is not a date")

    centerline = r.points(doc["centerline"], "centerline", 3)
    widths_raw = r.array(doc["half_width_m"], "half_width_m")
    if len(widths_raw) != len(centerline):
        raise r.error(
            "half_width_m", f"has {len(widths_raw)} values for {len(centerline)} centre-line points"
        )
    widths = tuple(r.number(w, f"half_width_m[{i}]") for i, w in enumerate(widths_raw))
    for i, w in enumerate(widths):
        if w < MIN_HALF_WIDTH_M:
            raise r.error(
                f"half_width_m[{i}]",
                f"road too narrow: half width {w:g} m at {_fmt_point(centerline[i])} "
                f"(minimum {MIN_HALF_WIDTH_M:g} m, a road at least {2 * MIN_HALF_WIDTH_M:g} m wide)",
            )
    seg_lengths = _segment_lengths(centerline, closed)
    for i, length in enumerate(seg_lengths):
        if length < 0.05:
            raise r.error(f"centerline[{i}]", "two consecutive points coincide")
    length_m = sum(seg_lengths)

    waypoints = []
    for i, w in enumerate(r.array(doc["waypoints"], "waypoints")):
        where = f"waypoints[{i}]"
        w = r.obj(w, where, ("town", "lat", "lon", "s_m"))
        waypoints.append(
            Waypoint(
                r.text(w["town"], where),
                r.number(w["lat"], where),
                r.number(w["lon"], where),
                r.number(w["s_m"], where),
            )
        )
    for i, w in enumerate(waypoints):
        if not -0.001 <= w.s_m <= length_m + 0.001:
            raise r.error(f"waypoints[{i}]", f"s_m {w.s_m:g} is off the road (0 to {length_m:.1f} m)")
        if i and w.s_m < waypoints[i - 1].s_m:
            raise r.error(f"waypoints[{i}]", f"{w.town} comes before {waypoints[i - 1].town} along the road")

    surfaces = []
    for i, span in enumerate(r.array(doc["surfaces"], "surfaces")):
        where = f"surfaces[{i}]"
        span = r.obj(span, where, ("start_m", "end_m", "surface"))
        surfaces.append(
            SurfaceSpan(
                r.number(span["start_m"], where),
                r.number(span["end_m"], where),
                r.choice(span["surface"], where, ROAD_SURFACES, "road surface"),
            )
        )
    for i, span in enumerate(surfaces):
        if not 0.0 <= span.start_m < span.end_m <= length_m + 0.001:
            raise r.error(
                f"surfaces[{i}]", f"span {span.start_m:g}–{span.end_m:g} m is empty or off the road"
            )
        if i and span.start_m < surfaces[i - 1].end_m:
            raise r.error(f"surfaces[{i}]", "spans overlap or are out of order")

    timing_lines = tuple(
        _timing_line(r, t, f"timing_lines[{i}]")
        for i, t in enumerate(r.array(doc["timing_lines"], "timing_lines"))
    )
    _check_timing_order(r, timing_lines, kind, length_m)

    scenery = tuple(_scenery(r, s, f"scenery[{i}]") for i, s in enumerate(r.array(doc["scenery"], "scenery")))
    barriers = []
    for i, b in enumerate(r.array(doc["barriers"], "barriers")):
        where = f"barriers[{i}]"
        b = r.obj(b, where, ("kind", "points"))
        barriers.append(
            Barrier(
                r.choice(b["kind"], where, BARRIER_KINDS, "barrier kind"),
                r.points(b["points"], f"{where}.points", 2),
            )
        )
    areas = []
    for i, a in enumerate(r.array(doc.get("areas", []), "areas")):
        where = f"areas[{i}]"
        a = r.obj(a, where, ("kind", "points"))
        areas.append(
            Area(
                r.choice(a["kind"], where, AREA_KINDS, "area kind"),
                r.points(a["points"], f"{where}.points", 3),
            )
        )
    landscape = r.choice(doc.get("landscape", "plain"), "landscape", LANDSCAPES, "landscape")

    medals = None
    if doc.get("medals") is not None:
        m = r.obj(doc["medals"], "medals", ("bronze_ms", "silver_ms", "gold_ms", "moss_ms"))
        medals = Medals(
            *(r.integer(m[k], f"medals.{k}") for k in ("bronze_ms", "silver_ms", "gold_ms", "moss_ms"))
        )

    _check_no_self_contact(r, centerline, widths, closed)

    track = Track(
        format_version=version,
        id=r.text(doc["id"], "id"),
        name=r.text(doc["name"], "name"),
        region=r.text(doc["region"], "region"),
        kind=kind,  # type: ignore[arg-type]
        closed=closed,
        laps=laps,
        seed=r.integer(doc["seed"], "seed"),
        start_time_of_day_s=start_time,
        date=date,  # type: ignore[arg-type]
        waypoints=tuple(waypoints),
        centerline=centerline,
        half_width_m=widths,
        surfaces=tuple(surfaces),
        timing_lines=timing_lines,
        scenery=scenery,
        barriers=tuple(barriers),
        medals=medals,
        content_hash="",
        areas=tuple(areas),
        landscape=landscape,
    )
    digest = content_hash(track.to_json_dict())
    stored = doc.get("content_hash")
    if stored is not None and r.text(stored, "content_hash") != digest:
        raise r.error(
            "content_hash",
            f"does not match the content (file says {stored[:12]}…, content is "
            f"{digest[:12]}…): the file was edited by hand; regenerate it",
        )
    return replace(track, content_hash=digest)


def _timing_line(r: _Reader, value: Any, where: str) -> TimingLine:
    d = r.obj(value, where, ("kind", "s_m", "name"), ("trial", "target_s"))
    kind = r.choice(d["kind"], where, TIMING_KINDS, "timing line kind")
    trial = None if d.get("trial") is None else r.integer(d["trial"], f"{where}.trial")
    target = None if d.get("target_s") is None else r.number(d["target_s"], f"{where}.target_s")
    if kind in ("trial_start", "trial_end"):
        if trial is None or target is None or target <= 0.0:
            raise r.error(where, f"a {kind} line needs a trial index and a positive target_s")
    elif trial is not None or target is not None:
        raise r.error(where, f"a {kind} line has no trial or target_s")
    return TimingLine(
        kind, r.number(d["s_m"], f"{where}.s_m"), r.text(d["name"], f"{where}.name"), trial, target
    )


def _check_timing_order(r: _Reader, lines: tuple[TimingLine, ...], kind: str, length_m: float) -> None:
    """Start first, every line strictly further along, finish last; trials open and close in pairs."""
    if not lines or lines[0].kind != "start":
        raise r.error("timing_lines", "timing lines out of order: the first line must be the start")
    if kind == "circuit":
        if abs(lines[0].s_m) > 1e-6:
            raise r.error("timing_lines[0]", "a circuit's start/finish line is at s_m 0")
        if any(t.kind == "finish" for t in lines):
            raise r.error("timing_lines", "a circuit has no separate finish: its start line ends every lap")
    elif lines[-1].kind != "finish" or len(lines) < 2:
        raise r.error("timing_lines", "timing lines out of order: the last line must be the finish")
    seen_trials: set[int] = set()
    for i, line in enumerate(lines):
        where = f"timing_lines[{i}]"
        if not 0.0 <= line.s_m <= length_m:
            raise r.error(where, f"{line.name!r} at {line.s_m:g} m is off the road (0 to {length_m:.1f} m)")
        if i and line.s_m <= lines[i - 1].s_m:
            raise r.error(
                where,
                f"timing lines out of order: {line.name!r} at {line.s_m:g} m is not after "
                f"{lines[i - 1].name!r} at {lines[i - 1].s_m:g} m",
            )
        if i and line.kind == "start":
            raise r.error(where, "timing lines out of order: a second start line")
        if line.kind == "finish" and i != len(lines) - 1:
            raise r.error(where, "timing lines out of order: the finish must be the last line")
        if line.kind == "trial_start":
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                nxt is None
                or nxt.kind != "trial_end"
                or nxt.trial != line.trial
                or nxt.target_s != line.target_s
            ):
                raise r.error(
                    where,
                    f"trial {line.trial} must be followed by its trial_end with the same "
                    "trial index and target_s",
                )
            if line.trial in seen_trials:
                raise r.error(where, f"trial index {line.trial} is used twice")
            seen_trials.add(line.trial)  # type: ignore[arg-type]
        if line.kind == "trial_end" and (i == 0 or lines[i - 1].kind != "trial_start"):
            raise r.error(where, f"trial_end of trial {line.trial} without its trial_start just before")


def _scenery(r: _Reader, value: Any, where: str) -> Scenery:
    d = r.obj(value, where, ("kind", "x_m", "y_m", "radius_m"), ("angle_rad", "length_m", "width_m", "solid"))
    radius = r.number(d["radius_m"], f"{where}.radius_m")
    if radius <= 0.0:
        raise r.error(where, "radius_m must be positive")
    return Scenery(
        r.choice(d["kind"], where, SCENERY_KINDS, "scenery kind"),
        r.number(d["x_m"], f"{where}.x_m"),
        r.number(d["y_m"], f"{where}.y_m"),
        radius,
        r.number(d.get("angle_rad", 0.0), f"{where}.angle_rad"),
        r.number(d.get("length_m", 0.0), f"{where}.length_m"),
        r.number(d.get("width_m", 0.0), f"{where}.width_m"),
        r.boolean(d.get("solid", True), f"{where}.solid"),
    )


def _fmt_point(p: tuple[float, float]) -> str:
    return f"({p[0]:.1f}, {p[1]:.1f})"


def _segment_lengths(points: tuple[tuple[float, float], ...], closed: bool) -> list[float]:
    n = len(points)
    count = n if closed else n - 1
    return [math.dist(points[i], points[(i + 1) % n]) for i in range(count)]


def _segment_distance(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> float:
    """Distance between segments ab and cd (0 when they cross)."""

    def cross(o: tuple[float, float], p: tuple[float, float], q: tuple[float, float]) -> float:
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])

    d1, d2, d3, d4 = cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 * d2 < 0 and d3 * d4 < 0:
        return 0.0

    def point_segment(p: tuple[float, float], s: tuple[float, float], e: tuple[float, float]) -> float:
        ex, ey = e[0] - s[0], e[1] - s[1]
        length2 = ex * ex + ey * ey
        t = 0.0 if length2 == 0.0 else max(0.0, min(1.0, ((p[0] - s[0]) * ex + (p[1] - s[1]) * ey) / length2))
        return math.hypot(p[0] - s[0] - t * ex, p[1] - s[1] - t * ey)

    return min(point_segment(a, c, d), point_segment(b, c, d), point_segment(c, a, b), point_segment(d, a, b))


def _check_no_self_contact(
    r: _Reader, points: tuple[tuple[float, float], ...], widths: tuple[float, ...], closed: bool
) -> None:
    """The centre line never crosses itself, and separate stretches of road (with verges) never touch.

    The second rule is what lets `TrackGeometry` trust a local search: a point on the road or its verge is
    near exactly one stretch of it. Segments are bucketed in a uniform grid so only near pairs are compared.
    """
    n = len(points)
    n_seg = n if closed else n - 1
    lengths = _segment_lengths(points, closed)
    cum = [0.0]
    for length in lengths:
        cum.append(cum[-1] + length)
    total = cum[-1]
    reach = [max(widths[i], widths[(i + 1) % n]) + VERGE_M for i in range(n_seg)]
    max_reach = max(reach)
    cell = max(25.0, 2.0 * max_reach)
    grid: dict[tuple[int, int], list[int]] = {}
    for i in range(n_seg):
        (x0, y0), (x1, y1) = points[i], points[(i + 1) % n]
        for gx in range(
            (math.floor((min(x0, x1) - max_reach) / cell)), (math.floor((max(x0, x1) + max_reach) / cell)) + 1
        ):
            for gy in range(
                (math.floor((min(y0, y1) - max_reach) / cell)),
                (math.floor((max(y0, y1) + max_reach) / cell)) + 1,
            ):
                grid.setdefault((gx, gy), []).append(i)
    checked: set[tuple[int, int]] = set()
    worst: tuple[float, int, int, float] | None = None
    for key in sorted(grid):
        bucket = grid[key]
        for a_pos, i in enumerate(bucket):
            for j in bucket[a_pos + 1 :]:
                adjacent = j - i <= 1 or (closed and i == 0 and j == n_seg - 1)
                if adjacent or (i, j) in checked:
                    continue
                checked.add((i, j))
                gap = _segment_distance(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n])
                if gap == 0.0:
                    raise r.error(
                        "centerline",
                        f"the road crosses itself near {_fmt_point(points[j])} (segments {i} and {j})",
                    )
                along = cum[j] - cum[i + 1]
                if closed:
                    along = min(along, total - (cum[j + 1] - cum[i]))
                needed = reach[i] + reach[j]
                if (
                    along > _CLEARANCE_ARC_FACTOR * needed
                    and gap < needed
                    and (worst is None or gap < worst[0])
                ):
                    worst = (gap, i, j, needed)
    if worst is not None:
        gap, i, j, needed = worst
        raise r.error(
            "centerline",
            f"the road runs into itself near {_fmt_point(points[j])}: segments {i} and {j} are {gap:.1f} m "
            f"apart, less than their widths and verges ({needed:.1f} m)",
        )


def load_track_file(path: str | Path) -> Track:
    """Read and validate one track file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TrackError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TrackError(f"{path}: not valid JSON: {exc}") from exc
    return track_from_dict(doc, str(path))


def load_track(track_id: str) -> Track:
    """The shipped track called `track_id`; an unknown id gets the list of valid ones."""
    ids = track_ids()
    if track_id not in ids:
        raise TrackError(f"unknown track {track_id!r}; valid ids: {', '.join(ids)}")
    track = load_track_file(tracks_dir() / f"{track_id}.json")
    if track.id != track_id:
        raise TrackError(f"{tracks_dir() / f'{track_id}.json'}: id is {track.id!r}, expected {track_id!r}")
    return track


def track_ids() -> tuple[str, ...]:
    """Every shipped track: the stages in route order, then the circuit."""
    route = load_route()
    return (*route.stage_ids, route.circuit_id)


# -------------------------------------------------------------------------------------------- writing files


def round_document(value: Any, key: str = "") -> Any:
    """Metres to the millimetre, latitude and longitude to 1e-6°, no negative zero: deterministic text."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return round(value, 6 if key in ("lat", "lon") else 3) + 0.0
    if isinstance(value, dict):
        return {k: round_document(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [round_document(v, key) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} into a track file")


def _pretty_json(document: dict[str, Any]) -> str:
    """Sorted keys, one top-level key per line and one list item per line: diffable, deterministic bytes."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(", ", ": "), ensure_ascii=False)

    lines = ["{"]
    keys = sorted(document)
    for k_index, key in enumerate(keys):
        value = document[key]
        comma = "," if k_index < len(keys) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict | list):
            lines.append(f"  {compact(key)}: [")
            lines.extend(
                f"    {compact(item)}{',' if i < len(value) - 1 else ''}" for i, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {compact(key)}: {compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_track(document: dict[str, Any] | Track, path: str | Path) -> Track:
    """Validate, round and write a track as canonical pretty JSON with its content hash; returns the Track."""
    path = Path(path)
    doc = document.to_json_dict() if isinstance(document, Track) else dict(document)
    doc.pop("content_hash", None)
    track = track_from_dict(round_document(doc), str(path))
    out = track.to_json_dict()
    out["content_hash"] = track.content_hash
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_pretty_json(out), encoding="utf-8", newline="\n")
    return track


# ----------------------------------------------------------------------------------------------------- route


@dataclass(frozen=True, slots=True)
class RouteTown:
    """A town of the real route (ROUTE.md) with its coordinates."""

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
    path = route_path()
    r = _Reader(str(path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TrackError(f"{path}: cannot read the route: {exc}") from exc
    doc = r.obj(doc, "", ("format_version", "stages", "circuit"))
    if r.integer(doc["format_version"], "format_version") != TRACK_FORMAT_VERSION:
        raise r.error("format_version", f"this game reads version {TRACK_FORMAT_VERSION}")

    def towns(value: Any, where: str) -> tuple[RouteTown, ...]:
        out = []
        for i, t in enumerate(r.array(value, where)):
            t = r.obj(t, f"{where}[{i}]", ("name", "lat", "lon"))
            out.append(
                RouteTown(r.text(t["name"], where), r.number(t["lat"], where), r.number(t["lon"], where))
            )
        return tuple(out)

    stages = []
    for i, s in enumerate(r.array(doc["stages"], "stages")):
        where = f"stages[{i}]"
        s = r.obj(s, where, ("id", "name", "towns"))
        stages.append(RouteStage(r.text(s["id"], where), r.text(s["name"], where), towns(s["towns"], where)))
    circuit = r.obj(doc["circuit"], "circuit", ("id", "towns"))
    return Route(tuple(stages), r.text(circuit["id"], "circuit.id"), towns(circuit["towns"], "circuit.towns"))
