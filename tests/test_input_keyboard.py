"""The keyboard through the mapper: what a player holding keys puts into each tick's input record."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.input.bindings import rebind
from game.input.mapper import InputMapper
from game.settings import Bindings, Settings, load_settings, save_settings
from game.sim.inputs import InputRecord


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.display.init()


def _mapper(settings: Settings | None = None) -> InputMapper:
    return InputMapper(settings or Settings(), scan=False)


def down(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, scancode=0, unicode="")


def up(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key, mod=0, scancode=0, unicode="")


def ticks(mapper: InputMapper, count: int) -> list[InputRecord]:
    return [mapper.sample(0.01) for _ in range(count)]


def test_nothing_held_is_the_neutral_record() -> None:
    assert ticks(_mapper(), 3) == [InputRecord()] * 3


def test_events_posted_to_pygames_queue_reach_the_record() -> None:
    mapper = _mapper()
    pygame.event.clear()
    pygame.event.post(down(pygame.K_w))
    pygame.event.post(down(pygame.K_SPACE))
    for event in pygame.event.get():
        mapper.handle_event(event)
    record = mapper.sample(0.01)
    assert (record.throttle, record.brake, record.handbrake) == (255, 0, True)


def test_keyboard_steering_ramps_over_ticks_not_bang_bang() -> None:
    mapper = _mapper()
    mapper.handle_event(down(pygame.K_RIGHT))
    steer = [r.steer for r in ticks(mapper, 20)]
    assert steer[0] == round(0.01 / 0.18 * 127) == 7
    assert all(b > a for a, b in itertools.pairwise(steer[:18]))
    assert steer[16] < 127
    assert steer[17:] == [127, 127, 127]
    mapper.handle_event(up(pygame.K_RIGHT))
    back = [r.steer for r in ticks(mapper, 10)]
    assert back[0] == round(0.9 * 127)
    assert back[-1] == 0
    mapper.handle_event(down(pygame.K_a))
    assert mapper.sample(0.01).steer == -7


def test_the_wind_key_puts_a_hand_on_the_crown_and_records_what_the_hands_hold() -> None:
    """The record carries the throttle held and the crown bit; the cut is the race's rule, not the mapper's."""
    mapper = _mapper()
    for key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT):
        mapper.handle_event(down(key))
    first = mapper.sample(0.01)
    assert first.throttle == 255 and not first.on_crown
    mapper.handle_event(down(pygame.K_q))
    records = ticks(mapper, 100)
    assert all(r.throttle == 255 and r.on_crown for r in records)
    assert all(r.brake == 255 for r in records)
    assert records[-1].steer == -127
    assert mapper.controls.throttle == 1.0
    assert mapper.controls.winding
    assert {r.wind for r in records} == {10, 11}
    assert sum(r.wind for r in records) == 1024  # 2 crown turns a second
    mapper.handle_event(up(pygame.K_q))
    after = mapper.sample(0.01)
    assert (after.throttle, after.wind, after.on_crown) == (255, 0, False)
    assert not mapper.controls.winding


def test_the_pusher_is_a_held_bit_and_the_crown_turns_are_recorded_beside_it() -> None:
    """Whether a pulled-out crown winds is the watch's business: the mapper records both hands."""
    mapper = _mapper()
    mapper.handle_event(down(pygame.K_e))
    assert all(r.pusher for r in ticks(mapper, 150))  # held 1.5 s: the sim derives the fly-back
    mapper.handle_event(down(pygame.K_q))
    both = mapper.sample(0.01)
    assert both.pusher and both.on_crown and both.wind == 10
    mapper.handle_event(up(pygame.K_e))
    record = mapper.sample(0.01)
    assert not record.pusher
    assert record.wind == 10  # 10.24 steps a tick: the fraction carries to a later tick


def test_taps_shorter_than_a_tick_still_reach_the_record_once() -> None:
    mapper = _mapper()
    for key in (pygame.K_x, pygame.K_z, pygame.K_BACKSPACE):
        assert mapper.handle_event(down(key)) != []
        mapper.handle_event(up(key))
    first, second = ticks(mapper, 2)
    assert (first.shift_up, first.shift_down, first.recover) == (True, True, True)
    assert (second.shift_up, second.shift_down, second.recover) == (False, False, False)


def test_one_shot_actions_are_returned_by_handle_event() -> None:
    mapper = _mapper()
    assert mapper.handle_event(down(pygame.K_r)) == ["restart"]
    assert mapper.handle_event(down(pygame.K_ESCAPE)) == ["pause", "menu_back"]
    assert mapper.handle_event(down(pygame.K_F11)) == ["fullscreen"]
    assert mapper.handle_event(down(pygame.K_c)) == ["camera"]
    assert mapper.handle_event(down(pygame.K_g)) == ["ghost"]
    assert mapper.handle_event(down(pygame.K_RETURN)) == ["menu_confirm"]
    assert mapper.handle_event(down(pygame.K_w)) == ["menu_up"]  # throttle is held, not returned
    assert mapper.handle_event(up(pygame.K_w)) == []


