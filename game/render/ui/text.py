"""Text and panels drawn the same way on every screen (cached glyph runs: menus redraw every frame)."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.render.ui.theme import INK, font

Colour = tuple[int, int, int]


@lru_cache(maxsize=1024)
def _rendered(text: str, role: str, size: int, colour: Colour) -> pygame.Surface:
    return font(role, size).render(text, True, colour)


def text_surface(text: str, role: str, size: int, colour: Colour) -> pygame.Surface:
    return _rendered(text, role, size, colour)


def draw_text(
    target: pygame.Surface,
    text: str,
    pos: tuple[float, float],
    *,
    role: str = "ui",
    size: int = 22,
    colour: Colour = (239, 230, 210),
    anchor: str = "topleft",
    shadow: bool = True,
) -> pygame.Rect:
    """Draw one line of text anchored at `pos` (any pygame.Rect anchor name); returns where it went."""
    surf = _rendered(text, role, size, colour)
    rect = surf.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    if shadow:
        shade = _rendered(text, role, size, INK)
        shade_rect = rect.move(max(1, size // 14), max(1, size // 14))
        target.blit(shade, shade_rect)
    target.blit(surf, rect)
    return rect


def text_width(text: str, role: str, size: int) -> int:
    return font(role, size).size(text)[0]


def draw_panel(
    target: pygame.Surface,
    rect: pygame.Rect,
    *,
    fill: Colour = INK,
    alpha: int = 215,
    border: Colour | None = None,
    radius: int = 10,
) -> None:
    """A rounded translucent panel, so text stays legible over the moving world."""
    target.blit(_panel(rect.size, fill, alpha, border, radius), rect)


@lru_cache(maxsize=64)
def _panel(
    size: tuple[int, int], fill: Colour, alpha: int, border: Colour | None, radius: int
) -> pygame.Surface:
    """Panels are drawn every frame over the race: built once per size and look."""
    panel = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(panel, (*fill, alpha), panel.get_rect(), border_radius=radius)
    if border is not None:
        pygame.draw.rect(panel, (*border, 255), panel.get_rect(), width=2, border_radius=radius)
    return panel


def forget_fonts() -> None:
    """Drop every cached font and glyph run: they die with `pygame.quit()` and must not outlive it."""
    _rendered.cache_clear()
    _panel.cache_clear()
    font.cache_clear()


def wrap_words(text: str, role: str, size: int, width_px: int) -> list[str]:
    """`text` broken at spaces into lines no wider than `width_px` (a word wider than that stands alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, role, size) > width_px:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
