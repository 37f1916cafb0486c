"""The window: the game draws at one logical size and SDL scales it to the window, letterboxed.

pygame's SCALED mode hands the scaling to SDL's renderer (GPU where there is one), so a resized or fullscreen
window never distorts the picture and costs the game nothing per frame; vsync is asked for and used where the
platform gives it.
"""

from __future__ import annotations

import logging
import os
import warnings

import pygame

from game import __version__
from game.resources import asset_path

LOGICAL_SIZE = (1280, 720)

SCALING_HINTS = {
    # pygame's SCALED window stretches to fill, letterboxed, when fullscreen or maximised (whole multiples in a
    # plain window); this smooths the stretch rather than nearest-neighbour, so text and the watch stay clean.
    # (pygame's own "SDL_HINT_RENDER_SCALE_QUALITY" switch for non-integer windowed scaling corrupted the heap
    # when displays were re-created in one process: not used.)
    "SDL_RENDER_SCALE_QUALITY": "linear",
}
TITLE = f"Mille Miglia · Lab One  {__version__}"

log = logging.getLogger(__name__)


class Display:
    """Owns the pygame display surface (the logical canvas) and fullscreen state."""

    def __init__(
        self, *, fullscreen: bool = False, vsync: bool = True, window_size: tuple[int, int] | None = None
    ):
        for name, value in SCALING_HINTS.items():
            os.environ.setdefault(name, value)
        pygame.display.set_caption(TITLE)
        self._set_icon()
        flags = pygame.SCALED | pygame.RESIZABLE
        self.vsync = False
        _unstretch_open_window()
        with warnings.catch_warnings():
            # SDL's dummy and software drivers scale on the CPU; pygame says so as a warning, not an error.
            warnings.filterwarnings("ignore", message="no fast renderer available")
            try:
                self.surface = pygame.display.set_mode(LOGICAL_SIZE, flags, vsync=1 if vsync else 0)
                self.vsync = vsync
            except pygame.error as error:
                log.info("vsync not available (%s); running without it", error)
                self.surface = pygame.display.set_mode(LOGICAL_SIZE, flags)
        if window_size is not None and window_size != LOGICAL_SIZE:
            self.resize_window(window_size)
        self.fullscreen = False
        if fullscreen:
            self.toggle_fullscreen()

    def _set_icon(self) -> None:
        """The watch as the window's icon, pre-rendered by tools/make_icon.py (painting it here costs 0.4 s)."""
        try:
            pygame.display.set_icon(pygame.image.load(str(asset_path("icons", "labone-64.png"))))
        except (FileNotFoundError, pygame.error) as error:  # a nicety, never a reason not to start
            log.info("no window icon: %s", error)

    def resize_window(self, size: tuple[int, int]) -> None:
        _resize_open_window(size)

    def toggle_fullscreen(self) -> None:
        try:
            pygame.display.toggle_fullscreen()
            self.fullscreen = not self.fullscreen
        except pygame.error as error:
            log.info("fullscreen not available here: %s", error)

    def present(self) -> None:
        pygame.display.flip()


def _unstretch_open_window() -> None:
    """Opening a display over a SCALED window already stretched to another size corrupts SDL's heap (SDL 2.32,
    pygame-ce 2.5: "double free or corruption" on the next set_mode); the benchmarks open one display per window
    size in one process. Bringing the open window back to the logical size first avoids it."""
    if pygame.display.get_surface() is not None and pygame.display.get_window_size() != LOGICAL_SIZE:
        _resize_open_window(LOGICAL_SIZE)


def _resize_open_window(size: tuple[int, int]) -> None:
    try:
        window = pygame.Window.from_display_module()
        window.size = size
    except (AttributeError, pygame.error) as error:
        log.info("cannot resize the window: %s", error)
