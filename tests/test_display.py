"""The game's display: one logical canvas whatever the window, and safe to open again in one process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pygame

from game.display import LOGICAL_SIZE, Display


def test_a_1080p_window_shows_the_logical_canvas_stretched() -> None:
    display = Display(vsync=False, window_size=(1920, 1080))
    try:
        assert display.surface.get_size() == LOGICAL_SIZE
        assert pygame.display.get_window_size() == (1920, 1080)
        display.surface.fill((200, 10, 10))
        display.present()
    finally:
        Display(vsync=False)
    assert pygame.display.get_window_size() == LOGICAL_SIZE


def test_a_display_opens_again_over_a_stretched_window() -> None:
    """SDL corrupts its heap on set_mode over a stretched SCALED window (the benchmarks open one display per
    window size): run in a child process, so a crash shows as its exit status, not as the suite dying."""
    script = textwrap.dedent(
        """
        import pygame
        from game.display import Display
        for size in [(1920, 1080), (1280, 720), (1920, 1080), (1920, 1080), (1280, 720)] * 2:
            display = Display(vsync=False, window_size=size)
            for shade in range(20):
                display.surface.fill((shade, 0, 0))
                display.present()
            assert pygame.display.get_window_size() == size, pygame.display.get_window_size()
        print("opened 10 displays")
        """
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    child = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip().endswith("opened 10 displays")
