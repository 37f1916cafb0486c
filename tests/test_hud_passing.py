"""The note naming the car just passed (or that just passed the player): what it says and for how long."""

from __future__ import annotations

import pygame

from game.render.hud.passing import SHOWN_S, PassingNote


def test_a_pass_is_named_for_a_moment_and_the_latest_replaces_the_last() -> None:
    note = PassingNote()
    assert note.shown(0.0) is None
    note.note(10.0, 705, "Ferrari 118 LM", passed=True)
    assert note.shown(10.0) == "Passed #705 · Ferrari 118 LM"
    assert note.shown(10.0 + SHOWN_S - 0.01) == "Passed #705 · Ferrari 118 LM"
    assert note.shown(10.0 + SHOWN_S) is None
    note.note(20.0, 728, "Ferrari 118 LM", passed=False)
    note.note(20.5, 2104, "Mercedes-Benz 180 D", passed=True)
    assert note.shown(21.0) == "Passed #2104 · Mercedes-Benz 180 D"
    note.clear()
    assert note.shown(21.0) is None


def test_the_note_is_drawn_centred_at_the_top() -> None:
    pygame.font.init()
    surface = pygame.Surface((1280, 720))
    note = PassingNote()
    assert note.draw(surface, 0.0) is None
    note.note(0.0, 728, "Ferrari 118 LM", passed=False)
    rect = note.draw(surface, 1.0)
    assert rect is not None and rect.top == 16 and abs(rect.centerx - 640) <= 1
    assert surface.get_at(rect.center)[:3] != (0, 0, 0)
