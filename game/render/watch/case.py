"""The case in black DLC titanium, its strap, and the two controls that move: the crown and the pusher.

The case is painted facet by facet: each side of the decagon gives a bead-blasted flank, a steep polished bevel,
the polished bezel face and a dark step down to the crystal, every facet shaded for the way it faces the one
studio light, so the polished ones flash and the matte ones glow. Four bolts sit on the long chamfers.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.render.watch import geometry as g
from game.render.watch.paint import Canvas, matte, mix, noise, polished, region_canvas
from game.render.watch.palette import DLC_BRIGHT, DLC_DARK

DLC_MATTE = (18, 19, 21)
DLC_MATTE_LIT = (74, 77, 84)

_RINGS = (
    # (from inset, to inset, finish, tilt from the viewer in degrees)
    (0.0, g.FLANK_IN, "matte", 64.0),
    (g.FLANK_IN, g.BEZEL_OUTER_IN, "polished", 46.0),
    (g.BEZEL_OUTER_IN, g.BEZEL_FACE_IN, "polished", 14.0),
    (g.BEZEL_FACE_IN, g.BEZEL_STEP_IN, "step", 58.0),
)
_BOLT_SOCKET_TURN_DEG = (12.0, 41.0, 77.0, 23.0)
"""Each bolt was tightened to its own angle."""


def bolt_centres() -> list[g.Point]:
    """The four bolts, on the middle of the bezel face of each long chamfer."""
    ring = g.inset(g.CASE_OUTLINE, (g.BEZEL_OUTER_IN + g.BEZEL_FACE_IN) / 2)
    chamfers = (1, 4, 6, 9)  # sides TR→A, C→BR, BL→C', A'→TL
    out = []
    for i in chamfers:
        (x0, y0), (x1, y1) = ring[i], ring[(i + 1) % len(ring)]
        out.append(((x0 + x1) / 2, (y0 + y1) / 2))
    return out


def paint_strap(canvas: Canvas) -> None:
    """The rubber strap's two ends, moulded with a Dunlop racing-tyre tread, curving away out of sight."""
    top = -g.CASE_H_MM / 2
    for sign in (-1.0, 1.0):
        y_case = sign * -top
        y_end = sign * (-top + g.STRAP_STUB_MM)
        rect = [
            (-g.STRAP_HALF_W, y_case - sign * 1.0),
            (g.STRAP_HALF_W, y_case - sign * 1.0),
            (g.STRAP_HALF_W, y_end),
            (-g.STRAP_HALF_W, y_end),
        ]
        canvas.fill(rect, _tread_shader(sign))


def _tread_height(u: np.ndarray, s: np.ndarray) -> np.ndarray:
    """1 on a tread block, 0 in a groove; ``u`` across the strap in [-1, 1], ``s`` along it in mm."""
    au = np.abs(u)
    centre = (au < 0.27) & (np.mod(s + 3.2 * au, 1.45) > 0.36)
    shoulder_phase = np.where(u > 0, 0.0, 0.95)
    shoulder = (au > 0.37) & (au < 0.9) & (np.mod(s + shoulder_phase + 0.8 * (au - 0.37), 1.9) > 0.42)
    slot = (au > 0.55) & (au < 0.62) & (np.mod(s + shoulder_phase, 1.9) < 1.2)
    edge = au >= 0.94
    return (centre | (shoulder & ~slot) | edge).astype(np.float32)


def _tread_shader(sign: float):
    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        v = np.clip(np.abs(y) - g.CASE_H_MM / 2, 0.0, None)
        u = x / g.STRAP_HALF_W
        s = v + 0.06 * v * v  # the strap curves away: its tread crowds together towards the end
        h = _tread_height(u, s)
        lit_side = _tread_height(u + 0.018, s + 0.10 * sign)
        emboss = h - lit_side  # edges that face the light catch it
        falloff = 1.0 - 0.62 * (v / g.STRAP_STUB_MM) ** 1.6
        dome = 1.0 - 0.45 * u**4
        tilt_to_light = 1.08 if sign < 0 else 0.86
        level = (0.32 + 0.55 * h + 0.5 * np.clip(emboss, 0, 1) - 0.2 * np.clip(-emboss, 0, 1)) * dome
        level = level * falloff * tilt_to_light + 0.03 * noise(x.shape, 7)
        rgb = mix((4, 4, 5), (46, 46, 50), level)
        alpha = np.clip((g.STRAP_STUB_MM - v) / 1.6, 0.0, 1.0)
        return np.concatenate([rgb, alpha[..., None]], axis=-1)

    return shade


