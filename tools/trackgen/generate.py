"""Write the generated tracks and the route file."""

from __future__ import annotations

import json
from pathlib import Path

from game.sim.geometry import TrackGeometry
from game.sim.route_file import route_path
from game.sim.track import Track
from game.sim.track_catalog import tracks_dir
from game.sim.track_format import TRACK_FORMAT_VERSION
from game.sim.track_write import write_track
from tools.trackgen.build import build_stage
from tools.trackgen.data import CIRCUIT, STAGES, TOWNS, StageSpec
from tools.trackgen.pace import estimate_time_s

ALL_SPECS: tuple[StageSpec, ...] = (*STAGES, CIRCUIT)


def route_document() -> dict:
    """The stages in route order with their towns, and the circuit."""

    def towns(names: tuple[str, ...]) -> list[dict]:
        return [{"name": n, "lat": TOWNS[n][0], "lon": TOWNS[n][1]} for n in names]

    return {
        "format_version": TRACK_FORMAT_VERSION,
        "stages": [{"id": s.id, "name": s.name, "towns": towns(s.towns)} for s in STAGES],
        "circuit": {"id": CIRCUIT.id, "towns": towns(CIRCUIT.towns)},
    }


def write_route(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(route_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(out_dir: Path, route_file: Path, ids: list[str] | None = None) -> list[Track]:
    """Build and write the chosen tracks (all by default) and the route file."""
    specs = [s for s in ALL_SPECS if not ids or s.id in ids]
    unknown = sorted(set(ids or ()) - {s.id for s in ALL_SPECS})
    if unknown:
        raise SystemExit(f"unknown track ids {unknown}; valid: {', '.join(s.id for s in ALL_SPECS)}")
    written = []
    for spec in specs:
        doc, _ = build_stage(spec)
        written.append(write_track(doc, out_dir / f"{spec.id}.json"))
    write_route(route_file)
    return written


def main(argv: list[str]) -> int:
    tracks = generate(tracks_dir(), route_path(), argv or None)
    for track in tracks:
        length_km = TrackGeometry(track).length_m / 1000.0
        print(
            f"{track.id:22s} {length_km:5.2f} km  ~{estimate_time_s(track):5.1f} s  seed {track.seed:7d}  "
            f"{track.content_hash[:12]}"
        )
    return 0
