"""The replay file: what is written reads back identically, and nothing broken or foreign is ever accepted."""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim import PHYSICS_VERSION
from game.sim.inputs import InputRecord
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import SplitSnapshot, TrialResult
from game.speedrun import replay_format as rf
from game.speedrun.replay_format import (
    HEADER,
    MAX_FILE_BYTES,
    MAX_TICKS,
    Replay,
    ReplayError,
    decode_replay,
    encode_replay,
    read_replay,
    write_replay,
)
from watch_core import TURNS_TO_FULL_WIND

TRACK_HASH = hashlib.sha256(b"a track").hexdigest()


def sample_replay(ticks: int = 500, **changes: object) -> Replay:
    inputs = tuple(
        InputRecord(
            steer=(i % 255) - 127, throttle=i % 256, brake=(i * 7) % 256, buttons=i % 32, wind=i % 200
        )
        for i in range(ticks)
    )
    result = RaceResult(
        finished=True,
        ticks=ticks,
        time_ms=2_003,
        penalty_ms=90,
        total_ms=2_093,
        splits=(SplitSnapshot(1, "Desenzano", 1_004), SplitSnapshot(5, "Arrivo · Verona", 2_003)),
        trials=(TrialResult(0, "Prova 1", 1_500, 1_497, 3),),
    )
    base = Replay(
        game_version="0.1.0",
        physics_version=PHYSICS_VERSION,
        track_id="01-brescia-verona",
        track_hash=TRACK_HASH,
        settings=RaceSettings(
            car_id="mercedes_300_slr",
            difficulty="hard",
            gearbox="manual",
            assisted_flyback=False,
            laps=None,
            start_time_of_day_s=26_520,
            date=(1955, 4, 30),
            wound_turns=12.5,
        ),
        category="01-brescia-verona",
        car_number=722,
        recorded_utc_s=1_746_083_000,
        result=result,
        inputs=inputs,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def resign(data: bytes) -> bytes:
    """A file whose checksum is recomputed after an edit: what a forger would do."""
    body = data[: -rf.CHECKSUM_BYTES]
    return body + hashlib.sha256(body).digest()


def with_payload(payload: bytes, physics_version: int = PHYSICS_VERSION) -> bytes:
    """A correctly framed and signed file around an arbitrary payload."""
    compressed = zlib.compress(payload)
    body = (
        HEADER.pack(rf.MAGIC, rf.FORMAT_VERSION, physics_version, len(compressed), len(payload)) + compressed
    )
    return body + hashlib.sha256(body).digest()


def payload_of(data: bytes) -> bytes:
    return zlib.decompress(data[HEADER.size : -rf.CHECKSUM_BYTES])


def test_a_replay_reads_back_field_for_field(tmp_path: Path) -> None:
    replay = sample_replay()
    path = write_replay(tmp_path / "run.mmr", replay)
    assert read_replay(path) == replay


def test_unset_optional_settings_read_back_as_unset() -> None:
    replay = sample_replay(settings=RaceSettings(clear_road=True, car_id="ferrari_166_mm"))
    back = decode_replay(encode_replay(replay))
    assert back.settings == RaceSettings(clear_road=True, car_id="ferrari_166_mm")
    assert back.settings.laps is None and back.settings.wound_turns is None and back.settings.date is None


@settings(max_examples=40, deadline=None)
@given(
    steer=st.lists(st.integers(-127, 127), min_size=0, max_size=300),
    laps=st.one_of(st.none(), st.integers(1, 99)),
    start=st.one_of(st.none(), st.integers(0, 86_399)),
    wound=st.one_of(st.none(), st.floats(0.0, float(TURNS_TO_FULL_WIND))),
    difficulty=st.sampled_from(["easy", "normal", "hard"]),
    finished=st.booleans(),
    name=st.text(max_size=40).filter(lambda s: len(s.encode()) <= 200),
)
def test_any_valid_replay_round_trips(
    steer: list[int],
    laps: int | None,
    start: int | None,
    wound: float | None,
    difficulty: str,
    finished: bool,
    name: str,
) -> None:
    inputs = tuple(InputRecord(steer=s, throttle=abs(s) * 2) for s in steer)
    result = RaceResult(finished, len(inputs), 5_000, 0, 5_000, (SplitSnapshot(3, name, 4_999),), ())
    replay = sample_replay(
        inputs=inputs,
        result=result,
        settings=RaceSettings(
            car_id="porsche_550_spyder",
            difficulty=difficulty,
            laps=laps,
            start_time_of_day_s=start,
            wound_turns=wound,
        ),
    )
    assert decode_replay(encode_replay(replay)) == replay


def test_truncated_files_are_refused_at_every_length() -> None:
    data = encode_replay(sample_replay(ticks=50))
    for length in range(len(data)):
        with pytest.raises(ReplayError) as error:
            decode_replay(data[:length])
        assert "truncated" in str(error.value) or "magic" in str(error.value)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.mmr"
    with path.open("wb") as f:
        f.write(rf.MAGIC)
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ReplayError, match="too large"):
        read_replay(path)


