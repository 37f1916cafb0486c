"""The engine sound: a pitch that follows RPM, gear changes heard, a fade out (seams: test_audio_seams)."""

from __future__ import annotations

import numpy as np
import pytest

from game.audio.engine import EngineSpec, EngineVoice, firing_frequency_hz

SR = 44100


def _dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1.0 / SR)[int(np.argmax(spectrum))])


@pytest.mark.parametrize("cylinders", [4, 6, 8])
def test_pitch_follows_rpm(cylinders: int) -> None:
    """The loudest frequency is the firing frequency, and it triples from 2,000 to 6,000 rpm."""
    dominant = {}
    for rpm in (2000.0, 6000.0):
        engine = EngineVoice(SR, EngineSpec(cylinders=cylinders))
        engine.set_target(rpm, 0.8, 0.8)
        samples = np.concatenate([engine.render(1470) for _ in range(45)])[SR // 2 :]  # last second
        dominant[rpm] = _dominant_hz(samples)
        resolution_hz = SR / len(samples)
        assert dominant[rpm] == pytest.approx(firing_frequency_hz(rpm, cylinders), abs=resolution_hz)
    assert dominant[6000.0] / dominant[2000.0] == pytest.approx(3.0, rel=0.02)


def test_firing_frequency_of_the_cars() -> None:
    assert firing_frequency_hz(6000.0, 8) == 400.0  # the 300 SLR's straight-eight
    assert firing_frequency_hz(6000.0, 4) == 200.0  # a flat-four Porsche
    assert firing_frequency_hz(3000.0, 6) == 150.0


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2)))


def test_a_gear_change_is_heard_as_a_dip() -> None:
    """Up a gear the engine drops off the throttle for a moment: quieter just after the shift than once
    it pulls again at the new, lower rpm."""
    engine = EngineVoice(SR, EngineSpec(cylinders=6))
    engine.set_target(6000.0, 1.0, 1.0)
    [engine.render(441) for _ in range(50)]
    engine.shift()
    engine.set_target(4100.0, 1.0, 1.0)
    dip = np.concatenate([engine.render(441) for _ in range(8)])[1323:]  # 30–80 ms after the shift
    [engine.render(441) for _ in range(40)]
    pulling = np.concatenate([engine.render(441) for _ in range(5)])
    assert _rms(dip) < 0.75 * _rms(pulling)


def test_engine_fades_out_in_the_menus_and_falls_silent() -> None:
    engine = EngineVoice(SR, EngineSpec())
    engine.set_target(2500.0, 0.3, 0.3)
    [engine.render(735) for _ in range(30)]
    before = _rms(engine.render(735))
    engine.set_target(0.0, 0.0, 0.0, running=False)
    first = engine.render(735)
    assert _rms(first) > 0.5 * before  # a fade, not a cut
    tail = [engine.render(735) for _ in range(200)]  # 3.3 s
    assert not np.any(tail[-1])
    assert engine.silent
