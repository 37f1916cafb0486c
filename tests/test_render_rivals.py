"""The field as the player sees it: rivals drawn where they are, in their liveries, with their numbers."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pygame
from test_render_world_helpers import VIEW, car_snapshot, display

from game.render.world import Camera
from game.render.world.effects import Particles
from game.render.world.rivals import RivalCars, is_braking, rival_pose
from game.sim.cars import load_car_model
from game.sim.field_types import RivalSnapshot

W, H = VIEW


def rival(
    number: int, model: str, x: float, y: float, heading: float = math.pi / 2, **changes
) -> RivalSnapshot:
    values: dict = dict(
        number=number,
        model_id=model,
        x_m=x,
        y_m=y,
        heading_rad=heading,
        speed_ms=30.0,
        slip=0.2,
        surface="asphalt",
        engine_load=0.8,
        simulated=True,
    )
    values.update(changes)
    return RivalSnapshot(**values)


def camera_at_origin() -> Camera:
    camera = Camera(VIEW, "north-up")
    camera.follow(car_snapshot(0.0, 0.0, math.pi / 2), 1 / 60)
    return camera


def grey_target() -> pygame.Surface:
    target = display()
    target.fill((90, 90, 90))
    return target


def near(pixels: np.ndarray, rgb: tuple[int, int, int], tol: int) -> np.ndarray:
    return np.all(np.abs(pixels.astype(int) - np.array(rgb)) <= tol, axis=-1)


def test_a_rival_is_drawn_at_its_place_in_its_livery_with_a_white_roundel() -> None:
    target = grey_target()
    camera = camera_at_origin()
    maserati = rival(715, "maserati_300s", 0.0, 10.0)
    drawn = RivalCars().draw(target, camera, (maserati,), (maserati,), 1.0)
    assert drawn == 1
    sx, sy = (round(v) for v in camera.world_to_screen(0.0, 10.0))
    ppm = camera.pixels_per_m
    box = pygame.surfarray.array3d(target)[
        sx - round(2 * ppm) : sx + round(2 * ppm), sy - round(3 * ppm) : sy + round(3 * ppm)
    ]
    body = load_car_model("maserati_300s").livery.body_rgb
    assert near(box, body, 40).sum() > 40, "the Maserati's red is on screen where the car is"
    assert near(box, (245, 245, 240), 14).sum() > 6, "its white roundel is there too"
    assert near(box, (20, 20, 20), 40).sum() > 2, "with a dark number on it"
    # Nothing red anywhere else on the grey ground.
    whole = pygame.surfarray.array3d(target)
    assert near(whole, body, 40).sum() == near(box, body, 40).sum()


def test_rivals_in_different_liveries_differ_and_each_is_where_it_should_be() -> None:
    target = grey_target()
    camera = camera_at_origin()
    green = rival(700, "austin_healey_100s", -8.0, 0.0)
    red = rival(705, "ferrari_118_lm", 8.0, 0.0)
    assert RivalCars().draw(target, camera, (green, red), (green, red), 1.0) == 2
    pixels = pygame.surfarray.array3d(target)

    def reds(box: np.ndarray) -> int:
        r, g = box[..., 0].astype(int), box[..., 1].astype(int)
        return int((r > g + 80).sum())

    def greens(box: np.ndarray) -> int:
        r, g, b = (box[..., i].astype(int) for i in range(3))
        return int(((g > r + 25) & (g > b + 10)).sum())

    boxes = []
    for car in (green, red):
        sx, sy = (round(v) for v in camera.world_to_screen(car.x_m, car.y_m))
        boxes.append(pixels[sx - 20 : sx + 20, sy - 30 : sy + 30])
    healey, ferrari = boxes
    assert greens(healey) > 40 and reds(healey) < 10  # British green (a red rear lamp or two)
    assert reds(ferrari) > 40 and greens(ferrari) == 0  # Italian red


def test_a_rival_off_screen_is_not_drawn() -> None:
    target = grey_target()
    before = pygame.surfarray.array3d(target).copy()
    far = rival(722, "ferrari_750_monza", 0.0, 400.0)
    assert RivalCars().draw(target, camera_at_origin(), (far,), (far,), 1.0) == 0
    assert np.array_equal(before, pygame.surfarray.array3d(target))


def test_rivals_are_interpolated_like_the_player_and_jumps_are_not() -> None:
    prev = rival(640, "maserati_a6gcs", 0.0, 0.0, heading=math.radians(179))
    cur = dataclasses.replace(prev, x_m=1.0, y_m=2.0, heading_rad=math.radians(-179))
    x, y, heading = rival_pose(prev, cur, 0.5)
    assert (x, y) == (0.5, 1.0)
    assert math.isclose(abs(heading), math.pi, abs_tol=1e-9)
    teleported = dataclasses.replace(prev, x_m=50.0)
    assert rival_pose(prev, teleported, 0.5) == (50.0, 0.0, prev.heading_rad)
    assert rival_pose(None, cur, 0.3) == (1.0, 2.0, cur.heading_rad)


def test_brake_lights_when_a_rival_slows_hard() -> None:
    prev = rival(640, "maserati_a6gcs", 0.0, 0.0, speed_ms=30.0)
    assert is_braking(prev, dataclasses.replace(prev, speed_ms=29.9))  # 10 m/s² over a 10 ms tick
    assert not is_braking(prev, dataclasses.replace(prev, speed_ms=29.99))  # 1 m/s²: lifting off
    assert not is_braking(None, prev)


def test_ten_rivals_are_turned_once_and_then_come_from_the_cache() -> None:
    target = grey_target()
    camera = camera_at_origin()
    field = tuple(rival(700 + i, "ferrari_750_monza", -10.0 + 2.0 * i, 5.0) for i in range(10))
    cars = RivalCars()
    cars.draw(target, camera, field, field, 1.0)
    cached = len(cars._turned)
    assert cached == 11  # ten numbers, one shared shadow
    cars.draw(target, camera, field, field, 0.5)
    assert len(cars._turned) == cached


def test_a_rival_sliding_on_gravel_throws_dust_and_one_rolling_on_asphalt_does_not() -> None:
    target = grey_target()
    camera = camera_at_origin()
    cars = RivalCars()
    particles = Particles(3)
    calm = rival(436, "porsche_356", 0.0, 0.0)
    for _ in range(20):
        cars.draw(target, camera, (calm,), (calm,), 1.0, particles, 1 / 60)
    assert len(particles.items) == 0
    sliding = rival(436, "porsche_356", 0.0, 0.0, surface="gravel", slip=1.2)
    for _ in range(20):
        cars.draw(target, camera, (sliding,), (sliding,), 1.0, particles, 1 / 60)
    assert len(particles.items) == 20  # 60 a second on gravel at speed, for a third of a second
    # The dust starts at the rival's rear wheels, behind it.
    assert all(p.y < 0.0 for p in particles.items)


def test_each_rival_carries_its_number_on_a_plate_beside_it() -> None:
    camera = camera_at_origin()
    widths = {}
    for number in (7, 2104):
        target = grey_target()
        car = rival(number, "mercedes_180_d", 0.0, 0.0)
        RivalCars().draw(target, camera, (car,), (car,), 1.0)
        sx, sy = (round(v) for v in camera.world_to_screen(0.0, 0.0))
        beside = pygame.surfarray.array3d(target)[sx + 10 : sx + 90, sy - 12 : sy + 12]
        cream = near(beside, (239, 230, 210), 12)
        columns = np.where(cream.any(axis=1))[0]
        assert cream.sum() > 8, number
        widths[number] = int(columns.max() - columns.min())
    assert widths[2104] > 2 * widths[7]  # four digits read wider than one
