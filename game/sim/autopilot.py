"""A driver that reads the track: racing line, planned speeds, pure-pursuit steering, pedals, the watch's crown.

At construction it lays a racing line across the road's width (an elastic band pulled tight inside the road,
which straightens corners the way a driver uses the whole road) and plans a speed for every point of it: the
cornering limit from the line's curvature and the surface's grip, then a backward pass that brakes in time for
every slower point ahead. Each tick it steers towards a point on the line a speed-dependent distance ahead
(pure pursuit, with yaw damping), and works the pedals towards the planned speed with traction control and
anti-lock pumping. In a regularity trial it holds the pace that makes the posted time, correcting from its own
count of ticks since the trial's start line. It winds the watch when the reserve is low, preferably while
braking or lifting (winding cuts the throttle), and never touches the pusher.

Deterministic and stateful: the same track, car and snapshots give the same records. numpy is used only at
construction; `decide` is plain float arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.sim import TICK_S
from game.sim.car import steer_lock_rad
from game.sim.cars import CarSpec
from game.sim.drivetrain import engine_torque
from game.sim.field_types import RivalSnapshot
from game.sim.geometry import Projection, TrackGeometry
from game.sim.inputs import InputRecord
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.surfaces import surface
from game.sim.track import SURFACES, Track
from game.sim.tyres import GRAVITY_MS2
from watch_core import WatchState

LINE_STEP_M = 2.0
"""Spacing of the racing line's points along the road."""

EDGE_MARGIN_M = 0.7
"""Room the racing line leaves between the car's side and the road's edge."""

CORNER_GRIP_USE = 0.82
"""Share of the tyres' grip the speed plan uses in corners (the rest absorbs tracking errors)."""

BRAKE_GRIP_USE = 0.72
"""Share of the grip the speed plan brakes with (the rest steers while braking)."""

TOP_SPEED_MS = 95.0
"""Speed plan's ceiling on straights; the car's own drag stops it well before."""

WIND_START_FRACTION = 0.5
WIND_STOP_FRACTION = 0.95
WIND_ALWAYS_FRACTION = 0.2
"""Below this reserve the autopilot winds on straights too: a stopped watch is worse than a slow straight."""

WIND_STRAIGHT_LATERAL_MS2 = 2.0
"""Below this lateral acceleration the car counts as going straight (safe to lift for the crown)."""

WIND_TURNS_PER_TICK = 0.02
"""Two crown turns a second, a steady hand's pace."""

YAW_DAMPING_S = 0.1
"""Steering taken off per rad/s of yaw beyond what the path asks: catches the tail before it goes."""

HOLD_THROTTLE = 0.2
"""Throttle that holds a speed near the plan: enough to cancel the engine braking that would unsettle the
tail of a rear-driven car in a corner (lift-off oversteer)."""

SLIDE_BODY_SLIP_RAD = 0.12
"""Angle between where the car points and where it goes beyond which the autopilot treats it as sliding."""

TRACTION_USE = 0.9
BRAKE_USE = 0.92
"""Share of the estimated grip the autopilot lets the engine and the brakes ask of the tyres."""

STUCK_SPEED_MS = 1.0
STUCK_TICKS = 400
"""Four seconds below walking pace while asking for speed: ask the race for a recovery."""

TRAFFIC_LOOK_S = 2.5
TRAFFIC_LOOK_M = 12.0
"""A car of the field counts as in the way when it is within 12 m plus 2.5 s of closing speed ahead."""

PASS_GAP_M = 3.2
"""Centre-to-centre room across the road the autopilot wants beside a car it passes."""

EDGE_ROOM_M = 1.1
"""Nearest the autopilot's centre comes to the road's edge when it moves off its line to pass."""

OVERLAP_M = 2.1
FOLLOW_GAP_M = 7.0
FOLLOW_DECEL_MS2 = 5.0
"""A car in line ahead (centres closer than 2.1 m across) is not closed on nearer than 7 m plus the distance to
shed the speed difference at 5 m/s²: the autopilot follows until it is beside it, then passes."""

PASS_LOOK_S = 2.5
PASS_STRAIGHT_SHARE = 0.9
"""A pass starts only where the plan stays above 90 % of the speed for the next 2.5 s past the car: a straight."""

SIDE_CLEAR_M = 0.8
"""A car ahead more than this to one side is passed on the other; nearer the line, the side chosen first holds."""

