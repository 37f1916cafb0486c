"""The field on the road: the other cars of the race drawn in their liveries, with their numbers, and the dust
they throw (docs/design.md §9).

Each rival is drawn by the player's own sprite code (`CarSprite`, one drawing path for every car, parameterised
by the model's size and livery), between the previous and the current snapshot by the player's interpolation
rule. A rival has no steering or pedals in its snapshot: its wheels are drawn straight and its brake lights
glow when it slowed over the last tick. Turned and scaled sprites are cached by model, number, brake lights,
zoom and a 2° angle bucket, so five to ten rivals cost a few blits a frame, not a rotozoom each.

At the zooms a race is driven at a car is some 30 pixels long, too small for the number on its roundel to be
read, so each rival also carries its number on a small plate beside it, upright on the screen.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence

import pygame

from game.render.ui.text import text_surface
from game.render.world.camera import Camera
from game.render.world.car_sprite import SPRITE_PPM, CarSprite, car_draw_ppm
from game.render.world.effects import Particles, wheel_positions
from game.render.world.interpolation import interpolate_pose
from game.render.world.tall import sun_on_screen
from game.sim import TICK_S
from game.sim.cars import CarSpec, load_car_model
from game.sim.field_types import RivalSnapshot

ANGLE_STEP_DEG = 2.0
"""Turned sprites are cached per this much of a turn: finer than the eye follows a car it is not driving."""

MAX_TURNED = 320
"""Turned sprites kept (about 3 KB each at chase zoom): every angle of ten cars at one zoom, with room."""

BRAKE_DECEL_MS2 = 3.0
"""A rival slowing harder than this over the last tick shows its brake lights."""

JUMP_M = 8.0
"""A rival that moved further than this in one tick was put somewhere: it is drawn where it is now."""

OFF_SCREEN_PX = 80
TAG_SIZE_PX = 14
TAG_INK = (16, 17, 20, 170)
TAG_TEXT = (239, 230, 210)

Pose = tuple[float, float, float]


def rival_pose(prev: RivalSnapshot | None, cur: RivalSnapshot, alpha: float) -> Pose:
    """Where `cur` is drawn between ticks: interpolated from its previous snapshot when it has one nearby."""
    now = (cur.x_m, cur.y_m, cur.heading_rad)
    if prev is None or math.hypot(cur.x_m - prev.x_m, cur.y_m - prev.y_m) > JUMP_M:
        return now
    return interpolate_pose((prev.x_m, prev.y_m, prev.heading_rad), now, alpha)


def is_braking(prev: RivalSnapshot | None, cur: RivalSnapshot) -> bool:
    return prev is not None and (prev.speed_ms - cur.speed_ms) / TICK_S > BRAKE_DECEL_MS2


class RivalCars:
    """Draws the rivals of one race; `clear` on a restart. Holds one `CarSprite` per (model, number) seen."""

    def __init__(self) -> None:
        self._specs: dict[str, CarSpec] = {}
        self._sprites: dict[tuple[str, int], CarSprite] = {}
        self._turned: OrderedDict[tuple[str, int, bool, bool, int, int], pygame.Surface] = OrderedDict()
        self._tags: dict[int, pygame.Surface] = {}
        self.drawn = 0
        """Rivals drawn by the last `draw` (on screen)."""

    def clear(self) -> None:
        self._turned.clear()

    def spec(self, model_id: str) -> CarSpec:
        spec = self._specs.get(model_id)
        if spec is None:
            spec = self._specs[model_id] = load_car_model(model_id)
        return spec

    def sprite(self, model_id: str, number: int) -> CarSprite:
        key = (model_id, number)
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = self._sprites[key] = CarSprite(self.spec(model_id), number)
        return sprite

    def draw(
        self,
        target: pygame.Surface,
        camera: Camera,
        prev: Sequence[RivalSnapshot],
        cur: Sequence[RivalSnapshot],
        alpha: float,
        particles: Particles | None = None,
        dt_s: float = 0.0,
    ) -> int:
        """Draw every rival of `cur` on screen (and let each throw its dust into `particles`)."""
        before = {r.number: r for r in prev}
        w, h = target.get_size()
        ppm = camera.pixels_per_m
        sun_x, sun_y = sun_on_screen(camera.angle_rad)
        lift = 0.55 * ppm
        shadow_offset = (-sun_x * lift, -sun_y * lift)
        drawn = 0
        plates: list[pygame.Rect] = []
        for rival in cur:
            last = before.get(rival.number)
            x, y, heading = rival_pose(last, rival, alpha)
            if particles is not None:
                self._dust(particles, rival, x, y, heading, dt_s)
            sx, sy = camera.world_to_screen(x, y)
            if not (-OFF_SCREEN_PX < sx < w + OFF_SCREEN_PX and -OFF_SCREEN_PX < sy < h + OFF_SCREEN_PX):
                continue
            screen_angle = heading - camera.angle_rad + math.pi / 2
            braking = is_braking(last, rival)
            shade = self._sprite_turned(rival, braking, ppm, screen_angle, shadow=True)
            target.blit(shade, shade.get_rect(center=(sx + shadow_offset[0], sy + shadow_offset[1])))
            body = self._sprite_turned(rival, braking, ppm, screen_angle, shadow=False)
            box = target.blit(body, body.get_rect(center=(sx, sy)))
            tag = self.tag(rival.number)
            plate = tag.get_rect(midleft=(box.right + 2, sy))
            for other in plates:  # cars nose to tail: their plates stack instead of covering each other
                if plate.colliderect(other):
                    plate.top = other.bottom + 1
            plates.append(plate)
            target.blit(tag, plate)
            drawn += 1
        self.drawn = drawn
        return drawn

    def tag(self, number: int) -> pygame.Surface:
        """The number plate drawn beside a rival: its number in cream on a dark, rounded plate."""
        tag = self._tags.get(number)
        if tag is None:
            text = text_surface(str(number), "digits", TAG_SIZE_PX, TAG_TEXT)
            tag = pygame.Surface((text.get_width() + 8, text.get_height() + 2), pygame.SRCALPHA, 32)
            pygame.draw.rect(tag, TAG_INK, tag.get_rect(), border_radius=4)
            tag.blit(text, (4, 1))
            self._tags[number] = tag
        return tag

    def _dust(
        self, particles: Particles, rival: RivalSnapshot, x: float, y: float, heading: float, dt: float
    ) -> None:
        chassis = self.spec(rival.model_id).chassis
        wheels = wheel_positions(
            x, y, heading, chassis.cg_to_front_m, chassis.cg_to_rear_m, chassis.width_m * 0.5 - 0.2
        )
        velocity = (rival.speed_ms * math.cos(heading), rival.speed_ms * math.sin(heading))
        particles.throw(
            rival.number, rival.surface, rival.speed_ms, rival.slip, velocity, wheels, heading, dt
        )

    def _sprite_turned(
        self, rival: RivalSnapshot, braking: bool, ppm: float, screen_angle: float, *, shadow: bool
    ) -> pygame.Surface:
        bucket = round(math.degrees(screen_angle) / ANGLE_STEP_DEG) % round(360 / ANGLE_STEP_DEG)
        zoom_key = round(car_draw_ppm(ppm) * 8)
        key = (
            rival.model_id,
            0 if shadow else rival.number,
            braking and not shadow,
            shadow,
            zoom_key,
            bucket,
        )
        turned = self._turned.get(key)
        if turned is not None:
            self._turned.move_to_end(key)
            return turned
        sprite = self.sprite(rival.model_id, rival.number)
        source = sprite.shadow() if shadow else sprite.variant(0.0, braking)
        turned = pygame.transform.rotozoom(source, bucket * ANGLE_STEP_DEG, zoom_key / 8 / SPRITE_PPM)
        self._turned[key] = turned
        while len(self._turned) > MAX_TURNED:
            self._turned.popitem(last=False)
        return turned
