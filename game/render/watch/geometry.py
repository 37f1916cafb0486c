"""Where every part of the Lab One sits, in millimetres of the real watch, and the polygon maths to place them.

One source of truth for the static layers, the moving sprites and the tests. Coordinates: origin at the case's
centre, x to 3 o'clock, y to 6 o'clock (screen orientation); angles are degrees clockwise from 12 o'clock, as in
:class:`watch_core.WatchState`. The case is 46 × 48.6 mm as on the real piece; the rest is laid out so that the
dial reads at a glance at a third of a 720-px screen.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Final

Point = tuple[float, float]
Polygon = tuple[Point, ...]

# ---- the case -------------------------------------------------------------------------------------------------
CASE_W_MM: Final = 46.0
CASE_H_MM: Final = 48.6
_HALF_H: Final = CASE_H_MM / 2
_TOP_HALF_W: Final = 13.6
_SHOULDER: Final = (21.6, 13.2)
"""Vertex between the long chamfer and the caseband side (x, |y|)."""

CASE_OUTLINE: Final[Polygon] = (
    (-_TOP_HALF_W, -_HALF_H),
    (_TOP_HALF_W, -_HALF_H),
    (_SHOULDER[0], -_SHOULDER[1]),
    (CASE_W_MM / 2, 0.0),
    (_SHOULDER[0], _SHOULDER[1]),
    (_TOP_HALF_W, _HALF_H),
    (-_TOP_HALF_W, _HALF_H),
    (-_SHOULDER[0], _SHOULDER[1]),
    (-CASE_W_MM / 2, 0.0),
    (-_SHOULDER[0], -_SHOULDER[1]),
)
"""The elongated decagon, clockwise on screen from the top-left corner: flat top and bottom (the strap's),
long chamfers, and sides that meet in a shallow point at 3 and 9 o'clock."""

# Insets from the case outline (mm, measured square to each side).
FLANK_IN: Final = 0.9
"""Bead-blasted caseband seen around the bezel."""
BEZEL_OUTER_IN: Final = 1.5
"""Steep polished outer bevel of the bezel ends here."""
BEZEL_FACE_IN: Final = 3.5
"""Main polished facets of the bezel end here."""
BEZEL_STEP_IN: Final = 3.9
"""Inner step down to the crystal and the flange."""
FLANGE_IN: Final = 7.0
"""The rehaut (flange), inclined, carrying the speed scale, ends here: the dial starts."""

STRAP_STUB_MM: Final = 6.5
"""How much strap shows above and below the case."""
STRAP_HALF_W: Final = 11.4
LUG_HEIGHT_MM: Final = 1.9
SIDE_ALLOWANCE_MM: Final = 2.4
"""Room left and right of the case for the crown (9 o'clock) and the pusher (2 o'clock)."""

TOTAL_W_MM: Final = CASE_W_MM + 2 * SIDE_ALLOWANCE_MM
TOTAL_H_MM: Final = CASE_H_MM + 2 * STRAP_STUB_MM

BOLT_R_MM: Final = 1.05

CROWN_CENTRE: Final[Point] = (-CASE_W_MM / 2, 0.0)
CROWN_HALF_H_MM: Final = 3.6
CROWN_PROUD_MM: Final = 1.8
"""How far the wheel-shaped crown stands proud of the caseband at rest; pushed in (winding) it is nearly flush."""
CROWN_PUSHED_IN_MM: Final = 1.2

PUSHER_ANGLE_DEG: Final = 58.0
"""The stop pusher sits on the right-hand chamfer, about 2 o'clock."""
PUSHER_PROUD_MM: Final = 2.1
PUSHER_TRAVEL_MM: Final = 1.5

# ---- the dial -------------------------------------------------------------------------------------------------
HANDS_PIVOT: Final[Point] = (0.0, -2.5)
HOUR_HAND_MM: Final = 8.8
MINUTE_HAND_MM: Final = 13.9

TOURBILLON_CENTRE: Final[Point] = (0.0, 10.3)
TOURBILLON_APERTURE_R: Final = 5.8
SECONDS_RING_R: Final = 6.9
CAGE_R: Final = 5.25
BALANCE_R: Final = 2.9

POWER_RESERVE_PIVOT: Final[Point] = (-10.3, 11.6)
DATE_PIVOT: Final[Point] = (10.3, 11.6)
SUBDIAL_ARC_R: Final = 4.0

BRIDGE_HALF_W: Final = 9.8
BRIDGE_TOP: Final = -15.0
BRIDGE_BOTTOM: Final = -9.6
BIG_DATE_CENTRE: Final[Point] = (0.0, -12.3)
BIG_DATE_WINDOW: Final = (2.5, 3.3)

GRILLE_TOP: Final = -9.0
GRILLE_BOTTOM: Final = 2.0
GRILLE_HALF_W: Final = 13.4

CENTRE_WHEEL_R: Final = 5.2
THIRD_WHEEL: Final[Point] = (-7.9, -4.9)
THIRD_WHEEL_R: Final = 3.5
BARREL: Final[Point] = (8.1, -4.5)
BARREL_R: Final = 4.4

# ---- the speed scale on the flange ----------------------------------------------------------------------------
SPEED_ARC_START_DEG: Final = 210.0
"""Zero sits at 7 o'clock."""
SPEED_ARC_SPAN_DEG: Final = 300.0
"""Full scale sits at 5 o'clock, clockwise through 12; the gap at 6 o'clock is the tourbillon's."""
SPEED_SCALE_MAX: Final = {"kmh": 300.0, "mph": 180.0}
KMH_PER_MPH: Final = 1.609344


def direction(angle_deg: float) -> Point:
    """Unit vector for a bearing measured clockwise from 12 o'clock (screen y points down)."""
    a = math.radians(angle_deg)
    return (math.sin(a), -math.cos(a))


def polar(centre: Point, angle_deg: float, r: float) -> Point:
    d = direction(angle_deg)
    return (centre[0] + d[0] * r, centre[1] + d[1] * r)


def _centroid(poly: Sequence[Point]) -> Point:
    return (sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly))