LEVEL_M = 2.0
"""A car less than this ahead is level: a pass under way is finished rather than abandoned."""

SHIFT_RATE_MS = 3.0
"""How fast the aim point moves across the road to pass a car, or back to the line after: no steering jerk."""

OFF_LINE_SLOW_PER_M = 0.04
"""Share of the planned speed given up per metre the aim point is beside the racing line (passing): the plan
is the line's, and a wider or tighter path through the same bend at that speed slides the rear wheels."""

SMOOTHING_PASSES = ((24, 300), (12, 300), (6, 300), (3, 300), (1, 200))
"""(neighbour distance in points, iterations) of the racing line's elastic-band smoothing, coarse to fine."""


@dataclass(frozen=True, slots=True)
class RacingLine:
    """The planned line: points every LINE_STEP_M of centre-line arc length, with their planned speed."""

    x_m: tuple[float, ...]
    y_m: tuple[float, ...]
    s_m: tuple[float, ...]
    """Centre-line arc length each point was laid across from."""
    offset_m: tuple[float, ...]
    """Lateral offset from the centre line, positive to the left."""
    speed_ms: tuple[float, ...]
    closed: bool


@dataclass(frozen=True, slots=True)
class _Trial:
    start_s_m: float
    end_s_m: float
    target_s: float


