"""Big race messages: the countdown, VIA!, wrong way, a controller unplugged."""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, RED
from game.sim import TICK_HZ
from game.sim.snapshot import RaceSnapshot

GO_SHOWN_TICKS = 80


def draw_race_messages(target: pygame.Surface, snapshot: RaceSnapshot, racing_ticks: int) -> None:
    """The countdown's 3-2-1, then "VIA!" for a moment after GO, and "WRONG WAY" while it holds."""
    centre_x = target.get_width() // 2
    y = target.get_height() // 3
    if snapshot.phase == "countdown":
        seconds = -(-snapshot.countdown_ticks // TICK_HZ)
        _big(target, str(seconds), (centre_x, y), PAPER)
    elif snapshot.phase == "racing" and racing_ticks < GO_SHOWN_TICKS:
        _big(target, "VIA!", (centre_x, y), RED)
    if snapshot.wrong_way and snapshot.phase == "racing":
        rect = pygame.Rect(0, 0, 360, 56)
        rect.center = (centre_x, y + 90)
        draw_panel(target, rect, fill=(120, 10, 28), alpha=220)
        draw_text(target, "WRONG WAY", rect.center, role="ui_bold", size=32, colour=PAPER, anchor="center")


def _big(target: pygame.Surface, text: str, centre: tuple[int, int], colour: tuple[int, int, int]) -> None:
    draw_text(target, text, centre, role="title", size=110, colour=colour, anchor="center")
