"""The road painted into ground tiles: asphalt with worn edges and a faded centre line, cobbles (setts) in
towns and Rome, white gravel roads with wheel ruts on the passes, dusty verges and a ditch line.

Each pixel near the road learns its arc length `s` and lateral offset `d` from the centre line (the
segments near a tile are rasterised into an id map, then one numpy pass projects every pixel onto its
segment), so the sett courses, the centre-line dashes and the ragged edges follow the road through every
bend, and two tiles painted at different times agree to the pixel.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.render.world import palette
from game.render.world.chunks import TILE_IMAGE_PX, TILE_PX, Step, TileContext, TileGrid, coarse_grid
from game.render.world.noise import noise_table, sample_table, table_steps, unit_hash2_of_many
from game.sim.geometry import TrackGeometry
from game.sim.track import VERGE_M, Track

ROAD_SURFACE_CODES = {"asphalt": 0, "cobbles": 1, "gravel": 2}

DITCH_M = 1.3
"""Beyond the verge: a darker line of ditch and long grass."""

REACH_M = VERGE_M + DITCH_M + 0.8
"""How far beyond the road's edge this layer paints."""

SETT_ROW_M = 0.48
SETT_WIDTH_M = 0.62
DASH_PERIOD_M = 9.0
DASH_FRACTION = 0.5
CENTRE_LINE_HALF_M = 0.08

_FINE_NOISE_PX = 256

VERGE_CELL_M = 0.4
"""Grid of the soft verge overlay (enlarged smoothly to the tile)."""

DITCH = (70, 84, 44)

TONES = 48
MIXES = 16
TONE_LOW = 0.6
TONE_HIGH = 1.4


def _table(c0: tuple[int, int, int], c1: tuple[int, int, int]) -> np.ndarray:
    """(TONES × MIXES × 3) colours: c0 mixed towards c1, times a brightness."""
    tone = np.linspace(TONE_LOW, TONE_HIGH, TONES, dtype=np.float32)[:, None, None]
    mix = np.linspace(0.0, 1.0, MIXES, dtype=np.float32)[None, :, None]
    a = np.array(c0, dtype=np.float32)[None, None, :]
    b = np.array(c1, dtype=np.float32)[None, None, :]
    return np.clip((a + (b - a) * mix) * tone, 0, 255).astype(np.float32)


def _rgb(c: tuple[int, int, int]) -> np.ndarray:
    return np.array(c, dtype=np.float32)


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


