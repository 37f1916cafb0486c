"""The roadbook's lines for a stage: each regularity trial's length and posted target time (docs/design.md §5)."""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, RED
from game.sim.track import Track


def trial_briefs(track: Track) -> list[str]:
    """ "Prova 1 · 587 m in 20.50 s" for every trial of the track, in road order."""
    starts = {line.trial: line for line in track.timing_lines if line.kind == "trial_start"}
    briefs = []
    for line in sorted(track.timing_lines, key=lambda t: t.s_m):
        if line.kind != "trial_end" or line.trial not in starts:
            continue
        start = starts[line.trial]
        name = start.name.split(" · ")[0]
        briefs.append(f"{name} · {line.s_m - start.s_m:.0f} m in {line.target_s:.2f} s")
    return briefs


def draw_roadbook_card(target: pygame.Surface, briefs: list[str], centre_x: int, top: int) -> None:
    """The card shown during the countdown: what the trials ask, so the driver can set the watch."""
    if not briefs:
        return
    rect = pygame.Rect(0, 0, 460, 46 + 28 * len(briefs))
    rect.midtop = (centre_x, top)
    draw_panel(target, rect, alpha=215, border=(70, 70, 78))
    draw_text(
        target,
        "ROADBOOK · PROVE CRONOMETRATE",
        (rect.left + 16, rect.top + 10),
        role="ui_bold",
        size=16,
        colour=RED,
    )
    for i, brief in enumerate(briefs):
        draw_text(target, brief, (rect.left + 16, rect.top + 36 + 28 * i), role="ui", size=20, colour=PAPER)
