"""A view-sized window of the ground, already turned and zoomed for one camera "sector".

Turning the whole ground every frame is what pygame cannot afford. So the ground is kept in a canvas
turned to the nearest multiple of `SECTOR_STEP_DEG` of the camera's heading and scaled to the camera's
zoom level; each frame only the small remaining angle is applied, with cheap shears (`shear.py`). A canvas
scrolls with the camera (one `Surface.scroll`) and is filled lazily: each frame only the tiles under the
view that are not on it yet are blitted. When the camera turns or zooms to another sector, the next canvas
is filled in the background, a few tiles a frame, and swapped in once the view is complete on it.

Coordinates: a canvas of angle `phi` (the world direction that is up in it) and scale `ppm` maps world
(x, y) to "global" canvas pixels (ppm (x sin phi - y cos phi), -ppm (x cos phi + y sin phi)); its surface
shows the global pixels from `origin` on.
"""

from __future__ import annotations

import math

import pygame

from game.render.world.chunks import TILE_IMAGE_PX, TILE_M, TileCache, TileKey, tile_of
from game.render.world.palette import PIXELS_PER_M

SECTOR_STEP_DEG = 18
"""Divides 90, so north-up (and the four compass directions) need no residual turn at all."""
SECTORS = 360 // SECTOR_STEP_DEG

Box = tuple[float, float, float, float]


def sector_angle(sector: int) -> float:
    return math.radians(sector * SECTOR_STEP_DEG)


def nearest_sector(angle_rad: float) -> int:
    return round(math.degrees(angle_rad) / SECTOR_STEP_DEG) % SECTORS