class Autopilot:
    """Drives one car on one track; call `decide` once per tick with the latest snapshots."""

    def __init__(
        self,
        track: Track,
        geometry: TrackGeometry,
        spec: CarSpec,
        *,
        line: RacingLine | None = None,
        race_trials: bool = True,
    ) -> None:
        """`line` is a racing line already planned for this geometry and car (it is never changed).
        `race_trials` False ignores the speed race's regularity trial (the regularity rally has its own)."""
        self.track = track
        self.geometry = geometry
        self.spec = spec
        self.trials: tuple[_Trial, ...] = _trials(track) if race_trials else ()
        self.line = line if line is not None else plan_racing_line(geometry, spec, self.trials)
        self._n = len(self.line.x_m)
        self._brake_limit = {name: _brake_limit(spec, surface(name).grip) for name in SURFACES}
        self._rear_grip = {name: _rear_traction(spec, surface(name).grip) for name in SURFACES}
        self._curve_rpm = spec.engine.curve_rpm
        self._curve_nm = spec.engine.curve_nm
        gb = spec.gearbox
        self._drive_per_nm = tuple(
            ratio * gb.final_drive * gb.efficiency / spec.tyres.wheel_radius_m for ratio in gb.ratios
        )
        self._hint: int | None = None
        self._last_s: float | None = None
        self._trial: _Trial | None = None
        self._trial_start_tick = 0
        self._traction = 1.0
        self._abs = 1.0
        self._winding = False
        self._stuck_ticks = 0
        self._shift = 0.0
        self._side = 0.0
        self.recoveries_requested = 0

    def decide(
        self,
        car: CarSnapshot,
        watch: WatchState | None,
        tick: int,
        field: Sequence[RivalSnapshot] = (),
        speed_cap: float | None = None,
    ) -> InputRecord:
        """The controls for the next tick, from the car's last snapshot, the watch, the race tick and the cars of
        the field in sight (an empty road: the racing line as planned); `speed_cap` holds the planned speed under
        a ceiling (the watch-only pilot's pace)."""
        line = self.line
        n = self._n
        road = self.geometry.project(car.x_m, car.y_m, self._hint)
        self._hint = road.segment
        s = road.s_m
        i = int(s / LINE_STEP_M)
        speed = car.speed_ms
        self._follow_trials(s, tick)

        # Steering: pure pursuit towards a point on the line ahead, damped by the yaw rate it expects.
        look = 5.0 + 0.45 * speed
        j = i + int(look / LINE_STEP_M) + 1
        j = j % n if line.closed else min(j, n - 1)
        heading = car.heading_rad
        ch = math.cos(heading)
        sh = math.sin(heading)
        dx = line.x_m[j] - car.x_m
        dy = line.y_m[j] - car.y_m
        cap = None
        if field or self._shift:
            want, cap = self._traffic(car, road, i, field)
            step = SHIFT_RATE_MS * TICK_S
            shift = self._shift = max(self._shift - step, min(self._shift + step, want))
            if shift:  # aim beside the line, inside the road
                cx, cy, ahead_heading = self.geometry.point_at(line.s_m[j])
                room = max(0.0, self.geometry.half_width_at(line.s_m[j]) - EDGE_ROOM_M)
                offset = max(-room, min(room, line.offset_m[j] + shift))
                dx = cx - math.sin(ahead_heading) * offset - car.x_m
                dy = cy + math.cos(ahead_heading) * offset - car.y_m
        ahead = dx * ch + dy * sh
        left = dy * ch - dx * sh
        dist2 = ahead * ahead + left * left
        curvature = 2.0 * left / dist2 if dist2 > 1.0 else 0.0
        wheelbase = self.spec.chassis.wheelbase_m
        delta = math.atan(curvature * wheelbase)
        delta -= YAW_DAMPING_S * (car.yaw_rate_rad_s - speed * curvature)
        lock = steer_lock_rad(self.spec.steering, speed)
        steer = -delta / lock
        steer = 1.0 if steer > 1.0 else -1.0 if steer < -1.0 else steer

        # Speed: the plan a little ahead (the pedals act with a lag), capped by a trial's pace.
        k = i + int(speed * 0.25 / LINE_STEP_M) + 1
        k = k % n if line.closed else min(k, n - 1)
        target = planned = line.speed_ms[k]
        if self._trial is not None:
            target = min(target, self._trial_pace(s, tick))
        if cap is not None:
            target = min(target, cap)
        if self._shift:  # off the racing line the plan's speed asks more of the tyres: ease off, never brake
            target = min(target, max(speed - 0.5, planned * (1.0 - OFF_LINE_SLOW_PER_M * abs(self._shift))))
        if speed_cap is not None and speed_cap < target:
            target = speed_cap
        error = target - speed
        throttle = 0.0
        brake = 0.0
        if error > 0.0:
            throttle = min(1.0, HOLD_THROTTLE + 0.35 * error)
        elif error < -0.6:
            brake = min(1.0, -0.22 * error)
        else:
            throttle = HOLD_THROTTLE

        # Never ask the tyres for more than they hold: traction and brake limits from the car's data,
        # then a slip feedback for what the estimate missed.
        throttle = min(throttle, self._traction_limit(car))
        brake = min(brake, self._brake_limit[car.surface_front])
        if car.slip_rear > 1.0 and throttle > 0.0:
            self._traction = max(0.3, self._traction * 0.9)
        else:
            self._traction = min(1.0, self._traction + 0.02)
        throttle *= self._traction
        if car.slip_front > 1.0 or car.slip_rear > 1.0:
            self._abs = max(0.4, self._abs * 0.85)
        else:
            self._abs = min(1.0, self._abs + 0.05)
        brake *= self._abs
        # The tail is going: off the brakes, a steady throttle, and let the steering catch it.
        body_slip = math.atan2(car.vy_ms * ch - car.vx_ms * sh, abs(car.vx_ms * ch + car.vy_ms * sh) + 1.0)
        if abs(body_slip) > SLIDE_BODY_SLIP_RAD:
            brake = 0.0
            throttle = min(throttle, 0.25)

        wind = self._wind(watch, brake > 0.0, abs(car.yaw_rate_rad_s * speed) < WIND_STRAIGHT_LATERAL_MS2)
        if wind:
            throttle = 0.0
        recover = self._stuck(speed, planned if cap is not None else target)
        return InputRecord.from_controls(steer, throttle, brake, wind_turns=wind, recover=recover)

    def _traffic(
        self, car: CarSnapshot, road: Projection, i: int, field: Sequence[RivalSnapshot]
    ) -> tuple[float, float | None]:
        """(How far beside its line to aim, positive left; a speed cap or None) for the nearest slower car in
        the way.

        It is passed on the side where it leaves more road, and only where the plan ahead stays fast (a
        straight); until the autopilot is beside it, it never closes on it nearer than a braking distance."""
        ch = math.cos(road.heading_rad)
        sh = math.sin(road.heading_rad)
        speed = car.speed_ms
        best: RivalSnapshot | None = None
        best_ahead = 0.0
        best_left = 0.0
        for rival in field:
            dx = rival.x_m - car.x_m
            dy = rival.y_m - car.y_m
            ahead = dx * ch + dy * sh
            if ahead <= -1.0 or ahead > TRAFFIC_LOOK_M + TRAFFIC_LOOK_S * max(0.0, speed - rival.speed_ms):
                continue
            left = dy * ch - dx * sh
            if abs(left) >= PASS_GAP_M + 1.0 or rival.speed_ms >= speed + 0.5:
                continue
            if best is None or ahead < best_ahead:
                best, best_ahead, best_left = rival, ahead, left
        if best is None:
            self._side = 0.0
            return 0.0, None
        line = self.line
        n = self._n
        k = i + int(best_ahead / LINE_STEP_M)
        k = k % n if line.closed else min(k, n - 1)
        rival_lateral = road.lateral_m + best_left
        room = max(0.0, road.half_width_m - EDGE_ROOM_M)
        # The side: the one it is already on, else the one the car ahead leaves more road on; kept once chosen.
        if abs(best_left) > SIDE_CLEAR_M:
            side = -1.0 if best_left > 0.0 else 1.0
        elif self._side:
            side = self._side
        else:
            side = -1.0 if rival_lateral > 0.0 else 1.0
        self._side = side
        want = max(-room, min(room, rival_lateral + side * PASS_GAP_M))
        closing = max(0.0, speed - best.speed_ms)
        cap = None
        if abs(best_left) < OVERLAP_M and best_ahead < FOLLOW_GAP_M + closing * closing / (
            2.0 * FOLLOW_DECEL_MS2
        ):
            cap = max(0.0, best.speed_ms - (1.0 if best_ahead < FOLLOW_GAP_M else 0.0))
        reach = i + int((PASS_LOOK_S * speed + best_ahead) / LINE_STEP_M) + 1
        points = range(i, reach) if line.closed else range(i, min(reach, n))
        straight = min(line.speed_ms[p % n] for p in points) >= PASS_STRAIGHT_SHARE * speed
        shift = want - line.offset_m[k]
        room_beside = abs(want - rival_lateral) >= PASS_GAP_M - 0.6
        # Pass on a straight, or finish a pass already level; in a bend, follow (off the line at the plan's speed
        # the rear wheels let go: docs/field.md).
        if room_beside and (straight or best_ahead < LEVEL_M):
            return shift, cap
        follow = best.speed_ms - (2.0 if abs(best_left) >= OVERLAP_M else 0.0)
        return 0.0, min(cap, follow) if cap is not None else follow

    def _traction_limit(self, car: CarSnapshot) -> float:
        """Throttle at which the driven wheels just hold, in this gear, at this rpm, on this surface."""
        gear = car.gear
        if gear < 1:
            return 1.0
        full_n = engine_torque(self._curve_rpm, self._curve_nm, car.rpm) * self._drive_per_nm[gear - 1]
        grip_n, mu_g = self._rear_grip[car.surface_rear]
        lateral = car.yaw_rate_rad_s * car.speed_ms / mu_g
        room = 1.0 - lateral * lateral
        if room <= 0.0 or full_n <= 0.0:
            return 1.0 if full_n <= 0.0 else 0.0
        limit = TRACTION_USE * grip_n * math.sqrt(room) / full_n
        return limit if limit < 1.0 else 1.0

    # ------------------------------------------------------------------------------------------------ trials

    def _follow_trials(self, s: float, tick: int) -> None:
        """Notice the car crossing a trial's start and end by its arc length, and remember the start tick."""
        last = self._last_s
        self._last_s = s
        if last is None or abs(s - last) > 50.0:
            return
        if self._trial is not None:
            if last < self._trial.end_s_m <= s:
                self._trial = None
            return
        for trial in self.trials:
            if last < trial.start_s_m <= s:
                self._trial = trial
                self._trial_start_tick = tick
                return

    def _trial_pace(self, s: float, tick: int) -> float:
        trial = self._trial
        assert trial is not None
        left_s = trial.target_s - (tick - self._trial_start_tick) * TICK_S
        to_go = trial.end_s_m - s
        if left_s <= 0.05:
            return TOP_SPEED_MS
        return max(2.0, to_go / left_s)

    # ------------------------------------------------------------------------------------------------- watch

    def _wind(self, watch: WatchState | None, braking: bool, straight: bool) -> float:
        """Crown turns for this tick: in braking zones while the reserve is low, anywhere straight if very low.

        Winding cuts the throttle (a hand is off the wheel), so never in a corner on the throttle: lifting
        there would unsettle the car."""
        if watch is None:
            return 0.0
        reserve = watch.reserve_fraction
        if reserve < WIND_START_FRACTION:
            self._winding = True
        elif reserve >= WIND_STOP_FRACTION:
            self._winding = False
        if self._winding and (braking or (straight and reserve < WIND_ALWAYS_FRACTION)):
            return WIND_TURNS_PER_TICK
        return 0.0

    def _stuck(self, speed: float, target: float) -> bool:
        if speed < STUCK_SPEED_MS and target > 5.0:
            self._stuck_ticks += 1
        else:
            self._stuck_ticks = 0
        if self._stuck_ticks >= STUCK_TICKS:
            self._stuck_ticks = 0
            self.recoveries_requested += 1
            return True
        return False


