"""The field on the road during one race: far cars by their pace, near ones as bodies (docs/design.md §9).

Every entrant on the stage is either far or near. A far car has no body: its position is a pure function of the
race time, read from its pace table (`game.sim.field_pace`), so thousands of ticks of it cost nothing. Within
NEAR_M of the player along the road it becomes a body in the player's pymunk space, where it collides with the
player, the barriers and the other near cars; a driver (`game.sim.field_driver`) works it each tick. Beyond FAR_M
it drops its body again and goes on by its pace from where it was, which keeps every delay it suffered.

Everything is iterated in start-number order and decided from the track, the entrant, the tick and the state:
no clock, no frame rate, no unordered iteration; the state hash covers every value that carries into the next tick.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
import struct
import weakref
from dataclasses import dataclass
from functools import cache
from typing import Any

import pymunk

from game.sim import TICK_S, chipmunk
from game.sim.cars import CarSpec, load_car_model
from game.sim.events import OvertakenBy, Overtook, RaceEvent
from game.sim.field import Entrant, Field, load_field
from game.sim.field_driver import DECIDE_TICKS, Traffic, drive_rival, grip_steps
from game.sim.field_pace import PaceTable, model_plan, pace_table
from game.sim.field_placement import place_field
from game.sim.field_types import FieldOutcome, Standing
from game.sim.field_view import MAX_CLOSING_MS, FarCar, FarField, FieldView, NearReading
from game.sim.geometry import TrackGeometry
from game.sim.track import Track
from game.sim.world import CAR_COLLISION_TYPE

NEAR_M = 70.0
"""Along-road distance from the player inside which a car of the field becomes a body."""

FAR_M = 100.0
"""Beyond this a body goes back to its pace (the gap to NEAR_M keeps a car from switching every tick)."""

SPAWN_CLEAR_M = 7.0
"""A car taking its body never appears nearer than this to another body's centre: it waits on its pace line."""

PASS_MARGIN_M = 3.0
"""A car counts as ahead of or behind the player once its centre is this far past the player's along the road."""

FIELD_ELASTICITY = 0.25
FIELD_FRICTION = 0.7
CORNER_RADIUS_M = 0.08

PLAYER_DRIVER = "You"

_NUMBERS = 10_000
"""Start numbers are start times, hhmm (`game.sim.field`), all below this: a far car's next check is queued as one
int, tick * _NUMBERS + number."""

_FIELD_STATE = struct.Struct("<6d2q?")
_RIVAL_STATE = struct.Struct("<q11d6q?")

_get_position = chipmunk.get_position
_get_velocity = chipmunk.get_velocity
_get_angle = chipmunk.get_angle
_X = chipmunk.X
_Y = chipmunk.Y
_VX = chipmunk.VX
_VY = chipmunk.VY


@cache
def _model(model_id: str) -> CarSpec:
    return load_car_model(model_id)


@cache
def _grip_steps(model_id: str) -> dict[str, float]:
    return grip_steps(_model(model_id))


@cache
def shipped_field() -> Field:
    """The 1955 field (read once per process: it never changes while the game runs)."""
    return load_field()


class Rival:
    """One entrant on this stage (mutable, owned by `FieldSim`)."""

    __slots__ = (
        "body",
        "clock_at_go",
        "doubles",
        "entrant",
        "far",
        "finish_tau",
        "give_way",
        "grip_steps",
        "handle",
        "heading",
        "held",
        "hint",
        "lane",
        "lat",
        "load",
        "next_check",
        "number",
        "offset",
        "passing",
        "pressure",
        "s",
        "shape",
        "side",
        "slip",
        "spec",
        "speed",
        "stuck",
        "surface",
        "t_finish",
        "t_start",
        "table",
        "vx",
        "vy",
        "x",
        "y",
    )

    def __init__(
        self,
        entrant: Entrant,
        spec: CarSpec,
        table: PaceTable,
        clock_at_go: float,
        t_start: float,
        finish_s: float,
    ) -> None:
        self.entrant = entrant
        self.number: int = entrant.number
        self.spec = spec
        self.grip_steps = _grip_steps(spec.id)
        self.table = table
        self.clock_at_go = clock_at_go
        self.t_start = t_start
        self.t_finish = table.time_at(finish_s)
        self.offset = t_start + clock_at_go
        """Its own pace time minus the race time while it is far: its pace position is s_at(tau + offset)."""
        self.finish_tau: float | None = None
        self.far: FarCar | None = None
        """The car as a view reads it without a body, until its offset or its finish changes (`FieldSim.view`)."""
        self.body: pymunk.Body | None = None
        self.handle: Any = None
        """`body._body`, Chipmunk's own handle of the body, read and set through `game.sim.chipmunk`."""
        self.doubles: memoryview | None = None
        """The body's own memory (`game.sim.chipmunk.body_doubles`): its driver reads and sets its motion there."""
        self.shape: pymunk.Shape | None = None
        self.hint = 0
        self.next_check = 0
        self.side = 0
        self.s = 0.0
        self.lat = 0.0
        self.x = self.y = self.heading = 0.0
        self.vx = self.vy = self.speed = 0.0
        self.lane = base_lane(entrant.profile.give_way)
        self.give_way = False
        self.passing = 0
        self.pressure = 0
        self.stuck = 0
        self.held = 0
        self.slip = 0.0
        self.load = 0.0
        self.surface = "asphalt"


