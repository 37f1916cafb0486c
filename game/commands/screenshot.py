"""`python -m game screenshot`: any screen of the game rendered headless to a PNG, exactly as a player sees it.

A race frame is reached by letting the autopilot drive the real race scene (the same ticks, frames and draws as
play) until the in-game time asked for (`field`: from then on, until a few cars of the field are close by); the
results screen by driving to the finish, its standings by turning its page. Nothing here draws anything itself:
it only feeds the scenes and saves the frame.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game.commands.arguments import CommandLineError
from game.sim import TICK_HZ, TICK_S
from game.sim.race_types import COUNTDOWN_TICKS
from game.sim.route_file import load_route
from game.speedrun.session import MAX_RUN_TICKS

if TYPE_CHECKING:  # pygame and the scenes load only when a screenshot is taken
    import pygame

    from game.scenes.context import Context
    from game.scenes.flow import Flow
    from game.scenes.race_scene import RaceScene

FRAME_S = 1 / 60
FIELD_CARS = 3
"""`--screen field` waits for this many cars of the field..."""
FIELD_NEAR_M = 28.0
"""...this close to the player (on screen at any zoom)."""
FIELD_WARM_M = 150.0
"""Frames are drawn (and the ground painted) once that many are this close."""


def main_screenshot(args: argparse.Namespace, out: TextIO) -> int:
    """Render and save; the values were checked before (`game.commands.arguments`)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.display import LOGICAL_SIZE
    from game.scenes.context import build_context

    width, height = args.size
    stage = args.stage or load_route().stage_ids[0]
    ctx = build_context()
    ctx.rally = args.rally
    surface = _shoot(ctx, args.screen, stage, args.at, glance=args.glance)
    if (width, height) != LOGICAL_SIZE:
        surface = pygame.transform.smoothscale(surface, (width, height))
    path = Path(args.out)
    try:
        pygame.image.save(surface, str(path))
    except pygame.error as error:
        raise CommandLineError("--out", f"{path}: {error}") from None
    at = f" at {args.at:.1f} s" if args.screen in ("race", "lesson", "field") else ""
    out.write(f"wrote {path} ({width}x{height}, {args.screen}{at})\n")
    ctx.shutdown()
    return 0


def _shoot(ctx: Context, screen: str, stage: str, at_s: float, *, glance: bool = False) -> pygame.Surface:
    import pygame

    from game.app import run_frame
    from game.frame_clock import FixedStepClock
    from game.scenes.flow import Flow

    clock = FixedStepClock()
    ctx.frame_clock = clock
    flow = Flow(ctx)
    if screen == "standings" and ctx.rally == "regularity":
        _drive_regularity_route(ctx, flow, stage)
    elif screen in ("race", "results", "standings", "pause", "lesson", "field"):
        finish = screen in ("results", "standings")
        _drive_race(
            ctx,
            flow,
            stage,
            None if finish else at_s,
            lesson=screen == "lesson",
            field=screen == "field",
            glance=glance,
        )
        if screen == "pause":
            flow.pause(on_restart=lambda: None, on_quit=lambda: None)
        elif screen == "standings":
            top = ctx.stack.top
            if top is not None:
                top.handle(pygame.event.Event(pygame.NOEVENT), ["menu_right"])
    elif screen == "title":
        flow.to_title()
        for _ in range(90):
            run_frame(ctx, clock, FRAME_S)
    elif screen == "select":
        from game.scenes.stage_select import StageSelectScene

        ctx.stack.push(StageSelectScene(ctx, flow, cursor=load_route().stage_ids.index(stage)))
    elif screen == "settings":
        flow.open_settings()
    elif screen == "controls":
        flow.open_controls()
    run_frame(ctx, clock, 0.0)
    return ctx.display.surface.copy()


def _near_field(scene: RaceScene, within_m: float = FIELD_NEAR_M) -> bool:
    """At least `FIELD_CARS` cars of the field within `within_m` of the player."""
    car = scene.cur.car
    near = [r for r in scene.cur.field if math.hypot(r.x_m - car.x_m, r.y_m - car.y_m) < within_m]
    return len(near) >= FIELD_CARS


def _drive_regularity_route(ctx: Context, flow: Flow, stage: str) -> None:
    """The regularity route's stages from Brescia up to `stage`, driven headless by the watch-only autopilot
    (nothing saved), then the standings as the route shows them after that stage."""
    from game.scenes.regularity_route_run import RegularityStandingsScene, new_regularity_route
    from game.sim.cars import load_car
    from game.sim.track_catalog import load_track
    from game.sim.watch_autopilot import WatchOnlyDriver
    from game.speedrun.session import drive

    route = new_regularity_route(ctx)
    car = load_car(route.car_id)
    for _ in range(load_route().stage_ids.index(stage) + 1):
        setup = route.next_setup()
        run = drive(
            load_track(setup.track_id),
            car,
            setup.settings,
            category=setup.category,
            driver=WatchOnlyDriver(),
            max_ticks=3 * MAX_RUN_TICKS,
        )
        route = route.with_stage(run.result, run.final.watch.wound_turns, None)
    ctx.stack.push(RegularityStandingsScene(ctx, flow, route))


def _drive_race(
    ctx: Context,
    flow: Flow,
    stage: str,
    at_s: float | None,
    *,
    lesson: bool = False,
    field: bool = False,
    glance: bool = False,
) -> None:
    """Let the autopilot drive the real race scene to `at_s` of IGT (or through the finish to the results);
    with `lesson`, the watch lesson shows and its student does what each prompt asks, on cue; with `field`,
    it drives on from `at_s` until the field is close by (or to the finish, if it never is)."""
    from game.scenes.race_scene import RaceScene
    from game.scenes.race_setup import stage_setup
    from game.sim.autopilot import AutopilotDriver
    from game.sim.input_source import InputSource
    from game.sim.watch_autopilot import WatchOnlyDriver
    from game.speedrun.lesson_student import LessonStudent

    setup = stage_setup(ctx, stage)
    inputs: InputSource = (
        LessonStudent()
        if lesson
        else WatchOnlyDriver()
        if setup.settings.rally == "regularity"
        else AutopilotDriver()
    )
    scene = RaceScene(ctx, flow, setup, inputs=inputs, save=False, lesson=lesson)
    scene.glance_held = glance
    ctx.stack.push(scene)
    race = scene.session.race
    target_tick = None if at_s is None else round(at_s * TICK_HZ) + race.tick + COUNTDOWN_TICKS
    frame_ticks = round(FRAME_S / TICK_S) or 1
    while True:
        top = ctx.stack.top
        if top is not scene:
            break  # the results screen replaced the race
        for _ in range(frame_ticks):
            scene.tick()
            if ctx.stack.top is not scene:
                break
        near = target_tick is not None and target_tick - race.tick < 2 * TICK_HZ
        if field and near:
            # only frames on the way to the field are drawn: the ground under it warms as in play
            near = race.tick < target_tick or _near_field(scene, FIELD_WARM_M)
        if ctx.stack.top is scene:
            scene.frame(FRAME_S)
            if near:
                scene.draw(ctx.display.surface, 0.0)  # warm the world's tiles the way play does
        if target_tick is not None and race.tick >= target_tick and (not field or _near_field(scene)):
            break
        if race.tick > MAX_RUN_TICKS:
            break
