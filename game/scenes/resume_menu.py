"""The question a route left half-way asks: resume it or start anew from Brescia.

The speed route and the regularity route keep their progress apart but ask it the same way; each says what it
has driven so far and what resuming costs (a speedrun marked resumed, no points PB).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render.ui.menu import Menu, MenuItem
from game.render.ui.menu_view import draw_menu
from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER_DIM
from game.scenes.base import Scene
from game.scenes.context import Context
from game.sim.route_file import load_route


class ResumeRouteScene(Scene):
    """Resume at the next stage, start anew, or go back to the map."""

    def __init__(
        self,
        ctx: Context,
        *,
        title: str,
        next_stage: int,
        so_far: str,
        footer: str,
        on_resume: Callable[[], None],
        on_anew: Callable[[], None],
        on_back: Callable[[], None],
    ) -> None:
        super().__init__(ctx)
        self.so_far = f"{next_stage} stages driven · {so_far} so far"
        self._back = on_back
        total = len(load_route().stage_ids)
        self.menu = Menu(
            title,
            [
                MenuItem(f"Resume at stage {next_stage + 1} of {total}", on_resume),
                MenuItem("Start anew from Brescia", on_anew),
                MenuItem("Back", on_back),
            ],
            footer=footer,
        )

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_back", "pause"):
                self._back()
                return
            if self.menu.act(action):
                self.ctx.audio.play_ui("move")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        draw_menu(surface, self.menu, surface.get_width() // 2, 140, width=620)
        draw_text(
            surface, self.so_far, (surface.get_width() // 2, 100), size=22, colour=PAPER_DIM, anchor="midtop"
        )
