"""The field's car models: the player's format and parser, never the player's choice, and each one drivable.

Each model is driven by the autopilot for a minute of the first stage, so a model whose figures the physics
cannot hold (a car that spins, cannot climb, or hunts between gears) fails here, long before an AI driver
meets it.
"""

from __future__ import annotations

from functools import cache

import pytest

from game.sim.cars import (
    CarError,
    car_ids,
    cars_dir,
    field_cars_dir,
    load_car,
    load_car_model,
    model_ids,
)
from game.sim.race_types import RaceSettings
from game.sim.snapshot import RaceSnapshot
from game.sim.track_catalog import load_track
from game.speedrun.session import drive

FIELD_MODELS = tuple(sorted(p.stem for p in field_cars_dir().glob("*.json")))
DRIVE_TICKS = 300 + 60 * 100
"""The countdown and one minute of racing."""


@cache
def one_minute(model_id: str) -> tuple[int, float, bool]:
    """(recoveries, top speed in m/s, finished) after a minute of the first stage under the autopilot."""
    top = 0.0

    def watch(snapshot: RaceSnapshot) -> None:
        nonlocal top
        top = max(top, snapshot.car.speed_ms)

    car = load_car_model(model_id)
    run = drive(
        load_track("01-brescia-verona"),
        car,
        RaceSettings(clear_road=True, car_id=model_id),
        max_ticks=DRIVE_TICKS,
        on_tick=watch,
    )
    return run.final.recoveries, top, run.result.finished


def test_the_field_has_its_own_models_and_the_player_keeps_the_choice() -> None:
    assert len(FIELD_MODELS) >= 8
    assert set(car_ids()) == {p.stem for p in cars_dir().glob("*.json")}
    assert not set(FIELD_MODELS) & set(car_ids())  # one id, one file
    assert model_ids() == tuple(sorted((*car_ids(), *FIELD_MODELS)))
    with pytest.raises(CarError, match="no car 'fiat_1100_tv'; valid ids: ferrari_166_mm"):
        load_car("fiat_1100_tv")  # a field model is never the player's car (nor a replay's)
    assert load_car_model("mercedes_300_slr") == load_car("mercedes_300_slr")


def test_an_unknown_or_malformed_model_id_lists_every_model() -> None:
    for model_id in ("fiat_topolino", "../cars/mercedes_300_slr", ""):
        with pytest.raises(CarError, match="valid ids: alfa_romeo_1900_ti, "):
            load_car_model(model_id)


@pytest.mark.parametrize("model_id", FIELD_MODELS)
def test_each_field_model_loads_and_the_autopilot_drives_it_cleanly(model_id: str) -> None:
    spec = load_car_model(model_id)
    assert spec.id == model_id
    assert spec.livery.race_number % 100 < 60
    recoveries, top_ms, finished = one_minute(model_id)
    assert recoveries == 0
    assert not finished
    assert top_ms > 20.0  # it got going: over 72 km/h even in the diesel


def test_the_small_cars_are_slower_than_the_big_sports_cars() -> None:
    small = ("renault_4cv", "stanguellini_750_sport")
    big = ("ferrari_750_monza", "maserati_300s", "ferrari_118_lm", "austin_healey_100s")
    assert max(one_minute(m)[1] for m in small) < min(one_minute(m)[1] for m in big)
    slowest = min(FIELD_MODELS, key=lambda m: one_minute(m)[1])
    assert slowest == "mercedes_180_d"  # 40 PS: the slowest car of the race (the diesels left first)
