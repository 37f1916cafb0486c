"""The world view as a player sees it: the road where the car is, bounded memory, the ghost, the marks."""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np
import pygame
import pytest
from test_render_world_helpers import (
    VIEW,
    car_snapshot,
    default_car,
    display,
    drive_along,
    race_snapshot,
    straight_track,
    winding_track,
)

from game.render.world import Camera, WorldView, interpolated_car
from game.render.world.camera import ZOOM_LEVELS
from game.render.world.car_sprite import CarSprite
from game.render.world.chunks import MAX_TILES, TILE_IMAGE_PX, TILE_M
from game.render.world.palette import PIXELS_PER_M
from game.render.world.view import (
    BACKLOG_BUDGET_MAX_MS,
    BACKLOG_S,
    FRAME_WORK_MAX_MS,
    GHOST_ALPHA,
    PREFETCH_S,
    PREFETCH_SPEED_MS,
    tiles_to_keep,
)

W, H = VIEW


def make_view(track, size=VIEW) -> WorldView:
    car = default_car()
    return WorldView(track, size, car, car.livery.race_number)


def run(view: WorldView, camera: Camera, frames, target: pygame.Surface, ghost=None) -> None:
    for prev, cur, alpha in frames:
        camera.follow(interpolated_car(prev.car, cur.car, alpha), 1 / 60)
        view.draw(target, camera, prev, cur, alpha, ghost)


def is_road(rgb: np.ndarray) -> bool:
    """Asphalt grey: the channels close together, mid brightness (grass is clearly green)."""
    r, g, b = (int(v) for v in rgb)
    return max(r, g, b) - min(r, g, b) < 30 and 50 < (r + g + b) / 3 < 150


@pytest.mark.parametrize("mode", ["chase", "north-up"])
@pytest.mark.parametrize("road_heading", [0.0, 0.785, 2.3, -1.9])
def test_the_road_runs_through_the_car_in_both_camera_modes(mode: str, road_heading: float) -> None:
    target = display()
    track = straight_track(800.0, road_heading)
    view = make_view(track)
    camera = Camera(VIEW, mode)
    frames = drive_along(track, 200.0, 1.0, 20.0)
    run(view, camera, frames, target)
    cur = frames[-1][1]
    pixels = pygame.surfarray.array3d(target)
    x, y, heading = cur.car.x_m, cur.car.y_m, cur.car.heading_rad
    lane = 1.6  # off the faded centre line, in the right-hand lane
    for ahead in (10.0, 20.0, -5.0):
        sx, sy = camera.world_to_screen(
            x + ahead * math.cos(heading) + lane * math.sin(heading),
            y + ahead * math.sin(heading) - lane * math.cos(heading),
        )
        assert is_road(pixels[round(sx), round(sy)]), (ahead, pixels[round(sx), round(sy)])
    for side in (9.0, -9.0):
        sx, sy = camera.world_to_screen(
            x + 20 * math.cos(heading) - side * math.sin(heading),
            y + 20 * math.sin(heading) + side * math.cos(heading),
        )
        assert not is_road(pixels[round(sx), round(sy)])
    if mode == "chase":
        ahead_x, ahead_y = camera.world_to_screen(x + 20 * math.cos(heading), y + 20 * math.sin(heading))
        assert ahead_y < H / 2 and abs(ahead_x - W / 2) < 1.0


def test_drawing_never_changes_the_snapshots() -> None:
    target = display()
    track = winding_track(1200.0)
    view = make_view(track)
    camera = Camera(VIEW, "chase")
    frames = drive_along(track, 100.0, 80.0, 30.0)
    frames = [
        (
            p,
            dataclasses.replace(
                c, car=dataclasses.replace(c.car, slip_rear=1.4, surface_rear="gravel", impact_impulse=3000.0)
            ),
            a,
        )
        for p, c, a in frames
    ]
    ghost = car_snapshot(frames[0][1].car.x_m + 6.0, frames[0][1].car.y_m, 0.3, 25.0)
    before = copy.deepcopy((frames, ghost))
    run(view, camera, frames, target, ghost)
    assert (frames, ghost) == before
    assert all(hash(c.car) == hash(b[1].car) for (_, c, _), b in zip(frames, before[0], strict=True))


