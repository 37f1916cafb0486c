"""Where the car is drawn between two simulation ticks (docs/design.md §6: rendering interpolates)."""

from __future__ import annotations

import dataclasses

from game.render.world.camera import wrap_angle
from game.sim.snapshot import CarSnapshot


def interpolate_pose(
    prev: tuple[float, float, float], cur: tuple[float, float, float], alpha: float
) -> tuple[float, float, float]:
    """x, y and heading a fraction `alpha` of the way from `prev` to `cur`; the heading turns the short way
    round (from 179° to -179° is 2°, not 358°) and comes back wrapped into (-pi, pi]. Every car on the road,
    the player's and the field's, is drawn between ticks by this one rule."""
    x = prev[0] + (cur[0] - prev[0]) * alpha
    y = prev[1] + (cur[1] - prev[1]) * alpha
    turn = wrap_angle(cur[2] - prev[2])
    return x, y, wrap_angle(prev[2] + turn * alpha)


def interpolate_car(prev: CarSnapshot, cur: CarSnapshot, alpha: float) -> tuple[float, float, float]:
    """The player's car between two ticks (`interpolate_pose`)."""
    return interpolate_pose(
        (prev.x_m, prev.y_m, prev.heading_rad), (cur.x_m, cur.y_m, cur.heading_rad), alpha
    )


def interpolated_car(prev: CarSnapshot, cur: CarSnapshot, alpha: float) -> CarSnapshot:
    """`cur` moved back to the interpolated pose: what `Camera.follow` should be given each frame."""
    x, y, heading = interpolate_car(prev, cur, alpha)
    return dataclasses.replace(cur, x_m=x, y_m=y, heading_rad=heading)
