"""Painting ground tiles: the short cuts that make a tile cheap paint the same pixels as the long way."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame
import pytest
from test_render_world_helpers import straight_track, winding_track

from game.render.world.chunks import TILE_M, TilePainter, coarse_grid, tile_of
from game.render.world.ground import COARSE_M, MARGIN_M, GroundLayer
from game.render.world.noise import (
    fbm,
    fbm_grid,
    noise_table,
    sample_table,
    table_steps,
    unit_hash2,
    unit_hash2_of_many,
    value_noise,
    value_noise_grid,
)
from game.render.world.palette import SHADOW_DIR
from game.render.world.road import RoadLayer
from game.render.world.scenery import SceneryLayer
from game.sim.geometry import TrackGeometry
from game.sim.track import Scenery


def _tile(key: tuple[int, int]):
    return TilePainter([]).start(key)


@pytest.mark.parametrize(("cell_m", "margin_m"), [(COARSE_M, MARGIN_M), (0.4, 2.0)])
def test_only_the_coarse_cells_said_to_be_used_reach_the_tile(cell_m: float, margin_m: float) -> None:
    tile = _tile((3, -2))
    grid = coarse_grid(tile, cell_m, margin_m)
    cells = grid.cells_used(tile.size_px)
    rng = np.random.default_rng(5)
    colours = rng.integers(0, 256, (grid.n, grid.n, 3), dtype=np.uint8)

    def painted(values: np.ndarray) -> np.ndarray:
        small = pygame.Surface((grid.n, grid.n), 0, 32)
        pygame.surfarray.blit_array(small, values)
        grid.blit_enlarged(small, tile)
        return pygame.surfarray.array3d(tile.surface)

    before = painted(colours)
    outside = colours.copy()
    outside[: cells.start] = 0
    outside[cells.stop :] = 255
    outside[:, : cells.start] = 255
    outside[:, cells.stop :] = 0
    assert np.array_equal(painted(outside), before)
    for edge in (cells.start, cells.stop - 1):  # and the window is no wider than it must be
        changed = colours.copy()
        changed[edge, :] ^= 0xFF
        assert not np.array_equal(painted(changed), before)


@pytest.mark.parametrize(("cell", "period"), [(70.0, 0), (1.3, 0), (8.0, 64)])
def test_noise_on_a_grid_is_the_noise_at_each_of_its_points(cell: float, period: int) -> None:
    rng = np.random.default_rng(int(cell * 10))
    x = 3517.25 + np.sort(rng.uniform(0.0, 40.0, 37))
    y = -812.5 - np.sort(rng.uniform(0.0, 40.0, 23))
    xs = x[:, None] + np.zeros((1, y.shape[0]))
    ys = np.zeros((x.shape[0], 1)) + y[None, :]
    assert np.array_equal(value_noise_grid(x, y, cell, 91, period), value_noise(xs, ys, cell, 91, period))
    assert np.array_equal(fbm_grid(x, y, cell, 91, 3, period), fbm(xs, ys, cell, 91, 3, period))


def test_hashes_of_many_points_are_each_points_hash() -> None:
    rng = np.random.default_rng(2)
    crowded = (rng.integers(-40, -20, 5000), rng.integers(7, 19, 5000))
    spread = (rng.integers(-(10**6), 10**6, 50), rng.integers(-(10**6), 10**6, 50))
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    for ix, iy in (crowded, spread, empty):
        assert np.array_equal(unit_hash2_of_many(ix, iy, 77), unit_hash2(ix, iy, 77))


def _road_tiles(track, geometry, every_m: float) -> list[tuple[int, int]]:
    keys = []
    for k in range(int(geometry.length_m // every_m)):
        x, y, _ = geometry.point_at(k * every_m)
        keys.append(tile_of(x, y))
    return list(dict.fromkeys(keys))


def test_each_road_pixel_gets_the_surface_its_arc_length_lies_in() -> None:
    track = winding_track(1200.0)
    geometry = TrackGeometry(track)
    road = RoadLayer(track, geometry)
    codes = set()
    for key in _road_tiles(track, geometry, TILE_M / 2):
        tile = _tile(key)
        cells, ids = road._road_cells(road.segments_near(tile), tile.size_px, tile.to_px, 0.45)
        p = road._project(road.segments_near(tile), cells, ids, tile.x0_m, tile.y1_m, 1.0 / tile.ppm)
        assert np.array_equal(p["code"], road._surface_codes(p["s"]))
        codes.update(p["code"].tolist())
    assert codes == {0, 1, 2}


def test_the_road_painted_step_by_step_is_the_road_painted_at_once() -> None:
    """The two halves of the surface share the tile's id map; steps of several tiles may interleave."""
    track = winding_track(1200.0)
    geometry = TrackGeometry(track)
    ground = GroundLayer(track)
    road = RoadLayer(track, geometry)
    keys = _road_tiles(track, geometry, 150.0)
    whole = {}
    for key in keys:
        tile = _tile(key)
        ground.paint_colour(tile)
        road.paint(tile)
        whole[key] = pygame.surfarray.array3d(tile.surface)
    tiles = {key: _tile(key) for key in keys}
    for tile in tiles.values():
        ground.paint_colour(tile)
    for step in road.layers:
        for tile in tiles.values():
            step.paint(tile)
    for key, tile in tiles.items():
        assert np.array_equal(pygame.surfarray.array3d(tile.surface), whole[key]), key
    assert len(keys) >= 6


def test_a_tree_darkens_the_tile_its_shadow_falls_on_and_no_other() -> None:
    x, y = 5.5 * TILE_M, 5.5 * TILE_M
    track = dataclasses.replace(straight_track(), scenery=(Scenery("poplar", x, y, 1.1),))
    layer = SceneryLayer(track)
    behind = tile_of(x - SHADOW_DIR[0] * TILE_M, y - SHADOW_DIR[1] * TILE_M)
    ahead = tile_of(x + SHADOW_DIR[0] * TILE_M * 0.3, y + SHADOW_DIR[1] * TILE_M * 0.3)
    for key, shaded in ((behind, False), (ahead, True)):
        assert layer.grid.at(key), key  # the tree is near enough to be looked at
        tile = _tile(key)
        tile.surface.fill((120, 140, 90))
        layer.paint(tile)
        darkest = pygame.surfarray.array3d(tile.surface).min(axis=(0, 1))
        assert (tuple(darkest) != (120, 140, 90)) == shaded, key


def test_a_table_read_with_its_steps_worked_out_once_reads_the_same() -> None:
    table = noise_table(4096, 11, smooth=6)
    t = np.random.default_rng(4).uniform(0.0, 200000.0, 5000)
    assert np.array_equal(sample_table(table, t, table_steps(table)), sample_table(table, t))
