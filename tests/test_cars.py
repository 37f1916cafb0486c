"""The shipped cars load, differ the way their descriptions say, and bad car files fail with clear errors."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from game.sim.cars import BODY_STYLES, DEFAULT_CAR_ID, CarError, car_ids, cars_dir, load_car, parse_car
from game.sim.drivetrain import engine_torque


def _doc(car_id: str = "porsche_550_spyder") -> dict[str, Any]:
    return json.loads((cars_dir() / f"{car_id}.json").read_text(encoding="utf-8"))


def _peak_power_w(car_id: str) -> float:
    en = load_car(car_id).engine
    rpms = [en.idle_rpm + i * (en.redline_rpm - en.idle_rpm) / 200 for i in range(201)]
    return max(engine_torque(en.curve_rpm, en.curve_nm, r) * r * 2 * 3.141592653589793 / 60 for r in rpms)


def test_every_shipped_car_loads_and_the_default_is_one_of_them() -> None:
    ids = car_ids()
    assert len(ids) >= 3
    assert DEFAULT_CAR_ID in ids
    for car_id in ids:
        spec = load_car(car_id)
        assert spec.id == car_id
        assert spec.livery.body_style in BODY_STYLES
        assert spec.livery.race_number % 100 < 60


def test_the_three_characters_light_tail_happy_and_heavy() -> None:
    light = load_car("porsche_550_spyder")
    wild = load_car("mercedes_300_slr")
    heavy = load_car("mercedes_300_sl")
    masses = {c: load_car(c).chassis.mass_kg for c in car_ids()}
    assert min(masses, key=masses.__getitem__) == light.id
    assert max(masses, key=masses.__getitem__) == heavy.id
    per_kg = {c: _peak_power_w(c) / masses[c] for c in car_ids()}
    assert max(per_kg, key=per_kg.__getitem__) == wild.id
    # Tail-happy: its rear tyres give up harder past the peak and grip less than its fronts.
    assert wild.tyres.rear.slide_ratio == min(load_car(c).tyres.rear.slide_ratio for c in car_ids())
    assert wild.tyres.rear.mu < wild.tyres.front.mu
    # Stable: the heavy car's fronts saturate first (understeer) and it turns slowest in yaw.
    assert heavy.tyres.front.mu < heavy.tyres.rear.mu
    inertia_per_kg = {c: load_car(c).chassis.yaw_inertia_kgm2 / masses[c] for c in car_ids()}
    assert min(inertia_per_kg, key=inertia_per_kg.__getitem__) == light.id
    assert wild.livery.race_number == 722


def test_unknown_car_lists_the_valid_ids() -> None:
    with pytest.raises(CarError, match="mercedes_300_slr"):
        load_car("fiat_topolino")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["chassis"].pop("mass_kg"), r"chassis lacks mass_kg"),
        (lambda d: d["engine"].update(turbo=True), r"engine has unknown keys turbo"),
        (lambda d: d["chassis"].update(mass_kg="heavy"), r"chassis.mass_kg must be a number"),
        (lambda d: d["chassis"].update(mass_kg=-5), r"chassis.mass_kg = -5 is outside"),
        (lambda d: d["engine"]["torque_curve"].reverse(), r"engine.torque_curve\[1\]: rpm must rise"),
        (lambda d: d["gearbox"].update(ratios=[1.0, 2.0]), r"gearbox.ratios must fall"),
        (lambda d: d["gearbox"].update(shift_down_rpm=6600), r"would hunt"),
        (lambda d: d["livery"].update(body_rgb=[0, 0, 300]), r"livery.body_rgb must be \[r, g, b\]"),
        (lambda d: d["livery"].update(body_style="saloon"), r"body_style 'saloon' is not one of"),
        (lambda d: d["livery"].update(race_number=775), r"is not a start time"),
        (lambda d: d["chassis"].update(cg_to_front_m=3.0), r"between the axles"),
        (lambda d: d["tyres"]["rear"].pop("shape"), r"tyres.rear lacks shape"),
    ],
)
def test_bad_car_documents_name_the_problem(edit: Any, message: str) -> None:
    doc = copy.deepcopy(_doc())
    edit(doc)
    with pytest.raises(CarError, match=message) as info:
        parse_car(doc, source="broken.json")
    assert str(info.value).startswith("broken.json: ")


def test_a_car_file_whose_id_differs_from_its_name_is_refused(tmp_path: Any) -> None:
    from game.sim.cars import load_car_file

    path = tmp_path / "other.json"
    path.write_text(json.dumps(_doc()), encoding="utf-8")
    with pytest.raises(CarError, match="does not match the file name"):
        load_car_file(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CarError, match=r"other\.json: cannot read car file"):
        load_car_file(path)
