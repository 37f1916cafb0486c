"""The tourbillon at 6 o'clock: its seconds ring, the turning cage with the small seconds, the balance swinging
inside it, and the stop device's brake shoe that clamps the cage (docs/design.md §3).

The cage turns 0.75° a beat (480 beats a turn), so its sprites are cached per beat position and a running watch
costs one dictionary look-up per frame between beats. The balance swings inside the cage, as in the real
carriage. A :class:`WatchState` changes only at beats, so the balance is drawn at one pose per beat: out to one
side on even beats and to the other on odd ones (a 4 Hz oscillation), as far as its amplitude takes it.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.render.watch import geometry as g
from game.render.watch.paint import (
    Canvas,
    Rotor,
    arc_polygon,
    circle_polygon,
    mix,
    polished,
    region_canvas,
    segment_polygon,
    sprite_canvas,
)
from game.render.watch.palette import (
    BLUED,
    GOLD_BRIGHT,
    GOLD_DARK,
    IVORY,
    RED,
    RUBY,
    STEEL_BRIGHT,
    STEEL_DARK,
)

CAGE_STEP_DEG = 0.75
"""One beat of the cage: 360° / 480 beats."""
BRAKE_BEARING_DEG = 38.0
"""Where, around the tourbillon, the stop device's shoe meets the cage (towards the pusher)."""


BALANCE_POSE = 0.5
"""Which moment of its half swing the balance is shown at, as a fraction of its amplitude."""


def balance_pose_deg(beats: int, amplitude_deg: float) -> float:
    """The balance's drawn angle from rest, relative to the cage: alternate sides at alternate beats."""
    return amplitude_deg * BALANCE_POSE * (1.0 if beats % 2 == 0 else -1.0)


def paint_seconds_ring(canvas: Canvas) -> None:
    """The chapter ring around the aperture: 60 ticks, the fives longer, a lume triangle at 60; then the hole."""
    c = g.TOURBILLON_CENTRE
    r_in, r_out = g.TOURBILLON_APERTURE_R, g.SECONDS_RING_R
    canvas.fill(circle_polygon((c[0] + 0.25, c[1] + 0.35), r_out + 0.1, 96), (0, 0, 0, 110))

    def ring(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y - c[1], x - c[0])
        return mix((14, 14, 16), (44, 46, 52), 0.5 + 0.35 * np.cos(ang * 1 + 2.2))

    canvas.fill(arc_polygon(c, r_in, r_out, 0, 360), ring)
    canvas.fill(
        arc_polygon(c, r_out - 0.12, r_out, 0, 360),
        polished((0.0, -1.0), 60.0, (40, 40, 46), (190, 194, 204)),
    )
    for s in range(60):
        a = s * 6.0
        if s == 0:
            tri = [
                g.polar(c, a, r_out - 0.2),
                g.polar(c, a - 2.6, r_in + 0.2),
                g.polar(c, a + 2.6, r_in + 0.2),
            ]
            canvas.fill(tri, IVORY)
            continue
        major = s % 5 == 0
        r0 = r_in + 0.18
        r1 = r_out - (0.2 if major else 0.55)
        canvas.segment(g.polar(c, a, r0), g.polar(c, a, r1), 0.2 if major else 0.09, IVORY)
    hole = canvas.blank()
    hole.polygon(circle_polygon(c, r_in, 120), (255, 255, 255))
    canvas.erase(hole)

    def chamfer(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y - c[1], x - c[0])  # the bevel into the hole faces the light at its lower right
        facing = np.cos(ang - math.atan2(0.83, 0.55))
        return mix((30, 30, 34), (236, 238, 244), 0.35 + 0.55 * facing)

    canvas.fill(arc_polygon(c, r_in - 0.001, r_in + 0.2, 0, 360), chamfer)


