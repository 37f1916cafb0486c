"""The watch-only autopilot: drives the regularity rally timing every trial and control by the Lab One alone.

It sees what a driver sees: the road and its own car (where it is, how fast), the roadbook, the watch as a
`WatchState` (the hands' angles, whether it is braked or stopped, the reserve hand) and, stopped at a control,
the official clock. It never reads the race's tick count or any timer. Steering and the racing line are the
speed autopilot's (`game.sim.autopilot`); this pilot caps its speed and works the pedals near the lines.

Its clock is the watch: the time the hands show, read to the beat (1/8 s), plus its own sense of the 10 ms
steps since it saw the last beat (a driver feels the seconds hand's rhythm); a beat re-anchors it.

The technique is the crews' (docs/regularity.md): stop just before each PC line, then inch across on its
second. The time from standing to crossing is learned from its own launches (it sees the line under the car),
so it launches that much before the second it wants. A PM is driven on a pace: where the car should be by now
at the imposed average. At the CO it stops in the zone, reads the official clock, sets the watch if it is off
(pusher held: the crown pulled out, the seconds fly back to 0; the crown turned to the next minute; pushed in on
the official second), and hands in the card when the watch shows the ideal minute.

Options for the acceptance runs: `use_pusher` hacks the seconds at each block's start (the watch falls behind
official time); `let_down` starts with a let-down watch (a run with `RaceSettings.wound_turns` 0: the watch
stands still from the start) and winds it only once standing at the first line, so it shows the wrong time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Final, Literal

from game.sim.autopilot import Autopilot
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.rally_book import RoadBook
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.track import Track
from watch_core import WatchState

__all__ = ["WatchOnlyDriver", "WatchOnlyPilot", "watch_reading_s"]

HOLD_BEFORE_M: Final = 1.5
"""Where the car stops before a PC or PM line (its centre)."""
APPROACH_DECEL_MS2: Final = 2.5
LAUNCH_THROTTLE: Final = 0.45
FIRST_ACCEL_MS2: Final = 1.5
"""The launch acceleration it assumes before its first launch has taught it better."""
WIND_WHILE_WAITING_BELOW: Final = 0.9
HALF_DIAL_S: Final = 6 * 3600.0
DIAL_S: Final = 12 * 3600.0
CHECK_IN_AFTER_S: Final = 5.0
"""Into the ideal minute when it hands in the card (well inside its 59 seconds)."""
SET_MAX_STEPS: Final = 15
"""Crown steps (1/512 turn) a tick while setting: under a minute a tick, so it never overshoots a minute."""


def watch_reading_s(watch: WatchState) -> float:
    """The time the hands show, seconds on a 12-hour dial, to the beat: read from the hour hand's angle."""
    return round(watch.hour_deg * 960.0) / 8.0


def _hold(steer: float, **buttons: bool | float) -> InputRecord:
    """Standing still: the handbrake, not the pedal (the automatic reads the pedal at rest as reverse)."""
    return InputRecord.from_controls(steer, 0.0, 0.0, handbrake=True, **buttons)  # type: ignore[arg-type]


def _wrap(diff: float) -> float:
    """A difference of two dial readings, in [-6 h, 6 h)."""
    return (diff + HALF_DIAL_S) % DIAL_S - HALF_DIAL_S


@dataclass(frozen=True, slots=True)
class _Stop:
    """A line the pilot stops before and crosses on a planned second."""

    s_m: float
    kind: Literal["block", "pc", "pm"]
    """"block": a block's first line (no time to make); "pc": a PC end (maybe a chained start); "pm": a PM start."""
    target_s: float = 0.0
    """For "pc": seconds after the trial's start crossing."""
    starts_pc: bool = False
    """The line also starts a PC (a block's first line or a chained end)."""


