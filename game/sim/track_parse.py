"""Reading a track file: every key, type and range checked, then the rules a road must keep.

Validation is ordered so that no check does work in proportion to a value before that value's range is known:
counts, coordinates, segment lengths and widths are bounded first, and only then does the self-contact check
(`track_clearance`) lay its grid over the road. A file of at most `MAX_TRACK_FILE_BYTES` is thus accepted or
refused in bounded time and memory, always with a `TrackError` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from game.sim.data_file import DataFileError, read_json_file
from game.sim.race_types import MAX_LAPS
from game.sim.track import (
    AREA_KINDS,
    BARRIER_KINDS,
    LANDSCAPES,
    MIN_HALF_WIDTH_M,
    ROAD_SURFACES,
    SCENERY_KINDS,
    TIMING_KINDS,
    Area,
    Barrier,
    Medals,
    Scenery,
    SurfaceSpan,
    TimingLine,
    Track,
    TrackError,
    Waypoint,
)
from game.sim.track_clearance import format_point, segment_lengths, self_contact_problem
from game.sim.track_fields import FieldReader
from game.sim.track_format import TRACK_FORMAT_VERSION, content_hash, track_document
from game.sim.watch_start import watch_start_problem

MAX_TRACK_FILE_BYTES = 4 * 1024 * 1024
"""The longest shipped track is under 150 KB."""

MAX_CENTERLINE_POINTS = 10_000
"""The longest shipped stage has 1,356 points, 4 m apart."""

MAX_COORDINATE_M = 100_000.0
"""Every point of a track lies within 100 km of its origin (a shipped one within 5 km)."""

MIN_SEGMENT_M = 0.05
MAX_SEGMENT_M = 25.0
"""Centre-line points are a few metres apart; farther apart, the road would be a chain of straight chords."""

MAX_HALF_WIDTH_M = 25.0
"""A road at most 50 m wide (the widest shipped one is under 11 m)."""

MAX_ITEMS = 20_000
"""At most this many waypoints, surface spans, scenery items, barriers, areas, or points in one of them."""

MAX_TIMING_LINES = 256
MAX_TRIAL_INDEX = 0xFFFF
MAX_TRIAL_TARGET_S = 2 * 3600.0
MAX_SCENERY_SIZE_M = 500.0
MAX_ANGLE_RAD = 7.0
MAX_SEED = 2**31 - 1
MAX_MEDAL_MS = 24 * 3600 * 1000

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
_MEDAL_KEYS = ("bronze_ms", "silver_ms", "gold_ms", "moss_ms")


def load_track_file(path: str | Path) -> Track:
    """Read and validate one track file."""
    try:
        doc = read_json_file(path, MAX_TRACK_FILE_BYTES)
    except DataFileError as exc:
        raise TrackError(str(exc)) from None
    return track_from_dict(doc, str(path))


def track_from_dict(doc: Any, source: str) -> Track:
    """Parse and validate a track document; `source` (usually the file path) heads every error message."""
    r = FieldReader(source)
    doc = r.obj(doc, "", _TOP_KEYS_REQUIRED, _TOP_KEYS_OPTIONAL)
    version = r.integer(doc["format_version"], "format_version", 0, 2**31)
    if version != TRACK_FORMAT_VERSION:
        raise r.error(
            "format_version", f"this game reads version {TRACK_FORMAT_VERSION}, the file is {version}"
        )
    kind = r.choice(doc["kind"], "kind", ("stage", "circuit"), "track kind")
    closed = r.boolean(doc["closed"], "closed")
    if (kind == "circuit") != closed:
        raise r.error("closed", "a circuit is closed and a stage is not")
    laps = r.integer(doc["laps"], "laps", 1, MAX_LAPS)
    if kind == "stage" and laps != 1:
        raise r.error("laps", f"{laps} laps (a stage has 1, a circuit 1 to {MAX_LAPS})")
    start_time = r.integer(doc["start_time_of_day_s"], "start_time_of_day_s", 0, 86_399)
    date_items = r.array(doc["date"], "date", 3)
    if len(date_items) != 3:
        raise r.error("date", "expected [year, month, day]")
    date = tuple(r.integer(v, "date", 1, 9999) for v in date_items)
    problem = watch_start_problem(time_of_day_s=start_time, date=date)  # type: ignore[arg-type]
    if problem is not None:
        raise r.error("date", f"the watch cannot start on it: {problem}")

    centerline, widths = _road(r, doc, closed)
    length_m = sum(segment_lengths(centerline, closed))
    waypoints = _waypoints(r, doc["waypoints"], length_m)
    surfaces = _surfaces(r, doc["surfaces"], length_m)
    timing_lines = tuple(
        _timing_line(r, t, f"timing_lines[{i}]")
        for i, t in enumerate(r.array(doc["timing_lines"], "timing_lines", MAX_TIMING_LINES))
    )
    _check_timing_order(r, timing_lines, kind, length_m)
    scenery = tuple(
        _scenery(r, s, f"scenery[{i}]") for i, s in enumerate(r.array(doc["scenery"], "scenery", MAX_ITEMS))
    )
    barriers = tuple(
        Barrier(*_outline(r, b, f"barriers[{i}]", BARRIER_KINDS, "barrier kind", 2))
        for i, b in enumerate(r.array(doc["barriers"], "barriers", MAX_ITEMS))
    )
    areas = tuple(
        Area(*_outline(r, a, f"areas[{i}]", AREA_KINDS, "area kind", 3))
        for i, a in enumerate(r.array(doc.get("areas", []), "areas", MAX_ITEMS))
    )
    landscape = r.choice(doc.get("landscape", "plain"), "landscape", LANDSCAPES, "landscape")
    medals = None
    if doc.get("medals") is not None:
        m = r.obj(doc["medals"], "medals", _MEDAL_KEYS)
        medals = Medals(*(r.integer(m[k], f"medals.{k}", 1, MAX_MEDAL_MS) for k in _MEDAL_KEYS))

    problem = self_contact_problem(centerline, widths, closed)
    if problem is not None:
        raise r.error("centerline", problem)

    track = Track(
        format_version=version,
        id=r.text(doc["id"], "id"),
        name=r.text(doc["name"], "name"),
        region=r.text(doc["region"], "region"),
        kind=kind,  # type: ignore[arg-type]
        closed=closed,
        laps=laps,
        seed=r.integer(doc["seed"], "seed", 0, MAX_SEED),
        start_time_of_day_s=start_time,
        date=date,  # type: ignore[arg-type]
        waypoints=waypoints,
        centerline=centerline,
        half_width_m=widths,
        surfaces=surfaces,
        timing_lines=timing_lines,
        scenery=scenery,
        barriers=barriers,
        medals=medals,
        content_hash="",
        areas=areas,
        landscape=landscape,
    )
    digest = content_hash(track_document(track))
    stored = doc.get("content_hash")
    if stored is not None and r.text(stored, "content_hash") != digest:
        raise r.error(
            "content_hash",
            f"does not match the content (file says {stored[:12]}…, content is "
            f"{digest[:12]}…): the file was edited by hand; regenerate it",
        )
    return replace(track, content_hash=digest)


def _road(
    r: FieldReader, doc: dict[str, Any], closed: bool
) -> tuple[tuple[tuple[float, float], ...], tuple[float, ...]]:
    """The centre line and its half widths, each point, gap and width within its range."""
    centerline = r.points(doc["centerline"], "centerline", 3, MAX_CENTERLINE_POINTS, MAX_COORDINATE_M)
    widths_raw = r.array(doc["half_width_m"], "half_width_m", MAX_CENTERLINE_POINTS)
    if len(widths_raw) != len(centerline):
        raise r.error(
            "half_width_m", f"has {len(widths_raw)} values for {len(centerline)} centre-line points"
        )
    widths = tuple(r.number(w, f"half_width_m[{i}]", 0.0, MAX_HALF_WIDTH_M) for i, w in enumerate(widths_raw))
    for i, w in enumerate(widths):
        if w < MIN_HALF_WIDTH_M:
            raise r.error(
                f"half_width_m[{i}]",
                f"road too narrow: half width {w:g} m at {format_point(centerline[i])} "
                f"(minimum {MIN_HALF_WIDTH_M:g} m, a road at least {2 * MIN_HALF_WIDTH_M:g} m wide)",
            )
    for i, length in enumerate(segment_lengths(centerline, closed)):
        if length < MIN_SEGMENT_M:
            raise r.error(f"centerline[{i}]", "two consecutive points coincide")
        if length > MAX_SEGMENT_M:
            raise r.error(
                f"centerline[{i}]",
                f"the next point is {length:.1f} m away (centre-line points are at most {MAX_SEGMENT_M:g} m apart)",
            )
    return centerline, widths


def _waypoints(r: FieldReader, value: Any, length_m: float) -> tuple[Waypoint, ...]:
    waypoints: list[Waypoint] = []
    for i, w in enumerate(r.array(value, "waypoints", MAX_ITEMS)):
        where = f"waypoints[{i}]"
        w = r.obj(w, where, ("town", "lat", "lon", "s_m"))
        waypoint = Waypoint(
            r.text(w["town"], where),
            r.number(w["lat"], f"{where}.lat", -90.0, 90.0),
            r.number(w["lon"], f"{where}.lon", -180.0, 180.0),
            r.number(w["s_m"], f"{where}.s_m", -0.001, length_m + 0.001),
        )
        if waypoints and waypoint.s_m < waypoints[-1].s_m:
            raise r.error(where, f"{waypoint.town} comes before {waypoints[-1].town} along the road")
        waypoints.append(waypoint)
    return tuple(waypoints)


def _surfaces(r: FieldReader, value: Any, length_m: float) -> tuple[SurfaceSpan, ...]:
    surfaces: list[SurfaceSpan] = []
    for i, span in enumerate(r.array(value, "surfaces", MAX_ITEMS)):
        where = f"surfaces[{i}]"
        span = r.obj(span, where, ("start_m", "end_m", "surface"))
        surface = SurfaceSpan(
            r.number(span["start_m"], f"{where}.start_m", 0.0, length_m + 0.001),
            r.number(span["end_m"], f"{where}.end_m", 0.0, length_m + 0.001),
            r.choice(span["surface"], where, ROAD_SURFACES, "road surface"),
        )
        if not surface.start_m < surface.end_m:
            raise r.error(where, f"span {surface.start_m:g}–{surface.end_m:g} m is empty")
        if surfaces and surface.start_m < surfaces[-1].end_m:
            raise r.error(where, "spans overlap or are out of order")
        surfaces.append(surface)
    return tuple(surfaces)


def _timing_line(r: FieldReader, value: Any, where: str) -> TimingLine:
    d = r.obj(value, where, ("kind", "s_m", "name"), ("trial", "target_s"))
    kind = r.choice(d["kind"], where, TIMING_KINDS, "timing line kind")
    trial = None if d.get("trial") is None else r.integer(d["trial"], f"{where}.trial", 0, MAX_TRIAL_INDEX)
    target = (
        None
        if d.get("target_s") is None
        else r.number(d["target_s"], f"{where}.target_s", 0.0, MAX_TRIAL_TARGET_S)
    )
    if kind in ("trial_start", "trial_end"):
        if trial is None or target is None or target <= 0.0:
            raise r.error(where, f"a {kind} line needs a trial index and a positive target_s")
    elif trial is not None or target is not None:
        raise r.error(where, f"a {kind} line has no trial or target_s")
    s_m = r.number(d["s_m"], f"{where}.s_m", -MAX_COORDINATE_M, MAX_COORDINATE_M)
    return TimingLine(kind, s_m, r.text(d["name"], f"{where}.name"), trial, target)


def _check_timing_order(r: FieldReader, lines: tuple[TimingLine, ...], kind: str, length_m: float) -> None:
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


def _scenery(r: FieldReader, value: Any, where: str) -> Scenery:
    d = r.obj(value, where, ("kind", "x_m", "y_m", "radius_m"), ("angle_rad", "length_m", "width_m", "solid"))
    radius = r.number(d["radius_m"], f"{where}.radius_m", 0.0, MAX_SCENERY_SIZE_M)
    if radius <= 0.0:
        raise r.error(where, "radius_m must be positive")
    return Scenery(
        r.choice(d["kind"], where, SCENERY_KINDS, "scenery kind"),
        r.number(d["x_m"], f"{where}.x_m", -MAX_COORDINATE_M, MAX_COORDINATE_M),
        r.number(d["y_m"], f"{where}.y_m", -MAX_COORDINATE_M, MAX_COORDINATE_M),
        radius,
        r.number(d.get("angle_rad", 0.0), f"{where}.angle_rad", -MAX_ANGLE_RAD, MAX_ANGLE_RAD),
        r.number(d.get("length_m", 0.0), f"{where}.length_m", 0.0, MAX_SCENERY_SIZE_M),
        r.number(d.get("width_m", 0.0), f"{where}.width_m", 0.0, MAX_SCENERY_SIZE_M),
        r.boolean(d.get("solid", True), f"{where}.solid"),
    )


def _outline(
    r: FieldReader, value: Any, where: str, kinds: tuple[str, ...], what: str, minimum: int
) -> tuple[str, tuple[tuple[float, float], ...]]:
    """The kind and points of a barrier (a polyline) or an area (a polygon)."""
    d = r.obj(value, where, ("kind", "points"))
    return (
        r.choice(d["kind"], where, kinds, what),
        r.points(d["points"], f"{where}.points", minimum, MAX_ITEMS, MAX_COORDINATE_M),
    )