def paint_cage(canvas: Canvas) -> None:
    """The carriage at 0° (seconds pointer up): a drilled rim like a brake disc, three arms, the escapement."""
    r_in, r_out = g.CAGE_R - 0.62, g.CAGE_R

    def disc(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y, x)
        r = np.hypot(x, y)
        holes = np.zeros_like(r, dtype=bool)
        for k in range(18):
            hx, hy = (
                math.cos(2 * math.pi * k / 18) * (r_in + r_out) / 2,
                math.sin(2 * math.pi * k / 18) * (r_in + r_out) / 2,
            )
            holes |= np.hypot(x - hx, y - hy) < 0.16
        level = 0.45 + 0.3 * np.cos(ang * 3) * 0.3 + 0.25 * ((r - r_in) / (r_out - r_in))
        rgb = mix(STEEL_DARK, STEEL_BRIGHT, level)
        return np.concatenate([rgb, (~holes)[..., None].astype(np.float32)], axis=-1)

    # escape wheel and pallet fork sit low in the cage
    esc = g.polar((0.0, 0.0), 205.0, 3.45)
    canvas.fill(circle_polygon(esc, 0.95, 40), _toothed(esc, 0.95, 15, GOLD_DARK, GOLD_BRIGHT))
    canvas.fill(circle_polygon(esc, 0.22, 16), RUBY)
    fork_a, fork_b = g.polar((0.0, 0.0), 180.0, 1.2), g.polar((0.0, 0.0), 215.0, 2.6)
    canvas.fill(segment_polygon(fork_a, fork_b, 0.3), polished((0.0, -1.0), 20.0, STEEL_DARK, STEEL_BRIGHT))
    canvas.fill(arc_polygon((0.0, 0.0), r_in, r_out, 0, 360), disc)
    for a in (0.0, 120.0, 240.0):
        arm = _tapered((0.0, 0.0), a, 0.9, r_in + 0.1, 0.62, 0.42)
        canvas.fill(
            arm, lambda x, y: mix(STEEL_DARK, STEEL_BRIGHT, 0.55 + 0.35 * np.cos(np.hypot(x, y) * 1.8))
        )
    # the small seconds: a pointer carried by the cage, out over the chapter ring, red-tipped; bold enough to
    # be read at a glance at speed, since a regularity trial is timed on it
    pointer = _tapered((0.0, 0.0), 0.0, r_out - 0.2, g.SECONDS_RING_R - 0.1, 0.62, 0.3)
    canvas.fill([(x + 0.12, y + 0.18) for x, y in pointer], (0, 0, 0, 150))
    canvas.fill(pointer, IVORY)
    canvas.fill(_tapered((0.0, 0.0), 0.0, g.SECONDS_RING_R - 1.8, g.SECONDS_RING_R - 0.1, 0.5, 0.3), RED)
    canvas.fill(circle_polygon((0.0, 0.0), 0.95, 32), polished((0.0, 0.0), 0.0, STEEL_DARK, STEEL_BRIGHT))


def paint_balance(canvas: Canvas) -> None:
    """A gold balance wheel with two arms and four timing weights, at rest."""
    r_out, r_in = g.BALANCE_R, g.BALANCE_R - 0.42

    def rim(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y, x)
        return mix(GOLD_DARK, GOLD_BRIGHT, 0.55 + 0.35 * np.cos(2 * ang))

    canvas.fill(arc_polygon((0.0, 0.0), r_in, r_out, 0, 360), rim)
    for a in (90.0, 270.0):
        canvas.fill(_tapered((0.0, 0.0), a, 0.3, r_in + 0.05, 0.34, 0.28), rim)
    for a in (45.0, 135.0, 225.0, 315.0):
        w = g.polar((0.0, 0.0), a, r_out + 0.05)
        canvas.fill(circle_polygon(w, 0.26, 16), polished((0.0, 0.0), 0.0, GOLD_DARK, GOLD_BRIGHT))


def paint_cage_bridge(canvas: Canvas) -> None:
    """Above the balance: the blued hairspring and the cage's top bar with its jewel."""
    pts = []
    for i in range(200):
        t = i / 199
        ang = 360.0 * 5.0 * t
        pts.append(g.polar((0.0, 0.0), ang, 0.6 + 1.3 * t))
    canvas.polyline(pts, 0.05, (*BLUED, 170))
    bar = _tapered((0.0, 0.0), 60.0, -(g.CAGE_R - 0.5), g.CAGE_R - 0.5, 0.5, 0.5)
    canvas.fill([(x + 0.12, y + 0.18) for x, y in bar], (0, 0, 0, 110))
    canvas.fill(bar, lambda x, y: mix(STEEL_DARK, STEEL_BRIGHT, 0.7 - 0.2 * np.hypot(x, y) / g.CAGE_R))
    canvas.fill(circle_polygon((0.0, 0.0), 0.62, 28), polished((0.0, 0.0), 0.0, STEEL_DARK, STEEL_BRIGHT))
    canvas.fill(circle_polygon((0.0, 0.0), 0.3, 20), RUBY)
    canvas.fill(circle_polygon((-0.08, -0.1), 0.1, 12), (255, 170, 190))


def _tapered(c: g.Point, bearing: float, r0: float, r1: float, w0: float, w1: float) -> list[g.Point]:
    d = g.direction(bearing)
    n = (-d[1], d[0])
    a = (c[0] + d[0] * r0, c[1] + d[1] * r0)
    b = (c[0] + d[0] * r1, c[1] + d[1] * r1)
    return [
        (a[0] + n[0] * w0 / 2, a[1] + n[1] * w0 / 2),
        (b[0] + n[0] * w1 / 2, b[1] + n[1] * w1 / 2),
        (b[0] - n[0] * w1 / 2, b[1] - n[1] * w1 / 2),
        (a[0] - n[0] * w0 / 2, a[1] - n[1] * w0 / 2),
    ]


