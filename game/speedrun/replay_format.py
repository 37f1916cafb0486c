"""The replay file (`.mmr`): everything needed to re-run a race, and the result it claims.

A replay is the header (game and physics version, track id and content hash, car, every setting that can
change a run) plus one 5-byte input record per tick; re-simulating it must reproduce the claimed IGT to the
millisecond (docs/design.md §6). The byte layout is in docs/replay-format.md; this module alone reads and writes it.

Nothing here trusts the file: no pickle, no eval; the size is capped before reading, the SHA-256 checksum is
checked before decompressing, decompression is bounded, and every length and field is checked before use, so a
truncated, oversized, tampered or foreign file is refused with a `ReplayError` that says what is wrong.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import get_args

from game import __version__
from game.sim import PHYSICS_VERSION
from game.sim.data_file import ID_PATTERN, DataFileError, read_regular_file
from game.sim.field_types import FieldOutcome
from game.sim.inputs import RECORD_SIZE, InputRecord, InputRecordError, pack_records, unpack_records
from game.sim.race_types import MAX_LAPS, Difficulty, Gearbox, RaceResult, RaceSettings
from game.sim.route import CarNumberError, start_time_from_number
from game.sim.snapshot import SplitSnapshot, TrialResult
from game.sim.track import Track
from game.sim.watch_start import watch_start_problem
from game.storage import atomic_write_bytes

MAGIC = b"MMLAB1RP"
"""First eight bytes of every replay file."""

FORMAT_VERSION = 2
"""Version of this byte layout; bumped when the layout changes (the physics has its own version). Version 2 added
the field (docs/design.md §9): the clear-road flag, the car number as a setting, and the field's digest."""

CLEAR_ROAD_FORMAT_VERSION = 1
"""Replays of this version were recorded before the field existed: they are read as clear-road runs."""

READ_VERSIONS = (CLEAR_ROAD_FORMAT_VERSION, FORMAT_VERSION)

REPLAY_SUFFIX = ".mmr"

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A replay file larger than this is refused unread (a two-hour run is well under 4 MiB)."""

MAX_PAYLOAD_BYTES = 8 * 1024 * 1024
"""Bound on the decompressed payload, so a hostile file cannot inflate without limit."""

MAX_TICKS = 2 * 60 * 60 * 100
"""Two hours at 100 Hz: the longest run a replay may hold."""

MAX_SPLITS = 1024
MAX_TRIALS = 256
MAX_NAME_BYTES = 200
MAX_ID_BYTES = 64
MAX_CAR_NUMBER = 9999
MAX_WOUND_TURNS = 1000.0
SECONDS_PER_DAY = 86_400
MAX_RECORDED_UTC_S = 253_402_300_799
"""9999-12-31T23:59:59Z: the latest recording date a replay may carry."""

HEADER = struct.Struct("<8sHHII")
"""magic, format version, physics version, compressed payload length, payload length."""

CHECKSUM_BYTES = 32

ZLIB_LEVEL = 6
"""zlib's default: level 9 saves about 1 % on input records and can be ten times slower on long runs."""

DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
GEARBOXES: tuple[str, ...] = get_args(Gearbox)

_FLAG_LAPS = 1 << 0
_FLAG_START_TIME = 1 << 1
_FLAG_DATE = 1 << 2
_FLAG_WOUND = 1 << 3
_FLAG_CLEAR_ROAD = 1 << 4
_ALL_FLAGS_V1 = _FLAG_LAPS | _FLAG_START_TIME | _FLAG_DATE | _FLAG_WOUND
_ALL_FLAGS = _ALL_FLAGS_V1 | _FLAG_CLEAR_ROAD

FIELD_DIGEST_BYTES = 32
NO_FIELD_DIGEST = bytes(FIELD_DIGEST_BYTES)
"""The field digest of a run without a field (a clear road, the circuit)."""

_SETTINGS = struct.Struct("<BBBBBiHBBd")
"""difficulty, gearbox, assisted fly-back, optional-field flags, laps, start time of day, year, month, day,
wound turns."""
_META = struct.Struct("<Hq")
"""car number, recording date (UTC seconds since 1970)."""
_CLAIM = struct.Struct("<BIIIIHH")
"""finished, ticks, time_ms, penalty_ms, total_ms, split count, trial count."""
_SPLIT = struct.Struct("<HI")
"""line index, IGT ms (the name follows)."""
_TRIAL = struct.Struct("<HIII")
"""trial number, target cs, measured cs, points (the name follows)."""
_U32 = struct.Struct("<I")


