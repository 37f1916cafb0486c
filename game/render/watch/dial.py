"""The open dial: the movement seen behind it, the radiator grille, the cylinder-head bridge, the applied hour
markers, and the flange (rehaut) with the speed scale the red Mille Miglia arrow travels.

Everything here is static: painted once per HUD size and units, then blitted each frame in two layers, the
movement below the turning wheels and the dial above them, its grille letting the wheels show through.
"""

from __future__ import annotations

import math

import numpy as np

from game.render.watch import geometry as g
from game.render.watch.paint import Canvas, arc_polygon, circle_polygon, matte, mix, noise, polished
from game.render.watch.palette import IVORY, LUME, RED

"""Warm off-white of the printing, the hands and the markers."""
DIAL_DARK = (19, 20, 23)
DIAL_LIT = (47, 49, 55)
HOUR_MARKERS = (12, 1, 2, 3, 4, 8, 9, 10, 11)
"""The other hours are taken by the tourbillon (6) and the two sub-dials (5 and 7)."""
MARKER_LEN_MM = 1.9


def dial_polygon() -> g.Polygon:
    return g.inset(g.CASE_OUTLINE, g.FLANGE_IN)


# ---- the movement, under everything ----------------------------------------------------------------------------
def paint_movement(canvas: Canvas) -> None:
    """The main plate with its perlage, and the fixed wheel the tourbillon's escape pinion rolls around."""

    def perlage(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        pitch = 1.15
        row = np.round(y / (pitch * 0.87))
        gx = np.round((x - (row % 2) * pitch / 2) / pitch) * pitch + (row % 2) * pitch / 2
        gy = row * pitch * 0.87
        d = np.hypot(x - gx, y - gy) / (pitch * 0.62)
        swirl = 0.5 + 0.5 * np.cos(d * 14.0 + np.arctan2(y - gy, x - gx) * 2.0)
        level = 0.25 + 0.28 * swirl * np.clip(1.1 - d, 0, 1) + 0.05 * noise(x.shape, 3)
        return mix((6, 6, 7), (52, 54, 60), level)

    canvas.fill(g.inset(g.CASE_OUTLINE, g.FLANGE_IN - 0.6), perlage)
    centre = g.TOURBILLON_CENTRE
    canvas.fill(circle_polygon(centre, g.TOURBILLON_APERTURE_R), (8, 8, 9))
    # fixed (fourth) wheel: a toothed ring, gilt, the cage turns inside it
    teeth = 80

    def fixed_wheel(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        ang = np.arctan2(y - centre[1], x - centre[0])
        r = np.hypot(x - centre[0], y - centre[1])
        tooth = (np.cos(ang * teeth) > 0.0) | (r < 5.25)
        light = 0.45 + 0.35 * np.cos(ang + 2.2)
        rgb = mix((70, 52, 24), (222, 188, 120), light)
        return np.concatenate([rgb, tooth[..., None].astype(np.float32)], axis=-1)

    canvas.fill(arc_polygon(centre, 4.85, 5.55, 0, 360), fixed_wheel)


# ---- the dial above the wheels ---------------------------------------------------------------------------------
def _brushed(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    k = np.floor(y * 22.0)
    streak = np.modf(np.sin(k * 12.9898) * 43758.5453)[0]
    light = np.clip(0.45 - (x * 0.55 + y * 0.83) / 60.0, 0, 1)
    return mix(DIAL_DARK, DIAL_LIT, light + 0.10 * streak + 0.04 * noise(x.shape, 5))


def grille_shape(steps: int = 96) -> list[g.Point]:
    """The radiator's mouth: a squared oval, like a 1950s racing car's."""
    cy = (g.GRILLE_TOP + g.GRILLE_BOTTOM) / 2
    hh = (g.GRILLE_BOTTOM - g.GRILLE_TOP) / 2
    pts = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        c, s = math.cos(t), math.sin(t)
        pts.append(
            (g.GRILLE_HALF_W * math.copysign(abs(c) ** 0.55, c), cy + hh * math.copysign(abs(s) ** 0.7, s))
        )
    return pts


_SLAT_PITCH = 1.3
_SLAT_W = 0.36
_BAR_PITCH = 3.4
_BAR_W = 0.26


def _grille_bars(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coverage of the horizontal slats and of the vertical bars at each point (0 or 1)."""
    sy = np.mod(y - g.GRILLE_TOP, _SLAT_PITCH)
    slat = sy < _SLAT_W
    bx = np.mod(x + _BAR_PITCH / 2, _BAR_PITCH)
    bar = np.abs(bx - _BAR_PITCH / 2) < _BAR_W / 2
    return slat, bar


def paint_grille(canvas: Canvas) -> None:
    shape = grille_shape()
    hole = canvas.blank()
    hole.polygon(shape, (255, 255, 255))
    canvas.erase(hole)

    def shadow(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        slat, bar = _grille_bars(x - 0.32, y - 0.42)
        a = np.where(slat | bar, 0.62, 0.0)
        return np.concatenate([np.zeros((*x.shape, 3), np.float32), a[..., None].astype(np.float32)], axis=-1)

    def bars(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        slat, bar = _grille_bars(x, y)
        sy = np.mod(y - g.GRILLE_TOP, _SLAT_PITCH) / _SLAT_W  # 0 at a slat's top edge, 1 at its bottom
        slat_light = np.clip(1.0 - sy, 0, 1) ** 1.5 * 0.9 + 0.12
        bx = (np.mod(x + _BAR_PITCH / 2, _BAR_PITCH) - _BAR_PITCH / 2) / _BAR_W + 0.5
        bar_light = 0.2 + 0.5 * np.clip(1.0 - bx, 0, 1)
        level = np.where(slat, slat_light, bar_light)
        rgb = mix((10, 10, 12), (150, 154, 164), level * (1.0 - 0.3 * (x + 14) / 28))
        return np.concatenate([rgb, (slat | bar)[..., None].astype(np.float32)], axis=-1)

    canvas.fill(shape, shadow)
    canvas.fill(shape, bars)
    # a polished surround, bright where it faces the light
    ring = canvas.blank()
    ring.polygon(_offset_shape(shape, 0.45), (255, 255, 255))
    inner = canvas.blank()
    inner.polygon(shape, (255, 255, 255))
    ring.erase(inner)
    cy = (g.GRILLE_TOP + g.GRILLE_BOTTOM) / 2

    def surround(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        facing = -((x / g.GRILLE_HALF_W) * 0.55 + ((y - cy) / 6.0) * 0.83)
        return mix((24, 25, 28), (200, 204, 214), 0.3 - 0.4 * facing)

    canvas.paint(ring, surround)


def _offset_shape(shape: list[g.Point], d: float) -> list[g.Point]:
    cy = (g.GRILLE_TOP + g.GRILLE_BOTTOM) / 2
    out = []
    for x, y in shape:
        sx = (abs(x) + d) / max(abs(x), 1e-6) if abs(x) > 1e-6 else 1.0
        sy = (abs(y - cy) + d) / max(abs(y - cy), 1e-6) if abs(y - cy) > 1e-6 else 1.0
        out.append((x * min(sx, 1 + d / 2), cy + (y - cy) * min(sy, 1 + d / 2)))
    return out


def bridge_outline(grow: float = 0.0, steps: int = 20) -> list[g.Point]:
    """The cylinder-head cover: a long stadium below 12 o'clock."""
    r = (g.BRIDGE_BOTTOM - g.BRIDGE_TOP) / 2 + grow
    cy = (g.BRIDGE_TOP + g.BRIDGE_BOTTOM) / 2
    cx = g.BRIDGE_HALF_W - (g.BRIDGE_BOTTOM - g.BRIDGE_TOP) / 2
    pts = [g.polar((cx, cy), 0 + 180 * i / steps, r) for i in range(steps + 1)]
    pts += [g.polar((-cx, cy), 180 + 180 * i / steps, r) for i in range(steps + 1)]
    return pts


def date_windows() -> list[list[g.Point]]:
    w, h = g.BIG_DATE_WINDOW
    cx, cy = g.BIG_DATE_CENTRE
    out = []
    for sx in (-1, 1):
        x0 = cx + sx * (0.15 + w / 2) - w / 2
        out.append([(x0, cy - h / 2), (x0 + w, cy - h / 2), (x0 + w, cy + h / 2), (x0, cy + h / 2)])
    return out


def paint_bridge(canvas: Canvas) -> None:
    """Cast like a racing engine's cam cover: a polished rim, crinkle-black top, cast letters, bolts."""
    cy = (g.BRIDGE_TOP + g.BRIDGE_BOTTOM) / 2
    canvas.fill([(x + 0.35, y + 0.5) for x, y in bridge_outline(0.2)], (0, 0, 0, 120))
    canvas.fill(bridge_outline(), polished((0.0, -1.0), 30.0, (14, 14, 16), (190, 196, 208)))

    def crinkle(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        grain = noise(x.shape, 21)
        light = 0.3 - (y - cy) * 0.05 + 0.12 * grain
        return mix((10, 10, 12), (58, 60, 66), light)

    canvas.fill(bridge_outline(-0.5), crinkle)
    # cast letters either side of the windows, between a fin above and a fin below
    for sx in (-1.0, 1.0):
        x_in, x_out = sx * 3.1, sx * (g.BRIDGE_HALF_W - 2.0)
        for y in (g.BRIDGE_TOP + 1.0, g.BRIDGE_BOTTOM - 1.0):
            canvas.fill(_seg(x_in, x_out, y + 0.14, 0.3), (0, 0, 0, 150))
            canvas.fill(_seg(x_in, x_out, y, 0.3), polished((0.0, -1.0), 35.0, (30, 31, 34), (200, 205, 215)))
        word = "LAB" if sx < 0 else "ONE"
        at = ((x_in + x_out) / 2, cy + 0.05)
        canvas.text(word, (at[0] + 0.08, at[1] + 0.12), 1.25, (0, 0, 0), tracking_mm=0.2)
        canvas.text(word, at, 1.25, (214, 40, 44), tracking_mm=0.2)
    for sx in (-1.0, 1.0):  # cover bolts at the ends
        for sy in (-1.0, 1.0):
            c = (sx * (g.BRIDGE_HALF_W - 1.15), cy + sy * 1.35)
            canvas.fill(
                circle_polygon(c, 0.42, 20), polished((-0.5, -0.8), 20.0, (24, 24, 27), (210, 214, 222))
            )
            canvas.segment(g.polar(c, 30, 0.3), g.polar(c, 210, 0.3), 0.1, (6, 6, 7))
    # the big date's two windows, cut through, with polished bevels
    for win in date_windows():
        (x0, y0), (x1, _), (_, y1) = win[0], win[1], win[2]
        canvas.fill(
            [(x0 - 0.3, y0 - 0.3), (x1 + 0.3, y0 - 0.3), (x1 + 0.3, y1 + 0.3), (x0 - 0.3, y1 + 0.3)],
            polished((0.6, 0.8), 40.0, (30, 30, 34), (225, 228, 235)),
        )
        hole = canvas.blank()
        hole.polygon(win, (255, 255, 255))
        canvas.erase(hole)
        canvas.fill([(x0, y0), (x1, y0), (x1, y0 + 0.45), (x0, y0 + 0.45)], (0, 0, 0, 140))


def _seg(x0: float, x1: float, y: float, w: float) -> list[g.Point]:
    lo, hi = min(x0, x1), max(x0, x1)
    return [(lo, y - w / 2), (hi, y - w / 2), (hi, y + w / 2), (lo, y + w / 2)]


def paint_hour_markers(canvas: Canvas) -> None:
    """Applied batons: a polished frame filled with lume, each with its shadow on the dial."""
    dial = dial_polygon()
    for hour in HOUR_MARKERS:
        bearing = hour % 12 * 30.0
        edge = g.ray_distance(dial, g.HANDS_PIVOT, bearing)
        length = MARKER_LEN_MM * (0.8 if hour == 12 else 1.0)
        offsets = (-0.42, 0.42) if hour == 12 else (0.0,)
        d = g.direction(bearing)
        side = (-d[1], d[0])
        for off in offsets:
            base = g.polar(g.HANDS_PIVOT, bearing, edge - 0.35)
            base = (base[0] + side[0] * off, base[1] + side[1] * off)
            tip = (base[0] - d[0] * length, base[1] - d[1] * length)
            canvas.fill(
                _baton((base[0] + 0.2, base[1] + 0.3), (tip[0] + 0.2, tip[1] + 0.3), 0.86), (0, 0, 0, 130)
            )
            canvas.fill(_baton(base, tip, 0.86), polished((d[0], d[1]), 30.0, (70, 72, 78), (235, 238, 244)))
            canvas.fill(_baton(base, tip, 0.52, 0.17), _lume_shader(bearing))


def _baton(p0: g.Point, p1: g.Point, width: float, shrink: float = 0.0) -> list[g.Point]:
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    a = (p0[0] + ux * shrink, p0[1] + uy * shrink)
    b = (p1[0] - ux * shrink, p1[1] - uy * shrink)
    nx, ny = -uy * width / 2, ux * width / 2
    return [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)]


def _lume_shader(bearing: float):
    lit = 0.85 + 0.15 * math.cos(math.radians(bearing + 35))

    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return mix((150, 146, 130), LUME, lit + 0.03 * noise(x.shape, 9))

    return shade


def paint_centre_boss(canvas: Canvas) -> None:
    """The centre wheel's bridge around the hands' pivot, a small polished disc over the grille."""
    c = g.HANDS_PIVOT
    canvas.fill(circle_polygon((c[0] + 0.25, c[1] + 0.35), 1.75, 40), (0, 0, 0, 120))
    canvas.fill(circle_polygon(c, 1.7, 40), polished((0.0, 0.0), 0.0, (30, 31, 35), (120, 124, 132)))
    canvas.fill(
        arc_polygon(c, 1.45, 1.7, 0, 360), polished((0.55, 0.83), 45.0, (20, 20, 24), (220, 224, 232))
    )


def paint_dial(canvas: Canvas) -> None:
    """The dial plate with its grille, the bridge and the markers (sub-dials and tourbillon are painted after)."""
    canvas.fill(dial_polygon(), _brushed)
    paint_grille(canvas)
    paint_bridge(canvas)


# ---- the flange and its speed scale ----------------------------------------------------------------------------
SPEED_MAJOR = {"kmh": 50, "mph": 30}
SPEED_MINOR = {"kmh": 10, "mph": 5}
SPEED_RED_FROM = {"kmh": 250, "mph": 150}
UNIT_LABEL = {"kmh": "KM/H", "mph": "MPH"}


def _flange_band(a0: float, a1: float, d0: float, d1: float, step: float = 1.0) -> list[g.Point]:
    n = max(2, int(abs(a1 - a0) / step))
    outer = [g.flange_point(a0 + (a1 - a0) * i / n, d0) for i in range(n + 1)]
    inner = [g.flange_point(a1 - (a1 - a0) * i / n, d1) for i in range(n + 1)]
    return outer + inner


def paint_flange(canvas: Canvas, units: str) -> None:
    """The inclined rehaut: matte black, shaded by the bezel's shadow, printed with the speed scale."""
    outer = g.inset(g.CASE_OUTLINE, g.BEZEL_STEP_IN)
    inner = g.inset(g.CASE_OUTLINE, g.FLANGE_IN)
    normals = g.edge_normals(g.CASE_OUTLINE)
    for i, n in enumerate(normals):
        j = (i + 1) % len(normals)
        canvas.fill(
            [outer[i], outer[j], inner[j], inner[i]],
            matte((-n[0], -n[1]), 38.0, (11, 11, 13), (60, 62, 68), 31 + i),
        )
    shadow = g.inset(g.CASE_OUTLINE, g.BEZEL_STEP_IN + 0.7)
    for i in range(len(normals)):
        j = (i + 1) % len(normals)
        p0, p1 = outer[i], outer[j]
        q0, q1 = shadow[i], shadow[j]

        def fade(x: np.ndarray, y: np.ndarray, p0: g.Point = p0, q0: g.Point = q0) -> np.ndarray:
            dx, dy = q0[0] - p0[0], q0[1] - p0[1]
            t = ((x - p0[0]) * dx + (y - p0[1]) * dy) / (dx * dx + dy * dy)
            a = np.clip(1.0 - t, 0, 1) ** 1.5 * 0.7
            return np.concatenate([np.zeros((*x.shape, 3), np.float32), a[..., None]], axis=-1)

        canvas.fill([p0, p1, q1, q0], fade)
    paint_speed_scale(canvas, units)


def numeral_turn_deg(bearing: float) -> float:
    """Numerals follow the flange, their tops outwards, except at the bottom where they would stand on
    their heads: there they turn the other way round, tops inwards, as on a bezel."""
    b = (bearing + 180.0) % 360.0 - 180.0
    return b if abs(b) <= 105.0 else b - math.copysign(180.0, b)


def paint_speed_scale(canvas: Canvas, units: str) -> None:
    top = g.SPEED_SCALE_MAX[units]
    minor, major, red_from = SPEED_MINOR[units], SPEED_MAJOR[units], SPEED_RED_FROM[units]
    a_red = g.SPEED_ARC_START_DEG + g.SPEED_ARC_SPAN_DEG * red_from / top
    a_end = g.SPEED_ARC_START_DEG + g.SPEED_ARC_SPAN_DEG
    canvas.fill(_flange_band(a_red, a_end, 0.06, 0.16), RED)
    canvas.fill(_flange_band(g.SPEED_ARC_START_DEG, a_red, 0.10, 0.14), (150, 146, 134))
    for value in range(0, int(top) + 1, minor // 2 if units == "kmh" else minor):
        bearing = g.SPEED_ARC_START_DEG + g.SPEED_ARC_SPAN_DEG * value / top
        is_major = value % major == 0
        is_minor = value % minor == 0
        depth = 0.48 if is_major else (0.34 if is_minor else 0.24)
        width = 0.3 if is_major else (0.17 if is_minor else 0.12)
        colour = RED if value >= red_from else IVORY
        canvas.segment(g.flange_point(bearing, 0.06), g.flange_point(bearing, depth), width, colour)
        if is_major:
            colour = RED if value > red_from else IVORY
            canvas.text(
                str(value), g.flange_point(bearing, 0.74), 1.4, colour, angle_deg=numeral_turn_deg(bearing)
            )
    bottom = g.flange_point(180.0, 0.5)
    canvas.text(UNIT_LABEL[units], (bottom[0], bottom[1] - 0.75), 0.82, IVORY, tracking_mm=0.16)
    canvas.text("MILLE MIGLIA", (bottom[0], bottom[1] + 0.65), 0.8, RED, tracking_mm=0.14)
