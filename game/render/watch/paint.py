"""Supersampled painting in watch millimetres, and the cached rotation of sprites.

Every static layer and every sprite of the watch is painted once, large (``ss`` pixels per final pixel), with
numpy shaders for the metal finishes, then box-filtered down: that is what gives the edges their anti-aliasing
and the facets their gradients at no per-frame cost. Results are *premultiplied* surfaces, blitted with
``BLEND_PREMULTIPLIED``, so that downsampling and rotating never leave dark fringes around transparent parts.
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
import pygame

from game.render.watch.geometry import Point, direction

Color = tuple[int, int, int] | tuple[int, int, int, int]
Shader = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""(x_mm, y_mm) grids → colours: shape (..., 3) in 0..255, or (..., 4) with a last channel of opacity 0..1."""

PREMUL = pygame.BLEND_PREMULTIPLIED
LIGHT_2D: Point = (-0.55, -0.83)
"""Where the key light comes from (upper left), as a screen direction from the watch."""
LIGHT_3D: tuple[float, float, float] = (-0.48, -0.70, 0.53)
"""The same light, towards the viewer's side of the dial (z out of the screen)."""


@functools.lru_cache(maxsize=64)
def _font(size_px: int) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(None, size_px)


@functools.lru_cache(maxsize=1)
def _cap_ratio() -> float:
    """Cap height of the bundled sans per point of font size, to size text by its cap height in mm."""
    font = _font(200)
    mask = pygame.mask.from_surface(font.render("H", True, (255, 255, 255)))
    return mask.get_bounding_rects()[0].height / 200.0


