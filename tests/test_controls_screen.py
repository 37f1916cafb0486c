"""The controls screen: rebinding through real key and pad events, conflicts, cancelling, saving, drawing.

Events reach the scene as `game.app.run_frame` sends them: through the InputMapper while the table is browsed,
raw (no actions) while a prompt waits, so a captured key that is also "menu back" or "menu down" binds rather
than leaving or moving. The last test drives the real context and `run_frame` itself.
"""

from __future__ import annotations

import logging

import pygame
import pytest
from scene_helpers import ScreenContext, send, tap

from game.app import run_frame
from game.commands.play import build_context
from game.frame_clock import FixedStepClock
from game.input.devices import OpenedDevice
from game.input.mapper import InputMapper
from game.render.screens.controls_view import (
    COLUMN_W,
    COLUMN_X,
    CONFLICT_RED,
    LIST_TOP,
    NOTICE_X,
    ROW_H,
    VISIBLE_ROWS,
)
from game.render.screens.screen_frame import RULE_Y
from game.scenes.base import Scene
from game.scenes.controls_screen import ControlsScene
from game.settings import Bindings, Settings, config_path, load_settings

PAD = 40
AXIS_MAX = 32767


class OnePad:
    """SDL's device layer with one pad at index 0 (mapped as a game controller unless told otherwise)."""

    def __init__(self, is_controller: bool = True) -> None:
        self.controller = is_controller

    def start(self) -> int:
        return 0

    def is_controller(self, device_index: int) -> bool:
        return self.controller

    def open(self, device_index: int, as_controller: bool) -> OpenedDevice | None:
        return OpenedDevice(PAD, "Test pad", None)

    def close(self, handle: object) -> None:
        pass


def open_controls(
    *, pad_is_controller: bool | None = None, settings: Settings | None = None
) -> tuple[ScreenContext, ControlsScene]:
    ctx = ScreenContext(settings)
    if pad_is_controller is not None:
        ctx.input = InputMapper(ctx.settings, backend=OnePad(pad_is_controller), scan=False)
        added = pygame.CONTROLLERDEVICEADDED if pad_is_controller else pygame.JOYDEVICEADDED
        ctx.input.handle_event(pygame.event.Event(added, device_index=0, guid=""))
    ctx.stack.push(Scene(ctx))  # type: ignore[arg-type]
    scene = ControlsScene(ctx)  # type: ignore[arg-type]
    ctx.stack.push(scene)
    return ctx, scene


def pad_axis(axis: int, value: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=PAD, axis=axis, value=value)


def pad_button(button: int, pressed: bool) -> pygame.event.Event:
    kind = pygame.CONTROLLERBUTTONDOWN if pressed else pygame.CONTROLLERBUTTONUP
    return pygame.event.Event(kind, instance_id=PAD, button=button)


def select(ctx: ScreenContext, scene: ControlsScene, label: str, column: int) -> None:
    while scene.view().rows[scene.cursor].label != label:
        tap(ctx, pygame.K_DOWN)
    while scene.column != column:
        tap(ctx, pygame.K_RIGHT)


def row(scene: ControlsScene, label: str):  # type: ignore[no-untyped-def]
    return next(r for r in scene.view().rows if r.label == label)


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()
    pygame.font.init()


def test_rebinding_wind_to_a_free_key_is_saved_and_drives() -> None:
    ctx, scene = open_controls()
    select(ctx, scene, "Wind the crown", 0)
    assert row(scene, "Wind the crown").cells == ("Q", "Right stick turned round")
    tap(ctx, pygame.K_RETURN)
    assert scene.view().prompt == "Press a key…  (Esc cancels)"
    tap(ctx, pygame.K_k)

    assert scene.capturing is None
    assert ctx.settings.bindings == Bindings.from_mappings(keyboard={"wind": ("k",)})
    assert row(scene, "Wind the crown").cells[0] == "K"
    assert not any(any(r.conflicted) for r in scene.view().rows)
    reloaded = load_settings().settings
    assert reloaded == ctx.settings
    mapper = InputMapper(reloaded, scan=False)  # a new session with the saved file: K winds, Q no longer
    mapper.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=0, unicode="q", scancode=0))
    mapper.sample()
    assert not mapper.controls.winding
    mapper.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_k, mod=0, unicode="k", scancode=0))
    mapper.sample()
    assert mapper.controls.winding


