"""The screen the frame benchmarks draw on: the game's own display flags, at any logical size.

`game.display.Display` opens the fixed 1280×720 logical canvas; the benchmarks need 1920×1080 too, so they open
the display the same way (SCALED: SDL's renderer presents it) at the size asked, without vsync, so a frame is
timed as drawn, never as waited for. The floor and the race frames use this one class, so their ratio compares
like with like.
"""

from __future__ import annotations

import warnings

import pygame

SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1920, 1080))


def size_key(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


class BenchDisplay:
    """What a scene's context needs of a display: the surface to draw on, and `present()`."""

    fullscreen = False
    vsync = False

    def __init__(self, size: tuple[int, int]) -> None:
        if not pygame.display.get_init():
            pygame.display.init()
        with warnings.catch_warnings():  # "no fast renderer available": the dummy driver renders in software
            warnings.simplefilter("ignore")
            self.surface = pygame.display.set_mode(size, pygame.SCALED, vsync=0)

    def present(self) -> None:
        pygame.display.flip()
