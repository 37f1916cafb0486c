"""The driver of a near car of the field: its line, its speed, traffic, passing and giving way (docs/design.md §9).

Each tick, for each body, in number order: aim at a point on its line (a lane across the road, kept as a share of
the half width) a speed-dependent distance ahead, at the speed its pace table plans a little further on; slow
behind a slower car in its lane; when held up on a road that stays fast for a while (a straight), move to the
other side of the road to pass (the more aggressive, the sooner); and pull to the right and ease off for a faster
car close behind when its profile gives way to that car. The chosen velocity is reached within what the tyres
hold: the change of velocity in a tick is bounded by the friction of its tyres on the surface under it (a friction
circle, the tyre model's grip limit) and, speeding up, by its engine's power. Collisions are pymunk's: the body is
pushed, and the next ticks steer it back to its line. Whether a driver gives way to a car, and how long it waits
before trying a pass, come from a hash of the numbers involved, never from a random generator.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from game.sim import TICK_S, chipmunk
from game.sim.field_pace import PACE_STEP_M, wander
from game.sim.surfaces import SURFACE_BY_NAME
from game.sim.tyres import GRAVITY_MS2

_set_angle = chipmunk.set_angle
_VX = chipmunk.VX
_VY = chipmunk.VY

DECIDE_TICKS = 4
"""The driver decides every this many ticks; in between the body coasts (`game.sim.field_sim`)."""

if TYPE_CHECKING:
    from game.sim.cars import CarSpec
    from game.sim.field_sim import FieldSim, Rival

GRIP_USE = 0.9
"""Share of the tyres' friction a car of the field uses to change its velocity."""

LOOK_BASE_M = 5.0
LOOK_PER_MS = 0.4
"""Steering aims this far along its line: base plus so much per m/s."""

SPEED_LOOK_S = 0.4
"""The target speed is read this far ahead in time (brakes act with a lag)."""

HEADWAY_S = 0.8
FOLLOW_MIN_M = 7.0
FOLLOW_GAIN_PER_S = 0.5
"""A car closes on the one ahead in its lane to 7 m plus 0.8 s at its speed, then follows at its speed, 0.5 m/s
slower or faster per metre it is too near or too far."""

PRESSURE_TICKS = 1000 // DECIDE_TICKS
"""Ticks with a car close behind after which even the least willing driver (give way 0) lets it by."""

LANE_WIDTH_M = 2.4
"""Two cars whose centres are closer than this across the road are in the same lane."""

PASS_SIDE = 0.6
"""Share of the half width to the side a passing car moves to."""

PASS_STRAIGHT_M = 120.0
PASS_STRAIGHT_SHARE = 0.9
"""A pass is tried only where the planned speed 120 m on is still 90 % of the speed here: a straight."""

PATIENCE_TICKS = 150 // DECIDE_TICKS
"""Ticks held up before a driver of aggression 0 tries a pass (aggression 1 tries at once)."""

PASS_TICKS = 400 // DECIDE_TICKS
"""How long a pass is held before the driver goes back to its own lane."""

GIVE_WAY_BEHIND_M = 35.0
GIVE_WAY_KEEPING_UP_MS = 2.0
GIVE_WAY_EASE = 0.95
"""A car within 35 m behind that keeps up (no more than 2 m/s slower): the driver may pull over and ease to 95 %."""

ALONGSIDE_M = 7.0
CLOSING_LOOK_S = 2.5
"""A car within 7 m along the road, or behind and closing within 2.5 s, is alongside: nobody moves over into it."""

EDGE_MARGIN_M = 1.2
"""Room between the centre of a car of the field and the road's edge."""

STUCK_SPEED_MS = 1.0
STUCK_TICKS = 300 // DECIDE_TICKS
RECOVER_BEHIND_M = 8.0
"""Slower than walking pace for three seconds while it wants to go: put back on its line 8 m behind."""


Traffic = tuple[int, float, float, float]
"""A body on the road as the drivers see it this tick: number (0 for the player), arc length, lateral, speed (a
plain tuple: one is made for every near car every time one decides)."""


@cache
def give_way_wanted(give_way: float, number: int, other: int) -> bool:
    """Whether this driver gives way to that car: the same answer every time, as often as its profile says."""
    return wander(number, -1 - other) < give_way