def test_a_file_from_another_physics_version_is_refused() -> None:
    data = bytearray(encode_replay(sample_replay()))
    struct.pack_into("<H", data, 10, PHYSICS_VERSION + 1)
    with pytest.raises(ReplayError, match=f"physics version {PHYSICS_VERSION + 1}.*runs physics version"):
        decode_replay(resign(bytes(data)))


def test_a_file_from_an_unknown_format_version_is_refused() -> None:
    data = bytearray(encode_replay(sample_replay()))
    struct.pack_into("<H", data, 8, rf.FORMAT_VERSION + 1)
    with pytest.raises(ReplayError, match=f"format version {rf.FORMAT_VERSION + 1} is not supported"):
        decode_replay(bytes(data))


def test_every_single_byte_change_is_caught() -> None:
    data = encode_replay(sample_replay(ticks=40))
    for offset in range(len(data)):
        tampered = bytearray(data)
        tampered[offset] ^= 0x01
        with pytest.raises(ReplayError):
            decode_replay(bytes(tampered))


def test_a_changed_input_byte_is_reported_as_tampering() -> None:
    data = bytearray(encode_replay(sample_replay()))
    data[HEADER.size + 20] ^= 0x40
    with pytest.raises(ReplayError, match="checksum mismatch"):
        decode_replay(bytes(data))


def test_not_a_replay_is_refused() -> None:
    with pytest.raises(ReplayError, match="wrong magic"):
        decode_replay(b"PK\x03\x04" + b"\0" * 200)


def test_bytes_after_the_checksum_are_refused() -> None:
    with pytest.raises(ReplayError, match="unexpected bytes after the checksum"):
        decode_replay(encode_replay(sample_replay()) + b"\0")


def test_a_payload_that_inflates_beyond_its_announced_size_is_refused() -> None:
    payload = payload_of(encode_replay(sample_replay()))
    compressed = zlib.compress(payload + b"\0" * 1000)
    body = (
        HEADER.pack(rf.MAGIC, rf.FORMAT_VERSION, PHYSICS_VERSION, len(compressed), len(payload)) + compressed
    )
    with pytest.raises(ReplayError, match="does not inflate to the announced"):
        decode_replay(body + hashlib.sha256(body).digest())


def test_a_zip_bomb_announcing_a_huge_payload_is_refused() -> None:
    compressed = zlib.compress(b"\0" * (9 * 1024 * 1024))
    body = (
        HEADER.pack(rf.MAGIC, rf.FORMAT_VERSION, PHYSICS_VERSION, len(compressed), 9 * 1024 * 1024)
        + compressed
    )
    with pytest.raises(ReplayError, match=r"over the .*-byte limit"):
        decode_replay(body + hashlib.sha256(body).digest())


