"""The official timing strip (docs/design.md §6): small, top left, out of the watch's way.

It shows the running IGT, the lap, and the last split with its delta to the personal best in the speedrun
colours. Inside a regularity trial its running value is hidden: the driver has only the watch (docs/design.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, PAPER_DIM, RED
from game.sim.snapshot import RaceSnapshot
from game.timefmt import format_delta, format_igt

STRIP_W = 300
HIDDEN = "--:--.---"


@dataclass(frozen=True, slots=True)
class SplitLine:
    """The last split as the strip shows it: name, time, and the delta to PB with its colour (or none)."""

    name: str
    igt_ms: int
    delta_ms: int | None
    colour: tuple[int, int, int]


def draw_timing_strip(
    target: pygame.Surface,
    snapshot: RaceSnapshot,
    *,
    stage_name: str,
    last_split: SplitLine | None,
    pb_ms: int | None,
    show_split_s: float,
    live_delta: tuple[int, tuple[int, int, int]] | None = None,
) -> pygame.Rect:
    rows = 2 + (1 if last_split is not None and show_split_s > 0 else 0)
    rect = pygame.Rect(16, 14, STRIP_W, 34 + 40 * rows)
    draw_panel(target, rect, alpha=190)
    x = rect.left + 14
    draw_text(target, stage_name, (x, rect.top + 8), role="ui_bold", size=17, colour=PAPER_DIM)
    if snapshot.laps > 1:
        lap = f"LAP {snapshot.lap}/{snapshot.laps}"
        draw_text(
            target,
            lap,
            (rect.right - 12, rect.top + 8),
            role="ui_bold",
            size=17,
            colour=PAPER,
            anchor="topright",
        )
    shown = HIDDEN if snapshot.in_trial and snapshot.phase == "racing" else format_igt(snapshot.igt_ms)
    draw_text(target, shown, (x, rect.top + 30), role="digits", size=34, colour=PAPER)
    if snapshot.in_trial and snapshot.phase == "racing":
        draw_text(
            target,
            "PROVA",
            (rect.right - 12, rect.top + 42),
            role="ui_bold",
            size=17,
            colour=RED,
            anchor="topright",
        )
    y = rect.top + 74
    pb = "PB " + (format_igt(pb_ms) if pb_ms is not None else "—")
    penalty = f"  pen +{snapshot.penalty_ms / 1000:.2f}" if snapshot.penalty_ms else ""
    draw_text(target, pb + penalty, (x, y), role="ui", size=18, colour=PAPER_DIM)
    if last_split is not None and show_split_s > 0:
        y += 30
        draw_text(target, last_split.name, (x, y), role="ui_bold", size=18, colour=PAPER)
        text = (
            format_delta(last_split.delta_ms)
            if last_split.delta_ms is not None
            else format_igt(last_split.igt_ms)
        )
        draw_text(
            target,
            text,
            (rect.right - 12, y),
            role="digits",
            size=20,
            colour=last_split.colour,
            anchor="topright",
        )
    return rect
