"""The car as a rigid body on two axles: per tick, the forces its tyres, engine, brakes and air put on it.

No pymunk here: `CarModel.forces` takes the body's velocity in its own frame and the surfaces under its
axles and returns the net force and yaw torque, updating the car's own state (steering, engine, gearbox,
wheelspin). `game.sim.driving` applies the result to the pymunk body. Body frame: x forward, y to the left;
angles and yaw counter-clockwise; a positive `steer_angle_rad` turns the front wheels left (the input record's
steer is negative to the left, so the sign flips here).

This is the hot path (docs/design.md §6 wants 30,000+ ticks a second for the whole simulation): one method, floats
and the math module, constants copied out of the spec into slots at construction.
"""

from __future__ import annotations

import math
import struct

from game.sim import TICK_S
from game.sim.cars import CarSpec, Steering
from game.sim.drivetrain import (
    AUTO_REVERSE_SPEED_MS,
    AUTO_SHIFT_INTERVAL_S,
    RAD_S_TO_RPM,
    auto_gear,
    engine_torque,
    manual_gear,
)
from game.sim.race_types import Gearbox as Transmission
from game.sim.surfaces import Surface
from game.sim.tyres import (
    GRAVITY_MS2,
    axle_loads,
    friction_circle,
    grip_limit,
    lateral_curve,
    sliding_force,
    slip_angle,
)

AIR_DENSITY_KG_M3 = 1.225

STATIC_SPEED_MS = 1.0
"""Below this speed brakes hold the car like static friction instead of locking and sliding."""

AUTO_REVERSE_HOLD_S = 0.4
"""How long the automatic waits, stopped with the brake held, before it engages reverse."""

PITCH_RESPONSE = 0.25
"""Share of the change in longitudinal acceleration the load transfer follows each tick (suspension lag)."""

SPIN_START_MS = 0.3
"""Slip speed a driven wheel is given when it first breaks traction, so its force keeps pointing forward."""

SLIDE_SLIP_SCALE_MS = 10.0
"""A sliding axle reports slip 1 + sliding speed / this (capped at 3): louder squeal, darker marks."""


def steer_lock_rad(steering: Steering, speed_ms: float) -> float:
    """Usable steering lock at this speed: full at a standstill, halved at `half_lock_speed_ms`, never below
    `min_angle_rad` (so a slide can still be caught at top speed). Drivers see it as speed-sensitive steering."""
    lock = steering.max_angle_rad * steering.half_lock_speed_ms / (steering.half_lock_speed_ms + speed_ms)
    return lock if lock > steering.min_angle_rad else steering.min_angle_rad


_STATE = struct.Struct("<12d3i")

_WEIGHT_TIMES_TICK = GRAVITY_MS2 * TICK_S
"""g·dt: an axle's load over it is the mass whose momentum the tyre can stop in one tick."""