def test_the_tile_cache_stays_bounded_on_a_long_drive() -> None:
    target = display()
    track = winding_track(9000.0)
    view = make_view(track)
    view.work_budget_ms = 1e9
    camera = Camera(VIEW, "chase")
    sizes = []
    for prev, cur, alpha in drive_along(track, 50.0, 8500.0, 55.0, fps=6.0):
        camera.follow(interpolated_car(prev.car, cur.car, alpha), 1 / 6)
        view.draw(target, camera, prev, cur, alpha)
        sizes.append(len(view.tiles))
    assert view.tiles.max_tiles == MAX_TILES  # a small view keeps the floor
    assert max(sizes) == MAX_TILES
    assert view.tiles.stats.evicted > 0
    assert view.tiles.memory_bytes() <= (MAX_TILES + view.tiles.max_transformed * 2) * TILE_IMAGE_PX**2 * 4


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_cache_holds_the_widest_view_and_the_ground_ahead_of_it(size: tuple[int, int]) -> None:
    # zoomed out to 0.37, 1920x1080 shows about 270 tiles: a cache of the 720p size (144) threw away tiles
    # still on the screen and painted them again as the canvas scrolled (the frames that did so hitched)
    view = make_view(straight_track(), size)
    ppm = PIXELS_PER_M * ZOOM_LEVELS[-1]
    on_screen = math.ceil(size[0] / ppm / TILE_M + 1) * math.ceil(size[1] / ppm / TILE_M + 1)
    ahead = math.ceil(size[0] / ppm / TILE_M + 1) * math.ceil(PREFETCH_S[-1] * PREFETCH_SPEED_MS / TILE_M)
    assert view.tiles.max_tiles == tiles_to_keep(size) >= on_screen + ahead
    assert tiles_to_keep((1920, 1080)) > tiles_to_keep((1280, 720)) > MAX_TILES


def test_tiles_waiting_ahead_raise_the_frames_work_up_to_a_cap() -> None:
    view = make_view(straight_track())
    per_tile = view.tiles.painter.tile_estimate_ms()
    view._dt_s = 1 / 60
    view._prefetch = [(i, 0) for i in range(3)]
    assert view._backlog_budget_ms() == pytest.approx(3 * per_tile / 60 / BACKLOG_S)
    view._prefetch = [(i, 0) for i in range(400)]
    assert view._backlog_budget_ms() == BACKLOG_BUDGET_MAX_MS
    view._prefetch = []
    assert view._backlog_budget_ms() == 0.0


def test_work_per_frame_does_not_grow_with_the_stage_length() -> None:
    target = display()
    touched = {}
    for length in (1500.0, 12000.0):
        track = winding_track(length)
        view = make_view(track)
        view.work_budget_ms = 1e9
        camera = Camera(VIEW, "chase")
        per_frame = []
        for prev, cur, alpha in drive_along(track, 50.0, 900.0, 45.0, fps=12.0):
            camera.follow(interpolated_car(prev.car, cur.car, alpha), 1 / 12)
            view.draw(target, camera, prev, cur, alpha)
            per_frame.append((view.stats.tiles_touched, view.stats.tiles_painted, view.stats.trees_drawn))
        touched[length] = per_frame
    assert touched[1500.0] == touched[12000.0]
    assert max(t for t, _, _ in touched[1500.0]) < 200


def test_a_ghost_is_translucent_over_the_ground() -> None:
    target = display()
    track = straight_track(600.0)
    view = make_view(track)
    camera = Camera(VIEW, "north-up")
    frames = drive_along(track, 200.0, 0.5, 0.01)
    prev, cur, alpha = frames[-1]
    ghost = car_snapshot(cur.car.x_m, cur.car.y_m + 6.0, 0.0)
    camera.follow(interpolated_car(prev.car, cur.car, alpha), 1 / 60)
    view.draw(target, camera, prev, cur, alpha)
    ground = pygame.surfarray.array3d(target).astype(int)
    view.draw(target, camera, prev, cur, alpha, ghost)
    with_ghost = pygame.surfarray.array3d(target).astype(int)
    solid_surface = target.copy()
    pygame.surfarray.blit_array(solid_surface, ground.astype(np.uint8))
    sprite = CarSprite(default_car(), 625)
    sx, sy = camera.world_to_screen(ghost.x_m, ghost.y_m)
    sprite.draw(solid_surface, (sx, sy), math.pi / 2 - camera.angle_rad, camera.pixels_per_m, 0.0, False)
    solid = pygame.surfarray.array3d(solid_surface).astype(int)
    body = np.abs(solid - ground).sum(axis=2) > 90
    assert body.sum() > 100
    a = GHOST_ALPHA / 255.0
    expected = ground + (solid - ground) * a
    assert np.abs(with_ghost[body] - expected[body]).mean() < 6.0
    assert (np.abs(with_ghost[body] - solid[body]).sum(axis=1) > 20).mean() > 0.9


