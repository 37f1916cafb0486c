"""The field heard on the road (docs/design.md §9): the nearest rivals' engines, quieter with distance, to the
side they are on, their pitch dropping as they are passed.

A few voices only (`MAX_VOICES`): the nearest rivals each get one and keep it while they stay among the
nearest, so a voice never jumps from one car to another while it sounds; a voice whose car has gone fades out
before it takes the next one. A rival's snapshot has no engine speed: it is the speed its gearbox would give in
the gear an automatic would hold (`engine_rpm`). The Doppler shift uses the speed at which the rival closes on
the player along the line between them, so a car heard coming up behind is higher and drops as it goes by.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.audio.engine import EngineSpec, EngineVoice
from game.audio.synth import Glide
from game.sim.cars import CarSpec, load_car_model
from game.sim.field_types import RivalSnapshot
from game.sim.snapshot import CarSnapshot

MAX_VOICES = 3
SPEED_OF_SOUND_MS = 343.0
FULL_LEVEL_M = 8.0
"""A rival this close (or closer) sounds at `RIVAL_GAIN`; further away its level falls as 1/distance."""
RIVAL_GAIN = 0.55
"""A rival alongside is a little quieter than the player's own engine, which sits in front of the driver."""
SILENT_M = 250.0
"""Beyond this a rival is not given a voice."""
MAX_DOPPLER = 0.25
"""The pitch shift is held within ±25 % (a car closing at 300 km/h gives about that)."""
LEVEL_GLIDE_S = 0.05
"""Levels and sides glide from frame to frame: a step in a gain clicks."""


@dataclass(frozen=True, slots=True)
class Heard:
    """How one rival sounds from where the player is."""

    distance_m: float
    gain: float
    pan: float
    """-1 all left, +1 all right, as the driver faces."""
    doppler: float
    """Pitch factor: above 1 while the rival closes in, below 1 as it draws away."""


def engine_rpm(spec: CarSpec, speed_ms: float) -> float:
    """Engine speed at `speed_ms` in the highest gear that keeps it above the automatic's down-shift point
    (first gear when slower), never below idle."""
    gearbox = spec.gearbox
    wheel_rpm = speed_ms / spec.tyres.wheel_radius_m * 60.0 / (2.0 * math.pi)
    rpm = wheel_rpm * gearbox.ratios[0] * gearbox.final_drive
    for ratio in gearbox.ratios:
        candidate = wheel_rpm * ratio * gearbox.final_drive
        if candidate >= gearbox.shift_down_rpm:
            rpm = candidate
    return min(spec.engine.redline_rpm, max(spec.engine.idle_rpm, rpm))


def hear(car: CarSnapshot, rival: RivalSnapshot) -> Heard:
    """Level, side and Doppler shift of `rival` heard from the player's `car`."""
    dx, dy = rival.x_m - car.x_m, rival.y_m - car.y_m
    distance = math.hypot(dx, dy)
    gain = RIVAL_GAIN * min(1.0, FULL_LEVEL_M / max(distance, 1e-6))
    if distance < 1e-6:
        return Heard(0.0, gain, 0.0, 1.0)
    ux, uy = dx / distance, dy / distance
    # Right of the player's heading is (sin h, -cos h) in world axes (x east, y north).
    pan = ux * math.sin(car.heading_rad) - uy * math.cos(car.heading_rad)
    rvx = rival.speed_ms * math.cos(rival.heading_rad)
    rvy = rival.speed_ms * math.sin(rival.heading_rad)
    # Speeds along the line from the player to the rival: positive when moving apart.
    source_away = rvx * ux + rvy * uy
    listener_towards = car.vx_ms * ux + car.vy_ms * uy
    doppler = (SPEED_OF_SOUND_MS + listener_towards) / (SPEED_OF_SOUND_MS + source_away)
    doppler = min(1.0 + MAX_DOPPLER, max(1.0 - MAX_DOPPLER, doppler))
    return Heard(distance, gain, max(-1.0, min(1.0, pan)), doppler)


class RivalVoices:
    """The nearest rivals' engines, mixed into a stereo buffer."""

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._voices = [EngineVoice(sample_rate, seed=20 + 7 * i) for i in range(MAX_VOICES)]
        self._owners: list[int | None] = [None] * MAX_VOICES
        self._targets = [(0.0, 0.0)] * MAX_VOICES
        """Each voice's left and right level, from its rival's distance and side."""
        self._levels = [(Glide(0.0), Glide(0.0)) for _ in range(MAX_VOICES)]
        self._specs: dict[str, CarSpec] = {}

    @property
    def owners(self) -> tuple[int | None, ...]:
        """The start number each voice follows (None: free or fading out)."""
        return tuple(self._owners)

    @property
    def silent(self) -> bool:
        return all(voice.silent for voice in self._voices)

    def _spec(self, model_id: str) -> CarSpec:
        spec = self._specs.get(model_id)
        if spec is None:
            spec = self._specs[model_id] = load_car_model(model_id)
        return spec

    def observe(self, car: CarSnapshot | None, field: Sequence[RivalSnapshot]) -> None:
        """Give the nearest rivals voices and set each voice's target from its rival."""
        if car is None:
            field = ()
        heard = {}
        for rival in field:
            h = hear(car, rival)  # type: ignore[arg-type]
            if h.distance_m <= SILENT_M:
                heard[rival.number] = (rival, h)
        nearest = sorted(heard, key=lambda n: heard[n][1].distance_m)[:MAX_VOICES]
        for i, owner in enumerate(self._owners):
            if owner is not None and owner not in nearest:
                self._owners[i] = None
        for number in nearest:
            if number in self._owners:
                continue
            free = next(
                (i for i, o in enumerate(self._owners) if o is None and self._voices[i].silent),
                None,
            )
            if free is None:
                continue  # it gets a voice once one has faded out
            self._owners[free] = number
            self._voices[free].set_spec(self._engine_spec(heard[number][0].model_id))
        for i, owner in enumerate(self._owners):
            voice = self._voices[i]
            if owner is None:
                voice.set_target(0.0, 0.0, 0.0, running=False)
                continue
            rival, h = heard[owner]
            rpm = engine_rpm(self._spec(rival.model_id), rival.speed_ms) * h.doppler
            voice.set_target(rpm, rival.engine_load, rival.engine_load, running=True)
            angle = (h.pan + 1.0) * math.pi / 4.0  # constant power: cos² + sin² = 1
            self._targets[i] = (h.gain * math.cos(angle), h.gain * math.sin(angle))

    def _engine_spec(self, model_id: str) -> EngineSpec:
        engine = self._spec(model_id).engine
        return EngineSpec(engine.cylinders, engine.idle_rpm, engine.redline_rpm)

    def mix_into(self, out: np.ndarray, gain: float) -> None:
        """Add the voices to the stereo buffer `out` (n, 2), each at its level and side, times `gain`."""
        n = out.shape[0]
        sr = self.sample_rate
        for i, voice in enumerate(self._voices):
            left, right = self._levels[i]
            target_left, target_right = self._targets[i]
            left_gain = left.advance(target_left, n, sr, LEVEL_GLIDE_S)
            right_gain = right.advance(target_right, n, sr, LEVEL_GLIDE_S)
            if voice.silent:
                continue
            mono = voice.render(n) * gain
            out[:, 0] += mono * left_gain
            out[:, 1] += mono * right_gain
