"""The watch's colours, in one place: black DLC and steel, warm ivory lume, gilt wheels and the racing red."""

from __future__ import annotations

from typing import Final

RGB = tuple[int, int, int]

DLC_DARK: Final[RGB] = (9, 9, 11)
DLC_BRIGHT: Final[RGB] = (196, 204, 218)
"""Black DLC titanium: near-black, and the cool grey it flashes where a polished facet faces the light."""
STEEL_DARK: Final[RGB] = (40, 42, 48)
STEEL_BRIGHT: Final[RGB] = (220, 224, 232)
GOLD_DARK: Final[RGB] = (84, 62, 26)
GOLD_BRIGHT: Final[RGB] = (234, 200, 132)
"""Gilt wheels and the balance: the one warm metal, seen through the black."""
IVORY: Final[RGB] = (238, 231, 212)
"""Warm off-white of the printing."""
LUME: Final[RGB] = (236, 230, 206)
"""The hands' and markers' luminous fill."""
RED: Final[RGB] = (212, 30, 36)
"""Mille Miglia red: the arrow, the redline, the brake caliper, the cast letters."""
RUBY: Final[RGB] = (164, 20, 50)
BLUED: Final[RGB] = (52, 84, 168)
"""Blued steel of the hairspring."""
