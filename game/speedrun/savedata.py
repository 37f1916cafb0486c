"""The speedrunner's record per category: attempts, PB, best segments, history, and the replays behind them.

One JSON file per category under `data_dir()/speedrun/`, holding the split names and every attempt (its
cumulative split times, when it started and ended, its replay's file name). Everything else is derived from
the attempts, so it can never disagree with them: finished count, PB (the fastest finished attempt; a tie
keeps the older), best segments (gold), sum of best, segment history (what LiveSplit's .lss calls it).

Writes go through `storage.atomic_write_text`, so a crash at any moment leaves the old file or the new one,
and every read-modify-write (counting an attempt, moving a damaged file aside) holds the file's lock
(`game.file_lock`), so two copies of the game saving at once both keep their attempts. A file that cannot be
read, or holds numbers no run can reach, is moved aside with `storage.quarantine` and reported
(`CorruptSaveError`, or the `recovered_from` of an attempt's outcome), never silently replaced; a file from a
newer game is left alone and refused (`SaveDataError`). Replays are written under `data_dir()/replays/` with
safe names that are unique even for two runs saved in the same second by two copies of the game.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.file_lock import locked
from game.sim.data_file import DataFileError, read_json_file
from game.sim.race_types import RaceResult
from game.speedrun.categories import Category, route_split_times_ms, split_times_ms
from game.speedrun.replay_format import ID_PATTERN, REPLAY_SUFFIX, Replay, write_replay
from game.speedrun.splits import best_segments_ms, segment_times_ms, sum_of_best_ms
from game.storage import atomic_write_text, data_dir, quarantine

SAVE_FORMAT_VERSION = 1
SPEEDRUN_FOLDER = "speedrun"
REPLAYS_FOLDER = "replays"
MAX_SPLITS = 1024
MAX_SPLIT_NAME_CHARS = 200
MAX_SPLIT_MS = 0xFFFF_FFFF
"""About 49.7 days: the widest time a replay's 32-bit ms fields carry, so no run recorded can be longer."""
MAX_ATTEMPTS = 1_000_000
"""Far past any player's count (a run a minute for two years); more can only be a damaged file."""
MAX_SAME_NAME_REPLAYS = 1000
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
MAX_SAVE_FILE_BYTES = 32 * 1024 * 1024
"""Tens of thousands of attempts; a larger file is set aside unread rather than parsed."""


class SaveDataError(Exception):
    """Save data that cannot be used as it is; the message names the file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class CorruptSaveError(SaveDataError):
    """A save file that could not be read; it was moved aside to `moved_to` (nothing is deleted)."""

    def __init__(self, message: str, path: Path, moved_to: Path) -> None:
        super().__init__(message, path)
        self.moved_to = moved_to


@dataclass(frozen=True, slots=True)
class Attempt:
    """One attempt: the splits it reached (cumulative ms), finished when it reached them all."""

    id: int
    started_utc: str | None
    """ISO 8601 UTC (`2025-05-01T07:22:00Z`), or None when unknown."""
    ended_utc: str | None
    split_ms: tuple[int, ...]
    finished: bool
    replay: str | None
    """File name under the replays folder, or None."""

    @property
    def final_ms(self) -> int | None:
        return self.split_ms[-1] if self.finished else None


@dataclass(frozen=True, slots=True)
class CategoryRecord:
    """Everything recorded for one category; the derived figures are computed from `attempts`."""

    category: str
    split_names: tuple[str, ...]
    attempts: tuple[Attempt, ...]

    @property
    def attempt_count(self) -> int:
        return len(self.attempts)

    @property
    def finished_count(self) -> int:
        return sum(1 for a in self.attempts if a.finished)

    @property
    def pb(self) -> Attempt | None:
        """The fastest finished attempt; on a tie the first to set the time keeps it."""
        best: Attempt | None = None
        for attempt in self.attempts:
            if attempt.finished and (best is None or attempt.split_ms[-1] < best.split_ms[-1]):
                best = attempt
        return best

    @property
    def pb_ms(self) -> int | None:
        pb = self.pb
        return None if pb is None else pb.split_ms[-1]

    @property
    def pb_split_ms(self) -> tuple[int, ...] | None:
        pb = self.pb
        return None if pb is None else pb.split_ms

    @property
    def pb_replay(self) -> str | None:
        pb = self.pb
        return None if pb is None else pb.replay

    @property
    def best_segments_ms(self) -> tuple[int | None, ...]:
        return best_segments_ms((a.split_ms for a in self.attempts), len(self.split_names))

    @property
    def sum_of_best_ms(self) -> int | None:
        return sum_of_best_ms(self.best_segments_ms)

    @property
    def segment_history(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Per segment, every (attempt id, segment ms) driven, in attempt order."""
        history: list[list[tuple[int, int]]] = [[] for _ in self.split_names]
        for attempt in self.attempts:
            for i, seg in enumerate(segment_times_ms(attempt.split_ms)):
                history[i].append((attempt.id, seg))
        return tuple(tuple(h) for h in history)


