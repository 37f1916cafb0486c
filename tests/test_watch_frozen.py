"""`positional_builder` makes the very objects a frozen dataclass's own constructor makes, only faster."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass

import pytest

from game.sim.snapshot import CarSnapshot, make_car_snapshot
from watch_core import LabOne, WatchState
from watch_core.frozen import positional_builder


@dataclass(frozen=True, slots=True)
class Reading:
    value: float
    label: str
    flags: tuple[int, ...] = ()


def test_a_built_value_is_the_class_own_value_equal_hashing_and_frozen() -> None:
    build = positional_builder(Reading)
    made = build(0.1 + 0.2, "dial", (1, 2))
    plain = Reading(0.1 + 0.2, "dial", (1, 2))
    assert type(made) is Reading
    assert made == plain
    assert hash(made) == hash(plain)
    assert repr(made) == repr(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = 1.0  # type: ignore[misc]
    assert dataclasses.replace(made, label="bezel") == Reading(0.1 + 0.2, "bezel", (1, 2))
    assert pickle.loads(pickle.dumps(made)) == plain


def test_defaults_and_keywords_work_as_in_the_dataclass() -> None:
    build = positional_builder(Reading)
    assert build(1.0, "a") == Reading(1.0, "a")
    assert build(value=2.0, label="b", flags=(3,)) == Reading(2.0, "b", (3,))
    with pytest.raises(TypeError):
        build(1.0)


def test_the_watch_state_is_the_one_the_dataclass_would_make() -> None:
    watch = LabOne(time_of_day_s=3600.0, let_down_scale=1440.0)
    watch.advance(12.345)
    watch.rotor_wind(0.001)
    state = watch.state
    fields = [getattr(state, f.name) for f in dataclasses.fields(WatchState)]
    assert type(state) is WatchState
    assert state == WatchState(*fields)


def test_a_car_snapshot_is_the_one_the_dataclass_would_make() -> None:
    fields = [1.5, -2.0, 0.3, 4.0, 5.0, 6.4, 0.1, -0.2, 3200.0, 2, 0.5, 0.0, False]
    fields += [0.7, 0.2, 0.9, "asphalt", "gravel", 0.0, True]
    assert make_car_snapshot(*fields) == CarSnapshot(*fields)
    assert type(make_car_snapshot(*fields)) is CarSnapshot


@dataclass(frozen=True)
class Unslotted:
    value: float


@dataclass(slots=True)
class Mutable:
    value: float


@dataclass(frozen=True, slots=True)
class Checked:
    value: float

    def __post_init__(self) -> None:
        if self.value < 0.0:
            raise ValueError("negative")


@pytest.mark.parametrize("cls", [Unslotted, Mutable, Checked, int])
def test_it_refuses_classes_whose_constructor_does_more_than_store_fields(cls: type) -> None:
    with pytest.raises(TypeError):
        positional_builder(cls)
