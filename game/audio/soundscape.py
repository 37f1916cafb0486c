"""The race as a stereo stream: reads snapshots and the race's events, renders buffers. No pygame here, so
tests and the offline renderer hear exactly what the player hears.

Two kinds of sound: continuous voices (engine, tyres) follow the latest snapshot and glide to it; events
(beats, crown clicks, the pusher, gear changes, crashes) happen at a simulation tick and are placed in the
stream at positions that keep their spacing in game time. Events come from the race itself
(`game.sim.events`), each naming its tick: nothing here guesses what happened by comparing snapshots. Game
time maps to stream samples through an anchor that moves only when an event would land in the past (then
everything shifts later a little) or too far ahead (after a stall): so the watch's 8 beats a second stay
evenly spaced whatever the frame rate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.audio.engine import EngineSpec, EngineVoice, build_shift_clunk
from game.audio.oneshots import OneShotBus
from game.audio.rivals import RivalVoices
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
from game.sim.events import Beats, CrownClicks, GearShifted, Impact, PusherMoved, RaceEvent
from game.sim.snapshot import RaceSnapshot

VOLUME_GLIDE_S = 0.02
MAX_EVENT_LEAD_S = 0.06
"""An event is never placed further than this after the stream's next sample (after a stall, say)."""
SHIFT_CLUNK_GAIN = 0.25


class RaceSoundscape:
    """Everything heard during a race, mixed: engine, the field's nearest engines, tyres, crashes, the watch."""

    def __init__(self, sample_rate: int, volumes: Volumes, engine: EngineSpec | None = None) -> None:
        sr = sample_rate
        self.sample_rate = sr
        self._engine = EngineVoice(sr, engine)
        self._rivals = RivalVoices(sr)
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
        self._beat_number = 0
        self._last_impact_s = -1.0
        self._crown_click_count = 0

    # settings

    def set_volumes(self, volumes: Volumes) -> None:
        self._volumes = volumes

    def set_engine(self, spec: EngineSpec) -> None:
        self._engine.set_spec(spec)

    def _group_gain(self, group: str) -> float:
        return self._volumes.gain(group)

    # listening to the race

    def observe(self, cur: RaceSnapshot | None, events: Sequence[RaceEvent] = ()) -> None:
        """Take in the race as the frame shows it (`cur`) and the events of every tick since the last frame.

        Continuous voices follow `cur`; each event is heard once, at its tick's place in the stream. A first
        snapshot, or a race that went back in time (a restart), is heard from then on, never its past.
        """
        if cur is None:
            self._engine.set_target(0.0, 0.0, 0.0, running=False)
            self._rivals.observe(None, ())
            self._tyres.set_target(SILENT)
            self._seen_tick = None
            return
        car = cur.car
        self._engine.set_target(car.rpm, car.engine_load, car.throttle, running=True)
        self._rivals.observe(car, cur.field)
        self._tyres.set_target(
            TyreLevels.from_car(
                car.speed_ms, (car.slip_front, car.slip_rear), (car.surface_front, car.surface_rear)
            )
        )
        if self._seen_tick is None or cur.tick < self._seen_tick:
            self._resynchronise(cur)
            return
        if cur.tick == self._seen_tick:
            return
        beat_gain = tick_gain(cur.watch.amplitude_deg, self._engine.presence)
        for event in events:
            if self._seen_tick < event.tick <= cur.tick:
                self._hear(event, beat_gain)
        self._seen_tick = cur.tick

    def _resynchronise(self, cur: RaceSnapshot) -> None:
        """A first snapshot or a restarted race: hear nothing of the past, keep the tick-tock's alternation."""
        self._seen_tick = cur.tick
        self._beat_number = cur.watch.beats
        self._regulariser.reset()

    def _hear(self, event: RaceEvent, beat_gain: float) -> None:
        """One event's sound, placed at its tick (a tick's sounds spread across its 10 ms where they are many)."""
        end_s = event.tick * TICK_S
        if isinstance(event, Beats):
            for _ in range(event.count):
                at_s = self._regulariser.place(end_s - TICK_S, end_s)
                self._beat_number += 1
                sound = self._ticks[self._beat_number % 2]
                self.watch_bus.add(sound, self._at(at_s), beat_gain)
        elif isinstance(event, CrownClicks):
            for i in range(event.count):
                at_s = end_s - TICK_S + (i + 0.5) / event.count * TICK_S
                click = self._crown_clicks[self._crown_click_count % len(self._crown_clicks)]
                self._crown_click_count += 1
                self.watch_bus.add(click, self._at(at_s), CROWN_CLICK_GAIN)
        elif isinstance(event, PusherMoved):
            sound = self._pusher_press if event.engaged else self._pusher_release
            self.watch_bus.add(sound, self._at(end_s), PUSHER_GAIN * (1.0 if event.engaged else 0.7))
        elif isinstance(event, GearShifted):
            self._engine.shift()
            self._engine_bus.add(self._clunk, self._at(end_s), SHIFT_CLUNK_GAIN)
        elif isinstance(event, Impact):
            gain = impact_gain(event.impulse)
            if gain > 0.0 and (
                end_s - self._last_impact_s >= IMPACT_MIN_GAP_S or end_s < self._last_impact_s
            ):
                at = self._at(end_s)
                self._effects_bus.add(self._thump, at, 0.9 * gain)
                self._effects_bus.add(self._scrape, at, 0.5 * gain * gain)
                self._last_impact_s = end_s

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
        quiet = self._engine.silent and self._rivals.silent and self._tyres.silent
        return quiet and not any(bus.active for bus in buses)

    def render(self, n: int) -> np.ndarray:
        """The next `n` stereo samples, volumes applied, limited below full scale (n, 2)."""
        sr = self.sample_rate
        engine_gain = self._engine_gain.advance(self._group_gain("engine"), n, sr, VOLUME_GLIDE_S)
        effects_gain = self._effects_gain.advance(self._group_gain("effects"), n, sr, VOLUME_GLIDE_S)
        self._watch_gain.advance(self._group_gain("watch"), n, sr, VOLUME_GLIDE_S)
        out = np.zeros((n, 2), dtype=np.float64)
        out += (self._engine.render(n) * engine_gain)[:, None]
        self._rivals.mix_into(out, engine_gain)
        # one-shots take the group's gain at the buffer's end (they are short; a volume change while one
        # sounds steps its level once, by the change of one buffer's glide)
        self._engine_bus.mix_into(out, self._engine_gain.value)
        self._tyres.mix_into(out, effects_gain)
        self._effects_bus.mix_into(out, self._effects_gain.value)
        self.watch_bus.mix_into(out, self._watch_gain.value)
        return soft_limit(out)
