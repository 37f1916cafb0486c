"""Gamepads through the mapper: sticks, triggers, the crown turned with the right stick, hot-plugging.

The pads are SDL's own virtual game controllers (see virtual_pad.py): their axes and buttons go through SDL's
controller mapping and event queue into the mapper as a USB pad's would. `FakePads` stands in for SDL's device
layer only where SDL cannot go: events from a pad that is already gone (SDL sends none) and a pad SDL cannot
map (the joystick fallback), and it keeps those tests running where SDL has no virtual pads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import pygame
import pytest
from virtual_pad import VirtualPad, VirtualPads

from game.input.bindings import rebind
from game.input.devices import OpenedDevice
from game.input.mapper import InputMapper, cancels_capture
from game.settings import Bindings, ControlSettings, Settings
from game.sim.inputs import InputRecord

PAD = 100  # instance id FakePads gives device index 0
AXIS_MAX = 32767
PAD_NAME = "Lab One Test Pad"


class FakePads:
    """SDL's device layer for a machine with pads at the given indices: name and whether SDL maps it."""

    def __init__(self, devices: dict[int, tuple[str, bool]], present_at_start: int = 0) -> None:
        self.devices = devices
        self.present_at_start = present_at_start
        self.closed: list[object] = []

    def start(self) -> int:
        return self.present_at_start

    def is_controller(self, device_index: int) -> bool:
        return self.devices.get(device_index, ("", False))[1]

    def open(self, device_index: int, as_controller: bool) -> OpenedDevice | None:
        if device_index not in self.devices:
            return None
        return OpenedDevice(PAD + device_index, self.devices[device_index][0], f"handle{device_index}")

    def close(self, handle: object) -> None:
        self.closed.append(handle)


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()


@pytest.fixture(scope="module")
def sdl_pads() -> VirtualPads:
    pads, why_not = VirtualPads.find()
    if pads is None:
        pytest.skip(f"no SDL virtual game controller: {why_not}")
    return pads


class Hands:
    """Virtual pads plugged into SDL and one InputMapper reading SDL's event queue, as the app's loop does."""

    def __init__(self, pads: VirtualPads, settings: Settings) -> None:
        self._pads = pads
        self.plugged: list[VirtualPad] = []
        pygame.event.clear()
        self.mapper = InputMapper(settings)

    def plug(self, name: str = PAD_NAME) -> VirtualPad:
        pad = self._pads.attach(name)
        self.plugged.append(pad)
        self.pump()
        return pad

    def pump(self) -> list[str]:
        """SDL's events so far into the mapper: the one-shot actions they fired."""
        fired: list[str] = []
        for event in pygame.event.get():
            fired += self.mapper.handle_event(event)
        return fired

    def axis(self, axis_id: int, value: float, pad: int = 0) -> list[str]:
        self.plugged[pad].axis(axis_id, value)
        return self.pump()

    def stick(self, side: str, x: float, y: float) -> list[str]:
        self.plugged[0].stick(side, x, y)
        return self.pump()

    def button(self, button_id: int, pressed: bool, pad: int = 0) -> list[str]:
        self.plugged[pad].button(button_id, pressed)
        return self.pump()

    def unplug(self, pad: int = 0) -> None:
        self.plugged[pad].unplug()
        self.pump()


@pytest.fixture
def sdl(sdl_pads: VirtualPads) -> Iterator[Callable[..., Hands]]:
    """Makes a mapper with pads plugged in through SDL (`pads` of them); every pad is unplugged afterwards."""
    made: list[Hands] = []

    def make(settings: Settings | None = None, pads: int = 1) -> Hands:
        hands = Hands(sdl_pads, settings or Settings())
        for _ in range(pads):
            hands.plug()
        made.append(hands)
        return hands

    yield make
    for hands in made:
        for pad in hands.plugged:
            pad.unplug()
        hands.mapper.close()
    pygame.event.clear()


def _mapper(settings: Settings | None = None, pads: int = 1) -> InputMapper:
    backend = FakePads({i: (f"Pad {i}", True) for i in range(pads)})
    mapper = InputMapper(settings or Settings(), backend=backend, scan=False)
    for index in range(pads):
        mapper.handle_event(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=index, guid=""))
    return mapper


