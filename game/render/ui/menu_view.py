"""Draws a menu: a title in the poster serif, items in condensed sans, the selection in Mille Miglia red."""

from __future__ import annotations

import pygame

from game.render.ui.menu import Menu
from game.render.ui.text import draw_panel, draw_text, text_width
from game.render.ui.theme import PAPER, PAPER_DIM, RED

ITEM_SIZE = 26
ROW_H = 40


def draw_menu(
    target: pygame.Surface, menu: Menu, center_x: int, top: int, *, width: int = 560
) -> pygame.Rect:
    """Draw `menu` centred on `center_x` from `top`; returns the panel's rect."""
    height = 96 + ROW_H * len(menu.items) + (34 if menu.footer else 0)
    panel = pygame.Rect(0, 0, width, height)
    panel.midtop = (center_x, top)
    draw_panel(target, panel, alpha=225, border=(70, 70, 78))
    draw_text(
        target, menu.title, (center_x, panel.top + 18), role="title", size=38, colour=PAPER, anchor="midtop"
    )
    pygame.draw.line(target, RED, (panel.left + 40, panel.top + 72), (panel.right - 40, panel.top + 72), 2)
    y = panel.top + 88
    for index, item in enumerate(menu.items):
        selected = index == menu.cursor
        colour = PAPER if item.enabled else PAPER_DIM
        if selected:
            bar = pygame.Rect(panel.left + 18, y - 2, width - 36, ROW_H - 4)
            pygame.draw.rect(target, RED, bar, border_radius=6)
        label_x = panel.left + 36
        draw_text(target, item.label, (label_x, y + 3), role="ui_bold", size=ITEM_SIZE, colour=colour)
        if item.choices:
            value = f"‹ {item.value} ›" if selected else item.value
            draw_text(
                target,
                value,
                (panel.right - 36, y + 3),
                role="ui",
                size=ITEM_SIZE,
                colour=colour,
                anchor="topright",
            )
        y += ROW_H
    if menu.footer:
        footer = menu.current.hint or menu.footer
        if text_width(footer, "ui", 18) > width - 40:
            footer = footer[:80] + "…"
        draw_text(target, footer, (center_x, y + 8), role="ui", size=18, colour=PAPER_DIM, anchor="midtop")
    return panel
