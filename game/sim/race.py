"""One run of one track: the car, the watch, the timing lines and the rules, advanced tick by tick.

`Race.step(record)` is the whole simulation interface: a quantised input record in, an immutable snapshot out.
Everything that can change the outcome comes from the track, the car, the `RaceSettings` and the records, so
`simulate()` over a replay's records reproduces its time to the millisecond (docs/design.md §6).

Rules carried here, and nowhere else: the phases (countdown, racing, finished); the countdown holds the car
while the watch already runs (the driver can set the tourbillon on its mark); a hand on the crown cuts the
throttle (docs/design.md §4); the pusher brakes the tourbillon and, with assisted fly-back, holding it longer than a
second returns the seconds to 0 (docs/design.md §3); the crown winds only when pushed in (the watch itself refuses to
wind while braked); the self-winding rotor charges a little from the car's motion; regularity trials cost
0.03 s per hundredth of error (docs/design.md §5). What happens in a tick is said once, as that tick's events
(`game.sim.events`), for sound, the HUD and the speedrun layer.
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Iterable
from dataclasses import replace

from game.sim import TICK_HZ, TICK_MS, TICK_S
from game.sim.cars import CarSpec
from game.sim.driving import DrivingSim
from game.sim.events import (
    Beats,
    CountdownSecond,
    CrownClicks,
    Finished,
    Flyback,
    GearShifted,
    Go,
    Impact,
    PusherMoved,
    RaceEvent,
    Recovered,
    SplitPassed,
    TrialEnded,
    TrialStarted,
)
from game.sim.field_sim import FieldSim
from game.sim.field_types import FieldOutcome
from game.sim.geometry import TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.race_types import (
    COUNTDOWN_TICKS,
    FULL_WIND_RUN_S,
    STAGE_START_WOUND_TURNS,
    RaceResult,
    RaceSettings,
)
from game.sim.rally_book import build_roadbook
from game.sim.rally_timing import RallySnapshot, RallyTimer
from game.sim.snapshot import CarSnapshot, Phase, RaceSnapshot, SplitSnapshot, TrialResult, make_race_snapshot
from game.sim.timing import Gate, build_gates, crossing_fraction
from game.sim.track import Track
from watch_core import LabOne, let_down_scale_for
from watch_core.frozen import positional_builder

START_BEHIND_LINE_M = 3.0
"""The car's centre stands this far behind the start line at GO."""

RECOVERY_AHEAD_M = 6.0
"""A recovery never puts the car nearer than this past the last line it crossed."""

RECOVERY_BEHIND_M = 8.0
"""A recovery puts the car back on the centre line this far behind where it left the road."""

FLYBACK_HOLD_TICKS = 100
"""Assisted fly-back: the pusher held longer than one second returns the seconds hand to 0."""

PENALTY_MS_PER_POINT = 30
"""Each hundredth of a second off a regularity target is one point, worth 0.03 s (docs/design.md §5)."""

ROTOR_TURNS_PER_S = 0.04
"""Crown-turn equivalent the rotor winds per second at full motion excitation: well under the game-scale
let-down (about 0.25 turns/s on normal), so the crown stays necessary (docs/design.md §4)."""

MAX_WIND_TURNS_PER_TICK = 0.03
"""Three crown turns a second at most, whatever the device: a fast hand on a real crown, and the same
ceiling for keyboard (2 turns/s) and a stick turned round as fast as a thumb can."""

CROWN_CLICKS_PER_TURN = 20
"""Teeth of the crown's ratchet: clicks heard and drawn per crown turn."""

WRONG_WAY_COS = math.cos(math.radians(110.0))
WRONG_WAY_MIN_SPEED_MS = 2.0
WRONG_WAY_TICKS = 50
"""Half a second facing backwards at speed before the warning shows (no flicker in a spin)."""

MS_PER_KMH = 3.6

TICK_NS = TICK_MS * 1_000_000
"""A tick in whole nanoseconds, what `LabOne.advance(TICK_S)` rounds it to: the watch goes by the integer, without
the float's check and rounding at every tick."""

