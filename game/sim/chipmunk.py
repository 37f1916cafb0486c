"""Chipmunk's own body functions, for the per-tick paths that read and write bodies (docs/performance.md).

They are the functions pymunk's properties and `Space.step` call: the same doubles in and out, without the Python
wrappers around them (type-checking `__setattr__`, a Vec2d per read, the step's bookkeeping for callbacks, which
this world does not use). pymunk is pinned below 8 in pyproject.toml because these names are its internals; a body's
handle is `body._body`.
"""

from __future__ import annotations

from pymunk._chipmunk import lib as _chipmunk

set_velocity = _chipmunk.cpBodySetVelocity
set_angle = _chipmunk.cpBodySetAngle
set_angular_velocity = _chipmunk.cpBodySetAngularVelocity
get_position = _chipmunk.cpBodyGetPosition
get_angle = _chipmunk.cpBodyGetAngle
get_velocity = _chipmunk.cpBodyGetVelocity
get_angular_velocity = _chipmunk.cpBodyGetAngularVelocity
space_step = _chipmunk.cpSpaceStep
