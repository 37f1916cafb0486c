"""The race scene in the real frame loop: pause stops the clock, restart is instant, an unplugged pad pauses."""

from __future__ import annotations

import pygame
import pytest

from game.app import run_frame
from game.frame_clock import FixedStepClock
from game.scenes.context import Context
from game.scenes.flow import Flow
from game.scenes.pause import PauseScene
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import stage_setup
from game.sim.race_types import COUNTDOWN_TICKS


@pytest.fixture(scope="module")
def ctx(shared_ctx: Context) -> Context:
    return shared_ctx


@pytest.fixture
def race(ctx: Context) -> RaceScene:
    ctx.stack.reset(RaceScene(ctx, Flow(ctx), stage_setup(ctx, "02-verona-padova")))
    ctx.frame_clock = FixedStepClock()
    return ctx.stack.top  # type: ignore[return-value]


def press(key: int) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))


def frames(ctx: Context, count: int, frame_s: float = 0.02) -> None:
    for _ in range(count):
        run_frame(ctx, ctx.frame_clock, frame_s)


def test_the_clock_runs_only_while_the_race_is_on_top(ctx: Context, race: RaceScene) -> None:
    frames(ctx, (COUNTDOWN_TICKS + 100) // 2)
    assert race.cur.phase == "racing" and race.cur.igt_ms == 1000
    press(pygame.K_ESCAPE)
    frames(ctx, 1)
    assert isinstance(ctx.stack.top, PauseScene)
    paused_at = race.cur.igt_ms
    frames(ctx, 50)  # a second of real time under the pause menu
    assert race.cur.igt_ms == paused_at
    press(pygame.K_ESCAPE)
    frames(ctx, 1)
    assert ctx.stack.top is race


def test_restart_is_a_fresh_countdown_on_the_same_scene(ctx: Context, race: RaceScene) -> None:
    frames(ctx, 200)
    old_race = race.session.race
    race.handle(pygame.event.Event(pygame.NOEVENT), ["restart"])
    assert ctx.stack.top is race and race.session.race is not old_race
    assert race.cur.tick == 0 and race.cur.phase == "countdown" and race.session.records == []


def test_an_unplugged_controller_pauses_the_race_and_says_so(
    ctx: Context, race: RaceScene, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames(ctx, 10)
    monkeypatch.setattr(type(ctx.input), "controller_lost", property(lambda self: True))
    monkeypatch.setattr(type(ctx.input), "acknowledge_controller_lost", lambda self: None)
    race.handle(pygame.event.Event(pygame.NOEVENT), [])
    top = ctx.stack.top
    assert isinstance(top, PauseScene) and "Controller disconnected" in top.reason


def test_a_route_stage_finished_leads_to_the_next_with_the_watch_carried_and_progress_saved(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.scenes.results import ResultsScene
    from game.scenes.route_standings import RouteStandingsScene
    from game.sim.autopilot import AutopilotDriver
    from game.sim.route_file import load_route
    from game.speedrun.route_progress import load_progress

    Flow(ctx).to_route()
    stage = ctx.stack.top
    assert isinstance(stage, RaceScene) and stage.setup.category == "route-field"  # the field is on the road
    assert stage.cur.watch.time_of_day_s == pytest.approx(7 * 3600 + 22 * 60, abs=0.2)  # car #722 at 07:22
    stage.session.inputs = AutopilotDriver()  # the autopilot's hands from the start of the attempt
    stage.restart()
    while ctx.stack.top is stage:
        stage.tick()
    results = ctx.stack.top
    assert isinstance(results, ResultsScene)
    left = results.outcome.final_wound_turns
    results.handle(pygame.event.Event(pygame.NOEVENT), ["menu_confirm"])
    classification = ctx.stack.top  # the field is on the road: the route's classification after stage 1
    assert isinstance(classification, RouteStandingsScene) and classification.title == "After stage 1"
    assert any(row.player for row in classification.standings)
    classification.handle(pygame.event.Event(pygame.NOEVENT), ["menu_confirm"])
    second = ctx.stack.top
    assert isinstance(second, RaceScene) and second.track.id == load_route().stage_ids[1]
    assert second.cur.watch.wound_turns == pytest.approx(left, abs=1e-3)
    saved = load_progress().progress
    assert saved is not None and saved.next_stage == 1 and saved.wound_turns == left


def test_switching_the_camera_mid_race_keeps_drawing(ctx: Context) -> None:
    """The camera turns to north-up gradually: every frame of the turn must draw (it once crashed on C).

    Stage 05 leaves Ancona heading south-east, far from north, so the turn is a long one."""
    race = RaceScene(ctx, Flow(ctx), stage_setup(ctx, "05-ancona-pescara"))
    ctx.stack.reset(race)
    frames(ctx, 40)
    for _ in range(3):
        press(pygame.K_c)
        frames(ctx, 45)
    assert race.camera.mode == "north-up"
    assert ctx.stack.top is race
