"""Tall trees drawn each frame above the ground and the car, leaning away from the middle of the screen.

A camera looking straight down sees the top of a 19 m poplar further from the centre of the view than its
foot; drawing each tree as a few canopy layers, each pushed out by its height, gives the view depth as it
scrolls and turns. The ground under each tree already carries its soft shadow (`scenery.py`).

Only trees near the view are touched: they are bucketed by ground tile once, and each frame one numpy pass
places every candidate, so the cost depends on what is on screen, never on the stage's length.
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pygame

from game.render.world import palette
from game.render.world.camera import Camera
from game.render.world.chunks import TileGrid, tiles_overlapping
from game.render.world.palette import PIXELS_PER_M, SUN_AZIMUTH_RAD, Rgb
from game.render.world.scenery import TALL_TREES, TREES
from game.sim.track import Track

CAMERA_HEIGHT_M = 150.0
"""Height of the (imagined) camera at zoom 1: sets how far a tree's top leans out."""

VARIANTS = 3
MAX_SPRITES = 700


def lean_factor(height_m: float, zoom: float) -> float:
    """How far (as a fraction of its distance from the view's middle) a point `height_m` up leans out."""
    eye = CAMERA_HEIGHT_M / max(zoom, 0.1)
    return height_m / (eye - height_m)


@dataclass(frozen=True, slots=True)
class Layer:
    """One disc of a tree's silhouette: at a fraction of its height, a fraction of its canopy radius."""

    height: float
    radius: float
    tone: float
    """0 = the shadowed colour, 1 = the lit colour."""


FORMS: dict[str, tuple[Layer, ...]] = {
    "column": (
        Layer(0.16, 0.8, 0.0),
        Layer(0.36, 1.0, 0.2),
        Layer(0.56, 0.95, 0.45),
        Layer(0.75, 0.78, 0.7),
        Layer(0.92, 0.5, 0.95),
    ),
    "umbrella": (Layer(0.8, 1.0, 0.0), Layer(0.9, 0.86, 0.45), Layer(0.98, 0.55, 0.85)),
    "round": (Layer(0.5, 1.0, 0.05), Layer(0.78, 0.78, 0.45), Layer(0.97, 0.45, 0.9)),
}


def _blob(
    radius_px: int, variant: int, dark: Rgb, lit: Rgb, tone: float, light_dir: tuple[float, float]
) -> pygame.Surface:
    """A soft, lumpy canopy disc, lit from `light_dir` (screen unit vector towards the sun)."""
    size = radius_px * 2 + 4
    ss = 3
    big = pygame.Surface((size * ss, size * ss), pygame.SRCALPHA, 32)
    rng = random.Random(variant * 7919 + radius_px)
    c = size * ss / 2
    r = radius_px * ss
    base = palette.mix(dark, lit, tone)
    shadow = palette.shade(base, 0.72)
    light = palette.mix(base, lit, 0.6)
    lx, ly = light_dir
    lumps = 7
    for i in range(lumps):
        a = 2 * math.pi * (i + rng.random() * 0.5) / lumps
        rr = r * (0.42 + 0.12 * rng.random())
        pygame.draw.circle(big, shadow, (c + math.cos(a) * r * 0.55, c + math.sin(a) * r * 0.55), rr)
    pygame.draw.circle(big, shadow, (c, c), r * 0.72)
    for i in range(lumps):
        a = 2 * math.pi * (i + rng.random() * 0.5) / lumps
        rr = r * (0.36 + 0.1 * rng.random())
        pygame.draw.circle(
            big,
            base,
            (c + math.cos(a) * r * 0.45 + lx * r * 0.1, c + math.sin(a) * r * 0.45 + ly * r * 0.1),
            rr,
        )
    pygame.draw.circle(big, light, (c + lx * r * 0.32, c + ly * r * 0.32), r * 0.38)
    return pygame.transform.smoothscale(big, (size, size))


class TreeSprites:
    """Canopy discs by (kind, layer, variant, radius, light direction), built when first needed."""

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[int, int, int, int, int], pygame.Surface] = OrderedDict()

    def get(
        self, kind: str, kind_id: int, layer: int, variant: int, radius_px: int, light_bucket: int
    ) -> pygame.Surface:
        key = (kind_id, layer, variant, radius_px, light_bucket)
        sprite = self._cache.get(key)
        if sprite is None:
            dark, lit = palette.TREE[kind]
            a = light_bucket * 2 * math.pi / 16
            sprite = _blob(
                radius_px, variant, dark, lit, FORMS[TREES[kind].form][layer].tone, (math.cos(a), math.sin(a))
            )
            self._cache[key] = sprite
            while len(self._cache) > MAX_SPRITES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return sprite

    def __len__(self) -> int:
        return len(self._cache)


