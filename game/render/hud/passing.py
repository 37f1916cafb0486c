"""Who was just passed on the road, named for a moment at the top of the screen (docs/design.md §9).

The race says when the player passes a car of the field or is passed (`Overtook`, `OvertakenBy`); this keeps
the latest one and shows it for `SHOWN_S` of game time, so a replay shows the same notes at the same moments.
"""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_panel, draw_text, text_width
from game.render.ui.theme import PAPER, PAPER_DIM

SHOWN_S = 2.5
SIZE_PX = 20


class PassingNote:
    """The latest pass, as one line: "Passed #705 · Ferrari 118 LM" or "#728 Ferrari 118 LM passed you"."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.passed = True
        self._until_s = 0.0

    def clear(self) -> None:
        self.text = None

    def note(self, at_s: float, number: int, model_name: str, *, passed: bool) -> None:
        """The player passed car `number` (`passed`), or it passed the player, at game time `at_s`."""
        self.passed = passed
        self.text = f"Passed #{number} · {model_name}" if passed else f"#{number} {model_name} passed you"
        self._until_s = at_s + SHOWN_S

    def shown(self, now_s: float) -> str | None:
        if self.text is None or now_s >= self._until_s:
            return None
        return self.text

    def draw(self, target: pygame.Surface, now_s: float, top: int = 16) -> pygame.Rect | None:
        text = self.shown(now_s)
        if text is None:
            return None
        width = text_width(text, "ui_bold", SIZE_PX) + 32
        rect = pygame.Rect(0, top, width, SIZE_PX + 18)
        rect.centerx = target.get_width() // 2
        draw_panel(target, rect, alpha=200)
        colour = PAPER if self.passed else PAPER_DIM
        draw_text(target, text, rect.center, role="ui_bold", size=SIZE_PX, colour=colour, anchor="center")
        return rect
