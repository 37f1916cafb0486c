"""What the car leaves behind: skid marks that stay for the run, dust and gravel thrown up by the rear wheels,
tyre smoke, clods off the verge, and sparks when it hits something.

All of it is render-only state, driven by the snapshots the renderer is given (never the simulation) and
by a seeded `random.Random`, so two identical replays draw identical effects.
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.render.world import palette
from game.render.world.camera import Camera
from game.render.world.chunks import TileContext, TileKey, tiles_overlapping
from game.render.world.palette import Rgb
from game.sim.snapshot import CarSnapshot

SKID_MIN_STEP_M = 0.45
"""A mark is laid in pieces at least this long (shorter moves wait), so a long slide is a few dozen lines."""

SKID_MAX_STEP_M = 6.0
"""A wheel that moved further than this between frames jumped (a restart, a recovery): no line across."""

SKID_SLIP = 0.95
"""Axle slip above which a tyre marks the road. The simulation's slip is the share of the tyre's grip in
use while it rolls (under 1) and 1 plus the sliding speed's share once it slides, spins or locks."""

SKID_TYRE_WIDTH_M = 0.2
MAX_SEGMENTS_PER_TILE = 600

MAX_PARTICLES = 240
MAX_PUFF_SPRITES = 400

SKID_TINT: dict[str, Rgb] = {
    # What the mark does to the ground (a multiplier, 255 = nothing): rubber on paving, ruts in the loose.
    "asphalt": (120, 120, 124),
    "cobbles": (136, 136, 138),
    "gravel": (178, 160, 136),
    "verge": (160, 148, 116),
    "grass": (150, 140, 100),
}


@dataclass(frozen=True, slots=True)
class SkidSegment:
    """A straight piece of tyre mark in world metres; `strength` 0..1 scales how dark it is."""

    x0: float
    y0: float
    x1: float
    y1: float
    surface: str
    strength: float


def wheel_positions(
    car_x: float, car_y: float, heading: float, to_front_m: float, to_rear_m: float, half_track_m: float
) -> tuple[tuple[float, float], ...]:
    """World positions of the four wheels: front left, front right, rear left, rear right."""
    c, s = math.cos(heading), math.sin(heading)
    out = []
    for along in (to_front_m, -to_rear_m):
        for side in (half_track_m, -half_track_m):
            out.append((car_x + c * along - s * side, car_y + s * along + c * side))
    return tuple(out)


def stamp_segment(
    surface: pygame.Surface,
    to_px: Callable[[float, float], tuple[float, float]],
    ppm: float,
    seg: SkidSegment,
) -> bool:
    """Darken the ground under one piece of mark on `surface` (a tile or a canvas). False if off it."""
    ax, ay = to_px(seg.x0, seg.y0)
    bx, by = to_px(seg.x1, seg.y1)
    width = max(1, round(SKID_TYRE_WIDTH_M * ppm))
    left = math.floor(min(ax, bx)) - width
    top = math.floor(min(ay, by)) - width
    right = math.ceil(max(ax, bx)) + width
    bottom = math.ceil(max(ay, by)) + width
    sw, sh = surface.get_size()
    if right < 0 or bottom < 0 or left > sw or top > sh:
        return False
    patch = pygame.Surface((right - left, bottom - top), 0, 32)
    patch.fill((255, 255, 255))
    tint = SKID_TINT.get(seg.surface, SKID_TINT["asphalt"])
    k = seg.strength
    colour = tuple(round(255 - (255 - c) * k) for c in tint)
    pygame.draw.line(patch, colour, (ax - left, ay - top), (bx - left, by - top), width)
    surface.blit(patch, (left, top), special_flags=pygame.BLEND_RGB_MULT)
    return True


