"""A small icon of the watch for the game's window: the real HUD, drawn large and reduced, strap cropped."""

from __future__ import annotations

import numpy as np
import pygame

from game.render.watch import geometry as g
from game.render.watch.hud import WatchHud
from watch_core import LabOne

ICON_TIME_OF_DAY_S = 10 * 3600 + 8 * 60 + 37
"""Ten past ten, as watches are photographed..."""
ICON_DATE = (1955, 5, 1)
"""...on the day Moss won the 1955 Mille Miglia."""
ICON_SPEED_KMH = 150.0
"""The red arrow at 12 o'clock."""


def make_window_icon(size_px: int = 64) -> pygame.Surface:
    """A square, transparent-backed picture of the Lab One, ``size_px`` wide."""
    hud = WatchHud(max(240, size_px * 4))
    state = LabOne(time_of_day_s=ICON_TIME_OF_DAY_S, date=ICON_DATE).state
    w, _ = hud.size
    crop_h = round((g.CASE_H_MM + 2 * g.LUG_HEIGHT_MM + 1.5) * hud.px_per_mm)
    factor = -(-max(w, crop_h) // size_px)
    side = factor * size_px
    # drawn over black and over white: the difference between the two is the watch's coverage (alpha)
    boards = []
    for ground in ((0, 0, 0), (255, 255, 255)):
        board = pygame.Surface((side, side))
        board.fill(ground)
        hud.draw(board, (side // 2, side // 2), state, ICON_SPEED_KMH)
        boards.append(pygame.surfarray.array3d(board).astype(np.float32))
    on_black, on_white = boards
    alpha = np.clip(1.0 - (on_white - on_black).mean(axis=-1) / 255.0, 0.0, 1.0)
    # box-filter down (pygame's smoothscale rounds opaque pixels to 253): on_black is already premultiplied
    prem = on_black.reshape(size_px, factor, size_px, factor, 3).mean(axis=(1, 3))
    alpha = alpha.reshape(size_px, factor, size_px, factor).mean(axis=(1, 3))
    colour = np.clip(prem / np.maximum(alpha, 1e-3)[..., None], 0, 255)
    icon = pygame.Surface((size_px, size_px), pygame.SRCALPHA)
    rgb = pygame.surfarray.pixels3d(icon)
    rgb[...] = (colour + 0.5).astype(np.uint8)
    del rgb
    a = pygame.surfarray.pixels_alpha(icon)
    a[...] = (alpha * 255.0 + 0.5).astype(np.uint8)
    del a
    return icon
