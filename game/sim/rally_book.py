"""The regularity rally's roadbook for a stage: its timed trials (PC), average-speed trial (PM) and time control (CO).

Built by a rule from the track itself (its id, its timing lines and its length), so every stage has a roadbook
without a data file and the same track always gives the same one (docs/design.md §10, docs/regularity.md):

- a first block of three chained PCs (each line the next trial's start), 30 to 300 m;
- an average-speed section (PM) of 600 to 1500 m at an imposed 36, 40 or 45 km/h, with three secret points;
- a second block: a long PC (up to 1500 m), then two short ones chained;
- the CO 10 to 70 m before the finish line: its ideal time is the stage's start time of day, the countdown, the
  trials' own times and every other metre at 40 km/h, plus a minute, rounded up to the minute.

Lengths, speeds and secret points are drawn from a hash of the track id and the item's name (never a random
module), and scaled down together when a short stage has no room for them.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Final

from game.sim.race_types import COUNTDOWN_TICKS
from game.sim.track import Track

__all__ = ["ControlCO", "RoadBook", "TrialPC", "TrialPM", "build_roadbook", "unit_hash"]

FIRST_TRIAL_AFTER_START_M: Final = 120.0
"""Room after the start line before the first trial line (the car is up to speed and settled)."""
LAST_TRIAL_BEFORE_FINISH_M: Final = 200.0
"""Room between the last trial line and the finish line, the control zone inside it."""
GAP_M: Final = 120.0
"""Road between the blocks and the PM."""
CO_ZONE_M: Final = (70.0, 10.0)
"""The control zone: from 70 m to 10 m before the finish line; the car stops inside it to check in."""
LIAISON_KMH: Final = 40.0
"""The speed the CO's ideal time allows on every metre outside the trials."""
CO_SPARE_S: Final = 60
"""A minute of spare time in every CO's ideal time (crews wait before the control for their minute)."""
PC_SPEEDS_KMH: Final = (20.0, 25.0, 30.0, 35.0)
"""The averages a PC's target is drawn from; its target adds PC_EXTRA_S and is a whole second."""
PC_EXTRA_S: Final = 4
PM_SPEEDS_KMH: Final = (36.0, 40.0, 45.0)
PM_SECRET_POINTS: Final = 3


@dataclass(frozen=True, slots=True)
class TrialPC:
    """A timed trial: cross `end_s_m` exactly `target_cs` hundredths after crossing `start_s_m`."""

    name: str
    block: int
    start_s_m: float
    end_s_m: float
    target_cs: int
    chained: bool
    """Its start line is the previous trial's end line."""

    @property
    def length_m(self) -> float:
        return self.end_s_m - self.start_s_m


@dataclass(frozen=True, slots=True)
class TrialPM:
    """An average-speed section: from `start_s_m` to `end_s_m` at `average_kmh`, timed at secret points."""

    name: str
    start_s_m: float
    end_s_m: float
    average_kmh: float
    secret_s_m: tuple[float, ...]
    """Where the timing points stand: in the roadbook for the game's own use, never shown to the driver."""

    def ideal_cs(self, secret_s_m: float) -> int:
        """Hundredths from the start line to a point at the imposed average."""
        return round((secret_s_m - self.start_s_m) / (self.average_kmh / 3.6) * 100.0)


@dataclass(frozen=True, slots=True)
class ControlCO:
    """The time control at the end of the stage: check in at `target_tod_s` (a whole minute, time of day)."""

    name: str
    zone_start_s_m: float
    zone_end_s_m: float
    target_tod_s: int

    @property
    def target_minute(self) -> int:
        return self.target_tod_s // 60


@dataclass(frozen=True, slots=True)
class RoadBook:
    """One stage's regularity roadbook."""

    track_id: str
    pcs: tuple[TrialPC, ...]
    pms: tuple[TrialPM, ...]
    co: ControlCO
    start_tod_s: int
    """The official time of day at the stage's first tick (the countdown runs after it)."""


