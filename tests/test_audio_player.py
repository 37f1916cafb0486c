"""The public AudioPlayer: silent and well without a device, streaming with one, volumes that mean it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import numpy as np
import pygame
import pytest

from game.audio import UI_SOUND_NAMES, AudioPlayer, RaceSoundscape, Volumes
from game.audio.mixer import to_pcm
from tools.demo_drive import render_frames, scripted_drive

SR = 44100


@pytest.fixture(autouse=True)
def _fresh_mixer() -> Iterator[None]:
    """Each test opens the mixer itself (or fails to) and leaves it closed."""
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


@pytest.fixture(scope="module")
def drive() -> list:
    return scripted_drive()


def _no_device(*args: object, **kwargs: object) -> None:
    raise pygame.error("No available audio device")


def test_without_an_audio_device_the_game_runs_silent(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, drive: list
) -> None:
    monkeypatch.setattr(pygame.mixer, "init", _no_device)
    with caplog.at_level(logging.WARNING):
        player = AudioPlayer(Volumes())
    assert not player.enabled
    assert player.disabled_reason is not None and "No available audio device" in player.disabled_reason
    assert "No available audio device" in caplog.text
    for cur in drive[290:401]:
        player.update(cur, cur.events, 1 / 60)
    player.update(None, (), 1 / 60)
    for name in UI_SOUND_NAMES:
        player.play_ui(name)
    player.set_volumes(Volumes(master=0.2))
    player.pause()
    player.resume()
    player.close()
    assert pygame.mixer.get_init() is None


def test_a_mixer_that_takes_no_sounds_means_silence_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, drive: list
) -> None:
    def _refuse(array: np.ndarray) -> None:
        raise pygame.error("Unable to create sound")

    monkeypatch.setattr(pygame.sndarray, "make_sound", _refuse)
    player = AudioPlayer(Volumes())
    assert not player.enabled
    assert player.disabled_reason == "error: Unable to create sound"
    player.update(drive[1000], drive[1000].events, 1 / 60)
    player.play_ui("go")
    assert pygame.mixer.get_init() is None  # the mixer it opened is closed again


def test_with_the_dummy_driver_the_race_streams(drive: list) -> None:
    player = AudioPlayer(Volumes())
    assert player.enabled, player.disabled_reason
    stream = pygame.mixer.Channel(0)
    player.update(drive[1000], drive[1000].events, 1 / 60)  # full throttle
    assert stream.get_busy()
    assert stream.get_queue() is not None  # one buffer playing, one queued behind it
    player.close()
    assert not player.enabled


def test_in_the_menus_the_race_fades_out_and_the_stream_rests(drive: list) -> None:
    scape = RaceSoundscape(SR, Volumes())
    render_frames(scape, drive[990:1001])
    assert not scape.silent
    scape.observe(None)
    fading = scape.render(735)
    assert float(np.max(np.abs(fading))) > 0.01  # a fade, not a cut
    [scape.render(735) for _ in range(180)]  # three seconds
    assert scape.silent
    assert not np.any(scape.render(735))


def test_an_existing_mixer_is_used_as_it_is(drive: list) -> None:
    """The app may have opened the mixer (pygame.init() does): the sound adopts its rate and channels."""
    pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
    player = AudioPlayer(Volumes(), sample_rate=44100)
    assert player.enabled
    assert player.sample_rate == 22050
    player.update(drive[1000], drive[1000].events, 1 / 60)
    assert pygame.mixer.Channel(0).get_busy()
    player.close()
    assert pygame.mixer.get_init() is not None  # not ours to close


def test_unknown_ui_sound_is_a_programming_error() -> None:
    player = AudioPlayer(Volumes())
    with pytest.raises(ValueError, match="unknown UI sound 'beep'"):
        player.play_ui("beep")
    player.play_ui("confirm")
    assert pygame.mixer.Channel(1).get_busy()
    player.close()


def test_zero_master_volume_gives_all_zero_samples(drive: list) -> None:
    samples = render_frames(RaceSoundscape(SR, Volumes(master=0.0)), drive[:2300])
    assert len(samples) > SR * 20
    assert not np.any(samples)


def test_volumes_scale_the_output(drive: list) -> None:
    """Same drive, master at 0.4 and at 0.2: the samples halve (below the limiter's knee, exactly)."""
    loud = render_frames(RaceSoundscape(SR, Volumes(master=0.4)), drive[1000:1800])
    quiet = render_frames(RaceSoundscape(SR, Volumes(master=0.2)), drive[1000:1800])
    assert float(np.max(np.abs(loud))) < 0.8
    np.testing.assert_allclose(quiet, 0.5 * loud, atol=1e-12)


def test_each_group_has_its_own_volume(drive: list) -> None:
    """Engine, effects (tyres) and watch each alone on the gravel, then all together: the parts add up."""
    gravel = drive[1600:1700]
    everything = render_frames(RaceSoundscape(SR, Volumes()), gravel)
    parts = [
        render_frames(RaceSoundscape(SR, Volumes(engine=0.0, watch=0.0)), gravel),
        render_frames(RaceSoundscape(SR, Volumes(effects=0.0, watch=0.0)), gravel),
        render_frames(RaceSoundscape(SR, Volumes(engine=0.0, effects=0.0)), gravel),
    ]
    for part in parts:
        assert float(np.max(np.abs(part))) > 0.01
    assert float(np.max(np.abs(everything))) < 0.8
    np.testing.assert_allclose(sum(parts), everything, atol=1e-12)


def test_turning_the_volume_down_mid_race_glides_to_silence(drive: list) -> None:
    scape = RaceSoundscape(SR, Volumes())
    render_frames(scape, drive[900:1000])
    scape.set_volumes(Volumes(master=0.0))
    first = scape.render(441)
    later = [scape.render(441) for _ in range(40)]
    assert float(np.max(np.abs(first))) > 0.0  # a glide, not a click
    assert not np.any(later[-1])


def test_pcm_conversion_never_wraps_around() -> None:
    extremes = np.array([[-1.0, 1.0], [0.999, -0.999], [0.0, 0.5]])
    pcm = to_pcm(extremes, -16, 2)
    assert pcm.dtype == np.int16
    assert pcm[0, 0] < -32000 and pcm[0, 1] > 32000 and pcm[2, 0] == 0
    assert to_pcm(extremes, -16, 1).shape == (3,)
    assert to_pcm(extremes, 32, 2).dtype == np.float32
