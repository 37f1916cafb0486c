"""The world view: the stage seen from above, with the car, its ghost, its marks and its dust.

Per frame: the ground comes from a canvas already turned and zoomed for the camera's sector (`canvas.py`),
finished with a few strip blits for the last few degrees (`shear.py`); then the car's shadow, the ghost and
the car; dust and sparks; tall trees, poles and arches on top. A budget of CPU time per frame goes to
building the canvas for the next sector or zoom and to painting the tiles the view is about to reach; it
grows with the tiles waiting ahead (a car flat out on the widest zoom reaches new ground faster than a fixed
millisecond a frame paints it), so tiles are painted before the view needs them instead of inside the frame
that does: that frame used to take 25-100 ms (docs/performance.md).

The view reads snapshots and never changes them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import pygame

from game.render.world.camera import ZOOM_LEVELS, Camera, settled_zoom_level, wrap_angle
from game.render.world.canvas import SECTOR_STEP_DEG, SectorCanvas, nearest_sector
from game.render.world.car_sprite import CarSprite
from game.render.world.chunks import (
    MAX_TILES,
    TILE_IMAGE_PX,
    TILE_M,
    TileCache,
    TileKey,
    TilePainter,
    tiles_overlapping,
)
from game.render.world.effects import (
    Particles,
    SkidLayer,
    SkidMarks,
    SkidSegment,
    stamp_segment,
    wheel_positions,
)
from game.render.world.ground import GroundLayer
from game.render.world.interpolation import interpolate_car
from game.render.world.palette import PIXELS_PER_M
from game.render.world.rivals import RivalCars
from game.render.world.road import RoadLayer
from game.render.world.scenery import SceneryLayer
from game.render.world.shear import ShearRotator
from game.render.world.tall import TallTrees, sun_on_screen, view_box
from game.render.world.timing_marks import RaceFurniture, TimingMarksLayer, place_marks
from game.sim import TICK_S
from game.sim.cars import CarSpec
from game.sim.geometry import TrackGeometry
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from game.sim.track import Track

__all__ = ["FrameStats", "WorldView", "interpolate_car"]

WORK_BUDGET_MS = 1.0
"""Background work per frame at least: painting tiles ahead and filling the next canvas."""

WORK_CREDIT_MAX_MS = 3.0
"""Unused budget carries over up to this much, so a tile layer costlier than one frame's share still runs."""

BACKLOG_S = 0.4
"""The tiles waiting to be painted ahead are paid off within this much time: at speed, on the wide zooms,
the car reaches new ground faster than `WORK_BUDGET_MS` a frame can paint it, and a tile the view reaches
before it is painted is painted inside that frame (a hitch of 8-10 ms a tile on a slow machine)."""

BACKLOG_BUDGET_MAX_MS = 4.0
"""The most background work a frame takes on for the backlog (after a restart or a jump the backlog is
large; it is then paid off over more frames rather than in a few slow ones)."""

FRAME_WORK_MAX_MS = 5.0
"""No frame takes on more background work than this, whatever credit it holds (a frame that spent the 8 ms
of a full credit at once was itself a hitch); a single step costlier than this still runs, alone."""

BLIT_ESTIMATE_MS = 0.4
"""Cost of turning, scaling and blitting one painted tile onto a canvas."""

SECTOR_HOLD_DEG = SECTOR_STEP_DEG * 0.5 + 6.0
"""The current canvas is kept until the camera has turned this far from it (no flapping at a boundary)."""

FORCE_SWITCH_DEG = 30.0
"""Beyond this residual angle the next canvas is finished at once (a spin)."""

CATCH_UP_DEG = 12.0
CATCH_UP_BUDGET_MS = 2.5
"""Past this residual angle the next canvas gets a bigger share of the frame, so it is ready in time."""

ANTICIPATE_DEG = 9.0
"""Once the camera has turned this far from its canvas, the neighbouring sector starts building."""

PREFETCH_S = (0.0, 0.5, 1.0, 1.6)
"""How far ahead (seconds of travel) the tiles the view will cover are painted."""

PREFETCH_MARGIN_M = 8.0