class SectorCanvas:
    """The ground for one (sector, zoom) pair, over a window that follows the camera."""

    def __init__(self, surface: pygame.Surface, sector: int, zoom: float, kind_id: int) -> None:
        self.surface = surface
        self.sector = sector
        self.zoom = zoom
        self.kind_id = kind_id
        self.angle_rad = sector_angle(sector)
        self.ppm = PIXELS_PER_M * zoom
        self._sin = math.sin(self.angle_rad)
        self._cos = math.cos(self.angle_rad)
        self.tile_degrees = 90.0 - sector * SECTOR_STEP_DEG
        turned = math.radians(self.tile_degrees)
        self._tile_half_px = (
            0.5 * TILE_IMAGE_PX * zoom * (abs(math.cos(turned)) + abs(math.sin(turned))) + 1.0
        )
        self.origin = (0, 0)
        self.drawn: set[TileKey] = set()
        """Tiles blitted whole (as far as the window goes) since the window last moved over them."""
        self.ready = False
        """Filled in the background far enough to show the view (set by whoever fills it)."""
        self.blits = 0

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def to_global(self, x_m: float, y_m: float) -> tuple[float, float]:
        ppm = self.ppm
        return ppm * (x_m * self._sin - y_m * self._cos), -ppm * (x_m * self._cos + y_m * self._sin)

    def to_world(self, gx: float, gy: float) -> tuple[float, float]:
        ppm = self.ppm
        return (gx * self._sin - gy * self._cos) / ppm, (-gx * self._cos - gy * self._sin) / ppm

    def to_local(self, x_m: float, y_m: float) -> tuple[float, float]:
        gx, gy = self.to_global(x_m, y_m)
        return gx - self.origin[0], gy - self.origin[1]

    def covers(self, box: Box) -> bool:
        w, h = self.size
        return (
            box[0] >= self.origin[0]
            and box[1] >= self.origin[1]
            and box[2] <= self.origin[0] + w
            and box[3] <= self.origin[1] + h
        )

    def fits(self, box: Box) -> bool:
        w, h = self.size
        return box[2] - box[0] <= w and box[3] - box[1] <= h

    def placements(
        self, rect: pygame.Rect, skip: set[TileKey] | None = None
    ) -> list[tuple[TileKey, float, float]]:
        """Tiles (not in `skip`) whose turned image touches the local `rect`, with their local centres."""
        ox, oy = self.origin
        corners = [
            self.to_world(ox + x, oy + y) for x in (rect.left, rect.right) for y in (rect.top, rect.bottom)
        ]
        xs = [c[0] for c in corners]
        ys = [c[1] for c in corners]
        margin = 0.75 * TILE_M
        found = []
        half = self._tile_half_px
        left, right, top, bottom = rect.left - half, rect.right + half, rect.top - half, rect.bottom + half
        ppm, sin, cos = self.ppm, self._sin, self._cos
        i0, j0 = tile_of(min(xs) - margin, min(ys) - margin)
        i1, j1 = tile_of(max(xs) + margin, max(ys) + margin)
        # `to_local` of each tile's centre, written out (this runs for every tile near the view each frame).
        for j in range(j0, j1 + 1):
            y = (j + 0.5) * TILE_M
            for i in range(i0, i1 + 1):
                x = (i + 0.5) * TILE_M
                cx = ppm * (x * sin - y * cos) - ox
                if not left < cx < right:
                    continue
                cy = -ppm * (x * cos + y * sin) - oy
                if not top < cy < bottom:
                    continue
                if skip is not None and (i, j) in skip:
                    continue
                found.append(((i, j), cx, cy))
        return found

    def _blit_tile(self, tiles: TileCache, key: TileKey, cx: float, cy: float) -> None:
        image = tiles.transformed(key, self.kind_id, self.tile_degrees, self.zoom)
        self.surface.blit(image, (round(cx - image.get_width() * 0.5), round(cy - image.get_height() * 0.5)))
        self.blits += 1

    def place(self, center_global: tuple[float, float]) -> None:
        """Put the window around a global point, with nothing drawn on it yet."""
        w, h = self.size
        self.origin = (round(center_global[0] - w * 0.5), round(center_global[1] - h * 0.5))
        self.drawn.clear()
        self.ready = False

    def _local_rect(self, box: Box) -> pygame.Rect:
        ox, oy = self.origin
        return pygame.Rect(
            math.floor(box[0] - ox),
            math.floor(box[1] - oy),
            math.ceil(box[2] - box[0]) + 1,
            math.ceil(box[3] - box[1]) + 1,
        )

    def keys_under(self, box: Box) -> list[TileKey]:
        """Tiles whose turned image touches the global `box`: what the canvas must hold to show it (the box's
        world bounds would also take the tiles off its corners, 1.3-1.8 times as many at a diagonal heading)."""
        return [key for key, _, _ in self.placements(self._local_rect(box))]

    def missing(self, box: Box) -> list[tuple[TileKey, float, float]]:
        """Tiles touching the global `box` that are not on the canvas yet, nearest the box's middle first."""
        local = self._local_rect(box)
        todo = self.placements(local, self.drawn)
        mx, my = local.centerx, local.centery
        todo.sort(key=lambda p: (p[1] - mx) ** 2 + (p[2] - my) ** 2)
        return todo

    def put(self, tiles: TileCache, key: TileKey, cx: float, cy: float) -> None:
        """Blit one tile (painting it first if it is not cached)."""
        self._blit_tile(tiles, key, cx, cy)
        self.drawn.add(key)

    def fill(self, tiles: TileCache, box: Box) -> int:
        """Blit every tile touching the global `box` that is not on the canvas yet. Returns how many."""
        todo = self.missing(box)
        for key, cx, cy in todo:
            self.put(tiles, key, cx, cy)
        return len(todo)

    def ensure(self, tiles: TileCache, box: Box, lead: tuple[float, float] = (0.0, 0.0)) -> list[TileKey]:
        """Make the global `box` complete on the canvas: scroll if it is off the window (ahead along `lead`,
        a unit vector, so the next scroll comes later), then blit what is missing. Returns the tiles under
        the box (`keys_under`), found on the way."""
        if not self.covers(box):
            self._recentre(box, lead)
        local = self._local_rect(box)
        under = self.placements(local)
        todo = [p for p in under if p[0] not in self.drawn]
        mx, my = local.centerx, local.centery
        todo.sort(key=lambda p: (p[1] - mx) ** 2 + (p[2] - my) ** 2)
        for key, cx, cy in todo:
            self.put(tiles, key, cx, cy)
        return [key for key, _, _ in under]

    def _recentre(self, box: Box, lead: tuple[float, float]) -> None:
        w, h = self.size
        slack_x = max(0.0, (w - (box[2] - box[0])) * 0.5 - 2.0)
        slack_y = max(0.0, (h - (box[3] - box[1])) * 0.5 - 2.0)
        new_x = round((box[0] + box[2]) * 0.5 - w * 0.5 + lead[0] * slack_x * 0.8)
        new_y = round((box[1] + box[3]) * 0.5 - h * 0.5 + lead[1] * slack_y * 0.8)
        dx = new_x - self.origin[0]
        dy = new_y - self.origin[1]
        self.origin = (new_x, new_y)
        if abs(dx) >= w or abs(dy) >= h:
            self.drawn.clear()
            return
        self.surface.scroll(-dx, -dy)
        exposed = []
        if dx > 0:
            exposed.append(pygame.Rect(w - dx, 0, dx, h))
        elif dx < 0:
            exposed.append(pygame.Rect(0, 0, -dx, h))
        if dy > 0:
            exposed.append(pygame.Rect(0, h - dy, w, dy))
        elif dy < 0:
            exposed.append(pygame.Rect(0, 0, w, -dy))
        # Tiles reaching into the uncovered strips are no longer whole on the canvas.
        half = self._tile_half_px
        for key in list(self.drawn):
            cx, cy = self.to_local((key[0] + 0.5) * TILE_M, (key[1] + 0.5) * TILE_M)
            tile_rect = pygame.Rect(round(cx - half), round(cy - half), round(2 * half), round(2 * half))
            if tile_rect.collidelist(exposed) >= 0 or not tile_rect.colliderect(pygame.Rect(0, 0, w, h)):
                self.drawn.discard(key)

    def refresh(self, tiles: TileCache, key: TileKey) -> None:
        """Blit one tile again (it was repainted), if it is on the canvas."""
        if key not in self.drawn:
            return
        cx, cy = self.to_local((key[0] + 0.5) * TILE_M, (key[1] + 0.5) * TILE_M)
        self._blit_tile(tiles, key, cx, cy)
