"""Rotate and zoom a large surface onto the screen with blits only.

`pygame.transform.rotate` of a screen-sized surface costs 8-15 ms here (it writes the whole rotated
bounding box pixel by pixel) and even `transform.scale` of a screen costs about 1 ms, while a plain blit of
a screen is about 0.1 ms. A rotation factors exactly into three shears (Paeth):

    R(d) = ShearX(a) . ShearY(b) . ShearX(a),   a = -tan(d/2), b = sin(d)

and a zoom z slips into them for free, because a row pass can pick which source row feeds each row and a
column pass which source column feeds each column:

    z R(d) = ShearX(a) . ScaleX(z) . ShearY(z b) . ShearX(a / z) . ScaleY(z)

Each pass is a list of strip blits (runs of whole rows, or column blocks 12 to 64 pixels wide: wider at
small angles, see `FAST_BLOCKS_PX`), each moved by a whole number of pixels: about 1 ms for a 1280 × 720
view at any angle below 45° and any zoom near 1 on the reference machine.
Sampling is nearest-neighbour, like `transform.rotate`. Pixel-space rotation here is x right, y down:
`[[cos, -sin], [sin, cos]]`.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

COLUMN_BLOCK_PX = 12
"""Narrowest column strip of the vertical shear (its step error is under a pixel up to about 10°)."""

FAST_BLOCKS_PX = (64, 48, 32, 16)
"""Column strips of these widths (whole multiples of 64 bytes) and of 16 px or less copy quickly on this
stack (SDL 2.32); the widths between are 3-5 times slower. Copying 1400 × 900 pixels from a canvas in strips
(ms, CPU time on a loaded 2-core machine): 12 px 2.9, 16 px 2.3, 20-28 px 11-12.5 (!), 32 px 1.8, 40 px 7.7,
48 px 1.6, 64 px 1.35. Each strip is moved by one whole number of pixels, so a strip of width w is off by up
to |sin d| w / 2 at its edges: the widest fast strip that keeps that under `BLOCK_STEP_ERROR_PX` is taken,
and small residual turns (the most common) cost half what 12 px strips did."""

BLOCK_STEP_ERROR_PX = 1.0

MAX_ANGLE_RAD = math.radians(50.0)

TWO_PASS_MAX_RAD = math.radians(33.0)
"""Up to this residual turn the two-pass form is used (it drops a few rows, cos d of them); beyond, the
three shears, which keep every pixel."""
"""Beyond this the shears stretch the intermediate images too far; callers stay below it."""

_MARGIN_PX = 2.0

Box = tuple[float, float, float, float]


def _bounds(points: list[tuple[float, float]]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _corners(box: Box) -> list[tuple[float, float]]:
    return [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]


def _runs(keys: list[tuple[np.ndarray, int]], max_len: int = 0) -> list[tuple[int, int]]:
    """(start, end) of runs of consecutive items over which each key array advances by its step (0: stays
    the same, 1: counts up): a run breaks wherever a key does not, and into pieces of at most `max_len`
    items if given (a remainder longer than 16 is cut into a multiple of 16 and the rest: see
    `FAST_BLOCKS_PX`)."""
    n = keys[0][0].shape[0]
    breaks = np.zeros(n, dtype=bool)
    breaks[0] = True
    for key, step in keys:
        breaks[1:] |= np.diff(key) != step
    starts = np.flatnonzero(breaks).tolist()
    ends = [*starts[1:], n]
    if not max_len:
        return list(zip(starts, ends, strict=True))
    out = []
    for s0, e0 in zip(starts, ends, strict=True):
        k = s0
        while e0 - k >= max_len:
            out.append((k, k + max_len))
            k += max_len
        rest = e0 - k
        if rest > 16 and rest % 16:
            out.append((k, k + rest - rest % 16))
            k += rest - rest % 16
        if k < e0:
            out.append((k, e0))
    return out


def column_block_px(slope: float) -> int:
    """The widest fast column strip whose step error stays under `BLOCK_STEP_ERROR_PX` for a vertical shear
    of `slope` pixels per pixel (at least `COLUMN_BLOCK_PX`)."""
    for width in FAST_BLOCKS_PX:
        if abs(slope) * width * 0.5 <= BLOCK_STEP_ERROR_PX:
            return width
    return COLUMN_BLOCK_PX


class ShearRotator:
    """Draws a source surface onto a target, turned by `angle_rad` and scaled by `zoom`.

    The source point `src_center` lands on the target point `anchor`. Scratch surfaces are kept between
    frames and only grow. `last_blits` counts the strip blits of the last draw (for the frame statistics).
    """

    def __init__(self) -> None:
        self._scratch: dict[int, pygame.Surface] = {}
        self.last_blits = 0

    @staticmethod
    def _boxes(
        view_size: tuple[int, int], anchor: tuple[float, float], zoom: float, angle_rad: float
    ) -> tuple[Box, Box, Box, Box]:
        """The regions (offsets from the anchor) each pass must fill: target, after pass 2, after pass 1,
        and the source."""
        if abs(angle_rad) > MAX_ANGLE_RAD:
            raise ValueError(f"angle {math.degrees(angle_rad):.1f}° is beyond the shear's range")
        a = -math.tan(angle_rad / 2.0)
        b = math.sin(angle_rad)
        box3 = (
            -anchor[0] - _MARGIN_PX,
            -anchor[1] - _MARGIN_PX,
            view_size[0] - anchor[0] + _MARGIN_PX,
            view_size[1] - anchor[1] + _MARGIN_PX,
        )
        box2 = _bounds([(x - a * y, y) for x, y in _corners(box3)])
        box1 = _bounds([(x / zoom, y - zoom * b * x / zoom) for x, y in _corners(box2)])
        box0 = _bounds([(x - (a / zoom) * y, y / zoom) for x, y in _corners(box1)])
        return box3, box2, box1, box0

    @staticmethod
    def _two_pass_boxes(
        view_size: tuple[int, int], anchor: tuple[float, float], zoom: float, angle_rad: float
    ) -> tuple[Box, Box, Box]:
        c, s = math.cos(angle_rad), math.sin(angle_rad)
        sx, sy, a, b = zoom / c, zoom * c, -s / c, s / zoom
        box2 = (
            -anchor[0] - _MARGIN_PX,
            -anchor[1] - _MARGIN_PX,
            view_size[0] - anchor[0] + _MARGIN_PX,
            view_size[1] - anchor[1] + _MARGIN_PX,
        )
        box1 = _bounds([(x - a * y, y / sy) for x, y in _corners(box2)])
        box0 = _bounds([(x / sx, y - b * x) for x, y in _corners(box1)])
        return box2, box1, box0

    def source_box(
        self, view_size: tuple[int, int], anchor: tuple[float, float], zoom: float, angle_rad: float
    ) -> Box:
        """(x0, y0, x1, y1) of the source, relative to `src_center`, that the target's pixels come from."""
        x0, y0, x1, y1 = self._boxes(view_size, anchor, zoom, angle_rad)[3]
        if 1e-6 <= abs(angle_rad) <= TWO_PASS_MAX_RAD:
            x0, y0, x1, y1 = self._two_pass_boxes(view_size, anchor, zoom, angle_rad)[2]
        return x0 - _MARGIN_PX, y0 - _MARGIN_PX, x1 + _MARGIN_PX, y1 + _MARGIN_PX

    def _buffer(self, which: int, size: tuple[int, int], like: pygame.Surface) -> pygame.Surface:
        have = self._scratch.get(which)
        if (
            have is None
            or have.get_width() < size[0]
            or have.get_height() < size[1]
            or (have.get_bitsize() != like.get_bitsize())
        ):
            grown = (
                max(size[0], have.get_width() if have is not None else 0) + 64,
                max(size[1], have.get_height() if have is not None else 0) + 64,
            )
            have = pygame.Surface(grown, 0, like)
            self._scratch[which] = have
        return have.subsurface((0, 0, size[0], size[1]))

    def scratch_bytes(self) -> int:
        return sum(s.get_width() * s.get_height() * s.get_bytesize() for s in self._scratch.values())

    def draw(
        self,
        source: pygame.Surface,
        src_center: tuple[float, float],
        target: pygame.Surface,
        anchor: tuple[float, float],
        zoom: float,
        angle_rad: float,
    ) -> None:
        """Draw `source` onto `target`; the source must hold `source_box` around `src_center`."""
        view = target.get_size()
        if abs(angle_rad) < 1e-6:
            self._draw_scaled(source, src_center, target, anchor, zoom, view)
        elif abs(angle_rad) <= TWO_PASS_MAX_RAD:
            self._draw_two_pass(source, src_center, target, anchor, zoom, angle_rad, view)
        else:
            self._draw_sheared(source, src_center, target, anchor, zoom, angle_rad, view)

    def _draw_scaled(
        self,
        source: pygame.Surface,
        src_center: tuple[float, float],
        target: pygame.Surface,
        anchor: tuple[float, float],
        zoom: float,
        view: tuple[int, int],
    ) -> None:
        rx0, ry0, rx1, ry1 = self.source_box(view, anchor, zoom, 0.0)
        left = math.floor(src_center[0] + rx0)
        top = math.floor(src_center[1] + ry0)
        width = math.ceil(src_center[0] + rx1) - left
        height = math.ceil(src_center[1] + ry1) - top
        region = source.subsurface((left, top, width, height))
        if zoom == 1.0:
            target.blit(
                region, (round(anchor[0] + left - src_center[0]), round(anchor[1] + top - src_center[1]))
            )
        else:
            w1 = max(1, round(width * zoom))
            h1 = max(1, round(height * zoom))
            b1 = self._buffer(1, (w1, h1), target)
            pygame.transform.scale(region, (w1, h1), b1)
            ox = (left - src_center[0]) * w1 / width
            oy = (top - src_center[1]) * h1 / height
            target.blit(b1, (round(anchor[0] + ox), round(anchor[1] + oy)))
        self.last_blits = 1

    def _draw_two_pass(
        self,
        source: pygame.Surface,
        src_center: tuple[float, float],
        target: pygame.Surface,
        anchor: tuple[float, float],
        zoom: float,
        angle_rad: float,
        view: tuple[int, int],
    ) -> None:
        """z R(d) = ShearX(-tan d) . ScaleY(z cos d) . ShearY(sin d / z) . ScaleX(z / cos d): one column pass
        straight from the source, one row pass onto the target (Catmull-Smith, with the scales folded in)."""
        c, s = math.cos(angle_rad), math.sin(angle_rad)
        sx, sy, a, b = zoom / c, zoom * c, -s / c, s / zoom
        _, box1, box0 = self._two_pass_boxes(view, anchor, zoom, angle_rad)
        cx, cy = src_center

        # Pass 1 (columns): b1 column i shows source column (u1x / sx), moved down by b * u1x.
        o1x, o1y = math.floor(box1[0]) - 1, math.floor(box1[1]) - 1
        w1, h1 = math.ceil(box1[2]) + 1 - o1x, math.ceil(box1[3]) + 1 - o1y
        b1 = self._buffer(1, (w1, h1), target)
        src_top = max(0, math.floor(cy + box0[1]) - 1)
        src_height = min(source.get_height(), math.ceil(cy + box0[3]) + 2) - src_top
        u1x = o1x + np.arange(w1, dtype=np.float64) + 0.5
        src_cols = np.floor(cx + u1x / sx).astype(np.int64)
        blocks = _runs([(src_cols, 1)], max_len=column_block_px(b))
        starts = np.array([i0 for i0, _ in blocks])
        widths = [i1 - i0 for i0, i1 in blocks]
        mid_u1x = o1x + starts + 0.5 * np.array(widths)
        dys = np.rint(src_top - cy - o1y + b * mid_u1x).astype(np.int64).tolist()
        cols = src_cols[starts].tolist()
        b1.blits(
            [
                (source, (i0, dy), (c0, src_top, wd, src_height))
                for i0, dy, c0, wd in zip(starts.tolist(), dys, cols, widths, strict=True)
            ],
            doreturn=False,
        )

        # Pass 2 (rows): target row j shows b1 row (u2y / sy), moved right by a * u2y.
        h = view[1]
        u2y = np.arange(h, dtype=np.float64) + 0.5 - anchor[1]
        rows = np.floor(u2y / sy - o1y).astype(np.int64)
        xs = np.rint(anchor[0] + o1x + a * u2y).astype(np.int64)
        runs = _runs([(rows, 1), (xs, 0)])
        target.blits(
            [(b1, (int(xs[j0]), j0), (0, int(rows[j0]), w1, j1 - j0)) for j0, j1 in runs], doreturn=False
        )
        self.last_blits = len(blocks) + len(runs)

    def _draw_sheared(
        self,
        source: pygame.Surface,
        src_center: tuple[float, float],
        target: pygame.Surface,
        anchor: tuple[float, float],
        zoom: float,
        angle_rad: float,
        view: tuple[int, int],
    ) -> None:
        z = zoom
        a = -math.tan(angle_rad / 2.0)
        b = math.sin(angle_rad)
        _, box2, box1, box0 = self._boxes(view, anchor, z, angle_rad)
        cx, cy = src_center

        # Pass 1 (rows): b1 row j shows source row (u1y / z), moved right by (a / z) * u1y.
        o1x, o1y = math.floor(box1[0]) - 1, math.floor(box1[1]) - 1
        w1, h1 = math.ceil(box1[2]) + 1 - o1x, math.ceil(box1[3]) + 1 - o1y
        b1 = self._buffer(1, (w1, h1), target)
        src_left = max(0, math.floor(cx + box0[0]) - 1)
        src_width = min(source.get_width(), math.ceil(cx + box0[2]) + 2) - src_left
        u1y = o1y + np.arange(h1, dtype=np.float64) + 0.5
        src_rows = np.floor(cy + u1y / z).astype(np.int64)
        shifts = np.rint(src_left - cx + (a / z) * u1y - o1x).astype(np.int64)
        runs = _runs([(src_rows, 1), (shifts, 0)])
        b1.blits(
            [
                (source, (int(shifts[j0]), j0), (src_left, int(src_rows[j0]), src_width, j1 - j0))
                for j0, j1 in runs
            ],
            doreturn=False,
        )
        blits = len(runs)

        # Pass 2 (columns): b2 column i shows b1 column (u2x / z), moved down by z * b * u1x.
        o2x, o2y = math.floor(box2[0]) - 1, math.floor(box2[1])
        w2, h2 = math.ceil(box2[2]) + 1 - o2x, math.ceil(box2[3]) - o2y
        b2 = self._buffer(2, (w2, h2), target)
        u1x = (o2x + np.arange(w2, dtype=np.float64) + 0.5) / z
        src_cols = np.floor(u1x - o1x).astype(np.int64)
        blocks = _runs([(src_cols, 1)], max_len=column_block_px(z * b))
        starts = np.array([i0 for i0, _ in blocks])
        widths = [i1 - i0 for i0, i1 in blocks]
        mid_u1x = (o2x + starts + 0.5 * np.array(widths)) / z
        dys = np.rint(o1y - o2y + z * b * mid_u1x).astype(np.int64).tolist()
        cols = src_cols[starts].tolist()
        b2.blits(
            [
                (b1, (i0, dy), (c0, 0, wd, h1))
                for i0, dy, c0, wd in zip(starts.tolist(), dys, cols, widths, strict=True)
            ],
            doreturn=False,
        )
        blits += len(blocks)

        # Pass 3 (rows): b2 rows move right by a * u2y onto the target.
        u2y = o2y + np.arange(h2, dtype=np.float64) + 0.5
        xs = np.rint(a * u2y + anchor[0] + o2x).astype(np.int64)
        top_y = round(anchor[1] + o2y)
        runs = _runs([(xs, 0)])
        target.blits(
            [(b2, (int(xs[j0]), top_y + j0), (0, j0, w2, j1 - j0)) for j0, j1 in runs], doreturn=False
        )
        self.last_blits = blits + len(runs)
