"""Render the window and executable icons from the watch HUD into assets/icons/ (run after changing the HUD).

The game loads the PNG at start-up instead of painting the watch's layers for a 64-pixel icon, which would cost
about half a second before the first frame.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from game.render.watch.icon import make_window_icon
from game.resources import asset_path

SIZES = (64, 256)


def main() -> int:
    pygame.init()
    pygame.display.set_mode((8, 8))
    for size in SIZES:
        path = asset_path("icons", f"labone-{size}.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(make_window_icon(size), str(path))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
