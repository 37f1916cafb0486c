"""The regularity rally's tubes and timekeeper: PC and PM lines timed to 1/100 s, the CO check-in, the crown setting.

The tubes are timing lines the race never shows: the same line-crossing interpolation as the race's splits
(`game.sim.timing.crossing_fraction`) times each crossing inside its tick, so a PC is measured to the hundredth
(docs/design.md §6, §10). Lines are met in road order; a chained trial's end line is the next one's start.

The CO: the car stops (below CHECK_IN_SPEED_MS) inside the control zone and the driver hands in the card (the
check-in bit); the official time of day at the end of that tick is stamped. The official clock is the race's:
the stage's start time of day plus the ticks run since the first, countdown included; it is shown only to a car
stopped in the control zone (`RallySnapshot.official_tod_s`).
"""

from __future__ import annotations

import hashlib
import math
import struct
from dataclasses import dataclass
from typing import Final

from game.sim import TICK_MS
from game.sim.events import ControlCheckedIn, RaceEvent, RallyTimed
from game.sim.geometry import TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.rally_book import RoadBook
from game.sim.rally_types import COResult, PCResult, PMPointResult, RallyResult
from game.sim.timing import LINE_MARGIN_M, Gate, crossing_fraction
from game.sim.track import TimingLine
from watch_core import LabOne

__all__ = ["CHECK_IN_SPEED_MS", "SETTING_MINUTES_PER_TURN", "RallySnapshot", "RallyTimer"]

CHECK_IN_SPEED_MS: Final = 0.3
"""Below this the car counts as stopped at the control."""
SETTING_MINUTES_PER_TURN: Final = 12
"""One crown turn pulled out moves the minute hand 12 minutes (a minute a twelfth of a turn)."""


@dataclass(frozen=True, slots=True)
class RallySnapshot:
    """The rally as the driver and the HUD see it after a tick."""

    book: RoadBook
    pcs: tuple[PCResult, ...]
    pm_points: tuple[PMPointResult, ...]
    co: COResult | None
    official_tod_s: float | None
    """The official clock at the control, shown only while the car stands in the control zone; else None."""
    at_control: bool


@dataclass(frozen=True, slots=True)
class _Action:
    kind: str
    """"pc_end", "pc_start", "pm_start", "pm_point", "pm_end"."""
    index: int
    point: int = 0