def _toothed(c: g.Point, r: float, teeth: int, dark: tuple[int, int, int], bright: tuple[int, int, int]):
    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y - c[1], x - c[0])
        rr = np.hypot(x - c[0], y - c[1])
        tooth = (rr < r * 0.72) | (np.mod(ang * teeth / (2 * np.pi), 1.0) < 0.35)
        spoke = (rr < r * 0.3) | (rr > r * 0.55) | (np.abs(np.sin(ang * 2.5)) < 0.25)
        rgb = mix(dark, bright, 0.5 + 0.3 * np.cos(ang + 2.2))
        return np.concatenate([rgb, (tooth & spoke)[..., None].astype(np.float32)], axis=-1)

    return shade


class Tourbillon:
    """The moving parts at 6 o'clock, painted once and turned per beat."""

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        cage = sprite_canvas(g.SECONDS_RING_R, px_per_mm)
        paint_cage(cage)
        self.cage = Rotor(cage.result(), CAGE_STEP_DEG, cap=480)
        balance = sprite_canvas(g.BALANCE_R + 0.4, px_per_mm)
        paint_balance(balance)
        self.balance = Rotor(balance.result(), 2.0, symmetry_deg=180.0)
        bridge = sprite_canvas(g.CAGE_R, px_per_mm)
        paint_cage_bridge(bridge)
        self.bridge = Rotor(bridge.result(), CAGE_STEP_DEG, cap=480)
        self.brake = {
            engaged: self._paint_brake(px_per_mm, case_centre_px, engaged) for engaged in (False, True)
        }

    def _paint_brake(
        self, px_per_mm: float, case_centre_px: g.Point, engaged: bool
    ) -> tuple[pygame.Surface, pygame.Rect]:
        """The stop device's caliper: parked in its housing beyond the seconds ring at rest, slid out onto the
        cage's rim (its brake disc) when braked, so the brake reads at a glance."""
        c = g.TOURBILLON_CENTRE
        a = BRAKE_BEARING_DEG
        housing_r0, housing_r1 = g.SECONDS_RING_R + 0.3, g.SECONDS_RING_R + 2.3
        far = g.polar(c, a, housing_r1 + 0.3)
        xs, ys = (c[0], far[0]), (c[1], far[1])
        canvas, rect = region_canvas(
            px_per_mm, case_centre_px, min(xs) - 1.5, min(ys) - 1.5, max(xs) + 1.5, max(ys) + 1.5
        )
        r0 = g.CAGE_R - 0.75 if engaged else housing_r0 + 0.15
        d = g.direction(a)
        side = (d[1], -d[0])
        # the caliper: a red body straddling the disc, two polished bolts; then the housing it parks under
        rod = _tapered(c, a, r0 + 1.0, housing_r0 + 0.5, 0.5, 0.5)
        canvas.fill([(x + 0.15, y + 0.22) for x, y in rod], (0, 0, 0, 130))
        canvas.fill(rod, polished(side, 30.0, STEEL_DARK, STEEL_BRIGHT))
        body = _arc_block(c, a, r0, r0 + 1.35, 13.0 * g.CAGE_R / (r0 + 0.7))
        canvas.fill([(x + 0.18, y + 0.26) for x, y in body], (0, 0, 0, 150))
        canvas.fill(
            body,
            lambda x, y: mix((120, 10, 16), (236, 52, 50), 0.75 - 0.35 * np.hypot(x - c[0], y - c[1]) / 8),
        )
        canvas.fill(_arc_block(c, a, r0 + 1.05, r0 + 1.35, 13.0 * g.CAGE_R / (r0 + 0.7)), (250, 110, 100))
        for s in (-6.5, 6.5):
            canvas.fill(
                circle_polygon(g.polar(c, a + s * g.CAGE_R / (r0 + 0.7), r0 + 0.7), 0.17, 12), STEEL_BRIGHT
            )
        housing = _arc_block(c, a, housing_r0, housing_r1, 11.0)
        canvas.fill([(x + 0.2, y + 0.3) for x, y in housing], (0, 0, 0, 140))
        canvas.fill(housing, polished((-d[0], -d[1]), 20.0, (22, 22, 25), (200, 204, 214)))
        canvas.fill(_arc_block(c, a, housing_r0 + 0.18, housing_r1 - 0.18, 8.5), (16, 16, 18))
        for s in (-5.0, 5.0):
            canvas.fill(
                circle_polygon(g.polar(c, a + s, (housing_r0 + housing_r1) / 2), 0.22, 14),
                polished((-0.5, -0.8), 20.0, (40, 40, 44), (220, 224, 232)),
            )
        return canvas.result(), rect


def _arc_block(c: g.Point, bearing: float, r0: float, r1: float, half_span_deg: float) -> list[g.Point]:
    return arc_polygon(c, r0, r1, bearing - half_span_deg, bearing + half_span_deg)
