"""Damaged files: every reader answers a broken track, car, route, route progress, replay or save file with its
own error (or, for save data and route progress, by setting the file aside), never another exception, and fast.

Each file kind gets hypothesis-generated damage (truncation, flipped bytes, garbage, a value replaced by the
wrong type, NaN, a huge number or deep nesting, a key removed); then the cases found by hand, each once.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import struct
import subprocess
import sys
import time
import warnings
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main as cli_main
from game.sim import PHYSICS_VERSION
from game.sim.cars import DEFAULT_CAR_ID, CarError, CarSpec, cars_dir, load_car, load_car_file
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.route import start_time_from_number
from game.sim.route_file import load_route, load_route_file, route_path
from game.sim.snapshot import SplitSnapshot
from game.sim.track import Track, TrackError
from game.sim.track_catalog import load_track, track_ids, tracks_dir
from game.sim.track_parse import load_track_file
from game.sim.watch_start import watch_start_problem
from game.speedrun import route_progress
from game.speedrun.ghost import load_ghost
from game.speedrun.replay_format import HEADER, MAGIC, Replay, ReplayError, decode_replay, encode_replay
from game.speedrun.route_progress import RouteProgress, StageRecord, load_progress, progress_path
from game.speedrun.savedata import (
    CorruptSaveError,
    SaveDataError,
    category_path,
    load_category,
    record_attempt,
)

ROOT = Path(__file__).resolve().parent.parent
FAST_S = 3.0
"""Every damaged file is answered well within this (a shipped track loads in under 0.1 s)."""

DAMAGE_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

TOKENS = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "1e308",
    "-1e308",
    "3.85e9",
    "-1",
    "0",
    "0.0",
    "12345678901234567890123",
    "9223372036854775807",
    "true",
    "null",
    '"text"',
    '""',
    '"\\ud800"',
    "[]",
    "{}",
    '{"a": 1, "a": 2}',
    "[" * 3000 + "]" * 3000,
    "[" * 100_000,
)
"""What a damaged value becomes: wrong types, constants strict JSON refuses, huge numbers, deep nesting."""


# ------------------------------------------------------------------------------------------------ damage


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


_SENTINEL = "\u0000damage\u0000"


def _with_token(document: Any, path: tuple[Any, ...], token: str) -> bytes:
    if not path:
        return token.encode()
    damaged = copy.deepcopy(document)
    node = damaged
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = _SENTINEL
    return json.dumps(damaged, indent=1).replace(json.dumps(_SENTINEL), token).encode()


def _without(document: Any, path: tuple[Any, ...]) -> bytes:
    damaged = copy.deepcopy(document)
    node = damaged
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return json.dumps(damaged, indent=1).encode()


def _flip(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, mask in flips:
        out[position % len(out)] ^= mask
    return bytes(out)


def damaged(document: Any) -> st.SearchStrategy[bytes]:
    """The bytes of `document` broken in one of the ways a disk, an editor or a person breaks a file."""
    text = json.dumps(document, indent=1).encode()
    paths = list(_paths(document))
    return st.one_of(
        st.integers(0, len(text) - 1).map(lambda n: text[:n]),
        st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 255)), min_size=1, max_size=6).map(
            lambda flips: _flip(text, flips)
        ),
        st.binary(max_size=600),
        st.tuples(st.sampled_from(paths), st.sampled_from(TOKENS)).map(lambda pt: _with_token(document, *pt)),
        st.sampled_from(paths[1:]).map(lambda path: _without(document, path)),
    )


def timed(call: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    try:
        return call(*args), time.perf_counter() - started
    except Exception as exc:  # handed back for the test to judge
        return exc, time.perf_counter() - started


@cache
def circuit() -> Track:
    return load_track("circuit-1940")


@cache
def shipped(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def assert_usable_car(spec: CarSpec) -> None:
    """A car the reader accepts can race: its values are in the ranges the physics was built for."""
    race = Race(circuit(), spec, RaceSettings(clear_road=True, car_id=spec.id))
    for _ in range(100):
        race.step(InputRecord(steer=40, throttle=255))


# ------------------------------------------------------------------------------------------ every file kind


@DAMAGE_SETTINGS
@given(data=st.data())
def test_a_damaged_track_file_is_a_track_error(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "circuit-1940.json"
    path.write_bytes(data.draw(damaged(shipped(tracks_dir() / "circuit-1940.json"))))
    outcome, elapsed = timed(load_track_file, path)
    assert isinstance(outcome, Track | TrackError), repr(outcome)
    if isinstance(outcome, TrackError):
        assert str(outcome).startswith(f"{path}: ")
    assert elapsed < FAST_S


@DAMAGE_SETTINGS
@given(data=st.data())
def test_a_damaged_car_file_is_a_car_error_and_a_car_that_loads_can_race(
    tmp_path: Path, data: st.DataObject
) -> None:
    path = tmp_path / f"{DEFAULT_CAR_ID}.json"
    path.write_bytes(data.draw(damaged(shipped(cars_dir() / f"{DEFAULT_CAR_ID}.json"))))
    outcome, elapsed = timed(load_car_file, path)
    assert isinstance(outcome, CarSpec | CarError), repr(outcome)
    assert elapsed < FAST_S
    if isinstance(outcome, CarError):
        assert str(outcome).startswith(f"{path.name}: ")
    else:
        assert_usable_car(outcome)


@DAMAGE_SETTINGS
@given(data=st.data())
def test_a_damaged_route_file_is_a_track_error(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "route.json"
    path.write_bytes(data.draw(damaged(shipped(route_path()))))
    outcome, elapsed = timed(load_route_file, path)
    assert elapsed < FAST_S
    assert not isinstance(outcome, Exception) or isinstance(outcome, TrackError), repr(outcome)
    if isinstance(outcome, TrackError):
        assert str(outcome).startswith(f"{path}: ")


def saved_progress_document() -> dict[str, Any]:
    stages = tuple(
        StageRecord(track_id, 100_000, 30, 100_030, None) for track_id in load_route().stage_ids[:2]
    )
    progress = RouteProgress(
        RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID), 722, stages, 12.5, resumed_count=1
    )
    route_progress.save_progress(progress)
    return json.loads(progress_path().read_text(encoding="utf-8"))


@DAMAGE_SETTINGS
@given(data=st.data())
def test_damaged_route_progress_is_set_aside_and_what_loads_can_be_resumed(data: st.DataObject) -> None:
    document = saved_progress_document()
    progress_path().write_bytes(data.draw(damaged(document)))
    loaded, elapsed = timed(load_progress)
    assert not isinstance(loaded, Exception), repr(loaded)
    assert elapsed < FAST_S
    if loaded.progress is None:
        assert loaded.warning is not None and "could not be read" in loaded.warning
        assert not progress_path().exists()
    else:
        p = loaded.progress
        load_car(p.settings.car_id)
        start_time_from_number(p.car_number)
        assert watch_start_problem(wound_turns=p.wound_turns, difficulty=p.settings.difficulty) is None
        assert all(s.total_ms == s.time_ms + s.penalty_ms >= 0 for s in p.stages)


@DAMAGE_SETTINGS
@given(data=st.data())
def test_damaged_save_data_is_set_aside_and_a_new_record_starts(data: st.DataObject) -> None:
    names = ("Lap 1", "Lap 2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = category_path("circuit-2")
        path.unlink(missing_ok=True)
        record_attempt("circuit-2", names, (90_000, 180_000))
        document = json.loads(path.read_text(encoding="utf-8"))
        broken = data.draw(damaged(document))
        path.write_bytes(broken)
        outcome, elapsed = timed(record_attempt, "circuit-2", names, (91_000,))
    assert elapsed < FAST_S
    if isinstance(outcome, Exception):
        assert type(outcome) is SaveDataError, repr(outcome)  # a newer game's file: left alone
        assert "newer version" in str(outcome) and path.read_bytes() == broken
    elif outcome.recovered_from is not None:
        assert outcome.recovered_from.read_bytes() == broken
        assert outcome.record.attempt_count == 1
    else:  # the damage left valid save data (a key reordered, an attempt removed): it is kept
        assert outcome.record.attempts[-1].split_ms == (91_000,)


def sample_replay(**settings_changes: Any) -> Replay:
    inputs = tuple(InputRecord(steer=(i % 60) - 30, throttle=200) for i in range(300))
    result = RaceResult(False, 300, 3_000, 0, 3_000, (SplitSnapshot(1, "Lap 1", 2_000),), ())
    return Replay(
        game_version="0.1.0",
        physics_version=PHYSICS_VERSION,
        track_id="circuit-1940",
        track_hash=circuit().content_hash,
        settings=RaceSettings(
            car_id=DEFAULT_CAR_ID,
            difficulty="hard",
            gearbox="manual",
            laps=2,
            start_time_of_day_s=26_520,
            date=(1955, 4, 30),
            wound_turns=12.5,
        ),
        category="circuit-2",
        car_number=722,
        recorded_utc_s=1_746_083_000,
        result=result,
        inputs=inputs,
    )


SETTINGS = struct.Struct("<BBBBBiHBBd")
"""difficulty, gearbox, fly-back, flags, laps, start time of day, year, month, day, wound turns (the layout in
docs/replay-format.md)."""


def payload_and_settings_offset(replay: Replay) -> tuple[bytes, int]:
    data = encode_replay(replay)
    payload = zlib.decompress(data[HEADER.size : -32])
    offset = 1 + len(replay.game_version) + 1 + len(replay.track_id) + 32 + 1 + len(replay.car_id)
    return payload, offset


def framed(payload: bytes) -> bytes:
    """A correctly framed and signed replay around `payload`: what a forger (or a buggy tool) would write."""
    compressed = zlib.compress(payload)
    body = HEADER.pack(MAGIC, 1, PHYSICS_VERSION, len(compressed), len(payload)) + compressed
    return body + hashlib.sha256(body).digest()


def assert_race_accepts(replay: Replay) -> None:
    """Settings a replay reader accepts are settings the race (and its watch) start with."""
    Race(circuit(), load_car(replay.car_id), replay.settings)


@DAMAGE_SETTINGS
@given(data=st.data())
def test_a_damaged_replay_is_a_replay_error_and_what_decodes_can_be_raced(data: st.DataObject) -> None:
    payload, _ = payload_and_settings_offset(sample_replay())
    damage = data.draw(
        st.one_of(
            st.integers(0, len(payload) - 1).map(lambda n: payload[:n]),
            st.lists(
                st.tuples(st.integers(0, len(payload) - 1), st.integers(1, 255)), min_size=1, max_size=4
            ).map(lambda flips: _flip(payload, flips)),
            st.binary(max_size=400),
        )
    )
    outcome, elapsed = timed(decode_replay, framed(damage))
    assert elapsed < FAST_S
    assert isinstance(outcome, Replay | ReplayError), repr(outcome)
    if isinstance(outcome, Replay):
        assert_race_accepts(outcome)


VALID_SETTINGS = (2, 1, 0, 0b1111, 2, 26_520, 1955, 4, 30, 12.5)
SETTINGS_VALUES = (
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(-1, 86_401) | st.integers(-(2**31), 2**31 - 1),
    st.integers(1899, 2101) | st.integers(0, 0xFFFF),
    st.integers(0, 13) | st.integers(0, 255),
    st.integers(0, 32) | st.integers(0, 255),
    st.floats(-1.0, 40.0) | st.floats(allow_nan=True, allow_infinity=True),
)
"""For each settings field: values near and around its limits, and anything its bytes can hold."""


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_replay_settings_are_refused_at_read_time_unless_the_race_accepts_them(data: st.DataObject) -> None:
    fields = list(VALID_SETTINGS)
    for index in data.draw(st.sets(st.integers(0, len(fields) - 1), min_size=1, max_size=3)):
        fields[index] = data.draw(SETTINGS_VALUES[index])
    payload, offset = payload_and_settings_offset(sample_replay())
    edited = payload[:offset] + SETTINGS.pack(*fields) + payload[offset + SETTINGS.size :]
    outcome, elapsed = timed(decode_replay, framed(edited))
    assert elapsed < FAST_S
    assert isinstance(outcome, Replay | ReplayError), repr(outcome)
    if isinstance(outcome, Replay):
        assert_race_accepts(outcome)


# --------------------------------------------------------------------------------------- the known cases


def write_track_doc(tmp_path: Path, edit: Any) -> Path:
    doc = copy.deepcopy(shipped(tracks_dir() / "circuit-1940.json"))
    del doc["content_hash"]
    edit(doc)
    path = tmp_path / "circuit-1940.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def serpentine(gap_m: float) -> list[list[float]]:
    """A road folded back and forth 100 times on 20 m: far along the road, close on the ground."""
    points: list[list[float]] = []
    for row in range(100):
        line = [[float(x), row * gap_m] for x in range(21)]
        points += line if row % 2 == 0 else line[::-1]
    return points


def _serpentine_stage(doc: dict[str, Any]) -> None:
    doc.update(
        kind="stage",
        closed=False,
        laps=1,
        centerline=serpentine(0.2),
        half_width_m=[4.0] * 2100,
        surfaces=[],
        waypoints=[],
        timing_lines=[
            {"kind": "start", "s_m": 1.0, "name": "S"},
            {"kind": "finish", "s_m": 9.0, "name": "F"},
        ],
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["centerline"][5].__setitem__(0, 3.85e9), "centerline[5]: 3.85e+09 is out of range"),
        (lambda d: d["half_width_m"].__setitem__(7, 1e6), "half_width_m[7]: 1e+06 is out of range"),
        (lambda d: d["centerline"][9].__setitem__(1, 900.0), "the next point is"),
        (lambda d: d["centerline"].extend([[0.0, 0.0]] * 10_000), "items, more than the 10000 allowed"),
        (lambda d: d.update(laps=10**12), "laps: 1000000000000 is out of range (1 to 99)"),
        (lambda d: d["scenery"][0].update(radius_m=1e12), "scenery[0].radius_m: 1e+12 is out of range"),
        (lambda d: d.update(date=[1955, 2, 30]), "date: the watch cannot start on it"),
        (lambda d: d.update(seed=-1), "seed: -1 is out of range"),
        (lambda d: d["timing_lines"][1].update(kind="trial_start", trial=70_000, target_s=10.0), "trial"),
        (_serpentine_stage, "the road runs into itself near"),
    ],
)
def test_track_values_are_range_checked_before_any_work_in_proportion_to_them(
    tmp_path: Path, edit: Any, message: str
) -> None:
    path = write_track_doc(tmp_path, edit)
    started = time.perf_counter()
    with pytest.raises(TrackError) as error:
        load_track_file(path)
    assert time.perf_counter() - started < FAST_S  # the 3.85e9 m coordinate used to hang start-up
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_the_self_contact_check_stops_at_its_budget_instead_of_running_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("game.sim.track_clearance.MAX_PAIRS_PER_SEGMENT", 1)  # the circuit needs about 6
    with pytest.raises(TrackError, match=r"centerline: the road folds back on itself too densely near \("):
        load_track_file(tracks_dir() / "circuit-1940.json")


def test_a_track_file_that_is_not_utf8_is_a_track_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    data = (tracks_dir() / "circuit-1940.json").read_bytes()
    path.write_bytes(data.replace(b'"Circuito', '"Circuìto'.encode("latin-1")))  # saved by a Latin-1 editor
    with pytest.raises(TrackError, match=r"latin1\.json: is not UTF-8 text \(byte 0xec at offset \d+\)"):
        load_track_file(path)


def test_a_truncated_route_file_is_a_track_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    truncated = tmp_path / "route.json"
    truncated.write_bytes(route_path().read_bytes()[:1000])
    monkeypatch.setattr("game.sim.route_file.route_path", lambda: truncated)
    for call in (load_route, track_ids):
        with pytest.raises(TrackError, match=rf"^{truncated}: cannot read the route: not valid JSON"):
            call()


def test_a_route_stage_id_is_never_a_path(tmp_path: Path) -> None:
    doc = copy.deepcopy(shipped(route_path()))
    doc["stages"][0]["id"] = "../../secrets"
    path = tmp_path / "route.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TrackError, match=r"stages\[0\]\.id: '\.\./\.\./secrets' is not a track id"):
        load_route_file(path)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["chassis"].update(mass_kg=-5), "chassis.mass_kg = -5 is outside [200, 5000]"),
        (lambda d: d["chassis"].update(mass_kg=1e308), "chassis.mass_kg = 1e+308 is outside"),
        (lambda d: d["engine"].update(cylinders=0), "engine.cylinders = 0 is outside [1, 16]"),
        (lambda d: d["tyres"]["rear"].update(peak_slip_rad=0.0), "tyres.rear.peak_slip_rad = 0.0 is outside"),
        (
            lambda d: d["engine"].update(torque_curve=[[i, 100] for i in range(1000)]),
            "2 to 64 [rpm, Nm] points",
        ),
    ],
)
def test_out_of_range_car_values_are_a_car_error_at_read_time(
    tmp_path: Path, edit: Any, message: str
) -> None:
    doc = copy.deepcopy(shipped(cars_dir() / f"{DEFAULT_CAR_ID}.json"))
    edit(doc)
    path = tmp_path / f"{DEFAULT_CAR_ID}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CarError) as error:
        load_car_file(path)
    assert str(error.value) == f"{path.name}: {message}" or message in str(error.value)


OUT_OF_RANGE_SETTINGS = [
    (dict(wound_turns=39.0), "wound_turns must be None or in [0, 38], got 39.0"),
    (dict(date=(1955, 2, 30)), "date must be a calendar date (year, month, day), got (1955, 2, 30)"),
    (dict(start_time_of_day_s=86_400), "start time of day 86400 s is not within a day"),
    (dict(laps=0), "laps 0 is out of range 1..99"),
]


def forged(
    tmp_path: Path, name: str, changes: dict[str, Any] | None = None, difficulty_code: int = 0
) -> Path:
    """A signed replay whose settings were edited after writing (the writer itself refuses them)."""
    replay = sample_replay()
    payload, offset = payload_and_settings_offset(replay)
    fields = list(SETTINGS.unpack_from(payload, offset))
    for key, value in (changes or {}).items():
        if key == "wound_turns":
            fields[9] = value
        elif key == "date":
            fields[6:9] = value
        elif key == "start_time_of_day_s":
            fields[5] = value
        elif key == "laps":
            fields[4] = value
    if difficulty_code:
        fields[0] = difficulty_code
    path = tmp_path / name
    path.write_bytes(framed(payload[:offset] + SETTINGS.pack(*fields) + payload[offset + SETTINGS.size :]))
    return path


@pytest.mark.parametrize(
    ("changes", "message"), [*OUT_OF_RANGE_SETTINGS, ({}, "difficulty code 7 is unknown")]
)
def test_replay_settings_the_watch_or_race_refuse_are_unusable_input(
    tmp_path: Path, changes: dict[str, Any], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = forged(tmp_path, "forged.mmr", changes, difficulty_code=0 if changes else 7)
    with pytest.raises(ReplayError) as error:
        load_ghost(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)
    assert cli_main(["verify", str(path)]) == 2  # unusable input, not a mismatch
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert captured.out == "" and len(lines) == 1
    assert lines[0].startswith(f"labone-rally: {path}: ") and message in lines[0]


def test_a_deeply_nested_save_file_is_set_aside_not_a_recursion_error() -> None:
    path = category_path("circuit-1")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(CorruptSaveError, match="nested more than") as error:
        load_category("circuit-1")
    assert error.value.moved_to.read_bytes().startswith(b"[[[[") and not path.exists()
    path.write_bytes(b'{"format_version": 1, "attempts": ' + b"[" * 5000)
    with pytest.warns(UserWarning, match="moved aside"):
        outcome = record_attempt("circuit-1", ("Lap 1",), (90_000,))
    assert outcome.recovered_from is not None and outcome.record.attempt_count == 1


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"version": 1, "settings": {"car_id": DEFAULT_CAR_ID, "difficulty": "insane", "gearbox": "auto"}},
        "deep",
    ],
)
def test_route_progress_of_the_wrong_shape_is_set_aside(document: Any) -> None:
    text = "[" * 50_000 if document == "deep" else json.dumps(document)
    progress_path().write_text(text, encoding="utf-8")
    loaded = load_progress()
    assert loaded.progress is None and "could not be read" in (loaded.warning or "")
    assert not progress_path().exists()


def test_route_progress_with_an_out_of_range_wind_is_set_aside() -> None:
    document = saved_progress_document()
    assert load_progress().progress is not None
    for key, value in (("wound_turns", 39.0), ("car_number", 775), ("resumed_count", -1)):
        route_progress.atomic_write_text(progress_path(), json.dumps({**document, key: value}))
        loaded = load_progress()
        assert loaded.progress is None and key.split("_")[0] in (loaded.warning or ""), key


# ------------------------------------------------------------------------------------------ command line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_verify_on_a_named_pipe_exits_2_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "run.mmr"
    os.mkfifo(fifo)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert time.perf_counter() - started < 30
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"labone-rally: {fifo}: is a named pipe, not a regular file; it was not read"
    ]


def test_verify_on_a_replay_with_out_of_range_settings_exits_2_with_one_line(tmp_path: Path) -> None:
    path = forged(tmp_path, "wound39.mmr", {"wound_turns": 39.0})
    done = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert done.stdout == "" and len(lines) == 1
    assert lines[0].startswith(f"labone-rally: {path}: ") and "wound_turns" in lines[0]