def base_lane(give_way: float) -> float:
    """Share of the road's half width right of the centre a car keeps to: the readier to give way, the further."""
    return -(0.2 + 0.4 * give_way)


@dataclass(frozen=True, slots=True)
class _Through:
    """An entrant already past the finish at GO: it is only a time in the standings."""

    number: int
    time_s: float


class FieldSim:
    """The field of one race on one open stage, in the player's space."""

    def __init__(
        self,
        track: Track,
        geometry: TrackGeometry,
        space: pymunk.Space,
        car_number: int,
        player_model: CarSpec,
        start_s: float,
        finish_s: float,
        field: Field | None = None,
    ) -> None:
        self.track = track
        self.geometry = geometry
        self.space = space
        self.field = field if field is not None else shipped_field()
        self.car_number = car_number
        self.player_model_id = player_model.id
        self.start_s = start_s
        self.finish_s = finish_s
        self.rivals: list[Rival] = []
        self.through: list[_Through] = []
        self.passed: list[int] = []
        self.passed_by: list[int] = []
        self.tau = 0.0
        self.player_s = start_s
        self.player_speed = 0.0
        for placement in place_field(self.field, car_number):
            entrant = placement.entrant
            spec = _model(entrant.model_id)
            profile = entrant.profile
            table = pace_table(
                model_plan(track, geometry, spec), entrant.number, profile.pace, profile.consistency
            )
            t_start = table.time_at(start_s)
            stage_s = table.time_at(finish_s) - t_start
            if placement.clock_at_go_s >= stage_s:
                self.through.append(_Through(entrant.number, stage_s))
            else:
                self.rivals.append(Rival(entrant, spec, table, placement.clock_at_go_s, t_start, finish_s))
        self.rivals.sort(key=lambda rival: rival.number)
        if self.rivals and not 0 <= self.rivals[0].number <= self.rivals[-1].number < _NUMBERS:
            raise ValueError(f"start numbers must lie in [0, {_NUMBERS})")
        self._by_number = {r.number: r for r in self.rivals}
        self.near: list[Rival] = []
        """The rivals with a body, by number."""
        self._deciding: tuple[tuple[Rival, ...], ...] = ((),) * DECIDE_TICKS
        """The near rivals whose driver decides at a tick t, at index -t % DECIDE_TICKS, by number."""
        self._due: list[int] = [r.number for r in self.rivals]  # all at tick 0, by number: a heap already
        """When to look next at every far rival still to finish, by (tick, number) as tick * _NUMBERS + number: a heap
        of ints, whose comparisons cost a fraction of a tuple's (a dozen far cars near the switch are looked at
        every few ticks)."""
        self._unread: weakref.ref[FieldView] | None = None
        """The latest view, until it has read its bodies or the next tick has them read (`_settle`)."""
        self._far: FarField | None = None
        """The far cars as snapshots read them; None when one has changed since (made again on the next view)."""
        self._blocker: pymunk.Body | None = None
        """The body in the way of the last car refused a body (`_clear`), while it is in the space."""

    # The tick --------------------------------------------------------------------------------------------------

    def before_physics(
        self,
        tick: int,
        tau: float,
        player_s: float,
        player_lat: float,
        player_speed: float,
        events: list[RaceEvent],
    ) -> None:
        """Switch cars between far and near and set every body's controls for the space step that follows."""
        if self._unread is not None:
            self._settle()
        self.tau = tau
        self.player_s = player_s
        self.player_speed = player_speed
        near = self.near
        for r in near:  # most ticks drop none: look before copying the list to drop from it
            if abs(r.s - player_s) > FAR_M:
                for far in tuple(near):
                    if abs(far.s - player_s) > FAR_M:
                        self._drop_body(far, tau)
                        self._check_at(far, tick + 1)
                break
        due = self._due
        due_by = (tick + 1) * _NUMBERS  # above every key of this tick and the ones before it
        while due and due[0] < due_by:
            r = self._by_number[heapq.heappop(due) % _NUMBERS]
            own = tau + r.offset
            if own >= r.t_finish:
                r.finish_tau = r.t_finish - r.offset
                r.far = None
                self._far = None
                continue
            s = r.table.s_at(own) if own > r.t_start else self.start_s
            gap = abs(s - player_s)
            if gap >= NEAR_M:
                self._check_at(r, tick + max(1, int((gap - NEAR_M) / (MAX_CLOSING_MS * TICK_S))))
            elif own < r.t_start or not self._take_body(r, s):
                self._check_at(r, tick + 1)
        deciding = self._deciding[-tick % DECIDE_TICKS]  # (tick + number) % DECIDE_TICKS == 0
        if not deciding:
            return
        # A body coasts between its driver's decisions (pymunk keeps its velocity and resolves its collisions):
        # each decides every DECIDE_TICKS ticks, in turn by number, from where its body is now.
        geometry = self.geometry
        finish = self.finish_s
        for r in deciding:
            doubles = r.doubles
            r.x = x = doubles[_X]
            r.y = y = doubles[_Y]
            r.vx = vx = doubles[_VX]
            r.vy = vy = doubles[_VY]
            r.speed = speed = math.sqrt(vx * vx + vy * vy)
            s, r.lat, r.hint, r.surface = geometry.place_on_road(x, y, r.hint)
            r.s = s
            if s >= finish:
                r.finish_tau = tau - (s - finish) / max(speed, 1.0)
                r.far = None
                self._remove_body(r)
                continue
            d = s - player_s
            if d > PASS_MARGIN_M:
                if r.side < 0:
                    events.append(OvertakenBy(tick, r.number))
                    _move(self.passed, self.passed_by, r.number)
                r.side = 1
            elif d < -PASS_MARGIN_M:
                if r.side > 0:
                    events.append(Overtook(tick, r.number))
                    _move(self.passed_by, self.passed, r.number)
                r.side = -1
        traffic: list[Traffic] = [(0, player_s, player_lat, player_speed)]
        traffic += [(r.number, r.s, r.lat, r.speed) for r in near]
        for r in deciding:
            if r.body is not None:
                drive_rival(self, r, traffic, tick)

    # Bodies -----------------------------------------------------------------------------------------------------

    def _take_body(self, r: Rival, s: float) -> bool:
        """Give `r` a body at its pace position and speed, unless another body is too near there."""
        x, y, heading = self.geometry.lane_point(s, r.lane)
        if not self._clear(x, y):
            return False
        ch = r.spec.chassis
        body = pymunk.Body(ch.mass_kg, math.inf)  # its driver sets its heading: a knock never spins it
        shape = pymunk.Poly.create_box(body, (ch.length_m, ch.width_m), CORNER_RADIUS_M)
        shape.elasticity = FIELD_ELASTICITY
        shape.friction = FIELD_FRICTION
        shape.collision_type = CAR_COLLISION_TYPE
        speed = r.table.speed_at(s)
        body.position = (x, y)
        body.angle = heading
        body.velocity = (speed * math.cos(heading), speed * math.sin(heading))
        self.space.add(body, shape)
        r.body, r.shape = body, shape
        r.handle = body._body
        r.doubles = chipmunk.body_doubles(body._body)
        self._far = None
        bisect.insort(self.near, r, key=lambda rival: rival.number)
        self._deciding = _by_decision_tick(self.near)
        r.x, r.y, r.heading = x, y, heading
        r.vx, r.vy = body.velocity
        r.speed = speed
        r.s = s
        r.hint = self.geometry.segment_at(s)
        r.stuck = 0
        r.held = 0
        r.passing = 0
        r.pressure = 0
        r.give_way = False
        d = s - self.player_s
        r.side = 1 if d > 0 else -1
        return True

    def recover(self, r: Rival, behind_m: float) -> None:
        """Put a stuck body back on its line `behind_m` behind, at rest, if nothing is there (else try next tick)."""
        body = r.body
        assert body is not None
        s = max(self.start_s, r.s - behind_m)
        x, y, heading = self.geometry.lane_point(s, r.lane)
        if not self._clear(x, y, body):
            return
        body.position = (x, y)
        body.angle = heading
        body.velocity = (0.0, 0.0)
        body.angular_velocity = 0.0
        self.space.reindex_shapes_for_body(body)
        r.x, r.y, r.heading = x, y, heading
        r.vx = r.vy = r.speed = 0.0
        r.s = s
        r.hint = self.geometry.segment_at(s)
        r.stuck = 0

    def _clear(self, x: float, y: float, own: pymunk.Body | None = None) -> bool:
        """No other body's centre within SPAWN_CLEAR_M of (x, y).

        The body found in the way last time is looked at first: a car waiting for its place is kept waiting by
        the same body for hundreds of ticks, tried every tick, and the answer does not depend on the order."""
        clear2 = SPAWN_CLEAR_M * SPAWN_CLEAR_M
        blocker = self._blocker
        if blocker is not None and blocker is not own:
            position = _get_position(blocker._body)  # `blocker.position`'s doubles, without the Vec2d
            if (position.x - x) ** 2 + (position.y - y) ** 2 < clear2:
                return False
        for other in self.space.bodies:
            if other is own or other is blocker:
                continue
            position = _get_position(other._body)
            if (position.x - x) ** 2 + (position.y - y) ** 2 < clear2:
                self._blocker = other
                return False
        return True

    def _check_at(self, r: Rival, tick: int) -> None:
        r.next_check = tick
        heapq.heappush(self._due, tick * _NUMBERS + r.number)

    def _drop_body(self, r: Rival, tau: float) -> None:
        """Back to its pace from where it is: it keeps the time it lost (or gained) as a body."""
        r.offset = r.table.time_at(r.s) - tau
        r.far = None
        self._remove_body(r)

    def _remove_body(self, r: Rival) -> None:
        if r.body is not None:
            if r.body is self._blocker:
                self._blocker = None
            self.space.remove(r.body, r.shape)
            self.near.remove(r)
            self._deciding = _by_decision_tick(self.near)
            self._far = None
        r.body = r.shape = r.handle = r.doubles = None
        r.speed = 0.0
        r.side = 0

    # Reading -----------------------------------------------------------------------------------------------------

    def view(self, tick: int) -> FieldView:
        """The cars in sight at the end of this tick: bodies and far cars worked out when the view is read (the
        bodies at the latest before the next tick moves them)."""
        if self._unread is not None:
            self._settle()
        far = self._far
        if far is None:  # a car took or left its body, or finished: the others' records are as they were
            cars: list[FarCar] = []
            for r in self.rivals:
                if r.body is None:
                    car = r.far
                    if car is None:
                        car = r.far = FarCar(
                            r.number,
                            r.spec.id,
                            r.table,
                            r.offset,
                            r.t_start,
                            r.finish_tau is not None,
                            r.lane,
                        )
                    cars.append(car)
            far = self._far = FarField(self.geometry, self.finish_s, tuple(cars))
        bodies = self if self.near else None
        view = FieldView(tick, self.tau, self.player_s, bodies, far)
        if bodies is not None:
            self._unread = weakref.ref(view)
        return view

    def readings(self) -> list[NearReading]:
        """The bodies as they stand now, for a view (`FieldView.read_bodies`)."""
        return [
            (
                r.number,
                r.spec.id,
                _get_position(r.handle),  # Chipmunk's own getters: game.sim.chipmunk
                _get_velocity(r.handle),
                _get_angle(r.handle),
                r.slip,
                r.surface,
                r.load,
            )
            for r in self.near
        ]

    def _settle(self) -> None:
        """Have the latest view read its bodies before they move (if anyone still keeps it, and it has not)."""
        unread = self._unread
        if unread is not None:
            self._unread = None
            view = unread()
            if view is not None:
                view.read_bodies()

    def outcome(self, player_time_ms: int | None) -> FieldOutcome:
        """Standings: every entrant's stage time (done, or predicted from its pace), the player's if finished."""
        rows: list[tuple[int, int, bool]] = [
            (round(t.time_s * 1000.0), t.number, False) for t in self.through
        ]
        tau = self.tau
        for r in self.rivals:
            if r.finish_tau is not None:
                finish_tau = r.finish_tau
            elif r.body is not None:
                finish_tau = tau + r.table.time_at(self.finish_s) - r.table.time_at(r.s)
            else:
                finish_tau = r.table.time_at(self.finish_s) - r.offset
            rows.append((round((finish_tau + r.clock_at_go) * 1000.0), r.number, False))
        if player_time_ms is not None:
            rows.append((player_time_ms, self.car_number, True))
        rows.sort(key=lambda row: (row[0], row[1]))
        field = self.field
        player_class = player_class_id(field, self.player_model_id)
        class_counts: dict[str, int] = {}
        standings: list[Standing] = []
        for position, (time_ms, number, player) in enumerate(rows, start=1):
            entrant = None if player else field.entrant(number)
            class_id = player_class if entrant is None else entrant.class_id
            class_counts[class_id] = class_counts.get(class_id, 0) + 1
            standings.append(
                Standing(
                    number=number,
                    driver=PLAYER_DRIVER if entrant is None else entrant.driver,
                    model_id=self.player_model_id if entrant is None else entrant.model_id,
                    class_id=class_id,
                    time_ms=time_ms,
                    position=position,
                    class_position=class_counts[class_id],
                    player=player,
                )
            )
        return FieldOutcome(tuple(standings), tuple(self.passed), tuple(self.passed_by))

    def state_bytes(self) -> bytes:
        """Every value of the field that carries into the next tick, exactly."""
        parts = [
            _FIELD_STATE.pack(
                self.tau,
                self.player_s,
                self.player_speed,
                0.0,
                0.0,
                0.0,
                len(self.passed),
                len(self.passed_by),
                True,
            ),
            struct.pack(f"<{len(self.passed)}q", *self.passed),
            struct.pack(f"<{len(self.passed_by)}q", *self.passed_by),
        ]
        for r in self.rivals:
            body = r.body
            if body is not None:
                bx, by = body.position
                bvx, bvy = body.velocity
                angle, spin = body.angle, body.angular_velocity
            else:
                bx = by = bvx = bvy = angle = spin = 0.0
            parts.append(
                _RIVAL_STATE.pack(
                    r.number,
                    r.offset,
                    -1.0 if r.finish_tau is None else r.finish_tau,
                    r.s,
                    r.lane,
                    r.speed,
                    bx,
                    by,
                    bvx,
                    bvy,
                    angle,
                    spin,
                    r.next_check,
                    r.side,
                    r.passing,
                    r.stuck,
                    r.held,
                    r.pressure,
                    r.give_way,
                )
            )
        return hashlib.sha256(b"".join(parts)).digest()


def _by_decision_tick(near: list[Rival]) -> tuple[tuple[Rival, ...], ...]:
    """The near rivals grouped by the ticks their drivers decide at: group k decides when -tick % DECIDE_TICKS is k."""
    return tuple(tuple(r for r in near if r.number % DECIDE_TICKS == k) for k in range(DECIDE_TICKS))


def _move(source: list[int], target: list[int], number: int) -> None:
    """A car changes sides: out of one list (if there) and to the end of the other."""
    if number in source:
        source.remove(number)
    if number in target:
        target.remove(number)
    target.append(number)


def player_class_id(field: Field, model_id: str) -> str:
    """The player's class: the one the field runs the player's model in most often (ties: the class listed last)."""
    counts: dict[str, int] = {}
    for entrant in field.entrants:
        if entrant.model_id == model_id:
            counts[entrant.class_id] = counts.get(entrant.class_id, 0) + 1
    order = [c.id for c in field.classes]
    if counts:
        return max(counts, key=lambda class_id: (counts[class_id], order.index(class_id)))
    return order[-1]
