"""The watch's own sounds: the beat of the balance, the crown's ratchet, the stop pusher.

A lever escapement's tick is not one click but three in quick succession (unlocking, impulse, drop), each
a ring of small steel parts; tick and tock differ a little because the two pallets differ. The 4 Hz
balance beats 8 times a second. The sound learns of beats per snapshot (10 ms ticks, or a whole frame at
low frame rates), which would make the ticking limp (130, 120, 130 ms…); `BeatRegulariser` places them
on the even rhythm the balance really keeps.
"""

from __future__ import annotations

import numpy as np

from game.audio.synth import damped_partials, decaying_noise, fade_edges, highpass_taps, normalised

NOMINAL_BEAT_S = 1.0 / 8.0
"""Half an oscillation of a 4 Hz balance (28,800 vibrations an hour; docs/design.md §2)."""

FULL_AMPLITUDE_DEG = 280.0
"""A healthy balance amplitude on a good wind; the tick softens as the amplitude falls towards the stop."""

TICK_GAIN = 0.2
CROWN_CLICK_GAIN = 0.16
PUSHER_GAIN = 0.3
ENGINE_MASKING = 0.7
"""How much of the tick's loudness the engine at full cry takes away: the watch is heard best at idle."""


def _escapement_click(sample_rate: int, pitch: float, seed: int) -> np.ndarray:
    """One tick: unlocking, impulse and drop, 4 and 9 ms apart, the drop loudest."""
    rng = np.random.default_rng(seed)
    sr = sample_rate
    out = np.zeros(int(0.03 * sr))
    for offset_s, loudness in ((0.0, 0.35), (0.004, 0.55), (0.009, 1.0)):
        ring = damped_partials(
            ((3100.0 * pitch, 1.0, 0.0012), (5300.0 * pitch, 0.7, 0.0008), (8200.0 * pitch, 0.4, 0.0005)),
            0.008,
            sr,
        )
        ring += 0.3 * decaying_noise(rng, highpass_taps(4000.0, sr, 31), 0.0004, 0.008, sr)
        start = int(offset_s * sr)
        out[start : start + len(ring)] += loudness * ring
    return fade_edges(normalised(out), sr)


def build_ticks(sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Tick and tock: the two pallets' slightly different voices, alternated beat by beat."""
    return _escapement_click(sample_rate, 1.0, 11), _escapement_click(sample_rate, 0.93, 12)


def build_crown_clicks(sample_rate: int) -> tuple[np.ndarray, ...]:
    """The click-spring's pawl dropping into the ratchet wheel: dry, bright, each tooth a little different."""
    sr = sample_rate
    rng = np.random.default_rng(21)
    clicks = []
    for i in range(3):
        pitch = 1.0 + 0.04 * (i - 1)
        body = damped_partials(((2400.0 * pitch, 0.6, 0.0015), (6100.0 * pitch, 1.0, 0.0010)), 0.012, sr)
        grit = decaying_noise(rng, highpass_taps(3000.0, sr, 31), 0.0006, 0.012, sr)
        clicks.append(fade_edges(normalised(body + 0.5 * grit / max(1e-9, float(np.abs(grit).max()))), sr))
    return tuple(clicks)


def build_pusher(sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Press: the pusher's clack and the brake shoe clamping the cage. Release: a lighter snap back."""
    sr = sample_rate
    rng = np.random.default_rng(31)
    clack = damped_partials(((900.0, 0.8, 0.006), (1900.0, 1.0, 0.004), (4200.0, 0.5, 0.002)), 0.04, sr)
    clamp = damped_partials(((3600.0, 0.6, 0.002), (7000.0, 0.4, 0.001)), 0.02, sr)
    start = int(0.007 * sr)
    clack[start : start + len(clamp)] += clamp
    clack += 0.3 * decaying_noise(rng, highpass_taps(2000.0, sr, 31), 0.001, 0.04, sr)
    release = damped_partials(((1400.0, 0.6, 0.003), (2600.0, 1.0, 0.002), (5200.0, 0.5, 0.0012)), 0.025, sr)
    return fade_edges(normalised(clack), sr), fade_edges(normalised(release), sr)


def tick_gain(amplitude_deg: float, engine_presence: float) -> float:
    """How loud one beat sounds: softer as the balance loses amplitude, louder with the engine quiet."""
    strength = min(1.0, max(0.0, amplitude_deg / FULL_AMPLITUDE_DEG))
    return TICK_GAIN * strength * (1.0 - ENGINE_MASKING * min(1.0, max(0.0, engine_presence)))


class BeatRegulariser:
    """Places each beat on the even rhythm of the balance, inside the window where it is known to have been.

    A beat the sound learns of was beaten after the last snapshot it had seen and no later than the one that
    reports it: a window of one tick (10 ms) or a whole slow frame. One period after the previous beat is
    where the balance puts it; if that lies in the window it is the beat's time, exactly; if not, the beat
    goes to the window's nearer edge and the period estimate moves a little towards the truth (the rate
    drifts as the mainspring runs down). A beat far outside (a restart, a stall) resets to the window's end.
    """

    def __init__(self, period_s: float = NOMINAL_BEAT_S) -> None:
        self._nominal_s = period_s
        self.period_s = period_s
        self._last_s: float | None = None

    def reset(self) -> None:
        self._last_s = None
        self.period_s = self._nominal_s

    def place(self, earliest_s: float, latest_s: float) -> float:
        """The time at which a beat known to lie in ``[earliest_s, latest_s]`` should sound."""
        last = self._last_s
        if last is None:
            placed = latest_s
        else:
            predicted = last + self.period_s
            slack = 0.4 * self.period_s
            if predicted < earliest_s - slack or predicted > latest_s + slack:
                placed = latest_s
            else:
                placed = min(latest_s, max(earliest_s, predicted))
                correction = 0.1 * (placed - predicted)
                self.period_s = min(
                    2.0 * self._nominal_s, max(0.5 * self._nominal_s, self.period_s + correction)
                )
        self._last_s = placed
        return placed
