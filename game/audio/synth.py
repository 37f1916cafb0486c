"""Numpy building blocks for sound that is generated buffer by buffer and must join without clicks.

Everything that has a past (an oscillator's phase, a noise loop's read position, a parameter on its way
to a new value) keeps it between calls, so rendering 1,000 samples at once or in ten pieces gives the
same waveform. Streaming noise is never filtered at run time: numpy has no fast recursive filter and a
Python per-sample loop would cost more than the frame budget, so noise is coloured once, at start-up, in
the frequency domain, into seamless loops. The FIR designs below shape one-shots made at start-up.
"""

from __future__ import annotations

import math

import numpy as np

TWO_PI = 2.0 * math.pi
PHASE_WRAP = 2.0 * TWO_PI
"""Phases wrap every two turns, so components at half-integer multiples of a phase stay continuous."""


_POSITIONS: dict[int, np.ndarray] = {}


def _positions(n: int) -> np.ndarray:
    """(1, 2, …, n) / n, cached: buffers come in a handful of sizes and this is on every ramp."""
    positions = _POSITIONS.get(n)
    if positions is None:
        if len(_POSITIONS) > 16:
            _POSITIONS.clear()
        positions = _POSITIONS[n] = np.arange(1, n + 1, dtype=np.float64) / n
        positions.flags.writeable = False
    return positions


def ramp(start: float, end: float, n: int) -> np.ndarray:
    """Per-sample values moving linearly from just after `start` to exactly `end`.

    The last sample lands on `end`, so the next buffer's ramp, starting from `end`, continues without a step.
    """
    return start + (end - start) * _positions(n)


_DECAYS: dict[tuple[int, float], np.ndarray] = {}


def _decay(n: int, samples_per_time_constant: float) -> np.ndarray:
    """exp(-k / samples_per_time_constant) for k = 1..n, cached (a handful of buffer sizes and glides)."""
    key = (n, samples_per_time_constant)
    curve = _DECAYS.get(key)
    if curve is None:
        if len(_DECAYS) > 64:
            _DECAYS.clear()
        curve = _DECAYS[key] = np.exp(-np.arange(1, n + 1, dtype=np.float64) / samples_per_time_constant)
        curve.flags.writeable = False
    return curve


class Glide:
    """A parameter easing towards its target with a time constant (one-pole), sample by sample.

    Sudden jumps in a gain or a pitch click; gliding them over tens of milliseconds sounds like a change.
    The curve is the true exponential, so a glide rendered in one buffer or in several is the same curve.
    Once within `snap` of the target the value lands on it exactly, so a zero target gives exact silence.
    A value that does not move over a buffer is returned as a plain float (numpy broadcasts it), which
    saves building an array for every steady parameter on every buffer.
    """

    def __init__(self, value: float, snap: float = 1e-6) -> None:
        self.value = float(value)
        self.previous = self.value
        """The value at the start of the last buffer advanced."""
        self._snap = snap

    def advance(self, target: float, n: int, sample_rate: int, time_constant_s: float) -> np.ndarray | float:
        """Move towards `target` over `n` samples: the per-sample values (the last is the new value)."""
        start = self.previous = self.value
        target = float(target)
        if start == target:
            return start
        if time_constant_s <= 0.0:
            self.value = target
            return target
        values = target + (start - target) * _decay(n, time_constant_s * sample_rate)
        self.value = float(values[-1])
        if abs(self.value - target) < self._snap:
            self.value = target
        return values

    @property
    def audible(self) -> bool:
        """Non-zero at either end of the last buffer: whatever it scales must be rendered."""
        return self.previous != 0.0 or self.value != 0.0


class PhaseOscillator:
    """A phase that advances by a per-sample frequency and is carried from buffer to buffer."""

    def __init__(self, sample_rate: int, phase_rad: float = 0.0) -> None:
        self.sample_rate = sample_rate
        self.phase_rad = phase_rad

    def advance(self, freq_hz: np.ndarray | float, n: int) -> np.ndarray:
        """Phases (radians) at each of `n` samples for the given per-sample (or steady) frequency."""
        step = TWO_PI / self.sample_rate
        if isinstance(freq_hz, np.ndarray):
            phases = self.phase_rad + np.cumsum(freq_hz * step)
        else:
            phases = self.phase_rad + (freq_hz * step) * np.arange(1, n + 1, dtype=np.float64)
        self.phase_rad = float(phases[-1] % PHASE_WRAP)
        return phases


class NoiseLoop:
    """Coloured noise read from a seamless loop made at start-up: a slice per buffer, no filtering at run time.

    The loop is white noise shaped in the frequency domain, so it is exactly periodic: reading past its
    end continues from its start without a step. Three seconds of it never sound repeated under an engine
    or tyres. Reading costs a slice; a per-buffer filter (numpy has no fast recursive one) would cost far
    more than everything else in the buffer.
    """

    def __init__(self, samples: np.ndarray, phase: int = 0) -> None:
        self._length = len(samples)
        self._padded = np.concatenate((samples, samples[:_LOOP_PAD]))
        self._position = phase % self._length

    def take(self, n: int) -> np.ndarray:
        """The next `n` samples (a read-only view when it can be)."""
        start = self._position
        self._position = (start + n) % self._length
        if n <= _LOOP_PAD:
            return self._padded[start : start + n]
        return np.take(self._padded, np.arange(start, start + n) % self._length)


