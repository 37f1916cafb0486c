"""A body's memory read and written as doubles (`game.sim.chipmunk.body_doubles`) is the body pymunk holds.

The per-tick paths read a body's position, velocity, angle and spin, and store its velocity and spin, through
that memory instead of Chipmunk's getters and setters; if the layout found at import were wrong, or a stored
velocity missed something the setter does, a car would drive differently. These hold both to pymunk's own way.
"""

from __future__ import annotations

import math

import pymunk
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim import chipmunk
from game.sim.track_catalog import load_track
from game.sim.world import build_world

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(finite, finite, finite, finite, finite, finite)
def test_the_doubles_are_what_the_getters_read(
    x: float, y: float, vx: float, vy: float, a: float, w: float
) -> None:
    body = pymunk.Body(1200.0, 1800.0)
    body.position = x, y
    body.velocity = vx, vy
    body.angle = a
    body.angular_velocity = w
    doubles = chipmunk.body_doubles(body._body)
    handle = body._body
    position = chipmunk.get_position(handle)
    velocity = chipmunk.get_velocity(handle)
    assert (doubles[chipmunk.X], doubles[chipmunk.Y]) == (position.x, position.y) == (x, y)
    assert (doubles[chipmunk.VX], doubles[chipmunk.VY]) == (velocity.x, velocity.y) == (vx, vy)
    assert doubles[chipmunk.ANGLE] == chipmunk.get_angle(handle) == a
    assert doubles[chipmunk.SPIN] == chipmunk.get_angular_velocity(handle) == w


def _crash(store_directly: bool, pushes: list[tuple[float, float, float]]) -> list[tuple[float, ...]]:
    """A car-sized box driven into a wall and a second box, its velocity and spin set before every step."""
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    wall = pymunk.Segment(space.static_body, (20.0, -30.0), (20.0, 30.0), 0.3)
    car = pymunk.Body(1200.0, 1800.0)
    car_shape = pymunk.Poly.create_box(car, (4.2, 1.7), 0.08)
    other = pymunk.Body(900.0, math.inf)
    other_shape = pymunk.Poly.create_box(other, (3.6, 1.5), 0.08)
    other.position = (10.0, 0.5)
    for shape in (wall, car_shape, other_shape):
        shape.elasticity = 0.25
        shape.friction = 0.7
    space.add(wall, car, car_shape, other, other_shape)
    doubles = chipmunk.body_doubles(car._body)
    states = []
    for vx, vy, w in pushes:
        if store_directly:
            doubles[chipmunk.VX] = vx
            doubles[chipmunk.VY] = vy
            doubles[chipmunk.SPIN] = w
        else:
            chipmunk.set_velocity(car._body, (vx, vy))
            chipmunk.set_angular_velocity(car._body, w)
        chipmunk.space_step(space._space, 0.01)
        states.append((*car.position, car.angle, *car.velocity, car.angular_velocity, *other.position))
    return states


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.0, 60.0), st.floats(-5.0, 5.0), st.floats(-3.0, 3.0)), min_size=60, max_size=150
    )
)
def test_storing_a_velocity_drives_exactly_as_the_setter(pushes: list[tuple[float, float, float]]) -> None:
    assert _crash(True, pushes) == _crash(False, pushes)


def test_no_body_of_a_race_ever_sleeps() -> None:
    """Storing a velocity skips the setter's waking of a sleeping body: true only while none can sleep."""
    assert build_world(load_track("01-brescia-verona")).space.sleep_time_threshold == math.inf
