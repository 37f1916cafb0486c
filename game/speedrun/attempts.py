"""One attempt from GO to the finish or a reset: live comparison, LiveSplit, the replay, the save data.

Every run goes through a `RaceSession` (`game.speedrun.session`), which keeps one `AttemptRecorder`, so a
played run and a headless one count and save the same way (docs/design.md §6): the replay is written, the attempt
counted, PB and gold segments updated, LiveSplit told. A route stage is part of a longer attempt: its replay is
kept, but the attempt is counted once for the whole route (`game.speedrun.route_progress.record_route_attempt`).
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.sim.cars import CarSpec
from game.sim.events import Go, SplitPassed
from game.sim.inputs import InputRecord
from game.sim.race_types import RaceResult, RaceSettings
from game.sim.snapshot import RaceSnapshot
from game.sim.track import Track
from game.speedrun.categories import (
    FIELD_SUFFIX,
    ROUTE,
    Category,
    CategoryError,
    category_for_race,
    resolve_category,
    split_times_ms,
)
from game.speedrun.ghost import GhostTrack, pb_ghost
from game.speedrun.livesplit_client import AddressError, LiveSplitClient, parse_address
from game.speedrun.medals import medal_for
from game.speedrun.replay_format import Replay, ReplayError, make_replay, write_replay
from game.speedrun.savedata import CategoryRecord, SaveDataError, load_category, record_result, save_replay
from game.speedrun.splits import SplitColor, split_color

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CategorySummary:
    """What the stage select shows of a category: PB, attempts, finished runs."""

    pb_ms: int | None
    attempts: int
    finished: int
    sum_of_best_ms: int | None


def category_summary(category: str) -> CategorySummary:
    """The category's record as the menus show it; an unreadable save is reported in the log, shown empty."""
    try:
        record = load_category(category)
    except SaveDataError as error:
        log.warning("%s", error)
        record = None
    if record is None:
        return CategorySummary(None, 0, 0, None)
    return CategorySummary(record.pb_ms, record.attempt_count, record.finished_count, record.sum_of_best_ms)


class LiveComparison:
    """Judges each split as it happens against the PB and the best segments from before this run."""

    def __init__(self, pb_split_ms: Sequence[int] | None, best_segments: Sequence[int | None]) -> None:
        self.pb_split_ms = None if pb_split_ms is None else tuple(pb_split_ms)
        self.best_segments = tuple(best_segments)
        self.split_ms: list[int] = []

    @property
    def pb_total_ms(self) -> int | None:
        return None if not self.pb_split_ms else self.pb_split_ms[-1]

    def judge(self, index: int, igt_ms: int) -> tuple[int | None, SplitColor]:
        """Record split `index` at `igt_ms`; return its delta to the PB (None without a PB) and its colour."""
        del self.split_ms[index:]
        self.split_ms.append(igt_ms)
        delta = None
        if self.pb_split_ms is not None and index < len(self.pb_split_ms):
            delta = igt_ms - self.pb_split_ms[index]
        return delta, split_color(self.split_ms, index, self.pb_split_ms, self.best_segments)


@dataclass(frozen=True, slots=True)
class SplitResult:
    """A split of the finished run as the results screen lists it."""

    name: str
    igt_ms: int
    delta_ms: int | None
    colour: SplitColor
    gold: bool


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What a finished run did: its result, whether it is a PB, its medal, its replay, the watch's wind left."""

    result: RaceResult
    category: str
    category_title: str
    new_pb: bool
    pb_before_ms: int | None
    medal: str | None
    splits: tuple[SplitResult, ...]
    recoveries: int
    replay_path: Path | None
    final_wound_turns: float
    warning: str | None
    record_error: str | None = None
    """Why the replay asked for at a `record_to` file is not there, as `warning` says it (`warning` equals it
    when nothing else went wrong): the command line fails on it after the run, the attempt still counted."""


