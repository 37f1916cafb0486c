"""The race: the player's inputs into the simulation each tick, the world and the watch drawn each frame.

The run itself is a `RaceSession` (`game.speedrun.session`): this scene only hands it the player's input
mapper as its source, plays the sounds its events call for, and draws it. Restart is instant (R, or Y held):
a fresh race on the same track, the world view and ghost kept, straight into the countdown. A finished run is
saved by the session at the line and the results screen follows a moment after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame

from game.audio import ui_cues
from game.input.prompts import lesson_keys
from game.render.hud.lesson_card import draw_lesson_card
from game.render.hud.messages import draw_race_messages
from game.render.hud.passing import PassingNote
from game.render.hud.rally_card import (
    current_block,
    draw_control_clock,
    draw_rally_card,
    track_with_rally_tubes,
)
from game.render.hud.roadbook import draw_roadbook_card, trial_briefs
from game.render.hud.timing_strip import SplitLine, draw_timing_strip
from game.render.screens.standings_view import model_name
from game.render.ui.theme import split_colour
from game.render.watch.hud import WatchHud
from game.render.watch.placement import glance_centre, glance_height, watch_centre
from game.render.world import WorldView, interpolated_car
from game.render.world.camera import Camera
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator
from game.sim import TICK_HZ, TICK_S
from game.sim.events import OvertakenBy, Overtook, Recovered, SplitPassed
from game.sim.input_source import InputSource
from game.sim.rally_book import build_roadbook
from game.sim.rally_points import classify
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.speedrun.attempts import RunOutcome
from game.speedrun.categories import ROUTE
from game.speedrun.lesson import WatchLesson
from game.speedrun.rally_pbs import PointsPb, record_stage_points
from game.speedrun.session import RaceSession, RaceSetup
from game.speedrun.splits import live_delta_ms

RESULTS_DELAY_TICKS = 120
"""After the finish the car rolls on for 1.2 s before the results screen."""

SPLIT_SHOWN_S = 4.0
HUD_HEIGHT_PX = 264


class RaceScene(Scene):
    wants_ticks = True
    race_audio = True
    steady_frames = True

    def __init__(
        self,
        ctx: Context,
        nav: Navigator,
        setup: RaceSetup,
        *,
        on_finished: Callable[[RunOutcome], None] | None = None,
        inputs: InputSource | None = None,
        save: bool = True,
        lesson: bool | None = None,
    ) -> None:
        """`on_finished` takes over the results screen's "go on" (the route's next stage). `inputs` drives the
        race instead of the player's hands, and `save` False keeps the run out of the player's save data (the
        screenshot verb and the bench hand it the autopilot or a recording). `lesson` True shows the watch
        lesson, False never; None shows it to a player who has not had it yet (docs/design.md §11)."""
        super().__init__(ctx)
        self._keeps_points = save and setup.settings.rally == "regularity" and setup.category != ROUTE
        """A regularity stage played on its own counts its points towards the stage's PB (docs/design.md §10)."""
        self.points_pb: PointsPb | None = None
        # A regularity run never counts as a speed race attempt; on the route it keeps its replay (the route
        # category counts no attempt), as the speed route does.
        save = save and (setup.settings.rally == "race" or setup.category == ROUTE)
        self.nav = nav
        self.setup = setup
        self.on_finished = on_finished
        livesplit = ctx.livesplit_address or (
            f"{ctx.settings.livesplit.host}:{ctx.settings.livesplit.port}"
            if ctx.settings.livesplit.enabled
            else None
        )
        self.session = RaceSession(
            setup,
            inputs if inputs is not None else ctx.input,
            livesplit=livesplit if save else None,
            ghost=ctx.settings.gameplay.ghost,
            save=save,
        )
        self.track = self.session.track
        self.car = self.session.car
        self.briefs = trial_briefs(self.track)
        size = ctx.display.surface.get_size()
        shown = self.track
        if setup.settings.rally == "regularity":  # the world shows the rally's tubes, not the race's prova
            shown = track_with_rally_tubes(
                self.track, build_roadbook(self.track, setup.settings.start_time_of_day_s)
            )
        self.view = WorldView(shown, size, self.car, setup.car_number)
        self.camera = Camera(size, ctx.settings.view.camera_mode)
        self.hud = WatchHud(HUD_HEIGHT_PX, ctx.settings.view.units)
        self._glance_hud: WatchHud | None = None
        self.glance_held = False
        """The glance forced on (the screenshot verb); otherwise the player's glance control decides."""
        self._road_hint: int | None = None
        self.passing = PassingNote()
        if lesson is None:
            lesson = inputs is None and not ctx.settings.tutorial.watch_lesson_done
        self.lesson = (
            WatchLesson(tuple(self.briefs), assisted_flyback=setup.settings.assisted_flyback)
            if lesson
            else None
        )
        self._remember_lesson = save and setup.settings.rally == "race"
        self._begin()

    # Attempts -------------------------------------------------------------------------------------------------

    @property
    def prev(self) -> RaceSnapshot:
        return self.session.prev

    @property
    def cur(self) -> RaceSnapshot:
        return self.session.cur

    def _begin(self) -> None:
        self.starts += 1
        engine = self.car.engine
        self.ctx.audio.set_engine(engine.cylinders, engine.idle_rpm, engine.redline_rpm)
        self.split_shown_s = 0.0
        self.finished_ticks = 0
        self._announced = False
        self.view.reset()
        self.passing.clear()
        self.camera.snap()
        self.camera.follow(self.cur.car, 0.0)
        self.ctx.frame_clock.reset()

    def restart(self) -> None:
        """Instant restart: a fresh race on the same track, straight into the countdown."""
        self.session.restart()
        if self.lesson is not None:
            self.lesson.restart()
        self.ctx.audio.play_ui("back")
        self._begin()

    # Scene ----------------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action == "restart":
                self.restart()
            elif action == "pause":
                self._pause()
            elif action == "camera":
                mode = "north-up" if self.camera.mode == "chase" else "chase"
                self.camera.mode = mode
                self.ctx.toast(f"Camera: {mode}")
            elif action == "ghost":
                if self.session.ghost is None:
                    self.session.load_ghost()
                    self.ctx.toast("Ghost on")
                else:
                    self.session.drop_ghost()
                    self.ctx.toast("Ghost off")
            elif action == "skip_lesson" and self.lesson is not None and not self.lesson.finished:
                self.lesson.skip()
                self._lesson_over()
                self.ctx.toast("Lesson skipped: Learn the watch on the title menu brings it back")
        if self.ctx.input.controller_lost:
            self.ctx.input.acknowledge_controller_lost()
            self._pause("Controller disconnected: plug it back in or use the keyboard")

    def _pause(self, reason: str = "") -> None:
        self.nav.pause(on_restart=self.restart, on_quit=self._leave, reason=reason)

    def _leave(self) -> None:
        self.session.abandon()
        self.session.close()
        self.nav.to_stage_select(self.setup.category)

    def tick(self) -> None:
        session = self.session
        if session.finished:
            self.finished_ticks += 1
        cur = session.step()
        if self.lesson is not None and not self.lesson.finished:
            self.lesson.observe(cur)
            if self.lesson.finished:
                self._lesson_over()
        for event in cur.events:
            if isinstance(event, Recovered):
                self.camera.snap()  # put back on the road: the view jumps with the car instead of swinging
            elif isinstance(event, SplitPassed):
                self.split_shown_s = SPLIT_SHOWN_S
            elif isinstance(event, Overtook | OvertakenBy):
                self._note_pass(cur, event.number, passed=isinstance(event, Overtook))
        outcome = session.outcome
        for cue in ui_cues(cur.events):
            if cue == "finish" and outcome is not None and outcome.new_pb:
                cue = "pb"
            self.ctx.audio.play_ui(cue)
        if outcome is not None and not self._announced:
            self._announced = True
            if outcome.warning:
                self.ctx.toast(outcome.warning)
            self._count_points(outcome)
        if self.finished_ticks == RESULTS_DELAY_TICKS:
            self._show_results()

    def _note_pass(self, cur: RaceSnapshot, number: int, *, passed: bool) -> None:
        """Name the car just passed (or that passed): its model from the field near the player."""
        rival = next((r for r in cur.field if r.number == number), None)
        name = model_name(rival.model_id) if rival is not None else "a car of the field"
        self.passing.note(cur.tick * TICK_S, number, name, passed=passed)

    def _count_points(self, outcome: RunOutcome) -> None:
        """A regularity stage's points against its PB, kept for the results screen."""
        rally = outcome.result.rally
        if not self._keeps_points or rally is None:
            return
        points = classify([rally], self.setup.settings.car_id, self.setup.car_number).points
        try:
            self.points_pb = record_stage_points(self.setup.track_id, points)
        except (OSError, ValueError) as error:
            self.ctx.toast(f"Regularity PB not saved: {error}")

    def _lesson_over(self) -> None:
        """Finished or skipped: remembered in the settings, so the next race starts without it."""
        settings = self.ctx.settings
        if self._remember_lesson and not settings.tutorial.watch_lesson_done:
            self.ctx.apply_settings(
                replace(settings, tutorial=replace(settings.tutorial, watch_lesson_done=True))
            )

    def _show_results(self) -> None:
        self.session.close()
        assert self.session.outcome is not None
        self.nav.to_results(
            self.setup, self.session.outcome, on_finished=self.on_finished, points_pb=self.points_pb
        )

    def frame(self, dt_s: float) -> None:
        self.split_shown_s = max(0.0, self.split_shown_s - dt_s)
        self.camera.follow(interpolated_car(self.prev.car, self.cur.car, self.ctx.frame_clock.alpha), dt_s)
        self.ctx.audio.update(self.cur, self.session.take_events(), dt_s)

    def _ghost_car(self, alpha: float) -> CarSnapshot | None:
        pose = self.session.ghost_pose(alpha)
        if pose is None:
            return None
        x, y, heading = pose
        return replace(self.cur.car, x_m=x, y_m=y, heading_rad=heading, slip_front=0.0, slip_rear=0.0)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.view.draw(surface, self.camera, self.prev, self.cur, alpha, ghost=self._ghost_car(alpha))
        snap = self.cur
        self._draw_watch(surface, snap)
        draw_timing_strip(
            surface,
            snap,
            stage_name=self.track.name,
            last_split=self._last_split(),
            pb_ms=self.session.comparison.pb_total_ms,
            show_split_s=self.split_shown_s,
            live_delta=self._live_delta(snap),
        )
        draw_race_messages(surface, snap, racing_ticks=snap.igt_ms // (1000 // TICK_HZ))
        if snap.rally is not None:
            self._draw_rally(surface, snap)
        elif snap.phase == "countdown":
            draw_roadbook_card(surface, self.briefs, surface.get_width() // 2, 16)
        elif snap.phase == "racing":
            self.passing.draw(surface, snap.tick * TICK_S)
        if self.lesson is not None and snap.phase != "finished":
            prompt = self.lesson.prompt(
                lesson_keys(self.ctx.settings.bindings, self.ctx.input.active_device_name)
            )
            if prompt is not None:
                hud_w, hud_h = self.hud.size
                draw_lesson_card(
                    surface,
                    prompt,
                    pygame.Rect(0, 0, hud_w, hud_h).move_to(center=self._watch_centre(surface)),
                )

    def _last_split(self) -> SplitLine | None:
        split = self.session.last_split
        if split is None:
            return None
        return SplitLine(split.name, split.at_ms, split.delta_ms, split_colour(split.colour))

    def _live_delta(self, snap: RaceSnapshot) -> tuple[int, tuple[int, int, int]] | None:
        """The running delta to the PB, shown as LiveSplit shows it: once behind, or losing time on a segment."""
        c = self.session.comparison
        delta = live_delta_ms(snap.igt_ms, c.split_ms, c.pb_split_ms, c.best_segments)
        if delta is None:
            return None
        return delta, split_colour("behind_losing" if delta > 0 else "ahead_losing")

    def _watch_centre(self, surface: pygame.Surface) -> tuple[int, int]:
        return watch_centre(surface.get_size(), self.hud.size, self.ctx.settings.view.hud_position)

    def _glancing(self) -> bool:
        return self.glance_held or bool(getattr(self.ctx.input, "glancing", False))

    def _draw_rally(self, surface: pygame.Surface, snap: RaceSnapshot) -> None:
        """The roadbook card (the stage in the countdown, the block ahead while racing) and the control's clock."""
        rally = snap.rally
        assert rally is not None
        x = surface.get_width() // 2
        if rally.official_tod_s is not None:
            draw_control_clock(surface, rally, centre_x=x, top=16)
            return
        if snap.phase == "countdown":
            draw_rally_card(surface, rally, centre_x=x, top=16, block=None)
            return
        road = self.session.race.geometry.project(snap.car.x_m, snap.car.y_m, self._road_hint)
        self._road_hint = road.segment
        block = current_block(rally, road.s_m)
        if block is not None and snap.phase == "racing":
            draw_rally_card(surface, rally, centre_x=surface.get_width() - 250, top=16, block=block)

    def _draw_watch(self, surface: pygame.Surface, snap: RaceSnapshot) -> None:
        hud, centre = self.hud, self._watch_centre(surface)
        if self._glancing():
            height = glance_height(surface.get_size())
            if self._glance_hud is None or self._glance_hud.size[1] != height:
                self._glance_hud = WatchHud(height, self.ctx.settings.view.units)
            hud = self._glance_hud
            centre = glance_centre(surface.get_size(), hud.size, self.ctx.settings.view.hud_position)
        hud.draw(
            surface,
            centre,
            snap.watch,
            snap.cluster_speed_kmh,
            crown_turns=snap.crown_turns,
            winding=snap.winding,
            pusher=snap.pusher,
            balance_deg=snap.balance_deg,
        )
