"""What the tyres say: squeal when sliding on a hard road, crunch and spray on loose ground, knocks on
cobbles, and the thump of hitting something.

Squeal is a narrow band around 1 kHz whose pitch wanders, as a real sliding tyre's does. Gravel is grains:
many tiny filtered-noise bursts at a rate that grows with speed, plus a hiss of thrown stones; grass is a
duller swish. Grains are placed at random sample positions (seeded), so the crunch has no pattern to hear.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.audio.oneshots import OneShotBus
from game.audio.synth import (
    Glide,
    NoiseLoop,
    PhaseOscillator,
    bandpass_taps,
    coloured_noise,
    damped_partials,
    decaying_noise,
    fade_edges,
    lowpass_taps,
    normalised,
)


@dataclass(frozen=True, slots=True)
class SurfaceVoice:
    """How loud each tyre sound is on a surface, 0..1: squeal needs grip, grains and spray loose stuff."""

    squeal: float
    crunch: float
    spray: float
    swish: float
    knock: float


SURFACE_VOICES: dict[str, SurfaceVoice] = {
    "asphalt": SurfaceVoice(squeal=1.0, crunch=0.0, spray=0.0, swish=0.0, knock=0.0),
    "cobbles": SurfaceVoice(squeal=0.6, crunch=0.0, spray=0.0, swish=0.0, knock=1.0),
    "gravel": SurfaceVoice(squeal=0.0, crunch=1.0, spray=1.0, swish=0.0, knock=0.0),
    "verge": SurfaceVoice(squeal=0.0, crunch=0.5, spray=0.4, swish=0.5, knock=0.0),
    "grass": SurfaceVoice(squeal=0.0, crunch=0.1, spray=0.0, swish=1.0, knock=0.0),
}
"""Looked up per axle by the surface names of the track format; an unknown name sounds like asphalt."""

SQUEAL_HZ = 1050.0
SQUEAL_PARTIALS = ((1.0, 1.0), (2.02, 0.45), (3.01, 0.2))
"""(ratio to the squeal's pitch, weight): slightly stretched partials, the sound of rubber not of a whistle."""
SQUEAL_SLIP_START = 0.12
SQUEAL_SLIP_FULL = 0.6
CRUNCH_GRAINS_PER_S = 420.0
"""Gravel grains per second at 25 m/s on both axles."""
KNOCKS_PER_M = 1.0 / 0.35
"""Cobble knocks per metre travelled: one per setts' row, roughly."""
WOBBLE_HZ = 15.0
WOBBLE_DEPTH = 0.03
"""A sliding tyre's note wanders: about 3 % in pitch at up to 15 Hz."""
SPRAY_GAIN = 0.25
"""Thrown stones are a hiss under the crunch, not over it."""
SWISH_GAIN = 0.3
LEVEL_GLIDE_S = 0.04
OUTPUT_GAIN = 0.35

IMPACT_FULL_IMPULSE_NS = 4000.0
"""Collision impulse (N·s) that gives the loudest thump: a 1,000 kg car stopping from about 15 km/h."""
IMPACT_MIN_GAP_S = 0.08
"""A car grinding along a wall reports an impulse every tick; thumps closer than this merge into one."""


def impact_gain(impulse_ns: float) -> float:
    """Loudness of a crash thump, 0..1; square-root law so taps are audible and big hits do not deafen."""
    if impulse_ns <= 0.0:
        return 0.0
    return min(1.0, math.sqrt(impulse_ns / IMPACT_FULL_IMPULSE_NS))


def _smoothstep(x: float) -> float:
    x = min(1.0, max(0.0, x))
    return x * x * (3.0 - 2.0 * x)


@dataclass(frozen=True, slots=True)
class TyreLevels:
    """Targets derived from one snapshot of the car."""

    squeal: float
    squeal_pitch: float
    """Multiplier of the squeal's base pitch (harder slides sing higher)."""
    crunch_per_s: float
    spray: float
    swish: float
    knock_per_s: float

    @staticmethod
    def from_car(speed_ms: float, slips: tuple[float, float], surfaces: tuple[str, str]) -> TyreLevels:
        squeal = crunch = spray = swish = knock = 0.0
        pitch = 1.0
        speed_factor = min(1.0, speed_ms / 25.0)
        for slip, surface in zip(slips, surfaces, strict=True):
            voice = SURFACE_VOICES.get(surface, SURFACE_VOICES["asphalt"])
            sliding = _smoothstep((slip - SQUEAL_SLIP_START) / (SQUEAL_SLIP_FULL - SQUEAL_SLIP_START))
            squeal += 0.5 * voice.squeal * sliding * min(1.0, 0.4 + speed_ms / 8.0)
            pitch = max(pitch, 1.0 + 0.25 * min(1.0, max(0.0, slip - SQUEAL_SLIP_START)))
            churn = speed_factor * (0.6 + 0.4 * min(1.0, slip))
            crunch += 0.5 * voice.crunch * CRUNCH_GRAINS_PER_S * churn
            spray += 0.5 * voice.spray * speed_factor * (0.3 + 0.7 * min(1.0, slip))
            swish += 0.5 * voice.swish * speed_factor
            knock += 0.5 * voice.knock * KNOCKS_PER_M * speed_ms
        return TyreLevels(squeal, pitch, crunch, spray, swish, knock)


SILENT = TyreLevels(0.0, 1.0, 0.0, 0.0, 0.0, 0.0)


class TyreVoice:
    """Renders the tyres as stereo float samples, buffer after buffer."""

    def __init__(self, sample_rate: int, seed: int = 2) -> None:
        sr = sample_rate
        self.sample_rate = sr
        self._rng = np.random.default_rng(seed)
        self._target = SILENT
        self._squeal = Glide(0.0)
        self._pitch = Glide(1.0)
        self._wobble = NoiseLoop(coloured_noise(sr, None, WOBBLE_HZ, seed + 13))
        self._spray_level = Glide(0.0)
        self._swish_level = Glide(0.0)
        # one oscillator per partial: the partials are not whole multiples, so they cannot share a phase
        self._squeal_partials = [PhaseOscillator(sr) for _ in SQUEAL_PARTIALS]
        self._squeal_band = NoiseLoop(coloured_noise(sr, 900.0, 2200.0, seed + 10))
        spray = coloured_noise(sr, 2000.0, 7000.0, seed + 11)
        swish = coloured_noise(sr, 80.0, 900.0, seed + 12)
        # each loop read at two places half a loop apart: two uncorrelated noises, a wide stereo hiss
        self._spray = (NoiseLoop(spray), NoiseLoop(spray, len(spray) // 2))
        self._swish = (NoiseLoop(swish), NoiseLoop(swish, len(swish) // 2))
        self._grains = OneShotBus()
        grain_rng = np.random.default_rng(seed + 100)
        self._crunch_bank = [
            fade_edges(
                normalised(
                    decaying_noise(
                        grain_rng,
                        bandpass_taps(1200.0 + 300 * i, 5000.0, sr, 31),
                        0.0015 + 0.0004 * i,
                        0.012,
                        sr,
                    )
                ),
                sr,
            )
            for i in range(8)
        ]
        self._knock_bank = [
            fade_edges(
                normalised(
                    damped_partials(((140.0 + 25 * i, 1.0, 0.012), (420.0 + 40 * i, 0.4, 0.004)), 0.05, sr)
                ),
                sr,
            )
            for i in range(4)
        ]

    def set_target(self, levels: TyreLevels) -> None:
        self._target = levels

    @property
    def silent(self) -> bool:
        quiet = (
            self._squeal.value == 0.0 and self._spray_level.value == 0.0 and self._swish_level.value == 0.0
        )
        return quiet and self._target == SILENT and not self._grains.active

    def mix_into(self, out: np.ndarray, gain: np.ndarray | float) -> None:
        """Add the next `len(out)` stereo samples of the tyres, times `gain` (per sample or steady)."""
        sr = self.sample_rate
        n = len(out)
        target = self._target
        column = OUTPUT_GAIN * np.reshape(gain, (-1, 1))
        self._scatter_grains(n, target)
        self._grains.mix_into(out, float(column[-1, 0]))

        squeal = self._squeal.advance(target.squeal, n, sr, LEVEL_GLIDE_S)
        if self._squeal.audible:
            wobble = 1.0 + WOBBLE_DEPTH * self._wobble.take(n)
            pitch = self._pitch.advance(target.squeal_pitch, n, sr, 0.1) * wobble
            freq_hz = SQUEAL_HZ * pitch
            tone = sum(
                weight * np.sin(oscillator.advance(freq_hz * ratio, n).astype(np.float32))
                for oscillator, (ratio, weight) in zip(self._squeal_partials, SQUEAL_PARTIALS, strict=True)
            )
            band = self._squeal_band.take(n)
            out += np.reshape(squeal * (0.55 * tone + 0.45 * band), (-1, 1)) * column

        spray = self._spray_level.advance(target.spray, n, sr, LEVEL_GLIDE_S)
        if self._spray_level.audible:
            for channel, loop in enumerate(self._spray):
                out[:, channel] += loop.take(n) * (SPRAY_GAIN * spray) * column[:, 0]
        swish = self._swish_level.advance(target.swish, n, sr, LEVEL_GLIDE_S)
        if self._swish_level.audible:
            for channel, loop in enumerate(self._swish):
                out[:, channel] += loop.take(n) * (SWISH_GAIN * swish) * column[:, 0]

    def render(self, n: int) -> np.ndarray:
        """The next `n` stereo samples of the tyres alone."""
        out = np.zeros((n, 2), dtype=np.float64)
        self.mix_into(out, 1.0)
        return out

    def _scatter_grains(self, n: int, target: TyreLevels) -> None:
        """Schedule this buffer's gravel grains and cobble knocks at random places in it."""
        start = self._grains.cursor
        for rate_per_s, bank, gain in (
            (target.crunch_per_s, self._crunch_bank, 0.5),
            (target.knock_per_s, self._knock_bank, 0.35),
        ):
            if rate_per_s <= 0.0:
                continue
            count = int(self._rng.poisson(rate_per_s * n / self.sample_rate))
            positions = self._rng.integers(0, n, size=count)
            picks = self._rng.integers(0, len(bank), size=count)
            gains = gain * self._rng.uniform(0.25, 1.0, size=count)
            for position, pick, grain_gain in zip(positions, picks, gains, strict=True):
                self._grains.add(bank[pick], start + int(position), float(grain_gain))


def build_impact(sample_rate: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """The two layers of a crash: a low body thump (every hit) and a scrape of metal and grit (big hits)."""
    sr = sample_rate
    rng = np.random.default_rng(seed)
    t = np.arange(int(0.3 * sr)) / sr
    # the body's thump: a low note falling in pitch as the panels settle
    falling_phase = 2.0 * math.pi * (55.0 * t + 40.0 * 0.04 * (1.0 - np.exp(-t / 0.04)))
    thump = np.exp(-t / 0.07) * np.sin(falling_phase) + 0.5 * np.exp(-t / 0.03) * np.sin(2.7 * falling_phase)
    thump += 0.6 * decaying_noise(rng, lowpass_taps(500.0, sr, 63), 0.015, 0.3, sr) / 0.15
    scrape = decaying_noise(rng, bandpass_taps(900.0, 4500.0, sr, 63), 0.06, 0.3, sr)
    return fade_edges(normalised(thump), sr), fade_edges(normalised(scrape), sr)