def axis(axis_id: int, value: float, pad: int = PAD) -> pygame.event.Event:
    raw = max(-32768, min(AXIS_MAX, round(value * AXIS_MAX)))
    return pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=pad, axis=axis_id, value=raw)


def button(button_id: int, pressed: bool, pad: int = PAD) -> pygame.event.Event:
    kind = pygame.CONTROLLERBUTTONDOWN if pressed else pygame.CONTROLLERBUTTONUP
    return pygame.event.Event(kind, instance_id=pad, button=button_id)


def removed(pad: int = PAD) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=pad)


def steer_at(hands: Hands, x: float) -> int:
    hands.axis(pygame.CONTROLLER_AXIS_LEFTX, x)
    return hands.mapper.sample(0.01).steer


def test_left_stick_full_deflection_is_full_lock(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    assert steer_at(hands, 1.0) == 127
    assert steer_at(hands, -1.0) == -127
    assert steer_at(hands, 0.0) == 0


def test_left_stick_dead_zone_and_curve_from_the_settings(sdl: Callable[..., Hands]) -> None:
    hands = sdl()

    def steer_with(dead_zone: float, curve: float, x: float) -> int:
        hands.mapper.set_settings(
            Settings(controls=ControlSettings(steer_dead_zone=dead_zone, steer_curve=curve))
        )
        hands.axis(pygame.CONTROLLER_AXIS_LEFTX, 0.0)
        return steer_at(hands, x)

    assert steer_with(0.2, 1.0, 0.19) == 0
    assert steer_with(0.2, 1.0, -0.8) == -95  # 0.75 of the live travel
    assert steer_with(0.0, 1.0, 0.75) == 95
    assert steer_with(0.0, 2.0, 0.75) == 71  # 0.5625
    assert steer_with(0.0, 3.0, 0.75) == 54  # 0.421875


def test_triggers_are_throttle_and_brake(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    assert hands.mapper.sample(0.01) == InputRecord()  # triggers at rest: SDL's trigger zero point
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 1.0)
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT, 0.02)
    record = hands.mapper.sample(0.01)
    assert (record.throttle, record.brake) == (255, 0)
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT, 1.0)
    assert hands.mapper.sample(0.01).brake == 255


def test_keyboard_and_pad_together(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    mapper = hands.mapper
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 0.5)
    half = mapper.sample(0.01).throttle
    assert 100 < half < 128
    mapper.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, scancode=0, unicode=""))
    assert mapper.sample(0.01).throttle == 255  # the larger of the two
    hands.axis(pygame.CONTROLLER_AXIS_LEFTX, -1.0)
    mapper.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, scancode=0, unicode=""))
    steer = [mapper.sample(0.01).steer for _ in range(18)]
    assert steer[0] == -127 + 7  # summed: full left stick plus the first tick of the key's ramp
    assert steer[-1] == 0


def test_buttons_hold_the_handbrake_and_the_pusher(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    hands.button(pygame.CONTROLLER_BUTTON_A, True)
    hands.button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER, True)
    record = hands.mapper.sample(0.01)
    assert record.handbrake and record.pusher
    hands.button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER, False)
    record = hands.mapper.sample(0.01)
    assert record.handbrake and not record.pusher


def _turn_right_stick(hands: Hands, direction: int, steps: int = 48) -> list[InputRecord]:
    """One full revolution of the right stick at 0.9 deflection, one position per tick."""
    records = []
    for k in range(steps + 1):
        angle = direction * math.tau * k / steps
        hands.stick("right", 0.9 * math.cos(angle), 0.9 * math.sin(angle))
        records.append(hands.mapper.sample(0.01))
    return records


def test_a_clockwise_right_stick_revolution_winds_one_crown_turn(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 1.0)
    records = _turn_right_stick(hands, +1)
    assert abs(sum(r.wind for r in records) - 512) <= 1
    assert all(r.on_crown for r in records)  # a hand on the crown: the race cuts the throttle for it
    hands.stick("right", 0.0, 0.0)
    assert hands.mapper.sample(0.01).throttle == 255