@dataclass(frozen=True, slots=True)
class AttemptOutcome:
    """What one attempt changed, for the results screen: a new PB, the gold segments, what was moved aside."""

    record: CategoryRecord
    attempt: Attempt
    new_pb: bool
    previous_pb_ms: int | None
    gold_segments: tuple[int, ...]
    """Indexes of the segments this attempt drove faster than ever before (or drove first)."""
    previous_best_segments_ms: tuple[int | None, ...]
    recovered_from: Path | None
    """Where an unreadable save file (or one with other splits) was moved before this attempt was saved."""


# -------------------------------------------------------------------------------------------------- paths


def category_path(category: str) -> Path:
    _check_category_name(category)
    return data_dir() / SPEEDRUN_FOLDER / f"{category}.json"


def replays_dir() -> Path:
    path = data_dir() / REPLAYS_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_category_name(category: str) -> None:
    if not ID_PATTERN.match(category) or len(category) > 64:
        raise ValueError(f"category {category!r} is not a valid name (a-z, 0-9, '-', '_')")


# ------------------------------------------------------------------------------------------------ loading


def load_category(category: str) -> CategoryRecord | None:
    """The record of `category`, or None if nothing was ever recorded.

    A file that cannot be read is moved aside and `CorruptSaveError` raised (the next call finds no file);
    a file written by a newer version of the game raises `SaveDataError` and stays where it is.
    """
    path = category_path(category)
    with locked(path):  # never read half of another process's write, nor move its good file aside
        try:
            doc = read_json_file(path, MAX_SAVE_FILE_BYTES)
        except DataFileError as exc:
            if exc.missing:
                return None
            raise _corrupt(path, f"cannot be read: {exc.problem}") from None
        version = doc.get("format_version") if isinstance(doc, dict) else None
        if isinstance(version, int) and version > SAVE_FORMAT_VERSION:
            raise SaveDataError(
                f"{path} was written by a newer version of the game (save format {version}, "
                f"this game reads {SAVE_FORMAT_VERSION}); it is left untouched",
                path,
            )
        try:
            record = _record_from_json(doc)
        except (KeyError, TypeError, ValueError) as exc:
            raise _corrupt(path, f"does not hold valid speedrun data: {exc}") from exc
        if record.category != category:
            raise _corrupt(path, f"holds category {record.category!r}, not {category!r}")
        return record


def _corrupt(path: Path, problem: str) -> CorruptSaveError:
    with locked(path):
        try:
            moved = quarantine(path)
        except FileNotFoundError:
            message = f"{path} {problem}; another copy of the game moved it aside at the same moment"
            return CorruptSaveError(message, path, path)
    return CorruptSaveError(f"{path} {problem}; it was moved aside to {moved}", path, moved)


def _record_from_json(doc: Any) -> CategoryRecord:
    if not isinstance(doc, dict):
        raise TypeError("the document is not an object")
    if doc["format_version"] != SAVE_FORMAT_VERSION:
        raise ValueError(f"format_version {doc['format_version']!r}")
    category = doc["category"]
    if not isinstance(category, str) or not ID_PATTERN.match(category):
        raise ValueError(f"category {category!r}")
    names = doc["split_names"]
    if not isinstance(names, list) or not names or len(names) > MAX_SPLITS:
        raise ValueError(f"split_names must be a list of 1 to {MAX_SPLITS} names")
    if not all(isinstance(n, str) and len(n) <= MAX_SPLIT_NAME_CHARS for n in names):
        raise TypeError(f"split names must be strings of at most {MAX_SPLIT_NAME_CHARS} characters")
    raw_attempts = doc["attempts"]
    if not isinstance(raw_attempts, list):
        raise TypeError("attempts must be a list")
    if len(raw_attempts) > MAX_ATTEMPTS:
        raise ValueError(f"{len(raw_attempts)} attempts is more than {MAX_ATTEMPTS}")
    attempts = []
    for i, raw in enumerate(raw_attempts):
        attempt = _attempt_from_json(raw, len(names))
        if attempt.id != i + 1:
            raise ValueError(f"attempt {i + 1} has id {attempt.id}")
        attempts.append(attempt)
    return CategoryRecord(category=category, split_names=tuple(names), attempts=tuple(attempts))