TILE_ROOM_SPARE = 8
"""Cache places the prefetch leaves free (the next canvas's view may reach a few tiles the current does not)."""

ZOOM_ANTICIPATE_MS = 6.0
"""The prefetch paints for the next zoom level out once the car is this close to the speed that brings it."""

PREFETCH_SPEED_MS = 80.0
"""The fastest ground the prefetch is sized for (the fastest car's top speed, 279 km/h, is 77.5 m/s)."""

JUMP_M = 8.0
"""A car that moved further than this between two frames was put somewhere (restart, recovery)."""

CANVAS_SLACK_PX = 180
"""Room around the (turned) view on a canvas before it has to scroll."""

GHOST_ALPHA = 110
TREE_MARGIN_M = 40.0


@dataclass
class FrameStats:
    """What the last `draw` did (for tests, the bench and a debug overlay)."""

    ms: float = 0.0
    ground_ms: float = 0.0
    """Canvas upkeep and the turn-and-zoom onto the target."""
    work_ms: float = 0.0
    """Background work: tiles painted ahead, the next canvas filled."""
    canvas_blits: int = 0
    tiles_painted: int = 0
    """Tiles finished this frame (a tile may take several frames, a layer at a time)."""
    tiles_touched: int = 0
    """Tile keys this frame looked at (canvas fills, the prefetch list, tree buckets): bounded by the view."""
    shear_blits: int = 0
    trees_drawn: int = 0
    particles_drawn: int = 0
    rivals_drawn: int = 0
    residual_deg: float = 0.0
    """The turn applied per frame on top of the canvas's sector."""
    sync_switches: int = 0
    """Canvases that had to be built at once (the first frame, a spin): the frames that cost the most."""
    cached_tiles: int = 0


def tiles_to_keep(view_size: tuple[int, int]) -> int:
    """World tiles the cache holds for a view of this size: at the widest zoom, the view's box grown by a tile
    each side (a turned view touches about that many), plus the ground the prefetch paints ahead at top speed.
    Fewer, and the cache throws away tiles still on the screen and paints them again (at 1920×1080 the widest
    zoom shows about 240 tiles)."""
    ppm = PIXELS_PER_M * ZOOM_LEVELS[-1]
    wide_m = view_size[0] / ppm + 2.0 * TILE_M
    tall_m = view_size[1] / ppm + 2.0 * TILE_M + PREFETCH_S[-1] * PREFETCH_SPEED_MS
    return max(MAX_TILES, math.ceil(wide_m * tall_m / (TILE_M * TILE_M)))


def canvas_size(view_size: tuple[int, int]) -> tuple[int, int]:
    """Big enough for what the view needs at any residual turn up to the forced switch, plus a margin all
    round wide enough that the strip a scroll uncovers is usually clear of the view (so it fills lazily)."""
    anchor = (view_size[0] * 0.5, view_size[1] * 0.5)
    rotator = ShearRotator()
    need_w = need_h = 0.0
    for degree in range(0, round(FORCE_SWITCH_DEG) + 1):
        x0, y0, x1, y1 = rotator.source_box(view_size, anchor, 1.0, math.radians(degree))
        need_w = max(need_w, x1 - x0)
        need_h = max(need_h, y1 - y0)
    margin = 2 * CANVAS_SLACK_PX
    return 32 * math.ceil((need_w + margin) / 32), 32 * math.ceil((need_h + margin) / 32)