class SkidMarks:
    """Every mark laid this run, kept by ground tile so a tile painted again gets its marks back."""

    def __init__(self, to_front_m: float, to_rear_m: float, half_track_m: float) -> None:
        self.to_front_m = to_front_m
        self.to_rear_m = to_rear_m
        self.half_track_m = half_track_m
        self._by_tile: dict[TileKey, list[SkidSegment]] = {}
        self._last: list[tuple[float, float] | None] = [None, None, None, None]
        self.count = 0

    def clear(self) -> list[TileKey]:
        """Forget every mark; returns the tiles that had some (they must be painted again)."""
        keys = list(self._by_tile)
        self._by_tile.clear()
        self._last = [None, None, None, None]
        self.count = 0
        return keys

    def for_tile(self, key: TileKey) -> list[SkidSegment]:
        return self._by_tile.get(key, [])

    def update(self, x: float, y: float, heading: float, car: CarSnapshot) -> list[SkidSegment]:
        """New pieces of mark for the car drawn at (x, y, heading); the snapshot says how it slides."""
        wheels = wheel_positions(x, y, heading, self.to_front_m, self.to_rear_m, self.half_track_m)
        slips = (car.slip_front, car.slip_front, car.slip_rear, car.slip_rear)
        if car.handbrake and car.speed_ms > 2.0:
            slips = (slips[0], slips[1], max(slips[2], 1.2), max(slips[3], 1.2))
        surfaces = (car.surface_front, car.surface_front, car.surface_rear, car.surface_rear)
        new: list[SkidSegment] = []
        for n, (wx, wy) in enumerate(wheels):
            last = self._last[n]
            marking = slips[n] > SKID_SLIP and car.speed_ms > 1.0
            if not marking:
                self._last[n] = None
                continue
            if last is None:
                self._last[n] = (wx, wy)
                continue
            step = math.hypot(wx - last[0], wy - last[1])
            if step > SKID_MAX_STEP_M:
                self._last[n] = (wx, wy)
                continue
            if step < SKID_MIN_STEP_M:
                continue
            strength = min(1.0, 0.3 + (slips[n] - SKID_SLIP) * 1.4)
            seg = SkidSegment(last[0], last[1], wx, wy, surfaces[n], strength)
            self._store(seg)
            new.append(seg)
            self._last[n] = (wx, wy)
        return new

    def break_marks(self) -> None:
        """The car jumped (restart, recovery): the next marks start afresh."""
        self._last = [None, None, None, None]

    def _store(self, seg: SkidSegment) -> None:
        self.count += 1
        for key in self.tiles_of(seg):
            bucket = self._by_tile.setdefault(key, [])
            if len(bucket) < MAX_SEGMENTS_PER_TILE:
                bucket.append(seg)

    @staticmethod
    def tiles_of(seg: SkidSegment) -> list[TileKey]:
        """The ground tiles a piece of mark lies on."""
        pad = SKID_TYRE_WIDTH_M
        return tiles_overlapping(
            min(seg.x0, seg.x1) - pad,
            min(seg.y0, seg.y1) - pad,
            max(seg.x0, seg.x1) + pad,
            max(seg.y0, seg.y1) + pad,
        )


class SkidLayer:
    """Paints a tile's stored marks when the tile is painted (again)."""

    def __init__(self, marks: SkidMarks) -> None:
        self.marks = marks

    def paint(self, tile: TileContext) -> None:
        for seg in self.marks.for_tile(tile.key):
            stamp_segment(tile.surface, tile.to_px, tile.ppm, seg)


# -- particles ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class Particle:
    x: float
    y: float
    vx: float
    vy: float
    age: float
    life: float
    size0: float
    size1: float
    colour: Rgb
    alpha: float
    spark: bool = False


def _puff(radius_px: int, colour: Rgb, alpha: int) -> pygame.Surface:
    """A soft round puff: opaque-ish in the middle, fading to nothing at the rim."""
    size = radius_px * 2 + 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA, 32)
    c = size / 2
    rings = max(2, min(8, radius_px))
    for i in range(rings):
        t = i / rings
        r = radius_px * (1.0 - t)
        a = round(alpha * (0.25 + 0.75 * t) / rings * 2.2)
        pygame.draw.circle(surf, (*colour, min(255, a)), (c, c), max(1.0, r))
    return surf


