"""The camera over the stage: where it looks, which way is up, how far it is zoomed out.

"chase" turns the view with the car so the road ahead is always up the screen; "north-up" never turns.
Both look ahead along the car's motion (more at speed) and zoom out a little with speed, so a driver at
200 km/h sees about as many seconds of road as one at 80. Only the look-ahead, the turn and the zoom are
smoothed: the car itself never lags the camera, so it does not jitter on screen.
"""

from __future__ import annotations

import math

from game.render.world.palette import PIXELS_PER_M
from game.sim.snapshot import CarSnapshot

CAMERA_MODES = ("chase", "north-up")

LEAD_BASE_M = 7.0
"""Look-ahead when standing still: in chase mode the car sits a little below the middle of the screen."""

LEAD_S = 0.42
"""Extra look-ahead per m/s of speed (seconds of travel)."""

LEAD_MAX_M = 30.0

ZOOM_LEVELS = (1.0, 0.88, 0.78)
"""The camera settles on one of these (slow, brisk, flat out) and glides between them: the ground is kept
ready-scaled for a zoom level (`canvas.py`), so a settled zoom costs nothing to draw."""

ZOOM_UP_MS = (17.0, 34.0)
"""Speeds above which the camera moves out to the next level..."""

ZOOM_DOWN_MS = (13.0, 29.0)
"""...and below which it comes back in (the gap stops it hunting)."""

ZOOM_SNAP = 0.002

ZOOM_DWELL_S = 2.0
"""The camera stays at least this long at a zoom level (a twisty road does not make it pump)."""

LEAD_TAU_S = 0.45
TURN_TAU_S = 0.30
ZOOM_TAU_S = 0.3
ZOOM_MIN_RATE = 0.06
"""Zoom change per second at least, so a glide ends instead of creeping."""
MAX_TURN_RATE_RAD_S = math.radians(170.0)

VELOCITY_HEADING_BLEND = 0.6
"""How far the chase camera turns towards where the car is going rather than where it points (drifts)."""

MIN_MOVING_MS = 2.0


def wrap_angle(a: float) -> float:
    """`a` wrapped into (-pi, pi]."""
    a = math.fmod(a + math.pi, 2.0 * math.pi)
    if a <= 0.0:
        a += 2.0 * math.pi
    return a - math.pi


def _glide(current: float, target: float, dt_s: float) -> float:
    """Ease towards `target` but arrive in finite time (a settled zoom is exactly a zoom level)."""
    gap = target - current
    step = max(abs(gap) * (1.0 - math.exp(-max(dt_s, 0.0) / ZOOM_TAU_S)), ZOOM_MIN_RATE * max(dt_s, 0.0))
    if step >= abs(gap) or abs(gap) < ZOOM_SNAP:
        return target
    return current + math.copysign(step, gap)


def _approach(current: float, target: float, dt_s: float, tau_s: float) -> float:
    if dt_s <= 0.0:
        return current
    return current + (target - current) * (1.0 - math.exp(-dt_s / tau_s))


class Camera:
    """View of the world: `center_m` maps to the middle of the view, `angle_rad` (world) points up.

    Call `follow` once per rendered frame with the car as drawn (interpolated between ticks, see
    `interpolated_car`); the first call, and the first after `snap`, jumps straight to the car.
    """

    def __init__(self, view_size: tuple[int, int], mode: str = "chase") -> None:
        if mode not in CAMERA_MODES:
            raise ValueError(f"camera mode {mode!r} is not one of {', '.join(CAMERA_MODES)}")
        self.view_size = (int(view_size[0]), int(view_size[1]))
        self.mode = mode
        self.center_m: tuple[float, float] = (0.0, 0.0)
        self.angle_rad = math.pi / 2.0
        self.zoom = ZOOM_LEVELS[0]
        self.zoom_level = 0
        self._level_age_s = 0.0
        self._lead = (0.0, 0.0)
        self._placed = False

    @property
    def pixels_per_m(self) -> float:
        return PIXELS_PER_M * self.zoom

    def snap(self) -> None:
        """Forget the smoothing: the next `follow` jumps to the car (a restart, a teleport)."""
        self._placed = False

    def follow(self, car: CarSnapshot, dt_s: float) -> None:
        speed = math.hypot(car.vx_ms, car.vy_ms)
        moving_dir = math.atan2(car.vy_ms, car.vx_ms) if speed > MIN_MOVING_MS else car.heading_rad
        forwards = math.cos(moving_dir - car.heading_rad) >= 0.0
        lead_m = min(LEAD_MAX_M, LEAD_BASE_M + LEAD_S * speed)
        lead_dir = moving_dir if speed > MIN_MOVING_MS else car.heading_rad
        lead_target = (math.cos(lead_dir) * lead_m, math.sin(lead_dir) * lead_m)
        self._level_age_s += max(dt_s, 0.0)
        level = self.zoom_level if self._placed else 0
        if not self._placed or self._level_age_s >= ZOOM_DWELL_S:
            while level < len(ZOOM_LEVELS) - 1 and speed > ZOOM_UP_MS[level]:
                level += 1
            while level > 0 and speed < ZOOM_DOWN_MS[level - 1]:
                level -= 1
        if level != self.zoom_level:
            self._level_age_s = 0.0
        self.zoom_level = level
        zoom_target = ZOOM_LEVELS[level]
        if self.mode == "chase":
            slip = wrap_angle(moving_dir - car.heading_rad) if forwards else 0.0
            angle_target = car.heading_rad + VELOCITY_HEADING_BLEND * slip
        else:
            angle_target = math.pi / 2.0

        if not self._placed:
            self._lead = lead_target
            self.zoom = zoom_target
            self.angle_rad = wrap_angle(angle_target)
            self._placed = True
        else:
            self._lead = (
                _approach(self._lead[0], lead_target[0], dt_s, LEAD_TAU_S),
                _approach(self._lead[1], lead_target[1], dt_s, LEAD_TAU_S),
            )
            self.zoom = _glide(self.zoom, zoom_target, dt_s)
            turn = wrap_angle(angle_target - self.angle_rad)
            step = _approach(0.0, turn, dt_s, TURN_TAU_S)
            limit = MAX_TURN_RATE_RAD_S * max(dt_s, 0.0)
            self.angle_rad = wrap_angle(self.angle_rad + max(-limit, min(limit, step)))
        self.center_m = (car.x_m + self._lead[0], car.y_m + self._lead[1])

    def world_to_screen(self, x_m: float, y_m: float) -> tuple[float, float]:
        dx = x_m - self.center_m[0]
        dy = y_m - self.center_m[1]
        c = math.cos(self.angle_rad)
        s = math.sin(self.angle_rad)
        ppm = PIXELS_PER_M * self.zoom
        forward = dx * c + dy * s
        right = dx * s - dy * c
        return (self.view_size[0] * 0.5 + right * ppm, self.view_size[1] * 0.5 - forward * ppm)

    def screen_to_world(self, x_px: float, y_px: float) -> tuple[float, float]:
        """The world point under a screen pixel (the inverse of `world_to_screen`)."""
        ppm = PIXELS_PER_M * self.zoom
        right = (x_px - self.view_size[0] * 0.5) / ppm
        forward = (self.view_size[1] * 0.5 - y_px) / ppm
        c = math.cos(self.angle_rad)
        s = math.sin(self.angle_rad)
        return (self.center_m[0] + forward * c + right * s, self.center_m[1] + forward * s - right * c)
