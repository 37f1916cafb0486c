"""The world's colours and the few scale constants every part of the world view agrees on.

One warm, late-afternoon 1950s Italy: the sun stands low in the south-west, so every shadow falls to the
north-east. Colours are RGB tuples; landscapes are the track format's palette hints (`Track.landscape`).
"""

from __future__ import annotations

import math

Rgb = tuple[int, int, int]

PIXELS_PER_M = 10.0
"""Scale of the pre-rendered ground at zoom 1: a 4.5 m car is 45 pixels long."""

SUN_AZIMUTH_RAD = math.radians(225.0)
"""Where the sun is (world angle, CCW from east): south-west."""

SHADOW_DIR: tuple[float, float] = (-math.cos(SUN_AZIMUTH_RAD), -math.sin(SUN_AZIMUTH_RAD))
"""Unit vector (world) along which shadows fall: away from the sun, to the north-east."""

SHADOW_LENGTH_PER_M = 0.55
"""Shadow offset per metre of an object's height (a low, warm sun)."""

GROUND: dict[str, tuple[Rgb, Rgb]] = {
    # landscape: (ground colour, the colour its noise drifts towards)
    "plain": ((118, 142, 64), (150, 156, 72)),
    "lake": ((104, 138, 66), (140, 150, 78)),
    "coast": ((150, 150, 86), (184, 168, 110)),
    "hills": ((126, 140, 70), (168, 154, 84)),
    "mountain": ((92, 116, 66), (128, 126, 96)),
    "city": ((160, 146, 112), (182, 164, 124)),
    "tuscany": ((166, 150, 82), (196, 170, 96)),
    "pass": ((100, 118, 70), (138, 132, 100)),
}

AREA: dict[str, Rgb] = {
    "sea": (46, 110, 150),
    "lake": (62, 124, 150),
    "river": (70, 120, 132),
    "field": (176, 156, 84),
    "vineyard": (132, 120, 72),
    "olive_grove": (150, 140, 96),
    "wood": (58, 88, 48),
    "town": (176, 162, 128),
    "piazza": (196, 178, 146),
}

SEA_DEEP: Rgb = (30, 84, 128)
SAND: Rgb = (222, 204, 158)
FOAM: Rgb = (236, 240, 232)

FIELD_CROPS: tuple[tuple[Rgb, Rgb], ...] = (
    # (crop, furrow) pairs: ripe wheat, young wheat, lucerne, ploughed earth, stubble, maize
    ((204, 172, 88), (184, 150, 74)),
    ((132, 158, 70), (112, 138, 58)),
    ((96, 136, 62), (80, 118, 54)),
    ((138, 104, 70), (116, 86, 58)),
    ((214, 196, 134), (190, 170, 112)),
    ((150, 156, 66), (124, 134, 56)),
)

ASPHALT: Rgb = (96, 94, 90)
ASPHALT_WORN: Rgb = (120, 116, 106)
COBBLE_A: Rgb = (128, 118, 106)
COBBLE_B: Rgb = (150, 136, 116)
COBBLE_JOINT: Rgb = (84, 78, 70)
GRAVEL: Rgb = (184, 160, 118)
GRAVEL_RUT: Rgb = (156, 134, 98)
VERGE: Rgb = (168, 152, 106)
CENTRE_LINE: Rgb = (226, 220, 196)
EDGE_DIRT: Rgb = (146, 128, 94)

ROOF_TERRACOTTA: tuple[Rgb, ...] = ((186, 92, 58), (170, 84, 56), (198, 110, 70), (160, 98, 70))
WALL_STONE: Rgb = (196, 180, 150)
ROCK: Rgb = (150, 144, 134)
SCREE: Rgb = (168, 158, 136)
GARDEN: Rgb = (104, 132, 64)
TILLED: Rgb = (140, 108, 76)
PAVING: Rgb = (188, 176, 152)
HAY: Rgb = (214, 180, 96)

TREE: dict[str, tuple[Rgb, Rgb]] = {
    # kind: (shadowed side, lit side)
    "poplar": ((58, 92, 44), (120, 154, 70)),
    "cypress": ((30, 56, 36), (68, 100, 58)),
    "pine": ((46, 74, 50), (132, 150, 92)),
    "oak": ((52, 84, 40), (112, 142, 64)),
    "olive": ((96, 112, 84), (156, 168, 128)),
    "bush": ((62, 94, 46), (110, 140, 70)),
}

TRUNK: Rgb = (86, 66, 48)

MILLE_MIGLIA_RED: Rgb = (196, 30, 36)
BANNER_CLOTH: Rgb = (242, 234, 214)
TUBE_RUBBER: Rgb = (26, 24, 24)
LINE_PAINT: Rgb = (238, 236, 226)

DUST: dict[str, Rgb] = {
    "gravel": (200, 178, 136),
    "verge": (184, 166, 120),
    "grass": (120, 132, 72),
    "asphalt": (214, 212, 206),
    "cobbles": (206, 202, 194),
}
"""Colour of what the rear wheels throw up on each surface (tyre smoke on the paved ones)."""


def ground_colours(landscape: str) -> tuple[Rgb, Rgb]:
    """The landscape's ground colours; an unknown hint falls back to the plain."""
    return GROUND.get(landscape, GROUND["plain"])


def mix(a: Rgb, b: Rgb, t: float) -> Rgb:
    """`a` moved a fraction `t` towards `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shade(c: Rgb, k: float) -> Rgb:
    """`c` scaled by `k` (darker below 1, lighter above), clamped."""
    return (min(255, round(c[0] * k)), min(255, round(c[1] * k)), min(255, round(c[2] * k)))
