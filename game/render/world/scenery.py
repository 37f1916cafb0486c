"""Scenery painted into ground tiles: soft shadows of everything that stands up, terracotta roofs, churches
and towers, rocks, hay bales, olive trees and bushes, spectators, and the barriers (stone walls, hay-bale
lines, rock faces, fences, bridge parapets).

Tall trees (poplars, cypresses, umbrella pines, oaks) only leave their shadow here; they are drawn each
frame above the car by `tall.py`, leaning away from the middle of the screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import pygame

from game.render.world import palette
from game.render.world.chunks import TileContext, TileGrid, coarse_grid
from game.render.world.palette import PIXELS_PER_M, SHADOW_DIR, SHADOW_LENGTH_PER_M, Rgb
from game.sim.track import Barrier, Scenery, Track

SHADOW_CELL_M = 0.4
SHADOW_MARGIN_M = 16.0
"""The longest shadow (a 20 m poplar's) plus its canopy: how far away an object can darken a tile."""

SHADOW_STRENGTH = 0.42


@dataclass(frozen=True, slots=True)
class TreeLook:
    """How a kind of tree stands: height, canopy radius, and its silhouette from above."""

    height_m: float
    canopy_m: float
    form: str
    """"column" (poplar, cypress), "umbrella" (stone pine), "round" (oak), "low" (olive, bush: in tiles)."""


TREES: dict[str, TreeLook] = {
    "poplar": TreeLook(19.0, 1.8, "column"),
    "cypress": TreeLook(14.0, 1.25, "column"),
    "pine": TreeLook(13.0, 4.6, "umbrella"),
    "oak": TreeLook(11.0, 4.2, "round"),
    "olive": TreeLook(4.5, 2.4, "low"),
    "bush": TreeLook(1.6, 1.4, "low"),
    "vine": TreeLook(1.4, 0.6, "low"),
}

TALL_TREES = tuple(k for k, v in TREES.items() if v.form != "low")

BUILDING_HEIGHT_M = {"house": 7.0, "church": 12.0, "tower": 22.0}
BARRIER_HEIGHT_M = {"wall": 1.6, "hay": 1.2, "rock": 3.0, "fence": 1.0, "parapet": 0.9}
BARRIER_WIDTH_M = {"wall": 0.6, "hay": 1.1, "rock": 1.6, "fence": 0.14, "parapet": 0.5}


def _hash01(*values: float) -> float:
    h = 2166136261
    for v in values:
        h ^= round(v * 1000.0) & 0xFFFFFFFF
        h = (h * 16777619) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0x5BD1E995) & 0xFFFFFFFF
    h ^= h >> 15
    return (h & 0xFFFFFF) / float(0x1000000)


def _lit(normal_x: float, normal_y: float) -> float:
    """How much a surface facing (world) direction n catches the low south-western sun, 0..1."""
    return max(0.0, -(normal_x * SHADOW_DIR[0] + normal_y * SHADOW_DIR[1]))


def box_corners(item: Scenery) -> list[tuple[float, float]]:
    """The four world corners of a box-shaped item (house, church, tower)."""
    c = math.cos(item.angle_rad)
    s = math.sin(item.angle_rad)
    hl = item.length_m * 0.5
    hw = item.width_m * 0.5
    return [
        (item.x_m + c * a - s * b, item.y_m + s * a + c * b)
        for a, b in ((-hl, -hw), (hl, -hw), (hl, hw), (-hl, hw))
    ]


