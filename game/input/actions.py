"""What the player can ask for, whatever key or button asks it (docs/design.md §7).

Actions are string enums so they compare equal to their plain names ("restart" == Action.RESTART), which is
how they are stored in config.toml and returned by `InputMapper.handle_event`.

Every action belongs to a context. Two actions conflict only when one input triggers both in the same context:
the throttle and "menu up" may share the Up arrow (one drives, the other moves a menu cursor), but the
throttle and the handbrake may not. Global actions (fullscreen) conflict with everything.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    STEER_LEFT = "steer_left"
    STEER_RIGHT = "steer_right"
    THROTTLE = "throttle"
    BRAKE = "brake"
    HANDBRAKE = "handbrake"
    WIND = "wind"
    PUSHER = "pusher"
    CROWN_BACK = "crown_back"
    CHECK_IN = "check_in"
    GLANCE = "glance"
    RESTART = "restart"
    RECOVER = "recover"
    PAUSE = "pause"
    SHIFT_UP = "shift_up"
    SHIFT_DOWN = "shift_down"
    CAMERA = "camera"
    GHOST = "ghost"
    FULLSCREEN = "fullscreen"
    SKIP_LESSON = "skip_lesson"
    MENU_UP = "menu_up"
    MENU_DOWN = "menu_down"
    MENU_LEFT = "menu_left"
    MENU_RIGHT = "menu_right"
    MENU_CONFIRM = "menu_confirm"
    MENU_BACK = "menu_back"


DRIVE = "drive"
MENU = "menu"
GLOBAL = "global"

HELD_ACTIONS: tuple[Action, ...] = (
    Action.STEER_LEFT,
    Action.STEER_RIGHT,
    Action.THROTTLE,
    Action.BRAKE,
    Action.HANDBRAKE,
    Action.WIND,
    Action.PUSHER,
    Action.CROWN_BACK,
    Action.GLANCE,
)
"""Read continuously into each tick's input record while held."""

PRESS_ACTIONS: tuple[Action, ...] = tuple(a for a in Action if a not in HELD_ACTIONS)
"""Fire once per press: `InputMapper.handle_event` (or `update`, for held-to-fire ones) returns them."""

RECORD_PRESS_ACTIONS: tuple[Action, ...] = (
    Action.SHIFT_UP,
    Action.SHIFT_DOWN,
    Action.RECOVER,
    Action.CHECK_IN,
)
"""Presses that also reach the simulation: latched into the next tick's record (so replays carry them)."""

MENU_ACTIONS: tuple[Action, ...] = (
    Action.MENU_UP,
    Action.MENU_DOWN,
    Action.MENU_LEFT,
    Action.MENU_RIGHT,
    Action.MENU_CONFIRM,
    Action.MENU_BACK,
)

REPEATING_ACTIONS: tuple[Action, ...] = (
    Action.MENU_UP,
    Action.MENU_DOWN,
    Action.MENU_LEFT,
    Action.MENU_RIGHT,
)
"""Menu moves repeat while held, like a text cursor."""

CONTEXT: dict[Action, str] = {a: MENU if a in MENU_ACTIONS else DRIVE for a in Action} | {
    Action.FULLSCREEN: GLOBAL
}

LABELS: dict[Action, str] = {
    Action.STEER_LEFT: "Steer left",
    Action.STEER_RIGHT: "Steer right",
    Action.THROTTLE: "Throttle",
    Action.BRAKE: "Brake",
    Action.HANDBRAKE: "Handbrake",
    Action.WIND: "Wind the crown",
    Action.PUSHER: "Pusher (stop the tourbillon)",
    Action.CROWN_BACK: "Crown backwards (setting the hands)",
    Action.CHECK_IN: "Check in at the control",
    Action.GLANCE: "Glance at the watch",
    Action.RESTART: "Restart",
    Action.RECOVER: "Back on the road",
    Action.PAUSE: "Pause",
    Action.SHIFT_UP: "Shift up",
    Action.SHIFT_DOWN: "Shift down",
    Action.CAMERA: "Camera",
    Action.GHOST: "Ghost on/off",
    Action.FULLSCREEN: "Fullscreen",
    Action.SKIP_LESSON: "Skip the watch lesson",
    Action.MENU_UP: "Menu up",
    Action.MENU_DOWN: "Menu down",
    Action.MENU_LEFT: "Menu left",
    Action.MENU_RIGHT: "Menu right",
    Action.MENU_CONFIRM: "Menu confirm",
    Action.MENU_BACK: "Menu back",
}
"""What the controls screen calls each action."""


def contexts_overlap(a: Action, b: Action) -> bool:
    """Whether one input bound to both would make them fire together."""
    return CONTEXT[a] == CONTEXT[b] or GLOBAL in (CONTEXT[a], CONTEXT[b])
