"""Render frames of the world view (no HUD) to PNG files, to look at the stages as a player sees them.

    .venv/bin/python tools/world_shots.py                      # the preset views into docs/screenshots/
    .venv/bin/python tools/world_shots.py --stage 08-siena-bologna --at 95 --mode north-up --out /tmp/shots

The autopilot drives the stage from the start; frames are drawn at 60 per second over the last two seconds
before each moment (so the camera has settled, the canvas is warm, and the dust is flying), and the frame at
the moment is saved. With `--bench` it also prints the world's cost per frame over the whole drive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame

from game.render.world import Camera, WorldView, interpolated_car
from game.sim import TICK_S
from game.sim.autopilot import Autopilot
from game.sim.cars import load_car
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.track_catalog import load_track

FRAME_S = 1.0 / 60.0
WARM_S = 2.0


@dataclass(frozen=True)
class Shot:
    name: str
    stage: str
    at_s: float
    mode: str = "chase"
    car: str = "mercedes_300_slr"


PRESETS = (
    Shot("world-plain", "02-verona-padova", 21.0),
    Shot("world-coast", "05-ancona-pescara", 60.6, "chase", "porsche_550_spyder"),
    Shot("world-rome", "07-roma-siena", 6.0, "chase", "mercedes_300_sl"),
    Shot("world-futa", "08-siena-bologna", 70.0, "chase", "porsche_550_spyder"),
    Shot("world-start", "01-brescia-verona", 0.2, "chase", "mercedes_300_slr"),
    Shot("world-north-up", "05-ancona-pescara", 24.0, "north-up", "ferrari_166_mm"),
)
"""Plain with poplars, the Adriatic with a regularity tube, Rome's setts, a Futa hairpin on gravel, the start
arch in Brescia, and the north-up camera on the coast."""


def drive(shots: list[Shot], size: tuple[int, int], out: Path, bench: bool) -> None:
    screen = pygame.display.set_mode(size)
    for shot in shots:
        track = load_track(shot.stage)
        car = load_car(shot.car)
        race = Race(track, car, RaceSettings(car_id=car.id))
        pilot = Autopilot(track, race.geometry, car)
        view = WorldView(track, size, car, car.livery.race_number)
        camera = Camera(size, shot.mode)
        prev = cur = race.snapshot
        clock = 0.0
        sim_time = 0.0
        costs: list[float] = []
        while clock < shot.at_s + 1e-9:
            clock += FRAME_S
            while sim_time + TICK_S <= clock and not race.finished:
                prev = cur
                cur = race.step(pilot.decide(cur.car, cur.watch, race.tick))
                sim_time += TICK_S
            alpha = min(1.0, (clock - sim_time) / TICK_S)
            camera.follow(interpolated_car(prev.car, cur.car, alpha), FRAME_S)
            if bench or clock >= shot.at_s - WARM_S:
                started = time.perf_counter()
                view.draw(screen, camera, prev, cur, alpha)
                costs.append((time.perf_counter() - started) * 1000.0)
        path = out / f"{shot.name}.png"
        pygame.image.save(screen, str(path))
        line = f"{path}  {shot.stage} at {shot.at_s:.1f} s, {shot.mode}, {cur.car.speed_ms * 3.6:.0f} km/h"
        if bench and len(costs) > 10:
            ordered = sorted(costs[1:])
            line += (
                f"  world ms: median {statistics.median(ordered):.2f}"
                f" p99 {ordered[int(len(ordered) * 0.99)]:.2f} max {ordered[-1]:.2f} over {len(ordered)} frames"
                f" (first frame {costs[0]:.0f}); pixel memory {view.memory_bytes() / 1e6:.0f} MB"
                f" ({len(view.tiles)} tiles, {view.tiles.stats.painted} painted)"
            )
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stage", help="track id (default: the presets)")
    parser.add_argument("--at", type=float, default=20.0, help="seconds after the start")
    parser.add_argument("--mode", choices=("chase", "north-up"), default="chase")
    parser.add_argument("--car", default="mercedes_300_slr")
    parser.add_argument("--name", help="file name without .png (default: world-<stage>-<at>)")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    )
    parser.add_argument("--size", default="1280x720")
    parser.add_argument(
        "--bench", action="store_true", help="draw every frame of the drive and report its cost"
    )
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    pygame.init()
    if args.stage:
        name = args.name or f"world-{args.stage}-{args.at:g}"
        shots = [Shot(name, args.stage, args.at, args.mode, args.car)]
    else:
        shots = list(PRESETS)
    drive(shots, (width, height), args.out, args.bench)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
