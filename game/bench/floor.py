"""The floor: what the platform charges for a frame that draws nothing, measured in the same run.

A bare loop clears the same surface and presents it; race frame costs are then read as a multiple of this, so
a slow machine and a slow game can be told apart.
"""

from __future__ import annotations

import time

from game.bench.stats import FrameFigures, frame_figures
from game.bench.surface import bench_display
from game.display import Display

CLEAR_COLOURS = ((24, 26, 22), (30, 32, 28))
"""Two greys in turn, so no layer below can skip a fill that changes nothing."""


def floor_frames_ms(display: Display, frames: int) -> list[float]:
    surface = display.surface
    times: list[float] = []
    for index in range(frames):
        started = time.perf_counter()
        surface.fill(CLEAR_COLOURS[index % 2])
        display.present()
        times.append((time.perf_counter() - started) * 1000.0)
    return times


def measure_floor(size: tuple[int, int], frames: int, repeats: int) -> FrameFigures:
    display = bench_display(size)
    floor_frames_ms(display, min(frames, 30))  # warm the renderer's textures up, untimed
    return frame_figures([floor_frames_ms(display, frames) for _ in range(repeats)])
