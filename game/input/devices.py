"""Gamepads: opening them as they come and go, and reading their events as named inputs.

Game controllers go through SDL's game-controller API (`pygame._sdl2.controller`), which maps any pad SDL
knows to one standard layout, so bindings can say "righttrigger" whatever the pad. A joystick SDL has no
mapping for is opened as a plain joystick and its raw axes and buttons are given the same names by a best
guess (DirectInput-style pads: axes 0-3 are the two sticks, buttons 0-3 the face buttons, hat 0 the d-pad);
anything past that gets a generic name ("button12", "axis5+") the player can still bind.

Input is read from events only, never by polling a device, so a pad that vanishes between two frames cannot
make a read fail: its REMOVED event simply drops its state. Opening a device is the only call that can fail,
and a failure leaves the device unopened rather than raising.

SDL sends both joystick and controller events for a game controller; the joystick ones are ignored for pads
opened as controllers, so nothing is counted twice.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import pygame

CONTROLLER_BUTTON_NAMES: dict[int, str] = {
    pygame.CONTROLLER_BUTTON_A: "a",
    pygame.CONTROLLER_BUTTON_B: "b",
    pygame.CONTROLLER_BUTTON_X: "x",
    pygame.CONTROLLER_BUTTON_Y: "y",
    pygame.CONTROLLER_BUTTON_BACK: "back",
    pygame.CONTROLLER_BUTTON_GUIDE: "guide",
    pygame.CONTROLLER_BUTTON_START: "start",
    pygame.CONTROLLER_BUTTON_LEFTSTICK: "leftstick",
    pygame.CONTROLLER_BUTTON_RIGHTSTICK: "rightstick",
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "leftshoulder",
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "rightshoulder",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "dpup",
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: "dpdown",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "dpleft",
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "dpright",
    15: "misc1",
    16: "paddle1",
    17: "paddle2",
    18: "paddle3",
    19: "paddle4",
    20: "touchpad",
}
"""SDL's own names (those of its controller mapping strings); 15-20 are SDL 2.0.14's extra buttons."""

STICK_AXES = ("leftx", "lefty", "rightx", "righty")
TRIGGER_AXES = ("lefttrigger", "righttrigger")
CONTROLLER_AXIS_NAMES: dict[int, str] = {
    pygame.CONTROLLER_AXIS_LEFTX: "leftx",
    pygame.CONTROLLER_AXIS_LEFTY: "lefty",
    pygame.CONTROLLER_AXIS_RIGHTX: "rightx",
    pygame.CONTROLLER_AXIS_RIGHTY: "righty",
    pygame.CONTROLLER_AXIS_TRIGGERLEFT: "lefttrigger",
    pygame.CONTROLLER_AXIS_TRIGGERRIGHT: "righttrigger",
}

STICK_TURN_INPUTS = {"leftstick-turn": "left", "rightstick-turn": "right"}
"""The crown gesture: turning a whole stick round (see crown.py)."""

FALLBACK_BUTTONS = (
    "a",
    "b",
    "x",
    "y",
    "leftshoulder",
    "rightshoulder",
    "back",
    "start",
    "leftstick",
    "rightstick",
)
FALLBACK_AXES = ("leftx", "lefty", "rightx", "righty")

_AXIS_MAX = 32767.0
PRESS_THRESHOLD = 0.5
"""An analogue input counts as pressed (for one-shot actions, menus and rebinding) from half travel..."""
RELEASE_THRESHOLD = 0.3
"""...and released below this, so a stick resting near half travel does not chatter."""

_GENERIC_NAME = re.compile(r"button\d+|axis\d+[+-]")


def is_gamepad_input(name: str) -> bool:
    """Whether `name` is something a gamepad binding can hold."""
    return (
        name in CONTROLLER_BUTTON_NAMES.values()
        or name in TRIGGER_AXES
        or (name[:-1] in STICK_AXES and name[-1] in "+-")
        or name in STICK_TURN_INPUTS
        or _GENERIC_NAME.fullmatch(name) is not None
    )


def is_analog_input(name: str) -> bool:
    """Axes give a fraction of travel; buttons (the d-pad included) are all or nothing."""
    return name in TRIGGER_AXES or name.endswith(("+", "-"))


@dataclass(frozen=True, slots=True)
class PadChange:
    """One named input of one pad changed. `pressed` is True or False on crossing the press thresholds."""

    instance_id: int
    name: str
    value: float
    pressed: bool | None


@dataclass
class Gamepad:
    """One open pad and what its inputs read now (sticks -1..1 with y down, triggers and buttons 0..1)."""

    instance_id: int
    name: str
    is_controller: bool
    handle: object = None
    axes: dict[str, float] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    pressed: set[str] = field(default_factory=set)

    def value(self, input_name: str) -> float:
        return self.values.get(input_name, 0.0)

    def stick(self, side: str) -> tuple[float, float]:
        """(x, y) of the "left" or "right" stick, y positive downwards as SDL reports it."""
        return self.axes.get(f"{side}x", 0.0), self.axes.get(f"{side}y", 0.0)

    def set_input(self, name: str, value: float) -> PadChange:
        self.values[name] = value
        pressed: bool | None = None
        if name not in self.pressed and value >= PRESS_THRESHOLD:
            self.pressed.add(name)
            pressed = True
        elif name in self.pressed and value < RELEASE_THRESHOLD:
            self.pressed.discard(name)
            pressed = False
        return PadChange(self.instance_id, name, value, pressed)


@dataclass(frozen=True, slots=True)
class OpenedDevice:
    instance_id: int
    name: str
    handle: object


class DeviceBackend(Protocol):
    """How devices are opened; the SDL one below, or a stand-in for tests without hardware."""

    def start(self) -> int:
        """Initialise what is needed; return how many joystick devices are attached now."""
        ...

    def is_controller(self, device_index: int) -> bool: ...

    def open(self, device_index: int, as_controller: bool) -> OpenedDevice | None: ...

    def close(self, handle: object) -> None: ...


class SdlBackend:
    """Opens pads through pygame: the game-controller API when SDL knows the pad, the joystick API if not."""

    def start(self) -> int:
        try:
            pygame.joystick.init()
            from pygame._sdl2 import controller

            controller.init()
            return pygame.joystick.get_count()
        except (pygame.error, ImportError):
            return 0

    def is_controller(self, device_index: int) -> bool:
        try:
            from pygame._sdl2 import controller

            return bool(controller.is_controller(device_index))
        except (pygame.error, ImportError):
            return False

    def open(self, device_index: int, as_controller: bool) -> OpenedDevice | None:
        try:
            if as_controller:
                from pygame._sdl2 import controller

                pad = controller.Controller(device_index)
                return OpenedDevice(pad.as_joystick().get_instance_id(), pad.name, pad)
            joystick = pygame.joystick.Joystick(device_index)
            joystick.init()
            return OpenedDevice(joystick.get_instance_id(), joystick.get_name(), joystick)
        except (pygame.error, ImportError, ValueError):
            return None

    def close(self, handle: object) -> None:
        # the device may be gone already; closing it is housekeeping, never worth an error
        quit_device: Callable[[], None] | None = getattr(handle, "quit", None)
        if quit_device is not None:
            with contextlib.suppress(pygame.error):
                quit_device()


@dataclass(frozen=True, slots=True)
class DeviceNews:
    """What one event did to the pads: one arrived, one left, or some inputs changed."""

    added: Gamepad | None = None
    removed: Gamepad | None = None
    changes: tuple[PadChange, ...] = ()


NOTHING = DeviceNews()


class GamepadRegistry:
    """The pads plugged in now, in the order they arrived, and their inputs' current values."""

    def __init__(self, backend: DeviceBackend | None = None) -> None:
        self._backend: DeviceBackend = backend if backend is not None else SdlBackend()
        self.pads: dict[int, Gamepad] = {}

    def scan(self) -> list[Gamepad]:
        """Open the pads attached now (SDL also announces them as ADDED events; those are then ignored)."""
        found = []
        for index in range(self._backend.start()):
            pad = self._open(index, self._backend.is_controller(index))
            if pad is not None:
                found.append(pad)
        return found

    def handle_event(self, event: pygame.event.Event) -> DeviceNews:
        kind = event.type
        device_index = getattr(event, "device_index", -1)
        instance_id = getattr(event, "instance_id", -1)
        if kind == pygame.CONTROLLERDEVICEADDED:
            return DeviceNews(added=self._open(device_index, True))
        if kind == pygame.JOYDEVICEADDED:
            if self._backend.is_controller(device_index):
                return NOTHING  # its CONTROLLERDEVICEADDED opens it
            return DeviceNews(added=self._open(device_index, False))
        if kind in (pygame.CONTROLLERDEVICEREMOVED, pygame.JOYDEVICEREMOVED):
            return DeviceNews(removed=self._remove(instance_id))
        pad = self.pads.get(instance_id)
        if pad is None:
            return NOTHING
        changes = _controller_changes(pad, event) if pad.is_controller else _joystick_changes(pad, event)
        return DeviceNews(changes=changes) if changes else NOTHING

    def close_all(self) -> None:
        for instance_id in list(self.pads):
            self._remove(instance_id)

    def _open(self, device_index: int, as_controller: bool) -> Gamepad | None:
        if device_index < 0:
            return None
        opened = self._backend.open(device_index, as_controller)
        if opened is None or opened.instance_id in self.pads:
            return None
        pad = Gamepad(opened.instance_id, opened.name or "Gamepad", as_controller, opened.handle)
        self.pads[pad.instance_id] = pad
        return pad

    def _remove(self, instance_id: int) -> Gamepad | None:
        pad = self.pads.pop(instance_id, None)
        if pad is not None:
            self._backend.close(pad.handle)
        return pad