def test_a_key_used_by_another_driving_action_shows_the_conflict_on_both_rows() -> None:
    ctx, scene = open_controls()
    select(ctx, scene, "Wind the crown", 0)
    tap(ctx, pygame.K_RETURN)
    tap(ctx, pygame.K_BACKSPACE)  # "back on the road", and "menu back": bound, not leaving the screen

    assert ctx.stack.top is scene
    assert ctx.settings.bindings.overrides("keyboard") == {"wind": ("backspace",)}
    wind, recover = row(scene, "Wind the crown"), row(scene, "Back on the road")
    assert wind.conflicted == (True, False) and recover.conflicted == (True, False)
    assert wind.note == "Key: Backspace also Back on the road"
    assert recover.note == "Key: Backspace also Wind the crown"
    assert scene.view().footer == (
        "Conflict: Backspace (keyboard) does both Wind the crown and Back on the road. Rebind one of them."
    )
    assert row(scene, "Menu back").conflicted == (False, False)  # menus and driving may share a key
    assert load_settings().settings.bindings == ctx.settings.bindings


def test_escape_cancels_a_capture_and_a_second_escape_leaves() -> None:
    ctx, scene = open_controls()
    select(ctx, scene, "Throttle", 0)
    tap(ctx, pygame.K_RETURN)
    assert scene.capturing == ("keyboard", "throttle")
    tap(ctx, pygame.K_ESCAPE)
    assert scene.capturing is None
    assert ctx.applied == []
    assert ctx.stack.top is scene
    assert scene.view().footer == "Cancelled: nothing changed."
    tap(ctx, pygame.K_ESCAPE)
    assert ctx.stack.top is not scene


def test_the_key_that_opened_the_prompt_repeating_is_not_taken_as_the_answer() -> None:
    ctx, scene = open_controls()
    select(ctx, scene, "Handbrake", 0)
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    send(ctx, enter)
    send(ctx, enter)  # the OS repeating the held key
    assert scene.capturing == ("keyboard", "handbrake")
    send(ctx, pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    tap(ctx, pygame.K_RETURN)  # pressed again on purpose: Return it is
    assert ctx.settings.bindings.overrides("keyboard") == {"handbrake": ("return",)}


def test_gamepad_capture_reads_buttons_triggers_and_sticks_from_raw_events() -> None:
    ctx, scene = open_controls(pad_is_controller=True)
    select(ctx, scene, "Pusher (stop the tourbillon)", 1)
    tap(ctx, pygame.K_RETURN)
    assert scene.raw_input
    send(ctx, pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, AXIS_MAX // 4))
    assert scene.capturing is not None  # a quarter pull of the trigger is not a press
    # SDL also sends the raw joystick event of a mapped pad: it names nothing, the controller event does
    send(ctx, pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=PAD, button=0))
    assert scene.capturing is not None
    send(ctx, pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, AXIS_MAX))
    assert not scene.raw_input
    assert ctx.settings.bindings.overrides("gamepad") == {"pusher": ("righttrigger",)}
    assert row(scene, "Pusher (stop the tourbillon)").cells[1] == "Right trigger"
    assert row(scene, "Throttle").note == "Pad: Right trigger also Pusher (stop the tourbillon)"

    select(ctx, scene, "Wind the crown", 1)
    tap(ctx, pygame.K_RETURN)
    assert "turn round to wind" in scene.view().prompt
    send(ctx, pad_axis(pygame.CONTROLLER_AXIS_LEFTX, -AXIS_MAX))
    assert ctx.settings.bindings.overrides("gamepad")["wind"] == ("leftstick-turn",)
    assert row(scene, "Wind the crown").cells[1] == "Left stick turned round"
    assert row(scene, "Steer left").conflicted[1]  # turning the left stick round pushes it left too


