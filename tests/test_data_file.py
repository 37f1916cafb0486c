"""The one strict reader behind every data file: what it refuses, that it says which file, and that it is quick."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.sim.data_file import MAX_JSON_DEPTH, DataFileError, parse_json, read_json_file, read_regular_file


def write(tmp_path: Path, data: bytes, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_strict_document_reads_back() -> None:
    text = '{"a": [1, -2.5, "é", true, null, {"b": "[{\\"}]"}], "c": "\\ud83d\\ude00"}'
    assert parse_json(text.encode("utf-8"), "doc.json") == {
        "a": [1, -2.5, "é", True, None, {"b": '[{"}]'}],
        "c": "😀",
    }


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'{"a": 1', "not valid JSON: Expecting"),
        (b"\xff\xfe{}", "is not UTF-8 text (byte 0xff at offset 0)"),
        (b'{"a": "caf\xe9"}', "is not UTF-8 text (byte 0xe9 at offset 10)"),
        (b"[NaN]", "NaN is not a number strict JSON allows"),
        (b"[-Infinity]", "-Infinity is not a number strict JSON allows"),
        (b"[1e999]", "number 1e999 is too large for a float"),
        (b"[" + b"9" * 5000 + b"]", "has more than 19 digits"),
        (b'{"a": 1, "a": 2}', "key 'a' appears twice in one object"),
        (b'["\\ud800"]', "a string holds a lone UTF-16 surrogate"),
        (b"[" * 100_000, f"nested more than {MAX_JSON_DEPTH} deep"),
        (b"[" * 100_000 + b"]" * 100_000, f"nested more than {MAX_JSON_DEPTH} deep"),
        (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, f"nested more than {MAX_JSON_DEPTH} deep"),
    ],
)
def test_what_strict_json_refuses_is_a_data_file_error_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(DataFileError) as error:
        parse_json(data, "saves/doc.json")
    assert str(error.value).startswith("saves/doc.json: ")
    assert problem in str(error.value)


def test_nesting_is_measured_outside_strings_and_escapes() -> None:
    inside_a_string = '["' + "[" * 1000 + '\\"' + "{" * 1000 + '"]'
    assert parse_json(inside_a_string.encode(), "x") == ["[" * 1000 + '"' + "{" * 1000]
    at_the_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert parse_json(at_the_limit.encode(), "x") is not None
    with pytest.raises(DataFileError, match="nested more than"):
        parse_json(("[" + at_the_limit + "]").encode(), "x")


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, b"[" + b"0," * 600 + b"0]")
    assert len(read_json_file(path, max_bytes=2000)) == 601
    with pytest.raises(
        DataFileError, match=r"doc\.json: 1203 bytes is too large \(the limit is 1000 bytes\)"
    ):
        read_json_file(path, max_bytes=1000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_and_never_opened_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(
        DataFileError, match=r"pipe\.json: is a named pipe, not a regular file; it was not read"
    ):
        read_json_file(fifo, max_bytes=1000)
    assert time.perf_counter() - started < 1.0


def test_folders_and_devices_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="is a folder, not a regular file"):
        read_regular_file(tmp_path, 1000)
    if Path("/dev/zero").exists():
        with pytest.raises(DataFileError, match="is a device, not a regular file"):
            read_regular_file("/dev/zero", 1000)


def test_a_missing_file_is_told_apart_from_a_bad_one(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as error:
        read_json_file(tmp_path / "absent.json", 1000)
    assert error.value.missing and "cannot read" in str(error.value)
    with pytest.raises(DataFileError) as error:
        read_json_file(write(tmp_path, b"{"), 1000)
    assert not error.value.missing


def test_a_large_flat_hostile_file_is_refused_in_bounded_time() -> None:
    started = time.perf_counter()
    for data in (b"[]" * 2_000_000, b'"\\"' * 1_000_000, b"[" * 4_000_000):
        with pytest.raises(DataFileError):
            parse_json(data, "x")
    assert time.perf_counter() - started < 5.0