TICKS_PER_SECOND = TICK_HZ

_make_beats = positional_builder(Beats)
"""`Beats(...)` made fast (`watch_core.frozen`): the balance beats every twelfth tick or so."""


class Race:
    """A run in progress. Build a fresh one per attempt: physics spaces are never reused (docs/platform-notes.md)."""

    def __init__(
        self, track: Track, car: CarSpec, settings: RaceSettings, *, geometry: TrackGeometry | None = None
    ) -> None:
        """`geometry` may be handed in when it was built for `track` already (a restart keeps it)."""
        self.track = track
        self.car_spec = car
        self.settings = settings
        self.geometry = geometry if geometry is not None else TrackGeometry(track)
        self.laps = settings.laps if settings.laps is not None else track.laps
        self.gates: tuple[Gate, ...] = build_gates(track, self.geometry, self.laps)
        self.driving = DrivingSim(track, self.geometry, car, settings.gearbox)
        start_s = self.gates[0].line.s_m - START_BEHIND_LINE_M
        if track.closed:
            start_s %= self.geometry.length_m
        x, y, heading = self.geometry.point_at(start_s)
        self.driving.place(x, y, heading)
        self.watch = LabOne(
            time_of_day_s=settings.start_time_of_day_s
            if settings.start_time_of_day_s is not None
            else track.start_time_of_day_s,
            date=settings.date if settings.date is not None else track.date,
            wound_turns=STAGE_START_WOUND_TURNS if settings.wound_turns is None else settings.wound_turns,
            let_down_scale=let_down_scale_for(FULL_WIND_RUN_S[settings.difficulty]),
        )
        self.rally: RallyTimer | None = None
        if settings.rally == "regularity":  # the rally's own trials replace the speed race's prova
            self.gates = tuple(g for g in self.gates if g.role not in ("trial_start", "trial_end"))
            self.rally = RallyTimer(build_roadbook(track, settings.start_time_of_day_s), self.geometry)
        self.tick = 0
        self._racing_ticks = 0
        self._next_gate = 0
        self._splits_t: tuple[SplitSnapshot, ...] = ()
        self._trials_t: tuple[TrialResult, ...] = ()
        self._penalty_ms = 0
        self._trial_start_ms: float | None = None
        self._finish_ms: int | None = None
        self._phase: Phase = "countdown"
        """The phase the next tick runs in (`phase`): kept, not worked out, since the tick and its snapshot both
        read it; GO and the finish line change it, both inside `advance`."""
        self._pusher_held_ticks = 0
        self._crown_turns = 0.0
        self._recoveries = 0
        self._wrong_way_ticks = 0
        self._cluster_speed_kmh = 0.0
        self._last_gate_s = start_s
        self._car = self.driving.snapshot
        self._winding = False
        self._pusher = False
        self._clicks = 0
        self._events: list[RaceEvent] = []
        self._snapshot: RaceSnapshot | None = None
        self.field: FieldSim | None = None
        self._field_outcome: FieldOutcome | None = None
        self._player_road: tuple[float, float, float] | None = None
        """Where the car stood on the road after the last tick's step (`TrackGeometry.road_frame`), when the
        wrong-way check placed it for the field (which needs the same place before the next step); None once used
        or the car was moved."""
        # The 1955 field races the speed race only: a regularity crew's rivals are scored, not met on the road.
        if not settings.clear_road and not track.closed and settings.rally == "race":
            finish_s = next((g.line.s_m for g in self.gates if g.role == "finish"), self.geometry.length_m)
            self.field = FieldSim(
                track,
                self.geometry,
                self.driving.world.space,
                settings.car_number,
                car,
                self.gates[0].line.s_m,
                finish_s,
            )

    # The tick -----------------------------------------------------------------------------------------------

    def step(self, record: InputRecord) -> RaceSnapshot:
        """Advance one 10 ms tick with the driver's record for it; return the new snapshot."""
        self.advance(record)
        snapshot = self._snapshot = self._snapshot_of(self._car, self._winding, self._pusher, self._clicks)
        return snapshot

    @property
    def snapshot(self) -> RaceSnapshot:
        """The race after the last tick (built on demand: `verify` never needs one)."""
        if self._snapshot is None:
            self._snapshot = self._snapshot_of(self._car, self._winding, self._pusher, self._clicks)
        return self._snapshot

    @property
    def phase(self) -> Phase:
        """The race's phase after the ticks run so far: the phase the next tick runs in."""
        return self._phase

    def advance(self, record: InputRecord) -> None:
        """One 10 ms tick without building a snapshot: the fast path of `simulate`."""
        phase = self._phase
        self.tick += 1
        self._events = events = []
        steer, throttle, brake, handbrake, shift_up, shift_down, pusher, recover, winding = record.controls()
        clicks = self._operate_watch(record, pusher)
        # Past the crown and the pusher nothing in a tick can stop a going movement or start a let-down one
        # (the rotor only tops up a going one), so one look serves the rotor and the speed arrow.
        going = not self.watch.let_down

        if phase == "countdown":
            car = self._held_car(throttle)
            left = COUNTDOWN_TICKS - self.tick
            if left == 0:
                self._phase = "racing"
                events.append(Go(self.tick))
            elif left % TICKS_PER_SECOND == TICKS_PER_SECOND - 1:
                events.append(CountdownSecond(self.tick, left // TICKS_PER_SECOND + 1))
        elif phase == "finished":
            self._field_before_physics()
            car = self.driving.step(0.0, 0.0, 1.0, False, False, False)
        else:
            self._racing_ticks += 1
            if recover:
                self._recover()
            before = self.driving.snapshot
            self._field_before_physics()
            car = self.driving.step(
                steer, 0.0 if winding else throttle, brake, handbrake, shift_up, shift_down
            )
            self._cross_lines(before.x_m, before.y_m, car.x_m, car.y_m)
            if self.rally is not None:
                self._regularity(record, before, car)
            self._update_wrong_way(car)
            if going:
                self._rotor_wind()
        if car.shifted:
            events.append(GearShifted(self.tick, car.gear))
        if car.impact_impulse > 0.0:
            events.append(Impact(self.tick, car.impact_impulse))

        self._car = car
        self._winding = winding
        self._pusher = pusher
        self._clicks = clicks
        self._snapshot = None
        if going:  # a let-down movement freezes the arrow where it stood
            self._cluster_speed_kmh = car.speed_ms * MS_PER_KMH

    @property
    def finished(self) -> bool:
        return self._finish_ms is not None

    def result(self) -> RaceResult:
        penalty = self._penalty_ms
        time_ms = self._finish_ms if self._finish_ms is not None else self._racing_ticks * TICK_MS
        field = self._field_outcome
        if field is None and self.field is not None:
            field = self.field.outcome(None)
        return RaceResult(
            finished=self.finished,
            ticks=self.tick,
            time_ms=time_ms,
            penalty_ms=penalty,
            total_ms=time_ms + penalty,
            splits=self._splits_t,
            trials=self._trials_t,
            rally=None if self.rally is None else self.rally.result(),
            field=field,
        )

    def state_hash(self) -> str:
        """SHA-256 over the exact state the run carries into its next tick: equal hashes, equal runs from there.

        Exact values only, never one derived from them: the car (`DrivingSim.state_hash`), the watch's one-line
        serialisation (its brake and the time to its next beat included) and the race's own counters, timing
        and results; floats as the doubles themselves, optional values behind a flag, texts behind their length.
        """
        watch = self.watch.serialise().encode()
        trial_start = self._trial_start_ms
        finish = self._finish_ms
        parts = [
            self.driving.state_hash().encode(),
            struct.pack("<q", len(watch)),
            watch,
            struct.pack(
                "<9q3d?d?q",
                self.tick,
                self._racing_ticks,
                self._next_gate,
                self._pusher_held_ticks,
                self._wrong_way_ticks,
                self._recoveries,
                self._penalty_ms,
                len(self._splits_t),
                len(self._trials_t),
                self._crown_turns,
                self._last_gate_s,
                self._cluster_speed_kmh,
                trial_start is not None,
                0.0 if trial_start is None else trial_start,
                finish is not None,
                0 if finish is None else finish,
            ),
        ]
        for split in self._splits_t:
            name = split.name.encode()
            parts += (struct.pack("<3q", split.line_index, split.igt_ms, len(name)), name)
        for trial in self._trials_t:
            name = trial.name.encode()
            parts += (
                struct.pack("<5q", trial.trial, trial.target_cs, trial.measured_cs, trial.points, len(name)),
                name,
            )
        if self.rally is not None:
            parts.append(self.rally.state_hash())
        if self.field is not None:
            parts.append(self.field.state_bytes())
        return hashlib.sha256(b"".join(parts)).hexdigest()

    # The field --------------------------------------------------------------------------------------------------

    def _field_before_physics(self) -> None:
        """The field's switching and drivers for this tick, from where the player stood after the last one."""
        field = self.field
        if field is None:
            return
        # The last tick's snapshot is stale from here: let go of it now, so a view of the field nobody else keeps
        # (verify's, the bench's) is never read (`FieldSim.view`).
        self._snapshot = None
        car = self.driving.snapshot
        road = self._player_road
        self._player_road = None
        if road is None:
            road = self.geometry.road_frame(car.x_m, car.y_m, self.driving.segment_hint)
        s, lateral, _ = road
        field.before_physics(
            self.tick, (self._racing_ticks - 1) * TICK_S, s, lateral, car.speed_ms, self._events
        )

    # Rules ----------------------------------------------------------------------------------------------------

    def _operate_watch(self, record: InputRecord, pusher: bool) -> int:
        """Pusher (`record.pusher`, read once a tick), crown and the going train for this tick; returns the
        crown's ratchet clicks."""
        watch = self.watch
        events = self._events
        if pusher:
            if self._pusher_held_ticks == 0:
                watch.press()
                events.append(PusherMoved(self.tick, True))
            self._pusher_held_ticks += 1
            if self.settings.assisted_flyback and self._pusher_held_ticks == FLYBACK_HOLD_TICKS + 1:
                watch.flyback()
                events.append(Flyback(self.tick))
        elif self._pusher_held_ticks:
            watch.release()
            self._pusher_held_ticks = 0
            events.append(PusherMoved(self.tick, False))
        clicks = 0
        if record.wind and not watch.braked:  # pulled out to brake, the crown turns freely: no ratchet
            turns = min(record.wind_turns, MAX_WIND_TURNS_PER_TICK)
            before = math.floor(self._crown_turns * CROWN_CLICKS_PER_TURN)
            self._crown_turns += turns
            clicks = math.floor(self._crown_turns * CROWN_CLICKS_PER_TURN) - before
            watch.wind(turns)
            if clicks:
                events.append(CrownClicks(self.tick, clicks))
        elif (
            record.wind and self.rally is not None
        ):  # the regularity rally: pulled out, the crown sets the hands
            self.rally.set_hands(watch, record)
        beats = watch.advance_ns(TICK_NS)
        if beats:
            events.append(_make_beats(self.tick, beats))
        return clicks

    def _regularity(self, record: InputRecord, before: CarSnapshot, car: CarSnapshot) -> None:
        """The regularity rally's tubes and control for this racing tick (`game.sim.rally_timing`)."""
        rally = self.rally
        assert rally is not None
        rally.cross(before.x_m, before.y_m, car.x_m, car.y_m, self._racing_ticks, self.tick, self._events)
        if record.check_in:
            s = self.geometry.project(car.x_m, car.y_m, self.driving.segment_hint).s_m
            rally.check_in(record, car.speed_ms, s, self.tick, self._events)
        if self.finished:
            rally.finish()

    def _rotor_wind(self) -> None:
        """The self-winding rotor swings with the car's motion, whatever the crown's position.

        It tops up a going movement but does not restart a let-down one: that takes a crown turn (docs/design.md §4),
        so `advance` calls it only while the movement goes.
        """
        excitation = self.driving.motion_excitation
        if excitation > 0.0:
            self.watch.rotor_wind((excitation if excitation < 1.0 else 1.0) * ROTOR_TURNS_PER_S * TICK_S)

    def _held_car(self, throttle: float) -> CarSnapshot:
        """During the countdown the car stands on the line; the engine can be revved for the sound."""
        car = self.driving.snapshot
        engine = self.car_spec.engine
        rpm = engine.idle_rpm + (engine.redline_rpm - engine.idle_rpm) * 0.55 * throttle
        return replace(car, rpm=rpm, throttle=throttle, engine_load=0.2 * throttle)

    def _cross_lines(self, x0: float, y0: float, x1: float, y1: float) -> None:
        while self._next_gate < len(self.gates):
            gate = self.gates[self._next_gate]
            fraction = crossing_fraction(gate, x0, y0, x1, y1)
            if fraction is None:
                return
            at_ms = (self._racing_ticks - 1 + fraction) * TICK_MS
            self._pass_gate(gate, at_ms)
            self._next_gate += 1
            self._last_gate_s = gate.line.s_m
            if self.finished:
                return

    def _pass_gate(self, gate: Gate, at_ms: float) -> None:
        role = gate.role
        igt_ms = round(at_ms)
        if role in ("split", "lap", "finish"):
            name = (
                gate.line.name if role == "split" else f"Lap {gate.lap}" if role == "lap" else gate.line.name
            )
            if role == "finish" and self.laps > 1:
                name = f"Lap {gate.lap}"
            split = SplitSnapshot(gate.line_index, name, igt_ms)
            self._splits_t = (*self._splits_t, split)
            self._events.append(SplitPassed(self.tick, len(self._splits_t) - 1, split))
        if role == "finish":
            self._finish_ms = igt_ms
            self._phase = "finished"
            if self.field is not None:
                self._field_outcome = self.field.outcome(igt_ms + self._penalty_ms)
            self._events.append(Finished(self.tick, igt_ms, igt_ms + self._penalty_ms))
        elif role == "trial_start":
            self._trial_start_ms = at_ms
            self._events.append(TrialStarted(self.tick, _trial_name(gate), _target_cs(gate)))
        elif role == "trial_end" and self._trial_start_ms is not None:
            measured_cs = round((at_ms - self._trial_start_ms) / 10.0)
            target_cs = _target_cs(gate)
            trial = gate.line.trial if gate.line.trial is not None else len(self._trials_t)
            points = trial_points(measured_cs, target_cs)
            result = TrialResult(trial, _trial_name(gate), target_cs, measured_cs, points)
            self._trials_t = (*self._trials_t, result)
            self._penalty_ms += points * PENALTY_MS_PER_POINT
            self._trial_start_ms = None
            self._events.append(TrialEnded(self.tick, result))

    def _recover(self) -> None:
        """Back on the centre line a little behind where the car left the road, never before the last line
        passed (so a recovery never skips or repeats a timing line), facing the way the road runs."""
        self._player_road = None
        car = self.driving.snapshot
        here = self.geometry.project(car.x_m, car.y_m, self.driving.segment_hint)
        s = here.s_m - RECOVERY_BEHIND_M
        if self.track.closed:
            behind_gate = (s - self._last_gate_s) % self.geometry.length_m
            if behind_gate > self.geometry.length_m / 2:  # the projection is behind the last line passed
                s = self._last_gate_s + RECOVERY_AHEAD_M
            s %= self.geometry.length_m
        else:
            s = min(max(s, self._last_gate_s + RECOVERY_AHEAD_M), self.geometry.length_m - 1.0)
            if self._next_gate < len(self.gates):  # never past the next line: it must still be crossed
                s = min(s, self.gates[self._next_gate].line.s_m - RECOVERY_AHEAD_M)
        x, y, heading = self.geometry.point_at(s)
        self.driving.place(x, y, heading)
        self._recoveries += 1
        self._wrong_way_ticks = 0
        self._events.append(Recovered(self.tick))

    def _update_wrong_way(self, car: CarSnapshot) -> None:
        ticks = self._wrong_way_ticks
        if car.speed_ms < WRONG_WAY_MIN_SPEED_MS:
            self._wrong_way_ticks = ticks - 1 if ticks > 0 else 0
            return
        if self.field is not None:  # the field asks for this place on the road before the next step
            road = self._player_road = self.geometry.road_frame(car.x_m, car.y_m, self.driving.segment_hint)
            heading = road[2]
        else:
            heading = self.geometry.heading_near(car.x_m, car.y_m, self.driving.segment_hint)
        moving = (car.vx_ms * math.cos(heading) + car.vy_ms * math.sin(heading)) / car.speed_ms
        if moving < WRONG_WAY_COS:
            self._wrong_way_ticks = ticks + 1 if ticks < WRONG_WAY_TICKS * 2 else WRONG_WAY_TICKS * 2
        else:
            self._wrong_way_ticks = ticks - 2 if ticks > 2 else 0

    # Snapshot -------------------------------------------------------------------------------------------------

    def _snapshot_of(self, car: CarSnapshot, winding: bool, pusher: bool, clicks: int) -> RaceSnapshot:
        tick = self.tick
        gates = self.gates
        next_gate = gates[self._next_gate] if self._next_gate < len(gates) else gates[-1]
        lap = next_gate.lap
        laps = self.laps
        # Positional, in `RaceSnapshot`'s field order: keywords cost more than the rest of this method (a tick).
        return make_race_snapshot(
            tick,
            self._phase,
            COUNTDOWN_TICKS - tick if tick < COUNTDOWN_TICKS else 0,  # countdown_ticks
            self._finish_ms if self._finish_ms is not None else self._racing_ticks * TICK_MS,  # igt_ms
            car,
            self.watch.reading(),
            lap if lap < laps else laps,
            laps,
            next_gate.line_index,  # next_line
            self._splits_t,
            self._trials_t,
            self._trial_start_ms is not None,  # in_trial
            self._wrong_way_ticks >= WRONG_WAY_TICKS,  # wrong_way
            winding,
            pusher,
            self._crown_turns,
            self._cluster_speed_kmh,
            clicks,  # crown_clicks
            self._recoveries,
            self._penalty_ms,
            tuple(self._events),
            None if self.rally is None else self._rally_snapshot(car),
            () if self.field is None else self.field.view(tick),
        )

    def _rally_snapshot(self, car: CarSnapshot) -> RallySnapshot:
        assert self.rally is not None
        s = self.geometry.project(car.x_m, car.y_m, self.driving.segment_hint).s_m
        return self.rally.snapshot(car.speed_ms, s, self.tick)


def _trial_name(gate: Gate) -> str:
    """The trial a line belongs to: "Prova 1 · stop" → "Prova 1"."""
    return gate.line.name.split(" · ")[0]


def _target_cs(gate: Gate) -> int:
    """The posted target time of the trial a line belongs to, in hundredths."""
    return round((gate.line.target_s or 0.0) * 100.0)


def trial_points(measured_cs: int, target_cs: int) -> int:
    """Regularity: one penalty point per hundredth early or late (docs/design.md §5), each worth PENALTY_MS_PER_POINT.

    Arriving d hundredths early saves 10·d ms of stage time and costs 30·d ms of penalty, so neither early nor
    late ever pays.
    """
    return abs(measured_cs - target_cs)


def simulate(track: Track, car: CarSpec, settings: RaceSettings, inputs: Iterable[InputRecord]) -> RaceResult:
    """Run every record through a fresh race; stop at the finish. The basis of `verify` and ghosts."""
    race = Race(track, car, settings)
    for record in inputs:
        race.advance(record)
        if race.finished:
            break
    return race.result()
