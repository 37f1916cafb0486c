"""The pause menu, drawn over whatever was paused (the race stands still: only the top scene ticks)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render.ui.menu import Menu, MenuItem
from game.render.ui.menu_view import draw_menu
from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator


class PauseScene(Scene):
    opaque = False

    def __init__(
        self,
        ctx: Context,
        nav: Navigator,
        *,
        on_restart: Callable[[], None] | None = None,
        on_quit: Callable[[], None] | None = None,
        reason: str = "",
    ) -> None:
        super().__init__(ctx)
        self.reason = reason
        items = [MenuItem("Resume", self._resume)]
        if on_restart is not None:
            items.append(MenuItem("Restart", lambda: self._then(on_restart)))
        items += [
            MenuItem("Settings", nav.open_settings),
            MenuItem("Controls", nav.open_controls),
        ]
        if on_quit is not None:
            items.append(MenuItem("Leave to the map", lambda: self._then(on_quit)))
        items.append(MenuItem("Quit game", nav.quit))
        self.menu = Menu("Pausa", items, footer="Esc or Start resumes")

    def enter(self) -> None:
        self.ctx.audio.pause()

    def leave(self) -> None:
        self.ctx.audio.resume()

    def _resume(self) -> None:
        self.ctx.stack.pop()

    def _then(self, action: Callable[[], None]) -> None:
        self.ctx.stack.pop()
        action()

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("pause", "menu_back"):
                self._resume()
                return
            sound = self.menu.act(action)
            if sound:
                self.ctx.audio.play_ui(sound if sound != "change" else "move")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((8, 8, 10, 150))
        surface.blit(shade, (0, 0))
        panel = draw_menu(surface, self.menu, surface.get_width() // 2, 150, width=480)
        if self.reason:
            draw_text(
                surface, self.reason, (panel.centerx, panel.top - 40), size=24, colour=PAPER, anchor="midtop"
            )
