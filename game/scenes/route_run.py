"""The full Mille Miglia in play: stage after stage, the watch carried over, progress kept between sessions.

Progress is saved after every stage (`game.speedrun.route_progress`), so a route can be left and resumed
later; a resumed run is marked so, and its time still counts the stages driven, never the time away.
"""

from __future__ import annotations

import pygame

from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER, PAPER_DIM
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator
from game.scenes.race_setup import race_settings_from
from game.scenes.resume_menu import ResumeRouteScene
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.route_progress import (
    RouteProgress,
    clear_progress,
    load_progress,
    record_route_attempt,
    save_progress,
)
from game.speedrun.savedata import SaveDataError
from game.timefmt import format_igt


def resumable_progress(ctx: Context) -> RouteProgress | None:
    """The route left half-way, if there is one (a progress file that cannot be read is set aside and said)."""
    loaded = load_progress()
    if loaded.warning:
        ctx.toast(loaded.warning)
    if loaded.progress is not None and not loaded.progress.complete:
        return loaded.progress
    return None


def new_progress(ctx: Context) -> RouteProgress:
    """A route not yet started, with the player's car and settings."""
    return RouteProgress.new(race_settings_from(ctx), ctx.settings.gameplay.car_number)


def keep_progress(ctx: Context, progress: RouteProgress) -> None:
    """Save a route between stages, so it can be left and resumed later."""
    try:
        save_progress(progress)
    except OSError as error:
        ctx.toast(f"Route progress not saved: {error}")


def count_route(ctx: Context, progress: RouteProgress) -> bool:
    """Count a completed route as an attempt and forget its progress; whether it is a new personal best (a
    resumed route never is)."""
    try:
        counted = record_route_attempt(progress)
        new_pb = counted.new_pb and not progress.resumed_count
    except (OSError, ValueError, SaveDataError) as error:
        ctx.toast(f"Route attempt not saved: {error}")
        new_pb = False
    clear_progress()
    return new_pb


class RouteResumeScene(ResumeRouteScene):
    """Asks whether to resume the route left half-way or to start anew."""

    def __init__(self, ctx: Context, nav: Navigator, progress: RouteProgress) -> None:
        self.nav = nav
        self.progress = progress
        super().__init__(
            ctx,
            title="Mille Miglia",
            next_stage=progress.next_stage,
            so_far=format_igt(progress.total_ms),
            footer="A resumed run is marked as resumed in your speedrun history.",
            on_resume=self._resume,
            on_anew=self._anew,
            on_back=lambda: nav.to_stage_select("route"),
        )

    def _resume(self) -> None:
        self.nav.to_route_stage(self.progress.resumed())

    def _anew(self) -> None:
        clear_progress()
        self.nav.to_route_stage(new_progress(self.ctx))


class RouteDoneScene(Scene):
    """Brescia again: the route's total and every stage's line."""

    def __init__(
        self, ctx: Context, nav: Navigator, progress: RouteProgress, *, new_pb: bool = False
    ) -> None:
        super().__init__(ctx)
        self.nav = nav
        self.progress = progress
        self.new_pb = new_pb
        route = load_route()
        self.names = [load_track(tid).name for tid in route.stage_ids]

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_confirm", "menu_back", "pause"):
                self.nav.to_stage_select("route")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        draw_text(
            surface, "Brescia · the Mille Miglia is done", (48, 30), role="title", size=44, colour=PAPER
        )
        mark = "  (resumed: counted apart, never a PB)" if self.progress.resumed_count else ""
        if self.new_pb:
            mark = "  NEW PERSONAL BEST"
        draw_text(
            surface,
            f"Total {format_igt(self.progress.total_ms)}{mark}",
            (52, 96),
            role="digits",
            size=34,
            colour=PAPER,
        )
        y = 160
        running = 0
        for name, stage in zip(self.names, self.progress.stages, strict=False):
            running += stage.total_ms
            draw_text(surface, name, (60, y), role="ui_bold", size=22, colour=PAPER)
            draw_text(
                surface,
                format_igt(stage.total_ms),
                (760, y),
                role="digits",
                size=22,
                colour=PAPER,
                anchor="topright",
            )
            draw_text(
                surface,
                format_igt(running),
                (1000, y),
                role="digits",
                size=22,
                colour=PAPER_DIM,
                anchor="topright",
            )
            y += 40
        draw_text(surface, "Enter to the map", (52, surface.get_height() - 40), size=20, colour=PAPER_DIM)
