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

LOOK_AHEAD_AIM_S = 2.3
"""Seconds of road the lead aims to show ahead of the car (docs/performance.md: at least 2 s at any speed;
the extra covers the lead's smoothing while the car accelerates and the glide between zoom levels)."""

CHASE_CAR_LOWEST = 0.84
"""In chase mode the car's centre never sits lower than this fraction of the view's height: at speed it
sinks towards the bottom so the road ahead fills the screen, and a strip of road behind stays in view."""

NORTH_UP_EDGE = 0.12
"""In north-up the lead never pushes the car closer to a side of the view than this fraction of the view's
height (about 86 px at 720)."""

BEHIND_M = 8.0
"""In either mode the lead always leaves at least this much road in view behind the car (small windows)."""

ZOOM_LEVELS = (1.0, 0.72, 0.52, 0.37)
"""The camera settles on one of these (slow, brisk, fast, flat out) and glides between them: the ground is
kept ready-scaled for a zoom level (`canvas.py`), so a settled zoom costs nothing to draw. Each level shows at
least 2 s of road up to the speed where the next takes over (`look_ahead.py`, tests/test_camera_look_ahead.py);
the last one up to 290 km/h, beyond the fastest car's top speed (279 km/h)."""

ZOOM_UP_MS = (24.0, 35.0, 49.0)
"""Speeds above which the camera moves out to the next level (at once: the road ahead must not run short)..."""

ZOOM_DOWN_MS = (20.0, 31.0, 45.0)
"""...and below which it comes back in, after the dwell (the gap stops it hunting)."""

ZOOM_SNAP = 0.002

ZOOM_DWELL_S = 2.0
"""The camera stays at least this long at a zoom level before coming back in (a twisty road does not make it
pump); moving out is never held back, or the road ahead would run short."""

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


def wanted_lead_m(speed_ms: float, zoom: float, view_size: tuple[int, int]) -> float:
    """How far ahead of the car the camera centres to show `LOOK_AHEAD_AIM_S` of road at this speed.

    The view's half height is the road the centre alone shows: straight up in chase mode, and the shortest
    reach of any heading in north-up (its worst case), so one lead serves both modes.
    """
    ppm = PIXELS_PER_M * zoom
    return max(LEAD_BASE_M, LOOK_AHEAD_AIM_S * speed_ms - view_size[1] * 0.5 / ppm)


def lead_room_m(direction: tuple[float, float], zoom: float, view_size: tuple[int, int], mode: str) -> float:
    """The largest lead along screen `direction` (a unit vector, y down) that keeps the car where it belongs:
    no lower than `CHASE_CAR_LOWEST` in chase mode (where the road ahead is always up the screen), no
    closer than `NORTH_UP_EDGE` to any side in north-up; and `BEHIND_M` of road behind it in view."""
    ppm = PIXELS_PER_M * zoom
    w, h = view_size
    behind_px = BEHIND_M * ppm
    if mode == "chase":
        return max(0.0, min((CHASE_CAR_LOWEST - 0.5) * h, h * 0.5 - behind_px)) / ppm
    margin = max(NORTH_UP_EDGE * h, behind_px)
    room = math.inf
    if abs(direction[0]) > 1e-9:
        room = (w * 0.5 - margin) / abs(direction[0])
    if abs(direction[1]) > 1e-9:
        room = min(room, (h * 0.5 - margin) / abs(direction[1]))
    return max(0.0, room) / ppm


def steady_lead_m(
    speed_ms: float, zoom: float, view_size: tuple[int, int], mode: str, direction: tuple[float, float]
) -> float:
    """The lead the camera settles on at a steady speed, along screen `direction` (up, (0, -1), in chase)."""
    return min(wanted_lead_m(speed_ms, zoom, view_size), lead_room_m(direction, zoom, view_size, mode))


def settled_zoom_level(speed_ms: float) -> int:
    """The closest zoom level the camera can hold at a steady `speed_ms`: the worst for the road ahead (going
    up, a level is held until the speed passes its `ZOOM_UP_MS`)."""
    level = 0
    while level < len(ZOOM_UP_MS) and speed_ms > ZOOM_UP_MS[level]:
        level += 1
    return level


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
        self._level_age_s += max(dt_s, 0.0)
        level = self.zoom_level if self._placed else 0
        while level < len(ZOOM_LEVELS) - 1 and speed > ZOOM_UP_MS[level]:
            level += 1
        if not self._placed or self._level_age_s >= ZOOM_DWELL_S:
            while level > 0 and speed < ZOOM_DOWN_MS[level - 1]:
                level -= 1
        if level != self.zoom_level:
            self._level_age_s = 0.0
        self.zoom_level = level
        zoom_now = self.zoom if self._placed else ZOOM_LEVELS[level]
        lead_dir = moving_dir if speed > MIN_MOVING_MS else car.heading_rad
        chase = self.mode == "chase"
        on_screen = (0.0, -1.0) if chase else (math.cos(lead_dir), -math.sin(lead_dir))
        lead_m = steady_lead_m(speed, zoom_now, self.view_size, self.mode, on_screen)
        lead_target = (math.cos(lead_dir) * lead_m, math.sin(lead_dir) * lead_m)
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
