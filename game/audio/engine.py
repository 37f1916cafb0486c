"""The engine's voice, built from RPM and load.

A four-stroke engine fires `cylinders / 2` times per crank turn, so its sound is a harmonic series on the
firing frequency (rpm / 60 × cylinders / 2). Cylinders never fire exactly alike, which adds weaker
components at half and whole orders of the engine cycle (the burble of a flat-four, the smoothness of a
straight-eight). Exhaust and intake add noise that pulses with each firing and gets brighter under load.
All components run from one cycle phase carried across buffers, so pitch glides never click.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.audio.synth import (
    Glide,
    NoiseLoop,
    PhaseOscillator,
    coloured_noise,
    damped_partials,
    fade_edges,
    normalised,
    ramp,
)

FIRING_HARMONICS = 8
"""Harmonics of the firing frequency; the eighth of a straight-eight at 7,000 rpm is 3.7 kHz."""

EXHAUST_RESONANCE_HZ = 620.0
"""Where the exhaust pipes boost the harmonics; fixed in frequency, so the timbre shifts as rpm climbs."""

RESONANCE_BOOST = 0.4
"""The most the exhaust resonance lifts a component; the firing fundamental always gets this much."""

RPM_GLIDE_S = 0.035
SHIFT_RPM_GLIDE_S = 0.010
LOAD_GLIDE_S = 0.05
LEVEL_GLIDE_S = 0.02
FADE_GLIDE_S = 0.25
"""How fast the engine fades out when the race is left (menus) or fades in when one begins."""

SHIFT_DIP_S = 0.09
"""How long the engine is off the throttle during a gear change (the dip you hear between gears)."""

HISS_DARK_HZ = 800.0
HISS_BRIGHT_HZ = 4000.0
"""Upper edges of the exhaust noise off load (dark) and at full load (bright)."""
HISS_GAIN = 0.35

JITTER_HZ = 12.0
JITTER_DEPTH = 0.04
"""No two firings are alike: the tone's loudness wanders by about 4 % at up to 12 Hz."""

OUTPUT_GAIN = 0.3
"""Peak engine level well below full scale, leaving headroom for tyres, crashes and the watch."""


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """What the sound needs to know of a car's engine (the car spec may not carry all of it: defaults)."""

    cylinders: int = 6
    idle_rpm: float = 900.0
    redline_rpm: float = 6500.0


def firing_frequency_hz(rpm: float, cylinders: int) -> float:
    """Firing pulses per second of a four-stroke engine: rpm / 60 × cylinders / 2."""
    return rpm / 60.0 * cylinders / 2.0


def _roughness(cylinders: int) -> float:
    """How uneven the firings sound: boxers and few cylinders burble, eights purr."""
    return {2: 0.5, 3: 0.4, 4: 0.4, 5: 0.3, 6: 0.2, 8: 0.12, 12: 0.08}.get(cylinders, 0.2)


def _components(cylinders: int) -> tuple[tuple[float, float, bool], ...]:
    """(order, order / cylinders, is a firing harmonic) of every component, the firing fundamental first.

    Orders are multiples of the engine-cycle rate (rpm / 120): the firing harmonics are multiples of
    `cylinders`; the uneven components sit at the crank rate (order 2) and half firing orders.
    """
    firing = [float(cylinders * k) for k in range(1, FIRING_HARMONICS + 1)]
    uneven = sorted({2.0, cylinders * 0.5, cylinders * 1.5, cylinders * 2.5} - set(firing))
    return tuple((order, order / cylinders, order in firing) for order in (*firing, *uneven))