def drive_rival(sim: FieldSim, r: Rival, traffic: list[Traffic], tick: int) -> None:
    """Set the body's velocity and heading for the coming step.

    Written for its cost (a dozen cars decide every DECIDE_TICKS ticks): every expression is the one the rules
    say, in the same order (`min`/`max` spelled as the comparisons they make, which give the same doubles), and
    the road is read from the segment the car's projection found (`TrackGeometry.half_width_on`,
    `point_ahead`) instead of searched.
    """
    geometry = sim.geometry
    table = r.table
    speeds = table.speed_ms
    number = r.number
    s = r.s
    lat = r.lat
    speed = r.speed
    segment = r.hint  # the segment its projection found this decision: `s` lies on it
    half = geometry.half_width_on(s, segment)
    room = half - EDGE_MARGIN_M
    if not room > 0.0:
        room = 0.0

    look = s + speed * SPEED_LOOK_S  # table.speed_at, written out
    i = int(look / PACE_STEP_M) if look > 0.0 else 0
    target = planned = speeds[i if i < len(speeds) else -1]
    lane = r.lane * half

    # Traffic: the nearest car ahead in the lane, and the nearest faster car behind; and the cars alongside, or
    # behind and closing, that the driver must not move across into (their side of it, in traffic order).
    ahead = False
    ahead_ds = ahead_lat = ahead_speed = behind_ds = 0.0
    behind: int | None = None  # its number
    keeping_up = speed - GIVE_WAY_KEEPING_UP_MS
    alongside: list[float] = []
    for other_number, other_s, other_lat, other_speed in traffic:
        ds = other_s - s
        if ds < ALONGSIDE_M:  # its own row is here (ds 0): the nearest cars, and every one behind
            if other_number == number:
                continue
            if ds > 0.0 and abs(other_lat - lat) < LANE_WIDTH_M:
                if not ahead or ds < ahead_ds:
                    ahead = True
                    ahead_ds, ahead_lat, ahead_speed = ds, other_lat, other_speed
            elif (
                -GIVE_WAY_BEHIND_M < ds < 0.0
                and other_speed > keeping_up
                and (behind is None or ds > behind_ds)
            ):
                behind = other_number
                behind_ds = ds
            closing = other_speed - speed
            if not closing > 0.0:
                closing = 0.0
            if -ALONGSIDE_M - CLOSING_LOOK_S * closing < ds:
                alongside.append(other_lat - lat)
        elif ds < 80.0 and abs(other_lat - lat) < LANE_WIDTH_M and (not ahead or ds < ahead_ds):
            ahead = True
            ahead_ds, ahead_lat, ahead_speed = ds, other_lat, other_speed

    if r.passing > 0:
        r.passing -= 1
    if ahead:
        gap = ahead_ds
        if gap < FOLLOW_MIN_M + HEADWAY_S * speed and ahead_speed < target:
            straight = table.speed_at(s + PASS_STRAIGHT_M) >= PASS_STRAIGHT_SHARE * table.speed_at(s)
            if r.passing == 0:
                r.held += 1
            if (
                straight
                and r.passing == 0
                and r.held >= PATIENCE_TICKS * (1.0 - r.entrant.profile.aggression)
            ):
                r.passing = PASS_TICKS
                r.held = 0
            if r.passing == 0:
                follow = ahead_speed + FOLLOW_GAIN_PER_S * (gap - FOLLOW_MIN_M - HEADWAY_S * speed)
                if not follow > 0.0:
                    follow = 0.0
                if follow < target:
                    target = follow
    if r.passing > 0:
        lane = room * PASS_SIDE if (not ahead or ahead_lat <= 0.0) else -room * PASS_SIDE
    if behind is None:
        pressure = r.pressure - 2
        r.pressure = pressure if pressure > 0 else 0
        r.give_way = False
    else:
        r.pressure += 1
        give_way = r.entrant.profile.give_way
        r.give_way = give_way_wanted(give_way, number, behind) or r.pressure >= PRESSURE_TICKS * (
            1.0 - give_way
        )
    if r.give_way and r.passing == 0:
        lane = -room
        target *= GIVE_WAY_EASE
    if not lane < room:
        lane = room
    if not lane > -room:
        lane = -room
    # Never move across into a car alongside, or one coming up fast in the lane it would move to.
    for side in alongside:
        if abs(side) < LANE_WIDTH_M + 1.0 and (lane - lat) * side > 0.0:
            lane = lat
            break

    # Where to aim, and the velocity that gets there at the target speed.
    x, y = r.x, r.y
    px, py, heading = geometry.point_ahead(s + LOOK_BASE_M + LOOK_PER_MS * speed, segment)
    tx = px - math.sin(heading) * lane - x
    ty = py + math.cos(heading) * lane - y
    dist = math.sqrt(tx * tx + ty * ty)
    if dist < 1e-6:
        tx, ty, dist = math.cos(heading), math.sin(heading), 1.0
    wx = target * tx / dist
    wy = target * ty / dist
    vx = r.vx
    vy = r.vy
    dvx = wx - vx
    dvy = wy - vy
    most = r.grip_steps[r.surface]  # under it now: found with its place on the road this decision
    change = math.sqrt(dvx * dvx + dvy * dvy)
    if change > most:
        k = most / change
        dvx *= k
        dvy *= k
    r.slip = change / most if most > 0.0 else 0.0
    r.load = 1.0 if target > speed + 0.5 else 0.1
    vx += dvx
    vy += dvy
    doubles = r.doubles  # the body's own memory, and Chipmunk's own setter for the angle: game.sim.chipmunk
    doubles[_VX] = vx
    doubles[_VY] = vy
    if vx * vx + vy * vy > 0.25:
        _set_angle(r.handle, math.atan2(vy, vx))

    # A car that does not move while it wants to goes back on its line a little behind (as the player's recovery).
    if speed < STUCK_SPEED_MS and planned > 5.0:
        r.stuck += 1
        if r.stuck >= STUCK_TICKS:
            sim.recover(r, RECOVER_BEHIND_M)
    else:
        r.stuck = 0


def grip_steps(spec: CarSpec) -> dict[str, float]:
    """The most a decision may change this model's velocity by on each surface: its tyres' friction circle over
    DECIDE_TICKS ticks (the same for every decision on that surface, so worked out once per model)."""
    mu = min(spec.tyres.front.mu, spec.tyres.rear.mu)
    return {
        name: GRIP_USE * (surface.grip * mu) * GRAVITY_MS2 * TICK_S * DECIDE_TICKS
        for name, surface in SURFACE_BY_NAME.items()
    }
