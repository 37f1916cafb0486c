"""The track file format: its version, the document a track is written as, and the hash that identifies it.

A track's identity for replays is its id plus `content_hash`, the SHA-256 of its canonical JSON, so a replay
recorded on another version of a stage is refused. Reading is in `track_parse`, writing in `track_write`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from game.sim.track import Scenery, TimingLine, Track

TRACK_FORMAT_VERSION = 1


def track_document(track: Track) -> dict[str, Any]:
    """The JSON document of a track, without the hash (it is computed from this)."""
    return {
        "format_version": track.format_version,
        "id": track.id,
        "name": track.name,
        "region": track.region,
        "kind": track.kind,
        "closed": track.closed,
        "laps": track.laps,
        "seed": track.seed,
        "start_time_of_day_s": track.start_time_of_day_s,
        "date": list(track.date),
        "waypoints": [{"town": w.town, "lat": w.lat, "lon": w.lon, "s_m": w.s_m} for w in track.waypoints],
        "centerline": [[x, y] for x, y in track.centerline],
        "half_width_m": list(track.half_width_m),
        "surfaces": [{"start_m": s.start_m, "end_m": s.end_m, "surface": s.surface} for s in track.surfaces],
        "timing_lines": [_timing_line_dict(t) for t in track.timing_lines],
        "scenery": [_scenery_dict(s) for s in track.scenery],
        "barriers": [{"kind": b.kind, "points": [[x, y] for x, y in b.points]} for b in track.barriers],
        "areas": [{"kind": a.kind, "points": [[x, y] for x, y in a.points]} for a in track.areas],
        "landscape": track.landscape,
        "medals": None
        if track.medals is None
        else {
            "bronze_ms": track.medals.bronze_ms,
            "silver_ms": track.medals.silver_ms,
            "gold_ms": track.medals.gold_ms,
            "moss_ms": track.medals.moss_ms,
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