def test_skid_marks_stay_for_the_run_and_go_on_restart() -> None:
    target = display()
    track = straight_track(600.0)
    view = make_view(track)
    frames = drive_along(track, 150.0, 30.0, 15.0)
    sliding = [
        (p, dataclasses.replace(c, car=dataclasses.replace(c.car, slip_rear=1.3)), a) for p, c, a in frames
    ]
    mark_x = frames[len(frames) // 2][1].car.x_m - 1.3
    wheel_y = -(view.skids.half_track_m)
    parked = car_snapshot(mark_x - 8.0, 0.0, 0.0)
    clock = [10_000]

    def rubber() -> int:
        """Park beside the mark for two seconds (the dust settles), then look at the rear wheel's track."""
        camera = Camera(VIEW, "north-up")
        for _ in range(24):
            clock[0] += 10
            look = race_snapshot(clock[0], parked)
            camera.follow(look.car, 1 / 12)
            view.draw(target, camera, look, look, 0.0)
        sx, sy = camera.world_to_screen(mark_x, wheel_y)
        window = pygame.surfarray.array3d(target)[
            round(sx) - 6 : round(sx) + 6, round(sy) - 2 : round(sy) + 3
        ]
        return int(window.astype(int).sum())

    clean = rubber()
    run(view, Camera(VIEW, "north-up"), sliding, target)
    assert view.skids.count > 10
    assert rubber() < clean * 0.85
    view.reset()
    assert view.skids.count == 0
    assert rubber() == clean


def test_two_views_fed_the_same_frames_draw_the_same_pixels() -> None:
    target = display()
    track = winding_track(1500.0)
    frames = drive_along(track, 600.0, 60.0, 25.0)
    frames = [
        (p, dataclasses.replace(c, car=dataclasses.replace(c.car, slip_rear=1.2, surface_rear="gravel")), a)
        for p, c, a in frames
    ]
    images = []
    for _ in range(2):
        view = make_view(track)
        run(view, Camera(VIEW, "chase"), frames, target)
        images.append(pygame.surfarray.array3d(target).copy())
    assert np.array_equal(images[0], images[1])
    assert np.abs(images[0].astype(int) - np.roll(images[0], 3, axis=0)).sum() > 0


def test_first_frame_of_a_stage_shows_the_start_arch_and_line() -> None:
    target = display()
    track = straight_track(600.0)
    track = dataclasses.replace(
        track, timing_lines=(dataclasses.replace(winding_track(600.0).timing_lines[0], s_m=40.0),)
    )
    view = make_view(track)
    camera = Camera(VIEW, "chase")
    snap = race_snapshot(0, car_snapshot(30.0, 0.0, 0.0))
    camera.follow(snap.car, 1 / 60)
    view.draw(target, camera, snap, snap, 0.0)
    assert view.furniture.drawn == 1
    pixels = pygame.surfarray.array3d(target).astype(int)
    red = (pixels[:, :, 0] > 150) & (pixels[:, :, 1] < 70) & (pixels[:, :, 2] < 70)
    sx, sy = camera.world_to_screen(40.0, 0.0)
    window = red[round(sx) - 120 : round(sx) + 120, max(0, round(sy) - 120) : round(sy) + 40]
    assert window.sum() > 30


def test_the_ground_painted_ahead_covers_what_the_turned_canvas_needs_half_a_second_on() -> None:
    # flat out on the widest zoom with the camera a few degrees off its canvas's sector, the canvas needs
    # tiles past the view plus a margin; the prefetch missed them (and had room for about a dozen tiles at
    # a diagonal heading), so the canvas fill painted one or two a frame, 8-10 ms each on a slow machine
    size = (1280, 720)
    target = display(size)
    track = straight_track(3000.0, 0.2)  # 11.5°: 6.5° from the 18° sector
    view = make_view(track, size)
    view.work_budget_ms = 1e9
    camera = Camera(size, "chase")
    frames = drive_along(track, 300.0, 60.0, 55.0, fps=30.0)
    run(view, camera, frames, target)
    assert camera.zoom == ZOOM_LEVELS[-1]
    assert abs(view.stats.residual_deg) > 5.0
    painted = view.tiles.stats.painted
    view._background = lambda *args: None  # type: ignore[method-assign]
    run(view, camera, drive_along(track, 360.0, 27.5, 55.0, fps=30.0), target)
    assert view.tiles.stats.painted == painted


def test_tiles_under_the_view_are_the_ones_the_canvas_blits_not_the_boxs_world_bounds() -> None:
    size = (1280, 720)
    target = display(size)
    track = straight_track(1000.0, math.radians(45.0))
    view = make_view(track, size)
    camera = Camera(size, "north-up")
    snap = race_snapshot(0, car_snapshot(300.0, 300.0, math.radians(45.0), 60.0))
    camera.follow(snap.car, 1 / 60)
    camera.angle_rad = math.radians(36.0 + 5.0)  # 5° past sector 2
    view.draw(target, camera, snap, snap, 0.0)
    canvas = view._canvas
    _, _, box = view._residual(camera, canvas)
    under = canvas.keys_under(box)
    assert set(under) == view._under_view == canvas.drawn
    corners = [canvas.to_world(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    bounds = (math.floor(max(xs) / TILE_M) - math.floor(min(xs) / TILE_M) + 1) * (
        math.floor(max(ys) / TILE_M) - math.floor(min(ys) / TILE_M) + 1
    )
    assert len(under) < 0.8 * bounds


def test_no_frame_spends_a_saved_credit_on_several_steps_at_once() -> None:
    view = make_view(straight_track())
    view._credit = 8.0
    view._spent = 0.0
    assert view._affords(7.0)  # a frame's first step runs whatever it costs, if the credit covers it
    view._spent = 3.0
    assert view._affords(FRAME_WORK_MAX_MS - 3.0)
    assert not view._affords(FRAME_WORK_MAX_MS - 2.9)
    view._credit = 1.0
    view._spent = 0.0
    assert not view._affords(1.5)
    view.work_budget_ms = 1e9  # the bench's "paint everything ahead" setting is not capped
    view._credit = 1e9
    view._spent = 40.0
    assert view._affords(9.0)
