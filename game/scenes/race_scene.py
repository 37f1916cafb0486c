"""The race: the player's inputs into the simulation each tick, the world and the watch drawn each frame.

Restart is instant (R, or Y held): a fresh `Race` on the same track, the world view and ghost kept, straight
into the countdown with no menu in between. A finished run is saved (replay, attempt, PB) and the results
screen follows a moment after the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pygame

from game.audio import ui_cues
from game.render.hud.messages import draw_race_messages
from game.render.hud.roadbook import draw_roadbook_card, trial_briefs
from game.render.hud.timing_strip import SplitLine, draw_timing_strip
from game.render.ui.theme import split_colour
from game.render.watch.hud import WatchHud
from game.render.world import WorldView, interpolated_car
from game.render.world.camera import Camera
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.pause import PauseScene
from game.sim import TICK_HZ, TICK_S
from game.sim.cars import DEFAULT_CAR_ID, car_ids, load_car
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.track_catalog import load_track
from game.speedrun.attempts import AttemptRecorder, LiveComparison, RunOutcome
from game.speedrun.categories import category_for_race
from game.speedrun.ghost import GhostTrack
from game.speedrun.splits import live_delta_ms

RESULTS_DELAY_TICKS = 120
"""After the finish the car rolls on for 1.2 s before the results screen."""

SPLIT_SHOWN_S = 4.0
HUD_HEIGHT_PX = 264


@dataclass(frozen=True, slots=True)
class RaceSetup:
    """Which race to run: the track, the speedrun category it counts for, and the settings it runs with."""

    track_id: str
    category: str
    settings: RaceSettings
    car_number: int

    @classmethod
    def for_stage(cls, ctx: Context, track_id: str, *, laps: int | None = None) -> RaceSetup:
        track = load_track(track_id)
        settings = race_settings_from(ctx, laps=laps)
        laps_run = laps if laps is not None else track.laps
        return cls(
            track_id, category_for_race(track, laps_run).name, settings, ctx.settings.gameplay.car_number
        )

    @classmethod
    def for_circuit(cls, ctx: Context, laps: int) -> RaceSetup:
        return cls.for_stage(ctx, load_route().circuit_id, laps=laps)


def race_settings_from(ctx: Context, *, laps: int | None = None) -> RaceSettings:
    gameplay = ctx.settings.gameplay
    car_id = gameplay.car_id if gameplay.car_id in car_ids() else DEFAULT_CAR_ID
    return RaceSettings(
        car_id=car_id,
        difficulty=gameplay.difficulty,  # type: ignore[arg-type]
        gearbox=gameplay.gearbox,  # type: ignore[arg-type]
        assisted_flyback=gameplay.assisted_flyback,
        laps=laps,
    )


class RaceScene(Scene):
    wants_ticks = True
    race_audio = True

    def __init__(
        self, ctx: Context, setup: RaceSetup, *, on_finished: Callable[[RunOutcome], None] | None = None
    ) -> None:
        """`on_finished` takes over the results screen's "go on" (the route's next stage)."""
        super().__init__(ctx)
        self.setup = setup
        self.on_finished = on_finished
        self.track = load_track(setup.track_id)
        self.briefs = trial_briefs(self.track)
        self.car = load_car(setup.settings.car_id)
        size = ctx.display.surface.get_size()
        self.view = WorldView(self.track, size, self.car, setup.car_number)
        self.camera = Camera(size, ctx.settings.view.camera_mode)
        self.hud = WatchHud(HUD_HEIGHT_PX, ctx.settings.view.units)
        self.recorder = AttemptRecorder(
            category=setup.category,
            track=self.track,
            car=self.car,
            settings=setup.settings,
            car_number=setup.car_number,
            livesplit=ctx.livesplit_address
            or (
                f"{ctx.settings.livesplit.host}:{ctx.settings.livesplit.port}"
                if ctx.settings.livesplit.enabled
                else None
            ),
        )
        self.show_ghost = ctx.settings.gameplay.ghost
        self.ghost: GhostTrack | None = None
        self._load_ghost()
        self._start()

    # Attempts -------------------------------------------------------------------------------------------------

    def _start(self) -> None:
        self.race = Race(self.track, self.car, self.setup.settings)
        engine = self.car.engine
        self.ctx.audio.set_engine(engine.cylinders, engine.idle_rpm, engine.redline_rpm)
        self.records: list[InputRecord] = []
        self.prev: RaceSnapshot = self.race.snapshot
        self.cur: RaceSnapshot = self.race.snapshot
        self.comparison = LiveComparison(self.recorder.pb_splits(), self.recorder.best_segments())
        self.last_split: SplitLine | None = None
        self.split_shown_s = 0.0
        self.finished_ticks = 0
        self.saved = False
        self.view.reset()
        self.camera.snap()
        self.camera.follow(self.cur.car, 0.0)
        self.ctx.frame_clock.reset()
        self.ctx.input.reset_held()
        self.recorder.begin_attempt()

    def restart(self) -> None:
        """Instant restart: a fresh race on the same track, straight into the countdown."""
        if not self.saved:
            self.recorder.abandon(self.cur)
        self.ctx.audio.play_ui("back")
        self._start()

    def _load_ghost(self) -> None:
        self.ghost = self.recorder.pb_ghost() if self.show_ghost else None

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
                self.show_ghost = not self.show_ghost
                self._load_ghost()
                self.ctx.toast("Ghost on" if self.show_ghost else "Ghost off")
        if self.ctx.input.controller_lost:
            self.ctx.input.acknowledge_controller_lost()
            self._pause("Controller disconnected: plug it back in or use the keyboard")

    def _pause(self, reason: str = "") -> None:
        self.ctx.stack.push(PauseScene(self.ctx, on_restart=self.restart, on_quit=self._leave, reason=reason))

    def _leave(self) -> None:
        if not self.saved:
            self.recorder.abandon(self.cur)
        from game.scenes.stage_select import StageSelectScene

        self.ctx.stack.replace(StageSelectScene(self.ctx, category=self.setup.category))

    def tick(self) -> None:
        if self.cur.phase == "finished":
            self.finished_ticks += 1
            self.prev, self.cur = self.cur, self.race.step(InputRecord())
            if self.finished_ticks == RESULTS_DELAY_TICKS:
                self._show_results()
            return
        record = self.ctx.input.sample(TICK_S)
        self.records.append(record)
        before = len(self.cur.splits)
        self.prev, self.cur = self.cur, self.race.step(record)
        self.recorder.live_tick(self.cur)
        for cue in ui_cues(self.prev, self.cur):
            if cue in ("countdown", "go"):  # splits and the finish have their own sounds below
                self.ctx.audio.play_ui(cue)
        if len(self.cur.splits) > before:
            self._on_split()
        if self.cur.recoveries != self.prev.recoveries:
            self.camera.snap()  # put back on the road: the view jumps with the car instead of swinging
        if self.cur.phase == "finished" and not self.saved:
            self._save_finished()

    def _on_split(self) -> None:
        split = self.cur.splits[-1]
        index = len(self.cur.splits) - 1
        # The last split of a category is the result, regularity penalties included.
        at_ms = self.race.result().total_ms if self.cur.phase == "finished" else split.igt_ms
        delta, colour = self.comparison.judge(index, at_ms)
        self.last_split = SplitLine(split.name, at_ms, delta, split_colour(colour))
        self.split_shown_s = SPLIT_SHOWN_S
        self.ctx.audio.play_ui("checkpoint")

    def _save_finished(self) -> None:
        self.saved = True
        outcome = self.recorder.finish(self.race.result(), self.records, self.cur)
        self.outcome = outcome
        self.ctx.audio.play_ui("pb" if outcome.new_pb else "finish")
        if outcome.warning:
            self.ctx.toast(outcome.warning)
        if outcome.new_pb and self.show_ghost:
            self._load_ghost()

    def _show_results(self) -> None:
        from game.scenes.results import ResultsScene

        self.ctx.stack.replace(ResultsScene(self.ctx, self.setup, self.outcome, on_finished=self.on_finished))

    def frame(self, dt_s: float) -> None:
        self.split_shown_s = max(0.0, self.split_shown_s - dt_s)
        self.camera.follow(interpolated_car(self.prev.car, self.cur.car, self.ctx.frame_clock.alpha), dt_s)
        self.ctx.audio.update(self.prev, self.cur, dt_s)

    def _ghost_car(self, alpha: float) -> CarSnapshot | None:
        if self.ghost is None or not self.show_ghost:
            return None
        pose = self.ghost.at(self.cur.tick, alpha)
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
            last_split=self.last_split,
            pb_ms=self.comparison.pb_total_ms,
            show_split_s=self.split_shown_s,
            live_delta=self._live_delta(snap),
        )
        draw_race_messages(surface, snap, racing_ticks=snap.igt_ms // (1000 // TICK_HZ))
        if snap.phase == "countdown":
            draw_roadbook_card(surface, self.briefs, surface.get_width() // 2, 16)

    def _live_delta(self, snap: RaceSnapshot) -> tuple[int, tuple[int, int, int]] | None:
        """The running delta to the PB, shown as LiveSplit shows it: once behind, or losing time on a segment."""
        c = self.comparison
        delta = live_delta_ms(snap.igt_ms, c.split_ms, c.pb_split_ms, c.best_segments)
        if delta is None:
            return None
        return delta, split_colour("behind_losing" if delta > 0 else "ahead_losing")

    def _draw_watch(self, surface: pygame.Surface, snap: RaceSnapshot) -> None:
        width, height = surface.get_size()
        hud_w, hud_h = self.hud.size
        position = self.ctx.settings.view.hud_position
        y = height - hud_h // 2 - 4
        if position == "bottom-left":
            x = hud_w // 2 + 12
        elif position == "bottom-right":
            x = width - hud_w // 2 - 12
        else:
            x = width // 2
        self.hud.draw(
            surface,
            (x, y),
            snap.watch,
            snap.cluster_speed_kmh,
            crown_turns=snap.crown_turns,
            winding=snap.winding,
            pusher=snap.pusher,
            balance_deg=snap.balance_deg,
        )
