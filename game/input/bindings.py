"""Which key or button does what: the defaults, the player's rebindings on top, and their conflicts.

Keyboard inputs are named as pygame names keys ("up", "w", "space", "f11", "left shift"); gamepad inputs as
SDL's game-controller layout names them ("a", "rightshoulder", "righttrigger", "dpup"), with the sticks' axes
split in halves ("leftx-" is the left stick pushed left, "lefty-" pushed up) and one gesture,
"rightstick-turn" (or "leftstick-turn"): the stick turned round, which winds the crown.

`game.settings.Bindings` stores only the player's overrides; `resolve` lays them over the defaults here. An
override naming an input that does not exist (a typo in config.toml: "Foo", "bigbutton") loses that name; one
left with no input at all keeps the action's default rather than leaving it unplayable (only an empty list
unbinds on purpose). `binding_problems` says what was skipped, for the log and the controls screen. The
controls screen edits with `rebind`, `unbind` and `reset_action`, shows `conflicts` and those problems, and
saves the result with the settings.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pygame

from game.input.actions import LABELS, Action, contexts_overlap
from game.input.devices import STICK_TURN_INPUTS, is_gamepad_input
from game.settings import BINDING_DEVICES, Bindings, quoted, shown_key

KEYBOARD = "keyboard"
GAMEPAD = "gamepad"

KEYBOARD_DEFAULTS: Mapping[Action, tuple[str, ...]] = MappingProxyType(
    {
        Action.STEER_LEFT: ("left", "a"),
        Action.STEER_RIGHT: ("right", "d"),
        Action.THROTTLE: ("up", "w"),
        Action.BRAKE: ("down", "s"),
        Action.HANDBRAKE: ("space",),
        Action.WIND: ("q",),
        Action.PUSHER: ("e",),
        Action.CROWN_BACK: ("2",),
        Action.CHECK_IN: ("1",),
        Action.GLANCE: ("left shift",),
        Action.RESTART: ("r",),
        Action.RECOVER: ("backspace",),
        Action.PAUSE: ("escape",),
        Action.SHIFT_UP: ("x",),
        Action.SHIFT_DOWN: ("z",),
        Action.CAMERA: ("c",),
        Action.GHOST: ("g",),
        Action.FULLSCREEN: ("f11",),
        Action.SKIP_LESSON: ("tab",),
        Action.MENU_UP: ("up", "w"),
        Action.MENU_DOWN: ("down", "s"),
        Action.MENU_LEFT: ("left", "a"),
        Action.MENU_RIGHT: ("right", "d"),
        Action.MENU_CONFIRM: ("return", "enter", "space"),
        Action.MENU_BACK: ("escape", "backspace"),
    }
)

GAMEPAD_DEFAULTS: Mapping[Action, tuple[str, ...]] = MappingProxyType(
    {
        Action.STEER_LEFT: ("leftx-", "dpleft"),
        Action.STEER_RIGHT: ("leftx+", "dpright"),
        Action.THROTTLE: ("righttrigger",),
        Action.BRAKE: ("lefttrigger",),
        Action.HANDBRAKE: ("a",),
        Action.WIND: ("rightstick-turn",),
        Action.PUSHER: ("rightshoulder",),
        Action.CROWN_BACK: ("dpdown",),
        Action.CHECK_IN: ("dpup",),
        Action.GLANCE: ("rightstick",),
        Action.RESTART: ("y",),
        Action.RECOVER: ("b",),
        Action.PAUSE: ("start",),
        Action.SHIFT_UP: ("x",),
        Action.SHIFT_DOWN: ("leftshoulder",),
        Action.CAMERA: ("back",),
        Action.GHOST: (),
        Action.FULLSCREEN: (),
        Action.SKIP_LESSON: ("leftstick",),
        Action.MENU_UP: ("dpup", "lefty-"),
        Action.MENU_DOWN: ("dpdown", "lefty+"),
        Action.MENU_LEFT: ("dpleft", "leftx-"),
        Action.MENU_RIGHT: ("dpright", "leftx+"),
        Action.MENU_CONFIRM: ("a",),
        Action.MENU_BACK: ("b",),
    }
)

DEFAULTS: Mapping[str, Mapping[Action, tuple[str, ...]]] = MappingProxyType(
    {KEYBOARD: KEYBOARD_DEFAULTS, GAMEPAD: GAMEPAD_DEFAULTS}
)

_ACTION_NAMES = frozenset(a.value for a in Action)

STICK_AXES_BY_SIDE = {"leftx": "left", "lefty": "left", "rightx": "right", "righty": "right"}

GAMEPAD_HOLD_S: Mapping[Action, float] = MappingProxyType({Action.RESTART: 0.5})
"""Gamepad actions that fire only after being held this long (a restart is too costly to hit by accident;
on the keyboard R restarts at once)."""


def key_code(name: str) -> int | None:
    """pygame's key code for a key name, or None when no key has that name."""
    with warnings.catch_warnings():
        # key names are SDL's static table; pygame warns only because the display may not be up yet
        warnings.simplefilter("ignore")
        try:
            return pygame.key.key_code(name)
        except ValueError:
            return None