class AttemptRecorder:
    """Counts attempts of one category on one track and keeps LiveSplit in step with the race."""

    def __init__(
        self,
        *,
        category: str,
        track: Track,
        car: CarSpec,
        settings: RaceSettings,
        car_number: int,
        livesplit: str | None = None,
        save: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.category_name = category
        self.track = track
        self.car = car
        self.settings = settings
        self.car_number = car_number
        self.save = save
        self.clock = clock
        laps = settings.laps if settings.laps is not None else track.laps
        route = category in (ROUTE, ROUTE + FIELD_SUFFIX)
        self.category: Category = (
            resolve_category(category)
            if route
            else category_for_race(track, laps, clear_road=settings.clear_road)
        )
        self.counts_attempts = not route
        self.livesplit: LiveSplitClient | None = None
        if livesplit and self.counts_attempts:
            try:
                host, port = parse_address(livesplit)
                self.livesplit = LiveSplitClient(host, port)
            except AddressError as error:
                log.warning("LiveSplit link off: %s", error)
        self._racing = False
        self._splits_sent = 0

    # Before and during the run --------------------------------------------------------------------------------

    def pb_splits(self) -> tuple[int, ...] | None:
        record = self._record()
        return None if record is None or not self.counts_attempts else record.pb_split_ms

    def best_segments(self) -> tuple[int | None, ...]:
        record = self._record()
        if record is None or not self.counts_attempts:
            return tuple(None for _ in self.category.split_names)
        return record.best_segments_ms

    def pb_ghost(self) -> GhostTrack | None:
        if not self.counts_attempts:
            return None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ghost = pb_ghost(self.category_name, self.track.id)
        for warning in caught:
            log.warning("%s", warning.message)
        return ghost

    def begin_attempt(self) -> None:
        self._racing = False
        self._splits_sent = 0

    def live_tick(self, snapshot: RaceSnapshot) -> None:
        """Per simulation tick, from its events: start LiveSplit at GO, split at each split of the category
        (the last one is sent by `finish`, with the penalties), and keep its game time while racing."""
        client = self.livesplit
        now: float | None = None
        for event in snapshot.events:
            if isinstance(event, Go):
                self._racing = True
                if client is not None:
                    now = self.clock()
                    client.start(now)
            elif (
                client is not None
                and isinstance(event, SplitPassed)
                and event.split.line_index in self.category.split_lines
                and self._splits_sent < len(self.category.split_names) - 1
            ):
                now = self.clock() if now is None else now
                client.split(event.split.igt_ms, now)
                self._splits_sent += 1
        if client is None or not self._racing:
            return
        now = self.clock() if now is None else now
        if snapshot.phase == "racing":
            client.game_time(snapshot.igt_ms, now)
        client.poll(now)

    # Ends -----------------------------------------------------------------------------------------------------

    def abandon(self, snapshot: RaceSnapshot) -> None:
        """A restart or quit before the finish: counted as a reset attempt once the run had started."""
        if self.livesplit is not None and self._racing:
            self.livesplit.reset(self.clock())
        if not (self._racing and self.save and self.counts_attempts):
            self._racing = False
            return
        self._racing = False
        partial = RaceResult(
            False, snapshot.tick, snapshot.igt_ms, snapshot.penalty_ms, 0, snapshot.splits, snapshot.trials
        )
        try:
            record_result(self.category, partial)
        except (SaveDataError, OSError, ValueError, CategoryError) as error:
            log.warning("attempt not saved: %s", error)

    def finish(
        self,
        result: RaceResult,
        records: Sequence[InputRecord],
        final: RaceSnapshot,
        *,
        record_to: str | None = None,
    ) -> RunOutcome:
        """The run crossed the finish: replay, attempt, PB, LiveSplit's last split. Never raises on disk
        trouble: the outcome's `warning` says what could not be saved.

        Each file is written on its own, so one failing never costs another: a replay that cannot be written
        leaves the attempt counted (without a replay to point to), and the attempt points only at the copy
        in the replays folder, never at a `record_to` file it cannot vouch for.
        """
        problems: list[str] = []
        replay_path: Path | None = None
        saved_replay: Path | None = None
        try:
            replay: Replay | None = make_replay(
                self.track,
                self.settings,
                result,
                records,
                category=self.category_name,
                recorded_utc_s=int(time.time()),
            )
        except ReplayError as error:
            replay = None
            problems.append(f"Replay not made: {error}")
        record_error = None if replay is not None or record_to is None else problems[-1]
        if replay is not None and record_to is not None:
            try:
                replay_path = write_replay(record_to, replay)
            except (OSError, ReplayError) as error:
                record_error = (
                    f"Replay not written to {record_to}: {getattr(error, 'strerror', None) or error}"
                )
                problems.append(record_error)
        if replay is not None and self.save:
            try:
                saved_replay = replay_path = save_replay(replay)
            except (OSError, ReplayError) as error:
                problems.append(f"Replay not saved: {error}")
        pb_before = None
        new_pb = False
        times = split_times_ms(self.category, result) if self.counts_attempts else ()
        golds: tuple[int, ...] = ()
        best_before = self.best_segments()
        pb_splits_before = self.pb_splits()
        if self.counts_attempts:
            record = self._record()
            pb_before = None if record is None else record.pb_ms
            new_pb = pb_before is None or result.total_ms < pb_before
            if self.save:
                try:
                    outcome = record_result(self.category, result, saved_replay)
                    new_pb, pb_before, golds = outcome.new_pb, outcome.previous_pb_ms, outcome.gold_segments
                except (SaveDataError, OSError, ValueError, CategoryError) as error:
                    problems.append(f"Attempt not saved: {error}")
        if self.livesplit is not None and self._racing and times:
            self.livesplit.split(times[-1], self.clock())
            self.livesplit.finish()
            self.livesplit.poll(self.clock())
        self._racing = False
        comparison = LiveComparison(pb_splits_before, best_before)
        splits = []
        for index, (name, ms) in enumerate(zip(self.category.split_names, times, strict=False)):
            delta, colour = comparison.judge(index, ms)
            splits.append(SplitResult(name, ms, delta, colour, index in golds))
        medal = None
        if self.category.kind == "stage" or (self.category.kind == "circuit" and self.category.laps == 1):
            medal = medal_for(result.total_ms, self.track.medals)
        return RunOutcome(
            result=result,
            category=self.category_name,
            category_title=self._title(),
            new_pb=new_pb and self.counts_attempts,
            pb_before_ms=pb_before,
            medal=medal,
            splits=tuple(splits),
            recoveries=final.recoveries,
            replay_path=replay_path,
            final_wound_turns=final.watch.wound_turns,
            warning=" ".join(problems) or None,
            record_error=record_error,
        )

    def close(self) -> None:
        if self.livesplit is not None:
            self.livesplit.close()

    def _title(self) -> str:
        if self.category.kind == "route":
            return f"Mille Miglia · {self.car.name}"
        if self.category.kind == "circuit":
            laps = self.category.laps
            return f"Circuit 1940 · {laps} lap{'s' if laps != 1 else ''} · {self.car.name}"
        return f"Stage · {self.car.name} · {self.settings.difficulty}"

    def _record(self) -> CategoryRecord | None:
        try:
            return load_category(self.category_name)
        except SaveDataError as error:
            log.warning("%s", error)
            return None
