"""A student for the watch lesson: the autopilot drives, and the hands do what the lesson asks on cue.

The screenshot verb uses it to show the lesson's prompts at the moments a player meets them, and the tests to
walk the lesson through a real race: wind the crown for a second, brake the tourbillon and hold it through
the fly-back until the trial's start line, let go there, brake again at the end line. Everything it does goes
through ordinary input records, so the race it drives is a race a player could drive.
"""

from __future__ import annotations

from dataclasses import replace

from game.sim import TICK_HZ
from game.sim.autopilot import AutopilotDriver
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.input_source import InputSource
from game.sim.inputs import BUTTON_CROWN, BUTTON_PUSHER, WIND_STEPS_PER_TURN, InputRecord
from game.sim.race_types import COUNTDOWN_TICKS
from game.sim.snapshot import RaceSnapshot
from game.sim.track import Track

KEYBOARD_WIND_STEPS = WIND_STEPS_PER_TURN * 2 // TICK_HZ
"""The wind key's 2 turns a second, in the record's steps per tick (docs/design.md §4)."""


class LessonStudent:
    """The autopilot's driving with the lesson's gestures laid over it, at fixed moments of the race.

    From `wind_at_s` of racing it holds the crown for `wind_s`; from `brake_at_s` it holds the pusher until
    the first trial's start line, lets go there, and presses it again at the end line for `freeze_s`.
    """

    def __init__(
        self,
        driver: InputSource | None = None,
        *,
        wind_at_s: float = 5.0,
        wind_s: float = 1.2,
        brake_at_s: float = 9.0,
        freeze_s: float = 1.0,
    ) -> None:
        self.driver = driver if driver is not None else AutopilotDriver()
        self.wind_ticks = (round(wind_at_s * TICK_HZ), round((wind_at_s + wind_s) * TICK_HZ))
        self.brake_tick = round(brake_at_s * TICK_HZ)
        self.freeze_ticks = round(freeze_s * TICK_HZ)

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        self.driver.start(track, geometry, car)
        self._ended_at: int | None = None

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        record = self.driver.next_record(snapshot)
        racing = snapshot.tick + 1 - COUNTDOWN_TICKS
        buttons = record.buttons & ~BUTTON_PUSHER
        wind = record.wind
        if self.wind_ticks[0] <= racing < self.wind_ticks[1]:
            buttons |= BUTTON_CROWN
            wind = max(wind, KEYBOARD_WIND_STEPS)
        if self._pusher(snapshot, racing):
            buttons |= BUTTON_PUSHER
        return replace(record, buttons=buttons, wind=wind)

    def _pusher(self, snapshot: RaceSnapshot, racing: int) -> bool:
        if snapshot.trials:  # the first trial is over: freeze the reading at its end line for a moment
            if self._ended_at is None:
                self._ended_at = snapshot.tick
            return snapshot.tick - self._ended_at < self.freeze_ticks
        return racing >= self.brake_tick and not snapshot.in_trial