class WorldView:
    """Draws one stage for one car: `draw` once per rendered frame, `reset` on a restart.

    The first frame of a stage paints the ground around the camera at once (about 0.1 s); draw one frame
    during loading or the countdown to hide it. `view_size` must be the size of the target drawn into.
    `work_budget_ms` is the average background work per frame; `stats` says what the last frame did.
    """

    def __init__(self, track: Track, view_size: tuple[int, int], car_spec: CarSpec, car_number: int) -> None:
        self.track = track
        self.view_size = (int(view_size[0]), int(view_size[1]))
        self.geometry = TrackGeometry(track)
        marks = place_marks(track, self.geometry)
        chassis = car_spec.chassis
        self.skids = SkidMarks(chassis.cg_to_front_m, chassis.cg_to_rear_m, chassis.width_m * 0.5 - 0.2)
        ground = GroundLayer(track)
        road = RoadLayer(track, self.geometry)
        painter = TilePainter(
            [
                *ground.layers,
                *road.layers,
                TimingMarksLayer(marks),
                SkidLayer(self.skids),
                SceneryLayer(track),
            ]
        )
        self.tiles = TileCache(painter, max_tiles=tiles_to_keep(self.view_size))
        self.trees = TallTrees(track)
        self.furniture = RaceFurniture(marks)
        self.car_sprite = CarSprite(car_spec, car_number)
        self.rivals = RivalCars()
        self.particles = Particles(track.seed)
        self.rotator = ShearRotator()
        self.stats = FrameStats()
        self._canvas: SectorCanvas | None = None
        self._next: SectorCanvas | None = None
        self._spare: list[pygame.Surface] = []
        self._canvas_size = canvas_size(self.view_size)
        self._time_s: float | None = None
        self._last_pos: tuple[float, float] | None = None
        self._prefetch: list[TileKey] = []
        self._prefetch_from: tuple[float, float] | None = None
        self._velocity = (0.0, 0.0)
        self._dt_s = 0.0
        self._under_view: set[TileKey] = set()
        self._credit = 0.0
        self._spent = 0.0
        self.work_budget_ms = WORK_BUDGET_MS
        """Background work per frame on average (the bench may raise it to see the ground fully ahead)."""

    # -- public -------------------------------------------------------------------------------------
    def reset(self) -> None:
        """A restart: the marks and the dust of the last run go."""
        for key in self.skids.clear():
            self.tiles.invalidate(key)
            for canvas in (self._canvas, self._next):
                if canvas is not None:
                    canvas.refresh(self.tiles, key)
        self.particles.clear()
        self.rivals.clear()
        self._time_s = None
        self._last_pos = None

    def draw(
        self,
        target: pygame.Surface,
        camera: Camera,
        prev: RaceSnapshot,
        cur: RaceSnapshot,
        alpha: float,
        ghost: CarSnapshot | None = None,
    ) -> None:
        started = time.perf_counter()
        painted_before = self.tiles.stats.painted
        stats = self.stats
        stats.canvas_blits = 0
        stats.tiles_touched = 0
        stats.sync_switches = 0
        car = cur.car
        self._velocity = (car.vx_ms, car.vy_ms)
        x, y, heading = interpolate_car(prev.car, car, alpha)
        time_s = (prev.tick + (cur.tick - prev.tick) * alpha) * TICK_S
        dt_s = 0.0 if self._time_s is None else min(0.1, max(0.0, time_s - self._time_s))
        self._time_s = time_s
        self._dt_s = dt_s
        if self._last_pos is not None and math.hypot(x - self._last_pos[0], y - self._last_pos[1]) > JUMP_M:
            self.skids.break_marks()
        self._last_pos = (x, y)

        for seg in self.skids.update(x, y, heading, car):
            self._stamp(seg)
        wheels = wheel_positions(
            x, y, heading, self.skids.to_front_m, self.skids.to_rear_m, self.skids.half_track_m
        )
        self.particles.emit(car, wheels, heading, dt_s)
        self.particles.sparks(car, x, y, heading, cur.tick)
        self.particles.update(dt_s)

        ground_started = time.perf_counter()
        self._draw_ground(target, camera)
        stats.ground_ms = (time.perf_counter() - ground_started) * 1000.0

        if ghost is not None:
            self._draw_car(target, camera, ghost.x_m, ghost.y_m, ghost.heading_rad, ghost, GHOST_ALPHA)
        stats.rivals_drawn = (
            self.rivals.draw(target, camera, prev.field, cur.field, alpha, self.particles, dt_s)
            if cur.field
            else 0
        )
        self._draw_car(target, camera, x, y, heading, car, 255)
        stats.particles_drawn = self.particles.draw(target, camera)
        box = view_box(camera, TREE_MARGIN_M)
        self.trees.draw(target, camera, box)
        stats.trees_drawn = self.trees.drawn
        stats.tiles_touched += self.trees.buckets_touched
        self.furniture.draw(target, camera, time_s)

        work_started = time.perf_counter()
        self._background(camera, car)
        stats.work_ms = (time.perf_counter() - work_started) * 1000.0
        stats.tiles_painted = self.tiles.stats.painted - painted_before
        stats.cached_tiles = len(self.tiles)
        stats.ms = (time.perf_counter() - started) * 1000.0

    def memory_bytes(self) -> int:
        """Pixel memory held: tiles, canvases and scratch surfaces."""
        total = self.tiles.memory_bytes() + self.rotator.scratch_bytes()
        for s in [c.surface for c in (self._canvas, self._next) if c is not None] + self._spare:
            total += s.get_width() * s.get_height() * s.get_bytesize()
        return total

    # -- the ground ---------------------------------------------------------------------------------
    def _wanted_sector(self, camera: Camera) -> int:
        """The canvas turned nearest the camera: after a switch to north-up the camera turns there gradually,
        and a canvas more than the shear's range away from it cannot be drawn."""
        return nearest_sector(camera.angle_rad)

    def _make_canvas(self, sector: int, level: int, like: pygame.Surface) -> SectorCanvas:
        surface = self._spare.pop() if self._spare else pygame.Surface(self._canvas_size, 0, like)
        return SectorCanvas(surface, sector, ZOOM_LEVELS[level], sector * 10 + level)

    def _retire(self, canvas: SectorCanvas | None) -> None:
        """Keep one retired canvas's surface for the next canvas (no allocation per sector change)."""
        if canvas is not None and not self._spare:
            self._spare.append(canvas.surface)

    def _canvas_center(self, canvas: SectorCanvas, camera: Camera) -> tuple[float, float]:
        return canvas.to_global(*camera.center_m)

    def _draw_ground(self, target: pygame.Surface, camera: Camera) -> None:
        stats = self.stats
        level = camera.zoom_level
        current = self._canvas
        if current is None:
            current = self._make_canvas(self._wanted_sector(camera), level, target)
            current.place(current.to_global(*camera.center_m))
            self._canvas = current
            stats.sync_switches += 1
        else:
            self._plan_next(camera, current, level)
            nxt = self._next
            if nxt is not None and nxt.ready:
                residual_now = abs(wrap_angle(camera.angle_rad - current.angle_rad))
                residual_next = abs(wrap_angle(camera.angle_rad - nxt.angle_rad))
                if nxt.zoom != current.zoom or residual_next < residual_now:
                    self._swap()
        current = self._canvas
        assert current is not None
        delta, ratio, box = self._residual(camera, current)
        if abs(delta) > math.radians(FORCE_SWITCH_DEG) or not current.fits(box):
            want_sector = self._wanted_sector(camera)
            nxt = self._next
            if nxt is None or nxt.sector != want_sector or nxt.zoom != ZOOM_LEVELS[level]:
                self._retire(nxt)
                nxt = self._make_canvas(want_sector, level, target)
                nxt.place(nxt.to_global(*camera.center_m))
                self._next = nxt
            self._swap()
            stats.sync_switches += 1
            current = self._canvas
            assert current is not None
            delta, ratio, box = self._residual(camera, current)
        before = current.blits
        under = current.ensure(self.tiles, box, self._lead(current, camera))
        self.tiles.touch(under)
        self._under_view = set(under)
        center = current.to_local(*camera.center_m)
        anchor = (self.view_size[0] * 0.5, self.view_size[1] * 0.5)
        self.rotator.draw(current.surface, center, target, anchor, ratio, delta)
        stats.canvas_blits += current.blits - before
        stats.tiles_touched += current.blits - before
        stats.shear_blits = self.rotator.last_blits
        stats.residual_deg = math.degrees(delta)

    def _lead(self, canvas: SectorCanvas, camera: Camera) -> tuple[float, float]:
        """Unit vector (canvas pixels) along which the view is moving: the canvas scrolls ahead of it."""
        vx, vy = self._velocity
        speed = math.hypot(vx, vy)
        if speed < 1.0:
            return 0.0, 0.0
        gx, gy = canvas.to_global(vx / speed, vy / speed)
        ox, oy = canvas.to_global(0.0, 0.0)
        dx, dy = gx - ox, gy - oy
        norm = math.hypot(dx, dy)
        return dx / norm, dy / norm

    def _residual(
        self, camera: Camera, canvas: SectorCanvas
    ) -> tuple[float, float, tuple[float, float, float, float]]:
        """The angle and zoom left to apply to a canvas for this camera, and the canvas box they need."""
        delta = wrap_angle(camera.angle_rad - canvas.angle_rad)
        ratio = camera.zoom / canvas.zoom
        if abs(ratio - 1.0) < 1e-4:
            ratio = 1.0
        anchor = (self.view_size[0] * 0.5, self.view_size[1] * 0.5)
        limit = math.radians(FORCE_SWITCH_DEG + 2.0)
        x0, y0, x1, y1 = self.rotator.source_box(
            self.view_size, anchor, ratio, max(-limit, min(limit, delta))
        )
        gx, gy = canvas.to_global(*camera.center_m)
        return delta, ratio, (gx + x0, gy + y0, gx + x1, gy + y1)

    def _plan_next(self, camera: Camera, current: SectorCanvas, level: int) -> None:
        """Decide which canvas to fill in the background (if any)."""
        sector = current.sector
        if camera.mode == "chase":
            delta = wrap_angle(camera.angle_rad - current.angle_rad)
            if abs(delta) > math.radians(SECTOR_HOLD_DEG):
                sector = nearest_sector(camera.angle_rad)
            elif abs(delta) > math.radians(ANTICIPATE_DEG):
                sector = nearest_sector(
                    current.angle_rad + math.copysign(math.radians(SECTOR_STEP_DEG), delta)
                )
        want_zoom = ZOOM_LEVELS[level]
        nxt = self._next
        if sector == current.sector and want_zoom == current.zoom:
            if nxt is not None:
                self._retire(nxt)
                self._next = None
            return
        if nxt is not None and nxt.sector == sector and nxt.zoom == want_zoom:
            return
        self._retire(nxt)
        nxt = self._make_canvas(sector, level, current.surface)
        nxt.place(nxt.to_global(*camera.center_m))
        self._next = nxt

    def _swap(self) -> None:
        nxt = self._next
        assert nxt is not None
        self._retire(self._canvas)
        self._canvas = nxt
        self._next = None

    # -- marks ---------------------------------------------------------------------------------------
    def _stamp(self, seg: SkidSegment) -> None:
        """A new piece of skid mark goes into the cached ground tiles and straight onto the canvases."""
        for key in self.skids.tiles_of(seg):
            tile = self.tiles.peek(key)
            if tile is not None:
                pad_m = (tile.get_width() - TILE_M * PIXELS_PER_M) * 0.5 / PIXELS_PER_M
                x0 = key[0] * TILE_M - pad_m
                y1 = (key[1] + 1) * TILE_M + pad_m
                stamp_segment(
                    tile,
                    lambda x, y, x0=x0, y1=y1: ((x - x0) * PIXELS_PER_M, (y1 - y) * PIXELS_PER_M),
                    PIXELS_PER_M,
                    seg,
                )
                self.tiles.forget_transformed(key)
        for canvas in (self._canvas, self._next):
            if canvas is not None:
                stamp_segment(canvas.surface, canvas.to_local, canvas.ppm, seg)

    # -- the car ------------------------------------------------------------------------------------
    def _draw_car(
        self,
        target: pygame.Surface,
        camera: Camera,
        x: float,
        y: float,
        heading: float,
        car: CarSnapshot,
        alpha: int,
    ) -> None:
        sx, sy = camera.world_to_screen(x, y)
        w, h = self.view_size
        if not (-100 < sx < w + 100 and -100 < sy < h + 100):
            return
        screen_angle = heading - camera.angle_rad + math.pi / 2
        sun_x, sun_y = sun_on_screen(camera.angle_rad)
        lift = 0.55 * camera.pixels_per_m
        # A ghost is not there: it casts no shadow.
        shadow = (-sun_x * lift, -sun_y * lift) if alpha == 255 else None
        self.car_sprite.draw(
            target,
            (sx, sy),
            screen_angle,
            camera.pixels_per_m,
            car.steer_angle_rad,
            car.brake > 0.05 or car.handbrake,
            alpha,
            shadow,
        )

    # -- background work ----------------------------------------------------------------------------
    def _background(self, camera: Camera, car: CarSnapshot) -> None:
        """Spend this frame's share of work: fill the next canvas, then paint tiles ahead, one step at a time.

        Work is paid from a credit that grows by the frame's budget: `WORK_BUDGET_MS`, or more while the
        tiles waiting ahead would take longer than `BACKLOG_S` at that rate (so they are painted before the
        view reaches them, not inside the frame that does). A step runs when the credit covers its
        estimated cost and the frame's work stays within `FRAME_WORK_MAX_MS`, so no frame does more than one
        tile layer beyond its budget, and none spends a saved-up credit all at once.
        """
        budget = max(self.work_budget_ms, self._backlog_budget_ms())
        current = self._canvas
        turning = current is not None and abs(
            wrap_angle(camera.angle_rad - current.angle_rad)
        ) > math.radians(CATCH_UP_DEG)
        if self._next is not None and turning:
            budget = max(budget, CATCH_UP_BUDGET_MS)
        cap = max(WORK_CREDIT_MAX_MS, 2.0 * budget)
        self._credit = min(cap, self._credit + budget)
        self._spent = 0.0
        tiles = self.tiles
        nxt = self._next
        if nxt is not None and not nxt.ready:
            _, _, box = self._residual(camera, nxt)
            if not nxt.covers(box):
                nxt.place(nxt.to_global(*camera.center_m))
            todo = nxt.missing(box)
            self.stats.tiles_touched += len(todo)
            for key, cx, cy in todo:
                if not self._affords(tiles.next_step_ms(key) or BLIT_ESTIMATE_MS):
                    return
                started = time.thread_time()
                if key in tiles:
                    nxt.put(tiles, key, cx, cy)
                    self.stats.canvas_blits += 1
                    finished = True
                else:
                    finished = False
                    tiles.step(key)
                self._pay(started)
                if not finished:
                    return
            nxt.ready = True
        cx, cy = camera.center_m
        if (
            self._prefetch_from is None
            or math.hypot(cx - self._prefetch_from[0], cy - self._prefetch_from[1]) > 4.0
        ):
            self._prefetch = self._prefetch_keys(camera, car)
            self._prefetch_from = (cx, cy)
            tiles.drop_jobs_except(set(self._prefetch))
        self.stats.tiles_touched += len(self._prefetch)
        while self._prefetch:
            key = self._prefetch[-1]
            if key in tiles:
                self._prefetch.pop()
                continue
            if not self._affords(tiles.next_step_ms(key)):
                return
            started = time.thread_time()
            if tiles.step(key):
                self._prefetch.pop()
            self._pay(started)

    def _affords(self, cost_ms: float) -> bool:
        """Whether a step of this estimated cost runs now: the credit covers it, and it keeps this frame's
        work within `FRAME_WORK_MAX_MS` (or the average budget, if that is larger), or it is the frame's first."""
        most = max(FRAME_WORK_MAX_MS, self.work_budget_ms)
        return cost_ms <= self._credit and (self._spent == 0.0 or self._spent + cost_ms <= most)

    def _pay(self, started: float) -> None:
        spent = (time.thread_time() - started) * 1000.0
        self._credit -= spent
        self._spent += spent

    def _backlog_budget_ms(self) -> float:
        """This frame's share of painting the tiles still waiting ahead, paid off over `BACKLOG_S`."""
        if not self._prefetch or self._dt_s <= 0.0:
            return 0.0
        backlog_ms = len(self._prefetch) * self.tiles.painter.tile_estimate_ms()
        return min(BACKLOG_BUDGET_MAX_MS, backlog_ms * self._dt_s / BACKLOG_S)

    def _prefetch_keys(self, camera: Camera, car: CarSnapshot) -> list[TileKey]:
        """Tiles the view will need soon: what the current canvas must hold to show the view (the view turned
        by the canvas's residual, grown by a turned tile: `SectorCanvas.keys_under`), moved along the car's
        velocity, at the zoom the camera is about to move out to (it moves out at once, showing a wider
        ground in one frame). Those the view reaches first are painted first (the list is used as a stack):
        by the step of `PREFETCH_S` that first covers them, then nearest the car's path."""
        speed = math.hypot(car.vx_ms, car.vy_ms)
        level = max(camera.zoom_level, settled_zoom_level(speed + ZOOM_ANTICIPATE_MS))
        half_w, half_h, facing, reach = self._footprint_m(camera, min(camera.zoom, ZOOM_LEVELS[level]))
        half_w += PREFETCH_MARGIN_M
        half_h += PREFETCH_MARGIN_M
        # The canvas's "up" in the world, and its "right" (fy, -fx).
        fx, fy = math.cos(facing), math.sin(facing)
        wanted: dict[TileKey, tuple[int, float]] = {}
        held: set[TileKey] = set()
        cx, cy = camera.center_m
        for step, t in enumerate(PREFETCH_S):
            px = cx + car.vx_ms * t
            py = cy + car.vy_ms * t
            # The footprint's world bounds, a turned tile all round.
            ex = abs(fy) * half_w + abs(fx) * half_h + reach
            ey = abs(fx) * half_w + abs(fy) * half_h + reach
            for key in tiles_overlapping(px - ex, py - ey, px + ex, py + ey):
                if key in wanted or key in held:
                    continue
                kx = (key[0] + 0.5) * TILE_M - px
                ky = (key[1] + 0.5) * TILE_M - py
                forward = kx * fx + ky * fy
                right = kx * fy - ky * fx
                if abs(right) > half_w + reach or abs(forward) > half_h + reach:
                    continue
                if key in self.tiles:
                    held.add(key)
                    continue
                dx = (key[0] + 0.5) * TILE_M - car.x_m - car.vx_ms * 0.5
                dy = (key[1] + 0.5) * TILE_M - car.y_m - car.vy_ms * 0.5
                wanted[key] = (step, dx * dx + dy * dy)
        ordered = sorted(wanted, key=lambda k: (-wanted[k][0], -wanted[k][1]))
        # The tiles already painted ahead are kept before those the view has left (least recently used goes
        # first), and count against the room: painting more than the cache holds beside them and the tiles
        # under the view would throw out tiles still wanted, to be painted again.
        self.tiles.touch(held - self._under_view)
        room = max(0, self.tiles.max_tiles - len(held | self._under_view) - TILE_ROOM_SPARE)
        return ordered[len(ordered) - room :] if room else []

    def _footprint_m(self, camera: Camera, zoom: float) -> tuple[float, float, float, float]:
        """The ground the current canvas must hold to show the view at `zoom`, in metres: half its width and
        height along the canvas's axes, the world direction up on the canvas, and how far a tile's turned
        image reaches from its centre along those axes (a tile is blitted whole once its image touches)."""
        canvas = self._canvas
        facing = canvas.angle_rad if canvas is not None else camera.angle_rad
        limit = math.radians(FORCE_SWITCH_DEG)
        delta = max(-limit, min(limit, wrap_angle(camera.angle_rad - facing)))
        anchor = (self.view_size[0] * 0.5, self.view_size[1] * 0.5)
        x0, y0, x1, y1 = self.rotator.source_box(self.view_size, anchor, 1.0, delta)
        ppm = PIXELS_PER_M * zoom
        turned = math.radians(canvas.tile_degrees) if canvas is not None else 0.0
        reach = 0.5 * TILE_IMAGE_PX / PIXELS_PER_M * (abs(math.cos(turned)) + abs(math.sin(turned)))
        return 0.5 * (x1 - x0) / ppm, 0.5 * (y1 - y0) / ppm, facing, reach
