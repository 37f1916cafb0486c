"""What each surface does to a tyre: grip, rolling resistance, drag, and how rough it rides.

Frozen data, looked up by the names the track format uses (`game.sim.track.SURFACES`). Loose surfaces have
less grip and a softer, more progressive tyre curve (`stiffness` below 1 moves the peak slip angle out), which
is what lets a car drift on gravel instead of snapping round.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.track import SURFACES


@dataclass(frozen=True, slots=True)
class Surface:
    """One surface's effect on a car.

    `grip` multiplies the tyre's own friction coefficient; `stiffness` multiplies its cornering stiffness
    (the peak slip angle is divided by it); `rolling_resistance` is a coefficient of the axle load;
    `drag_per_s` a speed-proportional deceleration (loose material piling up in front of the tyres);
    `roughness` in 0..1 is how hard the surface shakes the car (the watch's self-winding rotor, tyre sound).
    """

    name: str
    grip: float
    stiffness: float
    rolling_resistance: float
    drag_per_s: float
    roughness: float


ASPHALT = Surface(
    "asphalt", grip=1.00, stiffness=1.00, rolling_resistance=0.015, drag_per_s=0.0, roughness=0.02
)
COBBLES = Surface(
    "cobbles", grip=0.82, stiffness=0.90, rolling_resistance=0.022, drag_per_s=0.0, roughness=0.60
)
GRAVEL = Surface(
    "gravel", grip=0.64, stiffness=0.60, rolling_resistance=0.035, drag_per_s=0.03, roughness=0.75
)
GRASS = Surface("grass", grip=0.50, stiffness=0.55, rolling_resistance=0.060, drag_per_s=0.08, roughness=0.50)
VERGE = Surface("verge", grip=0.70, stiffness=0.70, rolling_resistance=0.040, drag_per_s=0.04, roughness=0.40)

SURFACE_BY_NAME: dict[str, Surface] = {s.name: s for s in (ASPHALT, COBBLES, GRAVEL, GRASS, VERGE)}
"""Every surface of the track format, by name (read-only use: never iterated into the physics)."""


def surface(name: str) -> Surface:
    """The surface called `name`; a KeyError names the valid ones."""
    try:
        return SURFACE_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown surface {name!r}; valid: {', '.join(SURFACES)}") from None
