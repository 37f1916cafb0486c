"""Synthetic stages and snapshots for the world-view tests (no track file, no physics)."""

from __future__ import annotations

import dataclasses
import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from game.sim.cars import load_car
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.track import Area, Scenery, SurfaceSpan, TimingLine, Track
from watch_core import LabOne

VIEW = (640, 360)


def display(size: tuple[int, int] = VIEW) -> pygame.Surface:
    """A headless display surface of `size` (the format the world view draws into)."""
    pygame.display.init()
    pygame.font.init()
    return pygame.display.set_mode(size)


def winding_track(length_m: float, seed: int = 7, step_m: float = 4.0) -> Track:
    """A gently winding road heading roughly east from the origin, `length_m` long.

    The road's shape, scenery and areas at a given distance do not depend on `length_m`, so a short and a
    long track look the same near the start.
    """
    points: list[tuple[float, float]] = []
    x = y = 0.0
    heading = 0.0
    n = int(length_m / step_m) + 1
    for i in range(n):
        points.append((round(x, 3), round(y, 3)))
        heading = 0.35 * math.sin(i * step_m / 310.0) + 0.2 * math.sin(i * step_m / 97.0)
        x += step_m * math.cos(heading)
        y += step_m * math.sin(heading)
    scenery = []
    for i in range(5, n - 5, 3):
        px, py = points[i]
        qx, qy = points[i + 1]
        d = math.hypot(qx - px, qy - py)
        nx, ny = -(qy - py) / d, (qx - px) / d
        for side in (1.0, -1.0):
            scenery.append(
                Scenery("poplar", round(px + nx * side * 8.5, 3), round(py + ny * side * 8.5, 3), 1.1)
            )
        if i % 30 == 5:
            scenery.append(
                Scenery(
                    "house",
                    round(px + nx * 18.0, 3),
                    round(py + ny * 18.0, 3),
                    7.0,
                    angle_rad=round(math.atan2(qy - py, qx - px), 3),
                    length_m=10.0,
                    width_m=7.0,
                )
            )
    areas = []
    for k in range(int(length_m // 400)):
        x0 = 400.0 * k + 40.0
        areas.append(Area("field", ((x0, 30.0), (x0 + 300.0, 30.0), (x0 + 300.0, 160.0), (x0, 160.0))))
    return Track(
        format_version=1, id=f"synthetic-{int(length_m)}", name="Synthetic", region="test", kind="stage",
        closed=False, laps=1, seed=seed, start_time_of_day_s=7 * 3600, date=(1955, 5, 1), waypoints=(),
        centerline=tuple(points), half_width_m=tuple(4.0 for _ in points),
        surfaces=(SurfaceSpan(600.0, 700.0, "cobbles"), SurfaceSpan(900.0, 1000.0, "gravel")),
        timing_lines=(TimingLine("start", 20.0, "start"), TimingLine("finish", length_m - 40.0, "finish")),
        scenery=tuple(scenery), barriers=(), medals=None, content_hash="", areas=tuple(areas), landscape="plain",
    )  # fmt: skip


def straight_track(length_m: float = 600.0, heading_rad: float = 0.0) -> Track:
    """A dead straight asphalt road through bare grass, from the origin along `heading_rad`."""
    n = int(length_m / 5.0) + 1
    c, s = math.cos(heading_rad), math.sin(heading_rad)
    points = tuple((round(c * 5.0 * i, 4), round(s * 5.0 * i, 4)) for i in range(n))
    return Track(
        format_version=1, id="straight", name="Straight", region="test", kind="stage", closed=False, laps=1,
        seed=3, start_time_of_day_s=7 * 3600, date=(1955, 5, 1), waypoints=(), centerline=points,
        half_width_m=tuple(4.0 for _ in points), surfaces=(), timing_lines=(), scenery=(), barriers=(),
        medals=None, content_hash="", areas=(), landscape="plain",
    )  # fmt: skip


def car_snapshot(x: float, y: float, heading: float, speed: float = 0.0, **changes: object) -> CarSnapshot:
    """The car at a pose, moving along its heading at `speed`."""
    fields: dict[str, object] = dict(
        x_m=x,
        y_m=y,
        heading_rad=heading,
        vx_ms=speed * math.cos(heading),
        vy_ms=speed * math.sin(heading),
        speed_ms=speed,
        yaw_rate_rad_s=0.0,
        steer_angle_rad=0.0,
        rpm=3000.0,
        gear=3,
        throttle=0.5,
        brake=0.0,
        handbrake=False,
        engine_load=0.5,
        slip_front=0.0,
        slip_rear=0.0,
        surface_front="asphalt",
        surface_rear="asphalt",
        impact_impulse=0.0,
        shifted=False,
    )
    fields.update(changes)
    return CarSnapshot(**fields)  # type: ignore[arg-type]


_WATCH = LabOne(time_of_day_s=7 * 3600, date=(1955, 5, 1)).reading()


def race_snapshot(tick: int, car: CarSnapshot) -> RaceSnapshot:
    """A racing snapshot around `car`; fields the world view does not read get neutral values (looked up
    by type, so a field added to the snapshot later does not break these tests)."""
    known: dict[str, object] = dict(
        tick=tick,
        phase="racing",
        countdown_ticks=0,
        igt_ms=tick * 10,
        car=car,
        watch_reading=_WATCH,
        lap=1,
        laps=1,
        next_line=0,
        splits=(),
        trials=(),
        cluster_speed_kmh=car.speed_ms * 3.6,
    )
    neutral = {"float": 0.0, "int": 0, "bool": False, "str": ""}
    values = {}
    for f in dataclasses.fields(RaceSnapshot):
        if f.name in known:
            values[f.name] = known[f.name]
        else:
            kind = str(f.type).split("[")[0]
            values[f.name] = () if kind.startswith("tuple") else neutral.get(kind)
    return RaceSnapshot(**values)  # type: ignore[arg-type]


def drive_along(track: Track, start_m: float, metres: float, speed_ms: float, fps: float = 60.0):
    """(prev, cur, alpha) frames of a car driving the centre line at constant speed (ticks of 10 ms)."""
    from game.sim.geometry import TrackGeometry

    geometry = TrackGeometry(track)
    ticks = int(metres / speed_ms * 100)

    def snap(tick: int) -> RaceSnapshot:
        x, y, heading = geometry.point_at(start_m + speed_ms * tick / 100.0)
        return race_snapshot(tick, car_snapshot(x, y, heading, speed_ms))

    t = 0.0
    frames = []
    while True:
        i = int(t * 100)
        if i + 1 > ticks:
            break
        frames.append((snap(i), snap(i + 1), t * 100 - i))
        t += 1.0 / fps
    return frames


def default_car():
    return load_car("ferrari_166_mm")
