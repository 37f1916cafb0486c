"""Scenery, barriers and ground areas beside a stage's road, by region.

Poplar rows and fields on the Po plain; Lake Garda's shore; the Adriatic with pines and a beach; oaks, rock
faces and stone parapets in the Apennines; cypress avenues, vineyards and olive groves in Tuscany; hay bales
and spectators at the Futa and Raticosa hairpins; houses close to the road, walls, a piazza and a church in
every town; Rome's palazzi and umbrella pines. Nothing solid is ever placed on the road or its verge (every
item is checked against the whole road, not just the stretch it was placed beside), and nothing stands in
the sea or a lake.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.sim.geometry import VERGE_M, TrackGeometry
from game.sim.track import Track
from tools.trackgen.data import StageSpec
from tools.trackgen.layout import Layout

CLEAR_M = 0.6
"""Extra gap between the verge's outer edge and anything solid."""

BOX_KINDS = ("house", "church", "tower")

TREE_RADIUS_M = {
    "poplar": 1.1,
    "cypress": 0.9,
    "pine": 1.6,
    "oak": 2.0,
    "olive": 1.4,
    "bush": 1.0,
    "vine": 0.5,
}
"""Collision footprint of each tree (the renderer may draw its canopy larger)."""

_OCCUPANCY_CELL_M = 4.0


@dataclass
class Dressing:
    """What `dress` places, as track-document lists."""

    scenery: list[dict[str, Any]] = field(default_factory=list)
    barriers: list[dict[str, Any]] = field(default_factory=list)
    areas: list[dict[str, Any]] = field(default_factory=list)


def _road_geometry(spec: StageSpec, layout: Layout) -> TrackGeometry:
    track = Track(
        format_version=1, id=spec.id, name="", region="", kind="circuit" if layout.road.closed else "stage",
        closed=layout.road.closed, laps=1, seed=0, start_time_of_day_s=0, date=(1955, 5, 1), waypoints=(),
        centerline=layout.road.points, half_width_m=tuple(layout.half_width_m), surfaces=(), timing_lines=(),
        scenery=(), barriers=(), medals=None, content_hash="",
    )  # fmt: skip
    return TrackGeometry(track)


