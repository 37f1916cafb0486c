"""The game's sound, as the app drives it: one call per rendered frame, a call per UI event.

Without an audio device everything still runs (the stream simply is not queued), so the game plays
silent and well; `enabled` and `disabled_reason` say why.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.audio.engine import EngineSpec
from game.audio.mixer import MixerOutput
from game.audio.soundscape import RaceSoundscape
from game.audio.ui_sounds import UI_SOUND_NAMES, build_ui_sounds
from game.audio.volumes import Volumes
from game.sim.events import RaceEvent
from game.sim.snapshot import RaceSnapshot

MIN_BUFFER_S = 0.02
MAX_BUFFER_S = 0.05
BUFFER_PER_FRAME = 2.0
"""A buffer lasts two frames: the queued one still plays when the next frame comes, even a late one."""


class AudioPlayer:
    """Engine, tyres, crashes and the watch streamed from race snapshots; UI sounds on demand."""

    def __init__(self, volumes: Volumes, sample_rate: int = 44100) -> None:
        self._output = MixerOutput(sample_rate)
        self.sample_rate = self._output.format.sample_rate if self._output.enabled else sample_rate
        self._volumes = volumes
        self._scape = RaceSoundscape(self.sample_rate, volumes)
        self._ui = {
            name: self._output.make_sound(samples)
            for name, samples in build_ui_sounds(self.sample_rate).items()
        }
        self.enabled: bool = self._output.enabled
        self.disabled_reason: str | None = self._output.disabled_reason
        self._frame_s = 1.0 / 60.0
        self._paused = False

    def set_volumes(self, volumes: Volumes) -> None:
        self._volumes = volumes
        self._scape.set_volumes(volumes)

    def set_engine(self, cylinders: int = 6, idle_rpm: float = 900.0, redline_rpm: float = 6500.0) -> None:
        """The car's engine, for the next race: a straight-8 300 SLR, a flat-4 Porsche, a six otherwise."""
        self._scape.set_engine(EngineSpec(cylinders, idle_rpm, redline_rpm))

    def update(self, cur: RaceSnapshot | None, events: Sequence[RaceEvent], frame_dt_s: float) -> None:
        """Once per rendered frame with the latest snapshot and the race's events since the last frame;
        None and no events when not racing (menus)."""
        if not self.enabled or self._paused:
            return  # nothing is rendered, so nothing is scheduled: the next race resynchronises
        self._scape.observe(cur, events)
        if frame_dt_s > 0.0:
            # follow slower frames at once, faster ones gradually (one long frame should not shrink buffers)
            self._frame_s = max(frame_dt_s, self._frame_s + 0.1 * (frame_dt_s - self._frame_s))
        if self._scape.silent:
            self._output.rest()  # let the queue drain; the stream restarts with the next sound
            return
        buffer_s = min(MAX_BUFFER_S, max(MIN_BUFFER_S, BUFFER_PER_FRAME * self._frame_s))
        self._output.feed(self._scape.render, round(buffer_s * self.sample_rate))

    @property
    def underruns(self) -> int:
        """Times the stream ran dry while racing (0 on a healthy frame rate)."""
        return self._output.underruns

    def play_ui(self, name: str) -> None:
        """Play one of `UI_SOUND_NAMES` ("move", "confirm", "back", "countdown", "go", "checkpoint", …)."""
        if name not in self._ui:
            raise ValueError(f"unknown UI sound {name!r}; known: {', '.join(UI_SOUND_NAMES)}")
        self._output.play_ui(self._ui[name], self._volumes.gain("effects"))

    def pause(self) -> None:
        """Freeze every sound where it is (the race is paused)."""
        self._paused = True
        self._output.pause()

    def resume(self) -> None:
        self._paused = False
        self._output.resume()

    def close(self) -> None:
        self._output.close()
        self.enabled = False