class TallTrees:
    """The stage's tall trees, bucketed by ground tile, drawn per frame."""

    def __init__(self, track: Track) -> None:
        kinds = [k for k in TALL_TREES if k in palette.TREE]
        self._kind_names = kinds
        picked = [(n, s) for n, s in enumerate(track.scenery) if s.kind in kinds]
        self.x = np.array([s.x_m for _, s in picked], dtype=np.float64)
        self.y = np.array([s.y_m for _, s in picked], dtype=np.float64)
        self.kind = np.array([kinds.index(s.kind) for _, s in picked], dtype=np.int64)
        self.variant = np.array([n % VARIANTS for n, _ in picked], dtype=np.int64)
        grid = TileGrid()
        for i in range(len(picked)):
            grid.add(i, self.x[i], self.y[i], self.x[i], self.y[i])
        self._buckets: dict[tuple[int, int], np.ndarray] = {}
        self._grid = grid
        self.sprites = TreeSprites()
        self.drawn = 0
        self.buckets_touched = 0

    def _bucket(self, key: tuple[int, int]) -> np.ndarray:
        found = self._buckets.get(key)
        if found is None:
            found = np.array(self._grid.at(key), dtype=np.int64)
            self._buckets[key] = found
        return found

    def candidates(self, box: tuple[float, float, float, float]) -> np.ndarray:
        keys = tiles_overlapping(*box)
        self.buckets_touched = len(keys)
        parts = [self._bucket(k) for k in keys]
        parts = [p for p in parts if p.size]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def draw(self, target: pygame.Surface, camera: Camera, box: tuple[float, float, float, float]) -> None:
        self.drawn = 0
        idx = self.candidates(box)
        if idx.size == 0:
            return
        w, h = camera.view_size
        ppm = PIXELS_PER_M * camera.zoom
        c = math.cos(camera.angle_rad)
        s = math.sin(camera.angle_rad)
        dx = self.x[idx] - camera.center_m[0]
        dy = self.y[idx] - camera.center_m[1]
        # Screen offsets from the view's middle (world_to_screen, vectorised).
        ox = (dx * s - dy * c) * ppm
        oy = -(dx * c + dy * s) * ppm
        reach = 0.32 * max(w, h)
        on = (np.abs(ox) < w * 0.5 + reach) & (np.abs(oy) < h * 0.5 + reach)
        if not on.any():
            return
        idx = idx[on]
        ox = ox[on]
        oy = oy[on]
        kinds = self.kind[idx]
        variants = self.variant[idx]
        light = light_bucket(camera.angle_rad)
        cx = w * 0.5
        cy = h * 0.5
        blits: list[list[tuple[pygame.Surface, tuple[int, int]]]] = [[], [], [], [], []]
        trunks: list[tuple[tuple[float, float], tuple[float, float], int]] = []
        for kind_id, kind in enumerate(self._kind_names):
            pick = kinds == kind_id
            if not pick.any():
                continue
            look = TREES[kind]
            layers = FORMS[look.form]
            kx = ox[pick]
            ky = oy[pick]
            kv = variants[pick].tolist()
            if look.form == "umbrella":
                f = lean_factor(look.height_m * 0.82, camera.zoom)
                trunk_w = max(1, round(0.45 * ppm))
                for x0, y0, x1, y1 in zip(
                    (cx + kx).tolist(),
                    (cy + ky).tolist(),
                    (cx + kx * (1 + f)).tolist(),
                    (cy + ky * (1 + f)).tolist(),
                    strict=True,
                ):
                    trunks.append(((x0, y0), (x1, y1), trunk_w))
            for n, layer in enumerate(layers):
                f = 1.0 + lean_factor(look.height_m * layer.height, camera.zoom)
                radius = max(1, round(look.canopy_m * layer.radius * ppm))
                sprites = [self.sprites.get(kind, kind_id, n, v, radius, light) for v in range(VARIANTS)]
                half = radius + 2
                px = (cx + kx * f - half).round().astype(np.int64).tolist()
                py = (cy + ky * f - half).round().astype(np.int64).tolist()
                blits[n].extend(
                    (sprites[v], (x, y))
                    for v, x, y in zip(kv, px, py, strict=True)
                    if -2 * half < x < w and -2 * half < y < h
                )
        for a, b, tw in trunks:
            pygame.draw.line(target, palette.TRUNK, a, b, tw)
        for layer_blits in blits:
            if layer_blits:
                target.blits(layer_blits, doreturn=False)
                self.drawn += len(layer_blits)


def sun_on_screen(camera_angle_rad: float) -> tuple[float, float]:
    """Unit screen vector (x right, y down) pointing towards the sun for a camera turned this way."""
    rel = camera_angle_rad - SUN_AZIMUTH_RAD
    return math.sin(rel), -math.cos(rel)


def light_bucket(camera_angle_rad: float) -> int:
    """The sun's screen direction in sixteenths of a turn (sprites are cached per bucket)."""
    x, y = sun_on_screen(camera_angle_rad)
    return round(math.atan2(y, x) / (2 * math.pi / 16)) % 16


def view_box(camera: Camera, margin_m: float) -> tuple[float, float, float, float]:
    """World bounding box of the view, grown by `margin_m`."""
    w, h = camera.view_size
    corners = [camera.screen_to_world(x, y) for x in (0, w) for y in (0, h)]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return min(xs) - margin_m, min(ys) - margin_m, max(xs) + margin_m, max(ys) + margin_m
