"""The route on a map of Italy: the real coast, the towns, the stages coloured by the best medal won.

The coast and the towns are projected with the same equirectangular projection as the track generator
(`game.sim.geo`), so the map and the stages agree. The land and sea are drawn once into a cached surface;
per frame only the route and the selection are drawn over it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render.ui.text import draw_panel, draw_text, text_width
from game.render.ui.theme import INK, PAPER, RED, medal_colour
from game.sim.geo import load_italy_map, project_latlon

SEA = (24, 40, 58)
SEA_LINE = (44, 66, 90)
LAND = (206, 192, 160)
LAND_EDGE = (120, 104, 80)


@dataclass(frozen=True, slots=True)
class MapStage:
    """A stage as the map draws it: its towns in order and the best medal won on it."""

    track_id: str
    towns: tuple[tuple[str, float, float], ...]
    medal: str | None


class RouteMap:
    """A map of northern and central Italy fitted into `rect` (the route's bounding box plus a margin)."""

    def __init__(self, size: tuple[int, int], lat_range: tuple[float, float] = (40.9, 46.4)) -> None:
        self.size = size
        lat_min, lat_max = lat_range
        x0, y0 = project_latlon(lat_min, 8.6)
        x1, y1 = project_latlon(lat_max, 15.6)
        self._scale = min(size[0] / (x1 - x0), size[1] / (y1 - y0))
        self._cx = (x0 + x1) / 2
        self._cy = (y0 + y1) / 2
        self.background = self._draw_background()

    def to_px(self, lat: float, lon: float) -> tuple[int, int]:
        x, y = project_latlon(lat, lon)
        w, h = self.size
        return round(w / 2 + (x - self._cx) * self._scale), round(h / 2 - (y - self._cy) * self._scale)

    def _draw_background(self) -> pygame.Surface:
        surface = pygame.Surface(self.size)
        surface.fill(SEA)
        w, h = self.size
        for y in range(8, h, 16):  # faint engraved sea lines, as on an old road map
            pygame.draw.line(surface, SEA_LINE, (0, y), (w, y), 1)
        italy = load_italy_map()
        for rings, fill in ((italy.land, LAND), (italy.lakes, SEA)):
            for ring in rings:
                pixels = [self.to_px(lat, lon) for lat, lon in ring.points]
                if len(pixels) >= 3:
                    pygame.draw.polygon(surface, fill, pixels)
                    pygame.draw.aalines(surface, LAND_EDGE, True, pixels)
        return surface

    def draw(
        self,
        target: pygame.Surface,
        topleft: tuple[int, int],
        stages: list[MapStage],
        selected: set[str],
    ) -> None:
        target.blit(self.background, topleft)
        ox, oy = topleft
        for stage in stages:
            points = [self._offset(self.to_px(lat, lon), ox, oy) for _, lat, lon in stage.towns]
            if len(points) < 2:
                continue
            chosen = stage.track_id in selected
            colour = RED if chosen else medal_colour(stage.medal) if stage.medal else INK
            pygame.draw.lines(target, INK, False, points, 7 if chosen else 5)
            pygame.draw.lines(target, colour, False, points, 4 if chosen else 3)
        drawn: set[str] = set()
        for stage in stages:
            for town, lat, lon in stage.towns:
                if town in drawn:
                    continue
                drawn.add(town)
                px = self._offset(self.to_px(lat, lon), ox, oy)
                pygame.draw.circle(target, INK, px, 5)
                pygame.draw.circle(target, PAPER, px, 3)
        for stage in stages:
            if stage.track_id not in selected:
                continue
            for index, (town, lat, lon) in enumerate((stage.towns[0], stage.towns[-1])):
                px = self._offset(self.to_px(lat, lon), ox, oy)
                width = text_width(town, "ui_bold", 16) + 10
                left = (
                    px[0] - 7 - width if index == 0 else px[0] + 7
                )  # start town to the left, finish to the right
                label = pygame.Rect(left, px[1] - 11, width, 22)
                draw_panel(target, label, alpha=200, radius=5)  # legible over the route's lines
                draw_text(
                    target,
                    town,
                    (label.x + 5, label.y + 1),
                    role="ui_bold",
                    size=16,
                    colour=PAPER,
                    shadow=False,
                )

    @staticmethod
    def _offset(point: tuple[int, int], ox: int, oy: int) -> tuple[int, int]:
        return point[0] + ox, point[1] + oy
