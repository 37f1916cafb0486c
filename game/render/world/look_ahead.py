"""How many seconds of road a driver sees ahead of the car: the figure the camera is tuned by.

A person needs about 2 s to read a corner, so the camera keeps at least `LOOK_AHEAD_FLOOR_S` of road in view
ahead of the car at any speed the cars reach, in both camera modes (docs/performance.md). Look-ahead is
measured on the screen, from the car's centre along its heading to where the road stops being visible: the
edge of the view, or a HUD drawn over it (the watch). In chase mode the heading is always up the screen; in
north-up it can be any, and the figure is the worst over every heading. Pure geometry, no pygame.
"""

from __future__ import annotations

import math

from game.render.watch.placement import watch_centre
from game.render.world.camera import ZOOM_LEVELS, settled_zoom_level, steady_lead_m
from game.render.world.palette import PIXELS_PER_M

LOOK_AHEAD_FLOOR_S = 2.0
"""The least road ahead, in seconds of travel, the camera shows at any speed."""

NORTH_UP_HEADINGS = 1440
"""Headings tried for north-up's worst case (every quarter of a degree)."""

Rect = tuple[float, float, float, float]
"""A screen rectangle: left, top, right, bottom (pixels)."""


def reach_px(
    origin: tuple[float, float],
    direction: tuple[float, float],
    view_size: tuple[int, int],
    occluders: tuple[Rect, ...] = (),
) -> float:
    """Distance (pixels) from `origin` along the unit `direction` (screen, y down) to the edge of the view or
    the first occluding rectangle, whichever comes first; 0 when `origin` is outside the view or covered."""
    x, y = origin
    dx, dy = direction
    w, h = view_size
    if not (0.0 <= x <= w and 0.0 <= y <= h):
        return 0.0
    reach = math.inf
    if dx > 0.0:
        reach = min(reach, (w - x) / dx)
    elif dx < 0.0:
        reach = min(reach, -x / dx)
    if dy > 0.0:
        reach = min(reach, (h - y) / dy)
    elif dy < 0.0:
        reach = min(reach, -y / dy)
    for rect in occluders:
        reach = min(reach, _entry(origin, direction, rect))
    return reach


def _entry(origin: tuple[float, float], direction: tuple[float, float], rect: Rect) -> float:
    """Where the ray first enters `rect` (slab method); inf when it never does, 0 when it starts inside."""
    near, far = 0.0, math.inf
    for p, d, low, high in (
        (origin[0], direction[0], rect[0], rect[2]),
        (origin[1], direction[1], rect[1], rect[3]),
    ):
        if d == 0.0:
            if not low <= p <= high:
                return math.inf
            continue
        t0, t1 = (low - p) / d, (high - p) / d
        near, far = max(near, min(t0, t1)), min(far, max(t0, t1))
    return near if near <= far else math.inf


def look_ahead_m(
    zoom: float,
    lead_m: float,
    view_size: tuple[int, int],
    mode: str,
    direction: tuple[float, float] = (0.0, -1.0),
    occluders: tuple[Rect, ...] = (),
) -> float:
    """Metres of road in view ahead of a car travelling along screen `direction`, with the camera centred
    `lead_m` ahead of it (at most as far as the camera allows that way: `lead_room_m`)."""
    ppm = PIXELS_PER_M * zoom
    if mode == "chase":
        direction = (0.0, -1.0)
    car = (view_size[0] * 0.5 - direction[0] * lead_m * ppm, view_size[1] * 0.5 - direction[1] * lead_m * ppm)
    return reach_px(car, direction, view_size, occluders) / ppm


def headings(count: int = NORTH_UP_HEADINGS) -> tuple[tuple[float, float], ...]:
    """`count` screen directions evenly round the circle, starting straight up."""
    return tuple(
        (math.sin(2.0 * math.pi * i / count), -math.cos(2.0 * math.pi * i / count)) for i in range(count)
    )


def look_ahead_s(
    speed_ms: float,
    zoom: float,
    view_size: tuple[int, int],
    mode: str,
    occluders: tuple[Rect, ...] = (),
    lead_m: float | None = None,
) -> float:
    """Seconds of road in view ahead of the car at `speed_ms`, with the camera settled at `zoom` and its lead
    (the camera's own, `steady_lead_m`, unless `lead_m` is given); in north-up, the worst heading."""
    directions = ((0.0, -1.0),) if mode == "chase" else headings()
    worst = math.inf
    for direction in directions:
        lead = steady_lead_m(speed_ms, zoom, view_size, mode, direction) if lead_m is None else lead_m
        worst = min(worst, look_ahead_m(zoom, lead, view_size, mode, direction, occluders))
    return worst / speed_ms if speed_ms > 0.0 else math.inf


def settled_look_ahead_s(
    speed_ms: float, view_size: tuple[int, int], mode: str, occluders: tuple[Rect, ...] = ()
) -> float:
    """`look_ahead_s` at the zoom the camera settles on at this speed (the closest it can hold there)."""
    return look_ahead_s(speed_ms, ZOOM_LEVELS[settled_zoom_level(speed_ms)], view_size, mode, occluders)


def hud_rect(view_size: tuple[int, int], hud_size: tuple[int, int], position: str) -> Rect:
    """The rectangle the race screen draws the watch in (`game.render.watch.placement`)."""
    hud_w, hud_h = hud_size
    cx, cy = watch_centre(view_size, hud_size, position)
    return (cx - hud_w / 2, cy - hud_h / 2, cx + hud_w / 2, cy + hud_h / 2)
