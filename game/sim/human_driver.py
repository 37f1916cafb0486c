"""A model of a person driving, for calibrating the medals and for tests (docs/design.md §11).

The autopilot knows the whole road and reacts at once; a person does neither. This driver:

- **finds its own line** from the road it sees: it cuts to the inside of bends by a share of the road's width
  it is willing to use, judges each bend's speed from how tight it looks with a grip it trusts, and brakes for
  it with a deceleration it trusts, both misjudged bend by bend (a seeded error that drifts along the road);
- **sees late**: it decides from the race as it was `reaction_ticks` ago (150 ms), predicting its own motion
  over that delay only in part;
- **uses real controls**: on a keyboard, two steering keys through the game's own ramp (`KeyboardSteering`),
  re-chosen at most every few ticks as a hand can, and on/off pedals; on a gamepad, an analogue stick (with
  the default dead zone and response curve, and a wobble of the thumb) and analogue triggers;
- turns in early or late by a drifting error in where it looks, winds the crown on straights and under
  braking, holds a regularity trial's pace with a small error in its count, and asks for a recovery when stuck.

Deterministic: every choice comes from one `random.Random(seed)`, re-seeded at each attempt, so a seed is a
reproducible person and a calibration reproduces exactly.
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass
from typing import Literal

from game.sim import TICK_S
from game.sim.car import steer_lock_rad
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.steering_feel import FULL_REACH, KeyboardSteering, KeyReach, key_reach, shape_stick
from game.sim.surfaces import surface
from game.sim.track import Track
from game.sim.tyres import GRAVITY_MS2

Device = Literal["keyboard", "gamepad"]

REACTION_TICKS = 15
"""150 ms between seeing something and the hands acting on it."""

PLAN_STEP_M = 2.0
"""Spacing of the driver's own line along the road."""

JUDGEMENT_BLOCK_M = 80.0
"""Length of road over which one misjudgement (of a bend's speed, a braking point, a turn-in) holds."""

STICK_DEAD_ZONE = 0.08
STICK_CURVE = 1.5
"""The game's default stick feel (`game.settings` `ControlSettings`), which a new player drives with."""

WIND_TURNS_PER_TICK = 0.02
"""Two crown turns a second: the keyboard's wind key, or a steady thumb on the right stick."""

STUCK_TICKS = 200
"""Two seconds stopped while wanting to go: the player presses recovery."""


@dataclass(frozen=True, slots=True)
class HumanProfile:
    """How a person drives with one device: each range is drawn once per seed, uniformly."""

    device: Device
    grip_trust: tuple[float, float]
    """Share of the tyres' grip trusted in a bend."""
    brake_trust: tuple[float, float]
    """Share of the grip trusted under braking."""
    width_use: tuple[float, float]
    """Share of the road's usable width taken when cutting a bend."""
    misjudgement: float
    """Bend-by-bend error, as a fraction, on a bend's speed and the braking for it."""
    turn_in_error_m: float
    """Bend-by-bend error on where the driver looks, metres: turning in early or late."""
    look_ahead_s: tuple[float, float]
    """Seconds of road ahead the driver steers for."""
    anticipation: float
    """Share of its own motion during the reaction delay the driver predicts."""
    key_hold_ticks: int = 5
    """A key state is held at least this long (a tap is 50 ms), then chosen again."""
    stick_wobble: float = 0.0
    """Standard deviation of the thumb's wobble on the stick."""
    trial_count_error: float = 0.01
    """A regularity trial's time counted in the head, off by this fraction (standard deviation)."""


KEYBOARD = HumanProfile(
    device="keyboard",
    grip_trust=(0.66, 0.78),
    brake_trust=(0.55, 0.68),
    width_use=(0.45, 0.75),
    misjudgement=0.07,
    turn_in_error_m=3.0,
    look_ahead_s=(0.55, 0.7),
    anticipation=0.8,
)

GAMEPAD = HumanProfile(
    device="gamepad",
    grip_trust=(0.70, 0.80),
    brake_trust=(0.58, 0.70),
    width_use=(0.5, 0.8),
    misjudgement=0.06,
    turn_in_error_m=2.5,
    look_ahead_s=(0.5, 0.65),
    anticipation=0.85,
    stick_wobble=0.04,
)

