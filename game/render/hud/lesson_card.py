"""The watch lesson's card (docs/design.md §11): a small roadbook-style card beside the watch it talks about.

It stands on the watch it talks about when the watch sits in a corner, and beside it when the watch is in the
middle: never over the car (the middle of the screen, lower in the chase view), the watch, the timing strip
(top left) or the roadbook card (top centre). It draws a `game.speedrun.lesson.Prompt` and reads nothing else.
"""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_panel, draw_text, wrap_words
from game.render.ui.theme import PAPER, PAPER_DIM, RED
from game.speedrun.lesson import Prompt

CARD_W = 480
GAP = 14
PAD = 16
TITLE_SIZE = 21
LINE_SIZE = 18
LINE_H = 24
BAR_H = 6


def lesson_card_rect(screen: pygame.Rect, watch: pygame.Rect, height: int) -> pygame.Rect:
    """Where the card goes: above a watch in a corner, lined up with the screen's edge; to the right of a
    watch in the middle, bottom-aligned."""
    rect = pygame.Rect(0, 0, CARD_W, height)
    if watch.right > screen.right - CARD_W // 2:
        rect.bottomright = (screen.right - 12, watch.top - GAP)
    elif watch.left < screen.left + CARD_W // 2:
        rect.bottomleft = (screen.left + 12, watch.top - GAP)
    else:
        rect.bottomleft = (watch.right + GAP, screen.bottom - 12)
    return rect


def draw_lesson_card(target: pygame.Surface, prompt: Prompt, watch: pygame.Rect) -> pygame.Rect:
    """Draw the card beside `watch` (the watch's bounding box on `target`); returns where it went."""
    inner = CARD_W - 2 * PAD
    title = wrap_words(prompt.title, "ui_bold", TITLE_SIZE, inner)
    body = [line for text in prompt.lines for line in wrap_words(text, "ui", LINE_SIZE, inner)]
    height = (
        38
        + len(title) * 28
        + 6
        + len(body) * LINE_H
        + (BAR_H + 14 if prompt.progress is not None else 0)
        + 10
    )
    rect = lesson_card_rect(target.get_rect(), watch, height)
    draw_panel(target, rect, alpha=225, border=(70, 70, 78))
    header = (
        "LEARN THE WATCH" if prompt.number is None else f"LEARN THE WATCH · {prompt.number}/{prompt.steps}"
    )
    draw_text(target, header, (rect.left + PAD, rect.top + 10), role="ui_bold", size=16, colour=RED)
    if prompt.skip is not None:
        draw_text(
            target,
            f"{prompt.skip}: skip",
            (rect.right - PAD, rect.top + 10),
            role="ui",
            size=16,
            colour=PAPER_DIM,
            anchor="topright",
        )
    y = rect.top + 36
    for line in title:
        draw_text(target, line, (rect.left + PAD, y), role="ui_bold", size=TITLE_SIZE, colour=PAPER)
        y += 28
    y += 6
    for line in body:
        draw_text(target, line, (rect.left + PAD, y), role="ui", size=LINE_SIZE, colour=PAPER)
        y += LINE_H
    if prompt.progress is not None:
        y += 6
        bar = pygame.Rect(rect.left + PAD, y, inner, BAR_H)
        pygame.draw.rect(target, (70, 70, 78), bar, border_radius=3)
        done = bar.copy()
        done.width = round(inner * max(0.0, min(1.0, prompt.progress)))
        if done.width:
            pygame.draw.rect(target, RED, done, border_radius=3)
    return rect