class RoadLayer:
    """Paints the road, its verges and ditches into ground tiles."""

    def __init__(self, track: Track, geometry: TrackGeometry) -> None:
        self.seed = track.seed
        self.closed = geometry.closed
        n = geometry.n_segments
        self.sx = np.array(geometry.seg_x)
        self.sy = np.array(geometry.seg_y)
        self.dx = np.array(geometry.seg_dx)
        self.dy = np.array(geometry.seg_dy)
        self.length = np.array(geometry.seg_len_m)
        self.s0 = np.array(geometry.seg_s_m)
        widths = np.array(geometry.half_width_m)
        n_points = widths.shape[0]
        self.hw0 = widths[:n]
        self.hw1 = widths[(np.arange(n) + 1) % n_points]
        # Vertex normals (left), the mean of the two segments meeting there, so quads join without gaps.
        nx = -self.dy
        ny = self.dx
        vx = np.zeros(n_points)
        vy = np.zeros(n_points)
        vx[:n] += nx
        vy[:n] += ny
        ends = (np.arange(n) + 1) % n_points
        np.add.at(vx, ends, nx)
        np.add.at(vy, ends, ny)
        norm = np.hypot(vx, vy)
        norm[norm < 1e-9] = 1.0
        self.vnx = vx / norm
        self.vny = vy / norm
        pts = np.array(track.centerline, dtype=np.float64)
        self.px = pts[:, 0]
        self.py = pts[:, 1]
        self.grid = TileGrid()
        reach = float(widths.max()) + REACH_M + 0.5
        for i in range(n):
            x0, y0 = self.px[i], self.py[i]
            x1, y1 = self.px[(i + 1) % n_points], self.py[(i + 1) % n_points]
            self.grid.add(
                i, min(x0, x1) - reach, min(y0, y1) - reach, max(x0, x1) + reach, max(y0, y1) + reach
            )
        spans = sorted(track.surfaces, key=lambda span: span.start_m)
        self.span_start = np.array([sp.start_m for sp in spans] or [0.0])
        self.span_end = np.array([sp.end_m for sp in spans] or [0.0])
        self.span_code = np.array([ROAD_SURFACE_CODES.get(sp.surface, 0) for sp in spans] or [0])
        self.last_segment = n - 1
        # Most segments lie inside one surface span: their pixels take its code without a search. A segment
        # within reach of a span's start or end (-1) is searched pixel by pixel (the margin is far wider
        # than float32's rounding of `s` on the longest stage).
        seg_lo = self.s0 - 0.1
        seg_hi = self.s0 + self.length + 0.1
        bounds = np.concatenate((self.span_start, self.span_end))
        crossed = ((bounds[None, :] >= seg_lo[:, None]) & (bounds[None, :] <= seg_hi[:, None])).any(axis=1)
        self._seg_code = np.where(crossed, -1, self._surface_codes(self.s0 + self.length * 0.5))
        self._edge_noise = noise_table(4096, self.seed + 1, smooth=6)
        self._line_noise = noise_table(4096, self.seed + 2, smooth=16)
        self._edge_steps = table_steps(self._edge_noise)
        rng = np.random.default_rng(self.seed + 3)
        self._fine = rng.random((_FINE_NOISE_PX, _FINE_NOISE_PX), dtype=np.float32)
        self.landscape = track.landscape
        self._lut_asphalt = _table(palette.ASPHALT, palette.ASPHALT_WORN)
        self._lut_line = _table(palette.ASPHALT, palette.CENTRE_LINE)
        self._lut_cobbles = _table(palette.COBBLE_A, palette.COBBLE_B)
        self._lut_joint = _table(palette.COBBLE_JOINT, palette.shade(palette.COBBLE_JOINT, 1.1))
        self._lut_gravel = _table(palette.GRAVEL, palette.GRAVEL_RUT)
        self.dx32 = self.dx.astype(np.float32)
        self.dy32 = self.dy.astype(np.float32)
        self.len32 = self.length.astype(np.float32)
        self.s32 = self.s0.astype(np.float32)
        self.hw0_32 = self.hw0.astype(np.float32)
        self.hw_slope32 = ((self.hw1 - self.hw0) / self.length).astype(np.float32)

    def segments_near(self, tile: TileContext) -> list[int]:
        return list(self.grid.at(tile.key))

    def paint(self, tile: TileContext) -> None:
        self.paint_verges(tile)
        self.paint_surface(tile)

    def paint_verges(self, tile: TileContext) -> None:
        segs = self.segments_near(tile)
        if segs:
            self._paint_verges(tile, segs)

    def paint_surface(self, tile: TileContext, rows: tuple[int, int] | None = None) -> None:
        """The road itself, on the whole tile or on a band of its pixel rows."""
        segs = self.segments_near(tile)
        if segs:
            self._paint_road(tile, segs, rows)

    def busy(self, key: tuple[int, int]) -> bool:
        return bool(self.grid.at(key))

    @property
    def layers(self) -> tuple[Step, Step, Step]:
        """The verges and the two halves of the road surface as separate tile layers, so a scheduler can
        paint them in different frames (each is a millisecond or two)."""
        half = TILE_IMAGE_PX // 2
        return (
            Step(self.paint_verges, self.busy),
            Step(lambda tile: self.paint_surface(tile, (0, half)), self.busy),
            Step(lambda tile: self.paint_surface(tile, (half, TILE_IMAGE_PX)), self.busy),
        )

    # -- projection of pixels onto the road ---------------------------------------------------------
    def _project(
        self,
        segs: list[int],
        cells: tuple[np.ndarray, np.ndarray],
        ids: np.ndarray,
        x0_m: float,
        y1_m: float,
        cell_m: float,
    ) -> dict[str, np.ndarray]:
        """For the id map's `cells` on the road's band (`ids` their segment numbers, from 1): arc length,
        offset, half width, surface."""
        local = ids - 1
        seg_arr = np.array(segs)
        seg = seg_arr[local]
        # Segment start points relative to the map's corner, small numbers that float32 holds exactly enough.
        sx = (self.sx[seg_arr] - x0_m).astype(np.float32)[local]
        sy = (y1_m - self.sy[seg_arr]).astype(np.float32)[local]
        half = np.float32(0.5)
        cm = np.float32(cell_m)
        rx = (cells[0].astype(np.float32) + half) * cm - sx
        ry = sy - (cells[1].astype(np.float32) + half) * cm
        dxs = self.dx32[seg]
        dys = self.dy32[seg]
        u = rx * dxs + ry * dys
        d = ry * dxs - rx * dys
        seg_len = self.len32[seg]
        uc = np.clip(u, np.float32(0.0), seg_len)
        s = self.s32[seg] + uc
        hw = self.hw0_32[seg] + self.hw_slope32[seg] * uc
        ad = np.abs(d)
        if not self.closed:
            beyond = ((seg == 0) & (u < 0.0)) | ((seg == self.last_segment) & (u > seg_len))
            ad[beyond] = np.float32(99.0)
        code = self._seg_code[seg]
        mixed = code < 0
        if mixed.any():
            code[mixed] = self._surface_codes(s[mixed])
        ragged = sample_table(
            self._edge_noise,
            s * np.float32(1.9) + np.where(d > 0, np.float32(1777.0), 0),
            self._edge_steps,
        )
        edge = hw - np.float32(0.05) - np.where(code == 2, np.float32(0.55), np.float32(0.28)) * ragged
        return {"s": s, "d": d, "ad": ad, "hw": hw, "code": code, "e": ad - edge, "ragged": ragged}

    def _road_cells(
        self, segs: list[int], size: int, to_px, extra_m: float
    ) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """The cells the segments' quads (widened by `extra_m`) cover, and which segment (from 1) each
        lies on: the last quad drawn over a cell wins. (A byte a cell when the segments are few enough: a
        quarter of the memory to search.) A new surface is all zeros: no segment."""
        id_surface = pygame.Surface((size, size), 0, 8 if len(segs) < 255 else 32)
        n_points = self.px.shape[0]
        for local, i in enumerate(segs):
            k = (i + 1) % n_points
            w0 = self.hw0[i] + extra_m
            w1 = self.hw1[i] + extra_m
            quad = (
                (self.px[i] + self.vnx[i] * w0, self.py[i] + self.vny[i] * w0),
                (self.px[k] + self.vnx[k] * w1, self.py[k] + self.vny[k] * w1),
                (self.px[k] - self.vnx[k] * w1, self.py[k] - self.vny[k] * w1),
                (self.px[i] - self.vnx[i] * w0, self.py[i] - self.vny[i] * w0),
            )
            pygame.draw.polygon(id_surface, local + 1, [to_px(x, y) for x, y in quad])
        ids = pygame.surfarray.pixels2d(id_surface)
        cells = np.nonzero(ids)
        found = ids[cells]
        del ids
        return cells, found

    # -- verges and ditches: soft, on a half-metre grid ---------------------------------------------
    def _paint_verges(self, tile: TileContext, segs: list[int]) -> None:
        grid = coarse_grid(tile, VERGE_CELL_M, 2.0)
        n = grid.n
        cells, ids = self._road_cells(segs, n, grid.to_cell, REACH_M + 0.6)
        used = grid.cells_used(tile.size_px)  # the others never reach the tile
        inside = (cells[0] >= used.start) & (cells[0] < used.stop) & (cells[1] >= used.start)
        inside &= cells[1] < used.stop
        cells = (cells[0][inside], cells[1][inside])
        ids = ids[inside]
        if ids.shape[0] == 0:
            return
        p = self._project(segs, cells, ids, grid.x_left_m, grid.y_top_m, grid.cell_m)
        e = np.maximum(p["e"], 0.0)
        town = p["code"] == 1
        reach = np.float32(VERGE_M + 0.3) + np.float32(0.6) * p["ragged"]
        worn = np.clip(1.0 - e / reach, 0.0, 1.0) ** 1.5
        ditch = np.exp(-(((e - VERGE_M - 0.9) / 0.5) ** 2)) * np.where(town, 0.0, 1.0).astype(np.float32)
        dirt = np.where(town[:, None], _rgb(palette.WALL_STONE)[None, :], _rgb(palette.EDGE_DIRT)[None, :])
        # An RGBA overlay, clear where the verge is not: dust and pavement colour where worn, a dark ditch
        # line beyond.
        colour = dirt * (1.0 - ditch)[:, None] + _rgb(DITCH)[None, :] * ditch[:, None]
        alpha = np.maximum(worn * np.float32(0.92), ditch * np.float32(0.28))
        overlay = pygame.Surface((n, n), pygame.SRCALPHA, 32)
        rgb_view = pygame.surfarray.pixels3d(overlay)
        # (Rounded to float32 first, as the overlay always was: the edge noise makes these float64.)
        rgb_view[cells[0], cells[1]] = colour.astype(np.float32).astype(np.uint8)
        del rgb_view
        alpha_view = pygame.surfarray.pixels_alpha(overlay)
        alpha_view[cells[0], cells[1]] = (alpha * 255.0).astype(np.float32).astype(np.uint8)
        del alpha_view
        grid.blit_enlarged(overlay, tile)

    # -- the road itself: crisp, per pixel ----------------------------------------------------------
    def _paint_road(self, tile: TileContext, segs: list[int], rows: tuple[int, int] | None) -> None:
        # Both halves of the surface share one id map: the first to run draws it for the whole tile.
        found = tile.shared.get("road_cells")
        if found is None:
            found = self._road_cells(segs, tile.size_px, tile.to_px, 0.45)
            tile.shared["road_cells"] = found
        cells, ids = found
        if rows is not None:
            band = (cells[1] >= rows[0]) & (cells[1] < rows[1])
            cells = (cells[0][band], cells[1][band])
            ids = ids[band]
        if ids.shape[0] == 0:
            return
        p = self._project(segs, cells, ids, tile.x0_m, tile.y1_m, 1.0 / tile.ppm)
        i, j = tile.key
        e = p["e"]
        keep = e < np.float32(0.12)
        if not keep.all():
            cells = (cells[0][keep], cells[1][keep])
            p = {name: arr[keep] for name, arr in p.items()}
            e = p["e"]
        p["fine"] = self._fine[
            (cells[0] + i * TILE_PX) % _FINE_NOISE_PX, (cells[1] - j * TILE_PX) % _FINE_NOISE_PX
        ]
        surface = tile.surface
        width = surface.get_width()
        packed = pygame.surfarray.pixels2d(surface).T  # (height, width), C-contiguous for a tile
        flat = packed.reshape(-1)
        where = cells[1].astype(np.intp) * width + cells[0]
        shifts = surface.get_shifts()[:3]
        raw = flat[where]
        under = np.empty((raw.shape[0], 3), dtype=np.float32)
        for channel, shift in enumerate(shifts):
            under[:, channel] = (raw >> np.uint32(shift)) & np.uint32(0xFF)
        colour = np.empty_like(under)
        code = p["code"]
        for c, painter in ((0, self._asphalt), (1, self._cobbles), (2, self._gravel)):
            pick = code == c
            if pick.all():
                colour = painter(p)
            elif pick.any():
                colour[pick] = painter({name: arr[pick] for name, arr in p.items()})
        # The last few centimetres blend into the verge, so the edge is soft but sharp at this scale.
        blend = np.clip(e * np.float32(1.0 / 0.12), 0.0, 1.0)[:, None]
        out = (colour + (under - colour) * blend).astype(np.uint32)
        value = raw & ~np.uint32(sum(0xFF << sh for sh in shifts))
        for channel, shift in enumerate(shifts):
            value |= out[:, channel] << np.uint32(shift)
        flat[where] = value
        del packed, flat

    def _surface_codes(self, s: np.ndarray) -> np.ndarray:
        idx = np.searchsorted(self.span_start, s, side="right") - 1
        idx_c = np.clip(idx, 0, self.span_start.shape[0] - 1)
        inside = (idx >= 0) & (s < self.span_end[idx_c])
        return np.where(inside, self.span_code[idx_c], 0)

    # -- surfaces: each pixel gets a brightness and a mix between two colours, looked up in a table -------
    @staticmethod
    def _lookup(table: np.ndarray, tone: np.ndarray, mix: np.ndarray) -> np.ndarray:
        """Colours from a (TONES × MIXES × 3) table: tone in [TONE_LOW, TONE_HIGH], mix in [0, 1]."""
        ti = np.clip((tone - TONE_LOW) * ((TONES - 1) / (TONE_HIGH - TONE_LOW)) + 0.5, 0, TONES - 1).astype(
            np.intp
        )
        mi = np.clip(mix * (MIXES - 1) + 0.5, 0, MIXES - 1).astype(np.intp)
        return table.reshape(-1, 3)[ti * MIXES + mi]

    def _asphalt(self, p: dict[str, np.ndarray]) -> np.ndarray:
        s, d, ad, hw, e, fine = p["s"], p["d"], p["ad"], p["hw"], p["e"], p["fine"]
        lane = hw * 0.5
        tone = (0.9 + 0.2 * fine) * (1.0 - 0.07 * np.exp(-(((ad - lane) * (1.0 / 0.55)) ** 2)))
        stretch = s * (1.0 / 6.5)
        row = np.floor(stretch).astype(np.int64)
        patch = unit_hash2_of_many(row, (d > 0).astype(np.int64), 77)
        # Each test is made only where the ones before it passed (a few pixels in ten).
        in_patch = patch < 0.14
        at = np.flatnonzero(in_patch)
        in_patch[at] = np.abs(ad[at] - lane[at]) < 0.9 + 0.6 * patch[at]
        at = at[in_patch[at]]
        in_patch[at] = stretch[at] % 1.0 < 0.35 + patch[at]
        tone[in_patch] *= 0.9
        line = ad < CENTRE_LINE_HALF_M
        at = np.flatnonzero(line)
        line[at] = ((s[at] * (1.0 / DASH_PERIOD_M)) % 1.0) < DASH_FRACTION
        colour = self._lookup(self._lut_asphalt, tone, _smoothstep(-0.9, 0.0, e) * 0.55)
        if line.any():
            # A worn, faded centre line: the paint shows in patches.
            colour[line] = self._lookup(self._lut_line, tone[line], 0.35 + 0.45 * fine[line])
        return colour

    def _cobbles(self, p: dict[str, np.ndarray]) -> np.ndarray:
        s, d, hw, fine = p["s"], p["d"], p["hw"], p["fine"]
        course = s * (1.0 / SETT_ROW_M)
        row = np.floor(course).astype(np.int64)
        across = (d + hw) * (1.0 / SETT_WIDTH_M) + (row % 2) * 0.5
        col = np.floor(across).astype(np.int64)
        fu = course - row
        fv = across - col
        stone = unit_hash2_of_many(row, col, self.seed + 9)
        shade = unit_hash2_of_many(col, row, self.seed + 10)
        # Each sett is domed and lit from the south-west: lighter on one side, darker on the other.
        tone = (1.0 + 0.22 * (0.5 - fu) + 0.1 * (fv - 0.5)) * (0.86 + 0.1 * fine + 0.16 * shade)
        edge_u = np.minimum(fu, 1.0 - fu)
        edge_v = np.minimum(fv, 1.0 - fv)
        joint = (edge_u < 0.07) | (edge_v < 0.05) | ((edge_u < 0.16) & (edge_v < 0.12))
        colour = self._lookup(self._lut_cobbles, tone, stone)
        colour[joint] = self._lookup(self._lut_joint, 0.9 + 0.2 * fine[joint], stone[joint])
        return colour

    def _gravel(self, p: dict[str, np.ndarray]) -> np.ndarray:
        d, ad, hw, e, fine, s = p["d"], p["ad"], p["hw"], p["e"], p["fine"], p["s"]
        lane = hw * 0.5 + (sample_table(self._line_noise, s * 0.7) - 0.5) * 0.6
        dl = np.abs(ad - lane)
        ruts = np.exp(-(((dl - 0.8) * (1.0 / 0.3)) ** 2)) * 0.75
        crown = np.exp(-((d * (1.0 / 0.7)) ** 2)) * (fine > 0.6)
        tone = (0.84 + 0.3 * fine * fine) * (1.0 + 0.12 * crown) * (1.0 + 0.08 * _smoothstep(-0.8, 0.0, e))
        return self._lookup(self._lut_gravel, tone, ruts)
