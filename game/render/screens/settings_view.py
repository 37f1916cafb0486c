"""Draws the settings screen: the page tabs heading a menu of the page's settings, and the selected hint.

The scene's menu starts with the page selector; it is drawn as the row of tabs in the panel's heading (lit
when selected, where ← → turn the page), and the rest as an ordinary menu below it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.render.screens.screen_frame import RULE_Y, draw_backdrop, wrap_text
from game.render.ui.menu import Menu
from game.render.ui.menu_view import draw_menu
from game.render.ui.text import draw_panel, draw_text, text_width
from game.render.ui.theme import PAPER, PAPER_DIM, RED

PANEL_W = 680
PANEL_TOP = RULE_Y + 34
TAB_SIZE = 26
HINT_SIZE = 20
HINT_LINES = 3
KEYS_HELP = (
    "↑ ↓ choose   ← → change (on the tabs: turn the page)   Enter toggles   Esc goes back (all is saved)"
)


def draw_settings(
    surface: pygame.Surface, title: str, pages: Sequence[str], page_index: int, menu: Menu
) -> tuple[pygame.Rect, pygame.Rect | None]:
    """The whole screen. `menu.items[0]` is the page selector. Returns the panel's and the hint's rects."""
    draw_backdrop(surface, title, KEYS_HELP)
    centre_x = surface.get_width() // 2
    rows = Menu("", menu.items[1:], cursor=menu.cursor - 1)
    panel = draw_menu(surface, rows, centre_x, PANEL_TOP, width=PANEL_W)
    _draw_tabs(surface, pages, page_index, panel, selected=menu.cursor == 0)
    hint = menu.current.hint
    if not hint:
        return panel, None
    box = pygame.Rect(0, 0, PANEL_W, 16 + HINT_LINES * (HINT_SIZE + 6))
    box.midtop = (centre_x, panel.bottom + 14)
    draw_panel(surface, box, alpha=160)
    y = box.top + 8
    for line in wrap_text(hint, "ui", HINT_SIZE, PANEL_W - 40, HINT_LINES):
        draw_text(surface, line, (box.left + 20, y), size=HINT_SIZE, colour=PAPER)
        y += HINT_SIZE + 6
    return panel, box


def _draw_tabs(
    surface: pygame.Surface, pages: Sequence[str], current: int, panel: pygame.Rect, *, selected: bool
) -> None:
    """The pages across the panel's heading; the current one underlined, on a red bar when selected."""
    gap = 40
    widths = [text_width(page, "ui_bold", TAB_SIZE) for page in pages]
    x = panel.centerx - (sum(widths) + gap * (len(pages) - 1)) // 2
    y = panel.top + 22
    for index, (page, width) in enumerate(zip(pages, widths, strict=True)):
        here = index == current
        if here and selected:
            bar = pygame.Rect(x - 14, y - 6, width + 28, TAB_SIZE + 14)
            pygame.draw.rect(surface, RED, bar, border_radius=6)
            draw_text(surface, "‹", (bar.left - 6, y - 2), role="ui_bold", size=TAB_SIZE, anchor="topright")
            draw_text(surface, "›", (bar.right + 6, y - 2), role="ui_bold", size=TAB_SIZE)
        elif here:
            pygame.draw.line(surface, RED, (x, y + TAB_SIZE + 6), (x + width, y + TAB_SIZE + 6), 3)
        colour = PAPER if here else PAPER_DIM
        draw_text(surface, page, (x, y), role="ui_bold", size=TAB_SIZE, colour=colour)
        x += width + gap
