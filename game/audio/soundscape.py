"""The race as a stereo stream: reads snapshots, renders buffers. No pygame here, so tests and the offline
renderer hear exactly what the player hears.

Two kinds of sound: continuous voices (engine, tyres) follow the latest snapshot and glide to it; events
(beats, crown clicks, the pusher, gear changes, crashes) happen at a simulation tick and are placed in the
stream at positions that keep their spacing in game time. Game time maps to stream samples through an
anchor that moves only when an event would land in the past (then everything shifts later a little) or
too far ahead (after a stall): so the watch's 8 beats a second stay evenly spaced whatever the frame rate.
"""

from __future__ import annotations

import numpy as np

from game.audio.engine import EngineSpec, EngineVoice, build_shift_clunk
from game.audio.oneshots import OneShotBus
from game.audio.synth import Glide, soft_limit
from game.audio.tyres import IMPACT_MIN_GAP_S, SILENT, TyreLevels, TyreVoice, build_impact, impact_gain
from game.audio.volumes import Volumes
from game.audio.watch_sounds import (
    CROWN_CLICK_GAIN,
    PUSHER_GAIN,
    BeatRegulariser,
    build_crown_clicks,
    build_pusher,
    build_ticks,
    tick_gain,
)
from game.sim import TICK_S
from game.sim.snapshot import RaceSnapshot

VOLUME_GLIDE_S = 0.02
MAX_EVENT_LEAD_S = 0.06
"""An event is never placed further than this after the stream's next sample (after a stall, say)."""
MAX_BEATS_PER_STEP = 64
"""More new beats than this between two snapshots means a different watch (a restart): resynchronise."""
SHIFT_CLUNK_GAIN = 0.25


