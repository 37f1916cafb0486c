"""The field as the player hears it: the nearest rivals' engines, quieter far off, to their side, their pitch
dropping as they are passed."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from test_audio_seams import _assert_seamless
from test_render_world_helpers import car_snapshot

from game.audio.engine import firing_frequency_hz
from game.audio.rivals import FULL_LEVEL_M, MAX_VOICES, RIVAL_GAIN, RivalVoices, engine_rpm, hear
from game.sim.cars import load_car_model
from game.sim.field_types import RivalSnapshot

SR = 44100
NORTH = math.pi / 2


def rival(
    number: int, x: float, y: float, speed: float = 30.0, model: str = "maserati_a6gcs"
) -> RivalSnapshot:
    return RivalSnapshot(number, model, x, y, NORTH, speed, 0.1, "asphalt", 0.7, True)


def pitch(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1.0 / SR)[int(np.argmax(spectrum))])


def render(voices: RivalVoices, player, field, seconds: float, per_buffer: int = 735) -> np.ndarray:
    chunks = []
    for _ in range(round(seconds * SR / per_buffer)):
        voices.observe(player, field)
        out = np.zeros((per_buffer, 2))
        voices.mix_into(out, 1.0)
        chunks.append(out)
    return np.concatenate(chunks)


def test_a_rivals_engine_turns_in_its_band_at_speed_and_idles_at_rest() -> None:
    spec = load_car_model("maserati_a6gcs")
    assert engine_rpm(spec, 0.0) == spec.engine.idle_rpm
    for speed in (15.0, 30.0, 45.0, 60.0):
        rpm = engine_rpm(spec, speed)
        assert spec.gearbox.shift_down_rpm <= rpm <= spec.engine.redline_rpm, speed


def test_level_falls_with_distance_and_the_side_is_heard() -> None:
    player = car_snapshot(0.0, 0.0, NORTH, 30.0)
    close = hear(player, rival(1, 0.0, 5.0))
    assert close.gain == RIVAL_GAIN and abs(close.pan) < 1e-9
    far = hear(player, rival(1, 0.0, 10 * FULL_LEVEL_M))
    assert math.isclose(far.gain, RIVAL_GAIN / 10)
    assert math.isclose(hear(player, rival(1, 20.0, 0.0)).pan, 1.0)  # east of a car heading north: right
    assert math.isclose(hear(player, rival(1, -20.0, 0.0)).pan, -1.0)


def test_the_pitch_drops_as_the_player_passes_a_slower_car() -> None:
    player = car_snapshot(0.0, 0.0, NORTH, 60.0)
    ahead = hear(player, rival(1, 0.0, 30.0, speed=30.0))
    behind = hear(player, rival(1, 0.0, -30.0, speed=30.0))
    # Closing at 30 m/s: (343 + 60) / (343 + 30) before, (343 - 60) / (343 - 30) after.
    assert math.isclose(ahead.doppler, 403 / 373)
    assert math.isclose(behind.doppler, 283 / 313)

    voices = RivalVoices(SR)
    slow = rival(5, 0.0, 30.0, speed=30.0)
    before = render(voices, player, (slow,), 0.6)[-8192:, 0]
    after = render(voices, player, (dataclasses.replace(slow, y_m=-30.0),), 0.6)[-8192:, 0]
    spec = load_car_model("maserati_a6gcs")
    firing = firing_frequency_hz(engine_rpm(spec, 30.0), spec.engine.cylinders)
    assert abs(pitch(before) - firing * 403 / 373) < 12.0
    assert abs(pitch(after) - firing * 283 / 313) < 12.0


def test_only_the_nearest_few_are_heard_and_each_keeps_its_voice() -> None:
    player = car_snapshot(0.0, 0.0, NORTH, 30.0)
    field = (*(rival(600 + i, 0.0, 10.0 + 20.0 * i) for i in range(5)), rival(700, 0.0, 400.0))
    voices = RivalVoices(SR)
    voices.observe(player, field)
    assert MAX_VOICES == 3
    assert sorted(n for n in voices.owners if n is not None) == [600, 601, 602]
    owners = voices.owners
    # #600 drops far back: its voice goes, the others keep theirs.
    moved = (dataclasses.replace(field[0], y_m=-200.0), *field[1:])
    voices.observe(player, moved)
    assert voices.owners == tuple(None if n == 600 else n for n in owners)


def test_a_rival_on_the_right_is_louder_on_the_right() -> None:
    player = car_snapshot(0.0, 0.0, NORTH, 30.0)
    samples = render(RivalVoices(SR), player, (rival(1, 6.0, 2.0),), 0.5)[-4096:]
    left, right = (float(np.sqrt(np.mean(samples[:, c] ** 2))) for c in (0, 1))
    assert right > 2.0 * left > 0.0


def test_a_rival_going_by_joins_buffers_without_a_step() -> None:
    player = car_snapshot(0.0, 0.0, NORTH, 40.0)
    voices = RivalVoices(SR)
    buffers = []
    for frame in range(120):
        y = 30.0 - frame * 0.5  # from 30 m ahead to 30 m behind
        voices.observe(player, (rival(9, 3.0, y, speed=20.0),))
        out = np.zeros((735, 2))
        voices.mix_into(out, 1.0)
        buffers.append(out[:, 0])
    _assert_seamless(buffers[20:])


def test_no_field_no_sound() -> None:
    voices = RivalVoices(SR)
    voices.observe(car_snapshot(0.0, 0.0, NORTH, 30.0), ())
    out = np.zeros((735, 2))
    voices.mix_into(out, 1.0)
    assert voices.silent and not out.any()
