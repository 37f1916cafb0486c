"""LiveSplit splits files (`.lss`), written as LiveSplit's own XMLRunSaver writes them.

LiveSplit must open the file as if it had saved it: `<Run version="1.7.0">`, elements in XMLRunSaver's order,
times as .NET's `TimeSpan.ToString()` writes them (`hh:mm:ss.fffffff`, the fraction left out when it is zero,
`d.` in front from a day up), attempt dates as `DateTime.ToString(InvariantCulture)` (`MM/dd/yyyy HH:mm:ss`,
UTC), booleans as `True`/`False`, two-space indentation, CRLF line ends, a UTF-8 byte order mark.

The game's clock is the only clock: pauses and menus never count, so RealTime and GameTime both carry the IGT
(penalties included in the final split). Attempt ids are the save data's (1, 2, …), so the segment history's
ids point at the attempt history as LiveSplit expects.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TextIO

from game.speedrun.categories import resolve_category
from game.speedrun.savedata import UTC_FORMAT, CategoryRecord, load_category
from game.storage import atomic_write_bytes
from game.timefmt import format_igt

LSS_VERSION = "1.7.0"
GAME_NAME = "Mille Miglia · Lab One"
PERSONAL_BEST = "Personal Best"
"""The comparison LiveSplit stores the PB's split times under."""

NEWLINE = "\r\n"
INDENT = "  "
TICKS_PER_MS = 10_000
"""A .NET TimeSpan counts 100 ns ticks."""

EXIT_OK = 0


def format_timespan(ms: int) -> str:
    """A duration as .NET's `TimeSpan.ToString()` ("c" format) writes it: `[-][d.]hh:mm:ss[.fffffff]`."""
    sign = "-" if ms < 0 else ""
    ticks = abs(int(ms)) * TICKS_PER_MS
    seconds_total, fraction = divmod(ticks, 10_000_000)
    days, rest = divmod(seconds_total, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{text}.{fraction:07d}" if fraction else text


def format_attempt_date(utc_text: str) -> str:
    """An attempt's start or end (`2025-05-01T07:22:00Z`) as LiveSplit writes it: `05/01/2025 07:22:00`."""
    return datetime.strptime(utc_text, UTC_FORMAT).strftime("%m/%d/%Y %H:%M:%S")


def lss_text(record: CategoryRecord) -> str:
    """The whole .lss document for a category's record (without the byte order mark)."""
    w = _XmlWriter()
    w.line('<?xml version="1.0" encoding="UTF-8"?>')
    w.open("Run", version=LSS_VERSION)
    w.empty("GameIcon")
    w.text("GameName", GAME_NAME)
    w.text("CategoryName", record.category)
    w.empty("LayoutPath")
    w.open("Metadata")
    w.empty("Run", id="")
    w.empty("Platform", usesEmulator="False")
    w.empty("Region")
    w.empty("Variables")
    w.empty("CustomVariables")
    w.close("Metadata")
    w.text("Offset", format_timespan(0))
    w.text("AttemptCount", str(record.attempt_count))
    _attempt_history(w, record)
    _segments(w, record)
    w.empty("AutoSplitterSettings")
    w.close("Run")
    return w.result()


def _attempt_history(w: _XmlWriter, record: CategoryRecord) -> None:
    if not record.attempts:
        w.empty("AttemptHistory")
        return
    w.open("AttemptHistory")
    for attempt in record.attempts:
        attrs: dict[str, str] = {"id": str(attempt.id)}
        if attempt.started_utc is not None:
            attrs["started"] = format_attempt_date(attempt.started_utc)
            attrs["isStartedSynced"] = "False"
        if attempt.ended_utc is not None:
            attrs["ended"] = format_attempt_date(attempt.ended_utc)
            attrs["isEndedSynced"] = "False"
        _time_element(w, "Attempt", attempt.final_ms, **attrs)
    w.close("AttemptHistory")


def _segments(w: _XmlWriter, record: CategoryRecord) -> None:
    pb = record.pb_split_ms
    best = record.best_segments_ms
    history = record.segment_history
    w.open("Segments")
    for i, name in enumerate(record.split_names):
        w.open("Segment")
        w.text("Name", name)
        w.empty("Icon")
        w.open("SplitTimes")
        _time_element(w, "SplitTime", None if pb is None else pb[i], name=PERSONAL_BEST)
        w.close("SplitTimes")
        _time_element(w, "BestSegmentTime", best[i])
        if history[i]:
            w.open("SegmentHistory")
            for attempt_id, segment_ms in history[i]:
                _time_element(w, "Time", segment_ms, id=str(attempt_id))
            w.close("SegmentHistory")
        else:
            w.empty("SegmentHistory")
        w.close("Segment")
    w.close("Segments")


def _time_element(w: _XmlWriter, tag: str, ms: int | None, **attrs: str) -> None:
    """LiveSplit's Time.ToXml: RealTime then GameTime children, or an empty element for no time."""
    if ms is None:
        w.empty(tag, **attrs)
        return
    w.open(tag, **attrs)
    w.text("RealTime", format_timespan(ms))
    w.text("GameTime", format_timespan(ms))
    w.close(tag)


class _XmlWriter:
    """Just enough of .NET's indented XmlTextWriter: the exact bytes LiveSplit's files have."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def line(self, text: str) -> None:
        self.lines.append(INDENT * self.depth + text)

    def open(self, tag: str, **attrs: str) -> None:
        self.line(f"<{tag}{_attrs(attrs)}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.line(f"</{tag}>")

    def empty(self, tag: str, **attrs: str) -> None:
        self.line(f"<{tag}{_attrs(attrs)} />")

    def text(self, tag: str, value: str) -> None:
        if value == "":
            self.empty(tag)
        else:
            self.line(f"<{tag}>{_escape(value)}</{tag}>")

    def result(self) -> str:
        return NEWLINE.join(self.lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {key}="{_escape(value).replace(chr(34), "&quot;")}"' for key, value in attrs.items())


def export_lss(category: str, out_path: str | Path) -> Path:
    """Write `category`'s splits, PB, best segments and history as a .lss file (atomically).

    A category never played yet still exports, with its split names and no times, so a runner can set up
    LiveSplit before the first attempt. Raises CategoryError for an unknown category, SaveDataError for
    unreadable save data.
    """
    return _write_lss(_record_for(category), out_path)


def _record_for(category: str) -> CategoryRecord:
    record = load_category(category)
    if record is None:
        resolved = resolve_category(category)
        record = CategoryRecord(category=resolved.name, split_names=resolved.split_names, attempts=())
    return record


def _write_lss(record: CategoryRecord, out_path: str | Path) -> Path:
    path = Path(out_path)
    atomic_write_bytes(path, ("\ufeff" + lss_text(record)).encode("utf-8"))
    return path


def main_export_lss(category: str, out: str, stdout: TextIO) -> int:
    """`python -m game export-lss --category NAME --out FILE.lss`: 0 written.

    An unknown category, save data that cannot be read (set aside, never lost) or a file that cannot be
    written raises, naming what; the command line reports it on stderr with exit 2 (`game.cli.main`).
    """
    record = _record_for(category)
    try:
        path = _write_lss(record, out)
    except OSError as exc:  # named for the file asked for, not the temporary file beside it
        raise OSError(exc.errno, f"cannot write: {exc.strerror or exc}", out) from None
    pb = record.pb_ms
    pb_text = "no PB yet" if pb is None else f"PB {format_igt(pb)}"
    stdout.write(f"wrote {path}: {category}, {record.attempt_count} attempts, {pb_text}\n")
    return EXIT_OK
