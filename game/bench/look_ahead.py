"""Seconds of road in view ahead of the car at each car's top speed, in both camera modes and at each size.

Not a timing but a figure the game lives by all the same (docs/performance.md): a person needs about 2 s to
read a corner. Top speed comes from the physics itself, flat out along a long straight; the watch is where
the race screen draws it by default (bottom right), since road hidden behind it is not road seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.render.world.camera import CAMERA_MODES, ZOOM_LEVELS, settled_zoom_level
from game.render.world.car_sprite import car_draw_ppm
from game.render.world.look_ahead import LOOK_AHEAD_FLOOR_S, Rect, hud_rect, settled_look_ahead_s
from game.render.world.palette import PIXELS_PER_M
from game.sim.cars import car_ids, load_car
from game.sim.driving import DrivingSim
from game.sim.geometry import TrackGeometry
from game.sim.track import TimingLine, Track
from game.sim.track_format import TRACK_FORMAT_VERSION

STRAIGHT_M = 12000.0
FLAT_OUT_TICKS = 9000
"""90 s flat out: every car has long stopped gaining speed."""

WATCH_SIZE_PX = (218, 264)
"""The race screen's watch (`WatchHud` at `HUD_HEIGHT_PX`, 264 px tall)."""


@dataclass(frozen=True)
class CarLookAhead:
    car_id: str
    top_speed_ms: float
    zoom: float
    """The zoom the camera settles on at that speed."""
    car_px: float
    """The car's drawn length on screen at that zoom."""
    seconds: dict[str, dict[str, float]]
    """Look-ahead in seconds by view size ("1280x720") and camera mode."""

    def as_dict(self) -> dict[str, object]:
        return {
            "top_speed_kmh": round(self.top_speed_ms * 3.6, 1),
            "zoom": self.zoom,
            "car_px": round(self.car_px, 1),
            "look_ahead_s": self.seconds,
        }


def watch_rect(view_size: tuple[int, int], position: str = "bottom-right") -> Rect:
    return hud_rect(view_size, WATCH_SIZE_PX, position)


def _straight() -> Track:
    points = tuple((STRAIGHT_M * i / 1200, 0.0) for i in range(1201))
    return Track(
        format_version=TRACK_FORMAT_VERSION,
        id="bench-straight",
        name="Bench straight",
        region="bench",
        kind="stage",
        closed=False,
        laps=1,
        seed=0,
        start_time_of_day_s=8 * 3600,
        date=(1955, 5, 1),
        waypoints=(),
        centerline=points,
        half_width_m=tuple(6.0 for _ in points),
        surfaces=(),
        timing_lines=(TimingLine("start", 10.0, "Start"), TimingLine("finish", STRAIGHT_M - 10.0, "Finish")),
        scenery=(),
        barriers=(),
        medals=None,
        content_hash="bench-straight",
    )


def top_speed_ms(car_id: str) -> float:
    """The car's top speed on asphalt, flat out from a standstill along a straight (about 0.4 s a car)."""
    track = _straight()
    sim = DrivingSim(track, TrackGeometry(track), load_car(car_id), "auto")
    sim.place(20.0, 0.0, 0.0)
    return max(sim.step(0.0, 1.0, 0.0, False, False, False).speed_ms for _ in range(FLAT_OUT_TICKS))


def measure_look_ahead(sizes: tuple[tuple[int, int], ...]) -> list[CarLookAhead]:
    figures = []
    for car_id in car_ids():
        top = top_speed_ms(car_id)
        zoom = ZOOM_LEVELS[settled_zoom_level(top)]
        seconds = {
            f"{w}x{h}": {
                mode: round(settled_look_ahead_s(top, (w, h), mode, (watch_rect((w, h)),)), 2)
                for mode in CAMERA_MODES
            }
            for w, h in sizes
        }
        car_px = load_car(car_id).chassis.length_m * car_draw_ppm(PIXELS_PER_M * zoom)
        figures.append(CarLookAhead(car_id, top, zoom, car_px, seconds))
    return figures


def all_at_least_floor(figures: list[CarLookAhead]) -> bool | None:
    if not figures:
        return None
    return all(
        s >= LOOK_AHEAD_FLOOR_S for f in figures for modes in f.seconds.values() for s in modes.values()
    )
