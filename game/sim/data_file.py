"""Reading a data file nobody vouches for: tracks, cars, the route, save data, route progress, replays.

Every reader of the game's files goes through here, so each gets the same guarantees, whatever is on disk:
only a regular file is read (a named pipe, a folder or a device is refused before it is opened, and a file
swapped for one between the check and the open is refused unread, so nothing ever blocks); the size is
capped before reading; the text must be UTF-8; the JSON must be strict (no NaN or Infinity, no number too
large for a float, no integer longer than 19 digits, no key twice in one object, no lone UTF-16 surrogate)
and nested no deeper than a limit, measured on the text before the parser recurses. Every failure is a
`DataFileError` whose message starts with the file; each caller turns it into its own error type.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import numpy as np

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
"""Track, car and category ids: lower-case ASCII, digits, '-' and '_', at most 64 long (they name files)."""

MAX_JSON_DEPTH = 32
"""The deepest nesting of arrays and objects any of the game's JSON files has is 4."""

MAX_INTEGER_DIGITS = 19
"""Every integer in the game's files fits in 64 bits; a longer one is refused before Python converts it."""

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)
"""O_NONBLOCK: opening a named pipe that appeared after the check returns at once instead of waiting for a
writer (it is then refused by fstat). It changes nothing for a regular file."""

_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*+(?:"|\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_DEPTH_CHUNK = 1 << 20


class DataFileError(ValueError):
    """A file that cannot be used as data; the message is `<file>: <problem>`.

    `missing` is true when there is no file at all, which some callers treat as "nothing saved yet".
    """

    def __init__(self, source: str | Path, problem: str, *, missing: bool = False) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = str(source)
        self.problem = problem
        self.missing = missing


class _Refused(ValueError):
    """Valid JSON syntax that strict JSON still refuses (NaN, a repeated key, a 400-digit integer, ...)."""


def read_regular_file(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them, or DataFileError."""
    path = Path(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise _unreadable(path, exc) from None
    _require_regular(path, info.st_mode)
    if info.st_size > max_bytes:
        raise DataFileError(path, f"{info.st_size} bytes is too large (the limit is {max_bytes} bytes)")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            _require_regular(path, os.fstat(handle.fileno()).st_mode)
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if len(data) > max_bytes:
        raise DataFileError(path, f"is too large (the limit is {max_bytes} bytes)")
    return data


def _unreadable(path: Path, exc: OSError | ValueError) -> DataFileError:
    reason = getattr(exc, "strerror", None) or exc
    return DataFileError(path, f"cannot read: {reason}", missing=isinstance(exc, FileNotFoundError))


def _require_regular(path: Path, mode: int) -> None:
    kind = non_regular_kind(mode)
    if kind is not None:
        raise DataFileError(path, f"is {kind}, not a regular file; it was not read")


def non_regular_kind(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is not a regular file ("a folder", "a named pipe", ...), else
    None: said the same way whether the game refuses to read it or to write over it."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def read_json_file(path: str | Path, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The strict JSON document in the regular file at `path`, or DataFileError."""
    return parse_json(read_regular_file(path, max_bytes), str(path), max_depth)


def parse_json(data: bytes, source: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Decode strict JSON from UTF-8 bytes; `source` heads every error message."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            source, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if _deeper_than(text, max_depth):
        raise DataFileError(source, f"not valid JSON: arrays and objects nested more than {max_depth} deep")
    try:
        document = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_finite_float,
            parse_constant=_no_constant,
        )
    except (ValueError, RecursionError) as exc:
        raise DataFileError(source, f"not valid JSON: {exc}") from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(document, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise DataFileError(source, "not valid JSON: a string holds a lone UTF-16 surrogate") from None
    return document


def _deeper_than(text: str, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit`, in time linear in the text and without recursion.

    Escapes go first (so an escaped quote ends no string), then strings (with any brackets in them), then
    everything but brackets; the running count of what is left is the depth.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    if len(brackets) <= limit:
        return False
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    depth = 0
    for start in range(0, len(codes), _DEPTH_CHUNK):
        chunk = codes[start : start + _DEPTH_CHUNK]
        steps = np.where((chunk == ord("[")) | (chunk == ord("{")), np.int8(1), np.int8(-1))
        running = np.cumsum(steps, dtype=np.int64) + depth
        if int(running.max()) > limit:
            return True
        depth = int(running[-1])
    return False


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(f"key {key[:40]!r} appears twice in one object")
            seen.add(key)
    return document


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _Refused(f"integer {text[:24]}… has more than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"number {text[:24]} is too large for a float")
    return value


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number strict JSON allows")


def pretty_json(document: dict[str, Any], *, sort_keys: bool = True) -> str:
    """The project's data files as text: one top-level key per line and one item per line of a list of
    records, so the bytes are a function of the content (regenerated files are byte-identical) and diffs stay
    readable. `sort_keys` False keeps the document's own key order (a file meant to be read top to bottom)."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=sort_keys, separators=(", ", ": "), ensure_ascii=False)

    keys = sorted(document) if sort_keys else list(document)
    lines = ["{"]
    for k_index, key in enumerate(keys):
        value = document[key]
        comma = "," if k_index < len(keys) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict | list):
            lines.append(f"  {compact(key)}: [")
            lines.extend(
                f"    {compact(item)}{',' if i < len(value) - 1 else ''}" for i, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {compact(key)}: {compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
