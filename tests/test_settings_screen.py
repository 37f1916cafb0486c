"""The settings screen, driven by real key presses through the InputMapper as the app's frame loop does."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest
from scene_helpers import ScreenContext, tap

from game.render.screens.screen_frame import KEYS_BAND_H
from game.render.screens.settings_view import draw_settings
from game.scenes.base import Scene
from game.scenes.settings_screen import PAGES, TITLE, SettingsScene
from game.settings import (
    AudioSettings,
    DisplaySettings,
    GameplaySettings,
    Settings,
    load_settings,
)
from game.sim.cars import DEFAULT_CAR_ID


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()
    pygame.font.init()


def open_screen(settings: Settings | None = None) -> tuple[ScreenContext, SettingsScene]:
    ctx = ScreenContext(settings)
    ctx.stack.push(Scene(ctx))  # type: ignore[arg-type]
    scene = SettingsScene(ctx)  # type: ignore[arg-type]
    ctx.stack.push(scene)
    return ctx, scene


def go_to(ctx: ScreenContext, scene: SettingsScene, page: str, label: str) -> None:
    """From the tabs: turn right to `page`, then down to the item called `label`."""
    assert scene.menu.cursor == 0
    while PAGES[scene.page] != page:
        tap(ctx, pygame.K_RIGHT)
    while scene.menu.current.label != label:
        tap(ctx, pygame.K_DOWN)


def test_difficulty_change_is_applied_saved_and_reloads() -> None:
    ctx, scene = open_screen()
    go_to(ctx, scene, "Watch & car", "Difficulty")
    assert scene.menu.current.value == "Normal"
    assert "150 s (2:30)" in scene.menu.current.hint
    assert ctx.applied == []  # turning pages and moving the cursor change nothing

    tap(ctx, pygame.K_RIGHT)

    expected = replace(Settings(), gameplay=GameplaySettings(difficulty="hard"))
    assert ctx.applied == [expected]
    assert load_settings().settings == expected
    assert scene.menu.current.value == "Hard"
    assert "100 s (1:40)" in scene.menu.current.hint

    tap(ctx, pygame.K_ESCAPE)
    assert ctx.stack.top is not scene and len(ctx.stack) == 1
    assert ctx.audio.sounds[-1] == "back"


def test_every_setting_cycles_round_one_value_at_a_time() -> None:
    """Each step of an item gives new settings; a full turn of its choices comes back to the start."""
    start = Settings(gameplay=GameplaySettings(car_id=DEFAULT_CAR_ID))  # "" would come back as the id
    ctx, scene = open_screen(start)
    for page_index, page in enumerate(PAGES):
        scene._turn_page(page_index)
        scene.menu.cursor = 0
        for position in range(1, len(scene.menu.items) - 1):
            item = scene.menu.items[position]
            scene.menu.cursor = position
            before = len(ctx.applied)
            for _ in item.choices:
                scene.handle(pygame.event.Event(pygame.USEREVENT), ["menu_right"])
            steps = ctx.applied[before:]
            assert len(steps) == len(item.choices), (page, item.label)
            assert len(set(steps)) == len(item.choices), (page, item.label)
            assert ctx.settings == start, (page, item.label)
            assert item.hint, (page, item.label)


def test_value_from_a_hand_edited_file_is_shown_and_kept() -> None:
    odd = Settings(
        display=DisplaySettings(window_width=1366, window_height=768), audio=AudioSettings(master=0.85)
    )
    ctx, scene = open_screen(odd)
    go_to(ctx, scene, "Display", "Window size")
    assert scene.menu.current.value == "1366 × 768"
    assert scene.menu.current.choices == (
        "1280 × 720",
        "1366 × 768",
        "1600 × 900",
        "1920 × 1080",
        "2560 × 1440",
    )
    tap(ctx, pygame.K_UP)
    tap(ctx, pygame.K_RIGHT)
    go_to(ctx, scene, "Sound", "Master volume")
    assert scene.menu.current.value == "85 %"
    assert ctx.applied == []
    tap(ctx, pygame.K_RIGHT)
    assert ctx.settings.audio.master == 0.9


def test_car_number_shows_its_start_time() -> None:
    ctx, scene = open_screen()
    go_to(ctx, scene, "Watch & car", "Car number")
    item = scene.menu.current
    assert item.value == "#722  ·  07:22"
    assert "#722 leaves Brescia at 07:22" in item.hint
    tap(ctx, pygame.K_LEFT)
    assert ctx.settings.gameplay.car_number == 625
    assert item.value == "#625  ·  06:25"
    assert "at 06:25" in item.hint


def test_flyback_and_car_hints() -> None:
    ctx, scene = open_screen()
    go_to(ctx, scene, "Watch & car", "Assisted fly-back")
    assert scene.menu.current.hint == "Hold the pusher 1 s to return the seconds to 0; off = purist."
    tap(ctx, pygame.K_RETURN)
    assert ctx.settings.gameplay.assisted_flyback is False
    tap(ctx, pygame.K_DOWN)
    assert scene.menu.current.label == "Car"
    assert scene.menu.current.value == "Mercedes-Benz 300 SLR"
    tap(ctx, pygame.K_RIGHT)
    assert ctx.settings.gameplay.car_id == "porsche_550_spyder"
    assert scene.menu.current.hint.startswith("1954. Light and nimble")  # the car file's year and description


def test_back_item_leaves_and_start_button_too() -> None:
    ctx, scene = open_screen()
    tap(ctx, pygame.K_UP)  # from the tabs up wraps round to "Back"
    assert scene.menu.current.label == "Back"
    tap(ctx, pygame.K_RETURN)
    assert len(ctx.stack) == 1
    ctx.stack.push(scene)
    scene.handle(pygame.event.Event(pygame.USEREVENT), ["pause"])
    assert len(ctx.stack) == 1


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_every_page_fits_720p_without_overlap(page: int) -> None:
    _, scene = open_screen()
    scene._turn_page(page)
    surface = pygame.Surface((1280, 720))
    screen = surface.get_rect()
    for position in range(len(scene.menu.items)):
        scene.menu.cursor = position
        scene.draw(surface, 0.0)
        panel, hint = draw_settings(surface, TITLE, PAGES, scene.page, scene.menu)
        assert screen.contains(panel)
        assert hint is not None and screen.contains(hint)
        assert hint.top > panel.bottom and hint.bottom <= screen.height - KEYS_BAND_H


def test_clear_road_takes_the_field_off_the_road_and_is_saved() -> None:
    ctx, scene = open_screen()
    go_to(ctx, scene, "Race", "Clear road")
    assert scene.menu.current.value == "Off"
    assert "field is on the road" in scene.menu.current.hint

    tap(ctx, pygame.K_RIGHT)

    expected = replace(Settings(), gameplay=GameplaySettings(clear_road=True))
    assert ctx.applied == [expected]
    assert load_settings().settings.gameplay.clear_road is True
    assert scene.menu.current.value == "On"
    assert scene.menu.current.hint == "Race alone: no other car on the road, no standings."
