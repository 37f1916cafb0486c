"""How fast each car of the field goes along a stage: a speed for every 2 m of road, and the time it takes.

A far car has no body: it advances along the road by its pace (docs/design.md §9), so where it is at any moment
is a pure function of the time since it started the stage, read from its time table (arc length against time).
A near car's driver aims for the same speeds. The plan is made once per track and model from the centre line:
the cornering limit from the road's curvature and the surface's grip (the tyres' friction coefficient times the
surface's, as the player's tyres get it), the engine's power against drag and rolling resistance on the way up,
and the brakes' limit on the way down. The entrant then drives it at its `pace` (the share of the car's limit),
which wanders window by window by less the more consistent the driver is; the wander comes from a hash of the
entrant's number and the window, never from a random generator's state.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.surfaces import surface
from game.sim.track import Track
from game.sim.tyres import GRAVITY_MS2

PACE_STEP_M = 2.0
"""Spacing of the speed plan's points along the road."""

CORNER_GRIP_USE = 0.8
"""Share of the tyres' grip a car of the field uses in corners at pace 1 (on the centre line, which bends more
sharply than the line a driver takes through a corner)."""

PLAN_SCALE = 0.92
"""The plan at pace 1 runs at this share of those limits: about the autopilot's own time in the same car, so the
field's best (pace 0.98) is a little slower than the autopilot, and the player can beat every entrant."""

BRAKE_GRIP_USE = 0.7
TRACTION_GRIP_USE = 0.55
"""Share of the car's weight on its driven (rear) wheels times their grip use: how hard it can accelerate."""

ROLLING_RESISTANCE = 0.015
AIR_DENSITY_KG_M3 = 1.225
MIN_PLAN_SPEED_MS = 1.0
"""Floor of the planned speed (the standing start), so every stretch of road takes a finite time."""

CURVATURE_WINDOW = 4
"""Points either side over which the sharpest bend counts: a corner is braked for before its apex."""

WANDER_WINDOW_M = 200.0
"""Length of road over which an entrant's pace holds still before it wanders to the next value."""

MAX_WANDER = 0.06
"""Largest slowdown the wander takes off a driver of consistency 0 (a consistency of 1 never wanders)."""

_CACHE_LIMIT = 64
_plans: dict[tuple[str, CarSpec], ModelPlan] = {}


@dataclass(frozen=True, slots=True)
class ModelPlan:
    """A model's speed at its limit every PACE_STEP_M of a stage's centre line (index i is at s = i·step)."""

    model_id: str
    speed_ms: tuple[float, ...]
    length_m: float
    speeds: np.ndarray = field(compare=False, repr=False)
    """`speed_ms` as an array: every entrant of the model starts its pace table from it."""


@dataclass(frozen=True, slots=True, eq=True)
class PaceTable:
    """One entrant's way down one stage: its target speed and the time at which it reaches each point.

    Kept as arrays of doubles: a race makes one for each of some 300 entrants, and an array is made from numpy's
    buffer in one copy and holds a value in 8 bytes, where a tuple makes and keeps an object for every one."""

    speed_ms: array[float]
    time_s: array[float]
    """Seconds after its start when it reaches point i (time_s[0] = 0)."""
    length_m: float

    @property
    def stage_time_s(self) -> float:
        return self.time_s[-1]

    def s_at(self, time_s: float) -> float:
        """Arc length reached `time_s` after its start: 0 before, the finish after it."""
        times = self.time_s
        if time_s <= 0.0:
            return 0.0
        if time_s >= times[-1]:
            return self.length_m
        i = bisect_right(times, time_s) - 1
        t0 = times[i]
        s = (i + (time_s - t0) / (times[i + 1] - t0)) * PACE_STEP_M
        length = self.length_m
        return s if s < length else length  # min(length, s), without the call: the field asks every tick

    def time_at(self, s_m: float) -> float:
        """Seconds after its start at which it reaches arc length `s_m` by its pace."""
        if s_m <= 0.0:
            return 0.0
        times = self.time_s
        f = s_m / PACE_STEP_M
        i = int(f)
        if i >= len(times) - 1:
            return times[-1]
        return times[i] + (f - i) * (times[i + 1] - times[i])

    def speed_at(self, s_m: float) -> float:
        speeds = self.speed_ms
        i = int(s_m / PACE_STEP_M) if s_m > 0.0 else 0
        return speeds[i if i < len(speeds) else -1]


def model_plan(track: Track, geometry: TrackGeometry, spec: CarSpec) -> ModelPlan:
    """The speed plan of `spec` on `track` (`geometry` is its own), made once per track and model and kept."""
    key = (track.content_hash, spec)
    plan = _plans.get(key)
    if plan is None:
        if len(_plans) >= _CACHE_LIMIT:
            _plans.pop(next(iter(_plans)))
        plan = _plans[key] = _plan(track, geometry, spec)
    return plan


