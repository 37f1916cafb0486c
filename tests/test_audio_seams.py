"""No clicks where buffers join: every voice carries its phase, noise position and glides across buffers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from game.audio import RaceSoundscape, Volumes
from game.audio.engine import EngineSpec, EngineVoice
from game.audio.tyres import TyreLevels, TyreVoice
from tools.demo_drive import frames, scripted_drive

SR = 44100


def _steps(buffers: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sample-to-sample steps across the joins between buffers, and inside the buffers."""
    joins = np.array([abs(float(b[0] - a[-1])) for a, b in itertools.pairwise(buffers)])
    inner = np.concatenate([np.abs(np.diff(b)) for b in buffers])
    return joins, inner


def _assert_seamless(buffers: list[np.ndarray]) -> None:
    """No step at a join larger than the largest inside a buffer, and joins no rougher on average: a reset
    phase or a skipped noise sample makes the join steps several times the typical step."""
    joins, inner = _steps(buffers)
    assert float(inner.max()) > 0.0
    assert float(joins.max()) <= float(inner.max())
    assert float(joins.mean()) <= 1.5 * float(inner.mean())


@pytest.mark.parametrize("buffer_frames", [441, 1103, 2000])
def test_engine_joins_buffers_without_a_step_at_constant_rpm(buffer_frames: int) -> None:
    engine = EngineVoice(SR, EngineSpec(cylinders=8))
    # an rpm whose cycle is not a whole number of buffers, so the joins fall at every point of the wave
    engine.set_target(3137.0, 0.7, 0.7)
    [engine.render(buffer_frames) for _ in range(20)]  # settle the fade-in
    _assert_seamless([engine.render(buffer_frames) for _ in range(60)])


def test_engine_joins_buffers_without_a_step_while_rpm_and_load_change() -> None:
    engine = EngineVoice(SR, EngineSpec(cylinders=4))
    buffers = []
    for i in range(120):  # 2,000 → 6,000 rpm over 1.8 s in 30 ms buffers, load swinging, a gear change
        if i == 60:
            engine.shift()
        engine.set_target(2000.0 + 4000.0 * (i % 60) / 60, 0.5 + 0.5 * np.sin(i / 7), 1.0)
        buffers.append(engine.render(1323))
    _assert_seamless(buffers[10:])


def test_engine_sound_does_not_depend_on_how_it_is_cut_into_buffers() -> None:
    """Steady engine: 33 ms buffers and 10 ms buffers give the same waveform, sample for sample."""
    long_buffers, short_buffers = EngineVoice(SR, EngineSpec(8)), EngineVoice(SR, EngineSpec(8))
    for engine in (long_buffers, short_buffers):
        engine.set_target(4200.0, 0.6, 0.6)
    [long_buffers.render(1470) for _ in range(30)]  # one second each
    [short_buffers.render(441) for _ in range(100)]
    cut_long = np.concatenate([long_buffers.render(1470) for _ in range(15)])
    cut_short = np.concatenate([short_buffers.render(441) for _ in range(50)])
    assert float(np.max(np.abs(cut_long))) > 0.05
    np.testing.assert_allclose(cut_short, cut_long, atol=1e-5)


def test_tyres_join_buffers_without_a_step_while_sliding_and_spraying() -> None:
    tyres = TyreVoice(SR)
    buffers = []
    for i in range(100):
        slip = 0.3 + 0.5 * (i % 25) / 25
        tyres.set_target(
            TyreLevels.from_car(20.0, (slip, slip), ("asphalt", "verge" if i > 50 else "asphalt"))
        )
        buffers.append(tyres.render(1103)[:, 0])
    _assert_seamless(buffers[5:])


def test_the_whole_race_mix_joins_buffers_without_a_step() -> None:
    """The scripted drive through the mixer, one buffer a frame at 60 fps: gears, skid, gravel, crash."""
    scape = RaceSoundscape(SR, Volumes())
    buffers = []
    for frame, (cur, events) in enumerate(frames(scripted_drive()[:2200], 60.0)):
        n = round((frame + 1) * SR / 60) - round(frame * SR / 60)
        scape.observe(cur, events)
        buffers.append(scape.render(n)[:, 0])
    _assert_seamless(buffers[200:])
