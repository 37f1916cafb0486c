"""Where the car is drawn between two simulation ticks (docs/design.md §6: rendering interpolates)."""

from __future__ import annotations

import dataclasses

from game.render.world.camera import wrap_angle
from game.sim.snapshot import CarSnapshot


def interpolate_car(prev: CarSnapshot, cur: CarSnapshot, alpha: float) -> tuple[float, float, float]:
    """x, y and heading a fraction `alpha` of the way from `prev` to `cur`; the heading turns the short way
    round (from 179° to -179° is 2°, not 358°) and comes back wrapped into (-pi, pi]."""
    x = prev.x_m + (cur.x_m - prev.x_m) * alpha
    y = prev.y_m + (cur.y_m - prev.y_m) * alpha
    turn = wrap_angle(cur.heading_rad - prev.heading_rad)
    return x, y, wrap_angle(prev.heading_rad + turn * alpha)


def interpolated_car(prev: CarSnapshot, cur: CarSnapshot, alpha: float) -> CarSnapshot:
    """`cur` moved back to the interpolated pose: what `Camera.follow` should be given each frame."""
    x, y, heading = interpolate_car(prev, cur, alpha)
    return dataclasses.replace(cur, x_m=x, y_m=y, heading_rad=heading)
