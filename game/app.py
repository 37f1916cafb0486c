"""The frame loop: events in, fixed 10 ms simulation ticks from an accumulator, one interpolated draw out.

It only wires things together ("Fix Your Timestep!"): the scenes decide what a tick and a frame mean, the
`FixedStepClock` decides how many ticks a frame allows (clamping stalls), the display scales and presents.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pygame

from game.collector import QuietCollector
from game.frame_clock import FixedStepClock
from game.scenes.context import Context

log = logging.getLogger(__name__)


def run_loop(ctx: Context, *, quit_after_s: float | None = None, screenshot: Path | None = None) -> int:
    """Run until the player quits (or `quit_after_s` of real time has passed); return the exit code."""
    clock = FixedStepClock(tick_s=0.01, max_catch_up_s=0.25)
    ctx.frame_clock = clock
    pacer = pygame.time.Clock()
    collector = QuietCollector()
    started = time.perf_counter()
    last = started
    while ctx.running:
        collector.on_frame(ctx.stack.top)
        now = time.perf_counter()
        frame_s = now - last
        last = now
        run_frame(ctx, clock, frame_s)
        if quit_after_s is not None and now - started >= quit_after_s:
            if screenshot is not None:
                pygame.image.save(ctx.display.surface, str(screenshot))
            break
        pacer.tick(frame_cap(ctx))
    collector.release()
    ctx.shutdown()
    return 0


MENU_FPS = 60
"""Menus and pause need no more frames than this: without a cap they would spin a core for nothing."""

UNPACED_RACE_FPS = 240
"""A race with no frame cap is paced by vsync; where vsync is not given, by this."""


def frame_cap(ctx: Context) -> int:
    """The frames per second to hold this frame to (0: as fast as vsync allows)."""
    if ctx.settings.display.frame_cap_fps:
        return ctx.settings.display.frame_cap_fps
    top = ctx.stack.top
    if top is None or not top.race_audio:
        return MENU_FPS
    return 0 if ctx.display.vsync else UNPACED_RACE_FPS


def run_frame(ctx: Context, clock: FixedStepClock, frame_s: float) -> None:
    """One frame: events, the ticks the clock allows for the top scene, the per-frame update, the draw."""
    for event in pygame.event.get():
        if event.type == pygame.QUIT:
            ctx.running = False
            return
        top = ctx.stack.top
        if top is not None and top.raw_input:
            top.handle(event, [])
            continue
        actions = ctx.input.handle_event(event)
        if "fullscreen" in actions:
            ctx.display.toggle_fullscreen()
        if top is not None:
            top.handle(event, actions)
    held_actions = ctx.input.update(frame_s)  # held-to-fire actions (Y held restarts) and menu key repeat
    top = ctx.stack.top
    if held_actions and top is not None and not top.raw_input:
        top.handle(pygame.event.Event(pygame.NOEVENT), held_actions)
    steps = clock.advance(frame_s)
    top = ctx.stack.top
    if top is None:
        ctx.running = False
        return
    if top.wants_ticks:
        for _ in range(steps.ticks):
            top.tick()
            if ctx.stack.top is not top:  # the race ended or paused mid-frame: stop ticking it
                break
    top.frame(frame_s)
    if not top.race_audio:
        ctx.audio.update(None, (), frame_s)  # menus: the engine fades out, one-shots play on
    surface = ctx.display.surface
    for scene in ctx.stack.visible():
        scene.draw(surface, clock.alpha)
    ctx.display.present()
