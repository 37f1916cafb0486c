"""Short pre-rendered sounds (a tick, a click, a thump, a grain of gravel) placed at exact stream positions.

Each bus counts the samples it has rendered (its cursor), so a sound can be scheduled at an absolute sample
position that lies in the buffer being rendered or in a later one; a sound that overlaps the end of a buffer
continues in the next, so nothing is cut at a join.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class _Voice:
    samples: np.ndarray
    """Mono (m,) or stereo (m, 2)."""
    start: int
    gain: float


class OneShotBus:
    """Mixes scheduled one-shot sounds into consecutive stereo buffers."""

    def __init__(self) -> None:
        self.cursor = 0
        """Absolute index of the next sample this bus will render."""
        self._voices: list[_Voice] = []
        self.started = 0
        """How many sounds have begun playing (a count a test or a meter can read)."""

    def add(self, samples: np.ndarray, start: int, gain: float) -> None:
        """Schedule `samples` to begin at absolute sample `start` (never earlier than the cursor)."""
        if gain <= 0.0 or len(samples) == 0:
            return
        self._voices.append(_Voice(samples, max(start, self.cursor), gain))

    @property
    def active(self) -> bool:
        return bool(self._voices)

    def mix_into(self, out: np.ndarray, gain: float = 1.0) -> None:
        """Add the next `len(out)` samples of every voice sounding in them, times `gain`, to stereo `out`."""
        n = len(out)
        begin, end = self.cursor, self.cursor + n
        self.cursor = end
        if not self._voices:
            return
        remaining: list[_Voice] = []
        for voice in self._voices:
            if voice.start >= end:
                remaining.append(voice)
                continue
            offset = voice.start - begin
            src_from = max(0, -offset)
            dst_from = max(0, offset)
            count = min(len(voice.samples) - src_from, n - dst_from)
            if src_from == 0:
                self.started += 1
            part = voice.samples[src_from : src_from + count] * (voice.gain * gain)
            if part.ndim == 1:
                out[dst_from : dst_from + count] += part[:, None]
            else:
                out[dst_from : dst_from + count] += part
            if src_from + count < len(voice.samples):
                remaining.append(voice)
        self._voices = remaining