class SceneryLayer:
    """Shadows, flat scenery and barriers, painted into ground tiles."""

    def __init__(self, track: Track) -> None:
        self.seed = track.seed
        self.items: tuple[Scenery, ...] = track.scenery
        self.barriers: tuple[Barrier, ...] = track.barriers
        self.grid = TileGrid()
        for index, item in enumerate(self.items):
            reach = max(item.radius_m, TREES.get(item.kind, TreeLook(0, 0, "")).canopy_m) + SHADOW_MARGIN_M
            self.grid.add(index, item.x_m - reach, item.y_m - reach, item.x_m + reach, item.y_m + reach)
        self.barrier_grid = TileGrid()
        for index, barrier in enumerate(self.barriers):
            xs = [p[0] for p in barrier.points]
            ys = [p[1] for p in barrier.points]
            reach = 4.0
            self.barrier_grid.add(index, min(xs) - reach, min(ys) - reach, max(xs) + reach, max(ys) + reach)

    def paint(self, tile: TileContext) -> None:
        items = list(self.grid.at(tile.key))
        barriers = list(self.barrier_grid.at(tile.key))
        if not items and not barriers:
            return
        self._paint_shadows(tile, items, barriers)
        for index in barriers:
            self._paint_barrier(tile, self.barriers[index], index)
        box = tile.bounds_m(6.0)
        # Low things first, buildings last: a roof covers whatever the data put under its eaves.
        ordered = sorted(items, key=lambda i: (self.items[i].kind in BUILDING_HEIGHT_M, i))
        for index in ordered:
            item = self.items[index]
            inside = box[0] <= item.x_m <= box[2] and box[1] <= item.y_m <= box[3]
            if not inside and item.kind not in BUILDING_HEIGHT_M:
                continue
            painter = _FLAT_PAINTERS.get(item.kind)
            if painter is not None:
                painter(self, tile, item, index)

    # -- shadows ------------------------------------------------------------------------------------
    def _paint_shadows(self, tile: TileContext, items: list[int], barriers: list[int]) -> None:
        grid = coarse_grid(tile, SHADOW_CELL_M, 2.0)
        n = grid.n
        k = 1.0 / SHADOW_CELL_M
        mask = pygame.Surface((n, n), 0, 32)
        mask.fill((255, 255, 255))
        at = grid.to_cell

        sdx = SHADOW_DIR[0] * SHADOW_LENGTH_PER_M
        sdy = SHADOW_DIR[1] * SHADOW_LENGTH_PER_M
        dark = round(255 * (1.0 - SHADOW_STRENGTH))
        soft = round(255 * (1.0 - SHADOW_STRENGTH * 0.75))
        soft_colour = (soft, soft, soft)
        dark_colour = (dark, dark, dark)
        for index in items:
            item = self.items[index]
            look = TREES.get(item.kind)
            if look is not None:
                r = look.canopy_m * k
                h = look.height_m
                base = at(item.x_m, item.y_m)
                tip = at(item.x_m + sdx * h, item.y_m + sdy * h)
                if look.form == "column":
                    mid = at(item.x_m + sdx * h * 0.45, item.y_m + sdy * h * 0.45)
                    pygame.draw.line(mask, soft_colour, base, tip, max(1, round(r * 1.1)))
                    pygame.draw.circle(mask, soft_colour, mid, r)
                    pygame.draw.circle(mask, soft_colour, tip, r * 0.55)
                elif look.form == "umbrella":
                    top = at(item.x_m + sdx * h * 0.9, item.y_m + sdy * h * 0.9)
                    pygame.draw.line(mask, soft_colour, base, top, max(1, round(0.5 * k)))
                    pygame.draw.circle(mask, soft_colour, top, r)
                else:
                    top = at(item.x_m + sdx * h * 0.6, item.y_m + sdy * h * 0.6)
                    pygame.draw.circle(mask, soft_colour, top, r)
                    if look.form == "round":
                        pygame.draw.line(mask, soft_colour, base, top, max(1, round(0.6 * k)))
            elif item.kind in BUILDING_HEIGHT_M:
                h = BUILDING_HEIGHT_M[item.kind]
                corners = box_corners(item)
                for t in (0.0, 0.25, 0.5, 0.75, 1.0):
                    pygame.draw.polygon(
                        mask, dark_colour, [at(x + sdx * h * t, y + sdy * h * t) for x, y in corners]
                    )
            elif item.kind in ("rock", "hay", "crowd", "milestone", "kerbstone"):
                h = {"rock": 1.2, "hay": 1.1, "crowd": 1.7, "milestone": 0.8, "kerbstone": 0.3}[item.kind]
                pygame.draw.circle(
                    mask,
                    soft_colour,
                    at(item.x_m + sdx * h * 0.5, item.y_m + sdy * h * 0.5),
                    item.radius_m * k,
                )
        for index in barriers:
            barrier = self.barriers[index]
            h = BARRIER_HEIGHT_M.get(barrier.kind, 1.0)
            width = max(
                1, round((BARRIER_WIDTH_M.get(barrier.kind, 0.5) + h * SHADOW_LENGTH_PER_M * 0.7) * k)
            )
            pts = [at(x + sdx * h * 0.5, y + sdy * h * 0.5) for x, y in barrier.points]
            if len(pts) >= 2:
                pygame.draw.lines(mask, soft_colour, False, pts, width)
        # Multiplying by white changes nothing: when no shadow reaches the cells the tile shows (or their
        # neighbours, which the blur mixes in), there is nothing to blur, enlarge or blend.
        used = grid.cells_used(tile.size_px)
        near = slice(max(used.start - 1, 0), min(used.stop + 1, n))
        if pygame.surfarray.pixels_red(mask)[near, near].min() == 255:
            return
        grid.blit_enlarged(pygame.transform.box_blur(mask, 1), tile, special_flags=pygame.BLEND_RGB_MULT)

    # -- flat things --------------------------------------------------------------------------------
    def _house(self, tile: TileContext, item: Scenery, index: int) -> None:
        h = _hash01(item.x_m, item.y_m, self.seed)
        roof = palette.ROOF_TERRACOTTA[int(h * len(palette.ROOF_TERRACOTTA)) % len(palette.ROOF_TERRACOTTA)]
        if item.kind == "church":
            roof = palette.shade(roof, 0.9)
        _hip_roof(
            tile,
            item,
            roof,
            ridge_fraction=0.0 if item.kind == "tower" else 0.5 + 0.3 * h,
            gable=item.kind == "church",
        )
        if item.kind == "house" and h > 0.35:
            c = math.cos(item.angle_rad)
            s = math.sin(item.angle_rad)
            a = (h - 0.5) * item.length_m * 0.6
            b = item.width_m * 0.22
            cx, cy = item.x_m + c * a - s * b, item.y_m + s * a + c * b
            px, py = tile.to_px(cx, cy)
            side = 0.7 * PIXELS_PER_M
            pygame.draw.rect(tile.surface, (150, 110, 90), (px - side / 2, py - side / 2, side, side))
            pygame.draw.rect(
                tile.surface, (70, 52, 44), (px - side / 2 + 1, py - side / 2 + 1, side - 2, side - 2)
            )

    def _rock(self, tile: TileContext, item: Scenery, index: int) -> None:
        n = 9
        pts = []
        for i in range(n):
            a = 2 * math.pi * i / n
            r = item.radius_m * (0.75 + 0.4 * _hash01(item.x_m, item.y_m, i))
            pts.append((item.x_m + r * math.cos(a), item.y_m + r * math.sin(a)))
        poly = tile.points_px(pts)
        pygame.draw.polygon(tile.surface, palette.shade(palette.ROCK, 0.78), poly)
        lit = tile.points_px(
            [
                (
                    item.x_m + (x - item.x_m) * 0.72 - SHADOW_DIR[0] * item.radius_m * 0.18,
                    item.y_m + (y - item.y_m) * 0.72 - SHADOW_DIR[1] * item.radius_m * 0.18,
                )
                for x, y in pts
            ]
        )
        pygame.draw.polygon(tile.surface, palette.shade(palette.ROCK, 1.08), lit)
        pygame.draw.polygon(tile.surface, palette.shade(palette.ROCK, 0.55), poly, 1)

    def _hay(self, tile: TileContext, item: Scenery, index: int) -> None:
        px, py = tile.to_px(item.x_m, item.y_m)
        r = item.radius_m * PIXELS_PER_M
        pygame.draw.circle(tile.surface, palette.shade(palette.HAY, 0.72), (px, py), r)
        pygame.draw.circle(tile.surface, palette.HAY, (px - r * 0.12, py - r * 0.12), r * 0.86)
        for f in (0.62, 0.34):
            pygame.draw.circle(
                tile.surface, palette.shade(palette.HAY, 0.82), (px - r * 0.12, py - r * 0.12), r * f, 1
            )

    def _low_tree(self, tile: TileContext, item: Scenery, index: int) -> None:
        look = TREES[item.kind]
        dark, lit = palette.TREE["olive" if item.kind == "olive" else "bush"]
        if item.kind == "vine":
            dark, lit = palette.TREE["bush"]
        r = look.canopy_m * PIXELS_PER_M
        px, py = tile.to_px(item.x_m, item.y_m)
        blobs = 4 if item.kind == "olive" else 3
        for i in range(blobs):
            a = 2 * math.pi * (i / blobs + _hash01(item.x_m, item.y_m))
            ox, oy = math.cos(a) * r * 0.35, math.sin(a) * r * 0.35
            pygame.draw.circle(tile.surface, dark, (px + ox, py + oy), r * 0.7)
        lx, ly = -SHADOW_DIR[0] * r * 0.22, SHADOW_DIR[1] * r * 0.22
        for i in range(blobs):
            a = 2 * math.pi * (i / blobs + _hash01(item.x_m, item.y_m))
            ox, oy = math.cos(a) * r * 0.3, math.sin(a) * r * 0.3
            pygame.draw.circle(tile.surface, lit, (px + ox + lx, py + oy + ly), r * 0.42)

    def _crowd(self, tile: TileContext, item: Scenery, index: int) -> None:
        shirts: tuple[Rgb, ...] = (
            (236, 232, 220),
            (60, 70, 96),
            (150, 60, 50),
            (90, 96, 70),
            (200, 190, 160),
            (40, 40, 44),
            (120, 100, 150),
        )
        heads: tuple[Rgb, ...] = (
            (226, 204, 150),
            (60, 44, 34),
            (210, 170, 130),
            (236, 230, 210),
            (30, 28, 30),
        )
        people = 5 + int(_hash01(item.x_m, item.y_m, 1) * 5)
        for i in range(people):
            a = 2 * math.pi * _hash01(item.x_m, item.y_m, i, 2)
            d = item.radius_m * math.sqrt(_hash01(item.x_m, item.y_m, i, 3))
            px, py = tile.to_px(item.x_m + d * math.cos(a), item.y_m + d * math.sin(a))
            shirt = shirts[int(_hash01(item.x_m, i, 4) * len(shirts)) % len(shirts)]
            head = heads[int(_hash01(item.y_m, i, 5) * len(heads)) % len(heads)]
            pygame.draw.circle(tile.surface, shirt, (px, py), 0.3 * PIXELS_PER_M)
            pygame.draw.circle(tile.surface, head, (px - 0.5, py - 0.5), 0.17 * PIXELS_PER_M)

    def _stone(self, tile: TileContext, item: Scenery, index: int) -> None:
        px, py = tile.to_px(item.x_m, item.y_m)
        r = max(1.5, item.radius_m * PIXELS_PER_M)
        pygame.draw.circle(tile.surface, (236, 232, 220), (px, py), r)
        if item.kind == "milestone":
            pygame.draw.circle(tile.surface, palette.MILLE_MIGLIA_RED, (px, py), r * 0.55)

    # -- barriers -----------------------------------------------------------------------------------
    def _paint_barrier(self, tile: TileContext, barrier: Barrier, index: int) -> None:
        pts = tile.points_px(barrier.points)
        if len(pts) < 2:
            return
        width_px = BARRIER_WIDTH_M.get(barrier.kind, 0.5) * PIXELS_PER_M
        kind = barrier.kind
        if kind == "fence":
            pygame.draw.lines(tile.surface, (112, 84, 58), False, pts, 1)
            for x, y in _along(barrier.points, 2.5):
                px, py = tile.to_px(x, y)
                pygame.draw.circle(tile.surface, (80, 60, 42), (px, py), 1.3)
            return
        if kind == "hay":
            for (x, y), (ux, uy) in _along_dir(barrier.points, 1.35):
                _bale(tile, x, y, ux, uy)
            return
        if kind == "rock":
            base = palette.shade(palette.ROCK, 0.8)
            _thick_polyline(tile.surface, base, pts, width_px)
            for n, (x, y) in enumerate(_along(barrier.points, 0.9)):
                r = (0.45 + 0.5 * _hash01(x, y, index)) * PIXELS_PER_M
                px, py = tile.to_px(x, y)
                pygame.draw.circle(
                    tile.surface, palette.shade(palette.ROCK, 0.9 + 0.25 * _hash01(n, x)), (px, py), r
                )
            return
        stone = palette.WALL_STONE if kind == "wall" else palette.shade(palette.WALL_STONE, 1.06)
        _thick_polyline(tile.surface, palette.shade(stone, 0.62), pts, width_px + 2)
        _thick_polyline(tile.surface, stone, pts, width_px)
        joint = palette.shade(stone, 0.8)
        for (x, y), (ux, uy) in _along_dir(barrier.points, 0.7 if kind == "wall" else 1.2):
            hw = BARRIER_WIDTH_M[kind] * 0.5
            a = tile.to_px(x - uy * hw, y + ux * hw)
            b = tile.to_px(x + uy * hw, y - ux * hw)
            pygame.draw.line(tile.surface, joint, a, b, 1)