_LOOP_PAD = 8192
"""Longest read served as a plain slice; buffers are at most 50 ms (2,400 samples at 48 kHz)."""

NOISE_LOOP_SAMPLES = 1 << 17
"""About three seconds at 44.1 kHz."""


def coloured_noise(
    sample_rate: int,
    low_hz: float | None,
    high_hz: float | None,
    seed: int,
    order: int = 2,
    length: int = NOISE_LOOP_SAMPLES,
) -> np.ndarray:
    """A periodic noise loop with unit RMS, shaped by Butterworth slopes above `low_hz` and below `high_hz`."""
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(length))
    freq_hz = np.maximum(np.fft.rfftfreq(length, 1.0 / sample_rate), 1e-9)
    if high_hz is not None:
        spectrum /= np.sqrt(1.0 + (freq_hz / high_hz) ** (2 * order))
    if low_hz is not None:
        spectrum /= np.sqrt(1.0 + (low_hz / freq_hz) ** (2 * order))
    loop = np.fft.irfft(spectrum, n=length)
    return loop / float(np.sqrt(np.mean(loop**2)))


def lowpass_taps(cutoff_hz: float, sample_rate: int, n_taps: int = 63) -> np.ndarray:
    """Windowed-sinc low-pass (Blackman window), unity gain at DC."""
    if n_taps % 2 == 0:
        raise ValueError(f"n_taps must be odd for a symmetric filter, got {n_taps}")
    k = np.arange(n_taps) - (n_taps - 1) / 2
    taps = np.sinc(2.0 * cutoff_hz / sample_rate * k) * np.blackman(n_taps)
    return taps / taps.sum()


def highpass_taps(cutoff_hz: float, sample_rate: int, n_taps: int = 63) -> np.ndarray:
    """Spectral inversion of the low-pass: what the low-pass removes."""
    taps = -lowpass_taps(cutoff_hz, sample_rate, n_taps)
    taps[(n_taps - 1) // 2] += 1.0
    return taps


def bandpass_taps(low_hz: float, high_hz: float, sample_rate: int, n_taps: int = 63) -> np.ndarray:
    """The band between two low-passes."""
    return lowpass_taps(high_hz, sample_rate, n_taps) - lowpass_taps(low_hz, sample_rate, n_taps)


def damped_partials(
    partials: tuple[tuple[float, float, float], ...], duration_s: float, sample_rate: int
) -> np.ndarray:
    """Sum of decaying sines `(freq_hz, amplitude, decay_s)`: the ring of a struck part (clicks, thumps)."""
    t = np.arange(int(duration_s * sample_rate)) / sample_rate
    out = np.zeros_like(t)
    for freq_hz, amplitude, decay_s in partials:
        out += amplitude * np.exp(-t / decay_s) * np.sin(TWO_PI * freq_hz * t)
    return out


def decaying_noise(
    rng: np.random.Generator, taps: np.ndarray, decay_s: float, duration_s: float, sample_rate: int
) -> np.ndarray:
    """A filtered noise burst that dies away: grit, spray grains, the scrape in a crash."""
    n = int(duration_s * sample_rate)
    noise = np.convolve(rng.standard_normal(n + len(taps) - 1), taps, mode="valid")
    return noise * np.exp(-np.arange(n) / (decay_s * sample_rate))


def normalised(samples: np.ndarray, peak: float = 1.0) -> np.ndarray:
    """Scaled so the largest magnitude is `peak` (silence stays silence)."""
    top = float(np.max(np.abs(samples))) if samples.size else 0.0
    return samples * (peak / top) if top > 0.0 else samples


def fade_edges(samples: np.ndarray, sample_rate: int, fade_in_s: float = 0.0005, fade_out_s: float = 0.003):
    """Short raised-cosine fades so a one-shot starts and ends at zero (no click of its own)."""
    out = samples.copy()
    n_in = min(len(out), max(1, int(fade_in_s * sample_rate)))
    n_out = min(len(out), max(1, int(fade_out_s * sample_rate)))
    out[:n_in] *= 0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, n_in))
    out[len(out) - n_out :] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, math.pi, n_out))
    return out


LIMIT_KNEE = 0.8
LIMIT_CEILING = 0.999
"""Where the limiter's curve levels off: just under full scale, so not even a float's rounding clips."""


def soft_limit(x: np.ndarray, knee: float = LIMIT_KNEE) -> np.ndarray:
    """Leaves the signal alone below `knee` and bends the rest smoothly towards the ceiling, never above it."""
    magnitude = np.abs(x)
    over = magnitude > knee
    if not np.any(over):
        return x
    headroom = LIMIT_CEILING - knee
    out = x.copy()
    out[over] = np.sign(x[over]) * (knee + headroom * np.tanh((magnitude[over] - knee) / headroom))
    return out