def paint_lugs(canvas: Canvas) -> None:
    """Short polished horns either side of the strap, top and bottom."""
    half_h = g.CASE_H_MM / 2
    for sy in (-1.0, 1.0):
        for sx in (-1.0, 1.0):
            base_y = sy * (half_h - 0.4)
            tip_y = sy * (half_h + g.LUG_HEIGHT_MM)
            inner, outer, outer_tip = sx * (g.STRAP_HALF_W + 0.15), sx * 13.6, sx * 12.9
            horn = [(inner, base_y), (outer, base_y), (outer_tip, tip_y), (inner, tip_y)]
            canvas.fill(horn, polished((0.25 * sx, sy), 52.0, DLC_DARK, DLC_BRIGHT))
            top_face = [
                (inner, tip_y),
                (outer_tip, tip_y),
                (outer_tip, tip_y - sy * 0.55),
                (inner, tip_y - sy * 0.55),
            ]
            canvas.fill(top_face, polished((0.0, sy), 80.0, DLC_DARK, DLC_BRIGHT))


def paint_case(canvas: Canvas) -> None:
    normals = g.edge_normals(g.CASE_OUTLINE)
    for ring_index, (a, b, finish, tilt) in enumerate(_RINGS):
        outer = g.inset(g.CASE_OUTLINE, a)
        inner = g.inset(g.CASE_OUTLINE, b)
        for i, n in enumerate(normals):
            j = (i + 1) % len(normals)
            quad = [outer[i], outer[j], inner[j], inner[i]]
            if finish == "matte":
                shader = matte(n, tilt, DLC_MATTE, DLC_MATTE_LIT, seed=11 + i)
            elif finish == "polished":
                shader = polished(n, tilt, DLC_DARK, DLC_BRIGHT)
            else:  # the step faces inwards, into the shadow of the bezel
                shader = polished((-n[0], -n[1]), tilt, (3, 3, 4), (70, 74, 82))
            canvas.fill(quad, shader)
        if ring_index == 2:
            _paint_facet_edges(canvas, outer, inner)
    for centre, turn in zip(bolt_centres(), _BOLT_SOCKET_TURN_DEG, strict=True):
        paint_bolt(canvas, centre, turn)


def _paint_facet_edges(canvas: Canvas, outer: g.Polygon, inner: g.Polygon) -> None:
    """The crisp ridge where two polished bezel facets meet catches a line of light."""
    for i in range(len(outer)):
        p0, p1 = outer[i], inner[i]
        lit = max(0.0, -(p0[0] * 0.55 + p0[1] * 0.83) / 30.0)
        grey = round(80 + 80 * lit)
        canvas.segment(p0, p1, 0.09, (grey, grey + 2, grey + 6, 200))


