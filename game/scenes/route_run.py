"""The full Mille Miglia in play: stage after stage, the watch carried over, progress kept between sessions.

Progress is saved after every stage (`game.speedrun.route_progress`), so a route can be left and resumed
later; a resumed run is marked so, and its time still counts the stages driven, never the time away.
"""

from __future__ import annotations

import pygame

from game.render.ui.menu import Menu, MenuItem
from game.render.ui.menu_view import draw_menu
from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER, PAPER_DIM
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.race_scene import RaceScene, RaceSetup, race_settings_from
from game.sim.route import stage_settings
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.attempts import RunOutcome
from game.speedrun.route_progress import (
    RouteProgress,
    clear_progress,
    load_progress,
    record_route_attempt,
    save_progress,
)
from game.speedrun.savedata import SaveDataError
from game.timefmt import format_igt


def start_route(ctx: Context) -> None:
    """Resume a route left half-way, or start one (asking first when there is one to resume)."""
    loaded = load_progress()
    if loaded.warning:
        ctx.toast(loaded.warning)
    if loaded.progress is not None and not loaded.progress.complete:
        ctx.stack.replace(RouteResumeScene(ctx, loaded.progress))
    else:
        _run_stage(ctx, RouteProgress.new(race_settings_from(ctx), ctx.settings.gameplay.car_number))


def _run_stage(ctx: Context, progress: RouteProgress) -> None:
    route = load_route()
    index = progress.next_stage
    track = load_track(route.stage_ids[index])
    settings = stage_settings(progress.settings, track, index, progress.car_number, progress.wound_turns)
    setup = RaceSetup(track.id, "route", settings, progress.car_number)

    def finished(outcome: RunOutcome) -> None:
        after = progress.with_stage(outcome.result, outcome.final_wound_turns, outcome.replay_path)
        if after.complete:
            try:
                counted = record_route_attempt(after)
                new_pb = counted.new_pb and not after.resumed_count
            except (OSError, ValueError, SaveDataError) as error:
                ctx.toast(f"Route attempt not saved: {error}")
                new_pb = False
            clear_progress()
            ctx.stack.replace(RouteDoneScene(ctx, after, new_pb=new_pb))
        else:
            try:
                save_progress(after)
            except OSError as error:
                ctx.toast(f"Route progress not saved: {error}")
            _run_stage(ctx, after)

    ctx.stack.replace(RaceScene(ctx, setup, on_finished=finished))


class RouteResumeScene(Scene):
    """Asks whether to resume the route left half-way or to start anew."""

    def __init__(self, ctx: Context, progress: RouteProgress) -> None:
        super().__init__(ctx)
        self.progress = progress
        stage = progress.next_stage + 1
        total = len(load_route().stage_ids)
        self.menu = Menu(
            "Mille Miglia",
            [
                MenuItem(f"Resume at stage {stage} of {total}", self._resume),
                MenuItem("Start anew from Brescia", self._anew),
                MenuItem("Back", self._back),
            ],
            footer="A resumed run is marked as resumed in your speedrun history.",
        )

    def _resume(self) -> None:
        _run_stage(self.ctx, self.progress.resumed())

    def _anew(self) -> None:
        clear_progress()
        _run_stage(
            self.ctx, RouteProgress.new(race_settings_from(self.ctx), self.ctx.settings.gameplay.car_number)
        )

    def _back(self) -> None:
        from game.scenes.stage_select import StageSelectScene

        self.ctx.stack.replace(StageSelectScene(self.ctx, category="route"))

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_back", "pause"):
                self._back()
                return
            if self.menu.act(action):
                self.ctx.audio.play_ui("move")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        draw_menu(surface, self.menu, surface.get_width() // 2, 140, width=620)
        done = format_igt(self.progress.total_ms)
        draw_text(
            surface,
            f"{self.progress.next_stage} stages driven · {done} so far",
            (surface.get_width() // 2, 100),
            size=22,
            colour=PAPER_DIM,
            anchor="midtop",
        )


class RouteDoneScene(Scene):
    """Brescia again: the route's total and every stage's line."""

    def __init__(self, ctx: Context, progress: RouteProgress, *, new_pb: bool = False) -> None:
        super().__init__(ctx)
        self.progress = progress
        self.new_pb = new_pb
        route = load_route()
        self.names = [load_track(tid).name for tid in route.stage_ids]

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_confirm", "menu_back", "pause"):
                from game.scenes.stage_select import StageSelectScene

                self.ctx.stack.replace(StageSelectScene(self.ctx, category="route"))

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
