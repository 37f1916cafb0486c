"""The frame shared by the full-screen menus (settings, controls): dark backdrop, poster title, key help.

Also the word wrapping their hint lines need, measured with the theme's fonts so a hint never runs off its
panel whatever the text.
"""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_text, text_width, wrap_words
from game.render.ui.theme import INK, INK_SOFT, PAPER, PAPER_DIM, RED

TITLE_TOP = 22
RULE_Y = 76
"""The red rule under the title; content starts below it."""
KEYS_BAND_H = 44
"""Height of the band along the bottom that tells which keys do what; content stays above it."""


def draw_backdrop(surface: pygame.Surface, title: str, keys_help: str) -> None:
    """Opaque dark screen with the title top-left, a red rule, and the key help along the bottom."""
    width, height = surface.get_size()
    surface.fill(INK)
    pygame.draw.rect(surface, INK_SOFT, pygame.Rect(0, 0, width, RULE_Y))
    draw_text(surface, title, (48, TITLE_TOP), role="title", size=40, colour=PAPER)
    pygame.draw.line(surface, RED, (0, RULE_Y), (width, RULE_Y), 3)
    pygame.draw.line(surface, INK_SOFT, (0, height - KEYS_BAND_H), (width, height - KEYS_BAND_H), 1)
    draw_text(
        surface,
        keys_help,
        (width // 2, height - KEYS_BAND_H // 2),
        size=18,
        colour=PAPER_DIM,
        anchor="center",
    )


def wrap_text(text: str, role: str, size: int, width_px: int, max_lines: int = 3) -> list[str]:
    """`text` broken at spaces into lines no wider than `width_px`; past `max_lines` the last ends in "…"."""
    lines = wrap_words(text, role, size, width_px)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(lines[-1] + " …", role, size, width_px)
    return [ellipsize(one, role, size, width_px) for one in lines]


def ellipsize(text: str, role: str, size: int, width_px: int) -> str:
    """`text`, cut and ended with "…" if it is wider than `width_px`."""
    if text_width(text, role, size) <= width_px:
        return text
    while text and text_width(text + "…", role, size) > width_px:
        text = text[:-1]
    return text.rstrip() + "…"