PROFILES: dict[Device, HumanProfile] = {"keyboard": KEYBOARD, "gamepad": GAMEPAD}


@dataclass(frozen=True, slots=True)
class _Trial:
    start_s_m: float
    end_s_m: float
    target_s: float


class HumanDriver:
    """A person on a keyboard or a gamepad, as a race session's input source (`game.sim.input_source`)."""

    def __init__(self, device: Device, seed: int, profile: HumanProfile | None = None) -> None:
        self.profile = profile if profile is not None else PROFILES[device]
        if self.profile.device != device:
            raise ValueError(f"a {self.profile.device} profile cannot drive a {device}")
        self.device = device
        self.seed = seed
        self._geometry: TrackGeometry | None = None

    # ---------------------------------------------------------------------------------------------- attempt

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        profile = self.profile
        rng = random.Random(f"{self.device}:{self.seed}")
        self._rng = rng
        self._geometry = geometry
        self._car = car
        self._grip_trust = rng.uniform(*profile.grip_trust)
        self._brake_trust = rng.uniform(*profile.brake_trust)
        self._width_use = rng.uniform(*profile.width_use)
        self._look_ahead_s = rng.uniform(*profile.look_ahead_s)
        self._trial_bias = 1.0 + rng.gauss(0.0, profile.trial_count_error)
        blocks = int(geometry.length_m / JUDGEMENT_BLOCK_M) + 2
        self._judge = [1.0 + rng.uniform(-1.0, 1.0) * profile.misjudgement for _ in range(blocks)]
        self._turn_in = [rng.uniform(-1.0, 1.0) * profile.turn_in_error_m for _ in range(blocks)]
        self._plan(geometry, car)
        self._trials = _trials(track)
        self._seen: deque[RaceSnapshot] = deque(maxlen=REACTION_TICKS)
        self._hint: int | None = None
        self._ramp = KeyboardSteering()
        self._reach: KeyReach = FULL_REACH
        self._keys = (False, False)
        self._key_ticks = 0
        self._wobble = 0.0
        self._throttle_on = False
        self._winding = False
        self._trial: _Trial | None = None
        self._trial_start_tick = 0
        self._was_in_trial = False
        self._stuck = 0

    def _plan(self, geometry: TrackGeometry, car: CarSpec) -> None:
        """The driver's own line and the speeds it would take along it, judged from the road's shape."""
        length = geometry.length_m
        closed = geometry.closed
        n = int(length / PLAN_STEP_M) if closed else int(length / PLAN_STEP_M) + 1
        bend = [geometry.curvature_at(k * PLAN_STEP_M) for k in range(n)]
        # The bend as seen over the next and last few car lengths: the driver cuts to its inside.
        reach = 8
        seen = [
            sum(bend[(k + d) % n if closed else min(max(k + d, 0), n - 1)] for d in range(-reach, reach + 1))
            / (2 * reach + 1)
            for k in range(n)
        ]
        half_car = 0.5 * car.chassis.width_m
        xs: list[float] = []
        ys: list[float] = []
        for k in range(n):
            s = k * PLAN_STEP_M
            x, y, heading = geometry.point_at(s)
            room = max(0.0, geometry.half_width_at(s) - half_car - 0.8) * self._width_use
            offset = room * math.tanh(seen[k] * 40.0)
            xs.append(x - math.sin(heading) * offset)
            ys.append(y + math.cos(heading) * offset)
        self._xs = xs
        self._ys = ys
        self._n = n
        self._closed = closed

        mu = min(car.tyres.front.mu, car.tyres.rear.mu)
        speeds: list[float] = []
        grip_g: list[float] = []
        for k in range(n):
            a = (k - 3) % n if closed else max(k - 3, 0)
            b = (k + 3) % n if closed else min(k + 3, n - 1)
            curvature = _circle_curvature(xs[a], ys[a], xs[k], ys[k], xs[b], ys[b])
            g = mu * surface(geometry.surface_along(k * PLAN_STEP_M)).grip * GRAVITY_MS2
            grip_g.append(g)
            judge = self._judge[int(k * PLAN_STEP_M / JUDGEMENT_BLOCK_M)]
            speeds.append(min(90.0, judge * math.sqrt(self._grip_trust * g / max(curvature, 1e-6))))
        brake_cap = 0.9 * car.brakes.max_force_n / car.chassis.mass_kg
        for _ in range(2 if closed else 1):
            nxt = speeds[0] if closed else speeds[-1]
            for k in range(n - 1 if closed else n - 2, -1, -1):
                judge = self._judge[int(k * PLAN_STEP_M / JUDGEMENT_BLOCK_M)]
                decel = min(brake_cap, judge * self._brake_trust * grip_g[k])
                reach_speed = math.sqrt(nxt * nxt + 2.0 * decel * PLAN_STEP_M)
                if reach_speed < speeds[k]:
                    speeds[k] = reach_speed
                nxt = speeds[k]
        self._speeds = speeds

    # ------------------------------------------------------------------------------------------------- tick

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        if self._geometry is None:
            raise RuntimeError("the human model drives once a race session has started it")
        self._seen.append(snapshot)
        # the keys' reach follows the car as it is now: it is the game's, not the driver's, reaction
        self._reach = key_reach(self._car, snapshot.car) if snapshot.phase == "racing" else FULL_REACH
        seen = self._seen[0]  # the race as it was REACTION_TICKS ago (or at the start)
        if seen.phase != "racing":
            return self._hands(0.0, 0.0, 0.0, 0.0, False)
        car = seen.car
        geometry = self._geometry
        lead = REACTION_TICKS * TICK_S * self.profile.anticipation
        x = car.x_m + car.vx_ms * lead
        y = car.y_m + car.vy_ms * lead
        heading = car.heading_rad + car.yaw_rate_rad_s * lead
        road = geometry.project(x, y, self._hint)
        self._hint = road.segment
        s = road.s_m
        speed = car.speed_ms
        block = min(int(s / JUDGEMENT_BLOCK_M), len(self._turn_in) - 1)

        # Where to steer: a point of its own line ahead, found late or early by the turn-in error.
        look = max(4.0, 5.0 + self._look_ahead_s * speed + self._turn_in[block])
        j = self._index(s + look)
        ch, sh = math.cos(heading), math.sin(heading)
        dx, dy = self._xs[j] - x, self._ys[j] - y
        ahead = dx * ch + dy * sh
        left = dy * ch - dx * sh
        dist2 = ahead * ahead + left * left
        curvature = 2.0 * left / dist2 if dist2 > 1.0 else 0.0
        delta = math.atan(curvature * self._car.chassis.wheelbase_m)
        delta -= 0.08 * (car.yaw_rate_rad_s - speed * curvature)
        want = max(-1.0, min(1.0, -delta / steer_lock_rad(self._car.steering, speed)))

        # How fast: the speed it judged for the road a moment ahead, or a trial's pace.
        target = self._speeds[self._index(s + 0.3 * speed)]
        self._follow_trial(seen, s)
        if self._trial is not None:
            target = min(target, self._trial_pace(s, seen.tick))
        body_slip = math.atan2(car.vy_ms * ch - car.vx_ms * sh, abs(car.vx_ms * ch + car.vy_ms * sh) + 1.0)
        sliding = abs(body_slip) > 0.15 or car.slip_rear > 1.0
        throttle, brake = self._pedals(target - speed, sliding, car)

        reserve = seen.watch.reserve_fraction
        if reserve < 0.5:
            self._winding = True
        elif reserve >= 0.95:
            self._winding = False
        straight = abs(car.yaw_rate_rad_s * speed) < 2.0
        wind = (
            WIND_TURNS_PER_TICK if self._winding and (brake > 0.0 or (straight and reserve < 0.25)) else 0.0
        )

        if speed < 1.0 and target > 5.0:
            self._stuck += 1
        else:
            self._stuck = 0
        recover = self._stuck >= STUCK_TICKS
        if recover:
            self._stuck = 0
        return self._hands(want, throttle, brake, wind, recover)

    def _hands(self, want: float, throttle: float, brake: float, wind: float, recover: bool) -> InputRecord:
        """What the device puts in the record for a wanted steering and pedals."""
        if self.device == "keyboard":
            steer = self._keyboard_steer(want)
        else:
            self._wobble = 0.9 * self._wobble + self._rng.gauss(0.0, self.profile.stick_wobble * 0.44)
            stick = math.copysign(
                STICK_DEAD_ZONE + (1.0 - STICK_DEAD_ZONE) * abs(want) ** (1.0 / STICK_CURVE), want
            )
            stick = stick if want != 0.0 else 0.0
            steer = shape_stick(max(-1.0, min(1.0, stick + self._wobble)), STICK_DEAD_ZONE, STICK_CURVE)
        if wind > 0.0:
            throttle = 0.0
        if recover:
            return InputRecord.from_controls(steer, throttle, brake, recover=True, wind_turns=wind)
        return InputRecord.from_controls(steer, throttle, brake, wind_turns=wind)

    def _keyboard_steer(self, want: float) -> float:
        """Choose the keys every few ticks, the state whose ramp ends nearest the steering wanted."""
        if self._key_ticks <= 0:
            hold = self.profile.key_hold_ticks
            best = (math.inf, (False, False))
            for keys in ((False, False), (True, False), (False, True)):
                trial = KeyboardSteering()
                trial.position = self._ramp.position
                error = 0.0
                for _ in range(hold):
                    error += abs(trial.advance(keys[0], keys[1], TICK_S, self._reach) - want)
                if error < best[0] - 1e-9:
                    best = (error, keys)
            self._keys = best[1]
            self._key_ticks = hold + self._rng.randint(0, 2)
        self._key_ticks -= 1
        return self._ramp.advance(self._keys[0], self._keys[1], TICK_S, self._reach)

    def _pedals(self, error: float, sliding: bool, car: CarSnapshot) -> tuple[float, float]:
        """(throttle, brake) for a speed error (target - speed): on/off on keys, analogue on triggers."""
        locking = car.slip_front > 1.0
        if self.device == "keyboard":
            if error < -1.5:
                self._throttle_on = False
                return 0.0, 0.0 if locking else 1.0
            if error > 0.3:
                self._throttle_on = True
            elif error < -0.3:
                self._throttle_on = False
            return (1.0 if self._throttle_on and not sliding else 0.0), 0.0
        if error < -1.0:
            return 0.0, 0.0 if locking else min(1.0, -0.25 * error)
        throttle = max(0.0, min(1.0, 0.25 + 0.35 * error))
        return (min(throttle, 0.3) if sliding else throttle), 0.0

    # ---------------------------------------------------------------------------------------------- helpers

    def _index(self, s_m: float) -> int:
        k = int(s_m / PLAN_STEP_M)
        return k % self._n if self._closed else min(max(k, 0), self._n - 1)

    def _follow_trial(self, seen: RaceSnapshot, s: float) -> None:
        """A trial starts when the race says the car is in one (the timing strip hides): count from there."""
        if seen.in_trial and not self._was_in_trial:
            ahead = [t for t in self._trials if t.end_s_m > s]
            self._trial = ahead[0] if ahead else None
            self._trial_start_tick = seen.tick
        elif not seen.in_trial:
            self._trial = None
        self._was_in_trial = seen.in_trial

    def _trial_pace(self, s: float, tick: int) -> float:
        trial = self._trial
        assert trial is not None
        left_s = trial.target_s * self._trial_bias - (tick - self._trial_start_tick) * TICK_S
        if left_s <= 0.05:
            return 90.0
        return max(2.0, (trial.end_s_m - s) / left_s)


def _circle_curvature(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
    """Unsigned curvature of the circle through three points (0 when they are in line)."""
    cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d = math.hypot(bx - ax, by - ay) * math.hypot(cx - bx, cy - by) * math.hypot(cx - ax, cy - ay)
    return abs(2.0 * cross) / d if d > 1e-9 else 0.0


def _trials(track: Track) -> tuple[_Trial, ...]:
    starts = {t.trial: t for t in track.timing_lines if t.kind == "trial_start"}
    out = []
    for line in track.timing_lines:
        if line.kind == "trial_end" and line.trial in starts:
            start = starts[line.trial]
            target = line.target_s if line.target_s is not None else start.target_s
            if target:
                out.append(_Trial(start.s_m, line.s_m, float(target)))
    return tuple(sorted(out, key=lambda t: t.start_s_m))
