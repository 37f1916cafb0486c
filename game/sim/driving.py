"""One car driving on one track: the pymunk glue between `CarModel`'s forces and the static world.

Each 10 ms tick: look up the surface under each axle, ask the car for its forces, turn them into a change of
the body's velocity, let pymunk move the body and resolve collisions, read the body back, hand out a
`CarSnapshot`. The body is read once and written once a tick (pymunk calls are the expensive part).
"""

from __future__ import annotations

import hashlib
import math
import struct

import pymunk

from game.sim import TICK_S, chipmunk
from game.sim.car import CarModel, Transmission
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.snapshot import CarSnapshot, make_car_snapshot
from game.sim.surfaces import SURFACE_BY_NAME
from game.sim.track import Track
from game.sim.tyres import GRAVITY_MS2
from game.sim.world import CAR_COLLISION_TYPE, World, build_world

CAR_ELASTICITY = 0.25
CAR_FRICTION = 0.7
CAR_CORNER_RADIUS_M = 0.08

START_BACKOFF_M = 6.0
"""A new simulation places the car this far behind the start line, on the centre line, facing down the road."""

EXCITATION_CORNERING = 1.0
"""Motion excitation per g of horizontal acceleration the body feels (cornering, braking, accelerating)."""

EXCITATION_ROUGHNESS = 0.6
"""Motion excitation of a surface of roughness 1 at speed (cobbles and gravel shake the rotor)."""

EXCITATION_ROUGH_SPEED_MS = 15.0
"""Speed at which a rough surface shakes the car fully; slower, proportionally less."""

EXCITATION_IMPACT_MS = 5.0
"""A collision worth this change of speed saturates the excitation."""

_BODY = struct.Struct("<8dq")

# The body is read, and its velocity and spin stored, as doubles in its own memory, and the space stepped by
# Chipmunk's own function (`game.sim.chipmunk`): pymunk's wrappers were a fifth of a tick's time, its getters a
# foreign call each.
_space_step = chipmunk.space_step
_X = chipmunk.X
_Y = chipmunk.Y
_VX = chipmunk.VX
_VY = chipmunk.VY
_ANGLE = chipmunk.ANGLE
_SPIN = chipmunk.SPIN