class AutopilotDriver:
    """The autopilot as a race session's input source: a fresh driver for every attempt.

    The racing line is planned once per track and car and kept across restarts (planning is the costly part);
    the driver's state (trial pace, traction control, stuck counter) starts anew with each attempt.
    """

    def __init__(self) -> None:
        self._pilot: Autopilot | None = None
        self._planned: tuple[TrackGeometry, CarSpec, RacingLine] | None = None

    @property
    def pilot(self) -> Autopilot:
        if self._pilot is None:
            raise RuntimeError("the autopilot drives once a race session has started it")
        return self._pilot

    def start(self, track: Track, geometry: TrackGeometry, car: CarSpec) -> None:
        planned = self._planned
        line = planned[2] if planned is not None and planned[0] is geometry and planned[1] is car else None
        self._pilot = Autopilot(track, geometry, car, line=line)
        self._planned = (geometry, car, self._pilot.line)

    def next_record(self, snapshot: RaceSnapshot) -> InputRecord:
        return self.pilot.decide(snapshot.car, snapshot.watch, snapshot.tick, snapshot.field)


def _rear_traction(spec: CarSpec, surface_grip: float) -> tuple[float, float]:
    """(Most drive force the rear tyres take in a straight line, their friction in m/s²) on a surface.

    Accelerating with force F loads the rear by F·h/L, so F <= μ·(m·g·a + F·h)/L.
    """
    ch = spec.chassis
    mu = spec.tyres.rear.mu * surface_grip
    force = mu * ch.mass_kg * GRAVITY_MS2 * ch.cg_to_front_m / (ch.wheelbase_m - mu * ch.cg_height_m)
    return force, mu * GRAVITY_MS2


