"""The screen the frame benchmarks draw on: the game's own display, in a window of the size measured.

The game always draws its 1280×720 logical canvas and lets SDL's renderer put it on the window (`SCALED`,
`game.display`): a player at 1920×1080 gets that canvas stretched, never a scene drawn at 1920×1080. So a
benchmark "at 1920×1080" is the game's own `Display` with its window at that size, exactly as the settings'
window sizes and fullscreen give it, and vsync off so a frame is timed as drawn, never as waited for. The floor
and the race frames use this one display, so their ratio compares like with like.
"""

from __future__ import annotations

from game.display import LOGICAL_SIZE, Display

SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1920, 1080))
"""Window sizes the frames are measured in: the logical size itself, and the common desktop screen."""


def size_key(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def bench_display(window_size: tuple[int, int]) -> Display:
    """The game's display without vsync, its window `window_size`; it draws on the logical canvas."""
    display = Display(vsync=False, window_size=window_size)
    if display.surface.get_size() != LOGICAL_SIZE:
        raise RuntimeError(f"the display's canvas is {display.surface.get_size()}, not {LOGICAL_SIZE}")
    return display
