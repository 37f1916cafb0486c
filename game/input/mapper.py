"""The one object scenes talk to: pygame events in, one-shot actions and per-tick input records out.

How the app drives it, every frame:

    for event in pygame.event.get():
        actions = mapper.handle_event(event)      # one-shots: "pause", "restart", "menu_up", ...
    actions += mapper.update(frame_dt_s)          # held-to-fire (gamepad restart) and menu key repeat
    for each 10 ms simulation tick:
        record = mapper.sample(TICK_S)            # the quantised InputRecord for that tick
                                                  # (the race session asks through `next_record`)

Keyboard and gamepads work at the same time: pedals take the largest of what the devices ask, steering
adds them (clamped). Presses that the simulation must see (shift up/down, recovery) are latched until the
next `sample`, so a tap shorter than a tick still reaches the record.

The record says what the hands do and nothing more: a hand on the crown (the wind key held, or a stick held
round on the crown) sets the record's crown bit and its turns; what follows (the throttle cut while winding,
no winding while the pusher holds the crown out) is the race's rule (`game.sim.race`), not the mapper's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pygame

from game.input.actions import (
    HELD_ACTIONS,
    RECORD_PRESS_ACTIONS,
    REPEATING_ACTIONS,
    Action,
)
from game.input.bindings import (
    GAMEPAD,
    GAMEPAD_HOLD_S,
    KEYBOARD,
    binding_problems,
    capture_name,
    key_code,
    key_name,
    resolve,
)
from game.input.crown import KEYBOARD_WIND_TURNS_PER_S, CrownStick, WindSteps
from game.input.devices import (
    STICK_TURN_INPUTS,
    DeviceBackend,
    Gamepad,
    GamepadRegistry,
    PadChange,
    is_analog_input,
)
from game.settings import Settings
from game.sim import TICK_S
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.inputs import WIND_STEPS_PER_TURN, InputRecord
from game.sim.snapshot import RaceSnapshot
from game.sim.steering_feel import (
    FULL_REACH,
    KeyboardSteering,
    KeyReach,
    key_reach,
    shape_stick,
    shape_trigger,
)
from game.sim.track import Track

_log = logging.getLogger(__name__)

KEYBOARD_DEVICE_NAME = "Keyboard"

MENU_REPEAT_DELAY_S = 0.40
"""A held menu direction repeats after this long..."""

MENU_REPEAT_INTERVAL_S = 0.08
"""...then this often."""

ACTIVITY_THRESHOLD = 0.25
"""An axis moved this far makes its pad the active device (smaller motions are drift, not the player)."""

_DEVICE_EVENTS = frozenset(
    {
        pygame.CONTROLLERDEVICEADDED,
        pygame.CONTROLLERDEVICEREMOVED,
        pygame.CONTROLLERAXISMOTION,
        pygame.CONTROLLERBUTTONDOWN,
        pygame.CONTROLLERBUTTONUP,
        pygame.JOYDEVICEADDED,
        pygame.JOYDEVICEREMOVED,
        pygame.JOYAXISMOTION,
        pygame.JOYBUTTONDOWN,
        pygame.JOYBUTTONUP,
        pygame.JOYHATMOTION,
    }
)


@dataclass(frozen=True, slots=True)
class DriverControls:
    """What the hands held at the last `sample`: for the controls screen and tests.

    `steer` -1..1 (left negative), pedals 0..1; `winding` means a hand is on the crown; `wind_turns` is what
    the record carried this tick.
    """

    steer: float = 0.0
    throttle: float = 0.0
    brake: float = 0.0
    handbrake: bool = False
    pusher: bool = False
    winding: bool = False
    wind_turns: float = 0.0


@dataclass
class _Repeat:
    actions: tuple[Action, ...]
    held_s: float = 0.0
    next_s: float = MENU_REPEAT_DELAY_S


@dataclass
class _Hold:
    action: Action
    hold_s: float
    held_s: float = 0.0
    fired: bool = False


def cancels_capture(event: pygame.event.Event) -> bool:
    """Escape abandons a "press the new key" prompt on the controls screen (on either device)."""
    return event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE


class InputMapper:
    """Keyboard and gamepads mapped to actions and input records, per the player's bindings."""

    def __init__(
        self, settings: Settings, *, backend: DeviceBackend | None = None, scan: bool = True
    ) -> None:
        self._registry = GamepadRegistry(backend)
        self._keys_down: set[int] = set()
        self._keyboard_steering = KeyboardSteering()
        self._car: CarSpec | None = None
        self._crowns: dict[tuple[int, str], CrownStick] = {}
        self._wind = WindSteps(WIND_STEPS_PER_TURN)
        self.glancing = False
        """The glance held at the last `sample`: the race scene draws the watch large (docs/design.md §10)."""
        self._latched: set[Action] = set()
        self._repeats: dict[tuple[object, ...], _Repeat] = {}
        self._holds: dict[tuple[int, str], _Hold] = {}
        self._active_pad: int | None = None
        self._active_device_name = KEYBOARD_DEVICE_NAME
        self._lost_name: str | None = None
        self.controls = DriverControls()
        self.binding_warning: str | None = None
        """What the player's bindings could not use (see `binding_problems`), or None."""
        self.set_settings(settings)
        if scan:
            for pad in self._registry.scan():
                self._on_pad_added(pad)

    # --- settings -------------------------------------------------------------------------------------

    def set_settings(self, settings: Settings) -> None:
        """Take new bindings and steering feel (after the settings or controls screen); held inputs stay."""
        self._settings = settings
        self._table = resolve(settings.bindings)
        problems = binding_problems(settings.bindings)
        warning = ("Bindings: " + "; ".join(problems) + ".") if problems else None
        if warning is not None and warning != self.binding_warning:
            _log.warning("%s", warning)  # once per new set of problems, not at every settings change
        self.binding_warning = warning
        key_actions: dict[int, list[Action]] = {}
        for action in Action:
            for name in self._table.inputs(KEYBOARD, action):
                code = key_code(name)
                if code is not None:
                    key_actions.setdefault(code, []).append(action)
        self._key_actions = {code: tuple(actions) for code, actions in key_actions.items()}

    # --- devices --------------------------------------------------------------------------------------

    @property
    def controller_lost(self) -> bool:
        """The active controller was unplugged: the race should pause and say so until acknowledged."""
        return self._lost_name is not None

    @property
    def lost_controller_name(self) -> str | None:
        return self._lost_name

    def acknowledge_controller_lost(self) -> None:
        self._lost_name = None

    @property
    def active_device_name(self) -> str:
        """The device the player used last: "Keyboard" or the pad's name as SDL reports it."""
        return self._active_device_name

    @property
    def connected_pads(self) -> tuple[str, ...]:
        return tuple(pad.name for pad in self._registry.pads.values())

    def close(self) -> None:
        self._registry.close_all()

    # --- events ---------------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> list[str]:
        """Feed one pygame event; returns the one-shot actions it fired, in Action order per input.

        Held controls (steering, pedals, handbrake, wind, pusher) return nothing: `sample` reads them.
        Gamepad restart is not fired here but by `update` once held GAMEPAD_HOLD_S.
        """
        fired, _ = self._handle(event)
        return fired

    def capture_input(self, event: pygame.event.Event, device: str, action: Action | str) -> str | None:
        """For the controls screen's "press the new key" prompt: the input name `event` presses on
        `device`, or None (releases, small stick motions, the other device, Escape: see cancels_capture).
        While a prompt is open, give events to this instead of `handle_event`: pad state (and pads plugged in
        or out meanwhile) is still tracked, but the press fires no action."""
        if device == KEYBOARD and event.type == pygame.KEYDOWN:
            return None if event.key == pygame.K_ESCAPE else key_name(event.key)
        latched = set(self._latched)
        _, presses = self._handle(event)
        self._latched = latched  # a press meant for the prompt is not a shift or recovery in the race
        for name in presses:
            for pad_id in self._registry.pads:
                self._holds.pop((pad_id, name), None)
                self._repeats.pop(("pad", pad_id, name), None)
        if device == GAMEPAD and presses:
            return capture_name(GAMEPAD, action, presses[0])
        return None

    def update(self, dt_s: float) -> list[str]:
        """Advance real time by `dt_s` (call once a frame, in menus too): returns actions fired by holding,
        i.e. a gamepad restart held long enough, and menu moves repeating while held."""
        fired: list[str] = []
        for hold in self._holds.values():
            hold.held_s += dt_s
            if not hold.fired and hold.held_s >= hold.hold_s:
                hold.fired = True
                fired.append(hold.action)
        for repeat in self._repeats.values():
            repeat.held_s += dt_s
            while repeat.held_s >= repeat.next_s:
                repeat.next_s += MENU_REPEAT_INTERVAL_S
                fired += repeat.actions
        return fired

    def reset_held(self) -> None:
        """Forget motion history at a race start, restart or resume: the steering ramp returns to the centre,
        the crown lets go, undelivered winding and latched presses are dropped. Keys still held stay held."""
        self._keyboard_steering.reset()
        for crown in self._crowns.values():
            crown.reset()
        self._wind.reset()
        self._latched.clear()
        self.controls = DriverControls()

    # --- the per-tick record --------------------------------------------------------------------------

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        """As the race session's input source: a new attempt starts with no motion history."""
        self._car = car
        self.reset_held()

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        """As the race session's input source: the hands' record for the next tick, the steering keys
        reaching as far as the car in `snapshot` makes useful (`key_reach`, docs/design.md §11)."""
        car = self._car
        racing = car is not None and snapshot.phase == "racing"
        return self.sample(TICK_S, key_reach(car, snapshot.car) if racing else FULL_REACH)

    def sample(self, dt_s: float = TICK_S, reach: KeyReach = FULL_REACH) -> InputRecord:
        """The input record for one simulation tick of `dt_s` (TICK_S), from what is held now; the steering
        keys ramp towards `reach`."""
        pads = list(self._registry.pads.values())
        keys = self._keyboard_held()
        controls = self._settings.controls

        digital_left = keys[Action.STEER_LEFT] or any(self._pad_digital(p, Action.STEER_LEFT) for p in pads)
        digital_right = keys[Action.STEER_RIGHT] or any(
            self._pad_digital(p, Action.STEER_RIGHT) for p in pads
        )
        steer = self._keyboard_steering.advance(digital_left, digital_right, dt_s, reach)
        for pad in pads:
            deflection = self._pad_analog(pad, Action.STEER_RIGHT) - self._pad_analog(pad, Action.STEER_LEFT)
            steer += shape_stick(deflection, controls.steer_dead_zone, controls.steer_curve)
        steer = max(-1.0, min(1.0, steer))

        throttle = self._pedal(keys, pads, Action.THROTTLE)
        brake = self._pedal(keys, pads, Action.BRAKE)
        handbrake = keys[Action.HANDBRAKE] or any(self._pad_digital(p, Action.HANDBRAKE) for p in pads)
        pusher = keys[Action.PUSHER] or any(self._pad_digital(p, Action.PUSHER) for p in pads)

        wind_held = keys[Action.WIND] or any(self._pad_digital(p, Action.WIND) for p in pads)
        stick_turns, on_crown = self._crown_turns(pads)
        winding = wind_held or on_crown
        if wind_held:
            self._wind.add(KEYBOARD_WIND_TURNS_PER_S * dt_s)
        self._wind.add(stick_turns)
        wind_steps = self._wind.take()

        latched, self._latched = self._latched, set()
        record = InputRecord.from_controls(
            steer,
            throttle,
            brake,
            handbrake=handbrake,
            pusher=pusher,
            shift_up=Action.SHIFT_UP in latched,
            shift_down=Action.SHIFT_DOWN in latched,
            recover=Action.RECOVER in latched,
            crown=winding,
            wind_turns=wind_steps / WIND_STEPS_PER_TURN,
            check_in=Action.CHECK_IN in latched,
            crown_back=keys[Action.CROWN_BACK] or any(self._pad_digital(p, Action.CROWN_BACK) for p in pads),
        )
        self.glancing = keys[Action.GLANCE] or any(self._pad_digital(p, Action.GLANCE) for p in pads)
        self.controls = DriverControls(
            steer, throttle, brake, handbrake, pusher, winding, wind_steps / WIND_STEPS_PER_TURN
        )
        return record

    # --- internals ------------------------------------------------------------------------------------

    def _handle(self, event: pygame.event.Event) -> tuple[list[str], list[str]]:
        """(actions fired, gamepad input names newly pressed) for one event."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            if event.key in self._keys_down:
                return [], []  # the OS's key repeat: menus repeat through `update`
            self._keys_down.add(event.key)
            self._active_device_name = KEYBOARD_DEVICE_NAME
            actions = self._key_actions.get(event.key, ())
            self._start_repeat(("key", event.key), actions)
            return self._press(actions, pad_input=None), []
        if kind == pygame.KEYUP:
            self._keys_down.discard(event.key)
            self._repeats.pop(("key", event.key), None)
            return [], []
        if kind == pygame.WINDOWFOCUSLOST:
            # no KEYUP will come for keys released while another window has focus
            self._keys_down.clear()
            self._repeats = {k: r for k, r in self._repeats.items() if k[0] != "key"}
            return [], []
        if kind not in _DEVICE_EVENTS:
            return [], []
        news = self._registry.handle_event(event)
        if news.added is not None:
            self._on_pad_added(news.added)
        if news.removed is not None:
            self._on_pad_removed(news.removed)
        fired: list[str] = []
        presses: list[str] = []
        for change in news.changes:
            fired += self._on_pad_change(change)
            if change.pressed:
                presses.append(change.name)
        return fired, presses

    def _on_pad_added(self, pad: Gamepad) -> None:
        if self._active_pad is None:
            self._active_pad = pad.instance_id

    def _on_pad_removed(self, pad: Gamepad) -> None:
        gone = pad.instance_id
        self._crowns = {k: c for k, c in self._crowns.items() if k[0] != gone}
        self._holds = {k: h for k, h in self._holds.items() if k[0] != gone}
        self._repeats = {k: r for k, r in self._repeats.items() if not (k[0] == "pad" and k[1] == gone)}
        if gone != self._active_pad:
            return
        self._lost_name = pad.name
        remaining = list(self._registry.pads.values())
        self._active_pad = remaining[0].instance_id if remaining else None
        if self._active_device_name == pad.name:
            self._active_device_name = remaining[0].name if remaining else KEYBOARD_DEVICE_NAME

    def _on_pad_change(self, change: PadChange) -> list[str]:
        pad = self._registry.pads[change.instance_id]
        if change.pressed or change.value >= ACTIVITY_THRESHOLD:
            self._active_pad = pad.instance_id
            self._active_device_name = pad.name
        key = (change.instance_id, change.name)
        if change.pressed is False:
            self._holds.pop(key, None)
            self._repeats.pop(("pad", *key), None)
            return []
        if not change.pressed:
            return []
        actions = self._table.actions_for(GAMEPAD, change.name)
        self._start_repeat(("pad", *key), actions)
        return self._press(actions, pad_input=key)

    def _press(self, actions: tuple[Action, ...], pad_input: tuple[int, str] | None) -> list[str]:
        fired: list[str] = []
        for action in actions:
            if action in HELD_ACTIONS:
                continue
            if pad_input is not None and action in GAMEPAD_HOLD_S:
                self._holds[pad_input] = _Hold(action, GAMEPAD_HOLD_S[action])
                continue
            if action in RECORD_PRESS_ACTIONS:
                self._latched.add(action)
            fired.append(action)
        return fired

    def _start_repeat(self, source: tuple[object, ...], actions: tuple[Action, ...]) -> None:
        repeating = tuple(a for a in actions if a in REPEATING_ACTIONS)
        if repeating:
            self._repeats[source] = _Repeat(repeating)

    def _keyboard_held(self) -> dict[Action, bool]:
        held = dict.fromkeys(HELD_ACTIONS, False)
        for code in self._keys_down:
            for action in self._key_actions.get(code, ()):
                if action in held:
                    held[action] = True
        return held

    def _pad_digital(self, pad: Gamepad, action: Action) -> bool:
        return any(
            name in pad.pressed
            for name in self._table.inputs(GAMEPAD, action)
            if not is_analog_input(name) and name not in STICK_TURN_INPUTS
        )

    def _pad_analog(self, pad: Gamepad, action: Action) -> float:
        values = [pad.value(name) for name in self._table.inputs(GAMEPAD, action) if is_analog_input(name)]
        return max(values, default=0.0)

    def _pedal(self, keys: dict[Action, bool], pads: list[Gamepad], action: Action) -> float:
        value = 1.0 if keys[action] else 0.0
        for pad in pads:
            if self._pad_digital(pad, action):
                return 1.0
            value = max(value, shape_trigger(self._pad_analog(pad, action)))
        return value

    def _crown_turns(self, pads: list[Gamepad]) -> tuple[float, bool]:
        """Crown turns from every stick bound to winding, and whether any of them holds the crown."""
        turns = 0.0
        on_crown = False
        gestures = [n for n in self._table.inputs(GAMEPAD, Action.WIND) if n in STICK_TURN_INPUTS]
        for pad in pads:
            for gesture in gestures:
                side = STICK_TURN_INPUTS[gesture]
                crown = self._crowns.setdefault((pad.instance_id, side), CrownStick())
                turns += crown.advance(*pad.stick(side))
                on_crown = on_crown or crown.engaged
        return turns, on_crown
