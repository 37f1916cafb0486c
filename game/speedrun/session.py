"""One race as a run: the simulation, where its inputs come from, the attempt's records, the live comparison
with the PB, the ghost, and the save at the finish. No pygame.

Every run goes down this one path: the race scene (a player's hands), `run --headless` (the autopilot), the
bench, the attract mode and the screenshot verb (the autopilot again) differ only in their `InputSource` and in
whether the attempt is saved. The scene around a session only turns keys into records and draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from game.sim import TICK_HZ
from game.sim.autopilot import AutopilotDriver
from game.sim.cars import CarSpec, load_car
from game.sim.events import RaceEvent, SplitPassed
from game.sim.geometry import TrackGeometry
from game.sim.input_source import InputSource
from game.sim.inputs import NEUTRAL, InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import RaceSnapshot
from game.sim.track import Track
from game.sim.track_catalog import load_track
from game.speedrun.attempts import AttemptRecorder, LiveComparison, RunOutcome
from game.speedrun.categories import category_for_race
from game.speedrun.ghost import GhostTrack
from game.speedrun.splits import SplitColor

MAX_RUN_TICKS = 20 * 60 * TICK_HZ
"""A headless run that has not finished after 20 minutes of IGT is stuck: it is stopped and reported."""


@dataclass(frozen=True, slots=True)
class RaceSetup:
    """Which race to run: the track, the speedrun category it counts for, the settings and the car number."""

    track_id: str
    category: str
    settings: RaceSettings
    car_number: int

    def __post_init__(self) -> None:
        if (
            self.settings.car_number != self.car_number
        ):  # the number places the field: one number, in the settings
            object.__setattr__(self, "settings", replace(self.settings, car_number=self.car_number))

    @classmethod
    def for_track(cls, track: Track, settings: RaceSettings, car_number: int) -> RaceSetup:
        """A stage or circuit run on its own, counted in the category its track, laps and road make."""
        laps = settings.laps if settings.laps is not None else track.laps
        return cls(
            track.id,
            category_for_race(track, laps, clear_road=settings.clear_road).name,
            settings,
            car_number,
        )


@dataclass(frozen=True, slots=True)
class LastSplit:
    """The split just passed, judged against the PB as the timing strip shows it."""

    name: str
    at_ms: int
    delta_ms: int | None
    colour: SplitColor


class RaceSession:
    """A run of one `RaceSetup`, restartable at once; advanced one tick at a time by whoever drives it."""

    def __init__(
        self,
        setup: RaceSetup,
        inputs: InputSource,
        *,
        save: bool = True,
        livesplit: str | None = None,
        ghost: bool = False,
        record_to: str | None = None,
        track: Track | None = None,
        car: CarSpec | None = None,
    ) -> None:
        """`save` counts the attempt and keeps its replay in the save data; `record_to` also writes the replay
        there; `livesplit` is a "host:port" to drive; `ghost` races the category's PB ghost. `track` and `car`
        are the setup's own, when the caller has them loaded already (or altered, in tests)."""
        self.setup = setup
        self.track = track if track is not None else load_track(setup.track_id)
        self.car = car if car is not None else load_car(setup.settings.car_id)
        self.geometry = TrackGeometry(self.track)
        self.inputs = inputs
        self.record_to = record_to
        self.recorder = AttemptRecorder(
            category=setup.category,
            track=self.track,
            car=self.car,
            settings=setup.settings,
            car_number=setup.car_number,
            livesplit=livesplit,
            save=save,
        )
        self.ghost: GhostTrack | None = None
        self._ghost_wanted = ghost
        if ghost:
            self.load_ghost()
        self.start()

    # Attempts -------------------------------------------------------------------------------------------------

    def start(self) -> None:
        """A fresh race on the same track, straight into the countdown (a new physics space every time)."""
        self.race = Race(self.track, self.car, self.setup.settings, geometry=self.geometry)
        self.records: list[InputRecord] = []
        self.prev: RaceSnapshot = self.race.snapshot
        self.cur: RaceSnapshot = self.race.snapshot
        self.comparison = LiveComparison(self.recorder.pb_splits(), self.recorder.best_segments())
        self.last_split: LastSplit | None = None
        self.outcome: RunOutcome | None = None
        self._pending: list[RaceEvent] = []
        self.inputs.start(self.track, self.geometry, self.car)
        self.recorder.begin_attempt()

    def restart(self) -> None:
        """Instant restart: the attempt so far is counted as a reset, a new one begins."""
        self.abandon()
        self.start()

    def abandon(self) -> None:
        """Leave the run before the finish (a restart, a quit): counted as a reset once it had started."""
        if self.outcome is None:
            self.recorder.abandon(self.cur)

    def close(self) -> None:
        self.recorder.close()

    # The tick -------------------------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.race.finished

    @property
    def saved(self) -> bool:
        """The finish was crossed and the attempt is recorded (`outcome` says how)."""
        return self.outcome is not None

    def step(self) -> RaceSnapshot:
        """One tick: the source's record in (hands off once past the line), the attempt kept up to date."""
        if self.race.finished:
            record = NEUTRAL  # the car rolls on past the line; the run is over, nothing more is recorded
        else:
            record = self.inputs.next_record(self.cur)
            self.records.append(record)
        self.prev, self.cur = self.cur, self.race.step(record)
        events = self.cur.events
        if events:
            self._pending.extend(events)
        if self.outcome is None:
            self.recorder.live_tick(self.cur)
            for event in events:
                if isinstance(event, SplitPassed):
                    self._judge(event)
            if self.race.finished:
                self.outcome = self.recorder.finish(
                    self.race.result(), self.records, self.cur, record_to=self.record_to
                )
                if self.outcome.new_pb and self._ghost_wanted:
                    self.load_ghost()  # race the run just driven from the next attempt on
        return self.cur

    def take_events(self) -> tuple[RaceEvent, ...]:
        """The events of every tick since the last call, oldest first (a frame's sound and HUD cues)."""
        events, self._pending = tuple(self._pending), []
        return events

    def result(self) -> RaceResult:
        return self.race.result()

    def state_hash(self) -> str:
        return self.race.state_hash()

    # The PB: live comparison and ghost -------------------------------------------------------------------------

    def _judge(self, event: SplitPassed) -> None:
        # The last split of a category is the result, regularity penalties included.
        at_ms = self.race.result().total_ms if self.race.finished else event.split.igt_ms
        delta, colour = self.comparison.judge(event.index, at_ms)
        self.last_split = LastSplit(event.split.name, at_ms, delta, colour)

    def load_ghost(self) -> None:
        """Race the category's PB ghost (none when there is no PB, or it no longer verifies)."""
        self._ghost_wanted = True
        self.ghost = self.recorder.pb_ghost()

    def drop_ghost(self) -> None:
        self._ghost_wanted = False
        self.ghost = None

    def ghost_pose(self, alpha: float) -> tuple[float, float, float] | None:
        """Where the PB's car stood at this moment of its run (x, y, heading), None without a ghost."""
        return None if self.ghost is None else self.ghost.at(self.cur.tick, alpha)


