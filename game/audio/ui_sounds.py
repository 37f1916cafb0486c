"""Menu and race-event sounds, synthesised once at start-up, and the race events that call for them.

Short, clean tones so they cut through the engine without being mistaken for it: beeps for the start
lights, a bell for a checkpoint, rising arpeggios for the finish and a personal best.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.audio.synth import TWO_PI, fade_edges
from game.sim.events import CountdownSecond, Finished, Go, RaceEvent, SplitPassed

UI_SOUND_NAMES = ("move", "confirm", "back", "countdown", "go", "checkpoint", "finish", "pb")
UI_PEAK = 0.5


def _note(sample_rate: int, freq_hz: float, duration_s: float, decay_s: float, partials: tuple[float, ...]):
    """A struck note: partials at the given multiples of `freq_hz`, each quieter, decaying together."""
    t = np.arange(int(duration_s * sample_rate)) / sample_rate
    tone = sum(np.sin(TWO_PI * freq_hz * ratio * t) / (1 + 1.5 * i) for i, ratio in enumerate(partials))
    return fade_edges(tone * np.exp(-t / decay_s), sample_rate, 0.002, 0.01)


def _beep(sample_rate: int, freq_hz: float, duration_s: float) -> np.ndarray:
    """A steady electronic beep with a few odd harmonics, like start lights' timing equipment."""
    t = np.arange(int(duration_s * sample_rate)) / sample_rate
    tone = (
        np.sin(TWO_PI * freq_hz * t)
        + np.sin(3 * TWO_PI * freq_hz * t) / 6
        + np.sin(5 * TWO_PI * freq_hz * t) / 15
    )
    return fade_edges(tone, sample_rate, 0.003, 0.015)


def _sequence(sample_rate: int, notes: list[np.ndarray], step_s: float) -> np.ndarray:
    """Notes starting `step_s` apart, each ringing on under the next."""
    step = int(step_s * sample_rate)
    out = np.zeros(step * (len(notes) - 1) + max(len(note) for note in notes))
    for i, note in enumerate(notes):
        out[i * step : i * step + len(note)] += note
    return out


def _semitones(base_hz: float, steps: int) -> float:
    return base_hz * 2.0 ** (steps / 12)


def build_ui_sounds(sample_rate: int) -> dict[str, np.ndarray]:
    """Every UI sound as stereo float samples (n, 2) with peak `UI_PEAK`."""
    sr = sample_rate
    bell = (1.0, 2.76, 5.4)
    soft = (1.0, 2.0)
    c5 = 523.25
    mono = {
        "move": _note(sr, 1200.0, 0.05, 0.012, soft),
        "confirm": _sequence(
            sr, [_note(sr, 660.0, 0.12, 0.05, soft), _note(sr, 990.0, 0.2, 0.07, soft)], 0.07
        ),
        "back": _sequence(sr, [_note(sr, 660.0, 0.12, 0.05, soft), _note(sr, 440.0, 0.2, 0.07, soft)], 0.07),
        "countdown": _beep(sr, 880.0, 0.18),
        "go": _beep(sr, 1760.0, 0.45),
        "checkpoint": _note(sr, 1318.5, 0.8, 0.25, bell),
        "finish": _sequence(sr, [_note(sr, _semitones(c5, s), 0.9, 0.3, bell) for s in (0, 4, 7, 12)], 0.11),
        "pb": _sequence(
            sr, [_note(sr, _semitones(c5, s), 1.0, 0.35, bell) for s in (0, 4, 7, 12, 16, 19, 24)], 0.08
        ),
    }
    sounds = {}
    for name, samples in mono.items():
        scaled = samples * (UI_PEAK / float(np.max(np.abs(samples))))
        sounds[name] = np.column_stack((scaled, scaled))
    return sounds


def ui_cues(events: Iterable[RaceEvent]) -> tuple[str, ...]:
    """The UI sounds the race's events call for, in order: a beep per countdown second, GO, a chime per
    split, the finish (which the finish line's own split does not chime over). Whether the finish was a
    personal best is the speedrun layer's word: a player swaps "finish" for "pb" when it says so."""
    events = tuple(events)
    finish_ticks = {event.tick for event in events if isinstance(event, Finished)}
    cues: list[str] = []
    for event in events:
        if isinstance(event, CountdownSecond):
            cues.append("countdown")
        elif isinstance(event, Go):
            cues.append("go")
        elif isinstance(event, SplitPassed) and event.tick not in finish_ticks:
            cues.append("checkpoint")
        elif isinstance(event, Finished):
            cues.append("finish")
    return tuple(cues)