def _brake_limit(spec: CarSpec, surface_grip: float) -> float:
    """Brake pedal at which neither axle locks in a straight line on a surface of this grip.

    With brake force B the car decelerates at B/m and load moves forward by B·h/L; front lock needs
    B·share > μf·(m·g·b + B·h)/L, rear lock B·(1 - share) > μr·(m·g·a - B·h)/L. Solve each for B.
    """
    ch = spec.chassis
    m, a, b, h, wheelbase = ch.mass_kg, ch.cg_to_front_m, ch.cg_to_rear_m, ch.cg_height_m, ch.wheelbase_m
    share = spec.brakes.front_share
    mu_f = spec.tyres.front.mu * surface_grip
    mu_r = spec.tyres.rear.mu * surface_grip
    limits = [spec.brakes.max_force_n]
    if wheelbase * share > mu_f * h:
        limits.append(mu_f * m * GRAVITY_MS2 * b / (wheelbase * share - mu_f * h))
    if share < 1.0:
        limits.append(mu_r * m * GRAVITY_MS2 * a / (wheelbase * (1.0 - share) + mu_r * h))
    return BRAKE_USE * min(limits) / spec.brakes.max_force_n


def _trials(track: Track) -> tuple[_Trial, ...]:
    starts = {t.trial: t for t in track.timing_lines if t.kind == "trial_start"}
    out: list[_Trial] = []
    for line in track.timing_lines:
        if line.kind == "trial_end" and line.trial in starts:
            start = starts[line.trial]
            target = line.target_s if line.target_s is not None else start.target_s
            if target:
                out.append(_Trial(start.s_m, line.s_m, float(target)))
    return tuple(sorted(out, key=lambda t: t.start_s_m))


