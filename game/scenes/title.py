"""The title screen: the attract mode drives behind the name of the game and its menu."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game import __version__
from game.render.ui.menu import Menu, MenuItem
from game.render.ui.text import draw_text
from game.render.ui.theme import INK, PAPER, PAPER_DIM, RED
from game.scenes.attract import AttractDemo
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator

FADE_IN_S = 0.6


class TitleScene(Scene):
    wants_ticks = True

    def __init__(self, ctx: Context, nav: Navigator, *, demo_stage: int = 0) -> None:
        super().__init__(ctx)
        self.nav = nav
        self.demo_stage = demo_stage
        self.demo: AttractDemo | None = None
        """Built after the first frame is on screen, so the title appears at once and the drive fades in."""
        self.frames_drawn = 0
        self.demo_fade = 0.0
        self.menu = Menu(
            "",
            [
                MenuItem(
                    "Race a stage",
                    lambda: self._mode("race", nav.to_stage_select),
                    hint="Stages, the 1940 circuit, your personal bests",
                ),
                MenuItem(
                    "Mille Miglia",
                    lambda: self._mode("race", nav.to_route),
                    hint="Brescia → Roma → Brescia, every stage in order",
                ),
                MenuItem("Settings", nav.open_settings, hint="Display, sound, difficulty, the watch"),
                MenuItem("Controls", nav.open_controls, hint="Keyboard and gamepad, rebind anything"),
                MenuItem(
                    "Regularity rally",
                    lambda: self._mode("regularity", nav.to_stage_select),
                    hint="The Mille Miglia today: time controls and trials, the watch your only timer",
                ),
                MenuItem(
                    "Learn the watch",
                    nav.to_lesson,
                    hint="Winding, the pusher, a prova: short prompts over the first stage",
                ),
                MenuItem("Quit", nav.quit),
            ],
        )

    def _mode(self, rally: str, go: Callable[[], None]) -> None:
        """The speed race of 1955 or the regularity rally of today, for the races started from here on."""
        self.ctx.rally = rally
        go()

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("pause", "menu_back"):
                continue
            sound = self.menu.act(action)
            if sound:
                self.ctx.audio.play_ui("confirm" if sound == "confirm" else "move")

    def tick(self) -> None:
        if self.demo is not None:
            self.demo.tick()

    def frame(self, dt_s: float) -> None:
        if self.demo is None:
            if self.frames_drawn:
                self.demo = AttractDemo(self.ctx.display.surface.get_size(), 230, first=self.demo_stage)
                self.ctx.frame_clock.reset()
            return
        self.demo_fade = min(1.0, self.demo_fade + dt_s / FADE_IN_S)
        self.demo.frame(dt_s, self.ctx.frame_clock.alpha)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        width, height = surface.get_size()
        self.frames_drawn += 1
        if self.demo is None:
            surface.fill(INK)
        else:
            self.demo.draw(surface, alpha, watch_centre=(width - 190, height - 130))
            if self.demo_fade < 1.0:
                cover = pygame.Surface((width, height))
                cover.fill(INK)
                cover.set_alpha(round(255 * (1.0 - self.demo_fade)))
                surface.blit(cover, (0, 0))
        veil = pygame.Surface((540, height), pygame.SRCALPHA)
        for x in range(540):
            veil.fill((10, 10, 12, int(235 * (1 - (x / 540) ** 2))), pygame.Rect(x, 0, 1, height))
        surface.blit(veil, (0, 0))
        draw_text(surface, "MILLE MIGLIA", (48, 54), role="title", size=76, colour=PAPER)
        pygame.draw.line(surface, RED, (52, 146), (452, 146), 4)
        draw_text(surface, "LAB ONE", (52, 156), role="ui_bold", size=34, colour=RED)
        draw_text(surface, "Brescia · Roma · Brescia", (54, 200), role="ui", size=22, colour=PAPER_DIM)
        self._draw_menu(surface)
        draw_text(surface, f"v{__version__}", (52, height - 34), role="ui", size=16, colour=PAPER_DIM)

    def _draw_menu(self, surface: pygame.Surface) -> None:
        y = 270
        for index, item in enumerate(self.menu.items):
            selected = index == self.menu.cursor
            if selected:
                pygame.draw.polygon(surface, RED, [(52, y + 8), (70, y + 18), (52, y + 28)])
            draw_text(
                surface,
                item.label,
                (84, y),
                role="ui_bold",
                size=32 if selected else 28,
                colour=PAPER if selected else PAPER_DIM,
            )
            y += 50
        hint = self.menu.current.hint
        if hint:
            draw_text(surface, hint, (54, y + 18), role="ui", size=19, colour=PAPER_DIM)
