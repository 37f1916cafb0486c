"""The static world a car collides with: barriers, solid scenery and an outer bound, as a fresh pymunk Space.

A Space is built anew for every run and never reused (docs/platform-notes.md: its contact caches would make a replay
differ). Gravity is zero: the view is from above. Barriers are segments with a real thickness and the outer
bound is a ring of very thick segments, so that even at the fastest car's top speed (about 0.8 m a tick) the
car's box can never step through a wall in one tick.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pymunk

from game.sim.track import Track

BARRIER_RADIUS_M = 0.35
"""Half the thickness of every barrier segment (walls, fences, hay bales): the renderer draws them this wide."""

BOUND_MARGIN_M = 120.0
"""How far beyond everything on the track the outer bound stands."""

BOUND_RADIUS_M = 20.0
"""Half the thickness of the outer bound's segments."""

COLLISION_SLOP_M = 0.02
"""Overlap pymunk tolerates between touching shapes (its default 0.1 m would let the car sink into walls)."""

WALL_ELASTICITY = 0.3

WALL_FRICTION = 0.1
"""A car's body slides along a barrier: a hit at an angle costs the speed into the wall and a little more,
and the car scrapes on. At 0.6 the friction impulse of a hit at 45° or more stopped the speed along the wall
too and the car stuck, pivoting on its nose (docs/design.md §11; tests/test_driving.py)."""

CAR_COLLISION_TYPE = 1
BARRIER_COLLISION_TYPE = 2
SCENERY_COLLISION_TYPE = 3
BOUND_COLLISION_TYPE = 4


@dataclass(frozen=True, slots=True)
class WorldBounds:
    """The inside of the outer bound: no part of the car's centre can ever be outside this box."""

    min_x_m: float
    min_y_m: float
    max_x_m: float
    max_y_m: float

    def contains(self, x_m: float, y_m: float) -> bool:
        return self.min_x_m <= x_m <= self.max_x_m and self.min_y_m <= y_m <= self.max_y_m


@dataclass(frozen=True, slots=True)
class World:
    """A freshly built space holding the track's static shapes; the car is added by `game.sim.driving`."""

    space: pymunk.Space
    bounds: WorldBounds
    barrier_shapes: int
    scenery_shapes: int


def build_world(track: Track) -> World:
    """A new Space with every barrier, every solid scenery item and the outer bound of `track`."""
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.sleep_time_threshold = (
        math.inf
    )  # no body ever sleeps: `game.sim.chipmunk` stores velocities directly
    space.collision_slop = COLLISION_SLOP_M
    static = space.static_body
    shapes: list[pymunk.Shape] = []

    barrier_count = 0
    for barrier in track.barriers:
        points = barrier.points
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if x0 == x1 and y0 == y1:
                continue
            shapes.append(
                _static(pymunk.Segment(static, (x0, y0), (x1, y1), BARRIER_RADIUS_M), BARRIER_COLLISION_TYPE)
            )
            barrier_count += 1

    scenery_count = 0
    for item in track.scenery:
        if not item.solid:
            continue
        if item.length_m > 0.0 and item.width_m > 0.0:
            shape: pymunk.Shape = pymunk.Poly(
                static, _box(item.x_m, item.y_m, item.length_m, item.width_m, item.angle_rad)
            )
        else:
            shape = pymunk.Circle(static, item.radius_m, (item.x_m, item.y_m))
        shapes.append(_static(shape, SCENERY_COLLISION_TYPE))
        scenery_count += 1

    bounds = _bounds(track)
    r = BOUND_RADIUS_M
    x0 = bounds.min_x_m - r
    y0 = bounds.min_y_m - r
    x1 = bounds.max_x_m + r
    y1 = bounds.max_y_m + r
    for a, b in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        shapes.append(_static(pymunk.Segment(static, a, b, r), BOUND_COLLISION_TYPE))

    space.add(*shapes)
    return World(space=space, bounds=bounds, barrier_shapes=barrier_count, scenery_shapes=scenery_count)


def _static(shape: pymunk.Shape, collision_type: int) -> pymunk.Shape:
    shape.elasticity = WALL_ELASTICITY
    shape.friction = WALL_FRICTION
    shape.collision_type = collision_type
    return shape


def _box(x: float, y: float, length: float, width: float, angle: float) -> list[tuple[float, float]]:
    """Corners of a `length` × `width` box centred on (x, y), its length along `angle`, counter-clockwise."""
    c = math.cos(angle)
    s = math.sin(angle)
    hl = 0.5 * length
    hw = 0.5 * width
    return [
        (x + c * px - s * py, y + s * px + c * py) for px, py in ((-hl, -hw), (hl, -hw), (hl, hw), (-hl, hw))
    ]


def _bounds(track: Track) -> WorldBounds:
    xs = [p[0] for p in track.centerline]
    ys = [p[1] for p in track.centerline]
    for barrier in track.barriers:
        xs.extend(p[0] for p in barrier.points)
        ys.extend(p[1] for p in barrier.points)
    for item in track.scenery:
        reach = max(item.radius_m, 0.5 * math.hypot(item.length_m, item.width_m))
        xs.extend((item.x_m - reach, item.x_m + reach))
        ys.extend((item.y_m - reach, item.y_m + reach))
    m = BOUND_MARGIN_M
    return WorldBounds(min(xs) - m, min(ys) - m, max(xs) + m, max(ys) + m)