class CarModel:
    """One car's forces and its drivetrain state; `forces` is called once a tick."""

    __slots__ = (
        "_a",
        "_b",
        "_bf",
        "_br",
        "_brake_front_share",
        "_brake_max",
        "_cf",
        "_cr",
        "_curve_nm",
        "_curve_rpm",
        "_drag_k",
        "_efficiency",
        "_engine_brake_nm",
        "_engine_inertia",
        "_final",
        "_fz_front_static",
        "_fz_rear_static",
        "_h",
        "_handbrake_n",
        "_idle",
        "_inv_mass",
        "_launch_span",
        "_load_sens",
        "_mass",
        "_mu_f",
        "_mu_r",
        "_overall_ratio",
        "_peak_f",
        "_peak_r",
        "_peak_torque",
        "_ratios",
        "_redline",
        "_reverse_ratio",
        "_shift_down",
        "_shift_time",
        "_shift_up",
        "_slide_f",
        "_slide_r",
        "_steer_step",
        "_steering",
        "_wheel_inertia",
        "_wheel_r",
        "accel_lat_ms2",
        "accel_long_ms2",
        "engine_load",
        "gear",
        "manual",
        "pitch_accel_ms2",
        "reverse_hold_s",
        "rpm",
        "shift_timer_s",
        "shifted",
        "since_shift_s",
        "slip_front",
        "slip_rear",
        "spec",
        "spin_ms",
        "steer_angle_rad",
    )

    def __init__(self, spec: CarSpec, gearbox: Transmission = "auto") -> None:
        if gearbox not in ("auto", "manual"):
            raise ValueError(f"gearbox must be 'auto' or 'manual', not {gearbox!r}")
        self.spec = spec
        self.manual = gearbox == "manual"
        ch = spec.chassis
        self._mass = ch.mass_kg
        self._inv_mass = 1.0 / ch.mass_kg
        self._a = ch.cg_to_front_m
        self._b = ch.cg_to_rear_m
        self._h = ch.cg_height_m
        self._fz_front_static, self._fz_rear_static = axle_loads(ch.mass_kg, self._a, self._b, self._h, 0.0)
        en = spec.engine
        self._idle = en.idle_rpm
        self._redline = en.redline_rpm
        self._curve_rpm = en.curve_rpm
        self._curve_nm = en.curve_nm
        self._peak_torque = max(self._curve_nm)
        self._engine_brake_nm = en.engine_brake_nm
        self._engine_inertia = en.inertia_kgm2
        gb = spec.gearbox
        self._ratios = gb.ratios
        self._reverse_ratio = gb.reverse_ratio
        self._final = gb.final_drive
        self._efficiency = gb.efficiency
        self._shift_time = gb.shift_time_s
        self._shift_up = gb.shift_up_rpm
        self._shift_down = gb.shift_down_rpm
        self._launch_span = gb.launch_rpm - en.idle_rpm
        """How far the clutch lets the engine rev above idle at full throttle (a launch)."""
        self._overall_ratio: dict[int, float] = {
            -1: self._reverse_ratio * self._final,
            0: 0.0,
            **{gear: ratio * self._final for gear, ratio in enumerate(self._ratios, 1)},
        }
        """Gearbox × final drive by gear number (reverse -1, neutral 0): one lookup a tick instead of branches."""
        self._brake_max = spec.brakes.max_force_n
        self._brake_front_share = spec.brakes.front_share
        self._handbrake_n = spec.brakes.handbrake_force_n
        self._steering = spec.steering
        self._steer_step = spec.steering.rate_rad_s * TICK_S
        ty = spec.tyres
        self._mu_f = ty.front.mu
        self._mu_r = ty.rear.mu
        self._bf = ty.front.stiffness_b
        self._br = ty.rear.stiffness_b
        self._cf = ty.front.shape
        self._cr = ty.rear.shape
        self._slide_f = ty.front.slide_ratio
        self._slide_r = ty.rear.slide_ratio
        self._peak_f = ty.front.peak_slip_rad
        self._peak_r = ty.rear.peak_slip_rad
        self._wheel_r = ty.wheel_radius_m
        self._load_sens = ty.load_sensitivity
        self._wheel_inertia = ty.driven_wheels_inertia_kgm2
        self._drag_k = 0.5 * AIR_DENSITY_KG_M3 * spec.drag_area_m2
        self.reset()

    def reset(self, speed_ms: float = 0.0) -> None:
        """Wheels straight, no wheelspin, in the lowest gear that is not over the shift point at `speed_ms`
        (first gear and idle when standing): a (re)start, a recovery or a rolling start."""
        self.steer_angle_rad = 0.0
        self.gear = 1
        per_ratio = abs(speed_ms) / self._wheel_r * self._final * RAD_S_TO_RPM
        while self.gear < len(self._ratios) and per_ratio * self._ratios[self.gear - 1] >= self._shift_up:
            self.gear += 1
        self.rpm = max(self._idle, per_ratio * self._ratios[self.gear - 1])
        self.spin_ms = 0.0
        self.pitch_accel_ms2 = 0.0
        self.accel_long_ms2 = 0.0
        self.accel_lat_ms2 = 0.0
        self.shift_timer_s = 0.0
        self.since_shift_s = AUTO_SHIFT_INTERVAL_S
        self.reverse_hold_s = 0.0
        self.engine_load = 0.0
        self.slip_front = 0.0
        self.slip_rear = 0.0
        self.shifted = False

    def state_bytes(self) -> bytes:
        """Every number of the car's own state, packed exactly (for the simulation's state hash): what the
        next tick reads (steering, wheelspin, pitch, gearbox timers, gear) and what the last tick reported."""
        return _STATE.pack(
            self.steer_angle_rad,
            self.rpm,
            self.spin_ms,
            self.pitch_accel_ms2,
            self.shift_timer_s,
            self.since_shift_s,
            self.reverse_hold_s,
            self.accel_long_ms2,
            self.accel_lat_ms2,
            self.engine_load,
            self.slip_front,
            self.slip_rear,
            self.gear,
            int(self.shifted),
            int(self.manual),
        )

    def forces(
        self,
        u: float,
        v: float,
        yaw_rate: float,
        front: Surface,
        rear: Surface,
        steer: float,
        throttle: float,
        brake: float,
        handbrake: bool,
        shift_up: bool,
        shift_down: bool,
    ) -> tuple[float, float, float]:
        """Net force (body frame: forward, left; N) and yaw torque (N·m) for this tick; advances the car's state.

        `u`, `v`: velocity of the centre of mass forward and to the left; `steer` in [-1, 1], negative left;
        pedals in [0, 1].
        """
        dt = TICK_S
        speed = math.sqrt(u * u + v * v)
        rolling = abs(u)  # road speed along the car, asked several times a tick: one call
        a = self._a
        b = self._b
        mass = self._mass

        # Steering: the wheel turns at a finite rate towards the lock the speed allows.
        target = -steer * steer_lock_rad(self._steering, speed)
        delta = self.steer_angle_rad
        step = self._steer_step
        if target > delta + step:
            delta += step
        elif target < delta - step:
            delta -= step
        else:
            delta = target
        self.steer_angle_rad = delta
        cd = math.cos(delta)
        sd = math.sin(delta)

        # Loads and grip per axle.
        fz_f, fz_r = axle_loads(mass, a, b, self._h, self.pitch_accel_ms2)
        grip_f = grip_limit(self._mu_f * front.grip, fz_f, self._fz_front_static, self._load_sens)
        grip_r = grip_limit(self._mu_r * rear.grip, fz_r, self._fz_rear_static, self._load_sens)
        mf_dt = fz_f / _WEIGHT_TIMES_TICK
        mr_dt = fz_r / _WEIGHT_TIMES_TICK

        # Contact patch velocities in each wheel's frame.
        vf = v + yaw_rate * a
        uf = u * cd + vf * sd
        wf = vf * cd - u * sd
        wr = v - yaw_rate * b

        # Pedals: with the automatic in reverse the brake pedal backs up and the throttle brakes (arcade habit).
        gear = self.gear
        if gear == -1 and not self.manual:
            drive_pedal = brake
            brake_pedal = throttle
        else:
            drive_pedal = throttle
            brake_pedal = brake

        # Engine and clutch.
        wheel_r = self._wheel_r
        ratio = self._overall_ratio[gear]
        clutch_rpm = self._idle + drive_pedal * self._launch_span
        wheel_rpm = (rolling + self.spin_ms) / wheel_r * ratio * RAD_S_TO_RPM
        rpm = wheel_rpm if wheel_rpm > clutch_rpm else clutch_rpm
        drive = 0.0
        load = 0.0
        if ratio != 0.0 and not handbrake and self.shift_timer_s <= 0.0:
            redline = self._redline
            if wheel_rpm > clutch_rpm:
                torque = (
                    0.0
                    if rpm >= redline
                    else drive_pedal * engine_torque(self._curve_rpm, self._curve_nm, rpm)
                )
                brake_rpm = rpm if rpm < 1.2 * redline else 1.2 * redline
                torque -= (1.0 - drive_pedal) * self._engine_brake_nm * brake_rpm / redline
            else:
                torque = drive_pedal * engine_torque(self._curve_rpm, self._curve_nm, rpm)
            load = torque / self._peak_torque if torque > 0.0 else 0.0
            drive = torque * ratio * self._efficiency / wheel_r
            if gear == -1:
                drive = -drive
        self.rpm = rpm
        self.engine_load = load

        brake_n = brake_pedal * self._brake_max
        brake_f = brake_n * self._brake_front_share
        brake_r = brake_n - brake_f

        # Front axle: rolling, or locked by the brakes.
        slip_f = slip_angle(uf, wf)
        fy = -grip_f * lateral_curve(slip_f, self._bf * front.stiffness, self._cf)
        cap = abs(wf) * mf_dt * 0.5
        if fy > cap:
            fy = cap
        elif fy < -cap:
            fy = -cap
        if brake_f > grip_f and abs(uf) >= STATIC_SPEED_MS:
            fxf, fyf = sliding_force(uf, wf, grip_f * self._slide_f)
            self.slip_front = min(3.0, 1.0 + math.sqrt(uf * uf + wf * wf) / SLIDE_SLIP_SCALE_MS)
        else:
            hold = abs(uf) * mf_dt
            fxf = -(brake_f if brake_f < hold else hold)
            if uf < 0.0:
                fxf = -fxf
            fxf, fyf = friction_circle(fxf, fy, grip_f)
            pf = slip_f * front.stiffness / self._peak_f
            nf = fxf / grip_f if grip_f > 0.0 else 0.0
            self.slip_front = math.sqrt(pf * pf + nf * nf)

        # Rear axle: rolling, locked (brakes, handbrake) or spinning under power.
        slip_r = slip_angle(u, wr)
        fy = -grip_r * lateral_curve(slip_r, self._br * rear.stiffness, self._cr)
        cap = abs(wr) * mr_dt * 0.5
        if fy > cap:
            fy = cap
        elif fy < -cap:
            fy = -cap
        if handbrake:
            brake_r += self._handbrake_n
        slide_r = grip_r * self._slide_r
        locked = (handbrake or brake_r > grip_r) and rolling >= STATIC_SPEED_MS
        if locked:
            fxr, fyr = sliding_force(u, wr, slide_r)
            self.spin_ms = 0.0
            self.slip_rear = min(3.0, 1.0 + math.sqrt(u * u + wr * wr) / SLIDE_SLIP_SCALE_MS)
        else:
            hold = rolling * mr_dt
            fx_brake = brake_r if brake_r < hold else hold
            if u < 0.0:
                fx_brake = -fx_brake
            spin = self.spin_ms
            if spin == 0.0 and drive - fx_brake > grip_r:
                spin = SPIN_START_MS
            if spin > 0.0:
                fxr, fyr = sliding_force(-spin, wr, slide_r)
                wheel_mass = (self._engine_inertia * ratio * ratio + self._wheel_inertia) / (
                    wheel_r * wheel_r
                )
                spin += (drive - fx_brake - fxr) / wheel_mass * dt
                self.spin_ms = spin if spin > 0.0 else 0.0
                self.slip_rear = min(3.0, 1.0 + math.sqrt(spin * spin + wr * wr) / SLIDE_SLIP_SCALE_MS)
            else:
                fxr, fyr = friction_circle(drive - fx_brake, fy, grip_r)
                pr = slip_r * rear.stiffness / self._peak_r
                nr = fxr / grip_r if grip_r > 0.0 else 0.0
                self.slip_rear = math.sqrt(pr * pr + nr * nr)

        # Sum in the body frame, with rolling resistance, loose-surface drag and air.
        front_lateral = fxf * sd + fyf * cd
        fx = fxf * cd - fyf * sd + fxr
        fy = front_lateral + fyr
        torque = a * front_lateral - b * fyr
        roll = front.rolling_resistance * fz_f + rear.rolling_resistance * fz_r
        hold = rolling * mass / dt * 0.5
        if roll > hold:
            roll = hold
        fx -= roll if u > 0.0 else -roll
        drag = 0.5 * (front.drag_per_s + rear.drag_per_s) * mass + self._drag_k * speed
        fx -= drag * u
        fy -= drag * v

        inv_m = self._inv_mass
        ax = fx * inv_m
        self.accel_long_ms2 = ax
        self.accel_lat_ms2 = fy * inv_m
        self.pitch_accel_ms2 += (ax - self.pitch_accel_ms2) * PITCH_RESPONSE

        self._update_gearbox(rolling, throttle, brake, shift_up, shift_down)
        return fx, fy, torque

    def _update_gearbox(
        self, rolling: float, throttle: float, brake: float, shift_up: bool, shift_down: bool
    ) -> None:
        """Choose the gear for the next tick: the driver's buttons (manual) or the automatic's rules.

        `rolling` is the road speed along the car, |u|: every rule here looks at the speed, not the direction.
        """
        dt = TICK_S
        self.shifted = False
        if self.shift_timer_s > 0.0:
            self.shift_timer_s -= dt
        self.since_shift_s += dt
        gear = self.gear
        if self.manual:
            new_gear = manual_gear(gear, shift_up, shift_down, len(self._ratios), rolling)
        elif rolling < AUTO_REVERSE_SPEED_MS and gear == -1 and throttle > 0.05:
            new_gear = 1
        elif rolling < AUTO_REVERSE_SPEED_MS and gear >= 1 and brake > 0.5 and throttle < 0.05:
            self.reverse_hold_s += dt
            new_gear = -1 if self.reverse_hold_s >= AUTO_REVERSE_HOLD_S else 1
        else:
            self.reverse_hold_s = 0.0
            if self.shift_timer_s > 0.0 or self.since_shift_s < AUTO_SHIFT_INTERVAL_S:
                return
            # Like a real automatic it schedules on road speed, so wheelspin does not make it hunt.
            wheel_rpm = rolling / self._wheel_r * self._final * RAD_S_TO_RPM
            rpm = wheel_rpm * self._ratios[gear - 1] if gear >= 1 else 0.0
            new_gear = auto_gear(gear, rpm, throttle, self._ratios, self._shift_up, self._shift_down)
        if new_gear != gear:
            self.gear = new_gear
            self.reverse_hold_s = 0.0
            self.shift_timer_s = self._shift_time
            self.since_shift_s = 0.0
            self.shifted = True
