"""Surfaces: one per name of the track format, ordered from grippy and smooth to loose and rough."""

from __future__ import annotations

import pytest

from game.sim.surfaces import SURFACE_BY_NAME, surface
from game.sim.track import SURFACES


def test_every_track_surface_has_physics() -> None:
    assert tuple(SURFACE_BY_NAME) == SURFACES


def test_grip_falls_and_drag_rises_from_asphalt_to_grass() -> None:
    order = [surface(n) for n in ("asphalt", "cobbles", "verge", "gravel", "grass")]
    grips = [s.grip for s in order]
    assert grips == sorted(grips, reverse=True)
    assert surface("asphalt").rolling_resistance < surface("gravel").rolling_resistance
    assert surface("gravel").rolling_resistance < surface("grass").rolling_resistance
    assert surface("asphalt").drag_per_s == 0.0 < surface("gravel").drag_per_s < surface("grass").drag_per_s


def test_cobbles_and_gravel_shake_the_car_asphalt_barely() -> None:
    assert surface("asphalt").roughness < 0.05
    assert surface("cobbles").roughness >= 0.5 and surface("gravel").roughness >= 0.5
    assert all(0.0 <= s.roughness <= 1.0 for s in SURFACE_BY_NAME.values())


def test_an_unknown_surface_names_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="asphalt, cobbles, gravel, grass, verge"):
        surface("ice")