def _field_edit(old: bytes, new: bytes) -> bytes:
    payload = payload_of(encode_replay(sample_replay()))
    assert payload.count(old) == 1
    return with_payload(payload.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"\x10mercedes_300_slr", b"\x10Mercedes_300_slr", "car id 'Mercedes_300_slr' is not a valid id"),
        (b"\x10mercedes_300_slr", b"\x10../etc/passwd_xx", "car id"),
        (b"\x10mercedes_300_slr", b"\xffmercedes_300_slr", "car id is 255 bytes long"),
        (struct.pack("<BBBB", 2, 1, 0, 0b1110), struct.pack("<BBBB", 3, 1, 0, 0b1110), "difficulty code 3"),
        (struct.pack("<BBBB", 2, 1, 0, 0b1110), struct.pack("<BBBB", 2, 2, 0, 0b1110), "gearbox code 2"),
        (struct.pack("<BBBB", 2, 1, 0, 0b1110), struct.pack("<BBBB", 2, 1, 2, 0b1110), "fly-back flag 2"),
        (
            struct.pack("<BBBB", 2, 1, 0, 0b1110),
            struct.pack("<BBBB", 2, 1, 0, 0b101110),
            "unknown settings flags",
        ),
        (
            struct.pack("<BBBB", 2, 1, 0, 0b1110),
            struct.pack("<BBBB", 2, 1, 0, 0b1111),
            "laps 0 is out of range",
        ),
        (
            struct.pack("<i", 26_520),
            struct.pack("<i", 86_400),
            "start time of day 86400 s is not within a day",
        ),
        (
            struct.pack("<HBB", 1955, 4, 30),
            struct.pack("<HBB", 1955, 13, 30),
            "date 1955-13-30 is out of range",
        ),
        (struct.pack("<d", 12.5), struct.pack("<d", float("nan")), "wound turns nan is out of range"),
        (
            struct.pack("<Hq", 722, 1_746_083_000),
            struct.pack("<Hq", 10_000, 1_746_083_000),
            "car number 10000",
        ),
        (
            struct.pack("<IIII", 500, 2_003, 90, 2_093),
            struct.pack("<IIII", 500, 2_003, 90, 2_000),
            "is not time",
        ),
        (
            struct.pack("<IIII", 500, 2_003, 90, 2_093),
            struct.pack("<IIII", 499, 2_003, 90, 2_093),
            "claims 499 ticks",
        ),
        (struct.pack("<HI", 1, 1_004), struct.pack("<HI", 1, 2_500), "out of order or after the finish"),
        (
            struct.pack("<I", 500) + bytes([129]),
            struct.pack("<I", 500) + bytes([128]),
            "bad input record: steer -128",
        ),
        (struct.pack("<HH", 2, 1), struct.pack("<HH", 2000, 1), "2000 splits is over"),
    ],
)
def test_out_of_range_fields_are_refused_even_with_a_valid_checksum(
    old: bytes, new: bytes, message: str
) -> None:
    with pytest.raises(ReplayError, match=message):
        decode_replay(_field_edit(old, new))


def test_a_tick_count_over_two_hours_is_refused_before_reading_the_inputs() -> None:
    payload = payload_of(
        encode_replay(sample_replay(ticks=0, result=replace(sample_replay().result, ticks=0)))
    )
    head = payload[:-4]
    with pytest.raises(ReplayError, match=f"{MAX_TICKS + 1} ticks is over"):
        decode_replay(with_payload(head + struct.pack("<I", MAX_TICKS + 1)))


def test_trailing_payload_bytes_are_refused() -> None:
    payload = payload_of(encode_replay(sample_replay()))
    with pytest.raises(ReplayError, match="unexpected bytes after the input records"):
        decode_replay(with_payload(payload + b"\0"))


def test_a_replay_that_could_not_be_read_back_is_never_written(tmp_path: Path) -> None:
    bad = [
        sample_replay(category="Brescia Verona"),
        sample_replay(track_hash="abc"),
        sample_replay(car_number=-1),
        sample_replay(settings=RaceSettings(clear_road=True, car_id="mercedes_300_slr", laps=0)),
        sample_replay(result=replace(sample_replay().result, total_ms=1)),
        sample_replay(inputs=sample_replay().inputs[:-1]),
    ]
    for replay in bad:
        with pytest.raises(ReplayError):
            write_replay(tmp_path / "bad.mmr", replay)
    assert not (tmp_path / "bad.mmr").exists()


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.mmr"
    path.write_bytes(encode_replay(sample_replay())[:100])
    with pytest.raises(ReplayError, match=f"^{path}: truncated"):
        read_replay(path)
    with pytest.raises(ReplayError, match="cannot read"):
        read_replay(tmp_path / "missing.mmr")


def test_a_two_hour_replay_fits_the_file_limit() -> None:
    inputs = tuple(InputRecord(steer=(i * 37) % 255 - 127, throttle=(i * 11) % 256) for i in range(MAX_TICKS))
    replay = sample_replay(inputs=inputs, result=replace(sample_replay().result, ticks=MAX_TICKS))
    data = encode_replay(replay)
    assert len(data) < MAX_FILE_BYTES
    assert decode_replay(data).inputs == inputs