def test_a_pad_opens_the_prompt_and_the_held_menu_button_it_binds_does_not_scroll() -> None:
    ctx, scene = open_controls(pad_is_controller=True)
    select(ctx, scene, "Handbrake", 1)
    send(ctx, pad_button(pygame.CONTROLLER_BUTTON_A, True))  # A is "menu confirm": it opens the prompt
    send(ctx, pad_button(pygame.CONTROLLER_BUTTON_A, False))
    assert scene.capturing == ("gamepad", "handbrake")
    send(ctx, pad_button(pygame.CONTROLLER_BUTTON_DPAD_DOWN, True))  # "menu down" too, held on
    assert ctx.settings.bindings.overrides("gamepad") == {"handbrake": ("dpdown",)}
    cursor = scene.cursor
    scene.handle(pygame.event.Event(pygame.NOEVENT), ctx.input.update(1.0))  # held a second: no repeat
    assert scene.cursor == cursor


def test_an_unmapped_joystick_is_captured_by_its_fallback_names() -> None:
    ctx, scene = open_controls(pad_is_controller=False)
    select(ctx, scene, "Handbrake", 1)
    tap(ctx, pygame.K_RETURN)
    send(ctx, pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=PAD, button=5))
    assert scene.capturing is None
    assert ctx.settings.bindings.overrides("gamepad") == {"handbrake": ("rightshoulder",)}


def test_reset_to_defaults_puts_every_binding_back() -> None:
    ctx, scene = open_controls()
    select(ctx, scene, "Wind the crown", 0)
    tap(ctx, pygame.K_RETURN)
    tap(ctx, pygame.K_w)
    assert row(scene, "Throttle").conflicted[0]
    select(ctx, scene, "Reset to defaults", 0)
    assert scene.scroll > 0 and scene.scroll <= scene.cursor < scene.scroll + VISIBLE_ROWS
    tap(ctx, pygame.K_RETURN)
    assert ctx.settings.bindings == Bindings()
    assert load_settings().settings == Settings()
    assert not any(any(r.conflicted) for r in scene.view().rows)


def test_both_states_draw_at_720p_with_the_conflict_in_red() -> None:
    ctx, scene = open_controls()
    surface = pygame.Surface((1280, 720))
    scene.draw(surface, 0.0)
    select(ctx, scene, "Wind the crown", 0)
    tap(ctx, pygame.K_RETURN)
    scene.draw(surface, 0.0)  # the prompt
    tap(ctx, pygame.K_w)
    tap(ctx, pygame.K_UP)  # off the row, so the throttle's keyboard cell is drawn plainly
    scene.draw(surface, 0.0)
    throttle_y = LIST_TOP + scene.view().rows.index(row(scene, "Throttle")) * ROW_H
    cell = surface.subsurface(pygame.Rect(COLUMN_X[0], throttle_y, COLUMN_W[0], ROW_H))
    brake_cell = surface.subsurface(pygame.Rect(COLUMN_X[0], throttle_y + ROW_H, COLUMN_W[0], ROW_H))
    red = pygame.Color(*CONFLICT_RED)
    assert pygame.transform.threshold(None, cell, red, (40, 40, 40, 255), set_behavior=0) > 30
    assert pygame.transform.threshold(None, brake_cell, red, (40, 40, 40, 255), set_behavior=0) == 0


def red_pixels(surface: pygame.Surface) -> int:
    return pygame.transform.threshold(
        None, surface, pygame.Color(*CONFLICT_RED), (40, 40, 40, 255), set_behavior=0
    )