def test_an_anticlockwise_revolution_slips_the_ratchet(sdl: Callable[..., Hands]) -> None:
    records = _turn_right_stick(sdl(), -1)
    assert sum(r.wind for r in records) == 0
    assert all(r.throttle == 0 for r in records)


def test_two_revolutions_wind_two_turns(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    records = _turn_right_stick(hands, +1, steps=40) + _turn_right_stick(hands, +1, steps=40)
    assert abs(sum(r.wind for r in records) - 1024) <= 1


def test_gamepad_restart_needs_y_held_half_a_second(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    mapper = hands.mapper
    assert hands.button(pygame.CONTROLLER_BUTTON_Y, True) == []
    assert mapper.update(0.3) == []
    assert mapper.update(0.25) == ["restart"]
    assert mapper.update(1.0) == []
    hands.button(pygame.CONTROLLER_BUTTON_Y, False)
    hands.button(pygame.CONTROLLER_BUTTON_Y, True)
    assert mapper.update(0.2) == []
    hands.button(pygame.CONTROLLER_BUTTON_Y, False)
    assert mapper.update(0.5) == []  # let go too early: no restart


def test_gamepad_one_shots_and_menu_stick(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    mapper = hands.mapper
    assert hands.button(pygame.CONTROLLER_BUTTON_START, True) == ["pause"]
    assert hands.button(pygame.CONTROLLER_BUTTON_B, True) == ["recover", "menu_back"]
    assert mapper.sample(0.01).recover
    assert hands.button(pygame.CONTROLLER_BUTTON_BACK, True) == ["camera"]
    assert hands.axis(pygame.CONTROLLER_AXIS_LEFTY, 0.4) == []
    assert hands.axis(pygame.CONTROLLER_AXIS_LEFTY, 0.9) == ["menu_down"]
    assert mapper.update(0.45) == ["menu_down"]
    hands.axis(pygame.CONTROLLER_AXIS_LEFTY, 0.1)
    assert mapper.update(1.0) == []


def test_unplugging_the_active_controller_sets_controller_lost(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    mapper = hands.mapper
    hands.axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 1.0)
    assert mapper.active_device_name == PAD_NAME
    assert not mapper.controller_lost
    hands.unplug()
    assert mapper.controller_lost
    assert mapper.lost_controller_name == PAD_NAME
    assert mapper.active_device_name == "Keyboard"
    assert mapper.sample(0.01).throttle == 0  # nothing stays held from a pad that is gone
    mapper.acknowledge_controller_lost()
    assert not mapper.controller_lost


def test_unplugging_a_controller_not_in_use_does_not_pause(sdl: Callable[..., Hands]) -> None:
    hands = sdl(pads=2)
    mapper = hands.mapper
    assert mapper.connected_pads == (PAD_NAME, PAD_NAME)
    hands.button(pygame.CONTROLLER_BUTTON_A, True, pad=1)
    hands.unplug(0)
    assert not mapper.controller_lost
    assert mapper.sample(0.01).handbrake  # the second pad's A is still held
    hands.unplug(1)
    assert mapper.controller_lost


def test_events_from_a_vanished_pad_and_double_removals_are_harmless() -> None:
    mapper = _mapper()
    mapper.handle_event(removed())
    mapper.handle_event(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD))
    mapper.handle_event(axis(pygame.CONTROLLER_AXIS_LEFTX, 1.0))
    mapper.handle_event(button(pygame.CONTROLLER_BUTTON_A, True))
    assert mapper.sample(0.01) == InputRecord()


def test_real_sdl_backend_without_devices_never_crashes() -> None:
    mapper = InputMapper(Settings())
    for event in (
        pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=3, guid=""),
        pygame.event.Event(pygame.JOYDEVICEADDED, device_index=3, guid=""),
        axis(pygame.CONTROLLER_AXIS_LEFTX, 1.0, pad=3),
        removed(3),
    ):
        assert mapper.handle_event(event) == []
    assert mapper.connected_pads == ()
    assert not mapper.controller_lost
    assert mapper.sample(0.01) == InputRecord()


def test_a_pad_sdl_cannot_map_works_through_the_joystick_fallback() -> None:
    backend = FakePads({0: ("Generic USB Joystick", False)})
    mapper = InputMapper(Settings(), backend=backend, scan=False)
    mapper.handle_event(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0, guid=""))
    assert mapper.connected_pads == ("Generic USB Joystick",)
    mapper.handle_event(pygame.event.Event(pygame.JOYAXISMOTION, instance_id=PAD, joy=0, axis=0, value=-1.0))
    mapper.handle_event(pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=PAD, joy=0, button=0))
    record = mapper.sample(0.01)
    assert (record.steer, record.handbrake) == (-127, True)
    hat = pygame.event.Event(pygame.JOYHATMOTION, instance_id=PAD, joy=0, hat=0, value=(0, 1))
    assert mapper.handle_event(hat) == ["check_in", "menu_up"], (
        "the d-pad up checks in at a control and moves menus"
    )
    mapper.handle_event(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD))
    assert mapper.controller_lost
    assert backend.closed == ["handle0"]


