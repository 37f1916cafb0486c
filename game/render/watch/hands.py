"""The hands: hours and minutes (lume in polished frames, each with its soft shadow), the two sub-dial
needles, and the red Mille Miglia arrow that travels the flange's speed scale.

Each is painted once, pointing at 12, and turned by a :class:`Rotor` that caches every quantised angle, so a
steady hand costs a look-up and a blit. Shadows are turned with their hand but always fall to the lower right,
away from the one light.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pygame

from game.render.watch import geometry as g
from game.render.watch.paint import PREMUL, Rotor, circle_polygon, mix, sprite_canvas
from game.render.watch.palette import LUME, RED

FRAME_DARK = (58, 60, 66)
FRAME_BRIGHT = (232, 235, 242)

HOUR_OUTLINE: tuple[g.Point, ...] = (
    (-0.42, 1.5),
    (-0.8, -1.0),
    (-0.84, -6.5),
    (0.0, -g.HOUR_HAND_MM),
    (0.84, -6.5),
    (0.8, -1.0),
    (0.42, 1.5),
)
HOUR_LUME: tuple[g.Point, ...] = (
    (-0.5, -1.7),
    (-0.55, -6.35),
    (0.0, -g.HOUR_HAND_MM + 0.85),
    (0.55, -6.35),
    (0.5, -1.7),
)
MINUTE_OUTLINE: tuple[g.Point, ...] = (
    (-0.32, 2.2),
    (-0.58, -1.0),
    (-0.6, -11.0),
    (0.0, -g.MINUTE_HAND_MM),
    (0.6, -11.0),
    (0.58, -1.0),
    (0.32, 2.2),
)
MINUTE_LUME: tuple[g.Point, ...] = (
    (-0.35, -1.9),
    (-0.39, -10.85),
    (0.0, -g.MINUTE_HAND_MM + 0.85),
    (0.39, -10.85),
    (0.35, -1.9),
)


def _ridge(half_width: float):
    """A polished hand with a central ridge: bright along its spine, darker towards its edges."""

    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return mix(FRAME_DARK, FRAME_BRIGHT, 0.95 - 0.75 * np.abs(x) / half_width)

    return shade


def _lume(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return mix((196, 190, 168), LUME, 0.8 + 0.2 * np.clip(-y / 10.0, 0, 1) - 0.25 * np.abs(x))


class Hand:
    """A hand on a pivot, with its shadow on the dial ``lift_mm`` below it."""

    def __init__(
        self,
        px_per_mm: float,
        outline: Sequence[g.Point],
        lume: Sequence[g.Point] | None,
        hub_r: float,
        tail_weight: tuple[float, float] | None,
        step_deg: float,
        lift_mm: float,
        tip: Sequence[g.Point] | None = None,
    ) -> None:
        reach = max(math.hypot(x, y) for x, y in outline) + 0.4
        half_w = max(abs(x) for x, _ in outline)
        canvas = sprite_canvas(reach, px_per_mm)
        silhouette = canvas.blank()
        for board, paint in ((canvas, _ridge(half_w)), (silhouette, (0, 0, 0))):
            board.fill(outline, paint)
            board.fill(circle_polygon((0.0, 0.0), hub_r, 40), paint)
            if tail_weight is not None:
                board.fill(circle_polygon((0.0, tail_weight[0]), tail_weight[1], 32), paint)
        if lume is not None:
            canvas.fill(lume, _lume)
        if tip is not None:
            canvas.fill(tip, RED)
        self.rotor = Rotor(canvas.result(), step_deg)
        shadow = silhouette.result()
        shadow = pygame.transform.box_blur(shadow, max(1, round(px_per_mm * 0.35)))
        shadow.fill((0, 0, 0, 120), special_flags=pygame.BLEND_RGBA_MULT)
        self.shadow = Rotor(shadow, step_deg)
        self.shadow_offset_px = (lift_mm * 0.55 * px_per_mm, lift_mm * 0.83 * px_per_mm)

    def blit(self, target: pygame.Surface, pivot_px: tuple[float, float], angle_deg: float) -> None:
        dx, dy = self.shadow_offset_px
        self.shadow.blit(target, (pivot_px[0] + dx, pivot_px[1] + dy), angle_deg)
        self.rotor.blit(target, pivot_px, angle_deg)


def hour_hand(px_per_mm: float) -> Hand:
    return Hand(px_per_mm, HOUR_OUTLINE, HOUR_LUME, 1.05, (1.9, 0.62), 0.25, 0.7)


def minute_hand(px_per_mm: float) -> Hand:
    return Hand(px_per_mm, MINUTE_OUTLINE, MINUTE_LUME, 0.85, (2.55, 0.52), 0.25, 1.0)


def subdial_needle(px_per_mm: float, red_tip: bool) -> Hand:
    r = g.SUBDIAL_ARC_R - 0.05
    outline = ((-0.2, 0.9), (-0.26, -0.6), (0.0, -r), (0.26, -0.6), (0.2, 0.9))
    tip = ((-0.15, -r + 1.1), (0.0, -r), (0.15, -r + 1.1)) if red_tip else None
    return Hand(px_per_mm, outline, None, 0.48, (1.0, 0.36), 0.5, 0.4, tip=tip)


# ---- the speed arrow -------------------------------------------------------------------------------------------
ARROW_LEN_MM = 5.0
ARROW_STEP_DEG = 0.25
ARROW_TIP_IN_MM = 0.12
"""The tip stops just inside the flange's outer edge, touching the ticks."""