def test_a_binding_to_a_key_that_does_not_exist_is_shown_logged_and_the_default_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config_path().write_text('[bindings.keyboard]\nthrottle = ["Foo"]\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.warning is None  # the file itself is sound: only the name in it is not a key
    with caplog.at_level(logging.WARNING, logger="game.input.mapper"):
        ctx, scene = open_controls(settings=loaded.settings)
    problem = '[bindings.keyboard] throttle: "Foo" is not a key; Throttle keeps its default (Up, W)'
    assert [record.getMessage() for record in caplog.records] == [f"Bindings: {problem}."]

    throttle = row(scene, "Throttle")
    assert throttle.cells[0] == "Up, W" and throttle.note == 'Key: "Foo" unknown, default kept'
    assert scene.view().notice == f"Not used from config.toml: {problem}"
    select(ctx, scene, "Throttle", 0)
    assert scene.view().footer == f"Not used: {problem}. Enter: new key for Throttle."
    surface = pygame.Surface((1280, 720))
    scene.draw(surface, 0.0)
    assert red_pixels(surface.subsurface(pygame.Rect(NOTICE_X, 0, 1280 - NOTICE_X, RULE_Y))) > 200

    driver = InputMapper(loaded.settings, scan=False)  # and in a race, the default key drives
    driver.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))
    driver.sample()
    assert driver.controls.throttle == 1.0

    tap(ctx, pygame.K_RETURN)  # binding the action anew replaces the bad entry
    tap(ctx, pygame.K_t)
    assert load_settings().settings.bindings.overrides("keyboard") == {"throttle": ("t", "w")}
    assert scene.view().notice == "" and row(scene, "Throttle").note == ""
    scene.draw(surface, 0.0)
    assert red_pixels(surface.subsurface(pygame.Rect(NOTICE_X, 0, 1280 - NOTICE_X, RULE_Y))) == 0


def test_names_from_a_damaged_file_are_drawn_escaped_and_cut_short() -> None:
    bindings = Bindings.from_mappings(keyboard={"throttle": ["\x00" * 50], "fly\x00": ["q"]})
    _, scene = open_controls(settings=Settings(bindings=bindings))
    assert row(scene, "Throttle").note == 'Key: "' + "\\x00" * 32 + '…" unknown, default kept'
    assert '"fly\\x00": no such action' in scene.view().notice
    surface = pygame.Surface((1280, 720))
    scene.draw(surface, 0.0)  # pygame refuses to draw a NUL: none reaches it
    assert red_pixels(surface.subsurface(pygame.Rect(NOTICE_X, 0, 1280 - NOTICE_X, RULE_Y))) > 200


def test_the_real_frame_loop_hands_the_prompt_raw_keys_and_the_binding_is_saved() -> None:
    ctx = build_context()
    try:
        ctx.stack.push(Scene(ctx))
        scene = ControlsScene(ctx)
        ctx.stack.push(scene)
        clock = FixedStepClock()

        def frame_with(key: int) -> None:
            for kind in (pygame.KEYDOWN, pygame.KEYUP):
                pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))
            run_frame(ctx, clock, 0.016)

        while scene.view().rows[scene.cursor].label != "Wind the crown":
            frame_with(pygame.K_DOWN)
        frame_with(pygame.K_RETURN)
        assert scene.capturing == ("keyboard", "wind")
        frame_with(pygame.K_j)

        assert scene.capturing is None and ctx.stack.top is scene
        assert ctx.settings.bindings.overrides("keyboard") == {"wind": ("j",)}
        assert load_settings().settings.bindings == ctx.settings.bindings
        wind_row = scene.cursor
        frame_with(pygame.K_DOWN)  # mapped again once the prompt has closed
        assert scene.cursor == wind_row + 1
    finally:  # not ctx.shutdown(): pygame.quit() would void the fonts other tests have cached
        ctx.audio.close()
        ctx.input.close()