def _attempt_from_json(raw: Any, split_count: int) -> Attempt:
    if not isinstance(raw, dict):
        raise TypeError("an attempt is not an object")
    attempt_id = raw["id"]
    splits = raw["split_ms"]
    if not isinstance(attempt_id, int) or isinstance(attempt_id, bool):
        raise TypeError(f"attempt id {attempt_id!r}")
    if not isinstance(splits, list) or len(splits) > split_count:
        raise ValueError(f"attempt {attempt_id}: split_ms must be a list of at most {split_count} times")
    if not _fits(splits, split_count):
        raise ValueError(
            f"attempt {attempt_id}: split times must be whole ms from 0 to {MAX_SPLIT_MS}, never decreasing"
        )
    for key in ("started_utc", "ended_utc"):
        value = raw[key]
        if value is not None:
            if not isinstance(value, str):
                raise TypeError(f"attempt {attempt_id}: {key} must be a string")
            datetime.strptime(value, UTC_FORMAT)
    replay = raw["replay"]
    if replay is not None and (not isinstance(replay, str) or not _is_safe_file_name(replay)):
        raise ValueError(f"attempt {attempt_id}: replay {replay!r} is not a plain file name")
    return Attempt(
        id=attempt_id,
        started_utc=raw["started_utc"],
        ended_utc=raw["ended_utc"],
        split_ms=tuple(splits),
        finished=len(splits) == split_count,
        replay=replay,
    )


# ------------------------------------------------------------------------------------------------ writing


def record_attempt(
    category: str,
    split_names: Sequence[str],
    split_ms: Sequence[int] | None,
    replay_path: str | Path | None = None,
    *,
    started_utc: datetime | None = None,
    ended_utc: datetime | None = None,
) -> AttemptOutcome:
    """Count one attempt of `category` and save it; return what it changed.

    `split_ms` are the cumulative split times reached (all of them for a finished run; None or empty for a
    reset before the first split). `replay_path` is the attempt's replay under the replays folder (only its
    file name is kept). `ended_utc` defaults to now. If the file on disk was unreadable, or was recorded
    with other split names (the track changed), it is moved aside first and the outcome says where.
    """
    names = tuple(split_names)
    times = tuple(split_ms or ())
    if not names or len(names) > MAX_SPLITS or any(len(n) > MAX_SPLIT_NAME_CHARS for n in names):
        raise ValueError(
            f"a category needs 1 to {MAX_SPLITS} split names of up to {MAX_SPLIT_NAME_CHARS} chars"
        )
    if not _fits(times, len(names)):
        raise ValueError(
            f"split times {times} do not fit {len(names)} splits (cumulative ms from 0 to {MAX_SPLIT_MS}, "
            "never decreasing)"
        )
    replay = None if replay_path is None else _replay_name(replay_path)
    ended = _utc_text(ended_utc if ended_utc is not None else datetime.now(UTC))
    started = _utc_text(started_utc)
    path = category_path(category)
    with locked(path):  # from the read to the write: a second copy of the game waits, then adds to ours
        recovered: Path | None = None
        try:
            record = load_category(category)
        except CorruptSaveError as exc:
            warnings.warn(str(exc), stacklevel=2)
            record, recovered = None, exc.moved_to
        if record is not None and record.split_names != names:
            recovered = quarantine(path, reason="old-splits")
            warnings.warn(
                f"{path}: the splits of {category} changed; the old record was moved aside to {recovered}",
                stacklevel=2,
            )
            record = None
        if record is None:
            record = CategoryRecord(category=category, split_names=names, attempts=())
        if record.attempt_count >= MAX_ATTEMPTS:
            raise SaveDataError(f"{path} already holds {MAX_ATTEMPTS} attempts; export and move it", path)
        attempt = Attempt(
            id=record.attempt_count + 1,
            started_utc=started,
            ended_utc=ended,
            split_ms=times,
            finished=len(times) == len(names),
            replay=replay,
        )
        updated = CategoryRecord(category=category, split_names=names, attempts=(*record.attempts, attempt))
        _write(path, updated)
    previous_pb = record.pb_ms
    previous_best = record.best_segments_ms
    segments = segment_times_ms(times)
    gold = tuple(i for i, seg in enumerate(segments) if previous_best[i] is None or seg < previous_best[i])
    return AttemptOutcome(
        record=updated,
        attempt=attempt,
        new_pb=attempt.finished and (previous_pb is None or times[-1] < previous_pb),
        previous_pb_ms=previous_pb,
        gold_segments=gold,
        previous_best_segments_ms=previous_best,
        recovered_from=recovered,
    )


