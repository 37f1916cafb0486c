"""The 1955 field as data: its shape follows the entry list, the generator reproduces it byte for byte, and the
loader answers every broken field file with a FieldError naming the file and the field, and nothing else."""

from __future__ import annotations

import copy
import json
import random
import statistics
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_damaged_files import DAMAGE_SETTINGS, FAST_S, damaged, timed

from game.sim.cars import car_ids, load_car
from game.sim.field import (
    MAX_ENTRANTS,
    Field,
    FieldError,
    StartTime,
    field_path,
    load_field,
    parse_field,
)
from game.sim.route import DEFAULT_CAR_NUMBER, start_time_from_number
from tools.fieldgen.data import REAL_SURNAMES
from tools.fieldgen.generate import generate

RECORD_NUMBERS = {
    "gt-over-1300": (408, 449),
    "sport-1100": (512, 533),
    "sport-1500": (541, 558),
    "sport-2000": (615, 648),
    "sport-over-2000": (651, 728),
}
"""Where the 1955 entry list put these classes (docs/field.md): their numbers are the record's."""


@cache
def shipped() -> Field:
    return load_field()


def shipped_document() -> dict[str, Any]:
    return json.loads(field_path().read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------ the shape


def test_the_field_is_large_and_spans_the_classes_and_models_of_the_race() -> None:
    field = shipped()
    assert len(field.entrants) >= 150
    assert len(field.classes) >= 8
    assert {c.category for c in field.classes} == {"sport", "gt", "touring", "diesel"}
    assert len(field.models) >= 12
    assert set(car_ids()) <= {m.id for m in field.models}  # the player's cars race in the field too
    used = {e.model_id for e in field.entrants}
    assert used == {m.id for m in field.models}
    assert {e.class_id for e in field.entrants} == {c.id for c in field.classes}


def test_every_entrant_fits_its_class_by_engine_size() -> None:
    field = shipped()
    for entrant in field.entrants:
        assert field.field_class(entrant.class_id).admits(field.model(entrant.model_id).engine_cc), entrant


def test_the_start_runs_from_21_00_on_30_april_to_07_28_on_1_may_in_number_order() -> None:
    field = shipped()
    first, last = field.entrants[0], field.entrants[-1]
    assert first.start == StartTime((1955, 4, 30), 21 * 3600, 0)
    assert last.start == StartTime((1955, 5, 1), 7 * 3600 + 28 * 60, 10 * 3600 + 28 * 60)
    offsets = [e.start.offset_s for e in field.entrants]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    # The number is the start time: ascending through the evening, then again from the small hours.
    evening = [e.number for e in field.entrants if e.start.date == (1955, 4, 30)]
    morning = [e.number for e in field.entrants if e.start.date == (1955, 5, 1)]
    assert evening == sorted(evening) and evening[0] == 2100 and evening[-1] <= 2359
    assert morning == sorted(morning) and morning[-1] == 728
    assert len(evening) + len(morning) == len(field.entrants)
    for entrant in field.entrants:
        assert entrant.start.time_of_day_s == start_time_from_number(entrant.number)


def test_small_cars_start_first_and_the_record_numbers_hold() -> None:
    field = shipped()

    def mean_start(entrants: list[Any]) -> float:
        return statistics.fmean(e.start.offset_s for e in entrants)

    def of_category(category: str) -> list[Any]:
        ids = {c.id for c in field.classes if c.category == category}
        return [e for e in field.entrants if e.class_id in ids]

    categories = ["diesel", "touring", "gt", "sport"]
    means = [mean_start(of_category(c)) for c in categories]
    assert means == sorted(means), dict(zip(categories, means, strict=True))
    assert {e.class_id for e in field.entrants[:5]} == {"diesel"}  # the diesels left first
    sport = sorted((c for c in field.classes if c.category == "sport"), key=lambda c: c.above_cc)
    sport_means = [mean_start([e for e in field.entrants if e.class_id == c.id]) for c in sport]
    assert sport_means == sorted(sport_means)
    for class_id, (low, high) in RECORD_NUMBERS.items():
        numbers = [e.number for e in field.entrants if e.class_id == class_id]
        assert numbers and low <= min(numbers) and max(numbers) <= high, class_id


def test_the_player_starts_in_the_scheme_but_never_on_an_entrant_number() -> None:
    field = shipped()
    assert field.start_of(DEFAULT_CAR_NUMBER) == StartTime((1955, 5, 1), 7 * 3600 + 22 * 60, 37_320)
    player_numbers = {DEFAULT_CAR_NUMBER, *(load_car(c).livery.race_number for c in car_ids())}
    assert player_numbers <= set(field.reserved_numbers)
    assert not player_numbers & {e.number for e in field.entrants}
    # Moss left among the big cars: the minutes either side of 07:22 are sports cars over 2000 cc.
    for number in (721, 723):
        entrant = field.entrant(number)
        assert entrant is not None and entrant.class_id == "sport-over-2000"
    assert field.entrant(722) is None


def test_a_number_starts_on_the_evening_or_the_morning_of_its_hhmm() -> None:
    field = shipped()
    assert field.start_of(2359) == StartTime((1955, 4, 30), 86_340, 10_740)
    assert field.start_of(1) == StartTime((1955, 5, 1), 60, 10_860)
    assert field.start_of(2059) == StartTime((1955, 5, 1), 75_540, 86_340)
    with pytest.raises(FieldError, match="775 is not a start time"):
        field.start_of(775)


def test_crews_are_invented_and_each_name_is_used_once() -> None:
    names = [n for e in shipped().entrants for n in (e.driver, e.co_driver) if n is not None]
    assert len(names) == len(set(names))
    words = {word for name in names for word in name.replace('"', "").split()}
    assert not words & REAL_SURNAMES
    assert sum(e.co_driver is None for e in shipped().entrants) > 10  # some drove alone, as in 1955


def test_the_works_drivers_are_faster_and_give_way_less_than_the_tourists() -> None:
    field = shipped()

    def mean(class_id: str, value: str) -> float:
        return statistics.fmean(getattr(e.profile, value) for e in field.entrants if e.class_id == class_id)

    assert mean("sport-over-2000", "pace") > mean("turismo-1100", "pace") + 0.05
    assert mean("sport-over-2000", "give_way") < mean("turismo-1100", "give_way") - 0.2
    assert mean("sport-over-2000", "aggression") > mean("diesel", "aggression")
    paces = [e.profile.pace for e in field.entrants]
    assert min(paces) >= 0.8 and max(paces) <= 0.98


def test_the_entrants_come_out_in_start_order_whatever_order_the_file_lists_them() -> None:
    document = shipped_document()
    random.Random(7).shuffle(document["entrants"])
    assert parse_field(document, source=str(field_path())) == shipped()


# ------------------------------------------------------------------------------------------- the generator


def test_the_committed_field_is_what_the_generator_writes(tmp_path: Path) -> None:
    """Regenerating gives the shipped file byte for byte, twice: nobody hand-edited it."""
    for out in (tmp_path / "a", tmp_path / "b"):
        generated = generate(out)
        assert (out / field_path().name).read_bytes() == field_path().read_bytes()
        assert generated.entrants == shipped().entrants


# ------------------------------------------------------------------------------------------- the loader


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(format_version=2), r"format_version: this game reads version 1"),
        (lambda d: d.update(colour="red"), r"unknown key 'colour'"),
        (
            lambda d: d["entrants"][1].update(number=d["entrants"][0]["number"]),
            r"is taken by another entrant",
        ),
        (lambda d: d["entrants"][0].update(number=722), r"entrants\[0\].number: 722 is reserved"),
        (lambda d: d["entrants"][0].update(number=775), r"entrants\[0\].number: 775 is not a start time"),
        (lambda d: d["entrants"][0].update(number=0), r"entrants\[0\].number: 0 is out of range"),
        (lambda d: d["entrants"][0].update(number=10**18), r"out of range \(1 to 2359\)"),
        (lambda d: d["entrants"][0].update(number=21.5), r"expected an integer"),
        (lambda d: d["entrants"][0].update(model="fiat_topolino"), r"entrants\[0\].model: unknown model"),
        (
            lambda d: d["entrants"][0].update(**{"class": "sport-750"}),
            r"\(1767 cc\) does not fit class sport-750",
        ),
        (lambda d: d["entrants"][0].update(nation="XX"), r"entrants\[0\].nation: unknown nation 'XX'"),
        (lambda d: d["entrants"][0].update(driver="x" * 61), r"more than the 60 allowed"),
        (
            lambda d: d["entrants"][0].update(driver=" Hans"),
            r"entrants\[0\].driver: ' Hans' must be printable",
        ),
        (lambda d: d["entrants"][0].update(co_driver="\u0007"), r"co_driver: '\\x07' must be printable"),
        (lambda d: d["entrants"][0].update(co_driver=5), r"co_driver: expected a string"),
        (lambda d: d["entrants"][0]["profile"].update(pace=1.2), r"profile.pace: 1.2 is out of range"),
        (lambda d: d["entrants"][0]["profile"].update(pace=0.3), r"profile.pace: 0.3 is out of range"),
        (lambda d: d["entrants"][0]["profile"].update(give_way=-0.1), r"profile.give_way: -0.1 is out"),
        (lambda d: d["entrants"][0]["profile"].pop("aggression"), r"profile: missing key 'aggression'"),
        (lambda d: d.update(entrants=[]), r"entrants: is empty"),
        (lambda d: d.update(entrants=[{}] * (MAX_ENTRANTS + 1)), r"entrants: has 1441 items, more than"),
        (
            lambda d: d["models"].append({"id": "fiat_topolino", "engine_cc": 569}),
            r"no car model 'fiat_topolino'",
        ),
        (lambda d: d["models"].append(dict(d["models"][0])), r"models: model id '.*' appears twice"),
        (lambda d: d["models"][0].update(id="../cars/x"), r"models\[0\].id: '../cars/x' is not an id"),
        (lambda d: d["classes"][1].update(up_to_cc=0), r"classes\[1\].up_to_cc: 0 is out of range"),
        (lambda d: d["classes"][0].update(category="rally"), r"unknown category 'rally'"),
        (lambda d: d["classes"].append(dict(d["classes"][0])), r"class id 'diesel' appears twice"),
        (lambda d: d["first_start"].update(date=[1955, 2, 30]), r"1955-02-30 is not a date"),
        (lambda d: d["first_start"].update(hhmm=2160), r"first_start.hhmm: 2160 is not a start time"),
        (lambda d: d.update(reserved_numbers=[722, 722]), r"reserved_numbers: a number appears twice"),
    ],
)
def test_a_bad_field_document_names_the_file_and_the_field(edit: Any, message: str) -> None:
    document = copy.deepcopy(shipped_document())
    edit(document)
    with pytest.raises(FieldError, match=message) as info:
        parse_field(document, source="broken.json")
    assert str(info.value).startswith("broken.json: ")


def test_what_is_not_a_field_file_is_a_field_error(tmp_path: Path) -> None:
    with pytest.raises(FieldError, match="is a folder, not a regular file"):
        load_field(tmp_path)
    with pytest.raises(FieldError, match="cannot read"):
        load_field(tmp_path / "missing.json")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (600 * 1024))
    with pytest.raises(FieldError, match="too large"):
        load_field(huge)


@DAMAGE_SETTINGS
@given(data=st.data())
def test_a_damaged_field_file_is_a_field_error(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / field_path().name
    path.write_bytes(data.draw(damaged(shipped_document())))
    outcome, elapsed = timed(load_field, path)
    assert isinstance(outcome, Field | FieldError), repr(outcome)
    assert elapsed < FAST_S
    if isinstance(outcome, FieldError):
        assert str(outcome).startswith(f"{path}: ")
    else:  # the damage left a valid field (a key reordered, an entrant removed): it keeps its promises
        assert [e.start.offset_s for e in outcome.entrants] == sorted(
            e.start.offset_s for e in outcome.entrants
        )
        assert not {e.number for e in outcome.entrants} & set(outcome.reserved_numbers)