def _thick_polyline(
    surface: pygame.Surface, colour: Rgb, pts: list[tuple[float, float]], width_px: float
) -> None:
    w = max(1, round(width_px))
    pygame.draw.lines(surface, colour, False, pts, w)
    if w > 2:
        for p in pts:
            pygame.draw.circle(surface, colour, p, w * 0.5)


def _along(points: tuple[tuple[float, float], ...], step_m: float) -> list[tuple[float, float]]:
    return [p for p, _ in _along_dir(points, step_m)]


def _along_dir(
    points: tuple[tuple[float, float], ...], step_m: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Points every `step_m` along a polyline, with the unit direction there."""
    out = []
    carry = 0.0
    for (x0, y0), (x1, y1) in pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length < 1e-9:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        t = carry
        while t < length:
            out.append(((x0 + ux * t, y0 + uy * t), (ux, uy)))
            t += step_m
        carry = t - length
    return out


def _bale(tile: TileContext, x: float, y: float, ux: float, uy: float) -> None:
    hl, hw = 0.62, 0.45
    corners = [
        (x + ux * a - uy * b, y + uy * a + ux * b) for a, b in ((-hl, -hw), (hl, -hw), (hl, hw), (-hl, hw))
    ]
    poly = tile.points_px(corners)
    pygame.draw.polygon(tile.surface, palette.shade(palette.HAY, 0.95), poly)
    pygame.draw.polygon(tile.surface, palette.shade(palette.HAY, 0.7), poly, 1)
    a = tile.to_px(x - ux * hl * 0.9, y - uy * hl * 0.9)
    b = tile.to_px(x + ux * hl * 0.9, y + uy * hl * 0.9)
    pygame.draw.line(tile.surface, palette.shade(palette.HAY, 1.12), a, b, 1)


def _hip_roof(tile: TileContext, item: Scenery, colour: Rgb, ridge_fraction: float, gable: bool) -> None:
    """A hipped (or gabled) roof seen from above: each face shaded by how it faces the sun, with tile courses."""
    c = math.cos(item.angle_rad)
    s = math.sin(item.angle_rad)
    hl = item.length_m * 0.5
    hw = item.width_m * 0.5
    if hl < hw:  # the ridge runs along the long side
        c, s = -s, c
        hl, hw = hw, hl

    def w(a: float, b: float) -> tuple[float, float]:
        return item.x_m + c * a - s * b, item.y_m + s * a + c * b

    ridge = hl if gable else max(0.0, hl - hw * (1.0 - ridge_fraction) * 1.2)
    if ridge_fraction == 0.0 and not gable:
        ridge = 0.0
    r0, r1 = w(-ridge, 0.0), w(ridge, 0.0)
    c00, c10, c11, c01 = w(-hl, -hw), w(hl, -hw), w(hl, hw), w(-hl, hw)
    faces = [
        ([c00, c10, r1, r0], (s, -c)),  # the long side at -b: faces direction -b
        ([c01, c11, r1, r0], (-s, c)),
        ([c00, c01, r0], (-c, -s)),
        ([c10, c11, r1], (c, s)),
    ]
    # In world terms -b is (s, -c) turned; the normals above are the outward horizontal directions.
    for corners, normal in faces:
        if len({(round(p[0], 3), round(p[1], 3)) for p in corners}) < 3:
            continue
        k = 0.78 + 0.42 * _lit(normal[0], normal[1])
        pygame.draw.polygon(tile.surface, palette.shade(colour, k), tile.points_px(corners))
    # Tile courses parallel to the eaves on the two long faces (a hip face narrows towards the ridge).
    course = 0.45
    for side in (-1.0, 1.0):
        k = 0.72 + 0.36 * _lit(-s * side, c * side)
        lateral = hw - course
        while lateral > 0.1:
            reach = hl if gable else ridge + (hl - ridge) * lateral / hw
            p0 = tile.to_px(*w(-reach, side * lateral))
            p1 = tile.to_px(*w(reach, side * lateral))
            pygame.draw.line(tile.surface, palette.shade(colour, k), p0, p1, 1)
            lateral -= course
    pygame.draw.line(tile.surface, palette.shade(colour, 1.25), tile.to_px(*r0), tile.to_px(*r1), 2)
    pygame.draw.polygon(tile.surface, palette.shade(colour, 0.55), tile.points_px([c00, c10, c11, c01]), 1)


_FLAT_PAINTERS = {
    "house": SceneryLayer._house,
    "church": SceneryLayer._house,
    "tower": SceneryLayer._house,
    "rock": SceneryLayer._rock,
    "hay": SceneryLayer._hay,
    "olive": SceneryLayer._low_tree,
    "bush": SceneryLayer._low_tree,
    "vine": SceneryLayer._low_tree,
    "crowd": SceneryLayer._crowd,
    "milestone": SceneryLayer._stone,
    "kerbstone": SceneryLayer._stone,
}
