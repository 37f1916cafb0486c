"""Colours and type of the game's screens: 1950s race-poster cream and red on the watch's black DLC."""

from __future__ import annotations

from functools import cache

import pygame

from game.resources import asset_path

INK = (16, 17, 20)
"""The near-black of the watch case: screen backgrounds."""
INK_SOFT = (30, 32, 38)
PAPER = (239, 230, 210)
"""Warm cream: body text and panels, like the race's paper road book."""
PAPER_DIM = (182, 174, 156)
RED = (200, 16, 46)
"""The Mille Miglia arrow red: titles, the selection, warnings."""
RED_DARK = (120, 10, 28)
GOLD = (214, 175, 55)
SILVER = (192, 196, 204)
BRONZE = (184, 115, 51)
MOSS = (200, 16, 46)
"""The top "722" medal wears the arrow's red."""

# Speedrun timer colours, as LiveSplit's defaults use them.
AHEAD_GAINING = (0, 204, 54)
AHEAD_LOSING = (82, 204, 115)
BEHIND_GAINING = (204, 92, 82)
BEHIND_LOSING = (204, 18, 0)
BEST_SEGMENT = (216, 175, 31)

FONT_FILES = {
    "title": "DejaVuSerifCondensed-BoldItalic.ttf",
    "ui": "DejaVuSansCondensed.ttf",
    "ui_bold": "DejaVuSansCondensed-Bold.ttf",
    "digits": "DejaVuSansMono-Bold.ttf",
}
"""DejaVu (Bitstream Vera licence, assets/fonts/LICENSE-DejaVu.txt): shipped so every machine sees the same type."""


@cache
def font(role: str, size: int) -> pygame.font.Font:
    """A cached font of one of the theme's roles (title, ui, ui_bold, digits) at a pixel size."""
    if not pygame.font.get_init():
        pygame.font.init()
    path = asset_path("fonts", FONT_FILES[role])
    return pygame.font.Font(str(path), size)


def medal_colour(medal: str | None) -> tuple[int, int, int]:
    return {"moss": MOSS, "gold": GOLD, "silver": SILVER, "bronze": BRONZE}.get(medal or "", PAPER_DIM)


SPLIT_COLOURS = {
    "ahead_gaining": AHEAD_GAINING,
    "ahead_losing": AHEAD_LOSING,
    "behind_gaining": BEHIND_GAINING,
    "behind_losing": BEHIND_LOSING,
    "best_segment": BEST_SEGMENT,
    "none": PAPER,
}


def split_colour(name: str) -> tuple[int, int, int]:
    """The RGB of a speedrun split colour name (`game.speedrun.splits.SplitColor`)."""
    return SPLIT_COLOURS.get(name, PAPER)
