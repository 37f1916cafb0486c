"""The shipped tracks: found by id, listed in route order (the stages, then the circuit)."""

from __future__ import annotations

from pathlib import Path

from game.resources import asset_path
from game.sim.route_file import load_route
from game.sim.track import Track, TrackError
from game.sim.track_parse import load_track_file


def tracks_dir() -> Path:
    return asset_path("tracks")


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