def key_name(code: int) -> str:
    """The name bindings use for a key code (pygame's, lower case: "up", "left shift", "f11")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pygame.key.name(code)


def is_valid_input(device: str, name: str) -> bool:
    if device == KEYBOARD:
        return key_code(name) is not None
    return is_gamepad_input(name)


@dataclass(frozen=True, slots=True)
class BindingTable:
    """Every action's inputs per device: the defaults with the player's valid overrides laid over them."""

    keyboard: Mapping[Action, tuple[str, ...]]
    gamepad: Mapping[Action, tuple[str, ...]]

    def inputs(self, device: str, action: Action | str) -> tuple[str, ...]:
        return self._device(device)[Action(action)]

    def actions_for(self, device: str, input_name: str) -> tuple[Action, ...]:
        """The actions `input_name` triggers on `device`, in Action order."""
        return tuple(action for action, names in self._device(device).items() if input_name in names)

    def _device(self, device: str) -> Mapping[Action, tuple[str, ...]]:
        if device == KEYBOARD:
            return self.keyboard
        if device == GAMEPAD:
            return self.gamepad
        raise ValueError(f'unknown device "{device}", expected "keyboard" or "gamepad"')


def resolve(bindings: Bindings) -> BindingTable:
    """The table in force. Unknown actions and input names in the overrides are skipped, and an override
    left with no input keeps the default (see `binding_problems` for the messages); keyboard names are
    normalised ("Up" → "up")."""
    tables = {}
    for device in BINDING_DEVICES:
        table = dict(DEFAULTS[device])
        for action_name, inputs in bindings.overrides(device).items():
            usable = _usable_override(device, action_name, inputs)
            if usable is not None:
                table[Action(action_name)] = usable
        tables[device] = MappingProxyType({action: table[action] for action in Action})
    return BindingTable(keyboard=tables[KEYBOARD], gamepad=tables[GAMEPAD])


def _usable_override(device: str, action_name: str, inputs: tuple[str, ...]) -> tuple[str, ...] | None:
    """The inputs an override binds, or None when it cannot be used and the default stays: an unknown
    action, or a list whose every name is unknown (a deliberately empty list does unbind)."""
    if action_name not in _ACTION_NAMES:
        return None
    cleaned = _clean(device, inputs)
    return None if inputs and not cleaned else cleaned


def _clean(device: str, inputs: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for name in inputs:
        if not is_valid_input(device, name):
            continue
        canonical = key_name(key_code(name) or 0) if device == KEYBOARD else name
        if canonical not in names:
            names.append(canonical)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class BindingProblem:
    """An override `resolve` could not use as written: an unknown action, or input names that do not exist."""

    device: str
    action: Action | None
    """None for an action this version does not have."""
    unknown: tuple[str, ...]
    """The input names that do not exist (empty for an unknown action)."""
    kept_default: bool
    text: str
    """One line for the log and the controls screen, naming where in config.toml it is."""


def find_binding_problems(bindings: Bindings) -> list[BindingProblem]:
    """Every override `resolve` had to skip in part or whole, per device in file order."""
    problems = []
    for device in BINDING_DEVICES:
        for action_name, inputs in bindings.overrides(device).items():
            where = f"[bindings.{device}] {shown_key(action_name)}"
            if action_name not in _ACTION_NAMES:
                problems.append(BindingProblem(device, None, (), False, f"{where}: no such action (ignored)"))
                continue
            unknown = tuple(name for name in inputs if not is_valid_input(device, name))
            if not unknown:
                continue
            action = Action(action_name)
            noun = "key" if device == KEYBOARD else "gamepad input"
            if len(unknown) == 1:
                text = f"{where}: {quoted(unknown[0])} is not a {noun}"
            else:
                text = f"{where}: {', '.join(quoted(n) for n in unknown)} are not {noun}s"
            kept_default = _usable_override(device, action_name, inputs) is None
            if kept_default:
                defaults = ", ".join(display_name(device, n) for n in DEFAULTS[device][action]) or "none"
                text += f"; {LABELS[action]} keeps its default ({defaults})"
            else:
                text += " (ignored)"
            problems.append(BindingProblem(device, action, unknown, kept_default, text))
    return problems


def binding_problems(bindings: Bindings) -> list[str]:
    """Human-readable notes on overrides that `resolve` had to skip (empty when all are usable)."""
    return [problem.text for problem in find_binding_problems(bindings)]


@dataclass(frozen=True, slots=True)
class Conflict:
    """One input that would trigger several actions at once (same context, or a global action)."""

    device: str
    input_name: str
    actions: tuple[Action, ...]

    def describe(self) -> str:
        names = " and ".join(LABELS[a] for a in self.actions)
        return f"{display_name(self.device, self.input_name)} ({self.device}) does both {names}"


def conflicts(bindings: Bindings) -> list[Conflict]:
    """Every input that triggers two or more actions in one context, per device, in a stable order.

    A stick gesture overlaps its stick's axis halves: "rightstick-turn" for winding conflicts with
    "rightx+" bound to another driving action, since turning the stick round pushes it every way.
    """
    table = resolve(bindings)
    found: list[Conflict] = []
    for device in BINDING_DEVICES:
        pairs = [(action, name) for action in Action for name in table.inputs(device, action)]
        reported: list[tuple[frozenset[str], frozenset[Action]]] = []
        # gestures first, so a clash with one of their axis halves is reported once, under the gesture
        for name in sorted(dict.fromkeys(n for _, n in pairs), key=lambda n: -len(_physical_parts(n))):
            users = _overlapping_users(pairs, name)
            parts = _physical_parts(name)
            if len(users) < 2 or any(parts <= p and set(users) == u for p, u in reported):
                continue
            reported.append((parts, frozenset(users)))
            found.append(Conflict(device, name, users))
    return found


def _overlapping_users(pairs: list[tuple[Action, str]], name: str) -> tuple[Action, ...]:
    parts = _physical_parts(name)
    users = [action for action, other in pairs if parts & _physical_parts(other)]
    unique = list(dict.fromkeys(users))
    clashing = [a for a in unique if any(b != a and contexts_overlap(a, b) for b in unique)]
    return tuple(clashing)


def _physical_parts(name: str) -> frozenset[str]:
    side = STICK_TURN_INPUTS.get(name)
    if side is None:
        return frozenset((name,))
    return frozenset(f"{side}{axis}{sign}" for axis in "xy" for sign in "+-")


def rebind(
    bindings: Bindings,
    device: str,
    action: Action | str,
    input_name: str,
    *,
    slot: int = 0,
    steal: bool = False,
) -> Bindings:
    """`bindings` with `input_name` put in `action`'s slot (0 is the primary; a slot past the end appends).

    With `steal`, the input is taken off any other action it would conflict with (same context); without
    it, conflicts stay for the controls screen to show (`conflicts`). An action whose bindings end up equal
    to its defaults stores no override.
    """
    action = Action(action)
    if not is_valid_input(device, input_name):
        raise ValueError(f'"{input_name}" is not a {device} input')
    if device == KEYBOARD:
        input_name = key_name(key_code(input_name) or 0)
    table = resolve(bindings)
    inputs = list(table.inputs(device, action))
    if input_name in inputs:
        inputs.remove(input_name)
    slot = max(0, min(slot, len(inputs)))
    if slot < len(inputs):
        inputs[slot] = input_name
    else:
        inputs.append(input_name)
    updated = _set(bindings, device, action, tuple(dict.fromkeys(inputs)))
    if steal:
        parts = _physical_parts(input_name)
        for other in Action:
            if other == action or not contexts_overlap(other, action):
                continue
            kept = tuple(n for n in table.inputs(device, other) if not parts & _physical_parts(n))
            if kept != table.inputs(device, other):
                updated = _set(updated, device, other, kept)
    return updated


def unbind(bindings: Bindings, device: str, action: Action | str, input_name: str) -> Bindings:
    """`bindings` with `input_name` taken off `action` (the action may end up with no input)."""
    action = Action(action)
    kept = tuple(n for n in resolve(bindings).inputs(device, action) if n != input_name)
    return _set(bindings, device, action, kept)


def reset_action(bindings: Bindings, device: str, action: Action | str) -> Bindings:
    return bindings.without_override(device, str(Action(action)))


def _set(bindings: Bindings, device: str, action: Action, inputs: tuple[str, ...]) -> Bindings:
    if inputs == DEFAULTS[device][action]:
        return bindings.without_override(device, str(action))
    return bindings.with_override(device, str(action), inputs)


def capture_name(device: str, action: Action | str, input_name: str) -> str:
    """What a press captured on the controls screen binds: for winding on a gamepad, pushing a stick
    binds that stick's turn gesture rather than one direction of it."""
    if device == GAMEPAD and Action(action) == Action.WIND and input_name[:-1] in STICK_AXES_BY_SIDE:
        return f"{STICK_AXES_BY_SIDE[input_name[:-1]]}stick-turn"
    return input_name