def edge_normals(poly: Sequence[Point]) -> list[Point]:
    """Outward unit normal of each side ``poly[i] → poly[i+1]`` of a convex polygon."""
    cx, cy = _centroid(poly)
    normals = []
    for i, (x0, y0) in enumerate(poly):
        x1, y1 = poly[(i + 1) % len(poly)]
        nx, ny = y1 - y0, -(x1 - x0)
        length = math.hypot(nx, ny)
        nx, ny = nx / length, ny / length
        if nx * ((x0 + x1) / 2 - cx) + ny * ((y0 + y1) / 2 - cy) < 0:
            nx, ny = -nx, -ny
        normals.append((nx, ny))
    return normals


@functools.lru_cache(maxsize=64)
def inset(poly: Polygon, d: float) -> Polygon:
    """The convex polygon whose every side lies ``d`` mm inside the matching side of ``poly``."""
    normals = edge_normals(poly)
    n = len(poly)
    lines = []
    for i in range(n):
        nx, ny = normals[i]
        x0, y0 = poly[i]
        lines.append((nx, ny, nx * x0 + ny * y0 - d))  # n·p = c
    out = []
    for i in range(n):
        a1, b1, c1 = lines[i - 1]
        a2, b2, c2 = lines[i]
        det = a1 * b2 - a2 * b1
        out.append(((c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det))
    return tuple(out)


def ray_distance(poly: Sequence[Point], origin: Point, angle_deg: float) -> float:
    """Distance from ``origin`` (inside ``poly``) to the polygon's edge along a bearing."""
    dx, dy = direction(angle_deg)
    ox, oy = origin
    best = math.inf
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        ex, ey = x1 - x0, y1 - y0
        det = dx * (-ey) - dy * (-ex)
        if abs(det) < 1e-12:
            continue
        rx, ry = x0 - ox, y0 - oy
        t = (rx * (-ey) - ry * (-ex)) / det
        s = (dx * ry - dy * rx) / det
        if t > 0 and -1e-9 <= s <= 1 + 1e-9:
            best = min(best, t)
    return best


def flange_radii(angle_deg: float) -> tuple[float, float]:
    """Distances from the case centre to the flange's outer and inner edges along a bearing."""
    outer = ray_distance(inset(CASE_OUTLINE, BEZEL_STEP_IN), (0.0, 0.0), angle_deg)
    inner = ray_distance(inset(CASE_OUTLINE, FLANGE_IN), (0.0, 0.0), angle_deg)
    return outer, inner


def flange_point(angle_deg: float, depth: float) -> Point:
    """Point on the flange at a bearing from the case centre, ``depth`` in [0, 1] from its outer to inner edge."""
    outer, inner = flange_radii(angle_deg)
    return polar((0.0, 0.0), angle_deg, outer + (inner - outer) * depth)


def speed_fraction(speed_kmh: float, units: str) -> float:
    """Where the arrow stands on its scale, 0..1 (pinned at both stops, as a real pointer would be)."""
    if units not in SPEED_SCALE_MAX:
        raise ValueError(f"units must be 'kmh' or 'mph', not {units!r}")
    value = max(0.0, speed_kmh) / (KMH_PER_MPH if units == "mph" else 1.0)
    return min(1.0, value / SPEED_SCALE_MAX[units])


def speed_arrow_deg(speed_kmh: float, units: str = "kmh") -> float:
    """Bearing of the red Mille Miglia arrow on the flange, degrees clockwise from 12 o'clock.

    Unwrapped, in ``[210, 510]``: 0 stands at 7 o'clock, mid-scale (150 km/h or 90 mph) at 12, full scale at
    5 o'clock; take it modulo 360 for a compass bearing.
    """
    return SPEED_ARC_START_DEG + SPEED_ARC_SPAN_DEG * speed_fraction(speed_kmh, units)