def unit_hash(*parts: object) -> float:
    """A number in [0, 1) that depends only on `parts`: the rally's dice, the same on every machine."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "little") / 2.0**64


def _pick(values: tuple[float, ...], *parts: object) -> float:
    return values[int(unit_hash(*parts) * len(values))]


def _between(lo: float, hi: float, *parts: object) -> float:
    return lo + (hi - lo) * unit_hash(*parts)


def build_roadbook(track: Track, start_tod_s: int | None = None) -> RoadBook:
    """The roadbook of a stage (a circuit has none: ValueError). `start_tod_s` None is the track's own start."""
    if track.kind != "stage":
        raise ValueError(f"{track.id} is a circuit: the regularity rally runs on the stages")
    start_line = next(line.s_m for line in track.timing_lines if line.kind == "start")
    finish = next(line.s_m for line in track.timing_lines if line.kind == "finish")
    first = start_line + FIRST_TRIAL_AFTER_START_M
    room = finish - LAST_TRIAL_BEFORE_FINISH_M - first
    tid = track.id

    block1 = [_between(30.0, 80.0, tid, "B1", 1), _between(100.0, 200.0, tid, "B1", 2)]
    block1.append(_between(150.0, 300.0, tid, "B1", 3))
    pm_len = min(1500.0, max(600.0, 0.3 * room))
    block2 = [_between(400.0, 1500.0, tid, "B2", 1), _between(40.0, 100.0, tid, "B2", 2)]
    block2.append(_between(80.0, 150.0, tid, "B2", 3))
    gaps = 3 * GAP_M + 50.0
    need = sum(block1) + pm_len + sum(block2) + gaps
    # Squeeze the long items first (the PM and the long PC), then everything, until the stage holds them.
    if need > room:
        squeeze = min(need - room, pm_len - 600.0 + block2[0] - 400.0)
        share = squeeze / max(pm_len - 600.0 + block2[0] - 400.0, 1e-9)
        pm_len -= (pm_len - 600.0) * share
        block2[0] -= (block2[0] - 400.0) * share
        need = sum(block1) + pm_len + sum(block2) + gaps
        if need > room:
            scale = (room - gaps) / (need - gaps)
            block1 = [v * scale for v in block1]
            block2 = [v * scale for v in block2]
            pm_len *= scale

    pcs: list[TrialPC] = []
    s = first
    for i, length in enumerate(block1, start=1):
        pcs.append(_pc(tid, f"PC {len(pcs) + 1}", 1, s, s + length, chained=i > 1))
        s += length
    s += GAP_M
    pm_start = round(s, 1)
    pm_end = round(s + pm_len, 1)
    average = _pick(PM_SPEEDS_KMH, tid, "PM 1")
    secrets = _secret_points(tid, pm_start, pm_end)
    pm = TrialPM("PM 1", pm_start, pm_end, average, secrets)
    s = pm_end + GAP_M
    pcs.append(_pc(tid, f"PC {len(pcs) + 1}", 2, s, s + block2[0], chained=False))
    s += block2[0] + 50.0
    pcs.append(_pc(tid, f"PC {len(pcs) + 1}", 2, s, s + block2[1], chained=False))
    s += block2[1]
    pcs.append(_pc(tid, f"PC {len(pcs) + 1}", 2, s, s + block2[2], chained=True))

    start = track.start_time_of_day_s if start_tod_s is None else start_tod_s
    in_trials = sum(pc.length_m for pc in pcs) + (pm.end_s_m - pm.start_s_m)
    liaison_m = (finish - CO_ZONE_M[1]) - start_line - in_trials
    allowed = (
        COUNTDOWN_TICKS / 100.0
        + sum(pc.target_cs for pc in pcs) / 100.0
        + pm.ideal_cs(pm.end_s_m) / 100.0
        + liaison_m / (LIAISON_KMH / 3.6)
        + CO_SPARE_S
    )
    target = math.ceil((start + allowed) / 60.0) * 60
    co = ControlCO("CO", round(finish - CO_ZONE_M[0], 1), round(finish - CO_ZONE_M[1], 1), int(target))
    return RoadBook(tid, tuple(pcs), (pm,), co, start)


def _pc(tid: str, name: str, block: int, start: float, end: float, *, chained: bool) -> TrialPC:
    start, end = round(start, 1), round(end, 1)
    speed = _pick(PC_SPEEDS_KMH, tid, name) / 3.6
    target_s = math.ceil((end - start) / speed) + PC_EXTRA_S
    return TrialPC(name, block, start, end, target_s * 100, chained)


def _secret_points(tid: str, start: float, end: float) -> tuple[float, ...]:
    """Three points in the section's three thirds (never in its first 80 m: the car is still settling)."""
    span = end - start
    points = []
    for i in range(PM_SECRET_POINTS):
        lo = start + max(80.0, span * i / PM_SECRET_POINTS)
        hi = start + span * (i + 1) / PM_SECRET_POINTS - 20.0
        points.append(round(_between(lo, max(lo, hi), tid, "PM 1", "secret", i), 1))
    return tuple(points)