def test_joystick_events_of_a_mapped_controller_are_not_counted_twice(sdl: Callable[..., Hands]) -> None:
    """SDL sends a joystick event beside each controller event; read as a raw joystick, Back (button 4) would
    be the fallback's left shoulder, a gear change down."""
    hands = sdl()
    assert hands.mapper.connected_pads == (PAD_NAME,)
    assert hands.button(pygame.CONTROLLER_BUTTON_BACK, True) == ["camera"]
    assert not hands.mapper.sample(0.01).shift_down


def test_pads_already_plugged_in_are_opened_at_start(sdl_pads: VirtualPads) -> None:
    pad = sdl_pads.attach(PAD_NAME)
    try:
        mapper = InputMapper(Settings())
        assert mapper.connected_pads == (PAD_NAME,)
        for event in pygame.event.get():  # SDL's ADDED events for it come too: opened once, not twice
            mapper.handle_event(event)
        assert mapper.connected_pads == (PAD_NAME,)
        pad.unplug()
        for event in pygame.event.get():
            mapper.handle_event(event)
        assert mapper.controller_lost
    finally:
        pad.unplug()
        pygame.event.clear()


def test_rebinding_the_pad_by_capture(sdl: Callable[..., Hands]) -> None:
    hands = sdl()
    mapper = hands.mapper
    pad = hands.plugged[0]

    def capture(device: str, action: str) -> str | None:
        captured = None
        for event in pygame.event.get():
            captured = mapper.capture_input(event, device, action) or captured
        return captured

    pad.axis(pygame.CONTROLLER_AXIS_RIGHTX, 0.9)
    assert capture("gamepad", "wind") == "rightstick-turn"
    pad.axis(pygame.CONTROLLER_AXIS_LEFTY, 0.9)
    assert capture("gamepad", "throttle") == "lefty+"
    pad.button(pygame.CONTROLLER_BUTTON_X, True)
    assert capture("keyboard", "wind") is None
    pad.button(pygame.CONTROLLER_BUTTON_X, False)
    assert capture("gamepad", "wind") is None
    pad.button(pygame.CONTROLLER_BUTTON_X, True)
    captured = capture("gamepad", "handbrake")
    assert captured == "x"
    assert not mapper.sample(0.01).shift_up  # the prompt's press is not a gear change
    escape = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, scancode=0, unicode="")
    assert cancels_capture(escape)
    assert mapper.capture_input(escape, "keyboard", "pause") is None
    key_h = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_h, mod=0, scancode=0, unicode="h")
    assert mapper.capture_input(key_h, "keyboard", "handbrake") == "h"
    mapper.set_settings(Settings(bindings=rebind(Bindings(), "gamepad", "handbrake", captured)))
    hands.button(pygame.CONTROLLER_BUTTON_X, False)
    hands.button(pygame.CONTROLLER_BUTTON_X, True)
    assert mapper.sample(0.01).handbrake
