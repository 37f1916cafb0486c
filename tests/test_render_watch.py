"""The Lab One HUD as a player sees it: the tourbillon steps with the beats and holds still when braked or run
down, the red arrow follows the speed, the hands point where the movement says, and drawing never changes the
watch's state or paints outside the watch."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame
import pytest

from game.render.watch import WatchHud, make_window_icon, speed_arrow_deg
from game.render.watch import geometry as g
from game.render.watch.hands import arrow_anchor_mm
from game.render.watch.tourbillon import BRAKE_BEARING_DEG
from watch_core import LabOne, WatchState

HEIGHT_PX = 260
BACKGROUND = (0, 120, 0)
"""A green no part of the watch uses, so whatever the watch paints stands out from it."""


@pytest.fixture(scope="module")
def hud() -> WatchHud:
    return WatchHud(HEIGHT_PX)


def render(hud: WatchHud, watch: WatchState, speed_kmh: float = 0.0, **kwargs: object) -> np.ndarray:
    """Draw on a fresh opaque screen; the watch's case centred at (200, 200). Returns (x, y, rgb) pixels."""
    screen = pygame.Surface((400, 400))
    screen.fill(BACKGROUND)
    hud.draw(screen, (200, 200), watch, speed_kmh, **kwargs)  # type: ignore[arg-type]
    return pygame.surfarray.array3d(screen).astype(int)


