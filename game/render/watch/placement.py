"""Where the watch sits on the race screen: one rule for the race scene that draws it and for the camera's
look-ahead, which must not count road hidden behind it."""

from __future__ import annotations

HUD_BOTTOM_MARGIN_PX = 4
HUD_SIDE_MARGIN_PX = 12


def watch_centre(view_size: tuple[int, int], hud_size: tuple[int, int], position: str) -> tuple[int, int]:
    """The watch's centre: 4 px off the bottom, 12 px off the side it sits on ("bottom-left",
    "bottom-right"), or centred along the bottom."""
    width, height = view_size
    hud_w, hud_h = hud_size
    y = height - hud_h // 2 - HUD_BOTTOM_MARGIN_PX
    if position == "bottom-left":
        x = hud_w // 2 + HUD_SIDE_MARGIN_PX
    elif position == "bottom-right":
        x = width - hud_w // 2 - HUD_SIDE_MARGIN_PX
    else:
        x = width // 2
    return x, y


GLANCE_HEIGHT_FRACTION = 0.64
"""The glance raises the watch to this share of the screen's height: the small seconds read to the beat, and the
road stays visible on either side (docs/design.md §10)."""


def glance_height(view_size: tuple[int, int]) -> int:
    return round(view_size[1] * GLANCE_HEIGHT_FRACTION)


def glance_centre(view_size: tuple[int, int], hud_size: tuple[int, int], position: str) -> tuple[int, int]:
    """The raised watch: on the side the watch sits on (the right when it sits in the middle), so the car at the
    screen's centre and the line under it stay in sight; its bottom 4 px off the screen's bottom edge."""
    width, height = view_size
    hud_w, hud_h = hud_size
    y = height - hud_h // 2 - HUD_BOTTOM_MARGIN_PX
    if position == "bottom-left":
        return hud_w // 2 + HUD_SIDE_MARGIN_PX, y
    return width - hud_w // 2 - HUD_SIDE_MARGIN_PX, y
