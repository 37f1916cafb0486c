"""The pygame mixer side: opening it without ever raising, and streaming numpy buffers through a channel.

pygame has no streaming callback in its mixer, so the race stream is a chain of short Sounds: one playing
on a reserved channel and one queued behind it (a channel holds one queued Sound). Each frame, when the
queue slot is free, the next buffer is made. Latency is at most the playing buffer plus the queued one
plus the device's own buffer; the stream never starves while frames come faster than one buffer.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pygame

logger = logging.getLogger(__name__)

DEVICE_BUFFER_FRAMES = 512
"""The device's own buffer: 11.6 ms at 44.1 kHz."""
STREAM_CHANNEL = 0
UI_CHANNELS = (1, 2)
"""Two channels for UI sounds, used in turn, so a "pb" does not cut the "finish" it follows."""

_PCM_TYPES: dict[int, np.dtype] = {
    -16: np.dtype(np.int16),
    16: np.dtype(np.uint16),
    -8: np.dtype(np.int8),
    8: np.dtype(np.uint8),
    32: np.dtype(np.float32),
    -32: np.dtype(np.int32),
}
"""pygame's mixer format codes (bits, negative for signed integers; 32 is float) and their sample types."""


def to_pcm(samples: np.ndarray, size: int, channels: int) -> np.ndarray:
    """Stereo float samples in (-1, 1) as the mixer's sample type and channel count, C-contiguous."""
    dtype = _PCM_TYPES[size]
    if channels == 1:
        shaped = samples.mean(axis=1)
    elif channels == 2:
        shaped = samples
    else:
        shaped = np.zeros((len(samples), channels), dtype=np.float64)
        shaped[:, :2] = samples
    if dtype.kind == "f":
        return np.ascontiguousarray(shaped, dtype=dtype)
    info = np.iinfo(dtype)
    half_range = (int(info.max) - int(info.min)) / 2.0
    centre = (int(info.max) + int(info.min) + 1) / 2.0
    return np.ascontiguousarray(
        np.clip(np.round(shaped * (half_range - 1) + centre), info.min, info.max), dtype
    )


@dataclass(frozen=True, slots=True)
class MixerFormat:
    sample_rate: int
    size: int
    channels: int


class MixerOutput:
    """The audio device, or its absence. Every method is a no-op when `enabled` is False."""

    def __init__(self, sample_rate: int) -> None:
        self.enabled = False
        self.disabled_reason: str | None = None
        self.format = MixerFormat(sample_rate, -16, 2)
        self._owns_mixer = False
        self._paused = False
        self._recent: list[pygame.mixer.Sound] = []
        self._fed = False
        self.underruns = 0
        """Times the stream ran dry while it was being fed (a frame came later than a buffer lasts)."""
        try:
            self._open(sample_rate)
        except Exception as error:  # any failure of the device means silence, never a crash
            self._disable(error)

    def _disable(self, error: Exception) -> None:
        self.enabled = False
        self.disabled_reason = f"{type(error).__name__}: {error}"
        logger.warning("sound disabled: %s", self.disabled_reason)
        if self._owns_mixer:
            with contextlib.suppress(pygame.error):
                pygame.mixer.quit()
            self._owns_mixer = False

    def _open(self, sample_rate: int) -> None:
        if pygame.mixer.get_init() is None:
            pygame.mixer.init(frequency=sample_rate, size=-16, channels=2, buffer=DEVICE_BUFFER_FRAMES)
            self._owns_mixer = True
        initialised = pygame.mixer.get_init()
        if initialised is None:
            raise RuntimeError("pygame.mixer.init() returned but the mixer is not initialised")
        frequency, size, channels = initialised
        if size not in _PCM_TYPES:
            raise RuntimeError(f"unsupported mixer sample format {size}")
        self.format = MixerFormat(frequency, size, channels)
        needed = max(UI_CHANNELS) + 1
        if pygame.mixer.get_num_channels() < needed:
            pygame.mixer.set_num_channels(needed)
        pygame.mixer.set_reserved(needed)
        self._stream = pygame.mixer.Channel(STREAM_CHANNEL)
        self._ui = [pygame.mixer.Channel(index) for index in UI_CHANNELS]
        self._next_ui = 0
        self.enabled = True

    def make_sound(self, samples: np.ndarray) -> pygame.mixer.Sound | None:
        """A Sound from stereo float samples, or None without a device (or once making one has failed)."""
        if not self.enabled:
            return None
        try:
            return pygame.sndarray.make_sound(to_pcm(samples, self.format.size, self.format.channels))
        except Exception as error:  # a mixer that takes no sounds is no mixer: go silent
            self._disable(error)
            return None

    def feed(self, render: Callable[[int], np.ndarray], frames: int) -> int:
        """Keep the stream channel busy with one buffer playing and one queued; returns buffers made.

        A channel that is not busy but still holds a queued buffer is between two buffers: pygame's
        end-of-sound callback (on the audio thread, waiting for the GIL) is about to start the queued one.
        Playing a new buffer then would be overridden by that callback and put buffers out of order, so
        only a channel with nothing playing and nothing queued is restarted.
        """
        if not self.enabled or self._paused:
            return 0
        if self._stream.get_queue() is not None:
            return 0
        made = 0
        if not self._stream.get_busy():
            self.underruns += self._fed
            sound = self._keep(self.make_sound(render(frames)))
            if sound is None:
                return made
            self._stream.play(sound)
            made += 1
        sound = self._keep(self.make_sound(render(frames)))
        if sound is None:
            return made
        self._stream.queue(sound)
        self._fed = True
        return made + 1

    def rest(self) -> None:
        """Stop feeding on purpose (nothing to hear): the stream drains, and its end is not an underrun."""
        self._fed = False

    def _keep(self, sound: pygame.mixer.Sound | None) -> pygame.mixer.Sound | None:
        """Hold the last few buffers so none is freed while the device still reads it."""
        if sound is not None:
            self._recent = [*self._recent[-3:], sound]
        return sound

    @property
    def streaming(self) -> bool:
        return self.enabled and bool(self._stream.get_busy())

    def play_ui(self, sound: pygame.mixer.Sound | None, volume: float) -> None:
        if not self.enabled or sound is None:
            return
        channel = self._ui[self._next_ui]
        self._next_ui = (self._next_ui + 1) % len(self._ui)
        channel.set_volume(volume)
        channel.play(sound)

    def pause(self) -> None:
        if self.enabled:
            self._paused = True
            for channel in (self._stream, *self._ui):
                channel.pause()

    def resume(self) -> None:
        if self.enabled:
            self._paused = False
            for channel in (self._stream, *self._ui):
                channel.unpause()

    def close(self) -> None:
        if not self.enabled:
            return
        self.enabled = False
        try:
            for channel in (self._stream, *self._ui):
                channel.stop()
            if self._owns_mixer:
                pygame.mixer.quit()
        except pygame.error as error:
            logger.warning("closing the mixer: %s", error)
        self._recent = []