def _point_in_polygon(px: np.ndarray, py: np.ndarray, poly: list[tuple[float, float]]) -> np.ndarray:
    """Even-odd rule for many points at once."""
    inside = np.zeros(px.shape, dtype=bool)
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        crosses = (y1 > py) != (y2 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (px < x_at)
    return inside


def _inside(x: float, y: float, poly: list[tuple[float, float]]) -> bool:
    """Even-odd rule for one point."""
    inside = False
    x1, y1 = poly[-1]
    for x2, y2 in poly:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


class _Placer:
    """Places things beside the road, refusing any that would touch the road, water or each other."""

    def __init__(self, spec: StageSpec, layout: Layout, rng: random.Random) -> None:
        self.spec = spec
        self.layout = layout
        self.rng = rng
        self.geometry = _road_geometry(spec, layout)
        self.out = Dressing()
        self.water: list[tuple[tuple[float, float, float, float], list[tuple[float, float]]]] = []
        self.occupied: set[tuple[int, int]] = set()
        self.n = len(layout.s_m)

    # ------------------------------------------------------------------------------------------ checks

    def road_clearance(self, x: float, y: float) -> float:
        """Distance from (x, y) to the outer edge of the verge, over the whole road (negative inside)."""
        p = self.geometry.project(x, y)
        return p.distance_m - p.half_width_m - VERGE_M

    def in_water(self, x: float, y: float) -> bool:
        return any(
            x0 <= x <= x1 and y0 <= y <= y1 and _inside(x, y, poly) for (x0, y0, x1, y1), poly in self.water
        )

    def _cells(self, x: float, y: float, r: float) -> list[tuple[int, int]]:
        c = _OCCUPANCY_CELL_M
        return [
            (gx, gy)
            for gx in range(math.floor((x - r) / c), math.floor((x + r) / c) + 1)
            for gy in range(math.floor((y - r) / c), math.floor((y + r) / c) + 1)
        ]

    def free(self, x: float, y: float, r: float) -> bool:
        if self.road_clearance(x, y) < r + CLEAR_M or self.in_water(x, y):
            return False
        return not any(cell in self.occupied for cell in self._cells(x, y, r * 0.8))

    # ---------------------------------------------------------------------------------------- placing

    def item(self, kind: str, x: float, y: float, radius: float, solid: bool = True) -> bool:
        if solid and not self.free(x, y, radius):
            return False
        if not solid and (self.road_clearance(x, y) < radius or self.in_water(x, y)):
            return False
        if solid:
            self.occupied.update(self._cells(x, y, radius * 0.8))
        d: dict[str, Any] = {"kind": kind, "x_m": x, "y_m": y, "radius_m": radius}
        if not solid:
            d["solid"] = False
        self.out.scenery.append(d)
        return True

    def box(self, kind: str, x: float, y: float, length: float, width: float, angle: float) -> bool:
        c, s = math.cos(angle), math.sin(angle)
        corners = [
            (x + c * px - s * py, y + s * px + c * py)
            for px in (-0.5 * length, 0.0, 0.5 * length)
            for py in (-0.5 * width, 0.0, 0.5 * width)
        ]
        if any(self.road_clearance(px, py) < CLEAR_M for px, py in corners) or self.in_water(x, y):
            return False
        radius = 0.5 * math.hypot(length, width)
        cells = self._cells(x, y, 0.5 * min(length, width))
        if any(cell in self.occupied for cell in cells):
            return False
        self.occupied.update(self._cells(x, y, 0.45 * max(length, width)))
        self.out.scenery.append(
            {"kind": kind, "x_m": x, "y_m": y, "radius_m": radius, "angle_rad": angle, "length_m": length,
             "width_m": width}
        )  # fmt: skip
        return True

    def beside(self, i: int, side: float, offset: float) -> tuple[float, float]:
        """Point `offset` beyond the verge's outer edge at centre-line point i, on `side` (+1 left)."""
        lateral = side * (self.layout.half_width_m[i] + VERGE_M + offset)
        return self.layout.point(i, lateral)

    def barrier(self, kind: str, i0: int, i1: int, side: float, offset: float) -> bool:
        """A barrier polyline along points i0..i1, `offset` beyond the verge (every point on bends)."""
        if i1 - i0 < 2:
            return False
        straight = all(abs(float(self.layout.curvature[i % self.n])) < 1.0 / 150.0 for i in range(i0, i1 + 1))
        idx = list(range(i0, i1 + 1, 3 if straight else 1))
        if idx[-1] != i1:
            idx.append(i1)
        pts = [self.beside(i % self.n, side, offset) for i in idx]
        checks = pts + [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in itertools.pairwise(pts)]
        if any(self.road_clearance(x, y) < 0.45 or self.in_water(x, y) for x, y in checks):
            return False
        self.out.barriers.append({"kind": kind, "points": [list(p) for p in pts]})
        for x, y in checks:
            self.occupied.update(self._cells(x, y, 0.5))
        return True

    def area(self, kind: str, polygon: list[tuple[float, float]]) -> None:
        self.out.areas.append({"kind": kind, "points": [list(p) for p in polygon]})

    def quad_beside(
        self, i0: int, i1: int, side: float, near: float, depth: float, min_clear: float = 1.0
    ) -> list[tuple[float, float]] | None:
        """A field-like polygon along points i0..i1, from `near` to `near + depth` beyond the verge."""
        idx = [*list(range(i0, i1 + 1, 3)), i1]
        inner = [self.beside(i % self.n, side, near) for i in idx]
        # The far edge follows the mean direction so the polygon stays simple on bends.
        hx = float(np.mean(np.cos(self.layout.heading[[i % self.n for i in idx]])))
        hy = float(np.mean(np.sin(self.layout.heading[[i % self.n for i in idx]])))
        norm = math.hypot(hx, hy) or 1.0
        nx, ny = -hy / norm * side, hx / norm * side
        outer = [(x + nx * depth, y + ny * depth) for x, y in inner]
        poly = inner + outer[::-1]
        samples = poly + [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in itertools.pairwise(poly)]
        if any(self.road_clearance(x, y) < min_clear or self.in_water(x, y) for x, y in samples):
            return None
        cx = float(np.mean([p[0] for p in poly]))
        cy = float(np.mean([p[1] for p in poly]))
        if self.road_clearance(cx, cy) < min_clear:
            return None
        return poly


def dress(spec: StageSpec, layout: Layout, rng: random.Random) -> Dressing:
    """Everything beside the road of one stage, deterministic for its seed."""
    p = _Placer(spec, layout, rng)
    _water(p)
    _towns(p)
    _timing_crowds(p)
    _corners(p)
    _countryside(p)
    return p.out


# ------------------------------------------------------------------------------------------------ water


def _water(p: _Placer) -> None:
    """The Adriatic beside the coastal legs (one sea for consecutive ones) and Lake Garda beside the lake leg."""
    spec, layout = p.spec, p.layout
    runs: list[tuple[str, list[int]]] = []
    for leg, character in enumerate(spec.legs):
        if character == "coast" and spec.sea_side:
            kind = "sea"
        elif character == "lake" and spec.lake_side:
            kind = "lake"
        else:
            continue
        if runs and runs[-1][0] == kind and runs[-1][1][-1] == leg - 1:
            runs[-1][1].append(leg)
        else:
            runs.append((kind, [leg]))
    for kind, legs in runs:
        side = spec.sea_side if kind == "sea" else spec.lake_side
        sign = 1.0 if side == "left" else -1.0
        idx = [i for i in range(p.n) if layout.leg[i] in legs]
        if kind == "lake":
            idx = idx[int(len(idx) * 0.08) : max(2, int(len(idx) * 0.75))]
        if len(idx) < 20:
            continue
        shore = (22.0, 60.0) if kind == "sea" else (14.0, 40.0)
        _water_body(p, kind, idx[0], idx[-1], sign, shore)


def _water_body(p: _Placer, kind: str, i0: int, i1: int, sign: float, shore: tuple[float, float]) -> None:
    layout, rng = p.layout, p.rng
    phase = rng.uniform(0.0, 6.28)
    coast: list[tuple[float, float]] = []
    for i in range(i0, i1 + 1, 5):
        wobble = 0.5 + 0.5 * math.sin(phase + layout.s_m[i] / 90.0)
        coast.append(p.beside(i, sign, shore[0] + (shore[1] - shore[0]) * wobble))
    if len(coast) < 4:
        return
    # Smooth the shore so it never follows a tight bend of the road.
    xs = np.convolve(np.pad([c[0] for c in coast], 4, mode="edge"), np.ones(9) / 9, mode="same")[4:-4]
    ys = np.convolve(np.pad([c[1] for c in coast], 4, mode="edge"), np.ones(9) / 9, mode="same")[4:-4]
    coast = list(zip(xs.tolist(), ys.tolist(), strict=True))
    dx = coast[-1][0] - coast[0][0]
    dy = coast[-1][1] - coast[0][1]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    nx, ny = -uy * sign, ux * sign
    road = np.asarray(layout.road.points)
    # Push the shore out wherever a bend of the road (a town's corner) reaches towards the water.
    pushed = []
    for x, y in coast:
        for _ in range(60):
            if p.road_clearance(x, y) >= 8.0:
                break
            x, y = x + nx * 3.0, y + ny * 3.0
        pushed.append((x, y))
    coast = pushed
    for depth in (1500.0, 900.0, 500.0, 250.0):
        if kind == "lake":
            # A lake closes back to its shore at both ends, wider in the middle.
            count = len(coast)
            far = [
                (x + nx * depth * (0.25 + 0.75 * math.sin(math.pi * (k + 0.5) / count) ** 0.6)
                 + ux * depth * 0.15 * math.cos(math.pi * (k + 0.5) / count),
                 y + ny * depth * (0.25 + 0.75 * math.sin(math.pi * (k + 0.5) / count) ** 0.6)
                 + uy * depth * 0.15 * math.cos(math.pi * (k + 0.5) / count))
                for k, (x, y) in enumerate(coast)
            ]  # fmt: skip
        else:
            far = [(x + nx * depth, y + ny * depth) for x, y in coast]
        poly = coast + far[::-1]
        if _point_in_polygon(road[:, 0], road[:, 1], poly).any():
            continue
        p.area(kind, [(round(x, 3), round(y, 3)) for x, y in poly])
        xs_all = [q[0] for q in poly]
        ys_all = [q[1] for q in poly]
        p.water.append(((min(xs_all), min(ys_all), max(xs_all), max(ys_all)), poly))
        # Pines (by the sea) or olives and cypresses (by the lake) along the shore.
        for i in range(i0, i1, 6):
            if rng.random() < 0.35:
                x, y = p.beside(i, sign, rng.uniform(3.0, shore[0] - 4.0))
                tree = "pine" if kind == "sea" else rng.choice(("olive", "cypress", "bush"))
                p.item(tree, x, y, TREE_RADIUS_M[tree])
        return


# ------------------------------------------------------------------------------------------------ towns


def _towns(p: _Placer) -> None:
    layout = p.layout
    for lo, hi, zone in layout.town_ranges:
        i0 = layout.index_at(lo)
        i1 = layout.index_at(hi)
        if i1 - i0 < 6:
            continue
        _town(p, i0, i1, zone == "city")


def _town(p: _Placer, i0: int, i1: int, city: bool) -> None:
    layout, rng = p.layout, p.rng
    hull_pts: list[tuple[float, float]] = []
    reach = 60.0 if city else 42.0
    for i in range(i0, i1 + 1, 3):
        hull_pts.append(p.beside(i, 1.0, reach))
        hull_pts.append(p.beside(i, -1.0, reach))
    p.area("town", [(round(x, 3), round(y, 3)) for x, y in _convex_hull(hull_pts)])

    # The piazza: the first spot near the town's centre where it fits, with its church across it.
    centre = (i0 + i1) // 2
    piazza_side = rng.choice((1.0, -1.0))
    pa = pb = -10
    for shift in (0, 3, -3, 6, -6, 9, -9):
        placed_piazza = False
        for side in (piazza_side, -piazza_side):
            piazza_len = rng.uniform(22.0, 36.0) * (1.4 if city else 1.0)
            piazza_half = max(2, round(piazza_len / 8.0))
            mid = min(i1 - 1, max(i0 + 1, centre + shift))
            a, b = max(i0, mid - piazza_half), min(i1, mid + piazza_half)
            depth = rng.uniform(14.0, 24.0)
            quad = p.quad_beside(a, b, side, 0.3, depth, min_clear=0.1)
            if quad is None:
                continue
            for back in (9.0, 12.0, 16.0, 6.5):
                cx, cy = p.beside(mid, side, depth + back)
                if p.box("church", cx, cy, 18.0, 11.0, float(layout.heading[mid]) + math.pi / 2):
                    break
            p.area("piazza", quad)
            fx, fy = p.beside(mid, side, depth * 0.5)
            p.item("crowd", fx, fy, 2.5, solid=False)
            piazza_side, pa, pb = side, a, b
            placed_piazza = True
            break
        if placed_piazza:
            break

    for side in (1.0, -1.0):
        i = i0
        while i < i1:
            if side == piazza_side and pa - 2 <= i <= pb + 1:
                i = pb + 2
                continue
            length = rng.uniform(14.0, 24.0) if city else rng.uniform(8.0, 15.0)
            width = rng.uniform(12.0, 18.0) if city else rng.uniform(7.0, 10.0)
            gap = rng.uniform(0.8, 2.5)
            x, y = p.beside(i, side, gap + width / 2)
            placed = p.box("house", x, y, length, width, float(layout.heading[i]))
            if not placed and rng.random() < 0.6:
                # No room for a house here: a stone wall, as in the old centres.
                j = min(i1, i + rng.randint(3, 8))
                p.barrier("wall", i, j, side, 0.5)
                i = j + 1
                continue
            i += max(1, round((length + rng.uniform(0.5, 4.0)) / 4.0))
            if rng.random() < 0.12:
                i += rng.randint(2, 4)  # a side street
        if city:
            for j in range(i0, i1, 14):
                if rng.random() < 0.5:
                    x, y = p.beside(j, side, rng.uniform(2.0, 4.0))
                    p.item("pine", x, y, TREE_RADIUS_M["pine"])
    # Kerb stones at the town's tight corners, on the inside.
    for i in range(i0, i1 + 1):
        k = float(layout.curvature[i])
        if abs(k) > 1.0 / 30.0 and rng.random() < 0.5:
            x, y = p.beside(i, math.copysign(1.0, k), 0.3)
            p.item("kerbstone", x, y, 0.35)


# ---------------------------------------------------------------------------------------- timing crowds


def _timing_crowds(p: _Placer) -> None:
    """Fences with spectators behind them at the start and the finish."""
    layout, rng = p.layout, p.rng
    ends = [40.0] if layout.road.closed else [40.0, layout.length_m - 40.0]
    for s in ends:
        i = layout.index_at(s)
        i0, i1 = max(0, i - 6), min(p.n - 1, i + 6)
        for side in (1.0, -1.0):
            if p.barrier("fence", i0, i1, side, 0.6):
                for j in range(i0, i1, 2):
                    x, y = p.beside(j, side, rng.uniform(2.2, 4.0))
                    p.item("crowd", x, y, 1.2, solid=False)


# -------------------------------------------------------------------------------------- corners


def _corners(p: _Placer) -> None:
    """Hay bales on the outside of dangerous corners; on the passes, spectators behind them and parapets."""
    layout, rng = p.layout, p.rng
    i = 0
    while i < p.n:
        zone = layout.zone[i]
        k = float(layout.curvature[i])
        fast = zone in ("plain", "coast", "lake")
        limit = (1.0 / 170.0 if zone == "plain" else 1.0 / 110.0) if fast else 1.0 / 35.0
        if zone in ("town", "city") or abs(k) < limit:
            i += 1
            continue
        j = i
        while (
            j + 1 < p.n and abs(float(layout.curvature[j + 1])) >= limit * 0.6 and layout.zone[j + 1] == zone
        ):
            j += 1
        outside = -math.copysign(1.0, k)
        a, b = max(0, i - 3), min(p.n - 1, j + 3)
        mountain = zone in ("pass", "mountain", "hills")
        kind = "hay" if (not mountain or rng.random() < 0.55) else "parapet"
        if p.barrier(kind, a, b, outside, 1.2) and kind == "hay" and zone == "pass":
            for m in range(a, b, 2):
                if rng.random() < 0.6:
                    x, y = p.beside(m, outside, rng.uniform(3.0, 6.0))
                    p.item("crowd", x, y, 1.2, solid=False)
        if mountain and rng.random() < 0.5:
            p.barrier("rock", a, b, -outside, 1.0)
        i = j + 4


# ---------------------------------------------------------------------------------------- countryside


def _countryside(p: _Placer) -> None:
    """Region by region, stretch by stretch: rows of trees, fields, farms, woods and rock."""
    layout, rng = p.layout, p.rng
    i = 0
    while i < p.n - 1:
        zone = layout.zone[i]
        j = i
        while j + 1 < p.n and layout.zone[j + 1] == zone and j - i < 60:
            j += 1
        if zone not in ("town", "city"):
            _stretch(p, zone, i, j, rng)
        i = j + 1


def _stretch(p: _Placer, zone: str, i0: int, i1: int, rng: random.Random) -> None:
    layout = p.layout
    straight = all(abs(float(layout.curvature[i])) < 1.0 / 250.0 for i in range(i0, i1 + 1))
    side = rng.choice((1.0, -1.0))
    if zone in ("plain", "lake"):
        if straight or rng.random() < 0.5:
            sides = (1.0, -1.0) if rng.random() < 0.5 else (side,)
            for sd in sides:
                _row(p, "poplar", i0, i1, sd, rng.uniform(2.0, 3.5), rng.uniform(9.0, 12.0))
        for sd in (1.0, -1.0):
            if rng.random() < 0.7:
                quad = p.quad_beside(i0, i1, sd, rng.uniform(7.0, 10.0), rng.uniform(60.0, 180.0))
                if quad is not None:
                    p.area("vineyard" if zone == "lake" and rng.random() < 0.5 else "field", quad)
        if rng.random() < 0.3:
            _farm(p, rng.randint(i0, i1), -side, rng)
        if zone == "lake":
            _scatter(p, ("olive", "cypress"), i0, i1, 0.25, (3.0, 25.0))
    elif zone == "coast":
        _row(p, "pine", i0, i1, -1.0 if p.spec.sea_side == "left" else 1.0, rng.uniform(3.0, 6.0), 14.0)
        quad = p.quad_beside(
            i0, i1, -1.0 if p.spec.sea_side == "left" else 1.0, 20.0, rng.uniform(50.0, 150.0)
        )
        if quad is not None:
            p.area("field", quad)
        _scatter(p, ("bush", "pine"), i0, i1, 0.15, (4.0, 30.0))
    elif zone == "tuscany":
        if straight or rng.random() < 0.6:
            _row(p, "cypress", i0, i1, side, rng.uniform(1.5, 2.5), rng.uniform(7.0, 9.0))
        for sd in (1.0, -1.0):
            if rng.random() < 0.6:
                quad = p.quad_beside(i0, i1, sd, rng.uniform(6.0, 12.0), rng.uniform(50.0, 140.0))
                if quad is not None:
                    p.area(rng.choice(("vineyard", "olive_grove", "field")), quad)
        if rng.random() < 0.35:
            _farm(p, rng.randint(i0, i1), -side, rng)
        _scatter(p, ("olive", "cypress", "oak"), i0, i1, 0.15, (3.0, 25.0))
    elif zone == "hills":
        _scatter(p, ("oak", "olive", "bush"), i0, i1, 0.35, (2.5, 30.0))
        if rng.random() < 0.4:
            quad = p.quad_beside(i0, i1, side, rng.uniform(8.0, 15.0), rng.uniform(60.0, 150.0))
            if quad is not None:
                p.area(rng.choice(("field", "olive_grove", "wood")), quad)
        if rng.random() < 0.2:
            _farm(p, rng.randint(i0, i1), -side, rng)
    else:  # mountain, pass
        _scatter(p, ("pine", "oak", "rock", "bush"), i0, i1, 0.45, (2.0, 22.0))
        if rng.random() < 0.5:
            quad = p.quad_beside(i0, i1, side, rng.uniform(6.0, 12.0), rng.uniform(60.0, 160.0))
            if quad is not None:
                p.area("wood", quad)
        if rng.random() < 0.25:
            a = rng.randint(i0, max(i0, i1 - 10))
            p.barrier("rock", a, min(i1, a + rng.randint(8, 25)), side, 0.8)


def _row(p: _Placer, kind: str, i0: int, i1: int, side: float, offset: float, spacing_m: float) -> None:
    """A row of trees at regular spacing (the poplars and cypress avenues of the period photographs)."""
    layout = p.layout
    radius = TREE_RADIUS_M[kind]
    s = float(layout.s_m[i0]) + p.rng.uniform(0.0, spacing_m)
    end = float(layout.s_m[i1])
    while s < end:
        i = layout.index_at(s)
        t = (s - float(layout.s_m[i])) / 4.0
        x0, y0 = p.beside(i, side, offset + radius)
        x1, y1 = p.beside(min(i + 1, p.n - 1), side, offset + radius)
        p.item(kind, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, radius)
        s += spacing_m


def _scatter(
    p: _Placer, kinds: tuple[str, ...], i0: int, i1: int, density: float, offsets: tuple[float, float]
) -> None:
    """Loose trees and rocks, `density` items per centre-line point."""
    for i in range(i0, i1 + 1):
        if p.rng.random() >= density:
            continue
        kind = p.rng.choice(kinds)
        side = p.rng.choice((1.0, -1.0))
        radius = TREE_RADIUS_M.get(kind, p.rng.uniform(0.8, 1.8))
        x, y = p.beside(i, side, p.rng.uniform(*offsets) + radius)
        p.item(kind, x, y, radius)


def _farm(p: _Placer, i: int, side: float, rng: random.Random) -> None:
    """A farmhouse set back from the road, a hay stack and a tree or two."""
    layout = p.layout
    back = rng.uniform(14.0, 35.0)
    x, y = p.beside(i, side, back)
    if p.box("house", x, y, rng.uniform(12.0, 18.0), rng.uniform(8.0, 11.0), float(layout.heading[i])):
        for _ in range(2):
            hx, hy = p.beside(min(p.n - 1, i + rng.randint(2, 5)), side, back + rng.uniform(-4.0, 10.0))
            p.item("hay", hx, hy, rng.uniform(1.0, 1.6))
        tx, ty = p.beside(max(0, i - 3), side, back)
        p.item(rng.choice(("oak", "cypress")), tx, ty, 1.4)
