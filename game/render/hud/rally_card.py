"""The regularity rally's cards: the roadbook of the stage or of the trial block ahead, and the control's clock.

None of them runs a timer (docs/design.md §10): the roadbook gives lengths and target times, the driver times
them on the watch. The official clock shows only at the control, where the timekeeper's clock hangs.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, PAPER_DIM, RED
from game.sim.rally_book import RoadBook
from game.sim.rally_timing import RallySnapshot
from game.sim.track import TimingLine, Track

CARD_W = 470
LINE_H = 26


def hhmm(tod_s: float) -> str:
    whole = int(tod_s)
    return f"{whole // 3600 % 24:02d}:{whole // 60 % 60:02d}"


def roadbook_lines(book: RoadBook, done: int, *, block: int | None = None) -> list[tuple[str, bool]]:
    """(line, done) for the stage's PCs (or one block's), its PM and its CO, in road order."""
    lines: list[tuple[str, bool]] = []
    for i, pc in enumerate(book.pcs):
        if block is not None and pc.block != block:
            continue
        chained = " ↳" if pc.chained else ""
        lines.append((f"{pc.name}{chained} · {pc.length_m:.0f} m in {pc.target_cs / 100:.0f} s", i < done))
    if block is None:
        for pm in book.pms:
            km = (pm.end_s_m - pm.start_s_m) / 1000
            lines.append((f"{pm.name} · {km:.2f} km at {pm.average_kmh:.0f} km/h average", False))
        lines.append((f"CO · check in at {hhmm(book.co.target_tod_s)}", False))
    return lines


CO_HATCH_EVERY_M = 4.0
"""The painted zone's hatches: one across the road every 4 m."""


def current_block(rally: RallySnapshot, s_m: float) -> int | None:
    """The block the car is in or close to (300 m before its first line), else None."""
    for pc in rally.book.pcs:
        first = next(p for p in rally.book.pcs if p.block == pc.block)
        last = [p for p in rally.book.pcs if p.block == pc.block][-1]
        if first.start_s_m - 300.0 <= s_m <= last.end_s_m + 20.0:
            return pc.block
    return None


def draw_rally_card(
    target: pygame.Surface, rally: RallySnapshot, *, centre_x: int, top: int, block: int | None
) -> None:
    """The roadbook card: the whole stage (countdown) or the block ahead (`block`)."""
    lines = roadbook_lines(rally.book, len(rally.pcs), block=block)
    title = "ROADBOOK · REGOLARITÀ" if block is None else f"ROADBOOK · BLOCCO {block} · PROVE CRONOMETRATE"
    rect = pygame.Rect(0, 0, CARD_W, 44 + LINE_H * len(lines))
    rect.midtop = (centre_x, top)
    draw_panel(target, rect, alpha=215, border=(70, 70, 78))
    draw_text(target, title, (rect.left + 16, rect.top + 10), role="ui_bold", size=16, colour=RED)
    for i, (line, done) in enumerate(lines):
        mark = "✓ " if done else "   "
        colour = PAPER_DIM if done else PAPER
        draw_text(
            target,
            mark + line,
            (rect.left + 16, rect.top + 36 + LINE_H * i),
            role="ui",
            size=19,
            colour=colour,
        )


def draw_control_clock(target: pygame.Surface, rally: RallySnapshot, *, centre_x: int, top: int) -> None:
    """At the control only: the timekeeper's clock, to the second, and the stage's ideal minute."""
    official = rally.official_tod_s
    if official is None:
        return
    whole = int(official)
    rect = pygame.Rect(0, 0, 330, 118)
    rect.midtop = (centre_x, top)
    draw_panel(target, rect, alpha=230, border=RED)
    draw_text(
        target, "CONTROLLO ORARIO", (rect.left + 16, rect.top + 10), role="ui_bold", size=16, colour=RED
    )
    clock = f"{whole // 3600 % 24:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"
    draw_text(target, clock, (rect.left + 16, rect.top + 32), role="ui_bold", size=44, colour=PAPER)
    stamp = rally.co
    if stamp is not None and stamp.checked_in_tod_s is not None:
        note = f"stamped {hhmm(stamp.checked_in_tod_s)} · ideal {hhmm(stamp.target_tod_s)}"
    else:
        note = f"your minute: {hhmm(rally.book.co.target_tod_s)}"
    draw_text(target, note, (rect.left + 16, rect.top + 88), role="ui", size=18, colour=PAPER_DIM)


def format_points(points: float) -> str:
    """Points as the event's sheets print them, whole, thousands apart by a thin space ("3 738")."""
    return f"{points:,.0f}".replace(",", "\u2009")


def track_with_rally_tubes(track: Track, book: RoadBook) -> Track:
    """The track as the regularity rally's world shows it: the roadbook's PC and PM lines laid as tubes (with
    their timekeepers), the speed race's prova left out; the PM's secret points stay secret."""
    kept = tuple(line for line in track.timing_lines if line.kind not in ("trial_start", "trial_end"))
    tubes: dict[float, TimingLine] = {}
    for pc in book.pcs:
        tubes.setdefault(pc.start_s_m, TimingLine("trial_start", pc.start_s_m, f"{pc.name} · via"))
        tubes[pc.end_s_m] = TimingLine("trial_end", pc.end_s_m, f"{pc.name} · stop")
    for pm in book.pms:
        tubes[pm.start_s_m] = TimingLine("trial_start", pm.start_s_m, f"{pm.name} · via")
        tubes[pm.end_s_m] = TimingLine("trial_end", pm.end_s_m, f"{pm.name} · stop")
    return replace(
        track, timing_lines=kept + tuple(tubes[s] for s in sorted(tubes)) + control_zone_marks(book)
    )


def control_zone_marks(book: RoadBook) -> tuple[TimingLine, ...]:
    """The control zone as the world paints it: its two ends, and a hatch every few metres between them, so a
    driver sees where to stop for the check-in (the board "CO" stands at the zone's first line)."""
    co = book.co
    inside = co.zone_end_s_m - co.zone_start_s_m
    hatches = max(1, round(inside / CO_HATCH_EVERY_M))
    return (
        TimingLine("control_start", co.zone_start_s_m, f"{co.name} · zone"),
        *(
            TimingLine("control_zone", co.zone_start_s_m + inside * n / hatches, co.name)
            for n in range(1, hatches)
        ),
        TimingLine("control_end", co.zone_end_s_m, f"{co.name} · end"),
    )