def _controller_changes(pad: Gamepad, event: pygame.event.Event) -> tuple[PadChange, ...]:
    if event.type in (pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP):
        name = CONTROLLER_BUTTON_NAMES.get(event.button, f"button{event.button}")
        return (pad.set_input(name, 1.0 if event.type == pygame.CONTROLLERBUTTONDOWN else 0.0),)
    if event.type == pygame.CONTROLLERAXISMOTION:
        axis = CONTROLLER_AXIS_NAMES.get(event.axis)
        if axis is None:
            return ()
        return _axis_changes(pad, axis, event.value / _AXIS_MAX)
    return ()


def _joystick_changes(pad: Gamepad, event: pygame.event.Event) -> tuple[PadChange, ...]:
    if event.type in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
        button = event.button
        name = FALLBACK_BUTTONS[button] if button < len(FALLBACK_BUTTONS) else f"button{button}"
        return (pad.set_input(name, 1.0 if event.type == pygame.JOYBUTTONDOWN else 0.0),)
    if event.type == pygame.JOYAXISMOTION:
        axis = FALLBACK_AXES[event.axis] if event.axis < len(FALLBACK_AXES) else f"axis{event.axis}"
        return _axis_changes(pad, axis, float(event.value))
    if event.type == pygame.JOYHATMOTION and event.hat == 0:
        hat_x, hat_y = event.value
        return (
            pad.set_input("dpleft", float(hat_x < 0)),
            pad.set_input("dpright", float(hat_x > 0)),
            pad.set_input("dpup", float(hat_y > 0)),
            pad.set_input("dpdown", float(hat_y < 0)),
        )
    return ()


def _axis_changes(pad: Gamepad, axis: str, value: float) -> tuple[PadChange, ...]:
    if axis in TRIGGER_AXES:
        value = min(1.0, max(0.0, value))
        pad.axes[axis] = value
        return (pad.set_input(axis, value),)
    value = min(1.0, max(-1.0, value))
    pad.axes[axis] = value
    return (pad.set_input(f"{axis}-", max(0.0, -value)), pad.set_input(f"{axis}+", max(0.0, value)))
