"""The building blocks that keep the stream clean: seamless noise loops, exact glides, the limiter."""

from __future__ import annotations

import numpy as np
import pytest

from game.audio import RaceSoundscape, Volumes
from game.audio.synth import Glide, NoiseLoop, coloured_noise, soft_limit
from tools.demo_drive import render_frames, scripted_drive

SR = 44100


def test_noise_loop_reads_on_across_its_end_without_a_seam() -> None:
    loop_samples = coloured_noise(SR, 100.0, 2000.0, seed=5, length=4096)
    loop = NoiseLoop(loop_samples, phase=4000)
    read = np.concatenate([loop.take(64), loop.take(64)])
    np.testing.assert_array_equal(read, np.concatenate([loop_samples[4000:], loop_samples[:32]]))
    # the loop is periodic: the step from its last sample to its first is an ordinary step
    steps = np.abs(np.diff(loop_samples))
    assert abs(loop_samples[0] - loop_samples[-1]) <= steps.max()


def test_coloured_noise_keeps_its_power_in_its_band() -> None:
    band = coloured_noise(SR, 900.0, 2200.0, seed=1)
    power = np.abs(np.fft.rfft(band)) ** 2
    freq_hz = np.fft.rfftfreq(len(band), 1.0 / SR)
    inside = power[(freq_hz > 600.0) & (freq_hz < 3300.0)].sum() / power.sum()
    assert float(np.sqrt(np.mean(band**2))) == pytest.approx(1.0)
    assert inside > 0.8


def test_glide_lands_exactly_and_holds_a_steady_value_as_a_number() -> None:
    glide = Glide(1.0)
    values = [glide.advance(0.0, 441, SR, 0.02) for _ in range(30)]
    assert glide.value == 0.0
    assert isinstance(values[0], np.ndarray) and values[0][0] < 1.0
    assert glide.advance(0.0, 441, SR, 0.02) == 0.0
    assert not glide.audible


def test_limiter_leaves_normal_levels_alone_and_never_reaches_full_scale() -> None:
    x = np.linspace(-10.0, 10.0, 20001)
    limited = soft_limit(x)
    quiet = np.abs(x) <= 0.8
    np.testing.assert_array_equal(limited[quiet], x[quiet])
    assert float(np.max(np.abs(limited))) < 1.0
    assert np.all(np.diff(limited) >= 0.0)


def test_the_whole_scripted_drive_at_full_volume_never_clips() -> None:
    samples = render_frames(RaceSoundscape(SR, Volumes(1.0, 1.0, 1.0, 1.0)), scripted_drive())
    assert len(samples) == round(34.5 * SR)
    assert 0.3 < float(np.max(np.abs(samples))) < 1.0
