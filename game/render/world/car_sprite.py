"""The car, drawn in code from its livery: a 1950s racer seen from above.

An enveloping body with a long bonnet (or the Porsche's short nose and engine deck behind the seats, or the
Gullwing's roof), headlights, a stripe, the white number roundel, a small wrap-round screen, the driver's
white helmet (and the riding mechanic's), tyres that peek out and front wheels that steer, brake lights
that glow when braking. Drawn once at high resolution and smoothed down; per frame only a cached variant
(steering, braking) is turned and scaled with `rotozoom`.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import pygame

from game.render.world import palette
from game.render.world.palette import Rgb
from game.sim.cars import CarSpec

SPRITE_PPM = 16.0
"""Resolution of the cached variants; rotozoom brings them to the view's scale with smoothing."""

CAR_DRAW_SCALE = 1.2
"""The car is drawn a fifth larger than the ground's scale, as top-down racers do, so it reads at a glance at
speed; its collision shape keeps the true size."""

CAR_MIN_PPM = 7.8
"""...and never smaller than this many pixels per metre, however far the camera zooms out to show the road
ahead at speed (docs/performance.md): the shortest car (3.62 m) stays 28 px long, the 300 SLR 34 px."""

DRAW_PPM = 48.0
"""Resolution the car is painted at before being smoothed down."""

STEER_STEPS = 7
"""Front-wheel positions drawn each side of straight ahead."""

MAX_VARIANTS = 64
SHADOW_ALPHA = 110


def car_draw_ppm(ppm: float) -> float:
    """Pixels per metre the car is drawn at over ground drawn at `ppm`."""
    return max(ppm * CAR_DRAW_SCALE, CAR_MIN_PPM)


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


