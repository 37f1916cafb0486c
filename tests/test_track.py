"""The track format: what a bad file is told, what the hash covers, how files are written and found."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest

from game.sim.route_file import load_route
from game.sim.track import MIN_HALF_WIDTH_M, TrackError
from game.sim.track_catalog import load_track, track_ids
from game.sim.track_format import content_hash, track_document
from game.sim.track_parse import load_track_file, track_from_dict
from game.sim.track_write import write_track


def valid_stage() -> dict[str, Any]:
    """A 400 m straight stage heading east with a checkpoint and one regularity trial."""
    n = 101
    return {
        "format_version": 1,
        "id": "test-stage",
        "name": "Test",
        "region": "Nowhere",
        "kind": "stage",
        "closed": False,
        "laps": 1,
        "seed": 1,
        "start_time_of_day_s": 7 * 3600 + 22 * 60,
        "date": [1955, 5, 1],
        "waypoints": [
            {"town": "A", "lat": 45.0, "lon": 10.0, "s_m": 0.0},
            {"town": "B", "lat": 45.0, "lon": 10.1, "s_m": 400.0},
        ],
        "centerline": [[4.0 * i, 0.0] for i in range(n)],
        "half_width_m": [4.0] * n,
        "surfaces": [{"start_m": 0.0, "end_m": 60.0, "surface": "cobbles"}],
        "timing_lines": [
            {"kind": "start", "s_m": 40.0, "name": "Start"},
            {"kind": "trial_start", "s_m": 80.0, "name": "T", "trial": 1, "target_s": 12.5},
            {"kind": "trial_end", "s_m": 330.0, "name": "T", "trial": 1, "target_s": 12.5},
            {"kind": "checkpoint", "s_m": 340.0, "name": "B"},
            {"kind": "finish", "s_m": 360.0, "name": "Finish"},
        ],
        "scenery": [{"kind": "poplar", "x_m": 100.0, "y_m": 9.0, "radius_m": 1.1}],
        "barriers": [{"kind": "wall", "points": [[0.0, -7.0], [40.0, -7.0]]}],
        "areas": [{"kind": "field", "points": [[0.0, 10.0], [100.0, 10.0], [100.0, 80.0]]}],
        "landscape": "plain",
        "medals": {"bronze_ms": 40000, "silver_ms": 35000, "gold_ms": 30000, "moss_ms": 27000},
    }


def valid_circuit() -> dict[str, Any]:
    n = 120
    doc = valid_stage()
    doc.update(
        id="test-circuit",
        kind="circuit",
        closed=True,
        centerline=[
            [150.0 * math.cos(2 * math.pi * i / n), 150.0 * math.sin(2 * math.pi * i / n)] for i in range(n)
        ],
        half_width_m=[4.0] * n,
        surfaces=[],
        waypoints=[],
        timing_lines=[
            {"kind": "start", "s_m": 0.0, "name": "Start/finish"},
            {"kind": "checkpoint", "s_m": 400.0, "name": "Half way"},
        ],
        scenery=[],
        barriers=[],
        areas=[],
    )
    return doc


def load(doc: dict[str, Any]) -> None:
    track_from_dict(doc, "tracks/bad.json")


def test_a_valid_document_loads_with_its_hash() -> None:
    track = track_from_dict(valid_stage(), "tracks/ok.json")
    assert track.id == "test-stage"
    assert track.timing_lines[1].target_s == 12.5
    assert track.content_hash == content_hash(track_document(track))
    circuit = track_from_dict(valid_circuit(), "tracks/circuit.json")
    assert circuit.closed and circuit.kind == "circuit"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("centerline"), "missing key 'centerline'"),
        (lambda d: d.update(colour="red"), "unknown key 'colour'"),
        (lambda d: d["surfaces"].append({"start_m": 100.0, "end_m": 120.0, "surface": "mud"}),
         "unknown road surface 'mud'"),
        (lambda d: d["scenery"][0].update(kind="palm"), "unknown scenery kind 'palm'"),
        (lambda d: d.update(format_version=2), "format_version: this game reads version 1, the file is 2"),
        (lambda d: d.update(laps="one"), "laps: expected an integer"),
        (lambda d: d["centerline"].__setitem__(3, [12.0, "north"]), "centerline[3]: expected a number"),
        (lambda d: d["half_width_m"].__setitem__(50, MIN_HALF_WIDTH_M - 0.1), "road too narrow"),
        (lambda d: d["half_width_m"].pop(), "half_width_m: has 100 values for 101 centre-line points"),
        (lambda d: d["timing_lines"].reverse(), "timing lines out of order"),
        (lambda d: d["timing_lines"][3].update(s_m=300.0), "timing lines out of order: 'B' at 300 m is not after"),
        (lambda d: d["timing_lines"].insert(2, {"kind": "checkpoint", "s_m": 200.0, "name": "X"}),
         "trial 1 must be followed by its trial_end"),
        (lambda d: d["timing_lines"][2].update(target_s=13.0), "trial 1 must be followed by its trial_end"),
        (lambda d: d["timing_lines"].pop(), "the last line must be the finish"),
        (lambda d: d["timing_lines"][4].update(s_m=500.0), "off the road"),
        (lambda d: d.update(closed=True), "a circuit is closed and a stage is not"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_the_file_and_the_problem(mutate: Any, message: str) -> None:
    doc = valid_stage()
    mutate(doc)
    with pytest.raises(TrackError) as error:
        load(doc)
    assert str(error.value).startswith("tracks/bad.json: ")
    assert message in str(error.value)


def test_a_road_that_crosses_itself_is_refused() -> None:
    doc = valid_stage()
    # East 200 m, then north, west and back south through the first straight.
    loop = [[4.0 * i, 0.0] for i in range(51)]
    loop += [[200.0, 4.0 * i] for i in range(1, 26)]
    loop += [[200.0 - 4.0 * i, 100.0] for i in range(1, 26)]
    loop += [[100.0, 100.0 - 4.0 * i] for i in range(1, 40)]
    doc["centerline"] = loop
    doc["half_width_m"] = [4.0] * len(loop)
    with pytest.raises(TrackError, match=r"the road crosses itself near \(100\.0, -?\d"):
        load(doc)


def test_a_road_that_runs_into_itself_without_crossing_is_refused() -> None:
    doc = valid_stage()
    # A hairpin whose legs are 8 m apart: the two roads (8 m wide each, with verges) overlap.
    out = [[4.0 * i, 0.0] for i in range(51)]
    turn = [
        [200.0 + 4.0 * math.sin(math.pi * k / 6), 4.0 - 4.0 * math.cos(math.pi * k / 6)] for k in range(1, 6)
    ]
    back = [[200.0 - 4.0 * i, 8.0] for i in range(51)]
    doc["centerline"] = out + turn + back
    doc["half_width_m"] = [4.0] * len(doc["centerline"])
    with pytest.raises(TrackError, match="the road runs into itself near"):
        load(doc)


def test_circuit_rules() -> None:
    doc = valid_circuit()
    doc["timing_lines"][0]["s_m"] = 5.0
    with pytest.raises(TrackError, match="a circuit's start/finish line is at s_m 0"):
        track_from_dict(doc, "c.json")
    doc = valid_circuit()
    doc["timing_lines"].append({"kind": "finish", "s_m": 800.0, "name": "F"})
    with pytest.raises(TrackError, match="a circuit has no separate finish"):
        track_from_dict(doc, "c.json")


def test_a_hand_edited_file_fails_its_hash(tmp_path: Path) -> None:
    path = tmp_path / "edited.json"
    write_track(valid_stage(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["centerline"][10][1] = 0.5
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TrackError, match=r"edited\.json: content_hash: does not match the content"):
        load_track_file(path)


def test_hash_changes_with_a_point_but_not_with_the_medals() -> None:
    base = track_from_dict(valid_stage(), "a").content_hash
    moved = valid_stage()
    moved["centerline"][10][1] = 0.001
    assert track_from_dict(moved, "b").content_hash != base
    remedalled = valid_stage()
    remedalled["medals"]["gold_ms"] = 29000
    assert track_from_dict(remedalled, "c").content_hash == base
    no_medals = valid_stage()
    no_medals["medals"] = None
    assert track_from_dict(no_medals, "d").content_hash == base


def test_written_files_are_canonical_and_round_trip(tmp_path: Path) -> None:
    doc = valid_stage()
    doc["centerline"][5] = [20.000_000_4, -0.0]
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    written = write_track(doc, first)
    write_track(copy.deepcopy(doc), second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert "[20.0, 0.0]" in text and "-0.0" not in text
    keys = list(json.loads(text))
    assert keys == sorted(keys)
    again = load_track_file(first)
    assert again == written
    rewritten = tmp_path / "c.json"
    write_track(again, rewritten)
    assert rewritten.read_bytes() == first.read_bytes()


def test_unknown_track_id_lists_the_valid_ones() -> None:
    with pytest.raises(TrackError) as error:
        load_track("10-nowhere")
    message = str(error.value)
    assert "unknown track '10-nowhere'" in message
    for track_id in track_ids():
        assert track_id in message


def test_track_ids_follow_the_route_then_the_circuit() -> None:
    ids = track_ids()
    route = load_route()
    assert ids == (*route.stage_ids, route.circuit_id)
    assert ids[-1] == "circuit-1940"
    assert ids[0] == "01-brescia-verona"
    assert len(route.stage_ids) >= 8
    assert [t.name for t in route.towns_of("circuit-1940")] == ["Brescia", "Cremona", "Mantova"]