class Canvas:
    """A supersampled RGBA board addressed in mm, mapped to final pixels by ``px_per_mm`` and ``origin_px``."""

    def __init__(self, size_px: tuple[int, int], px_per_mm: float, origin_px: Point, ss: int = 3) -> None:
        self.size_px = size_px
        self.ss = ss
        self.px_per_mm = px_per_mm
        self.origin_px = origin_px
        self.scale = px_per_mm * ss
        self._ox = origin_px[0] * ss
        self._oy = origin_px[1] * ss
        self.surface = pygame.Surface((size_px[0] * ss, size_px[1] * ss), pygame.SRCALPHA)

    # ---- addressing --------------------------------------------------------------------------------------------
    def blank(self) -> Canvas:
        return Canvas(self.size_px, self.px_per_mm, self.origin_px, self.ss)

    def pt(self, p: Point) -> tuple[float, float]:
        return (self._ox + p[0] * self.scale, self._oy + p[1] * self.scale)

    def pts(self, points: Sequence[Point]) -> list[tuple[float, float]]:
        return [self.pt(p) for p in points]

    def px(self, mm: float) -> float:
        return mm * self.scale

    # ---- flat drawing ------------------------------------------------------------------------------------------
    def polygon(self, points: Sequence[Point], color: Color) -> None:
        """A flat polygon: drawn straight in when opaque, blended over what is there when translucent."""
        if len(color) == 4 and color[3] < 255:
            self.fill(points, color)
        else:
            pygame.draw.polygon(self.surface, color, self.pts(points))

    def segment(self, p0: Point, p1: Point, width_mm: float, color: Color) -> None:
        self.polygon(segment_polygon(p0, p1, width_mm), color)

    def polyline(self, points: Sequence[Point], width_mm: float, color: Color) -> None:
        """A thin line through many points (a hairspring), blended over the canvas in one pass."""
        mask = self.blank()
        pygame.draw.lines(
            mask.surface, (255, 255, 255), False, self.pts(points), max(1, round(self.px(width_mm)))
        )
        self.paint(mask, color)

    def text(
        self,
        text: str,
        at: Point,
        cap_mm: float,
        color: Color,
        angle_deg: float = 0.0,
        tracking_mm: float = 0.0,
    ) -> None:
        """Centred text, sized by its cap height; ``angle_deg`` turns it clockwise."""
        surf = text_surface(text, self.px(cap_mm), color, self.px(tracking_mm))
        if angle_deg:
            surf = pygame.transform.rotozoom(surf, -angle_deg, 1.0)
        x, y = self.pt(at)
        self.surface.blit(surf, surf.get_rect(center=(round(x), round(y))))

    # ---- shaded drawing ----------------------------------------------------------------------------------------
    def fill(self, points: Sequence[Point], shader: Shader | Color) -> None:
        """Fill a polygon with a shader or a colour; only its bounding box is ever rasterised."""
        pts = self.pts(points)
        big_w, big_h = self.surface.get_size()
        x0 = max(0, math.floor(min(p[0] for p in pts)) - 1)
        y0 = max(0, math.floor(min(p[1] for p in pts)) - 1)
        x1 = min(big_w, math.ceil(max(p[0] for p in pts)) + 2)
        y1 = min(big_h, math.ceil(max(p[1] for p in pts)) + 2)
        if x1 <= x0 or y1 <= y0:
            return
        mask = pygame.Surface((x1 - x0, y1 - y0), pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255), [(x - x0, y - y0) for x, y in pts])
        self._paint_block(x0, y0, pygame.surfarray.array_alpha(mask), shader)

    def paint(self, mask: Canvas, shader: Shader | Color) -> None:
        """Composite ``shader``'s colours over this canvas wherever ``mask`` is opaque."""
        alpha = pygame.surfarray.array_alpha(mask.surface)
        cols = np.flatnonzero(alpha.any(axis=1))
        rows = np.flatnonzero(alpha.any(axis=0))
        if cols.size == 0:
            return
        x0, x1, y0, y1 = cols[0], cols[-1] + 1, rows[0], rows[-1] + 1
        self._paint_block(x0, y0, alpha[x0:x1, y0:y1], shader)

    def _paint_block(self, x0: int, y0: int, alpha: np.ndarray, shader: Shader | Color) -> None:
        x1, y1 = x0 + alpha.shape[0], y0 + alpha.shape[1]
        cover = alpha.astype(np.float32) / 255.0
        if callable(shader):
            xs = (np.arange(x0, x1, dtype=np.float32) + 0.5 - self._ox) / self.scale
            ys = (np.arange(y0, y1, dtype=np.float32) + 0.5 - self._oy) / self.scale
            gx, gy = np.meshgrid(xs, ys, indexing="ij")
            colour = np.asarray(shader(gx, gy), dtype=np.float32)
        else:
            colour = np.empty((x1 - x0, y1 - y0, len(shader)), dtype=np.float32)
            colour[...] = np.asarray(shader, dtype=np.float32)
            if colour.shape[-1] == 4:
                colour[..., 3] /= 255.0
        if colour.shape[-1] == 4:
            cover = cover * np.clip(colour[..., 3], 0.0, 1.0)
        self.composite(x0, y0, colour[..., :3], cover)

    def composite(self, x0: int, y0: int, rgb: np.ndarray, cover: np.ndarray) -> None:
        """Straight-alpha "over" of an (w, h, 3) block with opacity ``cover`` at SS pixel (x0, y0)."""
        w, h = cover.shape
        dst_rgb = pygame.surfarray.pixels3d(self.surface)
        dst_a = pygame.surfarray.pixels_alpha(self.surface)
        d_rgb = dst_rgb[x0 : x0 + w, y0 : y0 + h].astype(np.float32)
        d_a = dst_a[x0 : x0 + w, y0 : y0 + h].astype(np.float32) / 255.0
        out_a = cover + d_a * (1.0 - cover)
        weight_src = cover / np.maximum(out_a, 1e-6)
        out_rgb = d_rgb + (np.clip(rgb, 0, 255) - d_rgb) * weight_src[..., None]
        dst_rgb[x0 : x0 + w, y0 : y0 + h] = np.clip(out_rgb + 0.5, 0, 255).astype(np.uint8)
        dst_a[x0 : x0 + w, y0 : y0 + h] = np.clip(out_a * 255.0 + 0.5, 0, 255).astype(np.uint8)
        del dst_rgb, dst_a

    def erase(self, mask: Canvas) -> None:
        """Cut a hole: lower this canvas's opacity wherever ``mask`` is opaque (for apertures and grilles)."""
        keep = 1.0 - pygame.surfarray.array_alpha(mask.surface).astype(np.float32) / 255.0
        dst_a = pygame.surfarray.pixels_alpha(self.surface)
        dst_a[...] = (dst_a * keep + 0.5).astype(np.uint8)
        del dst_a

    # ---- result ------------------------------------------------------------------------------------------------
    def result(self, factor: int | None = None) -> pygame.Surface:
        """Box-filter down by ``factor`` (default: to final pixels) into a premultiplied surface."""
        return downsample_premultiplied(self.surface, factor or self.ss)


