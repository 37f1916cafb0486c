"""The .lss export: what LiveSplit's own XMLRunSaver would write, read back by an independent parser.

The round trip uses `lss_parser` (PyPI `lss-parser`), a parser written without this code; the structural test
checks element order, attributes and time formats field by field against what LiveSplit's XMLRunSaver writes
and its run factory reads.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.speedrun.lss import (
    GAME_NAME,
    export_lss,
    format_attempt_date,
    format_timespan,
    main_export_lss,
)
from game.speedrun.savedata import record_attempt

NAMES = ("Desenzano", 'Verona <centro> & "Arena"', "Arrivo · Verona")
SERIES = [
    (60_000, 125_000, 200_000),
    (58_000, 120_000),
    (61_000, 124_000, 198_500),
    (59_000, 123_500, 198_600),
]


def _record_series() -> None:
    for i, times in enumerate(SERIES):
        record_attempt(
            "01-brescia-verona",
            NAMES,
            times,
            started_utc=datetime(2025, 5, 1, 7, 22 + 5 * i, 3, tzinfo=UTC),
            ended_utc=datetime(2025, 5, 1, 7, 25 + 5 * i, 30, tzinfo=UTC),
        )


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "00:00:00"),
        (1, "00:00:00.0010000"),
        (83_000, "00:01:23"),
        (83_456, "00:01:23.4560000"),
        (3_723_004, "01:02:03.0040000"),
        (90_061_001, "1.01:01:01.0010000"),
        (-1_500, "-00:00:01.5000000"),
    ],
)
def test_times_are_written_as_dotnet_timespans(ms: int, text: str) -> None:
    assert format_timespan(ms) == text


def test_attempt_dates_are_written_as_livesplit_writes_them() -> None:
    assert format_attempt_date("2025-05-01T07:22:03Z") == "05/01/2025 07:22:03"


def test_the_file_starts_as_a_dotnet_xml_document(tmp_path: Path) -> None:
    _record_series()
    data = export_lss("01-brescia-verona", tmp_path / "splits.lss").read_bytes()
    assert data.startswith(
        b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\r\n<Run version="1.7.0">\r\n  <GameIcon />'
    )
    assert data.endswith(b"  <AutoSplitterSettings />\r\n</Run>")


def test_round_trip_through_an_independent_parser(tmp_path: Path) -> None:
    lss_parser = pytest.importorskip("lss_parser", reason="lss-parser is in the dev extra")
    _record_series()
    path = export_lss("01-brescia-verona", tmp_path / "splits.lss")
    run = lss_parser.load_lss_file(path)
    assert run.version == "1.7.0"
    assert run.game_name == GAME_NAME
    assert run.category_name == "01-brescia-verona"
    assert run.offset == "00:00:00"
    assert run.attempt_count == 4
    assert run.metadata.platform_uses_emulator is False
    assert [a.id for a in run.attempt_history] == ["1", "2", "3", "4"]
    assert [a.started for a in run.attempt_history] == [
        "05/01/2025 07:22:03",
        "05/01/2025 07:27:03",
        "05/01/2025 07:32:03",
        "05/01/2025 07:37:03",
    ]
    assert run.attempt_history[3].ended == "05/01/2025 07:40:30"
    assert not run.attempt_history[0].is_started_synced
    assert [(a.time.real_time, a.time.game_time) for a in run.attempt_history] == [
        ("00:03:20", "00:03:20"),
        (None, None),
        ("00:03:18.5000000", "00:03:18.5000000"),
        ("00:03:18.6000000", "00:03:18.6000000"),
    ]
    assert [s.name for s in run.segments] == list(NAMES)
    pb = [(s.split_times[0].name, s.split_times[0].time.game_time) for s in run.segments]
    assert pb == [
        ("Personal Best", "00:01:01"),
        ("Personal Best", "00:02:04"),
        ("Personal Best", "00:03:18.5000000"),
    ]
    assert [s.best_segment_time.real_time for s in run.segments] == [
        "00:00:58",
        "00:01:02",
        "00:01:14.5000000",
    ]
    history = [[(t.id, t.time.game_time) for t in s.segment_history] for s in run.segments]
    assert history == [
        [("1", "00:01:00"), ("2", "00:00:58"), ("3", "00:01:01"), ("4", "00:00:59")],
        [("1", "00:01:05"), ("2", "00:01:02"), ("3", "00:01:03"), ("4", "00:01:04.5000000")],
        [("1", "00:01:15"), ("3", "00:01:14.5000000"), ("4", "00:01:15.1000000")],
    ]
    assert run.auto_splitter_settings.splits == []


def _children(element: ET.Element) -> list[str]:
    return [child.tag for child in element]


def test_structure_matches_livesplits_saver_field_by_field(tmp_path: Path) -> None:
    _record_series()
    root = ET.parse(export_lss("01-brescia-verona", tmp_path / "splits.lss")).getroot()
    assert root.tag == "Run" and root.attrib == {"version": "1.7.0"}
    assert _children(root) == [
        "GameIcon",
        "GameName",
        "CategoryName",
        "LayoutPath",
        "Metadata",
        "Offset",
        "AttemptCount",
        "AttemptHistory",
        "Segments",
        "AutoSplitterSettings",
    ]
    metadata = root.find("Metadata")
    assert metadata is not None
    assert _children(metadata) == ["Run", "Platform", "Region", "Variables", "CustomVariables"]
    assert metadata.find("Run").attrib == {"id": ""}  # type: ignore[union-attr]
    assert metadata.find("Platform").attrib == {"usesEmulator": "False"}  # type: ignore[union-attr]
    attempts = root.findall("AttemptHistory/Attempt")
    assert list(attempts[0].attrib) == ["id", "started", "isStartedSynced", "ended", "isEndedSynced"]
    assert _children(attempts[0]) == ["RealTime", "GameTime"]
    assert _children(attempts[1]) == []  # a reset attempt has no time
    for segment in root.findall("Segments/Segment"):
        assert _children(segment) == ["Name", "Icon", "SplitTimes", "BestSegmentTime", "SegmentHistory"]
        split_times = segment.findall("SplitTimes/SplitTime")
        assert [s.get("name") for s in split_times] == ["Personal Best"]
        assert _children(split_times[0]) == ["RealTime", "GameTime"]
        assert _children(segment.find("BestSegmentTime")) == ["RealTime", "GameTime"]  # type: ignore[arg-type]
        for time in segment.findall("SegmentHistory/Time"):
            assert time.get("id", "").isdigit()
            assert time.findtext("RealTime") == time.findtext("GameTime")
    assert root.findtext("Segments/Segment[2]/Name") == NAMES[1]


def test_a_category_never_played_exports_its_splits_with_no_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.speedrun import lss
    from game.speedrun.categories import Category

    monkeypatch.setattr(
        lss,
        "resolve_category",
        lambda name: Category(name, "circuit", ("circuit",), 2, ("Lap 1", "Lap 2"), frozenset({0})),
    )
    root = ET.parse(export_lss("circuit-2", tmp_path / "c.lss")).getroot()
    assert root.findtext("AttemptCount") == "0"
    assert [s.findtext("Name") for s in root.findall("Segments/Segment")] == ["Lap 1", "Lap 2"]
    segment = root.find("Segments/Segment")
    assert segment is not None
    assert segment.find("SplitTimes/SplitTime").attrib == {"name": "Personal Best"}  # type: ignore[union-attr]
    assert _children(segment.find("SplitTimes/SplitTime")) == []  # type: ignore[arg-type]
    assert _children(segment.find("SegmentHistory")) == []  # type: ignore[arg-type]


def test_the_command_reports_what_it_wrote_and_refuses_unknown_categories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.speedrun import lss
    from game.speedrun.categories import CategoryError

    _record_series()
    out = io.StringIO()
    assert main_export_lss("01-brescia-verona", str(tmp_path / "s.lss"), out) == 0
    assert out.getvalue() == f"wrote {tmp_path / 's.lss'}: 01-brescia-verona, 4 attempts, PB 03:18.500\n"

    def unknown(name: str) -> None:
        raise CategoryError(f"unknown category {name!r}; valid categories: route")

    monkeypatch.setattr(lss, "resolve_category", unknown)
    out = io.StringIO()
    with pytest.raises(CategoryError, match=r"^unknown category 'nowhere'; valid categories: route$"):
        main_export_lss("nowhere", str(tmp_path / "n.lss"), out)  # the command line says it, exit 2
    assert out.getvalue() == "" and not (tmp_path / "n.lss").exists()
