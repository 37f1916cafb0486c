"""Tyres and crashes: squeal only when sliding on a hard road, crunch on gravel, a thump that scales."""

from __future__ import annotations

import numpy as np
import pytest

from game.audio import RaceSoundscape, Volumes
from game.audio.tyres import IMPACT_FULL_IMPULSE_NS, TyreLevels, TyreVoice, impact_gain
from game.sim.snapshot import RaceSnapshot
from tools.demo_drive import car_snapshot, race_snapshot, render_frames, watch_state

SR = 44100
EFFECTS_ONLY = Volumes(master=1.0, engine=0.0, effects=1.0, watch=0.0)


def _tyres(speed_ms: float, slip: float, surface: str, seconds: float = 1.0) -> np.ndarray:
    voice = TyreVoice(SR)
    voice.set_target(TyreLevels.from_car(speed_ms, (slip, slip), (surface, surface)))
    return np.concatenate([voice.render(1470) for _ in range(round(seconds * SR / 1470))])


def _median_hz(samples: np.ndarray) -> float:
    """The frequency below which half of the sound's power lies."""
    power = np.abs(np.fft.rfft(samples[:, 0])) ** 2
    freq_hz = np.fft.rfftfreq(len(samples), 1.0 / SR)
    return float(freq_hz[np.searchsorted(np.cumsum(power) / np.sum(power), 0.5)])


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2)))


def test_rolling_on_asphalt_is_silent_sliding_squeals() -> None:
    assert not np.any(_tyres(25.0, 0.0, "asphalt"))
    squeal = _tyres(25.0, 0.7, "asphalt")[SR // 4 :]
    assert _rms(squeal) > 0.02
    assert 900.0 < _median_hz(squeal) < 1800.0


def test_gravel_crunches_and_sprays_without_squeal_and_more_with_speed() -> None:
    levels = TyreLevels.from_car(20.0, (0.7, 0.7), ("gravel", "gravel"))
    assert levels.squeal == 0.0 and levels.crunch_per_s > 0.0 and levels.spray > 0.0
    slow, fast = _tyres(5.0, 0.2, "gravel"), _tyres(25.0, 0.2, "gravel")
    assert _rms(fast) > 2.0 * _rms(slow) > 0.0
    assert _median_hz(fast) > 2000.0  # grit and hiss, not a tone


def test_cobbles_knock_with_speed_grass_swishes() -> None:
    assert TyreLevels.from_car(15.0, (0.0, 0.0), ("cobbles", "cobbles")).knock_per_s > 0.0
    assert _rms(_tyres(15.0, 0.0, "cobbles")) > 0.005
    assert TyreLevels.from_car(15.0, (0.0, 0.0), ("grass", "grass")).swish > 0.0
    assert _rms(_tyres(15.0, 0.0, "grass")) > 0.005


def test_impact_loudness_grows_with_impulse_and_saturates() -> None:
    assert impact_gain(0.0) == 0.0
    gains = [impact_gain(impulse) for impulse in (100.0, 1000.0, 4000.0, 20000.0)]
    assert gains == sorted(gains)
    assert gains[-2] == gains[-1] == 1.0
    assert impact_gain(IMPACT_FULL_IMPULSE_NS / 4) == pytest.approx(0.5)


def _crash(impulses: dict[int, float]) -> list[RaceSnapshot | None]:
    watch = watch_state(500)
    return [
        race_snapshot(tick, car_snapshot(impact_impulse=impulses.get(tick, 0.0)), watch) for tick in range(60)
    ]


def test_a_harder_crash_thumps_louder() -> None:
    soft = render_frames(RaceSoundscape(SR, EFFECTS_ONLY), _crash({10: 250.0}))
    hard = render_frames(RaceSoundscape(SR, EFFECTS_ONLY), _crash({10: 4000.0}))
    assert float(np.max(np.abs(hard))) > 2.5 * float(np.max(np.abs(soft))) > 0.0


def test_grinding_along_a_wall_is_one_thump_per_80_ms_not_one_per_tick() -> None:
    scape = RaceSoundscape(SR, EFFECTS_ONLY)
    render_frames(scape, _crash(dict.fromkeys(range(10, 50), 500.0)))
    effects_bus = scape._effects_bus
    assert effects_bus.started == 2 * 5  # thump and scrape, at ticks 10, 18, 26, 34, 42