class ReplayError(ValueError):
    """A replay that cannot be used, with a message saying which file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Replay:
    """One recorded run: what it was run with, what it claims, and the inputs that reproduce it.

    `settings.car_id` is the car and `settings.car_number` the entry, which places the field (`car_number` is
    the same number; in a version 1 replay, recorded before the field, it was metadata only and the run is read
    as a clear-road one). `recorded_utc_s` is metadata for people. `track_hash` is the track's SHA-256 content
    hash in hex. `field_digest` is `field_digest(result.field)` of the run as recorded: `verify` re-simulates the
    field and compares it.
    """

    game_version: str
    physics_version: int
    track_id: str
    track_hash: str
    settings: RaceSettings
    category: str
    car_number: int
    recorded_utc_s: int
    result: RaceResult
    inputs: tuple[InputRecord, ...]
    field_digest: bytes = NO_FIELD_DIGEST

    @property
    def car_id(self) -> str:
        return self.settings.car_id


def field_digest(outcome: FieldOutcome | None) -> bytes:
    """SHA-256 of the field's standings and passes, exactly (zeros without a field)."""
    if outcome is None:
        return NO_FIELD_DIGEST
    parts = [struct.pack("<3q", len(outcome.standings), len(outcome.passed), len(outcome.passed_by))]
    for s in outcome.standings:
        parts.append(struct.pack("<5q?", s.number, s.time_ms, s.position, s.class_position, 0, s.player))
    parts.append(struct.pack(f"<{len(outcome.passed)}q", *outcome.passed))
    parts.append(struct.pack(f"<{len(outcome.passed_by)}q", *outcome.passed_by))
    return hashlib.sha256(b"".join(parts)).digest()


# ------------------------------------------------------------------------------------------------- writing


def encode_replay(replay: Replay) -> bytes:
    """The file's bytes; raises ReplayError for a replay that could not be read back (a field off limits)."""
    _check_replay(replay)
    payload = _encode_payload(replay)
    compressed = zlib.compress(payload, ZLIB_LEVEL)
    header = HEADER.pack(MAGIC, FORMAT_VERSION, replay.physics_version, len(compressed), len(payload))
    body = header + compressed
    data = body + hashlib.sha256(body).digest()
    if len(data) > MAX_FILE_BYTES:
        raise ReplayError(f"replay would be {len(data)} bytes, over the {MAX_FILE_BYTES}-byte limit")
    return data


def write_replay(path: str | Path, replay: Replay) -> Path:
    """Encode and write atomically (a crash leaves the old file or the new one, never half of one)."""
    path = Path(path)
    atomic_write_bytes(path, encode_replay(replay))
    return path


def _encode_payload(replay: Replay) -> bytes:
    s = replay.settings
    r = replay.result
    flags = (
        (_FLAG_LAPS if s.laps is not None else 0)
        | (_FLAG_START_TIME if s.start_time_of_day_s is not None else 0)
        | (_FLAG_DATE if s.date is not None else 0)
        | (_FLAG_WOUND if s.wound_turns is not None else 0)
        | (_FLAG_CLEAR_ROAD if s.clear_road else 0)
    )
    year, month, day = s.date if s.date is not None else (0, 0, 0)
    parts = [
        _str(replay.game_version),
        _str(replay.track_id),
        bytes.fromhex(replay.track_hash),
        _str(s.car_id),
        _SETTINGS.pack(
            DIFFICULTIES.index(s.difficulty),
            GEARBOXES.index(s.gearbox),
            1 if s.assisted_flyback else 0,
            flags,
            s.laps or 0,
            s.start_time_of_day_s if s.start_time_of_day_s is not None else 0,
            year,
            month,
            day,
            s.wound_turns if s.wound_turns is not None else 0.0,
        ),
        _str(replay.category),
        _META.pack(replay.car_number, replay.recorded_utc_s),
        replay.field_digest,
        _CLAIM.pack(
            1 if r.finished else 0,
            r.ticks,
            r.time_ms,
            r.penalty_ms,
            r.total_ms,
            len(r.splits),
            len(r.trials),
        ),
    ]
    for split in r.splits:
        parts.append(_SPLIT.pack(split.line_index, split.igt_ms))
        parts.append(_str(split.name))
    for trial in r.trials:
        parts.append(_TRIAL.pack(trial.trial, trial.target_cs, trial.measured_cs, trial.points))
        parts.append(_str(trial.name))
    parts.append(_U32.pack(len(replay.inputs)))
    parts.append(pack_records(replay.inputs))
    return b"".join(parts)


