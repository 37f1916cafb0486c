"""Which race to run, as the scenes hand it on: stage select and the route choose it, the race runs it, the
results screen runs it again. A value of its own, so none of them has to import the race scene for it."""

from __future__ import annotations

from dataclasses import dataclass

from game.scenes.context import Context
from game.sim.cars import DEFAULT_CAR_ID, car_ids
from game.sim.race_types import RaceSettings
from game.sim.track import load_route, load_track
from game.speedrun.categories import category_for_race


@dataclass(frozen=True, slots=True)
class RaceSetup:
    """Which race to run: the track, the speedrun category it counts for, and the settings it runs with."""

    track_id: str
    category: str
    settings: RaceSettings
    car_number: int

    @classmethod
    def for_stage(cls, ctx: Context, track_id: str, *, laps: int | None = None) -> RaceSetup:
        track = load_track(track_id)
        settings = race_settings_from(ctx, laps=laps)
        laps_run = laps if laps is not None else track.laps
        return cls(
            track_id, category_for_race(track, laps_run).name, settings, ctx.settings.gameplay.car_number
        )

    @classmethod
    def for_circuit(cls, ctx: Context, laps: int) -> RaceSetup:
        return cls.for_stage(ctx, load_route().circuit_id, laps=laps)


def race_settings_from(ctx: Context, *, laps: int | None = None) -> RaceSettings:
    gameplay = ctx.settings.gameplay
    car_id = gameplay.car_id if gameplay.car_id in car_ids() else DEFAULT_CAR_ID
    return RaceSettings(
        car_id=car_id,
        difficulty=gameplay.difficulty,  # type: ignore[arg-type]
        gearbox=gameplay.gearbox,  # type: ignore[arg-type]
        assisted_flyback=gameplay.assisted_flyback,
        laps=laps,
    )
