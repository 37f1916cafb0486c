"""The generator: seeded, reproducible, and the committed track files are exactly what it writes."""

from __future__ import annotations

import json
from pathlib import Path

from game.sim.route_file import route_path
from game.sim.track_catalog import tracks_dir
from game.sim.track_parse import load_track_file
from tools.trackgen.build import build_road
from tools.trackgen.data import CIRCUIT, STAGES
from tools.trackgen.generate import ALL_SPECS, generate


def test_the_committed_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    """Regenerating everything gives byte-identical tracks and route: nobody hand-edited a generated file."""
    out = tmp_path / "tracks"
    generate(out, tmp_path / "route.json")
    for spec in ALL_SPECS:
        name = f"{spec.id}.json"
        assert (out / name).read_bytes() == (tracks_dir() / name).read_bytes(), name
    assert (tmp_path / "route.json").read_bytes() == route_path().read_bytes()
    shipped = sorted(p.name for p in tracks_dir().glob("*.json"))
    assert shipped == sorted(f"{spec.id}.json" for spec in ALL_SPECS)


def test_running_twice_gives_identical_bytes(tmp_path: Path) -> None:
    ids = [STAGES[7].id, CIRCUIT.id]
    generate(tmp_path / "a", tmp_path / "a.json", ids)
    generate(tmp_path / "b", tmp_path / "b.json", ids)
    for track_id in ids:
        assert (tmp_path / "a" / f"{track_id}.json").read_bytes() == (
            tmp_path / "b" / f"{track_id}.json"
        ).read_bytes()
        track = load_track_file(tmp_path / "a" / f"{track_id}.json")
        assert (
            track.content_hash
            == json.loads((tmp_path / "b" / f"{track_id}.json").read_text())["content_hash"]
        )


def test_the_seed_shapes_the_road_and_the_spec_sets_its_length() -> None:
    spec = STAGES[0]
    a = build_road(spec, spec.seed)
    b = build_road(spec, spec.seed + 1)
    assert a is not None and b is not None
    assert a.points != b.points
    for road in (a, b):
        assert abs(road.length_m / spec.length_m - 1.0) < 0.05
        assert road.points[0] == (0.0, 0.0)  # every stage starts in its first town
    assert build_road(spec, spec.seed) == a