def downsample_premultiplied(surface: pygame.Surface, factor: int) -> pygame.Surface:
    rgb = pygame.surfarray.array3d(surface).astype(np.float32)
    alpha = pygame.surfarray.array_alpha(surface).astype(np.float32) / 255.0
    big_w, big_h = alpha.shape
    w, h = big_w // factor, big_h // factor
    prem = (rgb * alpha[..., None])[: w * factor, : h * factor]
    prem = prem.reshape(w, factor, h, factor, 3).mean(axis=(1, 3))
    alpha = alpha[: w * factor, : h * factor].reshape(w, factor, h, factor).mean(axis=(1, 3))
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    px3 = pygame.surfarray.pixels3d(out)
    px3[...] = np.clip(prem + 0.5, 0, 255).astype(np.uint8)
    del px3
    pa = pygame.surfarray.pixels_alpha(out)
    pa[...] = np.clip(alpha * 255.0 + 0.5, 0, 255).astype(np.uint8)
    del pa
    return out


def text_surface(text: str, cap_px: float, color: Color, tracking_px: float = 0.0) -> pygame.Surface:
    """Anti-aliased text whose capitals are ``cap_px`` tall, letter-spaced by ``tracking_px``."""
    font = _font(max(4, round(cap_px / _cap_ratio())))
    rgb = color[:3]
    if tracking_px <= 0:
        return font.render(text, True, rgb)
    glyphs = [font.render(ch, True, rgb) for ch in text]
    width = sum(g.get_width() for g in glyphs) + tracking_px * (len(glyphs) - 1)
    surf = pygame.Surface((max(1, math.ceil(width)), font.get_height()), pygame.SRCALPHA)
    x = 0.0
    for g in glyphs:
        surf.blit(g, (round(x), 0))
        x += g.get_width() + tracking_px
    return surf


def segment_polygon(p0: Point, p1: Point, width_mm: float) -> list[Point]:
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * width_mm / 2, dx / length * width_mm / 2
    return [
        (p0[0] + nx, p0[1] + ny),
        (p1[0] + nx, p1[1] + ny),
        (p1[0] - nx, p1[1] - ny),
        (p0[0] - nx, p0[1] - ny),
    ]


def arc_polygon(centre: Point, r_in: float, r_out: float, a0_deg: float, a1_deg: float) -> list[Point]:
    """A band of a ring between two bearings (clockwise from ``a0`` to ``a1``)."""
    steps = max(8, int(abs(a1_deg - a0_deg) / 2))
    outer = [_polar(centre, a0_deg + (a1_deg - a0_deg) * i / steps, r_out) for i in range(steps + 1)]
    inner = [_polar(centre, a1_deg - (a1_deg - a0_deg) * i / steps, r_in) for i in range(steps + 1)]
    return outer + inner


def circle_polygon(centre: Point, r: float, steps: int = 72) -> list[Point]:
    return [_polar(centre, 360.0 * i / steps, r) for i in range(steps)]


def _polar(c: Point, a: float, r: float) -> Point:
    d = direction(a)
    return (c[0] + d[0] * r, c[1] + d[1] * r)


# ---- shaders ---------------------------------------------------------------------------------------------------
def mix(a: Sequence[float], b: Sequence[float], t: np.ndarray) -> np.ndarray:
    a_ = np.asarray(a, dtype=np.float32)
    b_ = np.asarray(b, dtype=np.float32)
    return a_ + (b_ - a_) * np.clip(t, 0.0, 1.0)[..., None]


def noise(shape: tuple[int, ...], seed: int) -> np.ndarray:
    """Fixed-seed grain in [-1, 1]: the bead-blasting and crinkle finishes look the same every run."""
    return np.random.default_rng(seed).uniform(-1.0, 1.0, shape).astype(np.float32)


def polished(normal: Point, tilt_deg: float, dark: Sequence[float], bright: Sequence[float]) -> Shader:
    """A flat polished facet: it mirrors a soft studio light, so its brightness depends on how it faces it.

    ``normal`` is the facet's outward direction on screen, ``tilt_deg`` how far it leans away from the viewer.
    A gentle gradient along the light's direction keeps big facets from looking like flat paint.
    """
    t = math.radians(tilt_deg)
    n3 = (normal[0] * math.sin(t), normal[1] * math.sin(t), math.cos(t))
    refl = (2 * n3[2] * n3[0], 2 * n3[2] * n3[1], 2 * n3[2] * n3[2] - 1)
    lx, ly, lz = LIGHT_3D
    ln = math.sqrt(lx * lx + ly * ly + lz * lz)
    cos_key = (refl[0] * lx + refl[1] * ly + refl[2] * lz) / ln
    key = math.exp(-(1.0 - cos_key) / 0.12)
    sky = 0.5 + 0.5 * refl[2]
    level = 0.04 + 0.7 * key + 0.12 * sky * (1 - key)

    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        along = -(x * LIGHT_2D[0] + y * LIGHT_2D[1]) / 24.0
        return mix(dark, bright, level * (1.0 - 0.55 * along) + 0.04 * np.sin(x * 0.9 + y * 0.4))

    return shade


