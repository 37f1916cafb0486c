"""Menu and race-event sounds, and the race events that call for them."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from game.audio import UI_SOUND_NAMES, ui_cues
from game.audio.ui_sounds import UI_PEAK, build_ui_sounds
from game.sim.snapshot import RaceSnapshot, SplitSnapshot
from tools.demo_drive import car_snapshot, race_snapshot, watch_state

SR = 44100


def test_every_ui_sound_is_built_stereo_with_the_same_peak_and_ends_in_silence() -> None:
    sounds = build_ui_sounds(SR)
    assert tuple(sounds) == UI_SOUND_NAMES
    for name, samples in sounds.items():
        assert samples.ndim == 2 and samples.shape[1] == 2, name
        assert float(np.max(np.abs(samples))) == pytest.approx(UI_PEAK), name
        assert abs(samples[0, 0]) < 0.01 and abs(samples[-1, 0]) < 1e-3, name
    assert len(sounds["move"]) < len(sounds["confirm"]) < len(sounds["pb"])


def _race(ticks: int, countdown: int = 300) -> list[RaceSnapshot]:
    watch = watch_state(0)
    return [
        race_snapshot(
            tick,
            car_snapshot(),
            watch,
            phase="countdown" if tick < countdown else "racing",
            countdown_ticks=max(0, countdown - tick),
        )
        for tick in range(ticks)
    ]


def _cues(snapshots: list[RaceSnapshot]) -> list[tuple[int, str]]:
    return [(cur.tick, cue) for prev, cur in itertools.pairwise(snapshots) for cue in ui_cues(prev, cur)]


def test_countdown_beeps_each_second_then_go() -> None:
    assert _cues(_race(400)) == [(1, "countdown"), (101, "countdown"), (201, "countdown"), (300, "go")]


def test_a_split_chimes_and_the_finish_line_plays_the_finish_only() -> None:
    snapshots = _race(320)
    split = SplitSnapshot(line_index=1, name="Verona", igt_ms=100)
    snapshots[310] = dataclasses.replace(snapshots[310], splits=(split,))
    snapshots[311:] = [dataclasses.replace(s, splits=(split,)) for s in snapshots[311:]]
    finish = SplitSnapshot(line_index=2, name="Brescia", igt_ms=150)
    snapshots[315:] = [
        dataclasses.replace(s, splits=(split, finish), phase="finished") for s in snapshots[315:]
    ]
    assert _cues(snapshots)[-2:] == [(310, "checkpoint"), (315, "finish")]


def test_the_same_pair_twice_or_a_restart_calls_for_nothing() -> None:
    first, second = _race(2)
    assert ui_cues(first, second) == ("countdown",)
    assert ui_cues(second, second) == ()
    assert ui_cues(second, first) == ()
    assert ui_cues(None, first) == ()
