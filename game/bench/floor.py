"""The floors: what the platform charges for a frame that draws nothing, and for one that only turns the ground.

A bare loop clears the same surface and presents it; race frame costs are then read as a multiple of this, so
a slow machine and a slow game can be told apart. The turn floor adds the one thing every chase-camera frame
must do besides presenting: turning the ground canvas by the camera's residual angle onto the screen
(`ShearRotator`, the same call the world view makes, on a canvas of the world view's size). It is the least a
chase-camera frame can cost on this machine with this way of drawing, whatever else is made cheaper.
"""

from __future__ import annotations

import math
import time

import pygame

from game.bench.stats import FrameFigures, frame_figures
from game.bench.surface import bench_display
from game.display import Display
from game.render.world.canvas import SECTOR_STEP_DEG
from game.render.world.shear import ShearRotator
from game.render.world.view import canvas_size

CLEAR_COLOURS = ((24, 26, 22), (30, 32, 28))
"""Two greys in turn, so no layer below can skip a fill that changes nothing."""

GOLDEN_FRACTION = 0.6180339887498949
"""Steps the turn's residual angle so that any run of frames spreads it evenly over the sector's range."""


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


def residual_rad(index: int) -> float:
    """The frame's residual turn: within half a sector either way, as the chase camera leaves it between
    canvas switches (a settled zoom, so no scaling)."""
    return math.radians(0.5 * SECTOR_STEP_DEG * (2.0 * ((index * GOLDEN_FRACTION) % 1.0) - 1.0))


def turn_floor_frames_ms(display: Display, canvas: pygame.Surface, frames: int) -> list[float]:
    surface = display.surface
    rotator = ShearRotator()
    anchor = (surface.get_width() * 0.5, surface.get_height() * 0.5)
    centre = (canvas.get_width() * 0.5, canvas.get_height() * 0.5)
    times: list[float] = []
    for index in range(frames):
        started = time.perf_counter()
        rotator.draw(canvas, centre, surface, anchor, 1.0, residual_rad(index))
        display.present()
        times.append((time.perf_counter() - started) * 1000.0)
    return times


def measure_turn_floor(size: tuple[int, int], frames: int, repeats: int) -> FrameFigures:
    display = bench_display(size)
    canvas = pygame.Surface(canvas_size(display.surface.get_size()), 0, display.surface)
    for stripe in range(0, canvas.get_height(), 8):  # stripes, so no copy can be skipped as "the same"
        canvas.fill(CLEAR_COLOURS[(stripe // 8) % 2], (0, stripe, canvas.get_width(), 8))
    turn_floor_frames_ms(display, canvas, min(frames, 30))
    return frame_figures([turn_floor_frames_ms(display, canvas, frames) for _ in range(repeats)])
