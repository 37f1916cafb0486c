"""Which race the player asked for, built from their settings: stage select, results, the route and the
flow hand a `RaceSetup` on, so none of them has to import the race scene for it."""

from __future__ import annotations

from game.scenes.context import Context
from game.scenes.entry import entry_car_id
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.session import RaceSetup


def stage_setup(ctx: Context, track_id: str, *, laps: int | None = None) -> RaceSetup:
    """A stage or the circuit on its own, with the player's car, settings and number."""
    return RaceSetup.for_track(
        load_track(track_id), race_settings_from(ctx, laps=laps), ctx.settings.gameplay.car_number
    )


def circuit_setup(ctx: Context, laps: int) -> RaceSetup:
    return stage_setup(ctx, load_route().circuit_id, laps=laps)


def race_settings_from(ctx: Context, *, laps: int | None = None) -> RaceSettings:
    gameplay = ctx.settings.gameplay
    return RaceSettings(
        car_id=entry_car_id(ctx.settings),
        difficulty=gameplay.difficulty,  # type: ignore[arg-type]
        gearbox=gameplay.gearbox,  # type: ignore[arg-type]
        assisted_flyback=gameplay.assisted_flyback,
        laps=laps,
        rally="regularity" if ctx.rally == "regularity" and laps is None else "race",
        car_number=gameplay.car_number,
        clear_road=gameplay.clear_road,
    )