def _str(text: str) -> bytes:
    raw = text.encode("utf-8")
    return bytes((len(raw),)) + raw


# ------------------------------------------------------------------------------------------------- reading


def read_replay(path: str | Path) -> Replay:
    """Read and check a replay file; every failure is a ReplayError naming the file."""
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except DataFileError as exc:
        raise ReplayError(str(exc)) from None
    try:
        return decode_replay(data)
    except ReplayError as exc:
        raise ReplayError(f"{path}: {exc}") from None


def decode_replay(data: bytes) -> Replay:
    """Parse a replay's bytes, checking size, magic, versions, checksum and every field, in that order."""
    if len(data) > MAX_FILE_BYTES:
        raise ReplayError(f"{len(data)} bytes is too large for a replay (limit {MAX_FILE_BYTES} bytes)")
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise ReplayError("not a Mille Miglia · Lab One replay (wrong magic bytes)")
    if len(data) < HEADER.size + CHECKSUM_BYTES:
        raise ReplayError(f"truncated: {len(data)} bytes is shorter than a replay's header and checksum")
    _magic, format_version, physics_version, compressed_len, payload_len = HEADER.unpack_from(data)
    if format_version not in READ_VERSIONS:
        raise ReplayError(
            f"replay format version {format_version} is not supported "
            f"(this game reads versions {', '.join(str(v) for v in READ_VERSIONS)})"
        )
    expected = HEADER.size + compressed_len + CHECKSUM_BYTES
    if len(data) < expected:
        raise ReplayError(f"truncated: {len(data)} bytes, the header announces {expected}")
    if len(data) > expected:
        raise ReplayError(f"{len(data) - expected} unexpected bytes after the checksum")
    body = data[: HEADER.size + compressed_len]
    if hashlib.sha256(body).digest() != data[-CHECKSUM_BYTES:]:
        raise ReplayError("checksum mismatch: the file was altered or damaged")
    if physics_version != PHYSICS_VERSION:
        raise ReplayError(
            f"recorded with physics version {physics_version}; this game runs physics version "
            f"{PHYSICS_VERSION}, so the run cannot be reproduced"
        )
    if payload_len > MAX_PAYLOAD_BYTES:
        raise ReplayError(f"payload of {payload_len} bytes is over the {MAX_PAYLOAD_BYTES}-byte limit")
    payload = _inflate(data[HEADER.size : HEADER.size + compressed_len], payload_len)
    return _decode_payload(payload, physics_version, format_version)