def plan_racing_line(geometry: TrackGeometry, spec: CarSpec, trials: tuple[_Trial, ...] = ()) -> RacingLine:
    """Lay the racing line across the road and plan its speeds (numpy, once per run)."""
    length = geometry.length_m
    closed = geometry.closed
    count = int(length / LINE_STEP_M) if closed else int(length / LINE_STEP_M) + 1
    s = np.arange(count) * LINE_STEP_M
    centre = np.array([geometry.point_at(float(v)) for v in s])
    cx, cy, heading = centre[:, 0], centre[:, 1], centre[:, 2]
    nx, ny = -np.sin(heading), np.cos(heading)
    half = np.array([geometry.half_width_at(float(v)) for v in s])
    room = np.maximum(0.0, half - 0.5 * spec.chassis.width_m - EDGE_MARGIN_M)

    offset = np.zeros(count)
    for reach, iterations in SMOOTHING_PASSES:
        if count <= 2 * reach:
            continue
        for _ in range(iterations):
            px = cx + offset * nx
            py = cy + offset * ny
            if closed:
                mx = 0.5 * (np.roll(px, reach) + np.roll(px, -reach))
                my = 0.5 * (np.roll(py, reach) + np.roll(py, -reach))
            else:
                lo = np.maximum(np.arange(count) - reach, 0)
                hi = np.minimum(np.arange(count) + reach, count - 1)
                mx = 0.5 * (px[lo] + px[hi])
                my = 0.5 * (py[lo] + py[hi])
            offset = np.clip(offset + 0.8 * ((mx - px) * nx + (my - py) * ny), -room, room)
            if not closed:
                offset[0] = offset[-1] = 0.0
    px = cx + offset * nx
    py = cy + offset * ny

    # Curvature of the line through points two steps apart on either side (circumscribed circle).
    step = 3
    if closed:
        ax, ay = np.roll(px, step), np.roll(py, step)
        bx, by = np.roll(px, -step), np.roll(py, -step)
    else:
        idx = np.arange(count)
        ax, ay = px[np.maximum(idx - step, 0)], py[np.maximum(idx - step, 0)]
        bx, by = px[np.minimum(idx + step, count - 1)], py[np.minimum(idx + step, count - 1)]
    cross = (px - ax) * (by - ay) - (py - ay) * (bx - ax)
    d1 = np.hypot(px - ax, py - ay)
    d2 = np.hypot(bx - px, by - py)
    d3 = np.hypot(bx - ax, by - ay)
    curvature = np.abs(2.0 * cross) / np.maximum(d1 * d2 * d3, 1e-9)
    # The sharpest bend within a few metres either side: the plan must not hinge on one noisy point.
    window = (
        [np.roll(curvature, shift) for shift in range(-3, 4)]
        if closed
        else [curvature[np.clip(np.arange(count) + shift, 0, count - 1)] for shift in range(-3, 4)]
    )
    curvature = np.max(window, axis=0)

    mu_car = min(spec.tyres.front.mu, spec.tyres.rear.mu)
    grip = np.array([surface(geometry.surface_along(float(v))).grip for v in s]) * mu_car
    corner = np.sqrt(CORNER_GRIP_USE * grip * GRAVITY_MS2 / np.maximum(curvature, 1e-6))
    speed = np.minimum(corner, TOP_SPEED_MS)
    for trial in trials:
        pace = (trial.end_s_m - trial.start_s_m) / trial.target_s
        first = math.ceil(trial.start_s_m / LINE_STEP_M)
        if 0 <= first < count:
            speed[first] = min(speed[first], pace)
    if not closed:
        speed[-1] = min(speed[-1], TOP_SPEED_MS)

    # Backward pass: brake in time for every slower point ahead, with what the corner leaves of the grip.
    grip_g = (grip * GRAVITY_MS2).tolist()
    brake_cap = 0.9 * spec.brakes.max_force_n / spec.chassis.mass_kg
    bend = curvature.tolist()
    gaps = np.hypot(np.roll(px, -1) - px, np.roll(py, -1) - py).tolist()
    plan = speed.tolist()
    rounds = 2 if closed else 1
    for _ in range(rounds):
        nxt = plan[0] if closed else plan[-1]
        last = count - 1 if closed else count - 2
        for k in range(last, -1, -1):
            lateral = nxt * nxt * bend[k] / grip_g[k]
            room = 1.0 - lateral * lateral
            decel = BRAKE_GRIP_USE * grip_g[k] * math.sqrt(room if room > 0.04 else 0.04)
            if decel > brake_cap:
                decel = brake_cap
            reach = math.sqrt(nxt * nxt + 2.0 * decel * gaps[k])
            if reach < plan[k]:
                plan[k] = reach
            nxt = plan[k]
    return RacingLine(
        x_m=tuple(px.tolist()),
        y_m=tuple(py.tolist()),
        s_m=tuple(s.tolist()),
        offset_m=tuple(offset.tolist()),
        speed_ms=tuple(plan),
        closed=closed,
    )
