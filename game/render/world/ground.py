"""The ground under everything: the landscape's colour, the areas (sea, lake, fields, vineyards, towns,
piazzas), shorelines, and a painter's grain over all of it.

Colour is worked out on a coarse grid (half a metre) with a margin around the tile and smoothly enlarged,
which gives the soft, brushed transitions (shore to sand to grass) for free; the crisp things (furrows,
vine rows, paving joints, hedges) are then drawn at full resolution. Every value comes from world
coordinates, so a tile painted now meets its neighbour painted a minute ago without a seam.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.render.world import palette
from game.render.world.chunks import TILE_PX, CoarseGrid, Step, TileContext, TileGrid, coarse_grid
from game.render.world.noise import enlarge, fbm_grid, grain, unit_hash2_of_many, value_noise_grid
from game.render.world.palette import PIXELS_PER_M
from game.sim.track import Area, Track

COARSE_M = 0.4
"""Size of a cell of the coarse colour grid."""

MARGIN_M = 6.0
"""How far beyond the tile the coarse grid reaches (more than the widest blur, so tiles meet exactly)."""

DETAILED = ("field", "vineyard", "piazza")

PALAZZO_M = 19.0
"""Buildings at least this long are palazzi: a town that has them is paved like a city."""

AREA_ORDER = ("wood", "field", "vineyard", "olive_grove", "town", "piazza", "river", "lake", "sea")
WATER = ("river", "lake", "sea")

GRAIN_PX = 512


def _hash01(*values: float) -> float:
    h = 2166136261
    for v in values:
        h ^= int(v * 7919) & 0xFFFFFFFF
        h = (h * 16777619) & 0xFFFFFFFF
    return ((h ^ (h >> 13)) & 0xFFFFFF) / float(0x1000000)


def clip_polygon(points: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """The part of a polygon inside the box (Sutherland-Hodgman, vectorised per box edge).

    pygame fills a polygon scanline by scanline over its whole height, so a sea kilometres long drawn into
    a 32 m tile would cost milliseconds; clipped first it costs microseconds.
    """
    pts = points
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if pts.shape[0] == 0:
            return pts
        v = pts[:, axis]
        inside = v >= bound if keep_above else v <= bound
        if inside.all():
            continue
        if not inside.any():
            return pts[:0]
        nxt = np.concatenate((pts[1:], pts[:1]))
        nxt_inside = np.concatenate((inside[1:], inside[:1]))
        dv = nxt[:, axis] - v
        safe = np.where(np.abs(dv) < 1e-12, 1.0, dv)
        t = ((bound - v) / safe)[:, None]
        cross = pts + (nxt - pts) * t
        out = np.empty((pts.shape[0], 2, 2))
        out[:, 0] = cross
        out[:, 1] = nxt
        valid = np.stack((inside != nxt_inside, nxt_inside), axis=1)
        pts = out[valid]
    return pts


def _box_blur(a: np.ndarray, r: int) -> np.ndarray:
    """Separable box blur of radius `r` cells (edges clamp)."""
    if r <= 0:
        return a
    k = 2 * r + 1
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (r + 1, r)
        p = np.pad(a, pad, mode="edge")
        c = np.cumsum(p, axis=axis, dtype=np.float32)
        a = (c[k:, :] - c[:-k, :]) / k if axis == 0 else (c[:, k:] - c[:, :-k]) / k
    return a


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _rgb(c: tuple[int, int, int]) -> np.ndarray:
    return np.array(c, dtype=np.float32)


class GroundLayer:
    """Paints the landscape and the track's areas."""

    def __init__(self, track: Track) -> None:
        self.seed = track.seed
        self.landscape = track.landscape
        self.base, self.alt = palette.ground_colours(track.landscape)
        self.areas: tuple[Area, ...] = track.areas
        self._area_rank = {kind: n for n, kind in enumerate(AREA_ORDER)}
        self._area_points = [np.array(a.points, dtype=np.float64) for a in self.areas]
        self.grid = TileGrid()
        for index, pts in enumerate(self._area_points):
            self.grid.add(
                index,
                pts[:, 0].min() - MARGIN_M,
                pts[:, 1].min() - MARGIN_M,
                pts[:, 0].max() + MARGIN_M,
                pts[:, 1].max() + MARGIN_M,
            )
        self._field_angle = [self._long_edge_angle(pts) for pts in self._area_points]
        # A town with palazzi (long buildings) is a city: paved between the houses, not gardens.
        palazzi = [
            (s.x_m, s.y_m) for s in track.scenery if s.kind in ("house", "church") and s.length_m >= PALAZZO_M
        ]
        self._urban = {
            i
            for i, (area, pts) in enumerate(zip(self.areas, self._area_points, strict=True))
            if area.kind == "town"
            and any(
                pts[:, 0].min() <= x <= pts[:, 0].max() and pts[:, 1].min() <= y <= pts[:, 1].max()
                for x, y in palazzi
            )
        }
        g = np.clip(grain(GRAIN_PX, self.seed) * 255.0 / 1.04, 0, 255).astype(np.uint8)
        self._grain = pygame.Surface((GRAIN_PX, GRAIN_PX), 0, 32)
        pygame.surfarray.blit_array(self._grain, np.repeat(g[:, :, None], 3, axis=2))

    @staticmethod
    def _long_edge_angle(pts: np.ndarray) -> float:
        d = np.roll(pts, -1, axis=0) - pts
        i = int(np.argmax(np.hypot(d[:, 0], d[:, 1])))
        return math.atan2(d[i, 1], d[i, 0])

    def paint(self, tile: TileContext) -> None:
        self.paint_colour(tile)
        self.paint_detail(tile)

    def _near(self, key: tuple[int, int]) -> list[int]:
        return sorted(self.grid.at(key), key=lambda i: (self._area_rank.get(self.areas[i].kind, 0), i))

    def paint_colour(self, tile: TileContext) -> None:
        """The soft colour of the land, the areas and the shores."""
        self._paint_coarse(tile, self._near(tile.key))

    def paint_detail(self, tile: TileContext) -> None:
        """Furrows, vine rows and paving, then the painter's grain over everything."""
        for index in self._near(tile.key):
            kind = self.areas[index].kind
            if kind in DETAILED:
                self._paint_detail(tile, index, kind)
        self._apply_grain(tile)

    def detailed(self, key: tuple[int, int]) -> bool:
        return any(self.areas[i].kind in DETAILED for i in self.grid.at(key))

    @property
    def layers(self) -> tuple[Step, Step]:
        """Colour and detail as two tile layers, so a scheduler can paint them in different frames."""
        return Step(self.paint_colour), Step(self.paint_detail, self.detailed)

    # -- the coarse colour field --------------------------------------------------------------------
    def _paint_coarse(self, tile: TileContext, near: list[int]) -> None:
        grid = coarse_grid(tile, COARSE_M, MARGIN_M)
        n = grid.n
        # Colour is worked out only on the cells the enlarged image shows on the tile; the margin beyond
        # them still counts for the shore's blurs, which see the whole grid.
        cells = grid.cells_used(tile.size_px)
        seed = self.seed
        # Broad colour drifts and mid-sized patches on small grids, enlarged; fine texture comes from the grain.
        big = self._enlarged(grid, 11, lambda xs, ys: fbm_grid(xs, ys, 70.0, seed, octaves=3), cells)
        mid = self._enlarged(grid, 30, lambda xs, ys: value_noise_grid(xs, ys, 7.0, seed + 11), cells)
        t = _smoothstep(0.32, 0.72, big)[:, :, None]
        colour = _rgb(self.base) + (_rgb(self.alt) - _rgb(self.base)) * t
        colour *= (0.90 + 0.20 * mid)[:, :, None]
        if self.landscape in ("pass", "mountain"):
            # Bare limestone and scree showing through thin grass.
            rock = self._enlarged(grid, 30, lambda xs, ys: value_noise_grid(xs, ys, 11.0, seed + 23), cells)
            grit = self._enlarged(grid, 95, lambda xs, ys: value_noise_grid(xs, ys, 1.3, seed + 29), cells)
            bare = _smoothstep(0.6, 0.8, rock) * (0.45 + 0.55 * grit)
            colour += (_rgb(palette.SCREE) * (0.85 + 0.3 * grit)[:, :, None] - colour) * (bare * 0.75)[
                :, :, None
            ]

        water = np.zeros((n, n), dtype=np.float32)
        sea = np.zeros((n, n), dtype=np.float32)
        mask_surface = pygame.Surface((n, n), 0, 32)
        span = n * COARSE_M
        for index in near:
            area = self.areas[index]
            pts = clip_polygon(
                self._area_points[index],
                grid.x_left_m - 1.0,
                grid.y_top_m - span - 1.0,
                grid.x_left_m + span + 1.0,
                grid.y_top_m + 1.0,
            )
            if pts.shape[0] < 3:
                continue
            mask_surface.fill((0, 0, 0))
            poly = [grid.to_cell(x, y) for x, y in pts.tolist()]
            pygame.draw.polygon(mask_surface, (255, 255, 255), poly)
            pygame.draw.aalines(mask_surface, (255, 255, 255), True, poly)
            if area.kind in WATER:  # whole-grid masks: the shore blurs them
                mask = pygame.surfarray.pixels_red(mask_surface).astype(np.float32) * np.float32(1.0 / 255.0)
                water = np.maximum(water, mask)
                if area.kind == "sea":
                    sea = np.maximum(sea, mask)
                continue
            mask = pygame.surfarray.pixels_red(mask_surface)[cells, cells].astype(np.float32)
            mask *= np.float32(1.0 / 255.0)
            fill = self._area_colour(area.kind, index, grid, cells)
            fill -= colour
            fill *= mask[:, :, None]
            colour += fill

        if water.any():
            colour = self._shore(colour, water, sea, grid, cells)
        # The unused cells repeat the edge of the used ones (they never show: this only keeps a
        # differently-sampling smoothscale from bringing black into the tile's border).
        used = np.clip(colour, 0, 255).astype(np.uint8)
        border = ((cells.start, n - cells.stop), (cells.start, n - cells.stop), (0, 0))
        coarse = pygame.Surface((n, n), 0, 32)
        pygame.surfarray.blit_array(coarse, np.pad(used, border, mode="edge"))
        grid.blit_enlarged(coarse, tile)

    def _enlarged(self, grid: CoarseGrid, n_small: int, field, cells: slice) -> np.ndarray:
        """`field(xs, ys)` evaluated on an n_small grid over the same square and enlarged to the grid's
        `cells` rows and columns; the field gets the two 1-D axes (world x of columns, world y of rows)."""
        span = grid.n * grid.cell_m
        centres = (np.arange(n_small, dtype=np.float64) + 0.5) * (span / n_small)
        if n_small == grid.n:  # enlarging onto the same grid changes nothing: sample only what is used
            centres = centres[cells]
            return field(grid.x_left_m + centres, grid.y_top_m - centres).astype(np.float32)
        small = field(grid.x_left_m + centres, grid.y_top_m - centres).astype(np.float32)
        return enlarge(small, grid.n, cells)

    def _area_colour(self, kind: str, index: int, grid: CoarseGrid, cells: slice) -> np.ndarray:
        seed = self.seed + 101 * (index + 1)
        patch = self._enlarged(grid, 24, lambda xs, ys: value_noise_grid(xs, ys, 9.0, seed), cells)
        if kind == "field":
            crop, _ = palette.FIELD_CROPS[index % len(palette.FIELD_CROPS)]
            return _rgb(crop)[None, None, :] * (0.92 + 0.14 * patch)[:, :, None]
        if kind == "wood":
            blobs = self._enlarged(grid, 60, lambda xs, ys: fbm_grid(xs, ys, 5.0, seed, octaves=2), cells)
            dark = _rgb(palette.TREE["oak"][0])
            lit = _rgb(palette.TREE["oak"][1])
            t = _smoothstep(0.35, 0.75, blobs)[:, :, None]
            return dark + (lit - dark) * t * 0.8
        base = _rgb(palette.AREA.get(kind, self.base))
        fill = base[None, None, :] * (0.93 + 0.12 * patch)[:, :, None]
        if kind == "town" and index in self._urban:
            wx, wy = grid.centres(cells)
            ca, sa = math.cos(self._field_angle[index]), math.sin(self._field_angle[index])
            xs = (wx * ca + wy * sa) / 2.6
            ys = (wy * ca - wx * sa) / 1.8
            slab = unit_hash2_of_many(np.floor(xs).astype(np.int64), np.floor(ys).astype(np.int64), seed + 7)
            joint = (np.minimum(xs % 1.0, ys % 1.0) < 0.16).astype(np.float32)[:, :, None]
            paving = _rgb(palette.PAVING)[None, None, :] * (0.9 + 0.12 * slab + 0.06 * patch)[:, :, None]
            return paving * (1.0 - 0.14 * joint)
        if kind == "town":
            # Between the houses: a patchwork of yards, kitchen gardens, tilled plots and orchards.
            wx, wy = grid.centres(cells)
            ca, sa = math.cos(self._field_angle[index]), math.sin(self._field_angle[index])
            xs = wx * ca + wy * sa
            ys = wy * ca - wx * sa
            plot = unit_hash2_of_many(
                np.floor(xs / 14.0).astype(np.int64), np.floor(ys / 19.0).astype(np.int64), seed + 5
            )
            green = ((plot > 0.55) & (plot < 0.8)).astype(np.float32)[:, :, None]
            earth = (plot >= 0.8).astype(np.float32)[:, :, None]
            fill = fill + (_rgb(palette.GARDEN) * (0.9 + 0.2 * patch)[:, :, None] - fill) * green * 0.8
            fill = fill + (_rgb(palette.TILLED) * (0.92 + 0.16 * patch)[:, :, None] - fill) * earth * 0.65
            path = (np.minimum((xs / 14.0) % 1.0, (ys / 19.0) % 1.0) < 0.05).astype(np.float32)[:, :, None]
            fill = fill + (base[None, None, :] * 1.06 - fill) * path * 0.7
        return fill

    def _shore(
        self, colour: np.ndarray, water: np.ndarray, sea: np.ndarray, grid: CoarseGrid, cells: slice
    ) -> np.ndarray:
        """Sand, shallows and foam along the water; `water` and `sea` cover the whole grid (blurred), the
        colour only its `cells`."""
        near_shore = _box_blur(water, 3)[cells, cells]
        inland = _box_blur(water, 10)[cells, cells]
        seed = self.seed + 31
        # Sand on the sea side of the land, a thin damp band on lake and river banks.
        beach = np.where(_box_blur(sea, 10)[cells, cells] > 0.0, 1.0, 0.35).astype(np.float32)
        water = water[cells, cells]
        sea = sea[cells, cells]
        sand_t = np.clip(inland * 5.0, 0.0, 1.0) * (1.0 - water) * beach
        colour = colour + (_rgb(palette.SAND) - colour) * sand_t[:, :, None]
        depth = np.clip((inland - 0.45) * 2.2, 0.0, 1.0)
        waves = self._enlarged(grid, 45, lambda xs, ys: value_noise_grid(xs * 0.35, ys, 2.2, seed), cells)
        shallow = np.where(sea[:, :, None] > 0.5, _rgb(palette.AREA["sea"]), _rgb(palette.AREA["lake"]))
        deep = _rgb(palette.SEA_DEEP)
        wet = shallow + (deep - shallow) * depth[:, :, None]
        wet = wet * (0.94 + 0.1 * waves)[:, :, None]
        foam = np.clip(1.0 - np.abs(near_shore - 0.55) * 5.0, 0.0, 1.0) * water
        wet = wet + (_rgb(palette.FOAM) - wet) * (foam * 0.75)[:, :, None]
        return colour + (wet - colour) * water[:, :, None]

    # -- crisp detail -------------------------------------------------------------------------------
    def _paint_detail(self, tile: TileContext, index: int, kind: str) -> None:
        """Furrows, vine rows and paving joints: lines drawn in world coordinates, kept inside the area by
        a mask (all in pygame's C code)."""
        size = tile.size_px
        bx0, by0, bx1, by1 = tile.bounds_m(1.0)
        clipped = clip_polygon(self._area_points[index], bx0, by0, bx1, by1)
        if clipped.shape[0] < 3:
            return
        poly = tile.points_px(clipped.tolist())
        inside = pygame.Surface((size, size), 0, 8)
        inside.fill(0)
        pygame.draw.polygon(inside, 1, poly)
        inside.set_colorkey(0)
        area_mask = pygame.mask.from_surface(inside)
        if area_mask.count() == 0:
            return
        angle = self._field_angle[index]
        if kind == "field":
            crop, furrow = palette.FIELD_CROPS[index % len(palette.FIELD_CROPS)]
            spacing = 2.4 + 1.6 * _hash01(index, self.seed)
            factor = tuple(min(255, round(255 * f / max(c, 1))) for f, c in zip(furrow, crop, strict=True))
            pattern = pygame.Surface((size, size), 0, 32)
            pattern.fill((255, 255, 255))
            self._world_lines(tile, pattern, angle, spacing, spacing * 0.45, factor)
            self._world_lines(
                tile,
                pattern,
                angle,
                spacing,
                spacing * 0.12,
                tuple(round(f * 0.93) for f in factor),
                phase=0.0,
            )
            area_mask.to_surface(pattern, unsetcolor=(255, 255, 255), setsurface=pattern)
            tile.surface.blit(pattern, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
            self._hedge(tile, index)
        elif kind == "vineyard":
            dark, lit = palette.TREE["bush"]
            for colour, width, shift in ((dark, 0.75, 0.0), (lit, 0.3, 0.12)):
                rows = pygame.Surface((size, size), 0, 8)
                rows.fill(0)
                self._world_lines(tile, rows, angle, 2.3, width, 1, shift=shift)
                self._world_lines(tile, rows, angle + math.pi / 2, 1.25, 0.35, 0)
                rows.set_colorkey(0)
                vine_mask = pygame.mask.from_surface(rows).overlap_mask(area_mask, (0, 0))
                vine_mask.to_surface(tile.surface, setcolor=colour, unsetcolor=None)
            self._hedge(tile, index)
        elif kind == "piazza":
            joints = pygame.Surface((size, size), 0, 8)
            joints.fill(0)
            for a in (angle, angle + math.pi / 2):
                self._world_lines(tile, joints, a, 1.6, 0.1, 1)
            joints.set_colorkey(0)
            joint_mask = pygame.mask.from_surface(joints).overlap_mask(area_mask, (0, 0))
            joint_mask.to_surface(
                tile.surface, setcolor=palette.shade(palette.AREA["piazza"], 0.78), unsetcolor=None
            )

    def _hedge(self, tile: TileContext, index: int) -> None:
        """A hedgerow along the area's real outline (not along the tile's clipping edge)."""
        outline = tile.points_px(self._area_points[index].tolist())
        pygame.draw.lines(tile.surface, palette.shade(palette.TREE["bush"][0], 0.9), True, outline, 2)

    @staticmethod
    def _world_lines(
        tile: TileContext,
        surface: pygame.Surface,
        angle: float,
        spacing_m: float,
        width_m: float,
        colour: object,
        phase: float = 0.5,
        shift: float = 0.0,
    ) -> None:
        """Parallel lines along `angle`, `spacing_m` apart in world coordinates, across the whole tile."""
        ux, uy = math.cos(angle), math.sin(angle)
        nx, ny = -uy, ux
        cx, cy = tile.x0_m + tile.extent_m * 0.5, tile.y1_m - tile.extent_m * 0.5
        reach = tile.extent_m * 0.75
        across_c = cx * nx + cy * ny
        k0 = math.floor((across_c - reach) / spacing_m)
        k1 = math.ceil((across_c + reach) / spacing_m)
        width = max(1, round(width_m * PIXELS_PER_M))
        along_c = cx * ux + cy * uy
        for k in range(k0, k1 + 1):
            across = (k + phase) * spacing_m + shift
            bx = ux * along_c + nx * across
            by = uy * along_c + ny * across
            a = tile.to_px(bx - ux * reach, by - uy * reach)
            b = tile.to_px(bx + ux * reach, by + uy * reach)
            pygame.draw.line(surface, colour, a, b, width)

    def _apply_grain(self, tile: TileContext) -> None:
        i, j = tile.key
        pad = (tile.size_px - TILE_PX) // 2
        gx = ((i % 2) * TILE_PX - pad) % GRAIN_PX
        gy = ((-(j + 1) % 2) * TILE_PX - pad) % GRAIN_PX
        size = tile.size_px
        if gx + size <= GRAIN_PX and gy + size <= GRAIN_PX:
            tile.surface.blit(self._grain, (0, 0), (gx, gy, size, size), special_flags=pygame.BLEND_RGB_MULT)
        else:
            for ox in (0, GRAIN_PX):
                for oy in (0, GRAIN_PX):
                    tile.surface.blit(self._grain, (ox - gx, oy - gy), special_flags=pygame.BLEND_RGB_MULT)
