"""The going train seen through the grille: the centre wheel, the third wheel and the barrel's ratchet wheel.

They turn only as the movement does: the centre wheel with the minute hand, the third wheel with the beats (one
turn in 7.5 minutes, the other way), and the ratchet wheel with the crown when it winds, so a stopped or braked
watch shows a still train and winding shows the ratchet clicking round.
"""

from __future__ import annotations

import numpy as np

from game.render.watch import geometry as g
from game.render.watch.paint import Rotor, circle_polygon, mix, polished, sprite_canvas
from game.render.watch.palette import GOLD_BRIGHT, GOLD_DARK, RUBY, STEEL_BRIGHT, STEEL_DARK

THIRD_WHEEL_BEATS_PER_TURN = 3600
"""Seven and a half minutes of beats at 4 Hz."""
RATCHET_TURNS_PER_CROWN_TURN = 1 / 3.2


def _wheel_shader(r: float, teeth: int, spokes: int, dark, bright, ratchet: bool = False):
    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y, x)
        rr = np.hypot(x, y)
        phase = np.mod(ang * teeth / (2 * np.pi), 1.0)
        if ratchet:
            tooth_top = r - 0.45 * phase  # saw teeth: the click rides up and drops off
            teeth_ok = rr < tooth_top
        else:
            teeth_ok = (rr < r - 0.32) | (phase < 0.45)
        curved = ang - 0.9 * rr / r  # curved spokes, as on fine wheels
        spoke = np.abs(np.sin(curved * spokes / 2)) < 0.16 * (1.4 - rr / r)
        solid = (rr > r - 0.75) | (rr < r * 0.28) | spoke
        sunray = 0.5 + 0.12 * np.sin(ang * 60)
        level = np.where(rr > r - 0.75, 0.55 + 0.25 * np.cos(ang + 2.3), sunray)
        rgb = mix(dark, bright, level)
        return np.concatenate([rgb, (teeth_ok & solid)[..., None].astype(np.float32)], axis=-1)

    return shade


def _wheel_rotor(px_per_mm: float, r: float, teeth: int, spokes: int, ratchet: bool = False) -> Rotor:
    canvas = sprite_canvas(r + 0.2, px_per_mm)
    canvas.fill([(x + 0.2, y + 0.3) for x, y in circle_polygon((0.0, 0.0), r, 96)], (0, 0, 0, 100))
    dark, bright = (STEEL_DARK, STEEL_BRIGHT) if ratchet else (GOLD_DARK, GOLD_BRIGHT)
    canvas.fill(circle_polygon((0.0, 0.0), r, 120), _wheel_shader(r, teeth, spokes, dark, bright, ratchet))
    if ratchet:  # the barrel arbor's square and its screw
        canvas.fill(circle_polygon((0.0, 0.0), 1.1, 32), polished((0.0, 0.0), 0.0, STEEL_DARK, STEEL_BRIGHT))
        canvas.segment((-0.8, 0.0), (0.8, 0.0), 0.22, (8, 8, 10))
    else:
        canvas.fill(circle_polygon((0.0, 0.0), 0.55, 24), polished((0.0, 0.0), 0.0, GOLD_DARK, GOLD_BRIGHT))
        canvas.fill(circle_polygon((0.0, 0.0), 0.28, 16), RUBY)
    symmetry = 360.0 / 3 if ratchet else 360.0 / spokes
    return Rotor(canvas.result(), 0.5, symmetry_deg=symmetry)


class GoingTrain:
    def __init__(self, px_per_mm: float) -> None:
        self.centre_wheel = _wheel_rotor(px_per_mm, g.CENTRE_WHEEL_R, 60, 5)
        self.third_wheel = _wheel_rotor(px_per_mm, g.THIRD_WHEEL_R, 45, 4)
        self.ratchet = _wheel_rotor(px_per_mm, g.BARREL_R, 30, 3, ratchet=True)

    @staticmethod
    def third_wheel_deg(beats: int) -> float:
        return -(beats % THIRD_WHEEL_BEATS_PER_TURN) * 360.0 / THIRD_WHEEL_BEATS_PER_TURN

    @staticmethod
    def ratchet_deg(crown_turns: float) -> float:
        return (crown_turns * RATCHET_TURNS_PER_CROWN_TURN % 1.0) * 360.0
