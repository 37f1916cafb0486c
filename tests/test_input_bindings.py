"""Bindings: the defaults are usable as shipped, rebinding edits only what it must, conflicts are found."""

from __future__ import annotations

import pygame
import pytest

from game.input.actions import Action
from game.input.bindings import (
    GAMEPAD_DEFAULTS,
    KEYBOARD_DEFAULTS,
    Conflict,
    binding_problems,
    conflicts,
    display_name,
    is_valid_input,
    rebind,
    reset_action,
    resolve,
    unbind,
)
from game.settings import Bindings


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()


def test_every_action_has_a_default_on_each_device_list() -> None:
    assert set(KEYBOARD_DEFAULTS) == set(Action)
    assert set(GAMEPAD_DEFAULTS) == set(Action)
    assert all(KEYBOARD_DEFAULTS[a] for a in Action)


def test_the_defaults_name_real_inputs_and_do_not_conflict() -> None:
    for action in Action:
        assert all(is_valid_input("keyboard", name) for name in KEYBOARD_DEFAULTS[action]), action
        assert all(is_valid_input("gamepad", name) for name in GAMEPAD_DEFAULTS[action]), action
    assert conflicts(Bindings()) == []
    assert binding_problems(Bindings()) == []


def test_the_documented_defaults() -> None:
    table = resolve(Bindings())
    assert table.inputs("keyboard", Action.THROTTLE) == ("up", "w")
    assert table.inputs("keyboard", Action.WIND) == ("q",)
    assert table.inputs("keyboard", Action.PUSHER) == ("e",)
    assert table.inputs("keyboard", Action.FULLSCREEN) == ("f11",)
    assert table.inputs("gamepad", Action.WIND) == ("rightstick-turn",)
    assert table.inputs("gamepad", Action.PUSHER) == ("rightshoulder",)
    assert table.actions_for("keyboard", "up") == (Action.THROTTLE, Action.MENU_UP)


def test_sharing_a_key_across_contexts_is_not_a_conflict_but_within_one_is() -> None:
    bindings = rebind(Bindings(), "keyboard", "throttle", "space")
    assert conflicts(bindings) == [Conflict("keyboard", "space", (Action.THROTTLE, Action.HANDBRAKE))]
    assert conflicts(bindings)[0].describe() == "Space (keyboard) does both Throttle and Handbrake"


def test_a_global_action_conflicts_with_everything() -> None:
    bindings = rebind(Bindings(), "keyboard", "fullscreen", "return")
    assert conflicts(bindings) == [Conflict("keyboard", "return", (Action.FULLSCREEN, Action.MENU_CONFIRM))]


def test_a_stick_gesture_conflicts_with_its_own_axis_halves() -> None:
    bindings = rebind(Bindings(), "gamepad", "camera", "righty+")
    assert conflicts(bindings) == [Conflict("gamepad", "rightstick-turn", (Action.WIND, Action.CAMERA))]


def test_steal_takes_the_input_off_the_conflicting_action() -> None:
    bindings = rebind(Bindings(), "keyboard", "throttle", "space", steal=True)
    table = resolve(bindings)
    assert table.inputs("keyboard", Action.THROTTLE) == ("space", "w")
    assert table.inputs("keyboard", Action.HANDBRAKE) == ()
    assert table.inputs("keyboard", Action.MENU_CONFIRM) == ("return", "enter", "space")  # other context
    assert conflicts(bindings) == []


def test_slots_replace_or_append_and_names_are_normalised() -> None:
    bindings = rebind(Bindings(), "keyboard", "brake", "Left Shift", slot=1)
    assert resolve(bindings).inputs("keyboard", Action.BRAKE) == ("down", "left shift")
    bindings = rebind(bindings, "keyboard", "brake", "b", slot=5)
    assert resolve(bindings).inputs("keyboard", Action.BRAKE) == ("down", "left shift", "b")
    assert bindings.overrides("keyboard") == {"brake": ("down", "left shift", "b")}


def test_back_to_defaults_stores_no_override() -> None:
    bindings = rebind(Bindings(), "keyboard", "wind", "f")
    assert reset_action(bindings, "keyboard", "wind") == Bindings()
    assert rebind(bindings, "keyboard", "wind", "q") == Bindings()
    assert unbind(Bindings(), "gamepad", "pusher", "rightshoulder").overrides("gamepad") == {"pusher": ()}


def test_rebinding_refuses_inputs_that_do_not_exist() -> None:
    with pytest.raises(ValueError, match="not a keyboard input"):
        rebind(Bindings(), "keyboard", "wind", "hyperkey")
    with pytest.raises(ValueError, match="not a gamepad input"):
        rebind(Bindings(), "gamepad", "wind", "q")
    with pytest.raises(ValueError):
        rebind(Bindings(), "keyboard", "fly", "f")


def test_problems_name_what_was_skipped() -> None:
    bindings = Bindings.from_mappings(keyboard={"fly": ["f"]}, gamepad={"wind": ["bigbutton", "x"]})
    assert binding_problems(bindings) == [
        "[bindings.keyboard] fly: no such action (ignored)",
        '[bindings.gamepad] wind: "bigbutton" is not a gamepad input (ignored)',
    ]
    assert resolve(bindings).inputs("gamepad", Action.WIND) == ("x",)


def test_an_action_given_only_keys_that_do_not_exist_keeps_its_default() -> None:
    bindings = Bindings.from_mappings(keyboard={"throttle": ["Foo"], "brake": ["Foo", "Bar"], "wind": []})
    table = resolve(bindings)
    assert table.inputs("keyboard", Action.THROTTLE) == ("up", "w")
    assert table.inputs("keyboard", Action.BRAKE) == ("down", "s")
    assert table.inputs("keyboard", Action.WIND) == ()  # an empty list unbinds, as the player asked
    assert binding_problems(bindings) == [
        '[bindings.keyboard] brake: "Foo", "Bar" are not keys; Brake keeps its default (Down, S)',
        '[bindings.keyboard] throttle: "Foo" is not a key; Throttle keeps its default (Up, W)',
    ]


def test_names_from_a_damaged_file_are_shown_short_and_printable() -> None:
    bindings = Bindings.from_mappings(keyboard={"throttle": ["\x00" * 100], "a b": ["q"]})
    assert binding_problems(bindings) == [
        '[bindings.keyboard] "a b": no such action (ignored)',
        '[bindings.keyboard] throttle: "'
        + "\\x00" * 32
        + '…" is not a key; Throttle keeps its default (Up, W)',
    ]


def test_display_names() -> None:
    assert display_name("keyboard", "up") == "Up"
    assert display_name("keyboard", "q") == "Q"
    assert display_name("keyboard", "left shift") == "Left Shift"
    assert display_name("gamepad", "righttrigger") == "Right trigger"
    assert display_name("gamepad", "rightstick-turn") == "Right stick turned round"