def top_left(hud: WatchHud) -> tuple[int, int]:
    w, h = hud.size
    return (200 - w // 2, 200 - h // 2)


def pixel_at(hud: WatchHud, pixels: np.ndarray, point_mm: g.Point) -> tuple[int, int, int]:
    x, y = hud.to_px(top_left(hud), point_mm)
    r, gr, b = pixels[int(x), int(y)]
    return (int(r), int(gr), int(b))


def annulus(hud: WatchHud, pixels: np.ndarray, centre_mm: g.Point, r0_mm: float, r1_mm: float) -> np.ndarray:
    cx, cy = hud.to_px(top_left(hud), centre_mm)
    xs, ys = np.meshgrid(np.arange(pixels.shape[0]), np.arange(pixels.shape[1]), indexing="ij")
    d = np.hypot(xs + 0.5 - cx, ys + 0.5 - cy) / hud.px_per_mm
    return pixels[(d >= r0_mm) & (d <= r1_mm)]


def cage_pixels(hud: WatchHud, pixels: np.ndarray) -> np.ndarray:
    """The cage's rim, arms and escapement, outside the balance (which swings on its own)."""
    return annulus(hud, pixels, g.TOURBILLON_CENTRE, g.BALANCE_R + 0.6, g.CAGE_R)


def is_lume(rgb: tuple[int, int, int]) -> bool:
    r, gr, b = rgb
    return min(r, gr, b) > 150 and r >= b


def is_red(rgb: tuple[int, int, int]) -> bool:
    r, gr, b = rgb
    return r > 140 and gr < 0.6 * r and b < 0.6 * r


def running_watch() -> LabOne:
    return LabOne(time_of_day_s=10 * 3600 + 9 * 60 + 30, date=(1955, 5, 1))


# ---- the tourbillon ----------------------------------------------------------------------------------------------
def test_the_cage_steps_between_two_frames_one_beat_apart(hud: WatchHud) -> None:
    watch = running_watch()
    before = watch.state
    watch.advance(0.125)
    after = watch.state
    assert after.beats == before.beats + 1
    changed = np.any(cage_pixels(hud, render(hud, before)) != cage_pixels(hud, render(hud, after)), axis=-1)
    assert changed.sum() >= 20


def test_the_cage_holds_still_while_braked_whatever_else_moves(hud: WatchHud) -> None:
    watch = running_watch()
    watch.press()
    first = watch.state
    watch.advance(0.125)
    later = watch.state
    assert later.braked
    a = render(hud, first, 40.0, pusher=True)
    b = render(hud, later, 180.0, pusher=True, crown_turns=3.3)
    assert np.array_equal(cage_pixels(hud, a), cage_pixels(hud, b))


def test_the_cage_holds_still_once_run_down(hud: WatchHud) -> None:
    watch = LabOne(time_of_day_s=13 * 3600, date=(1955, 5, 2), wound_turns=0.0)
    first = watch.state
    watch.advance(2.0)
    later = watch.state
    assert not later.running
    assert np.array_equal(
        cage_pixels(hud, render(hud, first, 88.0)), cage_pixels(hud, render(hud, later, 88.0))
    )


def test_the_brake_caliper_clamps_the_cage_rim_only_when_braked(hud: WatchHud) -> None:
    watch = running_watch()
    rim = g.polar(g.TOURBILLON_CENTRE, BRAKE_BEARING_DEG, g.CAGE_R - 0.35)
    assert not is_red(pixel_at(hud, render(hud, watch.state), rim))
    watch.press()
    assert is_red(pixel_at(hud, render(hud, watch.state, pusher=True), rim))


def test_the_pusher_shows_pressed(hud: WatchHud) -> None:
    state = running_watch().state
    out, pressed = render(hud, state), render(hud, state, pusher=True)
    assert np.any(out != pressed)
    # the pressed pusher stands less proud of the case: fewer pixels of it outside the case's outline
    tl = top_left(hud)
    outline = [hud.to_px(tl, p) for p in g.CASE_OUTLINE]
    mask = pygame.Surface((400, 400))
    pygame.draw.polygon(mask, (255, 255, 255), outline)
    outside = pygame.surfarray.array3d(mask)[..., 0] == 0
    upper_right = np.zeros_like(outside)
    upper_right[200:, : 200 - int(10 * hud.px_per_mm)] = True
    painted = lambda px: np.any(px != BACKGROUND, axis=-1) & outside & upper_right  # noqa: E731
    assert painted(pressed).sum() < painted(out).sum()


# ---- the speed arrow ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("speed_kmh", [0.0, 60.0, 150.0, 231.0, 300.0])
def test_the_arrow_stands_where_the_speed_puts_it(hud: WatchHud, speed_kmh: float) -> None:
    state = running_watch().state
    here = arrow_anchor_mm(speed_arrow_deg(speed_kmh))
    assert is_red(pixel_at(hud, render(hud, state, speed_kmh), here))
    elsewhere = (speed_kmh + 120.0) % 300.0
    assert not is_red(pixel_at(hud, render(hud, state, elsewhere), here))


def test_the_arrow_moves_with_speed(hud: WatchHud) -> None:
    state = running_watch().state
    flange = annulus(hud, render(hud, state, 100.0), (0.0, 0.0), 12.0, 30.0)
    assert np.any(flange != annulus(hud, render(hud, state, 101.0), (0.0, 0.0), 12.0, 30.0))


# ---- the hands ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("minute_deg", [45.0, 100.0, 160.0, 230.0, 290.0])
def test_the_minute_hand_points_where_the_state_says(hud: WatchHud, minute_deg: float) -> None:
    base = running_watch().state
    elsewhere = (minute_deg + 150.0) % 360.0
    there = dataclasses.replace(base, minute_deg=minute_deg, hour_deg=elsewhere)
    gone = dataclasses.replace(base, minute_deg=elsewhere, hour_deg=elsewhere)
    for r_mm in (6.0, 9.0, 11.5):
        p = g.polar(g.HANDS_PIVOT, minute_deg, r_mm)
        assert is_lume(pixel_at(hud, render(hud, there), p)), r_mm
        assert not is_lume(pixel_at(hud, render(hud, gone), p)), r_mm


@pytest.mark.parametrize("hour_deg", [30.0, 135.0, 250.0])
def test_the_hour_hand_points_where_the_state_says(hud: WatchHud, hour_deg: float) -> None:
    base = running_watch().state
    elsewhere = (hour_deg + 180.0) % 360.0
    there = dataclasses.replace(base, hour_deg=hour_deg, minute_deg=elsewhere)
    gone = dataclasses.replace(base, hour_deg=elsewhere, minute_deg=elsewhere)
    p = g.polar(g.HANDS_PIVOT, hour_deg, 5.0)
    assert is_lume(pixel_at(hud, render(hud, there), p))
    assert not is_lume(pixel_at(hud, render(hud, gone), p))


def test_the_date_hand_flies_back_at_the_months_end(hud: WatchHud) -> None:
    watch = LabOne(time_of_day_s=23 * 3600 + 59 * 60 + 50, date=(1955, 5, 31))
    last_day = watch.state
    watch.advance(12.0)
    first_day = watch.state
    assert (last_day.date, first_day.date) == ((1955, 5, 31), (1955, 6, 1))
    end_of_arc = g.polar(g.DATE_PIVOT, last_day.date_hand_deg, g.SUBDIAL_ARC_R - 1.2)
    assert pixel_at(hud, render(hud, last_day), end_of_arc) != pixel_at(
        hud, render(hud, first_day), end_of_arc
    )


# ---- drawing is a pure read --------------------------------------------------------------------------------------
def test_drawing_never_changes_the_watch_state(hud: WatchHud) -> None:
    state = running_watch().state
    copy = dataclasses.replace(state)
    render(hud, state, 123.0, crown_turns=2.5, winding=True)
    render(hud, state, 0.0, pusher=True)
    assert state == copy


def test_the_same_inputs_draw_the_same_pixels(hud: WatchHud) -> None:
    state = running_watch().state
    assert np.array_equal(render(hud, state, 77.0), render(hud, state, 77.0))


@pytest.mark.parametrize("height_px", [90, 180, 340])
def test_it_draws_at_any_size_within_the_rect_it_returns(height_px: int) -> None:
    small = WatchHud(height_px, units="mph")
    assert small.size[1] == height_px
    screen = pygame.Surface((500, 500))
    screen.fill(BACKGROUND)
    rect = small.draw(screen, (250, 250), running_watch().state, 100.0)
    assert rect.size == small.size
    assert rect.center == (250, 250)
    painted = np.any(pygame.surfarray.array3d(screen) != BACKGROUND, axis=-1)
    inside = np.zeros_like(painted)
    inside[rect.left : rect.right, rect.top : rect.bottom] = True
    assert painted[inside].mean() > 0.5
    assert not painted[~inside].any()


def test_nothing_behind_the_watch_shows_through_its_case(hud: WatchHud) -> None:
    state = running_watch().state
    grounds = []
    for ground in ((0, 0, 0), (255, 255, 255)):
        screen = pygame.Surface((400, 400))
        screen.fill(ground)
        hud.draw(screen, (200, 200), state, 120.0)
        grounds.append(pygame.surfarray.array3d(screen).astype(int))
    inside = pygame.Surface((400, 400))
    tl = top_left(hud)
    pygame.draw.polygon(inside, (255, 255, 255), [hud.to_px(tl, p) for p in g.inset(g.CASE_OUTLINE, 0.3)])
    mask = pygame.surfarray.array3d(inside)[..., 0] > 0
    # the blend's fixed-point rounding may let one level through; a hole would let the ground through
    assert np.abs(grounds[1] - grounds[0])[mask].max() <= 2


def test_units_must_be_kmh_or_mph() -> None:
    with pytest.raises(ValueError, match="units"):
        WatchHud(200, units="knots")


def test_the_window_icon_is_a_square_watch_on_transparency() -> None:
    icon = make_window_icon(48)
    assert icon.get_size() == (48, 48)
    assert icon.get_at((0, 0)).a == 0
    assert icon.get_at((24, 24)).a == 255