class CarSprite:
    """One car's look: variants by steering and braking, its shadow, and the ghost's translucent copy."""

    def __init__(self, spec: CarSpec, number: int) -> None:
        self.spec = spec
        self.number = number
        self.livery = spec.livery
        self.length_m = spec.chassis.length_m
        self.width_m = spec.chassis.width_m
        self.wheelbase_m = spec.chassis.wheelbase_m
        self.cg_to_front_m = spec.chassis.cg_to_front_m
        self.max_steer_rad = spec.steering.max_angle_rad
        self._variants: OrderedDict[tuple[int, bool], pygame.Surface] = OrderedDict()
        self._shadow: pygame.Surface | None = None
        self._font: pygame.font.Font | None = None

    # -- geometry in the sprite: nose along +x, the car's left side up (-y) -------------------------
    @property
    def _size_px(self) -> tuple[int, int]:
        return (math.ceil((self.length_m + 0.6) * DRAW_PPM), math.ceil((self.width_m + 0.6) * DRAW_PPM))

    def _outline(self, inset_m: float = 0.0) -> list[tuple[float, float]]:
        """The body's plan: a long bonnet, swelling over the wheels, tapering to a rounded tail."""
        w, h = self._size_px
        cx, cy = w * 0.5, h * 0.5
        half_l = self.length_m * 0.5
        half_w = self.width_m * 0.5 - inset_m
        style = self.livery.body_style
        front_axle = self.cg_to_front_m
        rear_axle = front_axle - self.wheelbase_m
        pts_top = []
        steps = 48
        for i in range(steps + 1):
            t = i / steps
            x = _lerp(-half_l + inset_m, half_l - inset_m, t)
            u = x / half_l
            nose = 1.0 - max(0.0, u) ** (7 if style == "coupe" else 5)
            tail = 1.0 - max(0.0, -u) ** (4 if style == "spyder" else 5)
            width = half_w * math.sqrt(max(0.0, nose)) * math.sqrt(max(0.0, tail))
            # Wings swell over each axle and the flanks pinch in a little at the doors.
            for axle in (front_axle, rear_axle):
                width += 0.05 * half_w * math.exp(-(((x - axle) / 0.55) ** 2))
            width -= 0.04 * half_w * math.exp(-(((x - (front_axle + rear_axle) / 2) / 0.6) ** 2))
            if style == "barchetta":
                width *= 1.0 - 0.10 * max(0.0, u - 0.55) / 0.45
            pts_top.append((cx + x * DRAW_PPM, cy - max(0.0, width) * DRAW_PPM))
        pts_bottom = [(x, 2 * cy - y) for x, y in reversed(pts_top)]
        return pts_top + pts_bottom

    def _axles(self) -> tuple[float, float]:
        """Sprite x of the front and rear axles (the body, and the car's reference point, is centred)."""
        w, _ = self._size_px
        return (
            w * 0.5 + self.cg_to_front_m * DRAW_PPM,
            w * 0.5 + (self.cg_to_front_m - self.wheelbase_m) * DRAW_PPM,
        )

    # -- painting ----------------------------------------------------------------------------------
    def _paint(self, steer_rad: float, braking: bool) -> pygame.Surface:
        w, h = self._size_px
        surf = pygame.Surface((w, h), pygame.SRCALPHA, 32)
        cy = h * 0.5
        k = DRAW_PPM
        body: Rgb = self.livery.body_rgb
        front_x, rear_x = self._axles()
        track_half = (self.width_m * 0.5 - 0.2) * k
        tyre_l, tyre_w = 0.62 * k, 0.2 * k
        for axle, steer in ((front_x, steer_rad), (rear_x, 0.0)):
            for side in (-1, 1):
                self._tyre(surf, axle, cy + side * track_half, tyre_l, tyre_w, steer)

        outline = self._outline()
        pygame.draw.polygon(surf, palette.shade(body, 0.55), outline)
        # Rounded bodywork: lighter towards the spine.
        for inset, tone in ((0.06, 0.78), (0.2, 0.92), (0.36, 1.04), (0.52, 1.14)):
            pygame.draw.polygon(surf, palette.shade(body, tone), self._outline(inset))

        style = self.livery.body_style
        half_l = self.length_m * 0.5
        cx = w * 0.5
        stripe = self.livery.stripe_rgb
        # A stripe down the middle, nose to tail.
        pygame.draw.rect(
            surf, stripe, (cx - (half_l - 0.15) * k, cy - 0.13 * k, (2 * half_l - 0.3) * k, 0.26 * k)
        )
        # Nose: grille mouth and headlights.
        nose_x = cx + (half_l - 0.06) * k
        pygame.draw.ellipse(surf, (30, 28, 26), (nose_x - 0.16 * k, cy - 0.3 * k, 0.2 * k, 0.6 * k))
        for side in (-1, 1):
            hx = nose_x - 0.42 * k
            hy = cy + side * (self.width_m * 0.5 - 0.32) * k
            pygame.draw.circle(surf, (250, 246, 222), (hx, hy), 0.13 * k)
            pygame.draw.circle(surf, (196, 190, 160), (hx, hy), 0.13 * k, max(1, round(0.03 * k)))
        # Brake lights at the tail.
        tail_x = cx - (half_l - 0.12) * k
        lamp: Rgb = (255, 60, 40) if braking else (120, 20, 20)
        for side in (-1, 1):
            ly = cy + side * (self.width_m * 0.5 - 0.3) * k
            pygame.draw.ellipse(surf, lamp, (tail_x - 0.06 * k, ly - 0.09 * k, 0.14 * k, 0.18 * k))
        if braking:
            glow = pygame.Surface((w, h), pygame.SRCALPHA, 32)
            for side in (-1, 1):
                ly = cy + side * (self.width_m * 0.5 - 0.3) * k
                pygame.draw.circle(glow, (255, 40, 20, 80), (tail_x - 0.05 * k, ly), 0.26 * k)
            surf.blit(glow, (0, 0))

        cockpit_x = cx - (0.1 if style == "spyder" else 0.35) * k
        if style == "coupe":
            self._roof(surf, cockpit_x, cy, body)
        else:
            self._open_cockpit(surf, cockpit_x, cy, body, two_up=True)
        if style == "spyder":
            for n in range(6):
                gx = cockpit_x - (0.95 + n * 0.12) * k
                pygame.draw.line(
                    surf,
                    palette.shade(body, 0.6),
                    (gx, cy - 0.35 * k),
                    (gx, cy + 0.35 * k),
                    max(1, round(0.03 * k)),
                )
        self._roundel(surf, cx + (half_l * 0.42) * k, cy)
        return surf

    @staticmethod
    def _tyre(surf: pygame.Surface, x: float, y: float, length: float, width: float, steer: float) -> None:
        c, s = math.cos(steer), math.sin(steer)
        corners = [
            (x + c * a + s * b, y - s * a + c * b)
            for a, b in (
                (-length / 2, -width / 2),
                (length / 2, -width / 2),
                (length / 2, width / 2),
                (-length / 2, width / 2),
            )
        ]
        pygame.draw.polygon(surf, (26, 24, 24), corners)

    def _open_cockpit(self, surf: pygame.Surface, x: float, cy: float, body: Rgb, two_up: bool) -> None:
        k = DRAW_PPM
        seat_off = 0.3 * k
        leather = (92, 52, 36)
        # The cockpit opening: a rounded well in the body, leather inside, a darker lip.
        well = pygame.Rect(0, 0, round(1.05 * k), round(1.08 * k))
        well.center = (round(x - 0.05 * k), round(cy))
        pygame.draw.ellipse(surf, palette.shade(body, 0.5), well.inflate(round(0.08 * k), round(0.08 * k)))
        pygame.draw.ellipse(surf, leather, well)
        # Headrest fairing behind the driver, in body colour.
        fairing = pygame.Rect(0, 0, round(0.9 * k), round(0.34 * k))
        fairing.midright = (round(x - 0.38 * k), round(cy + seat_off))
        pygame.draw.ellipse(surf, palette.shade(body, 0.75), fairing.inflate(2, 2))
        pygame.draw.ellipse(surf, palette.shade(body, 1.08), fairing)
        # Small aero screens in front of each seat: a pale curved sliver.
        for side in (1, -1) if two_up else (1,):
            sx = x + 0.5 * k
            sy = cy + side * seat_off
            pts = [
                (sx + 0.1 * k * math.cos(t), sy + 0.26 * k * math.sin(t))
                for t in (-1.3, -0.8, -0.3, 0.0, 0.3, 0.8, 1.3)
            ]
            pygame.draw.lines(surf, (214, 232, 238), False, pts, max(2, round(0.06 * k)))
        # Driver (right-hand seat, as in the period) in a white helmet; the navigator in leather.
        for side, helmet in ((1, (244, 242, 234)), (-1, (150, 104, 64))):
            if side == -1 and not two_up:
                continue
            hx, hy = x + 0.02 * k, cy + side * seat_off
            pygame.draw.circle(surf, (52, 40, 34), (hx - 0.12 * k, hy), 0.2 * k)  # shoulders
            pygame.draw.circle(surf, palette.shade(helmet, 0.7), (hx, hy), 0.17 * k)
            pygame.draw.circle(surf, helmet, (hx - 0.015 * k, hy - 0.015 * k), 0.145 * k)
            pygame.draw.circle(surf, palette.shade(helmet, 1.15), (hx + 0.03 * k, hy - 0.05 * k), 0.05 * k)
            pygame.draw.line(
                surf,
                (40, 36, 34),
                (hx + 0.11 * k, hy - 0.09 * k),
                (hx + 0.11 * k, hy + 0.09 * k),
                max(2, round(0.05 * k)),
            )  # goggles

    @staticmethod
    def _roof(surf: pygame.Surface, x: float, cy: float, body: Rgb) -> None:
        k = DRAW_PPM
        glass = (120, 146, 160)
        roof = pygame.Rect(0, 0, round(1.55 * k), round(1.18 * k))
        roof.center = (round(x - 0.05 * k), round(cy))
        pygame.draw.ellipse(surf, glass, roof.inflate(round(0.22 * k), round(0.1 * k)))
        pygame.draw.ellipse(surf, palette.shade(body, 1.12), roof.inflate(-round(0.3 * k), -round(0.16 * k)))
        # The gull-wing doors' hinge line down the roof.
        pygame.draw.line(
            surf,
            palette.shade(body, 0.8),
            (roof.left + 0.25 * k, cy),
            (roof.right - 0.25 * k, cy),
            max(1, round(0.025 * k)),
        )

    def _roundel(self, surf: pygame.Surface, x: float, cy: float) -> None:
        k = DRAW_PPM
        r = 0.3 * k
        pygame.draw.circle(surf, self.livery.roundel_rgb, (x, cy), r)
        if self._font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            self._font = pygame.font.Font(None, round(0.44 * k))
        text = self._font.render(str(self.number), True, self.livery.number_rgb)
        # Numbers are read from the side of the car: turn the text to run along the body.
        text = pygame.transform.rotate(text, 90)
        if text.get_height() > 1.7 * r:
            text = pygame.transform.smoothscale_by(text, 1.7 * r / text.get_height())
        surf.blit(text, text.get_rect(center=(x, cy)))

    # -- cached variants ---------------------------------------------------------------------------
    def steer_step(self, steer_rad: float) -> int:
        t = max(-1.0, min(1.0, steer_rad / self.max_steer_rad)) if self.max_steer_rad > 0 else 0.0
        return round(t * STEER_STEPS)

    def variant(self, steer_rad: float, braking: bool) -> pygame.Surface:
        key = (self.steer_step(steer_rad), braking)
        sprite = self._variants.get(key)
        if sprite is None:
            big = self._paint(key[0] / STEER_STEPS * self.max_steer_rad, braking)
            sprite = self._recentred(big)
            self._variants[key] = sprite
            while len(self._variants) > MAX_VARIANTS:
                self._variants.popitem(last=False)
        return sprite

    @staticmethod
    def _recentred(big: pygame.Surface) -> pygame.Surface:
        """The painting smoothed down to SPRITE_PPM (the car's centre stays the sprite's centre)."""
        scale = SPRITE_PPM / DRAW_PPM
        w, h = big.get_size()
        return pygame.transform.smoothscale(big, (max(1, round(w * scale)), max(1, round(h * scale))))

    def shadow(self) -> pygame.Surface:
        if self._shadow is None:
            w, h = self._size_px
            big = pygame.Surface((w, h), pygame.SRCALPHA, 32)
            pygame.draw.polygon(big, (0, 0, 0, SHADOW_ALPHA), self._outline(-0.05))
            soft = pygame.transform.box_blur(self._recentred(big), 2)
            self._shadow = soft
        return self._shadow

    def draw(
        self,
        target: pygame.Surface,
        pos: tuple[float, float],
        screen_angle_rad: float,
        ppm: float,
        steer_rad: float,
        braking: bool,
        alpha: int = 255,
        shadow_offset: tuple[float, float] | None = None,
    ) -> pygame.Rect:
        """Blit the car with its CG at screen `pos`, nose pointing at `screen_angle_rad` (CCW from +x)."""
        scale = car_draw_ppm(ppm) / SPRITE_PPM
        degrees = math.degrees(screen_angle_rad)
        if shadow_offset is not None:
            shade = pygame.transform.rotozoom(self.shadow(), degrees, scale)
            if alpha < 255:
                shade.set_alpha(alpha)
            target.blit(shade, shade.get_rect(center=(pos[0] + shadow_offset[0], pos[1] + shadow_offset[1])))
        sprite = pygame.transform.rotozoom(self.variant(steer_rad, braking), degrees, scale)
        if alpha < 255:
            sprite.set_alpha(alpha)
        return target.blit(sprite, sprite.get_rect(center=pos))