def _inflate(compressed: bytes, payload_len: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(compressed, payload_len + 1)
    except zlib.error as exc:
        raise ReplayError(f"compressed payload is damaged: {exc}") from None
    if len(payload) != payload_len or not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
        raise ReplayError(f"payload does not inflate to the announced {payload_len} bytes")
    return payload


class _Reader:
    """Reads the payload front to back; every read checks that the bytes are there."""

    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.pos = 0

    def take(self, count: int, what: str) -> memoryview:
        end = self.pos + count
        if end > len(self.data):
            raise ReplayError(f"payload ends inside {what} (needs {count} bytes at offset {self.pos})")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def unpack(self, fmt: struct.Struct, what: str) -> tuple:
        return fmt.unpack(self.take(fmt.size, what))

    def text(self, what: str, limit: int) -> str:
        (length,) = self.take(1, what)
        if length > limit:
            raise ReplayError(f"{what} is {length} bytes long, over the {limit}-byte limit")
        try:
            return bytes(self.take(length, what)).decode("utf-8")
        except UnicodeDecodeError:
            raise ReplayError(f"{what} is not valid UTF-8") from None

    def identifier(self, what: str) -> str:
        value = self.text(what, MAX_ID_BYTES)
        if not ID_PATTERN.match(value):
            raise ReplayError(f"{what} {value!r} is not a valid id (a-z, 0-9, '-', '_')")
        return value


def _decode_payload(payload: bytes, physics_version: int, format_version: int = FORMAT_VERSION) -> Replay:
    r = _Reader(payload)
    game_version = r.text("game version", MAX_ID_BYTES)
    track_id = r.identifier("track id")
    track_hash = bytes(r.take(32, "track hash")).hex()
    car_id = r.identifier("car id")
    settings = _decode_settings(r, car_id, format_version)
    category = r.identifier("category")
    car_number, recorded_utc_s = r.unpack(_META, "car number and date")
    if car_number > MAX_CAR_NUMBER:
        raise ReplayError(f"car number {car_number} is over {MAX_CAR_NUMBER}")
    if not 0 <= recorded_utc_s <= MAX_RECORDED_UTC_S:
        raise ReplayError(f"recording date {recorded_utc_s} is out of range")
    digest = NO_FIELD_DIGEST
    if format_version == CLEAR_ROAD_FORMAT_VERSION:
        settings = replace(settings, clear_road=True, car_number=car_number)
    else:
        settings = replace(settings, car_number=car_number)
        _check_car_number(settings)
        digest = bytes(r.take(FIELD_DIGEST_BYTES, "field digest"))
    result = _decode_result(r)
    (tick_count,) = r.unpack(_U32, "input count")
    if tick_count > MAX_TICKS:
        raise ReplayError(f"{tick_count} ticks is over the {MAX_TICKS}-tick limit (two hours)")
    raw = bytes(r.take(tick_count * RECORD_SIZE, "the input records"))
    try:
        inputs = tuple(unpack_records(raw))
    except InputRecordError as exc:
        raise ReplayError(f"bad input record: {exc}") from None
    if r.pos != len(payload):
        raise ReplayError(f"{len(payload) - r.pos} unexpected bytes after the input records")
    replay = Replay(
        game_version=game_version,
        physics_version=physics_version,
        track_id=track_id,
        track_hash=track_hash,
        settings=settings,
        category=category,
        car_number=car_number,
        recorded_utc_s=recorded_utc_s,
        result=result,
        inputs=inputs,
        field_digest=digest,
    )
    _check_claim_against_inputs(replay)
    return replay


def _decode_settings(r: _Reader, car_id: str, format_version: int = FORMAT_VERSION) -> RaceSettings:
    difficulty, gearbox, flyback, flags, laps, start_s, year, month, day, wound = r.unpack(
        _SETTINGS, "settings"
    )
    if difficulty >= len(DIFFICULTIES):
        raise ReplayError(f"difficulty code {difficulty} is unknown")
    if gearbox >= len(GEARBOXES):
        raise ReplayError(f"gearbox code {gearbox} is unknown")
    if flyback > 1:
        raise ReplayError(f"assisted fly-back flag {flyback} is neither 0 nor 1")
    if flags & ~(_ALL_FLAGS if format_version >= FORMAT_VERSION else _ALL_FLAGS_V1):
        raise ReplayError(f"unknown settings flags {flags:#04x}")
    settings = RaceSettings(
        car_id=car_id,
        difficulty=DIFFICULTIES[difficulty],  # type: ignore[arg-type]
        gearbox=GEARBOXES[gearbox],  # type: ignore[arg-type]
        assisted_flyback=bool(flyback),
        laps=laps if flags & _FLAG_LAPS else None,
        start_time_of_day_s=start_s if flags & _FLAG_START_TIME else None,
        date=(year, month, day) if flags & _FLAG_DATE else None,
        wound_turns=wound if flags & _FLAG_WOUND else None,
        clear_road=bool(flags & _FLAG_CLEAR_ROAD),
    )
    _check_settings(settings)
    unset = (
        (_FLAG_LAPS, laps != 0, "laps"),
        (_FLAG_START_TIME, start_s != 0, "start time of day"),
        (_FLAG_DATE, (year, month, day) != (0, 0, 0), "date"),
        (_FLAG_WOUND, wound != 0.0, "wound turns"),
    )
    for flag, present, what in unset:
        if not flags & flag and present:
            raise ReplayError(f"{what} is filled in but flagged as unset")
    return settings


def _decode_result(r: _Reader) -> RaceResult:
    finished, ticks, time_ms, penalty_ms, total_ms, split_count, trial_count = r.unpack(
        _CLAIM, "claimed result"
    )
    if finished > 1:
        raise ReplayError(f"finished flag {finished} is neither 0 nor 1")
    if split_count > MAX_SPLITS:
        raise ReplayError(f"{split_count} splits is over the {MAX_SPLITS}-split limit")
    if trial_count > MAX_TRIALS:
        raise ReplayError(f"{trial_count} trials is over the {MAX_TRIALS}-trial limit")
    splits = []
    for i in range(split_count):
        line_index, igt_ms = r.unpack(_SPLIT, f"split {i + 1}")
        splits.append(SplitSnapshot(line_index, r.text(f"split {i + 1}'s name", MAX_NAME_BYTES), igt_ms))
    trials = []
    for i in range(trial_count):
        trial, target_cs, measured_cs, points = r.unpack(_TRIAL, f"trial {i + 1}")
        trials.append(
            TrialResult(
                trial, r.text(f"trial {i + 1}'s name", MAX_NAME_BYTES), target_cs, measured_cs, points
            )
        )
    result = RaceResult(
        finished=bool(finished),
        ticks=ticks,
        time_ms=time_ms,
        penalty_ms=penalty_ms,
        total_ms=total_ms,
        splits=tuple(splits),
        trials=tuple(trials),
    )
    _check_result(result)
    return result


# ----------------------------------------------------------------------------------------------- checking


def _check_replay(replay: Replay) -> None:
    """The bounds a decoder enforces, applied before writing, so a written file always reads back."""
    _check_text(replay.game_version, "game version", MAX_ID_BYTES)
    for value, what in (
        (replay.track_id, "track id"),
        (replay.settings.car_id, "car id"),
        (replay.category, "category"),
    ):
        _check_text(value, what, MAX_ID_BYTES)
        if not ID_PATTERN.match(value):
            raise ReplayError(f"{what} {value!r} is not a valid id (a-z, 0-9, '-', '_')")
    if not re.fullmatch(r"[0-9a-f]{64}", replay.track_hash):
        raise ReplayError(f"track hash {replay.track_hash!r} is not a SHA-256 hex digest")
    if not 0 <= replay.physics_version <= 0xFFFF:
        raise ReplayError(f"physics version {replay.physics_version} is out of range")
    if not 0 <= replay.car_number <= MAX_CAR_NUMBER:
        raise ReplayError(f"car number {replay.car_number} is out of range 0..{MAX_CAR_NUMBER}")
    if replay.car_number != replay.settings.car_number:
        raise ReplayError(
            f"car number {replay.car_number} is not the settings' car number {replay.settings.car_number}"
        )
    _check_car_number(replay.settings)
    if len(replay.field_digest) != FIELD_DIGEST_BYTES:
        raise ReplayError(f"field digest is {len(replay.field_digest)} bytes, not {FIELD_DIGEST_BYTES}")
    if not 0 <= replay.recorded_utc_s <= MAX_RECORDED_UTC_S:
        raise ReplayError(f"recording date {replay.recorded_utc_s} is out of range")
    _check_settings(replay.settings)
    _check_result(replay.result)
    for split in replay.result.splits:
        _check_text(split.name, "split name", MAX_NAME_BYTES)
    for trial in replay.result.trials:
        _check_text(trial.name, "trial name", MAX_NAME_BYTES)
    if len(replay.inputs) > MAX_TICKS:
        raise ReplayError(f"{len(replay.inputs)} ticks is over the {MAX_TICKS}-tick limit (two hours)")
    _check_claim_against_inputs(replay)


def _check_text(value: str, what: str, limit: int) -> None:
    if len(value.encode("utf-8")) > limit:
        raise ReplayError(f"{what} {value[:40]!r}… is over the {limit}-byte limit")


def _check_settings(s: RaceSettings) -> None:
    if s.difficulty not in DIFFICULTIES:
        raise ReplayError(f"difficulty {s.difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    if s.gearbox not in GEARBOXES:
        raise ReplayError(f"gearbox {s.gearbox!r} is not one of {', '.join(GEARBOXES)}")
    if s.laps is not None and not 1 <= s.laps <= MAX_LAPS:
        raise ReplayError(f"laps {s.laps} is out of range 1..{MAX_LAPS}")
    if s.start_time_of_day_s is not None and not 0 <= s.start_time_of_day_s < SECONDS_PER_DAY:
        raise ReplayError(f"start time of day {s.start_time_of_day_s} s is not within a day")
    if s.date is not None:
        year, month, day = s.date
        if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
            raise ReplayError(f"date {year:04d}-{month:02d}-{day:02d} is out of range")
    if s.wound_turns is not None and not (
        math.isfinite(s.wound_turns) and 0.0 <= s.wound_turns <= MAX_WOUND_TURNS
    ):
        raise ReplayError(f"wound turns {s.wound_turns} is out of range 0..{MAX_WOUND_TURNS:g}")
    problem = watch_start_problem(
        time_of_day_s=s.start_time_of_day_s, date=s.date, wound_turns=s.wound_turns, difficulty=s.difficulty
    )
    if problem is not None:
        raise ReplayError(f"settings the watch would refuse: {problem}")


def _check_car_number(s: RaceSettings) -> None:
    """With the field on the road the number is a start time (hhmm): it places the field."""
    if s.clear_road:
        return
    try:
        start_time_from_number(s.car_number)
    except CarNumberError as exc:
        raise ReplayError(str(exc)) from None


def _check_result(r: RaceResult) -> None:
    limit_ms = MAX_TICKS * 10
    for value, what in ((r.time_ms, "time"), (r.total_ms, "total"), (r.penalty_ms, "penalty")):
        if not 0 <= value <= 0xFFFFFFFF:
            raise ReplayError(f"claimed {what} {value} ms is out of range")
    if r.time_ms > limit_ms:
        raise ReplayError(f"claimed time {r.time_ms} ms is longer than two hours")
    if r.total_ms != r.time_ms + r.penalty_ms:
        raise ReplayError(
            f"claimed total {r.total_ms} ms is not time {r.time_ms} + penalty {r.penalty_ms} ms"
        )
    if not 0 <= r.ticks <= MAX_TICKS:
        raise ReplayError(f"claimed {r.ticks} ticks is out of range")
    if len(r.splits) > MAX_SPLITS or len(r.trials) > MAX_TRIALS:
        raise ReplayError("too many splits or trials")
    previous = 0
    for split in r.splits:
        if not 0 <= split.line_index <= 0xFFFF:
            raise ReplayError(f"split line index {split.line_index} is out of range")
        if not previous <= split.igt_ms <= r.time_ms:
            raise ReplayError(
                f"split {split.name!r} at {split.igt_ms} ms is out of order or after the finish"
            )
        previous = split.igt_ms
    for trial in r.trials:
        if not 0 <= trial.trial <= 0xFFFF:
            raise ReplayError(f"trial number {trial.trial} is out of range")
        for value in (trial.target_cs, trial.measured_cs, trial.points):
            if not 0 <= value <= 0xFFFFFFFF:
                raise ReplayError(f"trial {trial.name!r} has a value out of range")


def _check_claim_against_inputs(replay: Replay) -> None:
    if replay.result.ticks != len(replay.inputs):
        raise ReplayError(f"claims {replay.result.ticks} ticks but holds {len(replay.inputs)} input records")


def make_replay(
    track: Track,
    settings: RaceSettings,
    result: RaceResult,
    inputs: Sequence[InputRecord],
    *,
    category: str,
    recorded_utc_s: int = 0,
) -> Replay:
    """The replay of a run just driven: this game's versions, the track's identity, the inputs counted.

    Records past `result.ticks` (the car rolling on after the finish) are dropped, so the replay holds exactly
    what `simulate()` consumes.
    """
    if len(inputs) < result.ticks:
        raise ReplayError(f"the result counts {result.ticks} ticks but only {len(inputs)} records were given")
    return Replay(
        game_version=__version__,
        physics_version=PHYSICS_VERSION,
        track_id=track.id,
        track_hash=track.content_hash,
        settings=settings,
        category=category,
        car_number=settings.car_number,
        recorded_utc_s=recorded_utc_s,
        result=result,
        inputs=tuple(inputs[: result.ticks]),
        field_digest=field_digest(result.field),
    )
