"""Seeing the road in time: at least 2 s of road ahead of the car at any speed, in both camera modes."""

from __future__ import annotations

import math
from functools import cache

import pytest
from test_render_world_helpers import car_snapshot

from game.bench.look_ahead import top_speed_ms, watch_rect
from game.render.world import Camera
from game.render.world.camera import ZOOM_LEVELS
from game.render.world.car_sprite import car_draw_ppm
from game.render.world.look_ahead import (
    LOOK_AHEAD_FLOOR_S,
    look_ahead_m,
    look_ahead_s,
    reach_px,
    settled_look_ahead_s,
)
from game.sim.cars import car_ids, load_car

SIZES = ((1280, 720), (1920, 1080))
CAR_LENGTH_FLOOR_PX = 28.0


@cache
def _top_speed(car_id: str) -> float:
    return top_speed_ms(car_id)


def test_reach_is_the_exact_distance_to_the_view_edge_or_the_watch() -> None:
    view = (1280, 720)
    assert reach_px((640.0, 600.0), (0.0, -1.0), view) == pytest.approx(600.0)
    assert reach_px((100.0, 100.0), (-1.0, 0.0), view) == pytest.approx(100.0)
    diagonal = (math.sqrt(0.5), math.sqrt(0.5))
    assert reach_px((640.0, 360.0), diagonal, view) == pytest.approx(360.0 * math.sqrt(2.0))
    watch = (1050.0, 452.0, 1268.0, 716.0)
    assert reach_px((640.0, 360.0), diagonal, view, (watch,)) == pytest.approx(360.0 * math.sqrt(2.0))
    # 20 degrees below the horizontal the ray from the middle meets the watch's left edge, 410 px across.
    low = (math.cos(math.radians(20.0)), math.sin(math.radians(20.0)))
    assert reach_px((640.0, 360.0), low, view, (watch,)) == pytest.approx(410.0 / low[0])
    assert reach_px((640.0, 360.0), low, view) == pytest.approx(640.0 / low[0])
    assert reach_px((640.0, 360.0), (0.0, 1.0), view, (watch,)) == pytest.approx(360.0)
    assert reach_px((1100.0, 500.0), (0.0, -1.0), view, (watch,)) == 0.0
    assert reach_px((-1.0, 360.0), (1.0, 0.0), view) == 0.0


def test_look_ahead_in_chase_is_half_the_view_plus_the_lead() -> None:
    # The old camera at 200 km/h: zoom 0.78, lead 30 m, 1280x720: 360 px / 7.8 px/m + 30 m = 76.2 m, 1.37 s
    assert look_ahead_m(0.78, 30.0, (1280, 720), "chase") == pytest.approx(360.0 / 7.8 + 30.0)
    assert look_ahead_s(200.0 / 3.6, 0.78, (1280, 720), "chase", lead_m=30.0) == pytest.approx(
        (360.0 / 7.8 + 30.0) / (200.0 / 3.6)
    )


def test_north_up_look_ahead_is_the_worst_heading() -> None:
    view = (1280, 720)
    watch = (watch_rect(view),)
    assert watch[0] == (1050.0, 452.0, 1268.0, 716.0)
    # With no lead the shortest reach from the middle is straight up or down, half the height (36 m at
    # zoom 1); the nearest point of the watch is its top-left corner, 420 px away, so it is not the worst.
    assert look_ahead_s(10.0, 1.0, view, "north-up", lead_m=0.0) == pytest.approx(3.6)
    assert look_ahead_s(10.0, 1.0, view, "north-up", watch, lead_m=0.0) == pytest.approx(3.6)
    corner = (410.0 / math.hypot(410.0, 92.0), 92.0 / math.hypot(410.0, 92.0))
    assert look_ahead_m(1.0, 0.0, view, "north-up", corner, watch) == pytest.approx(
        math.hypot(410.0, 92.0) / 10
    )
    # A lead of 20 m east puts the car 200 px left of the middle: 840 px to the right edge, 84 m.
    assert look_ahead_m(1.0, 20.0, view, "north-up", (1.0, 0.0)) == pytest.approx(84.0)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["chase", "north-up"])
def test_at_least_two_seconds_of_road_ahead_at_every_car_top_speed(mode: str, size: tuple[int, int]) -> None:
    watch = (watch_rect(size),)
    for car_id in car_ids():
        top = _top_speed(car_id)
        assert settled_look_ahead_s(top, size, mode, watch) >= LOOK_AHEAD_FLOOR_S, car_id


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["chase", "north-up"])
def test_at_least_two_seconds_at_every_speed_up_to_the_fastest(mode: str, size: tuple[int, int]) -> None:
    fastest = max(_top_speed(car_id) for car_id in car_ids())
    watch = (watch_rect(size),)
    speeds = [fastest * i / 60 for i in range(1, 61)]
    worst = min(settled_look_ahead_s(v, size, mode, watch) for v in speeds)
    assert worst >= LOOK_AHEAD_FLOOR_S


def test_every_car_is_at_least_28_px_long_at_the_widest_zoom() -> None:
    ppm = car_draw_ppm(10.0 * min(ZOOM_LEVELS))
    for car_id in car_ids():
        assert load_car(car_id).chassis.length_m * ppm >= CAR_LENGTH_FLOOR_PX, car_id
    assert car_draw_ppm(10.0) == pytest.approx(12.0)  # slow, the car is drawn a fifth larger as before


@pytest.mark.parametrize("mode", ["chase", "north-up"])
def test_the_camera_moves_smoothly_when_the_speed_changes(mode: str) -> None:
    """Flat out, then a crash to a standstill in one tick, then away again: per frame the view's centre
    moves at most 16 px relative to the car and the zoom by under a tenth, so nothing jumps."""
    camera = Camera((1280, 720), mode)
    speeds = (
        [min(78.0, 20.0 + 0.1 * i) for i in range(900)]
        + [0.0] * 300
        + [min(60.0, 0.15 * i) for i in range(600)]
    )
    x = 0.0
    heading = 0.6
    prev_offset: tuple[float, float] | None = None
    prev_zoom = None
    for speed in speeds:
        x += speed / 60.0
        car = car_snapshot(x * math.cos(heading), x * math.sin(heading), heading, speed)
        camera.follow(car, 1 / 60)
        offset = (camera.center_m[0] - car.x_m, camera.center_m[1] - car.y_m)
        if prev_offset is not None and prev_zoom is not None:
            moved_px = math.dist(offset, prev_offset) * camera.pixels_per_m
            assert moved_px < 16.0
            assert abs(camera.zoom - prev_zoom) < 0.1 * prev_zoom
        prev_offset, prev_zoom = offset, camera.zoom
        car_y = camera.world_to_screen(car.x_m, car.y_m)[1]
        assert 0.0 < car_y < 720.0
