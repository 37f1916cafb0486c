"""The full route in the regularity rally: the stages in order, the standings between them and at Brescia.

After each stage's results the standings show: the map with the stages driven, each stage's points and the
route's classification among the field so far (docs/design.md §10). Progress is saved after every stage in the
regularity route's own file (`game.speedrun.regularity_route`), so it can be left and resumed like the speed
route, without touching the speed route's progress.
"""

from __future__ import annotations

import pygame

from game.render.hud.rally_card import format_points
from game.render.screens.route_map import MapStage, RouteMap
from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, PAPER_DIM, RED
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator
from game.scenes.race_setup import race_settings_from
from game.scenes.resume_menu import ResumeRouteScene
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.regularity_route import (
    RegularityRoute,
    clear_regularity_route,
    load_regularity_route,
    record_regularity_route,
    save_regularity_route,
)

MAP_SIZE = (440, 500)
TABLE_ROWS = 10


def resumable_regularity_route(ctx: Context) -> RegularityRoute | None:
    loaded = load_regularity_route()
    if loaded.warning:
        ctx.toast(loaded.warning)
    if loaded.route is not None and not loaded.route.complete:
        return loaded.route
    return None


def new_regularity_route(ctx: Context) -> RegularityRoute:
    return RegularityRoute.new(race_settings_from(ctx), ctx.settings.gameplay.car_number)


def keep_regularity_route(ctx: Context, route: RegularityRoute) -> None:
    try:
        save_regularity_route(route)
    except OSError as error:
        ctx.toast(f"Regularity route not saved: {error}")


def count_regularity_route(ctx: Context, route: RegularityRoute) -> bool:
    """Count a completed route's points towards its PB and forget its progress; whether it is a new PB."""
    try:
        new_pb, _ = record_regularity_route(route)
    except (OSError, ValueError) as error:
        ctx.toast(f"Regularity route not saved: {error}")
        new_pb = False
    clear_regularity_route()
    return new_pb


class RegularityResumeScene(ResumeRouteScene):
    """Asks whether to resume the regularity route left half-way or to start anew."""

    def __init__(self, ctx: Context, nav: Navigator, route: RegularityRoute) -> None:
        self.nav = nav
        self.route = route
        super().__init__(
            ctx,
            title="Mille Miglia · regularity",
            next_stage=route.next_stage,
            so_far=f"{format_points(route.classification().points)} points",
            footer="A resumed route is never a points PB.",
            on_resume=self._resume,
            on_anew=self._anew,
            on_back=lambda: nav.to_stage_select("route"),
        )

    def _resume(self) -> None:
        self.nav.to_regularity_route_stage(self.route.resumed())

    def _anew(self) -> None:
        clear_regularity_route()
        self.nav.to_regularity_route_stage(new_regularity_route(self.ctx))


class RegularityStandingsScene(Scene):
    """The route's classification after the stages driven: between stages (Enter drives the next) and at the
    end in Brescia (Enter to the map)."""

    def __init__(self, ctx: Context, nav: Navigator, route: RegularityRoute, *, new_pb: bool = False) -> None:
        super().__init__(ctx)
        self.nav = nav
        self.route = route
        self.new_pb = new_pb
        self.ranked = route.classification()
        self.stage_points = [route.stage_classification(i) for i in range(len(route.results))]
        ids = load_route().stage_ids
        self.tracks = [load_track(tid) for tid in ids]
        self.map = RouteMap(MAP_SIZE)
        self.map_stages = [
            MapStage(t.id, tuple((w.town, w.lat, w.lon) for w in t.waypoints), None) for t in self.tracks
        ]

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action == "menu_confirm":
                self.ctx.audio.play_ui("confirm")
                if self.route.complete:
                    self.nav.to_stage_select("route")
                else:
                    self.nav.to_regularity_route_stage(self.route)
            elif action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self.nav.to_stage_select("route")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        width, height = surface.get_size()
        done = self.route.complete
        driven = len(self.route.results)
        title = (
            "Brescia · the regularity route is done"
            if done
            else f"After stage {driven} of {len(self.tracks)} · {self.tracks[driven - 1].name}"
        )
        draw_text(surface, title, (48, 24), role="title", size=38, colour=PAPER)
        self.map.draw(surface, (48, 80), self.map_stages, {self.tracks[driven - 1].id} if driven else set())
        pygame.draw.rect(surface, (70, 70, 78), pygame.Rect(48, 80, *MAP_SIZE), 2)
        ranked = self.ranked
        mark = (
            "  NEW PB"
            if self.new_pb
            else "  (resumed: never a PB)"
            if self.route.progress.resumed_count
            else ""
        )
        draw_text(
            surface,
            f"{format_points(ranked.points)} points · {ranked.position} / {ranked.entrants}{mark}",
            (520, 80),
            role="digits",
            size=30,
            colour=PAPER,
        )
        draw_text(
            surface,
            f"coefficient × {ranked.coefficient:.2f} · CO penalty {ranked.co_penalty}",
            (522, 120),
            size=18,
            colour=PAPER_DIM,
        )
        self._draw_stages(surface, pygame.Rect(520, 150, 300, 430))
        self._draw_table(surface, pygame.Rect(840, 150, width - 888, 430))
        footer = "Enter to the map" if done else "Enter next stage   Esc leave (progress kept)"
        draw_text(surface, footer, (48, height - 40), size=20, colour=PAPER_DIM)

    def _draw_stages(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 16
        draw_text(surface, "STAGES", (x, card.top + 14), role="ui_bold", size=18, colour=PAPER_DIM)
        y = card.top + 44
        for index, stage in enumerate(self.stage_points):
            draw_text(surface, f"{index + 1}. {self.tracks[index].name}", (x, y), size=18, colour=PAPER)
            _draw_points(surface, stage.points, card, y)
            y += 30

    def _draw_table(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        """The field's top ten and, below them when further back, the player's own line."""
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 16
        draw_text(surface, "CLASSIFICA", (x, card.top + 14), role="ui_bold", size=18, colour=PAPER_DIM)
        table = list(enumerate(self.ranked.table, start=1))
        shown = table[:TABLE_ROWS]
        if self.ranked.position > TABLE_ROWS:
            shown.append(table[self.ranked.position - 1])
        y = card.top + 44
        for position, standing in shown:
            if standing.player:
                pygame.draw.rect(surface, RED, pygame.Rect(card.left + 6, y - 3, card.width - 12, 28), 0, 5)
            draw_text(
                surface, f"{position}", (x + 30, y), role="digits", size=18, colour=PAPER, anchor="topright"
            )
            draw_text(surface, f"#{standing.number} {standing.name}"[:26], (x + 44, y), size=18, colour=PAPER)
            _draw_points(surface, standing.points, card, y)
            y += 32


def _draw_points(surface: pygame.Surface, points: float, card: pygame.Rect, y: int) -> None:
    """A row's points, right-aligned in the card's digits column (the stages and the classification align)."""
    draw_text(
        surface,
        format_points(points),
        (card.right - 16, y),
        role="digits",
        size=18,
        colour=PAPER,
        anchor="topright",
    )
