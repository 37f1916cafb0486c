"""`python -m game play`: the game in a window (the default verb)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from game.app import run_loop
from game.scenes.context import build_context
from game.scenes.flow import Flow


def main_play(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    ctx = build_context(fullscreen=args.fullscreen)
    ctx.livesplit_address = args.livesplit
    Flow(ctx).start(args.stage or None)
    shot = Path(args.screenshot) if args.screenshot else None
    return run_loop(ctx, quit_after_s=args.quit_after, screenshot=shot)
