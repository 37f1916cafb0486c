"""The Lab One drawn as the game's instrument cluster (docs/design.md §2): the one public class of this package.

Construction paints every static layer once (strap, case, flange and scale, movement, dial, sub-dials) at 3× and
reduces it; a frame then blits those layers with the moving parts between them, each a cached sprite: the
crown and pusher, the going train, the big date, the tourbillon's cage, balance and brake, the arc hands, the
speed arrow, and the hour and minute hands. Everything it shows comes from the :class:`WatchState`, the speed
and the crown and pusher inputs, and it never changes any of them.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.render.watch import geometry as g
from game.render.watch.case import Crown, Pusher, paint_case, paint_lugs, paint_strap
from game.render.watch.complications import BigDate, DateArc, paint_power_reserve
from game.render.watch.dial import (
    paint_centre_boss,
    paint_dial,
    paint_flange,
    paint_hour_markers,
    paint_movement,
)
from game.render.watch.hands import CentreCap, SpeedArrow, hour_hand, minute_hand, subdial_needle
from game.render.watch.paint import PREMUL, Canvas, region_canvas
from game.render.watch.tourbillon import Tourbillon, balance_pose_deg, paint_seconds_ring
from game.render.watch.train import GoingTrain
from watch_core import WatchState, days_in_month

STATIC_SUPERSAMPLING = 3


class WatchHud:
    """The watch as a HUD of a given height (strap included), in km/h or mph."""

    def __init__(self, height_px: int, units: str = "kmh") -> None:
        if units not in g.SPEED_SCALE_MAX:
            raise ValueError(f"units must be 'kmh' or 'mph', not {units!r}")
        if height_px < 60:
            raise ValueError(f"a watch {height_px} px high would be unreadable; draw it at least 60 px high")
        self.units = units
        self.px_per_mm = height_px / g.TOTAL_H_MM
        width = math.ceil(g.TOTAL_W_MM * self.px_per_mm)
        width += width % 2
        self.size: tuple[int, int] = (width, height_px)
        k = self.px_per_mm
        self._centre: g.Point = (width / 2, height_px / 2)

        base = Canvas(self.size, k, self._centre, ss=STATIC_SUPERSAMPLING)
        paint_strap(base)
        paint_lugs(base)
        paint_case(base)
        paint_movement(base)
        paint_flange(base, units)
        self._base = base.result()

        dial = Canvas(self.size, k, self._centre, ss=STATIC_SUPERSAMPLING)
        paint_dial(dial)
        paint_power_reserve(dial)
        paint_seconds_ring(dial)
        paint_hour_markers(dial)
        paint_centre_boss(dial)
        self._dial = dial.result()
        self._glare, self._glare_rect = _paint_glare(k, self._centre)

        self._crown = Crown(k, self._centre)
        self._pusher = Pusher(k, self._centre)
        self._train = GoingTrain(k)
        self._big_date = BigDate(k, self._centre)
        self._date_arc = DateArc(k, self._centre)
        self._tourbillon = Tourbillon(k, self._centre)
        self._reserve_hand = subdial_needle(k, red_tip=False)
        self._date_hand = subdial_needle(k, red_tip=True)
        self._arrow = SpeedArrow(k, self._centre)
        self._hour = hour_hand(k)
        self._minute = minute_hand(k)
        self._cap = CentreCap(k)

    def to_px(self, top_left: tuple[int, int], point_mm: g.Point) -> tuple[float, float]:
        """Where a point of the watch (mm from the case's centre, see :mod:`geometry`) lands on the target."""
        return (
            top_left[0] + self._centre[0] + point_mm[0] * self.px_per_mm,
            top_left[1] + self._centre[1] + point_mm[1] * self.px_per_mm,
        )

    def draw(
        self,
        target: pygame.Surface,
        center: tuple[int, int],
        watch: WatchState,
        speed_kmh: float,
        *,
        crown_turns: float = 0.0,
        winding: bool = False,
        pusher: bool = False,
        balance_deg: float | None = None,
    ) -> pygame.Rect:
        """Draw the watch centred on ``center``; returns the rectangle it covers.

        ``balance_deg`` is the balance's swing now (`RaceSnapshot.balance_deg`, changing every tick); without
        it the balance is shown at one pose per beat.

        ``target`` should be opaque (the screen): the layers are premultiplied, so on a transparent surface the
        colours would come out premultiplied too.
        """
        w, h = self.size
        top_left = (center[0] - w // 2, center[1] - h // 2)
        ox, oy = top_left

        def at(p: g.Point) -> tuple[float, float]:
            return self.to_px(top_left, p)

        crown = self._crown.sprite(crown_turns, winding)
        target.blit(crown, self._crown.rect.move(top_left), special_flags=PREMUL)
        target.blit(self._pusher.sprites[pusher], self._pusher.rect.move(top_left), special_flags=PREMUL)
        target.blit(self._base, top_left, special_flags=PREMUL)

        train = self._train
        train.third_wheel.blit(target, at(g.THIRD_WHEEL), train.third_wheel_deg(watch.beats))
        train.ratchet.blit(target, at(g.BARREL), train.ratchet_deg(crown_turns))
        train.centre_wheel.blit(target, at(g.HANDS_PIVOT), watch.minute_deg)
        target.blit(
            self._big_date.layer(watch.date[2]), self._big_date.rect.move(top_left), special_flags=PREMUL
        )

        target.blit(self._dial, top_left, special_flags=PREMUL)
        year, month, _ = watch.date
        date_layer = self._date_arc.layer(days_in_month(year, month))
        target.blit(date_layer, self._date_arc.rect.move(top_left), special_flags=PREMUL)

        tb = self._tourbillon
        cage_px = at(g.TOURBILLON_CENTRE)
        tb.cage.blit(target, cage_px, watch.cage_deg)
        swing = balance_pose_deg(watch.beats, watch.amplitude_deg) if balance_deg is None else balance_deg
        tb.balance.blit(target, cage_px, watch.cage_deg + swing)
        tb.bridge.blit(target, cage_px, watch.cage_deg)
        brake, brake_rect = tb.brake[watch.braked]
        target.blit(brake, brake_rect.move(top_left), special_flags=PREMUL)

        self._reserve_hand.blit(target, at(g.POWER_RESERVE_PIVOT), watch.power_reserve_deg)
        self._date_hand.blit(target, at(g.DATE_PIVOT), watch.date_hand_deg)
        self._arrow.blit(target, top_left, g.speed_arrow_deg(speed_kmh, self.units))
        pivot = at(g.HANDS_PIVOT)
        self._hour.blit(target, pivot, watch.hour_deg)
        self._minute.blit(target, pivot, watch.minute_deg)
        self._cap.blit(target, pivot)
        target.blit(self._glare, self._glare_rect.move(top_left), special_flags=PREMUL)
        return pygame.Rect(ox, oy, w, h)


def _paint_glare(px_per_mm: float, centre: g.Point) -> tuple[pygame.Surface, pygame.Rect]:
    """The sapphire crystal: a faint sheen across the dial's upper left, where the light falls on it."""
    opening = g.inset(g.CASE_OUTLINE, g.BEZEL_STEP_IN)
    xs = [p[0] for p in opening]
    ys = [p[1] for p in opening]
    canvas, rect = region_canvas(px_per_mm, centre, min(xs), min(ys), max(xs), max(ys), ss=2)

    def sheen(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        d = -(x * 0.55 + y * 0.83) / 24.0  # towards the light; the band runs from upper right to lower left
        band = np.exp(-(((d - 0.42) / 0.16) ** 2)) * 0.10 + np.exp(-(((d - 0.12) / 0.03) ** 2)) * 0.035
        rgb = np.empty((*x.shape, 3), np.float32)
        rgb[...] = (230, 236, 255)
        return np.concatenate([rgb, band[..., None]], axis=-1)

    canvas.fill(opening, sheen)
    return canvas.result(), rect