def matte(normal: Point, tilt_deg: float, base: Sequence[float], lit: Sequence[float], seed: int) -> Shader:
    """A bead-blasted surface: diffuse light only, with a fine grain."""
    t = math.radians(tilt_deg)
    n3 = (normal[0] * math.sin(t), normal[1] * math.sin(t), math.cos(t))
    lx, ly, lz = LIGHT_3D
    ln = math.sqrt(lx * lx + ly * ly + lz * lz)
    lambert = max(0.0, (n3[0] * lx + n3[1] * ly + n3[2] * lz) / ln)

    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        grain = noise(x.shape, seed)
        return mix(base, lit, lambert * 0.85 + 0.09 * grain)

    return shade


def linear(p0: Point, c0: Sequence[float], p1: Point, c1: Sequence[float]) -> Shader:
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length2 = dx * dx + dy * dy

    def shade(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        t = ((x - p0[0]) * dx + (y - p0[1]) * dy) / length2
        return mix(c0, c1, t)

    return shade


# ---- rotated sprites -------------------------------------------------------------------------------------------
class Rotor:
    """A sprite turned about its centre, with the turned copies cached by quantised angle.

    The source is painted at twice the final resolution; each angle is rotated there, box-filtered down and
    trimmed to what it covers once, so a turning hand keeps clean edges and a steady hand costs only a
    dictionary look-up and a small blit.
    """

    def __init__(
        self, source_2x: pygame.Surface, step_deg: float, symmetry_deg: float = 360.0, cap: int = 512
    ):
        self.source = source_2x
        self.step_deg = step_deg
        self.symmetry_deg = symmetry_deg
        self.cap = cap
        self._cache: OrderedDict[int, tuple[pygame.Surface, float, float]] = OrderedDict()

    def key(self, angle_deg: float) -> int:
        steps = round(self.symmetry_deg / self.step_deg)
        return round((angle_deg % self.symmetry_deg) / self.step_deg) % steps

    def get(self, angle_deg: float) -> tuple[pygame.Surface, float, float]:
        """The turned sprite and where its top-left corner sits relative to the pivot, in final pixels."""
        k = self.key(angle_deg)
        hit = self._cache.get(k)
        if hit is None:
            turned = pygame.transform.rotate(self.source, -k * self.step_deg)
            w, h = turned.get_size()
            w -= w % 2
            h -= h % 2
            small = pygame.transform.smoothscale(turned.subsurface((0, 0, w, h)), (w // 2, h // 2))
            used = small.get_bounding_rect()
            hit = (small.subsurface(used).copy(), used.x - w / 4, used.y - h / 4)
            self._cache[k] = hit
            if len(self._cache) > self.cap:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(k)
        return hit

    def blit(self, target: pygame.Surface, centre_px: tuple[float, float], angle_deg: float) -> None:
        surf, dx, dy = self.get(angle_deg)
        target.blit(surf, (round(centre_px[0] + dx), round(centre_px[1] + dy)), special_flags=PREMUL)


def sprite_canvas(radius_mm: float, px_per_mm: float) -> Canvas:
    """A square board for a sprite that turns about its centre: mm (0, 0) is the pivot; painted at 4× and
    reduced by :meth:`Canvas.result` to the 2× source a :class:`Rotor` wants."""
    half = math.ceil(radius_mm * px_per_mm) + 2
    size = 4 * half
    return Canvas((size, size), px_per_mm * 2, (size / 2, size / 2), ss=2)


def region_canvas(
    px_per_mm: float, case_centre_px: Point, x0: float, y0: float, x1: float, y1: float, ss: int = 4
) -> tuple[Canvas, pygame.Rect]:
    """A small board over one part of the watch, in the watch's mm, and where it sits in the HUD's pixels."""
    rect = pygame.Rect(
        math.floor(case_centre_px[0] + x0 * px_per_mm) - 1,
        math.floor(case_centre_px[1] + y0 * px_per_mm) - 1,
        math.ceil((x1 - x0) * px_per_mm) + 3,
        math.ceil((y1 - y0) * px_per_mm) + 3,
    )
    origin = (case_centre_px[0] - rect.x, case_centre_px[1] - rect.y)
    return Canvas(rect.size, px_per_mm, origin, ss=ss), rect
