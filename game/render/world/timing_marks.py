"""The race's marks on the road: painted timing lines, the black rubber tubes of the regularity trials with
their timekeepers' tables and parasols, pennants on poles, and the "1000 MIGLIA" arches over the start and
the finish.

Lines, tubes and tables are painted into the ground tiles; poles, pennants and arches stand up, so they
are drawn each frame above the car (leaning out like the trees, see `tall.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.render.world import palette
from game.render.world.camera import Camera
from game.render.world.chunks import TileContext, TileGrid
from game.render.world.palette import PIXELS_PER_M, SHADOW_DIR, SHADOW_LENGTH_PER_M, Rgb
from game.render.world.tall import lean_factor, sun_on_screen
from game.sim.geometry import TrackGeometry
from game.sim.track import VERGE_M, TimingLine, Track

ARCH_HEIGHT_M = 5.5
POLE_HEIGHT_M = 3.2
POLE_OUTSIDE_M = VERGE_M + 0.6
"""Poles and arch posts stand just outside the verge."""

CONTROL_YELLOW: Rgb = (246, 196, 30)
CO_BOARD_M = 3.0
"""The control board, as wide as a real one seen from the car."""

PENNANT_COLOURS: dict[str, tuple[Rgb, ...]] = {
    "start": (palette.MILLE_MIGLIA_RED,),
    "finish": (palette.MILLE_MIGLIA_RED,),
    "checkpoint": ((0, 140, 70), (240, 240, 236), (206, 43, 55)),
    "trial_start": ((236, 150, 30),),
    "trial_end": ((236, 150, 30),),
    "control_start": (CONTROL_YELLOW,),
    "control_end": (CONTROL_YELLOW,),
}
CONTROL_KINDS = ("control_start", "control_zone", "control_end")
"""The regularity rally's control zone (`rally_card.control_zone_marks`): painted yellow, a board "CO" standing."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A timing line placed on the road: its two ends (road edges) and the direction of travel."""

    line: TimingLine
    left: tuple[float, float]
    right: tuple[float, float]
    heading_rad: float
    half_width_m: float

    def across(self, offset_m: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """The line's ends pushed `offset_m` beyond each road edge."""
        ux = (self.left[0] - self.right[0]) / (2 * self.half_width_m)
        uy = (self.left[1] - self.right[1]) / (2 * self.half_width_m)
        return (
            (self.left[0] + ux * offset_m, self.left[1] + uy * offset_m),
            (self.right[0] - ux * offset_m, self.right[1] - uy * offset_m),
        )

    def shifted(self, along_m: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """The line moved `along_m` in the direction of travel."""
        dx = math.cos(self.heading_rad) * along_m
        dy = math.sin(self.heading_rad) * along_m
        return (self.left[0] + dx, self.left[1] + dy), (self.right[0] + dx, self.right[1] + dy)


def place_marks(track: Track, geometry: TrackGeometry) -> list[Mark]:
    marks = []
    for line in track.timing_lines:
        left, right = geometry.line_segment(line.s_m, margin_m=0.0)
        _, _, heading = geometry.point_at(line.s_m)
        marks.append(Mark(line, left, right, heading, geometry.half_width_at(line.s_m)))
    return marks


class TimingMarksLayer:
    """Paints timing lines, trial tubes and timekeepers' tables into ground tiles."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = marks
        self.grid = TileGrid()
        for index, mark in enumerate(marks):
            (lx, ly), (rx, ry) = mark.across(POLE_OUTSIDE_M + 4.0)
            self.grid.add(index, min(lx, rx) - 4.0, min(ly, ry) - 4.0, max(lx, rx) + 4.0, max(ly, ry) + 4.0)

    def paint(self, tile: TileContext) -> None:
        for index in self.grid.at(tile.key):
            mark = self.marks[index]
            kind = mark.line.kind
            if kind in ("trial_start", "trial_end"):
                self._tube(tile, mark)
                self._timekeepers(tile, mark)
            elif kind in ("start", "finish"):
                self._chequer(tile, mark)
            elif kind in CONTROL_KINDS:
                self._control(tile, mark)
                if kind == "control_zone":
                    continue  # no poles inside the zone
            else:
                a, b = mark.across(0.0)
                pygame.draw.line(
                    tile.surface,
                    palette.LINE_PAINT,
                    tile.to_px(*a),
                    tile.to_px(*b),
                    max(1, round(0.3 * PIXELS_PER_M)),
                )
            for end in mark.across(POLE_OUTSIDE_M):
                px, py = tile.to_px(*end)
                pygame.draw.circle(tile.surface, (60, 50, 40), (px, py), 0.18 * PIXELS_PER_M)

    @staticmethod
    def _chequer(tile: TileContext, mark: Mark) -> None:
        """A band of black and white squares across the road, two rows deep."""
        size = 0.5
        hw = mark.half_width_m
        ux, uy = math.cos(mark.heading_rad), math.sin(mark.heading_rad)
        nx, ny = -uy, ux
        (cx, cy) = ((mark.left[0] + mark.right[0]) / 2, (mark.left[1] + mark.right[1]) / 2)
        columns = int(2 * hw / size)
        for row in range(2):
            for col in range(columns):
                a = -hw + col * size
                b = (row - 1) * size
                colour = (24, 24, 24) if (row + col) % 2 else palette.LINE_PAINT
                corners = [
                    (cx + nx * (a + da) + ux * (b + db), cy + ny * (a + da) + uy * (b + db))
                    for da, db in ((0, 0), (size, 0), (size, size), (0, size))
                ]
                pygame.draw.polygon(tile.surface, colour, tile.points_px(corners))

    @staticmethod
    def _control(tile: TileContext, mark: Mark) -> None:
        """The control zone: a solid yellow band at each end, yellow chevrons pointing on between them."""
        if mark.line.kind != "control_zone":
            a, b = mark.across(0.0)
            pygame.draw.line(
                tile.surface,
                CONTROL_YELLOW,
                tile.to_px(*a),
                tile.to_px(*b),
                max(2, round(0.5 * PIXELS_PER_M)),
            )
            return
        ux, uy = math.cos(mark.heading_rad), math.sin(mark.heading_rad)
        (lx, ly), (rx, ry) = mark.across(-0.6)
        mid = ((lx + rx) / 2 + ux * 1.2, (ly + ry) / 2 + uy * 1.2)
        width = max(1, round(0.3 * PIXELS_PER_M))
        for end in ((lx, ly), (rx, ry)):
            pygame.draw.line(tile.surface, CONTROL_YELLOW, tile.to_px(*end), tile.to_px(*mid), width)

    @staticmethod
    def _tube(tile: TileContext, mark: Mark) -> None:
        """The pneumatic tube across the road: black rubber, a sheen on the sun's side, nailed-down ends."""
        a, b = mark.across(0.4)
        pa, pb = tile.to_px(*a), tile.to_px(*b)
        width = max(2, round(0.26 * PIXELS_PER_M))
        # A raised rubber tube: a soft shadow on the far side, the black body, a sheen on top.
        sx, sy = 0.12 * PIXELS_PER_M * SHADOW_DIR[0], -0.12 * PIXELS_PER_M * SHADOW_DIR[1]
        pygame.draw.line(
            tile.surface, (60, 58, 54), (pa[0] + sx, pa[1] + sy), (pb[0] + sx, pb[1] + sy), width + 1
        )
        pygame.draw.line(tile.surface, palette.TUBE_RUBBER, pa, pb, width)
        sheen = palette.shade(palette.TUBE_RUBBER, 3.4)
        pygame.draw.line(
            tile.surface, sheen, (pa[0] - sx * 0.6, pa[1] - sy * 0.6), (pb[0] - sx * 0.6, pb[1] - sy * 0.6), 1
        )
        for end in (a, b):
            px, py = tile.to_px(*end)
            pygame.draw.circle(tile.surface, (150, 146, 140), (px, py), 0.14 * PIXELS_PER_M)

    @staticmethod
    def _timekeepers(tile: TileContext, mark: Mark) -> None:
        """A small table with a white cloth, two chairs and a striped parasol beside the tube."""
        ux, uy = math.cos(mark.heading_rad), math.sin(mark.heading_rad)
        _, right = mark.across(POLE_OUTSIDE_M + 1.8)
        cx, cy = right[0] - ux * 1.6, right[1] - uy * 1.6
        nx, ny = uy, -ux  # pointing away from the road (the right-hand side)

        def box(x: float, y: float, a: float, b: float) -> list[tuple[float, float]]:
            return tile.points_px(
                [
                    (x + ux * da + nx * db, y + uy * da + ny * db)
                    for da, db in ((-a, -b), (a, -b), (a, b), (-a, b))
                ]
            )

        pygame.draw.polygon(tile.surface, (86, 62, 44), box(cx + nx * 0.9, cy + ny * 0.9, 0.3, 0.3))
        pygame.draw.polygon(
            tile.surface, (86, 62, 44), box(cx + nx * 0.9 + ux * 0.8, cy + ny * 0.9 + uy * 0.8, 0.3, 0.3)
        )
        pygame.draw.polygon(tile.surface, (244, 242, 234), box(cx, cy, 0.8, 0.45))
        pygame.draw.polygon(tile.surface, (200, 196, 186), box(cx, cy, 0.8, 0.45), 1)
        # The parasol: red and white gores.
        px, py = tile.to_px(cx + nx * 0.5, cy + ny * 0.5)
        r = 1.2 * PIXELS_PER_M
        gores = 8
        for g in range(gores):
            a0 = 2 * math.pi * g / gores
            a1 = 2 * math.pi * (g + 1) / gores
            colour = palette.MILLE_MIGLIA_RED if g % 2 else (242, 238, 228)
            pygame.draw.polygon(
                tile.surface,
                colour,
                [
                    (px, py),
                    (px + r * math.cos(a0), py + r * math.sin(a0)),
                    (px + r * math.cos(a1), py + r * math.sin(a1)),
                ],
            )
        pygame.draw.circle(tile.surface, (60, 40, 30), (px, py), 1.5)


class RaceFurniture:
    """Poles with pennants at the timing lines and the arches over start and finish, drawn per frame."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = marks
        self._banner: pygame.Surface | None = None
        self._board: pygame.Surface | None = None
        self._board_scaled: pygame.Surface | None = None
        self.drawn = 0

    def _banner_sprite(self) -> pygame.Surface:
        if self._banner is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(None, 64)
            text = font.render("1000 MIGLIA", True, palette.MILLE_MIGLIA_RED)
            pad_x, pad_y = 26, 12
            banner = pygame.Surface(
                (text.get_width() + 2 * pad_x, text.get_height() + 2 * pad_y), pygame.SRCALPHA
            )
            banner.fill(palette.BANNER_CLOTH)
            pygame.draw.rect(banner, palette.MILLE_MIGLIA_RED, banner.get_rect(), 6)
            banner.blit(text, (pad_x, pad_y + 2))
            self._banner = banner
        return self._banner

    def draw(self, target: pygame.Surface, camera: Camera, time_s: float) -> None:
        self.drawn = 0
        w, h = camera.view_size
        cx, cy = w * 0.5, h * 0.5
        margin = 0.45 * max(w, h)
        for mark in self.marks:
            mid = ((mark.left[0] + mark.right[0]) / 2, (mark.left[1] + mark.right[1]) / 2)
            mx, my = camera.world_to_screen(*mid)
            if not (-margin < mx < w + margin and -margin < my < h + margin):
                continue
            if mark.line.kind == "control_zone":
                continue
            self.drawn += 1
            arch = mark.line.kind in ("start", "finish")
            height = ARCH_HEIGHT_M if arch else POLE_HEIGHT_M
            f = 1.0 + lean_factor(height, camera.zoom)
            tops = []
            bases = []
            for end in mark.across(POLE_OUTSIDE_M):
                bx, by = camera.world_to_screen(*end)
                bases.append((bx, by))
                tx, ty = cx + (bx - cx) * f, cy + (by - cy) * f
                pygame.draw.line(
                    target, (70, 56, 44), (bx, by), (tx, ty), max(2, round(0.22 * camera.pixels_per_m))
                )
                tops.append((tx, ty))
            if arch:
                self._draw_banner(target, camera, tops, bases)
            elif mark.line.kind == "control_start":
                self._draw_board(target, camera, tops[1])
            else:
                colours = PENNANT_COLOURS.get(mark.line.kind, (palette.MILLE_MIGLIA_RED,))
                for n, top in enumerate(tops):
                    self._pennant(target, camera, mark, top, colours, time_s + n * 0.37)

    def _board_sprite(self) -> pygame.Surface:
        if self._board is None:
            if not pygame.font.get_init():
                pygame.font.init()
            text = pygame.font.Font(None, 56).render("CO", True, (20, 20, 22))
            side = max(text.get_width(), text.get_height()) + 20
            board = pygame.Surface((side, side), pygame.SRCALPHA)
            board.fill(CONTROL_YELLOW)
            pygame.draw.rect(board, (20, 20, 22), board.get_rect(), 5)
            board.blit(text, text.get_rect(center=(side // 2, side // 2 + 2)))
            self._board = board
        return self._board

    def _draw_board(self, target: pygame.Surface, camera: Camera, top: tuple[float, float]) -> None:
        """The control's board, "CO" on yellow, on the right-hand pole, 3 m across and upright on screen."""
        side = max(8, round(CO_BOARD_M * camera.pixels_per_m))
        if self._board_scaled is None or self._board_scaled.get_width() != side:
            self._board_scaled = pygame.transform.smoothscale(self._board_sprite(), (side, side))
        target.blit(self._board_scaled, self._board_scaled.get_rect(center=top))

    def _draw_banner(
        self,
        target: pygame.Surface,
        camera: Camera,
        tops: list[tuple[float, float]],
        bases: list[tuple[float, float]],
    ) -> None:
        """The cloth between the post tops, and its shadow cast on the road by the low sun."""
        (lx, ly), (rx, ry) = tops
        length = math.hypot(rx - lx, ry - ly)
        if length < 4:
            return
        banner = self._banner_sprite()
        angle = -math.degrees(math.atan2(ry - ly, rx - lx))
        turned = pygame.transform.rotozoom(banner, angle, length / banner.get_width())
        shade = turned.copy()
        shade.fill((0, 0, 0, 80), special_flags=pygame.BLEND_RGBA_MIN)
        sun_x, sun_y = sun_on_screen(camera.angle_rad)
        cast = ARCH_HEIGHT_M * SHADOW_LENGTH_PER_M * camera.pixels_per_m
        ground = (
            (bases[0][0] + bases[1][0]) / 2 - sun_x * cast,
            (bases[0][1] + bases[1][1]) / 2 - sun_y * cast,
        )
        target.blit(shade, shade.get_rect(center=ground))
        target.blit(turned, turned.get_rect(center=((lx + rx) / 2, (ly + ry) / 2)))

    @staticmethod
    def _pennant(
        target: pygame.Surface,
        camera: Camera,
        mark: Mark,
        top: tuple[float, float],
        colours: tuple[Rgb, ...],
        time_s: float,
    ) -> None:
        """A small triangular flag streaming with the wind, fluttering."""
        ppm = camera.pixels_per_m
        wind = mark.heading_rad + math.pi * 0.8
        c, s = math.cos(camera.angle_rad), math.sin(camera.angle_rad)
        wx, wy = math.cos(wind), math.sin(wind)
        dx, dy = wx * s - wy * c, -(wx * c + wy * s)
        flutter = math.sin(time_s * 9.0) * 0.25
        length = 1.6 * ppm
        depth = 0.8 * ppm
        px, py = -dy, dx
        tip = (top[0] + (dx + px * flutter) * length, top[1] + (dy + py * flutter) * length)
        stripe = depth / len(colours)
        for n, colour in enumerate(colours):
            a = (top[0] + px * stripe * n, top[1] + py * stripe * n)
            b = (top[0] + px * stripe * (n + 1), top[1] + py * stripe * (n + 1))
            pygame.draw.polygon(target, colour, [a, b, tip])
