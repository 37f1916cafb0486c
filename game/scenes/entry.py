"""The player's entry: the car and the start number they race with (docs/design.md §9), chosen on the stage
select or the settings screen and kept in the settings, so every stage and the route start with it.

The numbers offered are the player's reserved ones (no entrant of the field takes them, so the player never
shares a start minute) and each car's own livery number: #722, the default, is Moss and Jenkinson's, off at
07:22 behind most of the field.
"""

from __future__ import annotations

from dataclasses import replace

from game.settings import Settings
from game.sim.cars import DEFAULT_CAR_ID, car_ids, load_car
from game.sim.field import load_field
from game.sim.route import start_time_from_number
from game.timefmt import format_time_of_day

FAMOUS_CAR_NUMBERS = (722,)
"""Offered besides each car's own livery number and the field's reserved numbers."""


def entry_numbers() -> tuple[int, ...]:
    """The start numbers the player may pick, in order: start times (hhmm) with minutes under 60."""
    numbers = set(FAMOUS_CAR_NUMBERS) | set(load_field().reserved_numbers)
    for car_id in car_ids():
        numbers.add(load_car(car_id).livery.race_number)
    return tuple(sorted(n for n in numbers if 1 <= n <= 2359 and n % 100 < 60))


def start_time_label(car_number: int) -> str:
    """ "07:22" for car 722: the start number is the start time (docs/design.md §5)."""
    return format_time_of_day(start_time_from_number(car_number))[:5]


def number_label(car_number: int) -> str:
    return f"#{car_number}  ·  {start_time_label(car_number)}"


def entry_car_id(settings: Settings) -> str:
    """The car the player races: their chosen one, or the garage's default when none (or an unknown) is set."""
    car_id = settings.gameplay.car_id
    return car_id if car_id in car_ids() else DEFAULT_CAR_ID


def stepped(values: tuple, current: object, step: int) -> object:
    """The value `step` places from `current` in `values`, wrapping round; from a value not offered (a
    hand-edited number), the first or last."""
    if current not in values:
        return values[0] if step > 0 else values[-1]
    return values[(values.index(current) + step) % len(values)]


def with_car(settings: Settings, car_id: str) -> Settings:
    return replace(settings, gameplay=replace(settings.gameplay, car_id=car_id))


def with_number(settings: Settings, number: int) -> Settings:
    return replace(settings, gameplay=replace(settings.gameplay, car_number=number))
