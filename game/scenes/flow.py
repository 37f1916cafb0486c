"""Which scene follows which: the one module that knows every scene, so that no scene knows another.

title → stage select → race → results → the next stage, or the map again; the full route runs its stages one
after another (resumed or anew), with the field's classification between them, to the route's last screen;
settings, controls and pause open over whatever is on screen and close back to it. Each scene gets this flow as
its `Navigator` and asks it to go on.

A scene's module is imported when the scene is first opened, so the title appears without first importing the
race, the results and the menus behind it (tens of milliseconds at start-up). There is no cycle for these imports
to hide: the scenes never import this module (pyproject.toml's import-linter contracts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator, RaceFinished
from game.scenes.race_setup import stage_setup
from game.sim.route_file import load_route
from game.speedrun.session import RaceSetup

if TYPE_CHECKING:
    from game.speedrun.attempts import RunOutcome
    from game.speedrun.rally_pbs import PointsPb
    from game.speedrun.regularity_route import RegularityRoute
    from game.speedrun.route_progress import RouteProgress


class Flow(Navigator):
    """The navigator every scene of one game is given: it opens the next scene on the context's stack."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def start(self, stage: str | None = None) -> None:
        """How the game opens: the title, or straight into a race on `stage` (`play --stage`)."""
        if stage is None:
            self.to_title()
        else:
            self.to_race(stage_setup(self.ctx, stage))

    def _show(self, scene: Scene) -> None:
        """The next screen in place of the current one (the screens that open over others push instead)."""
        self.ctx.stack.replace(scene)

    def to_title(self) -> None:
        from game.scenes.title import TitleScene

        self._show(TitleScene(self.ctx, self))

    def to_stage_select(self, category: str | None = None) -> None:
        from game.scenes.stage_select import StageSelectScene

        self._show(StageSelectScene(self.ctx, self, category=category))

    def to_race(self, setup: RaceSetup, *, on_finished: RaceFinished | None = None) -> None:
        from game.scenes.race_scene import RaceScene

        self._show(RaceScene(self.ctx, self, setup, on_finished=on_finished))

    def to_lesson(self) -> None:
        from game.scenes.race_scene import RaceScene

        stage = stage_setup(self.ctx, load_route().stage_ids[0])
        self._show(RaceScene(self.ctx, self, stage, lesson=True))

    def to_results(
        self,
        setup: RaceSetup,
        outcome: RunOutcome,
        *,
        on_finished: RaceFinished | None = None,
        points_pb: PointsPb | None = None,
    ) -> None:
        from game.scenes.results import ResultsScene

        self._show(ResultsScene(self.ctx, self, setup, outcome, on_finished=on_finished, points_pb=points_pb))

    def to_next_stage(self, setup: RaceSetup) -> None:
        ids = load_route().stage_ids
        if setup.track_id in ids and ids.index(setup.track_id) + 1 < len(ids):
            next_id = ids[ids.index(setup.track_id) + 1]
            self.to_race(stage_setup(self.ctx, next_id))
        else:
            self.to_stage_select(setup.category)

    def to_route(self) -> None:
        if self.ctx.rally == "regularity":
            self._to_regularity_route()
            return
        from game.scenes import route_run

        progress = route_run.resumable_progress(self.ctx)
        if progress is not None:
            self._show(route_run.RouteResumeScene(self.ctx, self, progress))
        else:
            self.to_route_stage(route_run.new_progress(self.ctx))

    def to_route_stage(self, progress: RouteProgress) -> None:
        from game.scenes import route_run
        from game.scenes.route_standings import RouteStandingsScene, route_standings

        def finished(outcome: RunOutcome) -> None:
            after = progress.with_stage(outcome.result, outcome.final_wound_turns, outcome.replay_path)
            if after.complete:
                new_pb = route_run.count_route(self.ctx, after)

                def go_on() -> None:
                    self._show(route_run.RouteDoneScene(self.ctx, self, after, new_pb=new_pb))
            else:
                route_run.keep_progress(self.ctx, after)

                def go_on() -> None:
                    self.to_route_stage(after)

            standings = route_standings(after)  # empty on a clear road
            if standings:
                done = len(after.stages)
                title = "Brescia · the classification" if after.complete else f"After stage {done}"
                self._show(RouteStandingsScene(self.ctx, standings, title=title, on_continue=go_on))
            else:
                go_on()

        self.to_race(progress.next_setup(), on_finished=finished)

    def _to_regularity_route(self) -> None:
        from game.scenes import regularity_route_run

        route = regularity_route_run.resumable_regularity_route(self.ctx)
        if route is not None:
            self._show(regularity_route_run.RegularityResumeScene(self.ctx, self, route))
        else:
            self.to_regularity_route_stage(regularity_route_run.new_regularity_route(self.ctx))

    def to_regularity_route_stage(self, route: RegularityRoute) -> None:
        from game.scenes import regularity_route_run

        def finished(outcome: RunOutcome) -> None:
            after = route.with_stage(outcome.result, outcome.final_wound_turns, outcome.replay_path)
            new_pb = False
            if after.complete:
                new_pb = regularity_route_run.count_regularity_route(self.ctx, after)
            else:
                regularity_route_run.keep_regularity_route(self.ctx, after)
            self._show(regularity_route_run.RegularityStandingsScene(self.ctx, self, after, new_pb=new_pb))

        self.to_race(route.next_setup(), on_finished=finished)

    def pause(
        self,
        *,
        on_restart: Callable[[], None] | None = None,
        on_quit: Callable[[], None] | None = None,
        reason: str = "",
    ) -> None:
        from game.scenes.pause import PauseScene

        self.ctx.stack.push(PauseScene(self.ctx, self, on_restart=on_restart, on_quit=on_quit, reason=reason))

    def open_settings(self) -> None:
        from game.scenes.settings_screen import SettingsScene

        self.ctx.stack.push(SettingsScene(self.ctx))

    def open_controls(self) -> None:
        from game.scenes.controls_screen import ControlsScene

        self.ctx.stack.push(ControlsScene(self.ctx))

    def quit(self) -> None:
        self.ctx.running = False