class RallyTimer:
    """One stage's regularity timing, stepped by the race once a racing tick."""

    def __init__(self, book: RoadBook, geometry: TrackGeometry) -> None:
        self.book = book
        self.geometry = geometry
        lines: dict[float, list[_Action]] = {}
        for i, pc in enumerate(book.pcs):
            lines.setdefault(pc.start_s_m, []).append(_Action("pc_start", i))
            lines.setdefault(pc.end_s_m, []).insert(0, _Action("pc_end", i))
        for j, pm in enumerate(book.pms):
            lines.setdefault(pm.start_s_m, []).append(_Action("pm_start", j))
            for k, s in enumerate(pm.secret_s_m):
                lines.setdefault(s, []).append(_Action("pm_point", j, k))
            lines.setdefault(pm.end_s_m, []).insert(0, _Action("pm_end", j))
        self._gates: tuple[tuple[Gate, tuple[_Action, ...]], ...] = tuple(
            (_gate(geometry, s, n), tuple(actions)) for n, (s, actions) in enumerate(sorted(lines.items()))
        )
        self._next = 0
        self._pc_start_ms: dict[int, float] = {}
        self._pm_start_ms: dict[int, float] = {}
        self._pcs: tuple[PCResult, ...] = ()
        self._pm_points: tuple[PMPointResult, ...] = ()
        self._co: COResult | None = None
        self._setting_turns = 0.0
        """Crown turns pulled out not yet making a whole minute (signed)."""

    # -- per tick ---------------------------------------------------------------------------------------------

    def cross(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        racing_ticks: int,
        tick: int,
        events: list[RaceEvent],
    ) -> None:
        """Time every rally line the car's move this tick crossed (`racing_ticks` counted with this one)."""
        while self._next < len(self._gates):
            gate, actions = self._gates[self._next]
            fraction = crossing_fraction(gate, x0, y0, x1, y1)
            if fraction is None:
                return
            at_ms = (racing_ticks - 1 + fraction) * TICK_MS
            for action in actions:
                self._act(action, at_ms, tick, events)
            self._next += 1

    def _act(self, action: _Action, at_ms: float, tick: int, events: list[RaceEvent]) -> None:
        kind = action.kind
        if kind == "pc_start":
            self._pc_start_ms[action.index] = at_ms
        elif kind == "pm_start":
            self._pm_start_ms[action.index] = at_ms
        elif kind == "pc_end" and action.index in self._pc_start_ms:
            pc = self.book.pcs[action.index]
            measured = round((at_ms - self._pc_start_ms.pop(action.index)) / 10.0)
            result = PCResult(pc.name, pc.block, pc.target_cs, measured)
            self._pcs = (*self._pcs, result)
            events.append(RallyTimed(tick, result))
        elif kind == "pm_point" and action.index in self._pm_start_ms:
            pm = self.book.pms[action.index]
            measured = round((at_ms - self._pm_start_ms[action.index]) / 10.0)
            point = PMPointResult(
                f"{pm.name} · {action.point + 1}", pm.ideal_cs(pm.secret_s_m[action.point]), measured
            )
            self._pm_points = (*self._pm_points, point)
            events.append(RallyTimed(tick, point))
        elif kind == "pm_end":
            self._pm_start_ms.pop(action.index, None)

    def check_in(
        self, record: InputRecord, speed_ms: float, s_m: float, tick: int, events: list[RaceEvent]
    ) -> None:
        """Stamp the card if the driver hands it in, stopped in the control zone, and it is not stamped yet."""
        if self._co is not None or not record.check_in or not self.in_zone(speed_ms, s_m):
            return
        co = self.book.co
        self._co = COResult(co.name, co.target_tod_s, self.official_tod_s(tick))
        events.append(ControlCheckedIn(tick, self._co))

    def in_zone(self, speed_ms: float, s_m: float) -> bool:
        co = self.book.co
        return speed_ms < CHECK_IN_SPEED_MS and co.zone_start_s_m <= s_m <= co.zone_end_s_m

    def official_tod_s(self, tick: int) -> float:
        """The official clock after `tick` ticks (countdown included), in hundredths exactly."""
        return (self.book.start_tod_s * 100 + tick) / 100.0

    def set_hands(self, watch: LabOne, record: InputRecord) -> None:
        """The crown pulled out (the watch braked) and turned: move the hands a minute per twelfth of a turn."""
        turns = record.wind_turns * (-1.0 if record.crown_back else 1.0)
        self._setting_turns += turns * SETTING_MINUTES_PER_TURN
        whole = math.trunc(self._setting_turns)
        if whole:
            watch.set_hands(whole)
            self._setting_turns -= whole

    def finish(self) -> None:
        """The car crossed the finish line: a control not checked in is missed."""
        if self._co is None:
            co = self.book.co
            self._co = COResult(co.name, co.target_tod_s, None)

    # -- reading ----------------------------------------------------------------------------------------------

    def result(self) -> RallyResult:
        return RallyResult(self.book.track_id, self._pcs, self._pm_points, self._co)

    def snapshot(self, speed_ms: float, s_m: float, tick: int) -> RallySnapshot:
        at_control = self.in_zone(speed_ms, s_m)
        return RallySnapshot(
            self.book,
            self._pcs,
            self._pm_points,
            self._co,
            self.official_tod_s(tick) if at_control else None,
            at_control,
        )

    def state_hash(self) -> bytes:
        """The exact state carried to the next tick, for `Race.state_hash`."""
        parts = [struct.pack("<qd", self._next, self._setting_turns)]
        for key, value in sorted(self._pc_start_ms.items()):
            parts.append(struct.pack("<qd", key, value))
        parts.append(b"|")
        for key, value in sorted(self._pm_start_ms.items()):
            parts.append(struct.pack("<qd", key, value))
        parts.append(repr(self.result()).encode())
        return hashlib.sha256(b"".join(parts)).digest()


def _gate(geometry: TrackGeometry, s_m: float, index: int) -> Gate:
    cx, cy, heading = geometry.point_at(s_m)
    half = geometry.half_width_at(s_m) + LINE_MARGIN_M
    line = TimingLine("checkpoint", s_m, f"rally {index}")
    return Gate(index, line, 1, "rally", cx, cy, math.cos(heading), math.sin(heading), half)