class RaceSoundscape:
    """Everything heard during a race, mixed: engine, tyres, crashes, the watch."""

    def __init__(self, sample_rate: int, volumes: Volumes, engine: EngineSpec | None = None) -> None:
        sr = sample_rate
        self.sample_rate = sr
        self._engine = EngineVoice(sr, engine)
        self._tyres = TyreVoice(sr)
        self._engine_bus = OneShotBus()
        self._effects_bus = OneShotBus()
        self.watch_bus = OneShotBus()
        """The watch's sounds (its `started` counts the ticks, clicks and pusher sounds heard)."""
        self._ticks = build_ticks(sr)
        self._crown_clicks = build_crown_clicks(sr)
        self._pusher_press, self._pusher_release = build_pusher(sr)
        self._clunk = build_shift_clunk(sr)
        self._thump, self._scrape = build_impact(sr)
        self._regulariser = BeatRegulariser()
        self._volumes = volumes
        self._engine_gain = Glide(self._group_gain("engine"))
        self._effects_gain = Glide(self._group_gain("effects"))
        self._watch_gain = Glide(self._group_gain("watch"))
        self._anchor: int | None = None
        self._seen_tick: int | None = None
        self._seen_beats = 0
        self._seen_pusher = False
        self._last_impact_s = -1.0
        self._crown_click_count = 0

    # settings

    def set_volumes(self, volumes: Volumes) -> None:
        self._volumes = volumes

    def set_engine(self, spec: EngineSpec) -> None:
        self._engine.set_spec(spec)

    def _group_gain(self, group: str) -> float:
        return self._volumes.gain(group)

    # reading snapshots

    def observe(self, prev: RaceSnapshot | None, cur: RaceSnapshot | None) -> None:
        """Take in the latest pair of snapshots (the same pair may come again on the next frame)."""
        if cur is None:
            self._engine.set_target(0.0, 0.0, 0.0, running=False)
            self._tyres.set_target(SILENT)
            self._seen_tick = None
            return
        car = cur.car
        self._engine.set_target(car.rpm, car.engine_load, car.throttle, running=True)
        self._tyres.set_target(
            TyreLevels.from_car(
                car.speed_ms, (car.slip_front, car.slip_rear), (car.surface_front, car.surface_rear)
            )
        )
        if self._seen_tick is not None and cur.tick == self._seen_tick:
            return
        if self._seen_tick is None or cur.tick < self._seen_tick:
            self._resynchronise(cur)
            return
        for snap in (prev, cur):
            if snap is not None and snap.tick > self._seen_tick:
                self._tick_events(snap)
        self._beats(prev, cur)
        self._seen_tick = cur.tick

    def _resynchronise(self, cur: RaceSnapshot) -> None:
        """A first snapshot or a restarted race: take its state as the baseline, hear nothing of the past."""
        self._seen_tick = cur.tick
        self._seen_beats = cur.watch.beats
        self._seen_pusher = cur.pusher
        self._regulariser.reset()

    def _tick_events(self, snap: RaceSnapshot) -> None:
        """Discrete sounds of one simulation tick, placed at its time."""
        end_s = snap.tick * TICK_S
        car = snap.car
        if snap.crown_clicks > 0:
            for i in range(snap.crown_clicks):
                at_s = end_s - TICK_S + (i + 0.5) / snap.crown_clicks * TICK_S
                click = self._crown_clicks[self._crown_click_count % len(self._crown_clicks)]
                self._crown_click_count += 1
                self.watch_bus.add(click, self._at(at_s), CROWN_CLICK_GAIN)
        if snap.pusher != self._seen_pusher:
            sound = self._pusher_press if snap.pusher else self._pusher_release
            self.watch_bus.add(sound, self._at(end_s), PUSHER_GAIN * (1.0 if snap.pusher else 0.7))
            self._seen_pusher = snap.pusher
        if car.shifted:
            self._engine.shift()
            self._engine_bus.add(self._clunk, self._at(end_s), SHIFT_CLUNK_GAIN)
        gain = impact_gain(car.impact_impulse)
        if gain > 0.0 and (end_s - self._last_impact_s >= IMPACT_MIN_GAP_S or end_s < self._last_impact_s):
            at = self._at(end_s)
            self._effects_bus.add(self._thump, at, 0.9 * gain)
            self._effects_bus.add(self._scrape, at, 0.5 * gain * gain)
            self._last_impact_s = end_s

    def _beats(self, prev: RaceSnapshot | None, cur: RaceSnapshot) -> None:
        """A tick for each new beat of the balance since the last snapshot seen.

        Beats already counted in `prev` (when it is newer than the last snapshot seen) happened before its
        tick, the rest in the last tick: the narrower the window, the truer the rhythm.
        """
        assert self._seen_tick is not None
        watch = cur.watch
        new_beats = watch.beats - self._seen_beats
        if new_beats < 0 or new_beats > MAX_BEATS_PER_STEP:
            self._regulariser.reset()
            self._seen_beats = watch.beats
            return
        windows = []
        seen_s = self._seen_tick * TICK_S
        if (
            prev is not None
            and prev.tick > self._seen_tick
            and self._seen_beats <= prev.watch.beats <= watch.beats
        ):
            windows += [(seen_s, prev.tick * TICK_S)] * (prev.watch.beats - self._seen_beats)
            seen_s = prev.tick * TICK_S
        windows += [(seen_s, cur.tick * TICK_S)] * (watch.beats - len(windows) - self._seen_beats)
        gain = tick_gain(watch.amplitude_deg, self._engine.presence)
        for i, (earliest_s, latest_s) in enumerate(windows):
            at_s = self._regulariser.place(earliest_s, latest_s)
            sound = self._ticks[(self._seen_beats + i + 1) % 2]
            self.watch_bus.add(sound, self._at(at_s), gain)
        self._seen_beats = watch.beats

    def _at(self, time_s: float) -> int:
        """Stream sample for a game time: keeps events' spacing, never in the past, never far ahead."""
        cursor = self.watch_bus.cursor
        offset = round(time_s * self.sample_rate)
        if self._anchor is None or self._anchor + offset < cursor:
            self._anchor = cursor - offset
        lead = round(MAX_EVENT_LEAD_S * self.sample_rate)
        if self._anchor + offset > cursor + lead:
            self._anchor = cursor + lead - offset
        return self._anchor + offset

    # rendering

    @property
    def silent(self) -> bool:
        """Nothing sounds and nothing will until the next snapshot: the stream may rest."""
        buses = (self._engine_bus, self._effects_bus, self.watch_bus)
        return self._engine.silent and self._tyres.silent and not any(bus.active for bus in buses)

    def render(self, n: int) -> np.ndarray:
        """The next `n` stereo samples, volumes applied, limited below full scale (n, 2)."""
        sr = self.sample_rate
        engine_gain = self._engine_gain.advance(self._group_gain("engine"), n, sr, VOLUME_GLIDE_S)
        effects_gain = self._effects_gain.advance(self._group_gain("effects"), n, sr, VOLUME_GLIDE_S)
        self._watch_gain.advance(self._group_gain("watch"), n, sr, VOLUME_GLIDE_S)
        out = np.zeros((n, 2), dtype=np.float64)
        out += (self._engine.render(n) * engine_gain)[:, None]
        # one-shots take the group's gain at the buffer's end (they are short; a volume change while one
        # sounds steps its level once, by the change of one buffer's glide)
        self._engine_bus.mix_into(out, self._engine_gain.value)
        self._tyres.mix_into(out, effects_gain)
        self._effects_bus.mix_into(out, self._effects_gain.value)
        self.watch_bus.mix_into(out, self._watch_gain.value)
        return soft_limit(out)
