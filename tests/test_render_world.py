"""Camera maths, interpolation between ticks, and the blit-only rotation of the ground."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_world_helpers import VIEW, car_snapshot, display

from game.render.world import Camera, interpolate_car
from game.render.world.camera import ZOOM_DWELL_S, ZOOM_LEVELS, wrap_angle
from game.render.world.shear import (
    BLOCK_STEP_ERROR_PX,
    COLUMN_BLOCK_PX,
    FAST_BLOCKS_PX,
    ShearRotator,
    _runs,
    column_block_px,
)

W, H = VIEW
headings = st.floats(min_value=-math.pi, max_value=math.pi, allow_nan=False)


def placed_camera(
    mode: str, heading: float, speed: float = 0.0, x: float = 120.0, y: float = -40.0
) -> Camera:
    camera = Camera(VIEW, mode)
    camera.follow(car_snapshot(x, y, heading, speed), 1 / 60)
    return camera


@settings(max_examples=40, deadline=None)
@given(heading=headings)
def test_chase_camera_puts_the_road_ahead_up_the_screen(heading: float) -> None:
    camera = placed_camera("chase", heading)
    ahead = camera.world_to_screen(120.0 + 20.0 * math.cos(heading), -40.0 + 20.0 * math.sin(heading))
    car = camera.world_to_screen(120.0, -40.0)
    assert ahead[1] < H / 2 < car[1]
    assert ahead[0] == pytest.approx(W / 2, abs=1e-6)
    assert car[0] == pytest.approx(W / 2, abs=1e-6)
    left = camera.world_to_screen(120.0 - 5.0 * math.sin(heading), -40.0 + 5.0 * math.cos(heading))
    assert left[0] < car[0]


@settings(max_examples=40, deadline=None)
@given(heading=headings)
def test_north_up_camera_keeps_north_up_and_east_right(heading: float) -> None:
    camera = placed_camera("north-up", heading)
    cx, cy = camera.world_to_screen(*camera.center_m)
    north = camera.world_to_screen(camera.center_m[0], camera.center_m[1] + 10.0)
    east = camera.world_to_screen(camera.center_m[0] + 10.0, camera.center_m[1])
    assert (cx, cy) == pytest.approx((W / 2, H / 2))
    assert north == pytest.approx((W / 2, H / 2 - 10.0 * camera.pixels_per_m))
    assert east == pytest.approx((W / 2 + 10.0 * camera.pixels_per_m, H / 2))


@settings(max_examples=30, deadline=None)
@given(heading=headings, sx=st.floats(0, W), sy=st.floats(0, H))
def test_screen_to_world_inverts_world_to_screen(heading: float, sx: float, sy: float) -> None:
    camera = placed_camera("chase", heading, speed=30.0)
    assert camera.world_to_screen(*camera.screen_to_world(sx, sy)) == pytest.approx((sx, sy), abs=1e-6)


def test_camera_looks_further_ahead_and_zooms_out_with_speed() -> None:
    slow = placed_camera("chase", 0.3, speed=5.0)
    fast = placed_camera("chase", 0.3, speed=50.0)
    lead_slow = math.hypot(slow.center_m[0] - 120.0, slow.center_m[1] + 40.0)
    lead_fast = math.hypot(fast.center_m[0] - 120.0, fast.center_m[1] + 40.0)
    assert lead_fast > lead_slow + 10.0
    assert slow.zoom == ZOOM_LEVELS[0]
    assert fast.zoom == ZOOM_LEVELS[-1]


def test_zoom_moves_out_at_once_glides_and_waits_before_coming_back_in() -> None:
    camera = placed_camera("chase", 0.0, speed=5.0)
    out = []
    for i in range(60):
        camera.follow(car_snapshot(120.0 + i * 0.4, -40.0, 0.0, 28.0), 1 / 60)
        out.append(camera.zoom)
    assert out[0] < ZOOM_LEVELS[0]
    assert all(b <= a for a, b in pairwise(out))
    back = []
    for i in range(360):
        camera.follow(car_snapshot(144.0 + i * 0.1, -40.0, 0.0, 6.0), 1 / 60)
        back.append(camera.zoom)
    held = round(ZOOM_DWELL_S * 60) - len(out)
    assert all(b <= a for a, b in pairwise(out[-1:] + back[: held - 1]))
    assert back[held + 5] > back[held - 1]
    assert back[-1] == ZOOM_LEVELS[0]


def test_chase_camera_turns_smoothly_after_the_car() -> None:
    camera = placed_camera("chase", 0.0, speed=20.0)
    camera.follow(car_snapshot(120.0, -40.0, math.pi / 2, 20.0), 1 / 60)
    assert 0.0 < camera.angle_rad < math.pi / 4
    for _ in range(180):
        camera.follow(car_snapshot(120.0, -40.0, math.pi / 2, 20.0), 1 / 60)
    assert camera.angle_rad == pytest.approx(math.pi / 2, abs=1e-3)


def test_unknown_camera_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="camera mode"):
        Camera(VIEW, "isometric")


def test_interpolation_turns_the_short_way_across_the_wrap() -> None:
    prev = car_snapshot(0.0, 0.0, math.pi - 0.1)
    cur = car_snapshot(2.0, -4.0, -math.pi + 0.1)
    x, y, heading = interpolate_car(prev, cur, 0.5)
    assert (x, y) == pytest.approx((1.0, -2.0))
    assert abs(heading) == pytest.approx(math.pi)
    _, _, quarter = interpolate_car(prev, cur, 0.25)
    assert quarter == pytest.approx(math.pi - 0.05)
    _, _, three_quarters = interpolate_car(prev, cur, 0.75)
    assert three_quarters == pytest.approx(-math.pi + 0.05)


@settings(max_examples=60, deadline=None)
@given(h0=headings, turn=st.floats(-3.0, 3.0), alpha=st.floats(0.0, 1.0))
def test_interpolated_heading_lies_on_the_short_arc(h0: float, turn: float, alpha: float) -> None:
    prev = car_snapshot(0.0, 0.0, h0)
    cur = car_snapshot(1.0, 1.0, wrap_angle(h0 + turn))
    _, _, heading = interpolate_car(prev, cur, alpha)
    assert -math.pi < heading <= math.pi
    assert wrap_angle(heading - h0) == pytest.approx(turn * alpha, abs=1e-9)


def _marker_source() -> pygame.Surface:
    source = pygame.Surface((1400, 1200)).convert()
    source.fill((40, 90, 40))
    pygame.draw.circle(source, (255, 0, 0), (700 + 120, 600), 5)
    pygame.draw.circle(source, (0, 0, 255), (700, 600 - 150), 5)
    return source


def _centroid(target: pygame.Surface, channel: int) -> tuple[float, float]:
    px = pygame.surfarray.array3d(target).astype(int)
    others = [c for c in range(3) if c != channel]
    hit = (px[:, :, channel] > 200) & (px[:, :, others[0]] < 80) & (px[:, :, others[1]] < 80)
    xs, ys = np.nonzero(hit)
    return float(xs.mean()) + 0.5, float(ys.mean()) + 0.5


@pytest.mark.parametrize(
    ("degrees", "zoom"),
    [
        (0.0, 1.0),
        (0.0, 0.85),
        (1.5, 1.0),
        (-3.0, 0.96),
        (12.0, 1.0),
        (-33.0, 1.0),
        (17.0, 0.8),
        (-6.0, 1.14),
        (41.0, 0.9),
    ],
)
def test_shear_rotation_puts_source_points_where_the_rotation_says(degrees: float, zoom: float) -> None:
    target = display()
    source = _marker_source()
    target.fill((0, 0, 0))
    anchor = (W / 2, H / 2)
    angle = math.radians(degrees)
    ShearRotator().draw(source, (700.5, 600.5), target, anchor, zoom, angle)
    c, s = math.cos(angle), math.sin(angle)
    red = _centroid(target, 0)
    blue = _centroid(target, 2)
    assert red == pytest.approx((anchor[0] + zoom * 120 * c, anchor[1] + zoom * 120 * s), abs=1.6)
    assert blue == pytest.approx((anchor[0] + zoom * 150 * s, anchor[1] - zoom * 150 * c), abs=1.6)
    # Every pixel of the target came from the source: nothing left black.
    assert not (pygame.surfarray.array3d(target).sum(axis=2) == 0).any()


@pytest.mark.parametrize("degrees", [0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0, 14.0, 25.0])
def test_the_column_pass_takes_wide_strips_only_where_their_step_error_stays_under_a_pixel(
    degrees: float,
) -> None:
    # the residual turn is mostly a few degrees: there 48-64 px strips halve the column pass's cost
    slope = math.sin(math.radians(degrees))
    width = column_block_px(slope)
    assert width in (*FAST_BLOCKS_PX, COLUMN_BLOCK_PX)
    assert width == COLUMN_BLOCK_PX or slope * width / 2 <= BLOCK_STEP_ERROR_PX
    wider = [w for w in FAST_BLOCKS_PX if w > width]
    assert all(slope * w / 2 > BLOCK_STEP_ERROR_PX for w in wider)
    assert {1.0: 64, 2.0: 48, 3.0: 32, 5.0: 16, 10.0: 12}.get(degrees, width) == width


@given(st.lists(st.integers(1, 300), min_size=1, max_size=12), st.sampled_from([*FAST_BLOCKS_PX, 12]))
@settings(max_examples=60, deadline=None)
def test_column_strips_never_take_the_slow_widths(run_lengths: list[int], max_len: int) -> None:
    # widths of 17-31, 33-47 and 49-63 px copy 3-5 times slower than their neighbours on SDL 2.32
    cols = np.concatenate([np.arange(n) + 1000 * k for k, n in enumerate(run_lengths)])
    strips = _runs([(cols, 1)], max_len=max_len)
    widths = [e - s for s, e in strips]
    assert [s for s, _ in strips] == [0, *np.cumsum(widths)[:-1].tolist()]
    assert sum(widths) == sum(run_lengths)
    assert all(w <= 16 or (w % 16 == 0 and w <= max(max_len, 16)) for w in widths)
    assert all(w <= max_len or w <= 16 for w in widths)


def test_shear_rotation_refuses_angles_it_cannot_do() -> None:
    with pytest.raises(ValueError, match="beyond"):
        ShearRotator().source_box(VIEW, (W / 2, H / 2), 1.0, math.radians(80.0))