def record_result(
    category: Category,
    result: RaceResult | Sequence[RaceResult] | None,
    replay_path: str | Path | None = None,
    *,
    started_utc: datetime | None = None,
    ended_utc: datetime | None = None,
) -> AttemptOutcome:
    """`record_attempt` for a race result (a stage or the circuit) or a route's stage results in order."""
    if result is None:
        times: tuple[int, ...] = ()
    elif isinstance(result, RaceResult):
        times = split_times_ms(category, result)
    else:
        times = route_split_times_ms(category, result)
    return record_attempt(
        category.name, category.split_names, times, replay_path, started_utc=started_utc, ended_utc=ended_utc
    )


def _write(path: Path, record: CategoryRecord) -> None:
    doc = {
        "format_version": SAVE_FORMAT_VERSION,
        "category": record.category,
        "split_names": list(record.split_names),
        "attempts": [
            {
                "id": a.id,
                "started_utc": a.started_utc,
                "ended_utc": a.ended_utc,
                "split_ms": list(a.split_ms),
                "replay": a.replay,
            }
            for a in record.attempts
        ],
    }
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


def _fits(times: Sequence[object], split_count: int) -> bool:
    """Cumulative split times as a run makes them: whole ms in range, never decreasing, no more than splits."""
    if len(times) > split_count:
        return False
    previous = 0
    for t in times:
        if not isinstance(t, int) or isinstance(t, bool) or not previous <= t <= MAX_SPLIT_MS:
            return False
        previous = t
    return True


def _utc_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("attempt times must be timezone-aware (UTC)")
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def _replay_name(replay_path: str | Path) -> str:
    name = Path(replay_path).name
    if not _is_safe_file_name(name):
        raise ValueError(f"replay file name {name!r} is not a plain file name")
    return name


def _is_safe_file_name(name: str) -> bool:
    return bool(name) and len(name) <= 128 and all(c.isalnum() or c in "-_." for c in name) and name[0] != "."


# ------------------------------------------------------------------------------------------------ replays


def save_replay(replay: Replay) -> Path:
    """Write a run's replay under the replays folder with a unique, safe name; return its path.

    The name is claimed by creating the file exclusively (O_EXCL) before the replay is written over it, so
    two copies of the game saving a run of the same category in the same second never share a file: the
    second gets the next free `-N` suffix.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(replay.recorded_utc_s))
    outcome = f"{replay.result.total_ms}ms" if replay.result.finished else "dnf"
    folder = replays_dir()
    base = f"{replay.category}_{stamp}_{outcome}"
    for n in range(1, MAX_SAME_NAME_REPLAYS + 1):
        path = folder / f"{base}{'' if n == 1 else f'-{n}'}{REPLAY_SUFFIX}"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        try:
            return write_replay(path, replay)
        except BaseException:
            with contextlib.suppress(OSError):
                path.unlink()  # give the claimed name back rather than leave an empty replay
            raise
    raise OSError(f"{folder} already holds {MAX_SAME_NAME_REPLAYS} replays named {base}*{REPLAY_SUFFIX}")


def pb_replay_path(category: str) -> Path | None:
    """The PB's replay file for the ghost, or None (no PB, no replay, or the file is gone)."""
    try:
        record = load_category(category)
    except SaveDataError as exc:
        warnings.warn(str(exc), stacklevel=2)
        return None
    name = None if record is None else record.pb_replay
    if name is None:
        return None
    path = replays_dir() / name
    return path if path.is_file() else None
