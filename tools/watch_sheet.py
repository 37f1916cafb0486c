"""Render the Lab One HUD in several states into one PNG, to look at it.

    SDL_VIDEODRIVER=dummy .venv/bin/python tools/watch_sheet.py [--out docs/screenshots/watch-sheet.png]
                                                                 [--height 260] [--units kmh] [--bench]

Every state comes from a real :class:`watch_core.LabOne` (wound, run, braked, let down) so the sheet shows what
the game will show. The big watch on the left is the first state at twice the size, for the details.
``--bench`` also times ``WatchHud.draw`` on a 1280×720 screen over ten seconds of a running, winding watch.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
import timeit
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame

from game.render.watch import WatchHud
from watch_core import LabOne, WatchState

MOSS_START_S = 7 * 3600 + 22 * 60
"""Car #722 left Brescia at 07:22 (docs/design.md §5)."""


@dataclass(frozen=True)
class Shot:
    label: str
    watch: WatchState
    speed_kmh: float
    crown_turns: float = 0.0
    winding: bool = False
    pusher: bool = False


def shots() -> list[Shot]:
    out = []
    w = LabOne(time_of_day_s=10 * 3600 + 9 * 60 + 2.5, date=(1955, 5, 1))
    w.advance(3.0)
    out.append(Shot("full wind, 212 km/h", w.state, 212.0))

    w = LabOne(time_of_day_s=MOSS_START_S + 37.3, date=(1955, 5, 1))
    w.press()
    w.flyback()
    out.append(Shot("braked on 0, pusher held", w.state, 0.0, pusher=True))

    w = LabOne(time_of_day_s=13 * 3600 + 47 * 60 + 19, date=(1955, 5, 2), wound_turns=0.02)
    w.advance(60.0)
    out.append(Shot("run down: all frozen (88 km/h)", w.state, 88.0))

    w = LabOne(time_of_day_s=16 * 3600 + 31 * 60 + 44, date=(1955, 5, 1), wound_turns=2.5)
    w.advance(1.0)
    out.append(Shot("near empty, 137 km/h", w.state, 137.0))

    w = LabOne(time_of_day_s=21 * 3600 + 52 * 60 + 8, date=(1955, 5, 31))
    w.advance(0.5)
    out.append(Shot("31 May: date at the arc's end", w.state, 281.0))

    w = LabOne(time_of_day_s=8 * 3600 + 3 * 60 + 51, date=(1955, 5, 17), wound_turns=12.0)
    turns = w.wind(4.4)
    out.append(Shot("winding (crown in, turning)", w.state, 46.0, crown_turns=4.4 + turns * 0, winding=True))
    return out


def backdrop(surface: pygame.Surface) -> None:
    """A road-grey ground, as the HUD will sit over the stage."""
    w, h = surface.get_size()
    for y in range(h):
        t = y / max(1, h - 1)
        surface.fill((int(88 - 26 * t), int(90 - 26 * t), int(84 - 24 * t)), (0, y, w, 1))


def render_sheet(height_px: int, units: str) -> pygame.Surface:
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    title_font = pygame.font.Font(None, 26)
    items = shots()
    small = WatchHud(height_px, units)
    big = WatchHud(height_px * 2, units)
    pad, label_h = 18, 24
    cols = 3
    cell_w, cell_h = max(small.size[0], 236) + pad, small.size[1] + label_h + pad
    grid_w, grid_h = cols * cell_w, 2 * cell_h
    width = pad + big.size[0] + pad + grid_w + pad
    height = 40 + max(big.size[1] + label_h, grid_h) + pad
    sheet = pygame.Surface((width, height))
    backdrop(sheet)
    title = f"Chopard Mille Miglia Lab One · HUD sheet · {height_px} px · {units}"
    sheet.blit(title_font.render(title, True, (236, 232, 220)), (pad, 12))
    hero = items[0]
    centre = (pad + big.size[0] // 2, 40 + big.size[1] // 2)
    big.draw(
        sheet,
        centre,
        hero.watch,
        hero.speed_kmh,
        crown_turns=hero.crown_turns,
        winding=hero.winding,
        pusher=hero.pusher,
    )
    sheet.blit(font.render(hero.label + " (2×)", True, (236, 232, 220)), (pad, 40 + big.size[1] + 4))
    x0 = pad + big.size[0] + pad
    for i, shot in enumerate(items):
        cx = x0 + (i % cols) * cell_w + small.size[0] // 2
        cy = 40 + (i // cols) * cell_h + small.size[1] // 2
        rect = small.draw(
            sheet,
            (cx, cy),
            shot.watch,
            shot.speed_kmh,
            crown_turns=shot.crown_turns,
            winding=shot.winding,
            pusher=shot.pusher,
        )
        sheet.blit(font.render(shot.label, True, (236, 232, 220)), (rect.x, rect.bottom + 4))
    return sheet


def bench(height_px: int, units: str, frames: int = 600) -> str:
    """Median and 99th percentile of one draw, caches warm (a second pass over the same ten seconds)."""
    pygame.display.init()
    screen = pygame.display.set_mode((1280, 720))
    start = time.perf_counter()
    hud = WatchHud(height_px, units)
    build_ms = (time.perf_counter() - start) * 1000
    watch = LabOne(time_of_day_s=MOSS_START_S, date=(1955, 5, 1), let_down_scale=1440.0)
    frames_in = []
    for i in range(frames):
        watch.advance(1 / 60)
        if i % 200 < 50:
            watch.wind(0.05)
        frames_in.append((watch.state, 60.0 + 200.0 * (i % 240) / 240, i * 0.05, i % 200 < 50))
    timings_ms: list[float] = []
    for _ in range(2):
        timings_ms = []
        for state, speed, turns, winding in frames_in:
            draw = functools.partial(
                hud.draw, screen, (640, 580), state, speed, crown_turns=turns, winding=winding
            )
            timings_ms.append(timeit.Timer(draw).timeit(1) * 1000)
    timings_ms.sort()
    return (
        f"WatchHud({height_px}, {units!r}): built in {build_ms:.0f} ms; draw() median "
        f"{statistics.median(timings_ms):.3f} ms, p99 {timings_ms[int(0.99 * len(timings_ms))]:.3f} ms "
        f"over {frames} frames"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots/watch-sheet.png")
    parser.add_argument("--height", type=int, default=260)
    parser.add_argument("--units", choices=("kmh", "mph"), default="kmh")
    parser.add_argument("--bench", action="store_true", help="also time draw() and print the figures")
    args = parser.parse_args(argv)
    if args.bench:
        print(bench(args.height, args.units))
    sheet = render_sheet(args.height, args.units)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, args.out)
    print(f"wrote {args.out} ({sheet.get_width()}×{sheet.get_height()})")


if __name__ == "__main__":
    main()
