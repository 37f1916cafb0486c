"""`python -m game play`: the game in a window (the default verb)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pygame

from game.app import run_loop
from game.audio.player import AudioPlayer
from game.display import Display
from game.input.mapper import InputMapper
from game.scenes.context import Context, volumes_of
from game.settings import load_settings


def build_context(*, fullscreen: bool = False) -> Context:
    """Everything a scene needs, from the saved settings (a broken config is reported, never fatal)."""
    pygame.init()
    loaded = load_settings()
    settings = loaded.settings
    display = Display(
        fullscreen=fullscreen or settings.display.fullscreen,
        vsync=settings.display.vsync,
        window_size=(settings.display.window_width, settings.display.window_height),
    )
    ctx = Context(
        settings=settings,
        display=display,
        input=InputMapper(settings),
        audio=AudioPlayer(volumes_of(settings)),
    )
    if loaded.warning:
        ctx.toast(loaded.warning)
    return ctx


def main_play(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    ctx = build_context(fullscreen=args.fullscreen)
    ctx.livesplit_address = args.livesplit
    if args.stage:
        from game.scenes.race_scene import RaceScene, RaceSetup

        ctx.stack.push(RaceScene(ctx, RaceSetup.for_stage(ctx, args.stage)))
    else:
        from game.scenes.title import TitleScene

        ctx.stack.push(TitleScene(ctx))
    shot = Path(args.screenshot) if args.screenshot else None
    return run_loop(ctx, quit_after_s=args.quit_after, screenshot=shot)