_roads: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _road(track: Track, geometry: TrackGeometry) -> tuple[np.ndarray, np.ndarray]:
    """(sharpest bend near each plan point in 1/m, the road surface's grip there), once per track."""
    road = _roads.get(track.content_hash)
    if road is None:
        if len(_roads) >= _CACHE_LIMIT:
            _roads.pop(next(iter(_roads)))
        count = int(geometry.length_m / PACE_STEP_M) + 1
        s_points = [i * PACE_STEP_M for i in range(count)]
        bend = np.abs(np.array([geometry.curvature_at(s) for s in s_points]))
        near = np.arange(count)
        bend = np.max(
            [bend[np.clip(near + k, 0, count - 1)] for k in range(-CURVATURE_WINDOW, CURVATURE_WINDOW + 1)],
            axis=0,
        )
        grip = np.array([surface(geometry.surface_along(s)).grip for s in s_points])
        road = _roads[track.content_hash] = (bend, grip)
    return road


def _plan(track: Track, geometry: TrackGeometry, spec: CarSpec) -> ModelPlan:
    bend, surface_grip = _road(track, geometry)
    count = len(bend)
    mu = min(spec.tyres.front.mu, spec.tyres.rear.mu)
    grip_g = surface_grip * mu * GRAVITY_MS2
    corner = np.sqrt(CORNER_GRIP_USE * grip_g / np.maximum(bend, 1e-6))
    for start_m, end_m, pace_ms in _trials(track):  # everyone drives the stage's regularity trial at its pace
        corner[int(start_m / PACE_STEP_M) : int(end_m / PACE_STEP_M) + 1] = np.minimum(
            corner[int(start_m / PACE_STEP_M) : int(end_m / PACE_STEP_M) + 1], pace_ms
        )

    mass = spec.chassis.mass_kg
    power_w = _peak_power_w(spec)
    drag_k = 0.5 * AIR_DENSITY_KG_M3 * spec.drag_area_m2 / mass
    roll = ROLLING_RESISTANCE * GRAVITY_MS2
    brake_cap = 0.9 * spec.brakes.max_force_n / mass
    limit = corner.tolist()
    grip = grip_g.tolist()
    speed = [0.0] * count
    v = MIN_PLAN_SPEED_MS
    standing = int(_start_s(track) / PACE_STEP_M)
    for i in range(
        count
    ):  # the way up from a standing start: power against drag, traction-limited at low speed
        v = min(v, limit[i]) if i != standing else MIN_PLAN_SPEED_MS
        speed[i] = v
        push = min(TRACTION_GRIP_USE * grip[i], power_w / (mass * max(v, 5.0)))
        accel = push - drag_k * v * v - roll
        v = math.sqrt(max(v * v + 2.0 * accel * PACE_STEP_M, MIN_PLAN_SPEED_MS**2))
    nxt = speed[-1]
    for i in range(count - 1, -1, -1):  # the way down: brake in time for every slower point ahead
        decel = min(BRAKE_GRIP_USE * grip[i], brake_cap)
        reach = math.sqrt(nxt * nxt + 2.0 * decel * PACE_STEP_M)
        if reach < speed[i]:
            speed[i] = reach
        nxt = speed[i]
    planned = tuple(max(MIN_PLAN_SPEED_MS, v * PLAN_SCALE) for v in speed)
    return ModelPlan(spec.id, planned, geometry.length_m, np.array(planned))


def _trials(track: Track) -> list[tuple[float, float, float]]:
    """(start, end, the posted average) of every regularity trial on the stage."""
    starts = {line.trial: line for line in track.timing_lines if line.kind == "trial_start"}
    out = []
    for line in track.timing_lines:
        start = starts.get(line.trial) if line.kind == "trial_end" else None
        target = None if start is None else (line.target_s or start.target_s)
        if start is not None and target:
            out.append((start.s_m, line.s_m, (line.s_m - start.s_m) / target))
    return out


def _start_s(track: Track) -> float:
    """Where a stage's start line is: every car of the field leaves it from a standstill, as the player does."""
    return next((line.s_m for line in track.timing_lines if line.kind == "start"), 0.0)


def _peak_power_w(spec: CarSpec) -> float:
    """The engine's peak power at the wheels (N·m × rad/s × the gearbox's efficiency)."""
    return spec.gearbox.efficiency * max(nm * rpm * math.pi / 30.0 for rpm, nm in spec.engine.torque_curve)


@cache
def wander(number: int, window: int) -> float:
    """A value in [0, 1) fixed by an entrant's number and a window of road: its pace's wander there.

    Kept once made: the same numbers and windows come back on every stage and every restart (some 300 × 30)."""
    digest = hashlib.blake2b(f"{number}:{window}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") / 2.0**64


def pace_table(plan: ModelPlan, number: int, pace: float, consistency: float) -> PaceTable:
    """The entrant's speeds (the plan at its pace, wandering by window) and the times they give."""
    base = plan.speeds
    per_window = int(WANDER_WINDOW_M / PACE_STEP_M)
    windows = (len(base) + per_window - 1) // per_window
    spread = MAX_WANDER * (1.0 - consistency)
    factors = np.array([pace * (1.0 - spread * wander(number, w)) for w in range(windows)])
    speeds = np.maximum(MIN_PLAN_SPEED_MS, base * np.repeat(factors, per_window)[: len(base)])
    times = np.concatenate(([0.0], np.cumsum(2.0 * PACE_STEP_M / (speeds[1:] + speeds[:-1]))))
    return PaceTable(array("d", speeds.tobytes()), array("d", times.tobytes()), plan.length_m)
