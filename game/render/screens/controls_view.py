"""Draws the controls screen: every action with its keyboard and gamepad inputs, conflicts in red, and
across the title band what config.toml asked for that could not be used.

The scene hands over plain text (what each cell says, which cells conflict, the notes), so this module needs
nothing of `game.input`; it only lays the table out, scrolls it and draws the capture prompt.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render.screens.screen_frame import RULE_Y, TITLE_TOP, draw_backdrop, ellipsize, wrap_text
from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import INK, PAPER, PAPER_DIM, RED

ROW_H = 30
TEXT_SIZE = 20
HEAD_Y = RULE_Y + 16
LIST_TOP = HEAD_Y + 36
VISIBLE_ROWS = 15
"""Rows shown at once; the list scrolls to keep the cursor in view."""
FOOTER_TOP = LIST_TOP + VISIBLE_ROWS * ROW_H + 10
FOOTER_SIZE = 19
FOOTER_LINES = 3
FOOTER_H = FOOTER_LINES * (FOOTER_SIZE + 6) + 6

LABEL_X = 48
COLUMN_X = (350, 620)
COLUMN_W = (256, 296)
NOTE_X = 930
NOTE_W = 1280 - NOTE_X - 40
COLUMN_TITLES = ("Keyboard", "Gamepad")
CONFLICT_RED = (242, 84, 96)
"""The arrow red lightened so conflict text stays legible on the dark rows and the selection band."""
KEYS_HELP = "↑ ↓ action   ← → keyboard / gamepad   Enter rebinds   Esc goes back (all is saved)"
NOTICE_X = 300
"""Left edge of the notice in the title band (the title "Controls" ends well before)."""
NOTICE_SIZE = 17
NOTICE_LINES = 2


@dataclass(frozen=True, slots=True)
class ControlsRow:
    """One line of the table. `kind` is "action" (two cells), "section" (a heading) or "button"."""

    label: str
    kind: str = "action"
    cells: tuple[str, str] = ("", "")
    conflicted: tuple[bool, bool] = (False, False)
    note: str = ""


@dataclass(frozen=True, slots=True)
class ControlsView:
    rows: tuple[ControlsRow, ...]
    cursor: int
    """Index into `rows` of the selected row (never a section)."""
    column: int
    """0 keyboard, 1 gamepad."""
    scroll: int
    """Index of the first row shown."""
    footer: str
    """What the selected row needs explaining: its conflicts, or what Enter will do."""
    prompt: str = ""
    """Set while waiting for the new key or button."""
    notice: str = ""
    """What config.toml asked for that could not be used; empty when everything could."""


def scroll_for(cursor: int, scroll: int, row_count: int) -> int:
    """The first row to show so that `cursor` is in view, moving the window as little as possible."""
    if cursor < scroll:
        scroll = cursor
    elif cursor >= scroll + VISIBLE_ROWS:
        scroll = cursor - VISIBLE_ROWS + 1
    return max(0, min(scroll, max(0, row_count - VISIBLE_ROWS)))


def draw_controls(surface: pygame.Surface, title: str, view: ControlsView) -> None:
    draw_backdrop(surface, title, KEYS_HELP)
    for x, name in zip(COLUMN_X, COLUMN_TITLES, strict=True):
        draw_text(surface, name, (x, HEAD_Y), role="ui_bold", size=22, colour=PAPER_DIM)
    draw_text(surface, "Problems", (NOTE_X, HEAD_Y), role="ui_bold", size=22, colour=PAPER_DIM)
    if view.notice:
        width = surface.get_width() - NOTICE_X - 40
        for number, line in enumerate(wrap_text(view.notice, "ui", NOTICE_SIZE, width, NOTICE_LINES)):
            y = TITLE_TOP - 8 + number * (NOTICE_SIZE + 6)
            draw_text(surface, line, (NOTICE_X, y), size=NOTICE_SIZE, colour=CONFLICT_RED)
    shown = view.rows[view.scroll : view.scroll + VISIBLE_ROWS]
    for offset, row in enumerate(shown):
        index = view.scroll + offset
        _draw_row(surface, row, LIST_TOP + offset * ROW_H, index == view.cursor, view)
    margin_x = (LABEL_X - 14) // 2
    if view.scroll > 0:
        draw_text(surface, "▲", (margin_x, LIST_TOP + ROW_H // 2), size=18, colour=PAPER_DIM, anchor="center")
    if view.scroll + VISIBLE_ROWS < len(view.rows):
        last_y = LIST_TOP + (VISIBLE_ROWS - 1) * ROW_H + ROW_H // 2
        draw_text(surface, "▼", (margin_x, last_y), size=18, colour=PAPER_DIM, anchor="center")
    footer = pygame.Rect(LABEL_X - 14, FOOTER_TOP - 4, surface.get_width() - 2 * (LABEL_X - 14), FOOTER_H)
    if view.prompt:
        draw_panel(surface, footer, fill=INK, alpha=255, border=RED, radius=8)
        draw_text(surface, view.prompt, footer.center, role="ui_bold", size=24, colour=PAPER, anchor="center")
        return
    colour = CONFLICT_RED if view.footer.startswith(("Conflict", "Not used")) else PAPER
    lines = wrap_text(view.footer, "ui", FOOTER_SIZE, footer.width - 28, FOOTER_LINES)
    for number, line in enumerate(lines):
        y = FOOTER_TOP + number * (FOOTER_SIZE + 6)
        draw_text(surface, line, (LABEL_X, y), size=FOOTER_SIZE, colour=colour)


def _draw_row(surface: pygame.Surface, row: ControlsRow, y: int, selected: bool, view: ControlsView) -> None:
    if row.kind == "section":
        draw_text(surface, row.label.upper(), (LABEL_X, y + 8), role="ui_bold", size=16, colour=RED)
        pygame.draw.line(surface, (60, 60, 68), (LABEL_X, y + ROW_H - 3), (NOTE_X + NOTE_W, y + ROW_H - 3), 1)
        return
    if selected:
        band = pygame.Rect(LABEL_X - 14, y, NOTE_X + NOTE_W - LABEL_X + 28, ROW_H - 2)
        pygame.draw.rect(surface, (44, 44, 52), band, border_radius=5)
    draw_text(surface, row.label, (LABEL_X, y + 3), role="ui_bold", size=TEXT_SIZE, colour=PAPER)
    if row.kind != "action":
        if selected:
            pygame.draw.rect(
                surface, RED, pygame.Rect(LABEL_X - 14, y, 300, ROW_H - 2), width=2, border_radius=5
            )
        return
    for column, (x, width) in enumerate(zip(COLUMN_X, COLUMN_W, strict=True)):
        text = row.cells[column] or "—"
        cell_selected = selected and column == view.column
        if cell_selected:
            cell = pygame.Rect(x - 10, y, width + 14, ROW_H - 2)
            pygame.draw.rect(surface, RED, cell, border_radius=5)
        colour = PAPER if row.cells[column] else PAPER_DIM
        if row.conflicted[column] and not cell_selected:
            colour = CONFLICT_RED
        if cell_selected and view.prompt:
            text, colour = "press…", PAPER
        text = ellipsize(text, "ui", TEXT_SIZE, width)
        draw_text(surface, text, (x, y + 3), size=TEXT_SIZE, colour=colour)
        if cell_selected and row.conflicted[column] and not view.prompt:
            pygame.draw.rect(
                surface, PAPER, pygame.Rect(x - 10, y, width + 14, ROW_H - 2), 2, border_radius=5
            )
    if row.note:
        note = ellipsize(row.note, "ui", 18, NOTE_W)
        draw_text(surface, note, (NOTE_X, y + 5), size=18, colour=CONFLICT_RED)