@dataclass(frozen=True, slots=True)
class AutoRun:
    """What an autopilot run produced: the result, the records that reproduce it, the race's final hash, the
    last snapshot, every event of the run, and what the attempt's save did (None short of the finish)."""

    result: RaceResult
    records: tuple[InputRecord, ...]
    state_hash: str
    final: RaceSnapshot
    events: tuple[RaceEvent, ...]
    outcome: RunOutcome | None


def drive(
    track: Track,
    car: CarSpec,
    settings: RaceSettings,
    *,
    car_number: int | None = None,
    category: str | None = None,
    save: bool = False,
    livesplit: str | None = None,
    record_to: str | None = None,
    max_ticks: int = MAX_RUN_TICKS,
    on_tick: Callable[[RaceSnapshot], None] | None = None,
    driver: InputSource | None = None,
) -> AutoRun:
    """The autopilot (or another `driver`, such as the human model) drives a session from the countdown to the
    finish (or `max_ticks`): headless runs, golden replays, benchmarks, medal calibration and tests. Not saved
    unless asked; `category` defaults to the track's own."""
    car_number = settings.car_number if car_number is None else car_number
    setup = RaceSetup.for_track(track, settings, car_number)
    if category is not None:
        setup = RaceSetup(track.id, category, settings, car_number)
    session = RaceSession(
        setup,
        driver if driver is not None else AutopilotDriver(),
        save=save,
        livesplit=livesplit,
        record_to=record_to,
        track=track,
        car=car,
    )
    events: list[RaceEvent] = []
    try:
        while not session.finished and session.race.tick < max_ticks:
            snapshot = session.step()
            events += session.take_events()
            if on_tick is not None:
                on_tick(snapshot)
        if not session.finished:
            session.abandon()
    finally:
        session.close()
    return AutoRun(
        session.result(),
        tuple(session.records),
        session.state_hash(),
        session.cur,
        tuple(events),
        session.outcome,
    )