def paint_bolt(canvas: Canvas, centre: g.Point, socket_turn_deg: float) -> None:
    r = g.BOLT_R_MM
    cx, cy = centre
    # countersink shadow, polished head, hex socket
    canvas.fill(_circle(centre, r + 0.22), (4, 4, 5))

    def head(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        dx, dy = (x - cx) / r, (y - cy) / r
        d2 = np.clip(dx * dx + dy * dy, 0, 1)
        nz = np.sqrt(1 - 0.55 * d2)
        light = np.clip(-(dx * 0.55 + dy * 0.83) * 0.7 + nz * 0.4, 0, 1)
        spec = np.exp(-((dx + 0.35) ** 2 + (dy + 0.45) ** 2) / 0.06)
        return mix(DLC_DARK, DLC_BRIGHT, 0.15 + 0.5 * light + 0.6 * spec)

    canvas.fill(_circle(centre, r), head)
    hexagon = [g.polar(centre, socket_turn_deg + 60 * k, r * 0.46) for k in range(6)]
    canvas.fill(hexagon, (2, 2, 3))
    lit_edge = [g.polar(centre, socket_turn_deg + 60 * k, r * 0.46) for k in (3, 4)]
    canvas.segment(lit_edge[0], lit_edge[1], 0.08, (90, 94, 104))


def _circle(c: g.Point, r: float, steps: int = 48) -> list[g.Point]:
    return [g.polar(c, 360.0 * k / steps, r) for k in range(steps)]


# ---- the crown and the pusher ----------------------------------------------------------------------------------
CROWN_GROOVES = 12
CROWN_PHASES = 8


class Crown:
    """The wheel-shaped crown at 9 o'clock, seen edge-on: its grooved rim rolls as it turns.

    One sprite per (pushed in, groove phase), all 16 painted up front so the first wind never stutters.
    """

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        self._args = (px_per_mm, case_centre_px)
        cx = g.CROWN_CENTRE[0]
        half_h = g.CROWN_HALF_H_MM + 0.4
        self._box = (cx - g.CROWN_PROUD_MM - 0.4, -half_h, cx + 1.0, half_h)
        self.rect = region_canvas(*self._args, *self._box)[1]
        self._sprites = {
            (pushed_in, phase): self._paint(phase / CROWN_PHASES, pushed_in)
            for pushed_in in (False, True)
            for phase in range(CROWN_PHASES)
        }

    def sprite(self, crown_turns: float, pushed_in: bool) -> pygame.Surface:
        phase = int((crown_turns * CROWN_GROOVES % 1.0) * CROWN_PHASES) % CROWN_PHASES
        return self._sprites[(pushed_in, phase)]

    def _paint(self, phase: float, pushed_in: bool) -> pygame.Surface:
        canvas, _ = region_canvas(*self._args, *self._box)
        cx, cy = g.CROWN_CENTRE
        proud = g.CROWN_PROUD_MM - (g.CROWN_PUSHED_IN_MM if pushed_in else 0.0)
        r = g.CROWN_HALF_H_MM
        left = cx - proud
        body = [
            (left, cy - r + 0.6),
            (left + 0.3, cy - r),
            (cx + 0.8, cy - r),
            (cx + 0.8, cy + r),
            (left + 0.3, cy + r),
            (left, cy + r - 0.6),
        ]

        def rim(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            s = np.clip((y - cy) / r, -0.999, 0.999)
            ang = np.arcsin(s)  # where on the wheel's rim this row of the silhouette lies
            turns = ang / (2 * np.pi) * CROWN_GROOVES + phase
            groove = np.mod(turns, 1.0) < 0.34
            facing = np.cos(ang)
            light = np.clip(0.1 + 0.55 * (0.45 - s * 0.8) * facing + 0.2 * facing, 0, 1)
            light = np.where(groove, light * 0.22, light)
            end_face = np.clip((left + 0.3 - x) / 0.3, 0, 1)  # the outer face, square to the light
            light = light * (1 - end_face) + 0.22 * end_face
            return mix(DLC_DARK, DLC_BRIGHT, light)

        canvas.fill(body, rim)
        return canvas.result()


class Pusher:
    """The stop pusher on the right-hand chamfer: out at rest, pressed in while the tourbillon is braked."""

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        i = 1  # the chamfer from the top-right corner down to the shoulder
        p0, p1 = g.CASE_OUTLINE[i], g.CASE_OUTLINE[i + 1]
        self.normal = g.edge_normals(g.CASE_OUTLINE)[i]
        self.base = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
        reach = g.PUSHER_PROUD_MM + 0.6
        tip = (self.base[0] + self.normal[0] * reach, self.base[1] + self.normal[1] * reach)
        box = (
            min(tip[0], self.base[0]) - 2.0,
            min(tip[1], self.base[1]) - 2.0,
            max(tip[0], self.base[0]) + 2.0,
            max(tip[1], self.base[1]) + 2.0,
        )
        self.sprites = {}
        for pressed in (False, True):
            canvas, self.rect = region_canvas(px_per_mm, case_centre_px, *box)
            self._paint(canvas, pressed)
            self.sprites[pressed] = canvas.result()

    def _paint(self, canvas: Canvas, pressed: bool) -> None:
        n = self.normal
        t = (-n[1], n[0])
        proud = g.PUSHER_PROUD_MM - (g.PUSHER_TRAVEL_MM if pressed else 0.0)
        half_w = 1.5

        def at(along: float, out: float) -> g.Point:
            return (self.base[0] + t[0] * along + n[0] * out, self.base[1] + t[1] * along + n[1] * out)

        # the tube it slides in, then the button with its polished top
        canvas.fill([at(-1.1, -0.6), at(1.1, -0.6), at(1.1, 0.45), at(-1.1, 0.45)], (6, 6, 7))
        stem = [at(-half_w, 0.2), at(half_w, 0.2), at(half_w, proud), at(-half_w, proud)]
        side = (t[0] * 0.7 + n[0] * 0.3, t[1] * 0.7 + n[1] * 0.3)
        canvas.fill(stem, polished(side, 70.0, DLC_DARK, DLC_BRIGHT))
        cap = [
            at(-half_w, proud - 0.4),
            at(half_w, proud - 0.4),
            at(half_w - 0.25, proud),
            at(-half_w + 0.25, proud),
        ]
        canvas.fill(cap, polished(n, 40.0, DLC_DARK, DLC_BRIGHT))
        for k in (-0.75, 0.0, 0.75):  # grip lines across the button's side
            if proud - 0.5 > 0.5:
                canvas.segment(at(k, 0.45), at(k, proud - 0.5), 0.12, (4, 4, 5))