def test_menu_moves_repeat_while_held() -> None:
    mapper = _mapper()
    assert mapper.handle_event(down(pygame.K_DOWN)) == ["menu_down"]
    assert mapper.handle_event(down(pygame.K_DOWN)) == []  # the OS's own key repeat is ignored
    assert mapper.update(0.39) == []
    assert mapper.update(0.02) == ["menu_down"]
    assert mapper.update(0.16) == ["menu_down", "menu_down"]
    mapper.handle_event(up(pygame.K_DOWN))
    assert mapper.update(1.0) == []
    assert mapper.handle_event(down(pygame.K_RETURN)) == ["menu_confirm"]
    assert mapper.update(1.0) == []  # confirm never repeats


def test_losing_focus_releases_held_keys() -> None:
    mapper = _mapper()
    mapper.handle_event(down(pygame.K_UP))
    mapper.handle_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert mapper.sample(0.01).throttle == 0


def test_reset_centres_the_wheel_but_keeps_held_keys() -> None:
    mapper = _mapper()
    mapper.handle_event(down(pygame.K_LEFT))
    mapper.handle_event(down(pygame.K_UP))
    ticks(mapper, 30)
    mapper.reset_held()
    record = mapper.sample(0.01)
    assert (record.steer, record.throttle) == (-7, 255)


def test_a_rebound_key_works_after_saving_and_reloading() -> None:
    bindings = rebind(Bindings(), "keyboard", "handbrake", "h")
    bindings = rebind(bindings, "keyboard", "wind", "left shift")
    save_settings(Settings(bindings=bindings))
    loaded = load_settings()
    assert loaded.warning is None
    mapper = _mapper(loaded.settings)
    mapper.handle_event(down(pygame.K_SPACE))
    assert not mapper.sample(0.01).handbrake  # space was replaced
    mapper.handle_event(down(pygame.K_h))
    mapper.handle_event(down(pygame.K_LSHIFT))
    record = mapper.sample(0.01)
    assert record.handbrake
    assert record.wind == 10
    mapper.handle_event(down(pygame.K_q))
    mapper.handle_event(up(pygame.K_LSHIFT))
    assert mapper.sample(0.01).wind == 0  # q no longer winds


def test_unknown_names_in_the_bindings_are_reported_and_skipped() -> None:
    bindings = Bindings.from_mappings(keyboard={"throttle": ["nosuchkey", "t"], "fly": ["f"]})
    mapper = _mapper(Settings(bindings=bindings))
    assert mapper.binding_warning is not None
    assert "nosuchkey" in mapper.binding_warning
    assert "[bindings.keyboard] fly: no such action" in mapper.binding_warning
    mapper.handle_event(down(pygame.K_t))
    assert mapper.sample(0.01).throttle == 255


def test_in_a_race_the_keys_reach_what_the_game_gives_for_the_car_as_it_is() -> None:
    """The race asks through `next_record(snapshot)`: at speed a held key ramps to the front tyres' grip
    around the way the car travels (docs/design.md §11), the same reach the human model drives with."""
    from proving_ground import corner

    from game.sim.cars import DEFAULT_CAR_ID, load_car
    from game.sim.geometry import TrackGeometry
    from game.sim.human_driver import HumanDriver
    from game.sim.inputs import STEER_STEPS
    from game.sim.race_types import RaceSettings
    from game.sim.steering_feel import KeyboardSteering, key_reach
    from game.speedrun.session import drive

    track, car = corner(40.0, 1.6), load_car(DEFAULT_CAR_ID)
    seen = []
    settings = RaceSettings(car_id=DEFAULT_CAR_ID)
    drive(track, car, settings, driver=HumanDriver("gamepad", 0), max_ticks=1200, on_tick=seen.append)
    at_speed = seen[-1]
    assert at_speed.phase == "racing" and at_speed.car.speed_ms > 20.0
    mapper = _mapper()
    mapper.start(track, TrackGeometry(track), car)
    mapper.handle_event(down(pygame.K_RIGHT))
    steer = [mapper.next_record(at_speed).steer for _ in range(30)]
    reach = key_reach(car, at_speed.car)
    assert 0.3 < reach.right < 0.9  # not full lock
    assert steer[-1] == round(reach.right * STEER_STEPS)
    wheel = KeyboardSteering()
    assert steer[:5] == [round(wheel.advance(False, True, 0.01, reach) * STEER_STEPS) for _ in range(5)]