class Particles:
    """Dust, smoke, clods and sparks in world coordinates, aged by render time."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Particle] = []
        self._sprites: OrderedDict[tuple[Rgb, int, int], pygame.Surface] = OrderedDict()
        self._carries: dict[int | None, float] = {}
        self._last_impact_tick = -1

    def clear(self) -> None:
        self.items.clear()
        self._carries.clear()

    def emit(
        self, car: CarSnapshot, wheels: tuple[tuple[float, float], ...], heading: float, dt_s: float
    ) -> None:
        """Throw up what the rear wheels are on, in proportion to how hard they work it."""
        self.throw(
            None, car.surface_rear, car.speed_ms, car.slip_rear, (car.vx_ms, car.vy_ms), wheels, heading, dt_s
        )

    def throw(
        self,
        source: int | None,
        surface: str,
        speed: float,
        slip: float,
        velocity: tuple[float, float],
        wheels: tuple[tuple[float, float], ...],
        heading: float,
        dt_s: float,
    ) -> None:
        """`emit`'s rule for any car (the player's is `source` None, a rival's its number): each keeps its own
        fraction of a particle owed between frames, so one car's dust never waits on another's."""
        if dt_s <= 0.0:
            return
        sliding = max(0.0, slip - 0.9)
        if surface == "gravel":
            rate = 24.0 * min(2.5, sliding * 6.0 + speed / 22.0)
            colour = palette.DUST["gravel"]
            size, life, alpha = (0.5, 3.0), 1.3, 120
        elif surface in ("grass", "verge"):
            rate = 22.0 * min(2.0, sliding * 6.0 + max(0.0, speed - 6.0) / 20.0)
            colour = palette.DUST[surface]
            size, life, alpha = (0.35, 1.8), 0.8, 110
        elif slip > 1.02 and speed > 3.0:
            rate = 30.0 * min(2.0, (slip - 1.02) * 4.0)
            colour = palette.DUST[surface] if surface in palette.DUST else palette.DUST["asphalt"]
            size, life, alpha = (0.6, 3.4), 1.4, 90
        else:
            return
        if speed < 1.5 and slip < 1.0:
            return
        carry = self._carries.get(source, 0.0) + rate * dt_s
        count = int(carry)
        self._carries[source] = carry - count
        c, s = math.cos(heading), math.sin(heading)
        rng = self.rng
        for _ in range(min(count, 12)):
            wx, wy = wheels[2 + rng.randrange(2)]
            back = 2.0 + speed * 0.25 * rng.random()
            side = (rng.random() - 0.5) * (2.0 + sliding * 12.0)
            vx = velocity[0] * 0.3 - c * back - s * side
            vy = velocity[1] * 0.3 - s * back + c * side
            self._add(
                Particle(
                    wx,
                    wy,
                    vx,
                    vy,
                    0.0,
                    life * (0.7 + 0.6 * rng.random()),
                    size[0],
                    size[1] * (0.8 + 0.4 * rng.random()),
                    colour,
                    alpha,
                )
            )
            if surface in ("grass", "verge") and rng.random() < 0.35:
                clod = palette.shade(palette.DUST[surface], 0.6)
                self._add(Particle(wx, wy, vx * 1.6, vy * 1.6, 0.0, 0.45, 0.16, 0.12, clod, 230))

    def sparks(self, car: CarSnapshot, x: float, y: float, heading: float, tick: int) -> None:
        """A burst of sparks (and stone dust) when the car hits something, once per impact tick."""
        if car.impact_impulse <= 600.0 or tick == self._last_impact_tick:
            return
        self._last_impact_tick = tick
        rng = self.rng
        n = min(28, 6 + int(car.impact_impulse / 400.0))
        c, s = math.cos(heading), math.sin(heading)
        for _ in range(n):
            a = rng.random() * 2 * math.pi
            v = 4.0 + rng.random() * 10.0
            px = x + c * 1.6 * (rng.random() - 0.3)
            py = y + s * 1.6 * (rng.random() - 0.3)
            self._add(
                Particle(
                    px,
                    py,
                    car.vx_ms * 0.5 + v * math.cos(a),
                    car.vy_ms * 0.5 + v * math.sin(a),
                    0.0,
                    0.25 + 0.2 * rng.random(),
                    0.1,
                    0.05,
                    (255, 214, 120),
                    255,
                    spark=True,
                )
            )
        for _ in range(4):
            self._add(
                Particle(x, y, car.vx_ms * 0.2, car.vy_ms * 0.2, 0.0, 0.9, 0.8, 2.6, (200, 194, 180), 100)
            )

    def _add(self, p: Particle) -> None:
        if len(self.items) >= MAX_PARTICLES:
            self.items.pop(0)
        self.items.append(p)

    def update(self, dt_s: float) -> None:
        if dt_s <= 0.0:
            return
        keep = []
        drag = math.exp(-3.2 * dt_s)
        for p in self.items:
            p.age += dt_s
            if p.age >= p.life:
                continue
            p.x += p.vx * dt_s
            p.y += p.vy * dt_s
            p.vx *= drag
            p.vy *= drag
            keep.append(p)
        self.items = keep

    def _sprite(self, colour: Rgb, radius_px: int, alpha: int) -> pygame.Surface:
        key = (colour, radius_px, alpha)
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = _puff(radius_px, colour, alpha)
            self._sprites[key] = sprite
            while len(self._sprites) > MAX_PUFF_SPRITES:
                self._sprites.popitem(last=False)
        else:
            self._sprites.move_to_end(key)
        return sprite

    def draw(self, target: pygame.Surface, camera: Camera) -> int:
        ppm = camera.pixels_per_m
        blits = []
        w, h = camera.view_size
        for p in self.items:
            sx, sy = camera.world_to_screen(p.x, p.y)
            if not (-60 < sx < w + 60 and -60 < sy < h + 60):
                continue
            t = p.age / p.life
            if p.spark:
                tail = camera.world_to_screen(p.x - p.vx * 0.03, p.y - p.vy * 0.03)
                pygame.draw.line(target, p.colour, tail, (sx, sy), 2 if t < 0.5 else 1)
                continue
            radius = max(1, round((p.size0 + (p.size1 - p.size0) * math.sqrt(t)) * ppm))
            alpha = round(p.alpha * (1.0 - t) ** 1.3 / 16) * 16
            if alpha <= 0:
                continue
            sprite = self._sprite(p.colour, radius, alpha)
            blits.append((sprite, (round(sx - radius - 1), round(sy - radius - 1))))
        if blits:
            target.blits(blits, doreturn=False)
        return len(blits)
