"""Pre-rendered ground tiles: the whole flat world cut into 32 m squares, painted once, kept in an LRU cache.

A tile is painted by layers (ground and areas, road, flat scenery and shadows, timing marks, skid marks),
each reading only what lies near the tile through a grid index built once per track, so painting a tile
costs the same on a 2 km stage as on a 60 km one. Each tile image carries a `TILE_PAD_PX` border of real
neighbouring ground, so rotated tiles overlap instead of leaving seams.

`TileCache.transformed` also keeps a few tiles turned and scaled for a canvas (see `canvas.py`).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pygame

from game.render.world.palette import PIXELS_PER_M

TILE_PX = 256
TILE_PAD_PX = 2
TILE_IMAGE_PX = TILE_PX + 2 * TILE_PAD_PX
TILE_M = TILE_PX / PIXELS_PER_M
"""A tile is 32 m square."""

MAX_TILES = 144
"""World tiles kept at least (about 39 MB); a view keeps as many as its size needs at the widest zoom
(`view.tiles_to_keep`), so a canvas filled for a new sector finds its tiles painted."""

MAX_TRANSFORMED = 20
"""Turned-and-scaled tiles kept for canvases that are being built or scrolled."""

TileKey = tuple[int, int]


def tile_of(x_m: float, y_m: float) -> TileKey:
    """The tile holding a world point."""
    return math.floor(x_m / TILE_M), math.floor(y_m / TILE_M)


def tiles_overlapping(x0_m: float, y0_m: float, x1_m: float, y1_m: float) -> list[TileKey]:
    """Every tile touching the world box, row by row (a stable order)."""
    i0, j0 = tile_of(x0_m, y0_m)
    i1, j1 = tile_of(x1_m, y1_m)
    return [(i, j) for j in range(j0, j1 + 1) for i in range(i0, i1 + 1)]


class TileGrid:
    """Items bucketed by the tiles their world box touches: what a tile painter may need to look at."""

    def __init__(self) -> None:
        self._cells: dict[TileKey, list[int]] = {}

    def add(self, index: int, x0_m: float, y0_m: float, x1_m: float, y1_m: float) -> None:
        for key in tiles_overlapping(x0_m, y0_m, x1_m, y1_m):
            self._cells.setdefault(key, []).append(index)

    def at(self, key: TileKey) -> Sequence[int]:
        return self._cells.get(key, ())

    def near(self, keys: Iterable[TileKey]) -> list[int]:
        """Indexes in any of `keys`, each once, in ascending order (stable draw order)."""
        found: set[int] = set()
        for key in keys:
            found.update(self._cells.get(key, ()))
        return sorted(found)


@dataclass
class TileContext:
    """One tile being painted: its surface, where it lies in the world, and pixel/world conversions.

    Pixel (px, py) of the image has its centre at world (x0_m + (px + 0.5) / ppm, y1_m - (py + 0.5) / ppm).
    """

    key: TileKey
    surface: pygame.Surface
    x0_m: float
    y1_m: float
    ppm: float = PIXELS_PER_M
    _xy: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    shared: dict[str, object] = field(default_factory=dict, repr=False)
    """Working data a layer leaves for a later layer (or step) of the same tile, such as the road's pixels
    that both halves of the road surface need; it goes with the context once the tile is painted."""

    @staticmethod
    def for_key(key: TileKey, surface: pygame.Surface) -> TileContext:
        pad_m = TILE_PAD_PX / PIXELS_PER_M
        return TileContext(key, surface, key[0] * TILE_M - pad_m, (key[1] + 1) * TILE_M + pad_m)

    @property
    def size_px(self) -> int:
        return self.surface.get_width()

    @property
    def extent_m(self) -> float:
        return self.size_px / self.ppm

    def bounds_m(self, margin_m: float = 0.0) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the image in the world, grown by `margin_m`."""
        return (
            self.x0_m - margin_m,
            self.y1_m - self.extent_m - margin_m,
            self.x0_m + self.extent_m + margin_m,
            self.y1_m + margin_m,
        )

    def to_px(self, x_m: float, y_m: float) -> tuple[float, float]:
        return (x_m - self.x0_m) * self.ppm, (self.y1_m - y_m) * self.ppm

    def points_px(self, points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        ppm = self.ppm
        x0 = self.x0_m
        y1 = self.y1_m
        return [((x - x0) * ppm, (y1 - y) * ppm) for x, y in points]

    def world_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """World x and y of every pixel centre, as (width, height) arrays (surfarray order)."""
        if self._xy is None:
            n = self.size_px
            idx = (np.arange(n, dtype=np.float64) + 0.5) / self.ppm
            xs = (self.x0_m + idx)[:, None] + np.zeros((1, n))
            ys = np.zeros((n, 1)) + (self.y1_m - idx)[None, :]
            self._xy = (xs, ys)
        return self._xy

    def touches(self, x0_m: float, y0_m: float, x1_m: float, y1_m: float) -> bool:
        bx0, by0, bx1, by1 = self.bounds_m()
        return x1_m >= bx0 and x0_m <= bx1 and y1_m >= by0 and y0_m <= by1


@dataclass(frozen=True, slots=True)
class CoarseGrid:
    """A grid of `cell_m` cells over a tile plus a margin, for soft things painted small and enlarged.

    Cells line up across tiles (a tile is a whole number of cells) and a cell is a whole number of pixels,
    so a soft edge computed for one tile continues exactly into the next.
    """

    n: int
    x_left_m: float
    y_top_m: float
    cell_m: float
    scale: int
    offset_px: int

    def to_cell(self, x_m: float, y_m: float) -> tuple[float, float]:
        k = 1.0 / self.cell_m
        return (x_m - self.x_left_m) * k, (self.y_top_m - y_m) * k

    def centres(self, cells: slice = slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """World x and y of every cell centre (or of the `cells` rows and columns), square arrays in
        surfarray order."""
        c = ((np.arange(self.n, dtype=np.float64) + 0.5) * self.cell_m)[cells]
        xs = (self.x_left_m + c)[:, None] + np.zeros((1, c.shape[0]))
        ys = np.zeros((c.shape[0], 1)) + (self.y_top_m - c)[None, :]
        return xs, ys

    def cells_used(self, size_px: int) -> slice:
        """The rows (and columns) of cells that `blit_enlarged` reads for a `size_px` tile: pygame's
        smoothscale enlarges by sampling source position x * (n - 1) / (n * scale) between two cells, so
        the cells outside never reach the tile and need no colour (a good third of them on the ground's
        grid)."""
        big = self.n * self.scale
        lo = self.offset_px * (self.n - 1) // big
        hi = (self.offset_px + size_px - 1) * (self.n - 1) // big + 2
        return slice(lo, min(hi, self.n))

    def blit_enlarged(self, small: pygame.Surface, tile: TileContext, special_flags: int = 0) -> None:
        """Enlarge `small` (n × n) smoothly and put the tile's part of it onto the tile."""
        big = pygame.transform.smoothscale(small, (self.n * self.scale, self.n * self.scale))
        size = tile.size_px
        tile.surface.blit(
            big, (0, 0), (self.offset_px, self.offset_px, size, size), special_flags=special_flags
        )


def coarse_grid(tile: TileContext, cell_m: float, margin_m: float) -> CoarseGrid:
    scale = round(cell_m * tile.ppm)
    cells_per_tile = TILE_M / cell_m
    if abs(scale - cell_m * tile.ppm) > 1e-9 or abs(cells_per_tile - round(cells_per_tile)) > 1e-9:
        raise ValueError(f"a {cell_m} m cell does not divide the {TILE_M} m tile into whole pixels")
    n = round((tile.extent_m + 2 * margin_m) / cell_m)
    return CoarseGrid(
        n, tile.x0_m - margin_m, tile.y1_m + margin_m, cell_m, scale, round(margin_m * tile.ppm)
    )


class TileLayer(Protocol):
    """One kind of thing painted into ground tiles, in order. A layer may also have `busy(key) -> bool`,
    False when it has nothing to paint on that tile (the scheduler's cost estimate uses it)."""

    def paint(self, tile: TileContext) -> None: ...


class Step:
    """A part of a layer's painting run as a layer of its own (so a tile can be painted over several frames)."""

    def __init__(
        self, paint: Callable[[TileContext], None], busy: Callable[[TileKey], bool] | None = None
    ) -> None:
        self.paint = paint
        if busy is not None:
            self.busy = busy


class TilePainter:
    """Paints a tile by running its layers in order, all at once or one layer at a time."""

    def __init__(self, layers: Sequence[TileLayer], like: pygame.Surface | None = None) -> None:
        self.layers = tuple(layers)
        self._like = like
        self.step_ms = [[0.3, 1.5] for _ in self.layers]
        """Running estimate of each layer's cost on a tile where it has nothing / something to paint, so a
        scheduler can tell whether a step fits in what is left of a frame."""

    def start(self, key: TileKey) -> TileContext:
        if self._like is not None:
            surface = pygame.Surface((TILE_IMAGE_PX, TILE_IMAGE_PX), 0, self._like)
        else:
            surface = pygame.Surface((TILE_IMAGE_PX, TILE_IMAGE_PX), 0, 32)
        return TileContext.for_key(key, surface)

    def _busy(self, index: int, key: TileKey) -> int:
        busy = getattr(self.layers[index], "busy", None)
        return 1 if busy is None or busy(key) else 0

    def tile_estimate_ms(self) -> float:
        """Estimated cost of painting a whole tile that has something on every layer (a tile near the road)."""
        return sum(busy for _, busy in self.step_ms)

    def estimate_ms(self, key: TileKey, index: int) -> float:
        return self.step_ms[index][self._busy(index, key)]

    def run_layer(self, tile: TileContext, index: int) -> None:
        started = time.thread_time()
        self.layers[index].paint(tile)
        spent = (time.thread_time() - started) * 1000.0
        slot = self._busy(index, tile.key)
        self.step_ms[index][slot] += (spent - self.step_ms[index][slot]) * 0.2

    def paint(self, key: TileKey) -> pygame.Surface:
        tile = self.start(key)
        for index in range(len(self.layers)):
            self.run_layer(tile, index)
        return tile.surface


@dataclass
class TileStats:
    """What the cache did, for tests and the frame statistics."""

    painted: int = 0
    transformed: int = 0
    paint_ms: float = 0.0
    evicted: int = 0


class TileCache:
    """World tiles painted on demand and kept least-recently-used, at most `max_tiles` of them."""

    def __init__(
        self, painter: TilePainter, max_tiles: int = MAX_TILES, max_transformed: int = MAX_TRANSFORMED
    ) -> None:
        self.painter = painter
        self.max_tiles = max_tiles
        self.max_transformed = max_transformed
        self._tiles: OrderedDict[TileKey, pygame.Surface] = OrderedDict()
        self._jobs: dict[TileKey, tuple[TileContext, int]] = {}
        self._transformed: OrderedDict[tuple[TileKey, int, int], pygame.Surface] = OrderedDict()
        self.stats = TileStats()

    def __len__(self) -> int:
        return len(self._tiles)

    def __contains__(self, key: object) -> bool:
        return key in self._tiles

    def keys(self) -> list[TileKey]:
        return list(self._tiles)

    def get(self, key: TileKey) -> pygame.Surface:
        """The tile's image, painted now (or its half-done painting finished now) if it is not cached."""
        tile = self._tiles.get(key)
        if tile is not None:
            self._tiles.move_to_end(key)
            return tile
        while not self.step(key):
            pass
        return self._tiles[key]

    def next_step_ms(self, key: TileKey) -> float:
        """Estimated cost of the next step of painting `key` (0 if it is cached)."""
        if key in self._tiles:
            return 0.0
        job = self._jobs.get(key)
        return self.painter.estimate_ms(key, job[1] if job is not None else 0)

    def step(self, key: TileKey) -> bool:
        """Paint one more layer of `key` (starting it if needed). True once the tile is cached."""
        if key in self._tiles:
            return True
        started = time.perf_counter()
        job = self._jobs.get(key)
        tile, done = job if job is not None else (self.painter.start(key), 0)
        self.painter.run_layer(tile, done)
        done += 1
        self.stats.paint_ms += (time.perf_counter() - started) * 1000.0
        if done < len(self.painter.layers):
            self._jobs[key] = (tile, done)
            return False
        self._jobs.pop(key, None)
        self.stats.painted += 1
        self._tiles[key] = tile.surface
        while len(self._tiles) > self.max_tiles:
            old, _ = self._tiles.popitem(last=False)
            self.stats.evicted += 1
            self._drop_transformed(old)
        return True

    def drop_jobs_except(self, keep: set[TileKey]) -> None:
        """Abandon half-painted tiles nobody wants any more."""
        for key in [k for k in self._jobs if k not in keep]:
            del self._jobs[key]

    def touch(self, keys: Iterable[TileKey]) -> None:
        """Mark tiles as recently used (the ones under the view: a scroll may need to blit them again)."""
        for key in keys:
            if key in self._tiles:
                self._tiles.move_to_end(key)

    def peek(self, key: TileKey) -> pygame.Surface | None:
        """The cached image or None, without painting and without refreshing its age."""
        return self._tiles.get(key)

    def transformed(self, key: TileKey, sector: int, degrees: float, scale: float) -> pygame.Surface:
        """The tile turned `degrees` counter-clockwise and scaled by `scale` (cached per canvas kind).

        Whole quarter turns are exact and stay opaque; any other angle gets an alpha channel so the turned
        corners are transparent.
        """
        tkey = (key, sector, round(scale * 1000))
        image = self._transformed.get(tkey)
        if image is not None:
            self._transformed.move_to_end(tkey)
            return image
        tile = self.get(key)
        size = max(1, round(tile.get_width() * scale))
        scaled = pygame.transform.smoothscale(tile, (size, size)) if size != tile.get_width() else tile
        quarters = degrees / 90.0
        if abs(quarters - round(quarters)) < 1e-9:
            turns = round(quarters) % 4
            image = pygame.transform.rotate(scaled, 90.0 * turns) if turns else scaled
        else:
            image = pygame.transform.rotate(scaled.convert_alpha(), degrees)
        self.stats.transformed += 1
        self._transformed[tkey] = image
        while len(self._transformed) > self.max_transformed:
            self._transformed.popitem(last=False)
        return image

    def _drop_transformed(self, key: TileKey) -> None:
        for tkey in [t for t in self._transformed if t[0] == key]:
            del self._transformed[tkey]

    def invalidate(self, key: TileKey) -> None:
        """Forget a tile (and its turned copies): it is painted afresh when next needed."""
        self._tiles.pop(key, None)
        self._jobs.pop(key, None)
        self._drop_transformed(key)

    def forget_transformed(self, key: TileKey) -> None:
        """Drop only the turned copies (the world tile was drawn on in place)."""
        self._drop_transformed(key)

    def clear(self) -> None:
        self._tiles.clear()
        self._jobs.clear()
        self._transformed.clear()

    def memory_bytes(self) -> int:
        """Pixel memory held by the cached world tiles and turned copies."""
        total = 0
        for s in self._tiles.values():
            total += s.get_width() * s.get_height() * s.get_bytesize()
        for s in self._transformed.values():
            total += s.get_width() * s.get_height() * s.get_bytesize()
        return total