class WatchOnlyPilot:
    """One regularity stage, driven and timed with the watch only. Call `decide` once per tick."""

    def __init__(
        self,
        track: Track,
        geometry: TrackGeometry,
        car: CarSpec,
        book: RoadBook,
        *,
        use_pusher: bool = False,
        let_down: bool = False,
    ) -> None:
        self.inner = Autopilot(track, geometry, car, race_trials=False)
        self.geometry = geometry
        self.book = book
        self.use_pusher = use_pusher
        self.let_down = let_down
        stops: list[_Stop] = []
        ends = {pc.end_s_m for pc in book.pcs}
        starts = {pc.start_s_m for pc in book.pcs}
        items: list[tuple[float, _Stop]] = []
        for pc in book.pcs:
            if not pc.chained:
                items.append((pc.start_s_m, _Stop(pc.start_s_m, "block", starts_pc=True)))
            items.append((pc.end_s_m, _Stop(pc.end_s_m, "pc", pc.target_cs / 100.0, pc.end_s_m in starts)))
        for pm in book.pms:
            items.append((pm.start_s_m, _Stop(pm.start_s_m, "pm")))
        stops = [stop for _, stop in sorted(items, key=lambda item: item[0])]
        del ends
        self._stops = tuple(stops)
        self._lines: dict[float, tuple[float, float, float, float]] = {}
        for stop in stops:
            cx, cy, heading = geometry.point_at(stop.s_m)
            self._lines[stop.s_m] = (cx, cy, math.cos(heading), math.sin(heading))
        self._xy: tuple[float, float] | None = None
        self._pms = {pm.start_s_m: pm for pm in book.pms}
        self._stop_i = 0
        self._hint: int | None = None
        self._last_s: float | None = None
        # The clock in its head: the last reading, and its own steps since that beat.
        self._reading: float | None = None
        self._steps = 0
        self._clock = 0.0
        self._prev_clock = 0.0
        self._launch: tuple[float, float] | None = None
        """(clock at launch, distance to the line then) while inching across."""
        self._accel = FIRST_ACCEL_MS2
        self._pc_start: float | None = None
        self._pm: tuple[float, float, float, float] | None = None
        """(start s, end s, speed m/s, clock at start) while pacing a PM."""
        self._held = False
        self._hacked = False
        self._may_wind = not let_down
        self._checked_in = False
        self._setting: int | None = None
        """The minute being set at the control (reading's minute), while the crown is out."""
        self._flown_back = False
        self._settle = 0
        """Beats still to see before its clock is trusted again (the balance restarts mid-vibration)."""

    # ---------------------------------------------------------------------------------------------- clock

    def _read(self, watch: WatchState) -> None:
        reading = watch_reading_s(watch)
        self._prev_clock = self._clock
        if reading != self._reading:
            if self._reading is not None and self._settle > 0:
                self._settle -= 1
            self._reading = reading
            self._steps = 0
        elif watch.running:
            self._steps += 1
        self._clock = reading + self._steps * 0.01

    def _since(self, then: float) -> float:
        return _wrap(self._clock - then)

    # ---------------------------------------------------------------------------------------------- drive

    def decide(
        self, car: CarSnapshot, watch: WatchState, official_tod_s: float | None, checked_in: bool
    ) -> InputRecord:
        """The controls for the next tick from what the driver sees: the car on the road, the watch, and the
        official clock while stopped at the control (`official_tod_s`), and whether the card is stamped."""
        self._read(watch)
        road = self.geometry.project(car.x_m, car.y_m, self._hint)
        self._hint = road.segment
        s = road.s_m
        last = self._last_s
        self._last_s = s
        self._checked_in = checked_in

        if last is not None and self._xy is not None:
            for line_s, fraction in self._crossings(last, s, self._xy, (car.x_m, car.y_m)):
                self._crossed(line_s, self._clock - (1.0 - fraction) * 0.01)
        self._xy = (car.x_m, car.y_m)

        if self._pm is not None and s >= self._pm[1]:
            self._pm = None
        co = self.book.co
        if not checked_in and self._stop_i >= len(self._stops) and s < co.zone_end_s_m:
            return self._control(car, watch, s, official_tod_s)
        if self._stop_i < len(self._stops):
            return self._to_stop(car, watch, s, self._stops[self._stop_i])
        return self._cruise(car, watch, None)

    def _crossings(
        self, last: float, s: float, xy0: tuple[float, float], xy1: tuple[float, float]
    ) -> list[tuple[float, float]]:
        """The lines the car went over this step, as it sees the tube across the road (not by arc length)."""
        if not (-5.0 < s - last < 50.0):
            return []
        out = []
        for stop in self._stops[self._stop_i :]:
            if stop.s_m > s + 5.0:
                break
            before, after = self._along(stop.s_m, *xy0), self._along(stop.s_m, *xy1)
            if before < 0.0 <= after:
                out.append((stop.s_m, before / (before - after)))
        return out

    def _along(self, line_s: float, x: float, y: float) -> float:
        """Signed distance past the line at `line_s` along the road's direction there (negative: before it)."""
        cx, cy, dx, dy = self._lines[line_s]
        return (x - cx) * dx + (y - cy) * dy

    def _crossed(self, line_s: float, at: float) -> None:
        if self._launch is not None:
            launched, distance = self._launch
            taken = _wrap(at - launched)
            if taken > 0.05:
                self._accel = 2.0 * distance / (taken * taken)
            self._launch = None
        stop = next((st for st in self._stops if st.s_m == line_s), None)
        if stop is None:
            return
        self._pc_start = at if stop.starts_pc else None
        if stop.kind == "pm":
            pm = self._pms[line_s]
            self._pm = (pm.start_s_m, pm.end_s_m, pm.average_kmh / 3.6, at)
        if self._stop_i < len(self._stops) and self._stops[self._stop_i].s_m == line_s:
            self._stop_i += 1
        self._held = False

    def _pace_cap(self, s: float) -> float | None:
        if self._pm is None:
            return None
        start, _, speed, at = self._pm
        should_be = start + speed * self._since(at)
        return max(0.0, min(speed + 6.0, speed + 1.2 * (should_be - s)))

    def _cruise(self, car: CarSnapshot, watch: WatchState, cap: float | None) -> InputRecord:
        pace = self._pace_cap(self._last_s or 0.0)
        if pace is not None:
            cap = pace if cap is None else min(cap, pace)
        # The speed autopilot winds when the reserve is low; not before the let-down watch is first wound.
        return self.inner.decide(car, watch if self._may_wind else None, 0, speed_cap=cap)

    def _to_stop(self, car: CarSnapshot, watch: WatchState, s: float, stop: _Stop) -> InputRecord:
        near = stop.s_m - s < 40.0 and stop.s_m in self._lines
        distance = -self._along(stop.s_m, car.x_m, car.y_m) if near else stop.s_m - s
        to_go = distance - HOLD_BEFORE_M
        if not self._held and to_go > 0.05 and not (to_go < 0.6 and car.speed_ms < 0.05):
            cap = math.sqrt(2.0 * APPROACH_DECEL_MS2 * max(0.0, to_go))
            record = self._cruise(car, watch, cap)
            if to_go < 8.0:
                want = math.sqrt(2.0 * APPROACH_DECEL_MS2 * max(0.0, to_go))
                if car.speed_ms > want + 0.05:
                    pedal = min(1.0, 0.25 + 0.6 * (car.speed_ms - want))
                    record = replace(record, throttle=0, brake=round(pedal * 255), wind=0)
                elif car.speed_ms < 0.4 and to_go > 0.3:
                    record = replace(record, throttle=round(0.3 * 255), brake=0, wind=0)
            return record
        self._held = True
        steer = self.inner.decide(car, watch, 0, speed_cap=0.0).steer
        if self._launch is not None:  # inching across
            return InputRecord.from_controls(steer / 127, LAUNCH_THROTTLE, 0.0)
        if car.speed_ms > 0.05:
            return _hold(steer / 127)
        # Standing before the line: wind while there is time, hack the seconds at a block's start, launch.
        self._may_wind = True
        low = not watch.running or watch.reserve_fraction < WIND_WHILE_WAITING_BELOW
        if low and not watch.braked:
            return _hold(steer / 127, wind_turns=0.02)
        if stop.kind == "block" and self.use_pusher and not self._hacked:
            if watch.braked and watch.seconds_deg == 0.0:
                self._hacked = True
                self._settle = 2
                return _hold(steer / 127)  # pushed in: it runs from 0
            return _hold(steer / 127, pusher=True)
        if watch.braked or not watch.running or self._settle > 0:
            return _hold(steer / 127)
        lead = math.sqrt(2.0 * max(distance, 0.01) / self._accel)
        if (
            stop.kind == "pc"
            and self._pc_start is not None
            and self._since(self._pc_start) + lead < stop.target_s
        ):
            return _hold(steer / 127)
        self._launch = (self._clock, distance)
        self._hacked = False
        return InputRecord.from_controls(steer / 127, LAUNCH_THROTTLE, 0.0)

    # -------------------------------------------------------------------------------------------- control

    def _control(self, car: CarSnapshot, watch: WatchState, s: float, official: float | None) -> InputRecord:
        co = self.book.co
        hold = 0.5 * (co.zone_start_s_m + co.zone_end_s_m)
        if official is None or (self._setting is None and car.speed_ms > 0.05):
            return self._to_stop(car, watch, s, _Stop(hold + HOLD_BEFORE_M, "block"))
        steer = self.inner.decide(car, watch, 0, speed_cap=0.0).steer / 127
        if (not watch.running and not watch.braked) or (watch.reserve_fraction < 0.5 and not watch.braked):
            return _hold(steer, wind_turns=0.02)
        if self._setting is None and abs(_wrap(official - self._clock)) > 1.0:
            minute = math.floor(official / 60.0) + (2 if official % 60.0 > 45.0 else 1)
            self._setting = minute
            self._flown_back = False
        if self._setting is not None:
            return self._set(watch, steer, official)
        if _wrap(self._clock - co.target_tod_s) >= CHECK_IN_AFTER_S:
            return _hold(steer, check_in=True)
        return _hold(steer)

    def _set(self, watch: WatchState, steer: float, official: float) -> InputRecord:
        minute = self._setting
        assert minute is not None
        if not (watch.braked and watch.seconds_deg == 0.0):
            return _hold(steer, pusher=True)  # pull out; wait for the fly-back
        shown = round(watch_reading_s(watch) / 60.0)
        off = int(_wrap((minute - shown) * 60.0) // 60)
        if off:
            steps = min(SET_MAX_STEPS, abs(off) * 43)
            return InputRecord(
                steer=round(steer * 127),
                buttons=InputRecord.from_controls(
                    handbrake=True, pusher=True, crown_back=off < 0, crown=True
                ).buttons,
                wind=steps,
            )
        if official + 0.005 >= minute * 60.0:
            self._setting = None
            self._settle = 2
            return _hold(steer)  # pushed in on the official second
        return _hold(steer, pusher=True)


class WatchOnlyDriver:
    """The watch-only pilot as a race session's input source (regularity rally only)."""

    def __init__(self, *, use_pusher: bool = False, let_down: bool = False) -> None:
        self.use_pusher = use_pusher
        self.let_down = let_down
        self._start: tuple[Track, TrackGeometry, CarSpec] | None = None
        self._pilot: WatchOnlyPilot | None = None

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        self._start = (track, geometry, car)
        self._pilot = None

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        rally = snapshot.rally
        if rally is None or self._start is None:
            raise RuntimeError("the watch-only autopilot drives the regularity rally (RaceSettings.rally)")
        if self._pilot is None:
            track, geometry, car = self._start
            self._pilot = WatchOnlyPilot(
                track, geometry, car, rally.book, use_pusher=self.use_pusher, let_down=self.let_down
            )
        return self._pilot.decide(snapshot.car, snapshot.watch, rally.official_tod_s, rally.co is not None)
