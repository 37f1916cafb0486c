"""The field of the 1955 race as data (docs/design.md §9): who started, in what, when, and how they drive.

`assets/field/entrants-1955.json` is written by `python -m tools.fieldgen` (never by hand; docs/field.md). It
holds the classes by engine size, the car models the field drives with their engine sizes (each model is a car
file, read by `game.sim.cars.load_car_model`), and every entrant: number, crew, nation, model, class and driver
profile. The number is the start time, hhmm, as it is for the player (#722 leaves at 07:22): numbers from the
first start's hhmm (21:00) to 23:59 start on the first day, the others the next morning. The numbers the
player's cars carry are reserved, so the player never shares a start minute with an entrant.

Loading is strict and goes through the project's JSON reader: every count and every string is bounded and every
range checked before anything is done in proportion to a value, and each problem is a `FieldError` naming the
file and the field. The entrants come out in start order, whatever order the file lists them in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from game.resources import asset_path
from game.sim.cars import model_ids
from game.sim.data_file import ID_PATTERN, DataFileError, read_json_file
from game.sim.route import CarNumberError, start_time_from_number
from game.sim.track_fields import FieldReader

FIELD_FILE = "entrants-1955.json"
FIELD_FORMAT_VERSION = 1

MAX_FIELD_FILE_BYTES = 512 * 1024
"""The shipped field is about 60 KB."""

MAX_CLASSES = 32
MAX_MODELS = 64
MAX_RESERVED_NUMBERS = 64
MAX_ENTRANTS = 1440
"""One start a minute for a whole day: more entrants than that cannot each have a start minute of their own."""

MAX_TEXT_CHARS = 60
"""Names of the field, its classes and the crews: long enough for "Gran Turismo over 1300 cc" and any crew."""

MAX_ENGINE_CC = 10_000
MAX_NUMBER = 2359

MIN_PACE = 0.5
"""Below half of a car's limit nobody is racing; the field's slowest tourists drive at about 0.8."""

CATEGORIES = ("sport", "gt", "touring", "diesel")
"""Sport, Gran Turismo, Touring (normal and special), and the diesels that were new in 1955."""

NATIONS = ("A", "B", "CH", "D", "E", "F", "GB", "I", "NL", "P", "S", "USA")
"""Countries by their international registration letters, as an entry list of the time showed them."""

Category = Literal["sport", "gt", "touring", "diesel"]
Date = tuple[int, int, int]


class FieldError(ValueError):
    """A field file that cannot be used, with a message naming the file and the field that is wrong."""


@dataclass(frozen=True, slots=True)
class FieldClass:
    """A class by engine size: engines larger than `above_cc` and at most `up_to_cc` (None: no limit)."""

    id: str
    name: str
    category: Category
    above_cc: int
    up_to_cc: int | None

    def admits(self, engine_cc: int) -> bool:
        return engine_cc > self.above_cc and (self.up_to_cc is None or engine_cc <= self.up_to_cc)


@dataclass(frozen=True, slots=True)
class FieldModel:
    """A car model the field drives (a car file's id) and its engine size, which decides its classes."""

    id: str
    engine_cc: int


@dataclass(frozen=True, slots=True)
class DriverProfile:
    """How an entrant drives, each from 0 to 1; the AI drivers read it (docs/design.md §9)."""

    pace: float
    """Share of the car's limit they drive at (at least MIN_PACE): a works driver near 0.97, a tourist 0.8."""
    consistency: float
    """How little that pace wanders from corner to corner and stage to stage."""
    aggression: float
    """How late they brake, how readily they try a pass and how hard they defend."""
    give_way: float
    """How readily they pull over for a faster car behind."""


@dataclass(frozen=True, slots=True)
class StartTime:
    """When a number starts: its date and time of day, and the seconds after the field's first start."""

    date: Date
    time_of_day_s: int
    offset_s: int


@dataclass(frozen=True, slots=True)
class Entrant:
    """One car of the field and its crew; `co_driver` is None for a driver alone."""

    number: int
    start: StartTime
    driver: str
    co_driver: str | None
    nation: str
    model_id: str
    class_id: str
    profile: DriverProfile


@dataclass(frozen=True, slots=True)
class Field:
    """The whole field, entrants in start order."""

    id: str
    name: str
    first_date: Date
    first_start: int
    """hhmm of the first start on `first_date`: numbers from it to 2359 start that day, the others the next."""
    reserved_numbers: tuple[int, ...]
    classes: tuple[FieldClass, ...]
    models: tuple[FieldModel, ...]
    entrants: tuple[Entrant, ...]

    def start_of(self, number: int) -> StartTime:
        """When car `number` starts, an entrant's or the player's (#722: 1 May, 07:22 in 1955)."""
        try:
            time_of_day_s = start_time_from_number(number)
        except CarNumberError as exc:
            raise FieldError(str(exc)) from None
        return _start(self.first_date, start_time_from_number(self.first_start), time_of_day_s)

    def entrant(self, number: int) -> Entrant | None:
        return next((e for e in self.entrants if e.number == number), None)

    def field_class(self, class_id: str) -> FieldClass:
        """The class `class_id` (every entrant's class is one: the loader checks it); KeyError for another id."""
        for field_class in self.classes:
            if field_class.id == class_id:
                return field_class
        raise KeyError(class_id)

    def model(self, model_id: str) -> FieldModel:
        """The model `model_id` (every entrant's model is one: the loader checks it); KeyError for another id."""
        for model in self.models:
            if model.id == model_id:
                return model
        raise KeyError(model_id)


def field_path() -> Path:
    return asset_path("field", FIELD_FILE)


def load_field(path: Path | None = None) -> Field:
    """The shipped field, or the field file at `path`."""
    path = path if path is not None else field_path()
    try:
        document = read_json_file(path, MAX_FIELD_FILE_BYTES)
    except DataFileError as exc:
        raise FieldError(str(exc)) from None
    return parse_field(document, source=str(path))


def parse_field(document: Any, source: str = "<field>") -> Field:
    """Build a Field from a parsed JSON document, checking every key, type, range and cross-reference."""
    r = FieldReader(source, FieldError)
    top = r.obj(
        document,
        "",
        ("format_version", "id", "name", "first_start", "reserved_numbers", "classes", "models", "entrants"),
    )
    if r.integer(top["format_version"], "format_version", 0, 2**31) != FIELD_FORMAT_VERSION:
        raise r.error("format_version", f"this game reads version {FIELD_FORMAT_VERSION}")
    field_id = _id(r, top["id"], "id")
    name = _text(r, top["name"], "name")
    first = r.obj(top["first_start"], "first_start", ("date", "hhmm"))
    first_date = _date(r, first["date"], "first_start.date")
    first_start = _number(r, first["hhmm"], "first_start.hhmm")
    reserved = tuple(
        _number(r, n, f"reserved_numbers[{i}]")
        for i, n in enumerate(r.array(top["reserved_numbers"], "reserved_numbers", MAX_RESERVED_NUMBERS))
    )
    if len(set(reserved)) != len(reserved):
        raise r.error("reserved_numbers", "a number appears twice")
    classes = _classes(r, top["classes"])
    models = _models(r, top["models"])
    raw_entrants = _items(r, top["entrants"], "entrants", MAX_ENTRANTS)
    by_class = {c.id: c for c in classes}
    by_model = {m.id: m for m in models}
    first_s = start_time_from_number(first_start)
    entrants: dict[int, Entrant] = {}
    for i, raw in enumerate(raw_entrants):
        entrant = _entrant(r, raw, f"entrants[{i}]", by_class, by_model, first_date, first_s)
        if entrant.number in entrants:
            raise r.error(f"entrants[{i}].number", f"{entrant.number} is taken by another entrant")
        if entrant.number in reserved:
            raise r.error(f"entrants[{i}].number", f"{entrant.number} is reserved for the player's cars")
        entrants[entrant.number] = entrant
    return Field(
        id=field_id,
        name=name,
        first_date=first_date,
        first_start=first_start,
        reserved_numbers=tuple(sorted(reserved)),
        classes=classes,
        models=models,
        entrants=tuple(sorted(entrants.values(), key=lambda e: e.start.offset_s)),
    )


def _classes(r: FieldReader, value: Any) -> tuple[FieldClass, ...]:
    classes: list[FieldClass] = []
    for i, raw in enumerate(_items(r, value, "classes", MAX_CLASSES)):
        where = f"classes[{i}]"
        d = r.obj(raw, where, ("id", "name", "category", "above_cc", "up_to_cc"))
        above = r.integer(d["above_cc"], f"{where}.above_cc", 0, MAX_ENGINE_CC)
        up_to = None
        if d["up_to_cc"] is not None:
            up_to = r.integer(d["up_to_cc"], f"{where}.up_to_cc", above + 1, MAX_ENGINE_CC)
        classes.append(
            FieldClass(
                id=_id(r, d["id"], f"{where}.id"),
                name=_text(r, d["name"], f"{where}.name"),
                category=r.choice(d["category"], f"{where}.category", CATEGORIES, "category"),  # type: ignore[arg-type]
                above_cc=above,
                up_to_cc=up_to,
            )
        )
    _unique(r, [c.id for c in classes], "classes", "class id")
    return tuple(classes)


def _models(r: FieldReader, value: Any) -> tuple[FieldModel, ...]:
    items = _items(r, value, "models", MAX_MODELS)
    known = set(model_ids())
    models: list[FieldModel] = []
    for i, raw in enumerate(items):
        where = f"models[{i}]"
        d = r.obj(raw, where, ("id", "engine_cc"))
        model_id = _id(r, d["id"], f"{where}.id")
        if model_id not in known:
            raise r.error(f"{where}.id", f"no car model {model_id!r} in assets/cars or assets/field/cars")
        models.append(FieldModel(model_id, r.integer(d["engine_cc"], f"{where}.engine_cc", 1, MAX_ENGINE_CC)))
    _unique(r, [m.id for m in models], "models", "model id")
    return tuple(models)


_ENTRANT_KEYS = ("number", "driver", "co_driver", "nation", "model", "class", "profile")
_PROFILE_KEYS = ("pace", "consistency", "aggression", "give_way")


def _entrant(
    r: FieldReader,
    raw: Any,
    where: str,
    classes: dict[str, FieldClass],
    models: dict[str, FieldModel],
    first_date: Date,
    first_s: int,
) -> Entrant:
    d = r.obj(raw, where, _ENTRANT_KEYS)
    number = _number(r, d["number"], f"{where}.number")
    model = models[r.choice(d["model"], f"{where}.model", tuple(models), "model")]
    field_class = classes[r.choice(d["class"], f"{where}.class", tuple(classes), "class")]
    if not field_class.admits(model.engine_cc):
        raise r.error(
            f"{where}.class", f"{model.id} ({model.engine_cc} cc) does not fit class {field_class.id}"
        )
    p = r.obj(d["profile"], f"{where}.profile", _PROFILE_KEYS)
    profile = DriverProfile(
        pace=r.number(p["pace"], f"{where}.profile.pace", MIN_PACE, 1.0),
        consistency=r.number(p["consistency"], f"{where}.profile.consistency", 0.0, 1.0),
        aggression=r.number(p["aggression"], f"{where}.profile.aggression", 0.0, 1.0),
        give_way=r.number(p["give_way"], f"{where}.profile.give_way", 0.0, 1.0),
    )
    co_driver = d["co_driver"]
    return Entrant(
        number=number,
        start=_start(first_date, first_s, start_time_from_number(number)),
        driver=_text(r, d["driver"], f"{where}.driver"),
        co_driver=None if co_driver is None else _text(r, co_driver, f"{where}.co_driver"),
        nation=r.choice(d["nation"], f"{where}.nation", NATIONS, "nation"),
        model_id=model.id,
        class_id=field_class.id,
        profile=profile,
    )


def _start(first_date: Date, first_s: int, time_of_day_s: int) -> StartTime:
    """Start times from the first start's minute to midnight fall on the first day, the others on the next."""
    day = 0 if time_of_day_s >= first_s else 1
    date = datetime.date(*first_date) + datetime.timedelta(days=day)
    return StartTime((date.year, date.month, date.day), time_of_day_s, day * 86_400 + time_of_day_s - first_s)


def _items(r: FieldReader, value: Any, where: str, max_items: int) -> list[Any]:
    items = r.array(value, where, max_items)
    if not items:
        raise r.error(where, "is empty")
    return items


def _number(r: FieldReader, value: Any, where: str) -> int:
    """A car number: a start time hhmm from 0001 to 2359."""
    number = r.integer(value, where, 1, MAX_NUMBER)
    if number % 100 >= 60:
        raise r.error(where, f"{number} is not a start time (hhmm with mm under 60)")
    return number


def _date(r: FieldReader, value: Any, where: str) -> Date:
    if not isinstance(value, list) or len(value) != 3:
        raise r.error(where, "expected [year, month, day]")
    year = r.integer(value[0], where, 1900, 2100)
    month = r.integer(value[1], where, 1, 12)
    day = r.integer(value[2], where, 1, 31)
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise r.error(where, f"{year}-{month:02d}-{day:02d} is not a date") from None
    return (year, month, day)


def _id(r: FieldReader, value: Any, where: str) -> str:
    text = r.text(value, where)
    if not ID_PATTERN.match(text):
        raise r.error(where, f"{text[:40]!r} is not an id (a-z, 0-9, '-' and '_', at most 64 long)")
    return text


def _text(r: FieldReader, value: Any, where: str) -> str:
    text = r.text(value, where)
    if len(text) > MAX_TEXT_CHARS:
        raise r.error(where, f"is {len(text)} characters long, more than the {MAX_TEXT_CHARS} allowed")
    if not text.strip() or not text.isprintable() or text != text.strip():
        raise r.error(where, f"{text[:40]!r} must be printable text without spaces at either end")
    return text


def _unique(r: FieldReader, ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise r.error(where, f"{what} {value!r} appears twice")
        seen.add(value)