class DrivingSim:
    """A car on a track, stepped one tick at a time by the race engine.

    Build a new one for every run (the Space inside is never reused). `gearbox` is "auto" or "manual".
    """

    def __init__(
        self, track: Track, geometry: TrackGeometry, spec: CarSpec, gearbox: Transmission = "auto"
    ) -> None:
        self.track = track
        self.geometry = geometry
        self.spec = spec
        self.world: World = build_world(track)
        self._car = CarModel(spec, gearbox)
        ch = spec.chassis
        self._mass = ch.mass_kg
        self._inertia = ch.yaw_inertia_kgm2
        self._to_front = ch.cg_to_front_m
        self._to_rear = ch.cg_to_rear_m
        body = pymunk.Body(ch.mass_kg, ch.yaw_inertia_kgm2)
        shape = pymunk.Poly.create_box(body, (ch.length_m, ch.width_m), CAR_CORNER_RADIUS_M)
        shape.elasticity = CAR_ELASTICITY
        shape.friction = CAR_FRICTION
        shape.collision_type = CAR_COLLISION_TYPE
        self.world.space.add(body, shape)
        self._body = body
        self._doubles = chipmunk.body_doubles(body._body)
        """The body's position, velocity, angle and spin, read without a foreign call (`game.sim.chipmunk`)."""
        self._cp_space = self.world.space._space
        self._impulse = 0.0
        self.segment_hint = 0
        """Segment of the track found by the last surface lookup: a hint for the race's own projections (a plain
        attribute, as `motion_excitation`: the race reads both every tick, and a property is a call)."""
        self._x = self._y = self._heading = 0.0
        self._vx = self._vy = self._yaw_rate = 0.0
        self.motion_excitation = 0.0
        """How hard this tick swung the watch's self-winding rotor, 0 (smooth cruising) to about 1
        (docs/design.md §4)."""
        x, y, heading = geometry.point_at(_start_s(track) - START_BACKOFF_M)
        self.place(x, y, heading)

    # ---------------------------------------------------------------------------------------------- control

    def place(self, x_m: float, y_m: float, heading_rad: float, speed_ms: float = 0.0) -> None:
        """Put the car at (x, y) facing `heading_rad`: a start or a recovery (at rest), or a rolling start
        at `speed_ms` straight ahead in the gear the automatic would choose (proving grounds, attract mode)."""
        body = self._body
        vx = speed_ms * math.cos(heading_rad)
        vy = speed_ms * math.sin(heading_rad)
        body.position = (x_m, y_m)
        body.angle = heading_rad
        body.velocity = (vx, vy)
        body.angular_velocity = 0.0
        self.world.space.reindex_shapes_for_body(body)
        self._car.reset(speed_ms)
        self._x, self._y, self._heading = x_m, y_m, heading_rad
        self._vx, self._vy = body.velocity
        self._yaw_rate = 0.0
        self._impulse = 0.0
        self.motion_excitation = 0.0
        self.segment_hint = self.geometry.project(x_m, y_m).segment
        sf, sr = self._surfaces(math.cos(heading_rad), math.sin(heading_rad))
        self.snapshot = self._make_snapshot(sf, sr, 0.0, 0.0, 0.0, False)

    def step(
        self,
        steer: float,
        throttle: float,
        brake: float,
        handbrake: bool,
        shift_up: bool,
        shift_down: bool,
    ) -> CarSnapshot:
        """Advance one tick with these controls (steer in [-1, 1], negative left; pedals in [0, 1])."""
        dt = TICK_S
        heading = self._heading
        ch = math.cos(heading)
        sh = math.sin(heading)
        vx = self._vx
        vy = self._vy
        u = vx * ch + vy * sh
        v = vy * ch - vx * sh
        front_name, rear_name = self._surfaces(ch, sh)
        front = SURFACE_BY_NAME[front_name]
        rear = SURFACE_BY_NAME[rear_name]
        car = self._car
        fx, fy, torque = car.forces(
            u, v, self._yaw_rate, front, rear, steer, throttle, brake, handbrake, shift_up, shift_down
        )
        k = dt / self._mass
        vx += (fx * ch - fy * sh) * k
        vy += (fx * sh + fy * ch) * k
        doubles = self._doubles
        doubles[_VX] = vx
        doubles[_VY] = vy
        doubles[_SPIN] = self._yaw_rate + torque * dt / self._inertia
        _space_step(self._cp_space, dt)
        self._x = doubles[_X]
        self._y = doubles[_Y]
        self._heading = doubles[_ANGLE]
        # Nothing but collisions changes the body's velocity inside the step: that change is their impulse.
        new_vx = doubles[_VX]
        new_vy = doubles[_VY]
        dvx = new_vx - vx
        dvy = new_vy - vy
        mass = self._mass
        impulse = self._impulse = mass * math.sqrt(dvx * dvx + dvy * dvy)
        self._vx = new_vx
        self._vy = new_vy
        self._yaw_rate = doubles[_SPIN]

        felt_g = math.sqrt(car.accel_long_ms2**2 + car.accel_lat_ms2**2) / GRAVITY_MS2
        speed = math.sqrt(new_vx * new_vx + new_vy * new_vy)
        # Conditional expressions, not min(): the same values, without a builtin call each (a hot path).
        rough = speed / EXCITATION_ROUGH_SPEED_MS
        shake = 0.5 * (front.roughness + rear.roughness) * (rough if rough < 1.0 else 1.0)
        jolt = impulse / (mass * EXCITATION_IMPACT_MS)
        excitation = (
            EXCITATION_CORNERING * felt_g + EXCITATION_ROUGHNESS * shake + (jolt if jolt < 1.0 else 1.0)
        )
        self.motion_excitation = excitation if excitation < 1.5 else 1.5
        snap = self._make_snapshot(front_name, rear_name, throttle, brake, speed, handbrake)
        self.snapshot = snap
        return snap

    # ----------------------------------------------------------------------------------------------- reading

    def state_hash(self) -> str:
        """SHA-256 of the physical state, exactly: two runs that agree here agree from here on.

        The body as pymunk holds it (position, angle, velocities: the doubles themselves), the segment the
        surface lookups start from, the last tick's impulse and rotor excitation, and the car's own state
        (`CarModel.state_bytes`). Not hashed, because pymunk does not expose them: the contacts its Space
        remembers for a few steps and its spatial index; they can only differ after different histories that
        end in the very same body state.
        """
        body = self._body
        x, y = body.position
        vx, vy = body.velocity
        digest = hashlib.sha256(
            _BODY.pack(
                x,
                y,
                body.angle,
                vx,
                vy,
                body.angular_velocity,
                self._impulse,
                self.motion_excitation,
                self.segment_hint,
            )
        )
        digest.update(self._car.state_bytes())
        return digest.hexdigest()

    # -------------------------------------------------------------------------------------------- internals

    def _surfaces(self, ch: float, sh: float) -> tuple[str, str]:
        a = self._to_front
        b = self._to_rear
        x = self._x
        y = self._y
        front, rear, self.segment_hint = self.geometry.axle_surfaces(
            x + ch * a, y + sh * a, x - ch * b, y - sh * b, self.segment_hint
        )
        return front, rear

    def _make_snapshot(
        self, front: str, rear: str, throttle: float, brake: float, speed: float, handbrake: bool
    ) -> CarSnapshot:
        car = self._car
        return make_car_snapshot(
            self._x,
            self._y,
            self._heading,
            self._vx,
            self._vy,
            speed,
            self._yaw_rate,
            car.steer_angle_rad,
            car.rpm,
            car.gear,
            throttle,
            brake,
            handbrake,
            car.engine_load,
            car.slip_front,
            car.slip_rear,
            front,
            rear,
            self._impulse,
            car.shifted,
        )


def _start_s(track: Track) -> float:
    for line in track.timing_lines:
        if line.kind == "start":
            return line.s_m
    return 0.0
