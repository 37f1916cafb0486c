"""Chipmunk's own body functions, for the per-tick paths that read and write bodies (docs/performance.md).

They are the functions pymunk's properties and `Space.step` call: the same doubles in and out, without the Python
wrappers around them (type-checking `__setattr__`, a Vec2d per read, the step's bookkeeping for callbacks, which
this world does not use). pymunk is pinned below 8 in pyproject.toml because these names are its internals; a body's
handle is `body._body`.

Cheaper still is `body_doubles`: the body's own memory seen as doubles, where reading or writing an index is a
plain load or store (a getter is a foreign call that builds a struct, then one attribute read per coordinate; a
setter converts a tuple). Where each value lies is found once, at import, by writing known values through the
setters and finding them in that memory; tests/test_chipmunk.py holds it to the getters and setters. A velocity or
spin may be stored there directly: the setters' only other work is waking a sleeping body and its neighbours, and
no body in this game ever sleeps (`game.sim.world` keeps pymunk's infinite sleep threshold). The angle is not
stored there: its setter also turns the body's transform.
"""

from __future__ import annotations

import pymunk
from pymunk._chipmunk import ffi as _ffi
from pymunk._chipmunk import lib as _chipmunk

set_velocity = _chipmunk.cpBodySetVelocity
set_angle = _chipmunk.cpBodySetAngle
set_angular_velocity = _chipmunk.cpBodySetAngularVelocity
get_position = _chipmunk.cpBodyGetPosition
get_angle = _chipmunk.cpBodyGetAngle
get_velocity = _chipmunk.cpBodyGetVelocity
get_angular_velocity = _chipmunk.cpBodyGetAngularVelocity
space_step = _chipmunk.cpSpaceStep

_PROBE_DOUBLES = 24
"""How much of a body the probe looks through: the mass, inertia, centre of gravity, position, velocity, force,
angle, spin and torque come first in Chipmunk's cpBody, well inside these 192 bytes (the struct is larger)."""


def body_doubles(handle: object) -> memoryview:
    """The first doubles of a body's memory, read with the indices below; valid while its pymunk.Body lives."""
    return memoryview(_ffi.buffer(_ffi.cast("char *", handle), _PROBE_DOUBLES * 8)).cast("d")


def _find_indices() -> tuple[int, int, int, int, int, int]:
    """Where x, y, vx, vy, angle and angular velocity lie in `body_doubles`: each written as a distinct value
    no other slot of a fresh body holds, and found exactly once (the transform that follows the angle repeats
    the position, so the position is the first place its value appears)."""
    body = pymunk.Body(3.0, 5.0)
    probe = (1234.5, -2345.25, 345.125, -456.0625, 0.5678125, -67.890625)
    body.position = probe[0], probe[1]
    body.velocity = probe[2], probe[3]
    body.angle = probe[4]
    body.angular_velocity = probe[5]
    doubles = body_doubles(body._body).tolist()
    indices = []
    for value in probe:
        if value not in doubles:
            raise ImportError(
                f"pymunk {pymunk.version}: a body's layout is not the one game.sim.chipmunk reads"
            )
        indices.append(doubles.index(value))
    x, y, vx, vy, angle, spin = indices
    if (y, vx, vy) != (x + 1, x + 2, x + 3) or spin != angle + 1:
        raise ImportError(f"pymunk {pymunk.version}: a body's layout is not the one game.sim.chipmunk reads")
    return x, y, vx, vy, angle, spin


X, Y, VX, VY, ANGLE, SPIN = _find_indices()