class EngineVoice:
    """Renders the engine as mono float samples, buffer after buffer, from the latest RPM and load."""

    def __init__(self, sample_rate: int, spec: EngineSpec | None = None, seed: int = 1) -> None:
        self.sample_rate = sample_rate
        self._cycle = PhaseOscillator(sample_rate)
        self._rpm = Glide(0.0)
        self._load = Glide(0.0)
        self._fade = Glide(0.0, snap=1e-4)
        self._level = Glide(0.0)
        self._brightness = Glide(0.2)
        self._jitter = NoiseLoop(coloured_noise(sample_rate, None, JITTER_HZ, seed + 12))
        self._dark = NoiseLoop(coloured_noise(sample_rate, 40.0, HISS_DARK_HZ, seed + 10, order=1))
        self._bright = NoiseLoop(coloured_noise(sample_rate, 40.0, HISS_BRIGHT_HZ, seed + 11, order=1))
        self._target_rpm = 0.0
        self._target_load = 0.0
        self._target_throttle = 0.0
        self._running = False
        self._dip_left_s = 0.0
        self._fast_rpm_left_s = 0.0
        self.set_spec(spec or EngineSpec())

    def set_spec(self, spec: EngineSpec) -> None:
        self.spec = spec
        self._components = _components(spec.cylinders)
        self._orders32 = np.array([order for order, _, _ in self._components], dtype=np.float32)
        self._cylinders32 = np.float32(spec.cylinders)
        self._amplitudes_for = (self._rpm.value, self._load.value)
        self._amplitudes = self._component_amplitudes(*self._amplitudes_for)

    def set_target(self, rpm: float, load: float, throttle: float, running: bool = True) -> None:
        """The engine state to glide to. `running` False fades the engine out (menus, no race)."""
        self._target_rpm = max(0.0, rpm)
        self._target_load = min(1.0, max(0.0, load))
        self._target_throttle = min(1.0, max(0.0, throttle))
        self._running = running

    def shift(self) -> None:
        """A gear change: a brief lift (dip) and a quick fall or rise of rpm to the new gear."""
        self._dip_left_s = SHIFT_DIP_S
        self._fast_rpm_left_s = SHIFT_DIP_S * 1.5

    @property
    def presence(self) -> float:
        """0 (silent) to 1 (loud): how much the engine covers quieter sounds such as the watch's beat."""
        return self._fade.value * self._level.value

    @property
    def silent(self) -> bool:
        return self._fade.value == 0.0 and not self._running

    def render(self, n: int) -> np.ndarray:
        sr = self.sample_rate
        dt_s = n / sr
        spec = self.spec
        dipping = self._dip_left_s > 0.0
        self._dip_left_s = max(0.0, self._dip_left_s - dt_s)
        rpm_tau = SHIFT_RPM_GLIDE_S if self._fast_rpm_left_s > 0.0 else RPM_GLIDE_S
        self._fast_rpm_left_s = max(0.0, self._fast_rpm_left_s - dt_s)

        audible = self._running and self._target_rpm >= 0.3 * spec.idle_rpm
        fade = self._fade.advance(1.0 if audible else 0.0, n, sr, FADE_GLIDE_S)
        if not self._fade.audible:
            self._rpm.value = self._target_rpm
            return np.zeros(n, dtype=np.float64)

        rpm = self._rpm.advance(self._target_rpm, n, sr, rpm_tau)
        load = self._load.advance(0.0 if dipping else self._target_load, n, sr, LOAD_GLIDE_S)
        rpm_norm = min(1.0, self._rpm.value / max(1.0, spec.redline_rpm))
        level_target = (0.45 + 0.55 * self._load.value) * (0.55 + 0.45 * rpm_norm) * (0.6 if dipping else 1.0)
        level = self._level.advance(level_target, n, sr, LEVEL_GLIDE_S)
        jitter = 1.0 + JITTER_DEPTH * self._jitter.take(n)

        cycle = self._cycle.advance(rpm / 120.0, n).astype(np.float32)
        start_amplitudes = self._amplitudes
        if (self._rpm.value, self._load.value) != self._amplitudes_for:
            self._amplitudes_for = (self._rpm.value, self._load.value)
            self._amplitudes = self._component_amplitudes(*self._amplitudes_for)
        # float32 for the bulk of the work: its sine is many times faster, and its error (about 1e-4 rad at
        # the highest harmonic) is far below hearing; the phase itself is carried in float64
        waves = np.sin(np.outer(self._orders32, cycle))
        tone = start_amplitudes @ waves
        if self._amplitudes is not start_amplitudes:
            tone = tone + ((self._amplitudes - start_amplitudes) @ waves) * ramp(0.0, 1.0, n)

        brightness = self._brightness.advance(0.15 + 0.85 * self._load.value, n, sr, LOAD_GLIDE_S)
        dark = self._dark.take(n)
        hiss = dark + (self._bright.take(n) - dark) * brightness
        pulse = 0.5 + 0.5 * np.cos(self._cylinders32 * cycle)
        intake = 0.35 * self._target_throttle * rpm_norm
        hiss_level = HISS_GAIN * (0.25 * (0.4 + load) + intake)
        return (OUTPUT_GAIN * fade * level) * (tone * jitter + hiss * (pulse * pulse) * hiss_level)

    def _component_amplitudes(self, rpm: float, load: float) -> np.ndarray:
        """Component amplitudes at this rpm and load, normalised to a steady loudness.

        Firing harmonics fall with order, less steeply under load (brighter). The uneven components stay
        below the roughness of the engine, and the exhaust resonance lifts what lies near it by at most
        40 %: nothing ever outweighs the firing fundamental, so the pitch a player hears (and a test
        measures) is the firing frequency. Plain Python: for a dozen numbers it is faster than numpy.
        """
        slope = 1.5 - 0.8 * load
        cycle_hz = rpm / 120.0
        uneven = _roughness(self.spec.cylinders) * (0.6 + 0.4 * load)
        top_hz = 0.45 * self.sample_rate
        amplitudes = []
        for order, relative, firing in self._components:
            freq_hz = order * cycle_hz
            amplitude = min(1.0, relative**-slope) * (1.0 if firing else uneven)
            amplitude *= 1.0 + RESONANCE_BOOST * math.exp(-(((freq_hz - EXHAUST_RESONANCE_HZ) / 250.0) ** 2))
            # fade out anything approaching Nyquist, so no harmonic ever folds back as a whistle
            amplitudes.append(amplitude * min(1.0, max(0.0, (top_hz - freq_hz) / 1000.0)))
        amplitudes[0] = 1.0 + RESONANCE_BOOST
        norm = math.sqrt(math.fsum(a * a for a in amplitudes))
        return np.array(amplitudes, dtype=np.float32) / np.float32(norm)


def build_shift_clunk(sample_rate: int) -> np.ndarray:
    """The gearbox's dog clutches engaging: a short, low, dull knock under the engine's dip."""
    return fade_edges(
        normalised(
            damped_partials(
                ((110.0, 1.0, 0.02), (330.0, 0.6, 0.008), (1250.0, 0.25, 0.003)), 0.08, sample_rate
            )
        ),
        sample_rate,
    )