_GAMEPAD_LABELS = {
    "a": "A",
    "b": "B",
    "x": "X",
    "y": "Y",
    "back": "Back",
    "guide": "Guide",
    "start": "Start",
    "leftstick": "Left stick click",
    "rightstick": "Right stick click",
    "leftshoulder": "Left shoulder",
    "rightshoulder": "Right shoulder",
    "dpup": "D-pad up",
    "dpdown": "D-pad down",
    "dpleft": "D-pad left",
    "dpright": "D-pad right",
    "lefttrigger": "Left trigger",
    "righttrigger": "Right trigger",
    "leftx-": "Left stick left",
    "leftx+": "Left stick right",
    "lefty-": "Left stick up",
    "lefty+": "Left stick down",
    "rightx-": "Right stick left",
    "rightx+": "Right stick right",
    "righty-": "Right stick up",
    "righty+": "Right stick down",
    "leftstick-turn": "Left stick turned round",
    "rightstick-turn": "Right stick turned round",
}


def display_name(device: str, input_name: str) -> str:
    """How the controls screen writes an input: "Up", "Left Shift", "Right trigger"."""
    if device == KEYBOARD:
        return input_name.title() if len(input_name) > 1 else input_name.upper()
    return _GAMEPAD_LABELS.get(input_name, input_name.capitalize())