def _arrow_outline(grow: float = 0.0) -> list[g.Point]:
    h = ARROW_LEN_MM / 2
    barb_y = -h + 1.7
    return [
        (0.0, -h - grow * 1.6),
        (1.1 + grow * 1.4, barb_y + grow),
        (0.4 + grow, barb_y - 0.3 + grow * 0.3),
        (0.4 + grow, h + grow),
        (0.0, h - 0.42 + grow * 0.4),
        (-0.4 - grow, h + grow),
        (-0.4 - grow, barb_y - 0.3 + grow * 0.3),
        (-1.1 - grow * 1.4, barb_y + grow),
    ]


def arrow_anchor_mm(bearing_deg: float) -> g.Point:
    """Where the arrow's middle stands for a bearing: its tip on the scale's ticks, its tail over the dial."""
    outer, _ = g.flange_radii(bearing_deg)
    return g.polar((0.0, 0.0), bearing_deg, outer - ARROW_TIP_IN_MM - ARROW_LEN_MM / 2)


class SpeedArrow:
    """The red Mille Miglia arrow, pointing out at the scale from wherever it stands on the flange."""

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        canvas = sprite_canvas(ARROW_LEN_MM / 2 + 0.5, px_per_mm)
        canvas.fill(_arrow_outline(0.16), (6, 4, 4))

        def red(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            return mix((150, 12, 18), (240, 50, 48), 0.6 - 0.6 * y / ARROW_LEN_MM - 0.3 * np.abs(x))

        canvas.fill(_arrow_outline(), red)
        h = ARROW_LEN_MM / 2
        canvas.fill(
            [(-0.07, -h + 0.45), (0.07, -h + 0.45), (0.07, h - 0.6), (-0.07, h - 0.6)], (255, 150, 140)
        )
        self.rotor = Rotor(canvas.result(), ARROW_STEP_DEG, cap=1600)
        self._centre = case_centre_px
        self._px_per_mm = px_per_mm
        self._anchor: dict[int, tuple[float, float]] = {}

    def anchor_px(self, bearing_deg: float) -> tuple[float, float]:
        """Where the arrow's middle stands (relative to the HUD's top-left) at a bearing, snapped to its step."""
        k = self.rotor.key(bearing_deg)
        if k not in self._anchor:
            x, y = arrow_anchor_mm(k * ARROW_STEP_DEG)
            self._anchor[k] = (self._centre[0] + x * self._px_per_mm, self._centre[1] + y * self._px_per_mm)
        return self._anchor[k]

    def blit(self, target: pygame.Surface, origin_px: tuple[int, int], bearing_deg: float) -> None:
        ax, ay = self.anchor_px(bearing_deg)
        self.rotor.blit(target, (origin_px[0] + ax, origin_px[1] + ay), bearing_deg)


class CentreCap:
    """The domed cap over the hands' pivot."""

    def __init__(self, px_per_mm: float) -> None:
        canvas = sprite_canvas(0.9, px_per_mm)

        def dome(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            spec = np.exp(-((x + 0.22) ** 2 + (y + 0.28) ** 2) / 0.08)
            return mix((16, 16, 18), (230, 232, 238), 0.25 + 0.8 * spec - 0.15 * np.hypot(x, y))

        canvas.fill(circle_polygon((0.0, 0.0), 0.62, 32), dome)
        self.surface = pygame.transform.smoothscale_by(canvas.result(), 0.5)

    def blit(self, target: pygame.Surface, pivot_px: tuple[float, float]) -> None:
        w, h = self.surface.get_size()
        target.blit(
            self.surface, (round(pivot_px[0] - w / 2), round(pivot_px[1] - h / 2)), special_flags=PREMUL
        )
