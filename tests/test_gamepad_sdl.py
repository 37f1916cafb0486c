"""A gamepad through SDL's real device layer and the real frame loop, on a machine with no pad.

SDL's virtual game controller (see virtual_pad.py) is plugged in, pushed and unplugged while `run_frame`
runs: its events come out of SDL's queue into the InputMapper through `SdlBackend` and `GamepadRegistry`
exactly as a USB pad's would, mapping and all. What tests/test_input_gamepad.py checks with hand-made events
(curves, dead zones, the crown's arithmetic) is not repeated here; these tests check that the device path
carries a player's hands from the pad to the race, the menus and the controls screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import pygame
import pytest
from virtual_pad import VirtualPad, VirtualPads

from game.app import run_frame
from game.frame_clock import FixedStepClock
from game.input.actions import Action
from game.input.bindings import GAMEPAD, resolve
from game.input.mapper import DriverControls
from game.scenes.context import Context, build_context
from game.scenes.controls_screen import ControlsScene, Section
from game.scenes.flow import Flow
from game.scenes.pause import PauseScene
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import stage_setup
from game.scenes.stage_select import StageSelectScene
from game.scenes.title import TitleScene
from game.sim.race_types import COUNTDOWN_TICKS

PAD_NAME = "Lab One Test Pad"
FRAME_S = 0.02
"""Two simulation ticks a frame."""

A = pygame.CONTROLLER_BUTTON_A
B = pygame.CONTROLLER_BUTTON_B
START = pygame.CONTROLLER_BUTTON_START
LEFT_STICK_CLICK = pygame.CONTROLLER_BUTTON_LEFTSTICK
RIGHT_SHOULDER = pygame.CONTROLLER_BUTTON_RIGHTSHOULDER
DPAD_UP = pygame.CONTROLLER_BUTTON_DPAD_UP
DPAD_DOWN = pygame.CONTROLLER_BUTTON_DPAD_DOWN
DPAD_RIGHT = pygame.CONTROLLER_BUTTON_DPAD_RIGHT


@pytest.fixture(scope="module")
def sdl_pads() -> VirtualPads:
    pads, why_not = VirtualPads.find()
    if pads is None:
        pytest.skip(f"no SDL virtual game controller: {why_not}")
    return pads


@pytest.fixture
def ctx(sdl_pads: VirtualPads) -> Iterator[Context]:
    """A fresh game (its InputMapper scans SDL's devices for real), on the title screen."""
    context = build_context()
    context.frame_clock = FixedStepClock()
    Flow(context).start()
    yield context
    context.audio.close()
    context.input.close()


@pytest.fixture
def plug(sdl_pads: VirtualPads) -> Iterator[Callable[[], VirtualPad]]:
    """Plugs in a virtual pad (each call another one); every pad is unplugged again after the test."""
    plugged: list[VirtualPad] = []

    def plug_in() -> VirtualPad:
        pad = sdl_pads.attach(PAD_NAME)
        plugged.append(pad)
        return pad

    yield plug_in
    for pad in plugged:
        pad.unplug()
    pygame.event.clear()  # the REMOVED events of a test's pads are not the next test's business


def frames(ctx: Context, count: int = 1, frame_s: float = FRAME_S) -> None:
    for _ in range(count):
        run_frame(ctx, ctx.frame_clock, frame_s)


def tap(ctx: Context, pad: VirtualPad, button: int) -> None:
    """A button pressed for a frame and let go."""
    pad.button(button, True)
    frames(ctx)
    pad.button(button, False)
    frames(ctx)


def start_race(ctx: Context) -> RaceScene:
    race = RaceScene(ctx, Flow(ctx), stage_setup(ctx, "02-verona-padova"))
    ctx.stack.reset(race)
    frames(ctx, COUNTDOWN_TICKS // 25, frame_s=0.25)  # the countdown, 25 ticks a frame
    assert race.cur.phase == "racing" and race.cur.car.speed_ms == 0.0
    return race


def test_a_pad_plugged_in_at_the_title_is_opened_as_a_game_controller(
    ctx: Context, plug: Callable[[], VirtualPad]
) -> None:
    assert ctx.input.connected_pads == ()
    pad = plug()
    frames(ctx)
    assert isinstance(ctx.stack.top, TitleScene)
    assert ctx.input.connected_pads == (PAD_NAME,)
    assert ctx.input.active_device_name == "Keyboard"  # plugged in, not yet used
    tap(ctx, pad, DPAD_DOWN)
    assert ctx.input.active_device_name == PAD_NAME


def test_the_d_pad_moves_the_title_menu_and_a_confirms(ctx: Context, plug: Callable[[], VirtualPad]) -> None:
    pad = plug()
    frames(ctx)
    title = ctx.stack.top
    assert isinstance(title, TitleScene) and title.menu.cursor == 0
    for button, cursor in ((DPAD_DOWN, 1), (DPAD_DOWN, 2), (DPAD_UP, 1), (DPAD_UP, 0)):
        tap(ctx, pad, button)
        assert title.menu.cursor == cursor
    tap(ctx, pad, A)  # "Race a stage"
    assert isinstance(ctx.stack.top, StageSelectScene)
    tap(ctx, pad, B)
    assert isinstance(ctx.stack.top, TitleScene) and len(ctx.stack) == 1


def test_the_right_trigger_drives_and_the_left_stick_steers(
    ctx: Context, plug: Callable[[], VirtualPad]
) -> None:
    pad = plug()
    race = start_race(ctx)
    frames(ctx, 10)
    assert race.cur.car.speed_ms == 0.0  # a trigger at rest is no throttle (SDL's trigger zero point)
    pad.trigger("right", 1.0)
    frames(ctx, 60)  # 1.2 s flat out
    assert ctx.input.controls.throttle == 1.0
    assert race.cur.car.speed_ms > 3.0
    heading = race.cur.car.heading_rad
    pad.stick("left", -1.0, 0.0)
    frames(ctx, 40)
    assert ctx.input.controls.steer == -1.0
    turned_left = math.remainder(race.cur.car.heading_rad - heading, math.tau)
    assert turned_left > 0.2  # heading counts anticlockwise: full left lock for 0.8 s turns the car left
    speed = race.cur.car.speed_ms
    pad.stick("left", 0.0, 0.0)
    pad.trigger("right", 0.0)
    pad.trigger("left", 1.0)  # the brake
    frames(ctx, 25)
    assert ctx.input.controls == DriverControls(brake=1.0)
    assert race.cur.car.speed_ms < speed


def test_turning_the_right_stick_round_winds_the_crown(ctx: Context, plug: Callable[[], VirtualPad]) -> None:
    pad = plug()
    race = start_race(ctx)
    turns, positions = 3, 40  # a turn in 0.8 s: within the race's ceiling of 3 turns a second
    held = turns * positions + 2  # frames
    wound = race.cur.watch.wound_turns
    frames(ctx, held)
    let_down = wound - race.cur.watch.wound_turns  # the spring the movement spends meanwhile (scaled time)
    crown, wound = race.cur.crown_turns, race.cur.watch.wound_turns
    for step in range(turns * positions + 1):
        angle = math.tau * step / positions  # clockwise as the player sees it: SDL's y points down
        pad.stick("right", 0.9 * math.cos(angle), 0.9 * math.sin(angle))
        frames(ctx)
        assert race.cur.winding
    pad.stick("right", 0.0, 0.0)
    frames(ctx)
    assert not race.cur.winding
    assert race.cur.crown_turns - crown == pytest.approx(turns, abs=2 / 512)
    assert race.cur.watch.wound_turns - wound == pytest.approx(turns - let_down, abs=0.05)


def test_the_pusher_on_its_button_brakes_the_tourbillon(ctx: Context, plug: Callable[[], VirtualPad]) -> None:
    pad = plug()
    race = start_race(ctx)
    assert race.cur.watch.running and not race.cur.watch.braked
    pad.button(RIGHT_SHOULDER, True)
    frames(ctx)
    assert race.cur.pusher and race.cur.watch.braked and not race.cur.watch.running
    pad.button(RIGHT_SHOULDER, False)
    frames(ctx)
    assert not race.cur.pusher and not race.cur.watch.braked and race.cur.watch.running


def test_unplugging_the_pad_mid_race_pauses_and_plugging_it_back_drives_on(
    ctx: Context, plug: Callable[[], VirtualPad]
) -> None:
    pad = plug()
    race = start_race(ctx)
    pad.trigger("right", 1.0)
    frames(ctx, 25)
    assert ctx.input.controls.throttle == 1.0 and race.cur.car.speed_ms > 0.0
    pad.unplug()
    frames(ctx)
    paused = ctx.stack.top
    assert isinstance(paused, PauseScene) and "Controller disconnected" in paused.reason
    assert ctx.input.connected_pads == ()
    stopped_at = race.cur.igt_ms
    frames(ctx, 25)
    assert race.cur.igt_ms == stopped_at

    again = plug()
    frames(ctx)
    assert ctx.input.connected_pads == (PAD_NAME,)
    assert ctx.stack.top is paused  # plugging in does not resume by itself
    tap(ctx, again, START)
    assert ctx.stack.top is race
    speed = race.cur.car.speed_ms
    again.trigger("right", 1.0)
    frames(ctx, 25)
    assert ctx.input.controls.throttle == 1.0
    assert race.cur.igt_ms > stopped_at and race.cur.car.speed_ms > speed


def test_a_pad_button_rebound_on_the_controls_screen_does_its_new_job(
    ctx: Context, plug: Callable[[], VirtualPad]
) -> None:
    pad = plug()
    frames(ctx)
    for _ in range(3):
        tap(ctx, pad, DPAD_DOWN)
    tap(ctx, pad, A)  # "Controls"
    controls = ctx.stack.top
    assert isinstance(controls, ControlsScene) and controls.selected_action == Action.STEER_LEFT
    tap(ctx, pad, DPAD_RIGHT)  # the gamepad column
    rows = controls.entries[controls.cursor + 1 : controls.entries.index(Action.PUSHER) + 1]
    for _ in range(sum(not isinstance(row, Section) for row in rows)):
        tap(ctx, pad, DPAD_DOWN)
    assert controls.selected_action == Action.PUSHER and controls.column == 1
    tap(ctx, pad, A)  # opens the prompt; letting A go answers nothing
    assert controls.capturing == (GAMEPAD, Action.PUSHER)
    tap(ctx, pad, LEFT_STICK_CLICK)
    assert controls.capturing is None
    assert resolve(ctx.settings.bindings).inputs(GAMEPAD, Action.PUSHER) == ("leftstick",)
    tap(ctx, pad, B)
    assert isinstance(ctx.stack.top, TitleScene)

    race = start_race(ctx)
    pad.button(RIGHT_SHOULDER, True)  # the old pusher does nothing now
    frames(ctx)
    assert not race.cur.watch.braked
    pad.button(LEFT_STICK_CLICK, True)
    frames(ctx)
    assert race.cur.pusher and race.cur.watch.braked
