"""The cars, as data: one JSON file per car under `assets/cars/`, loaded into a frozen `CarSpec`.

Every number that makes one car drive differently from another lives in its file (mass, geometry, engine,
gearbox, brakes, tyres, drag, livery), so retuning a car never touches code. Loading is strict: an unknown or
missing key, a value of the wrong type or out of range raises `CarError` naming the file and the key.

`assets/cars/` holds the player's choice; the other entrants' models (docs/design.md §9) are the same format
under `assets/field/cars/`, read by the same parser, and never offered to the player: `load_car` and `car_ids`
see the player's cars only, `load_car_model` and `model_ids` every model.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from game.resources import asset_path
from game.sim.data_file import ID_PATTERN, DataFileError, read_json_file

DEFAULT_CAR_ID = "mercedes_300_slr"
"""Moss and Jenkinson's #722: the car the Lab One's own story is about (docs/design.md §5: #722 starts at 07:22)."""

MAX_CAR_FILE_BYTES = 64 * 1024
"""A shipped car file is under 2 KB."""

MAX_TORQUE_POINTS = 64

BODY_STYLES = ("spyder", "barchetta", "coupe")

BodyStyle = Literal["spyder", "barchetta", "coupe"]
Rgb = tuple[int, int, int]


class CarError(ValueError):
    """A car file that cannot be used, with a message saying which file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Chassis:
    """Mass and geometry. `cg_to_front_m` is the distance from the centre of mass to the front axle."""

    mass_kg: float
    length_m: float
    width_m: float
    wheelbase_m: float
    cg_to_front_m: float
    cg_height_m: float
    yaw_inertia_kgm2: float

    @property
    def cg_to_rear_m(self) -> float:
        return self.wheelbase_m - self.cg_to_front_m


@dataclass(frozen=True, slots=True)
class Engine:
    """Full-throttle torque curve as (rpm, Nm) points, rising in rpm; linear between points, flat beyond.

    `engine_brake_nm` is the drag torque of a closed throttle at the redline (scaled down with rpm);
    `inertia_kgm2` the flywheel's, which sets how fast the rear wheels spin up when they break traction.
    """

    cylinders: int
    """How many cylinders fire: the engine sound's firing frequency (it changes nothing in the physics)."""
    idle_rpm: float
    redline_rpm: float
    torque_curve: tuple[tuple[float, float], ...]
    engine_brake_nm: float
    inertia_kgm2: float

    @property
    def curve_rpm(self) -> tuple[float, ...]:
        return tuple(p[0] for p in self.torque_curve)

    @property
    def curve_nm(self) -> tuple[float, ...]:
        return tuple(p[1] for p in self.torque_curve)


@dataclass(frozen=True, slots=True)
class Gearbox:
    """Forward ratios from first gear up, reverse, final drive; the automatic's shift points and shift time."""

    ratios: tuple[float, ...]
    reverse_ratio: float
    final_drive: float
    efficiency: float
    shift_time_s: float
    shift_up_rpm: float
    shift_down_rpm: float
    launch_rpm: float
    """Engine speed a slipping clutch holds at full throttle from standstill."""


@dataclass(frozen=True, slots=True)
class Brakes:
    """Largest total brake force (N at the road) and the share of it on the front axle; the handbrake's force."""

    max_force_n: float
    front_share: float
    handbrake_force_n: float


@dataclass(frozen=True, slots=True)
class Steering:
    """Lock at standstill, how fast the wheel turns, and the speed at which the usable lock has halved."""

    max_angle_rad: float
    rate_rad_s: float
    half_lock_speed_ms: float
    min_angle_rad: float
    """The lock never shrinks below this, so a slide can still be caught at top speed."""


@dataclass(frozen=True, slots=True)
class AxleTyres:
    """One axle's tyres: peak friction coefficient, slip angle of peak force, and the curve's shape C.

    The lateral curve is sin(C·atan(B·α)) with B chosen so the peak falls at `peak_slip_rad`; a larger C drops
    harder past the peak (to sin(C·π/2) of the peak when fully sliding): a snappier, less forgiving tyre.
    """

    mu: float
    peak_slip_rad: float
    shape: float

    @property
    def stiffness_b(self) -> float:
        return math.tan(math.pi / (2.0 * self.shape)) / self.peak_slip_rad

    @property
    def slide_ratio(self) -> float:
        """Friction when sliding as a fraction of the peak."""
        return math.sin(self.shape * math.pi / 2.0)


@dataclass(frozen=True, slots=True)
class Tyres:
    front: AxleTyres
    rear: AxleTyres
    wheel_radius_m: float
    load_sensitivity: float
    """Friction lost per unit of load above the static axle load (0.1: 10 % less μ at twice the load)."""
    driven_wheels_inertia_kgm2: float


@dataclass(frozen=True, slots=True)
class Livery:
    """How the renderer paints the car; `race_number` is the default start number (and start time)."""

    body_rgb: Rgb
    stripe_rgb: Rgb
    roundel_rgb: Rgb
    number_rgb: Rgb
    body_style: BodyStyle
    race_number: int


@dataclass(frozen=True, slots=True)
class CarSpec:
    """One car as loaded from `assets/cars/<id>.json` (or `assets/field/cars/<id>.json`)."""

    id: str
    name: str
    year: int
    description: str
    chassis: Chassis
    engine: Engine
    gearbox: Gearbox
    brakes: Brakes
    steering: Steering
    tyres: Tyres
    drag_area_m2: float
    """Drag coefficient times frontal area (Cd·A)."""
    livery: Livery


def cars_dir() -> Path:
    return asset_path("cars")


def field_cars_dir() -> Path:
    """The models only the field drives."""
    return asset_path("field", "cars")


def car_ids() -> tuple[str, ...]:
    """Every car the player can choose, sorted by id."""
    return _ids_in(cars_dir())


def model_ids() -> tuple[str, ...]:
    """Every car model, the player's and the field's, sorted by id."""
    return tuple(sorted({*car_ids(), *_ids_in(field_cars_dir())}))


def load_car(car_id: str) -> CarSpec:
    """The player's car `car_id`; a CarError lists the valid ids when there is no such car."""
    return _load(car_id, (cars_dir(),), car_ids)


def load_car_model(model_id: str) -> CarSpec:
    """Any car model, the player's or the field's (a player's car wins if both folders had the id)."""
    return _load(model_id, (cars_dir(), field_cars_dir()), model_ids)


def _ids_in(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in folder.glob("*.json")))


def _load(car_id: str, folders: tuple[Path, ...], valid_ids: Callable[[], tuple[str, ...]]) -> CarSpec:
    if ID_PATTERN.match(car_id):
        for folder in folders:
            path = folder / f"{car_id}.json"
            if path.is_file():
                return load_car_file(path)
    raise CarError(f"no car {car_id!r}; valid ids: {', '.join(valid_ids())}")


def load_car_file(path: Path) -> CarSpec:
    """Parse and validate one car file."""
    try:
        document = read_json_file(path, MAX_CAR_FILE_BYTES)
    except DataFileError as exc:
        raise CarError(f"{path.name}: cannot read car file: {exc.problem}") from None
    spec = parse_car(document, source=path.name)
    if spec.id != path.stem:
        raise CarError(f"{path.name}: id {spec.id!r} does not match the file name")
    return spec


def parse_car(document: Any, source: str = "<car>") -> CarSpec:
    """Build a CarSpec from a parsed JSON document, checking every key, type and range."""
    r = _Reader(source)
    top = r.obj(
        document,
        "",
        (
            "id",
            "name",
            "year",
            "description",
            "chassis",
            "engine",
            "gearbox",
            "brakes",
            "steering",
            "tyres",
            "drag_area_m2",
            "livery",
        ),
    )
    chassis = _chassis(r, r.obj(top["chassis"], "chassis", _CHASSIS_KEYS))
    engine = _engine(r, r.obj(top["engine"], "engine", _ENGINE_KEYS))
    gearbox = _gearbox(r, r.obj(top["gearbox"], "gearbox", _GEARBOX_KEYS), engine)
    brakes_doc = r.obj(top["brakes"], "brakes", ("max_force_n", "front_share", "handbrake_force_n"))
    brakes = Brakes(
        max_force_n=r.num(brakes_doc, "brakes.max_force_n", 100.0, 1e6),
        front_share=r.num(brakes_doc, "brakes.front_share", 0.0, 1.0),
        handbrake_force_n=r.num(brakes_doc, "brakes.handbrake_force_n", 0.0, 1e6),
    )
    steer_doc = r.obj(
        top["steering"], "steering", ("max_angle_rad", "rate_rad_s", "half_lock_speed_ms", "min_angle_rad")
    )
    steering = Steering(
        max_angle_rad=r.num(steer_doc, "steering.max_angle_rad", 0.1, 1.2),
        rate_rad_s=r.num(steer_doc, "steering.rate_rad_s", 0.1, 20.0),
        half_lock_speed_ms=r.num(steer_doc, "steering.half_lock_speed_ms", 1.0, 200.0),
        min_angle_rad=r.num(steer_doc, "steering.min_angle_rad", 0.01, 1.2),
    )
    if steering.min_angle_rad > steering.max_angle_rad:
        raise CarError(f"{source}: steering.min_angle_rad exceeds steering.max_angle_rad")
    tyres = _tyres(r, r.obj(top["tyres"], "tyres", _TYRES_KEYS))
    livery = _livery(r, r.obj(top["livery"], "livery", _LIVERY_KEYS))
    return CarSpec(
        id=r.text(top, "id"),
        name=r.text(top, "name"),
        year=int(r.num(top, "year", 1900, 2000, integer=True)),
        description=r.text(top, "description"),
        chassis=chassis,
        engine=engine,
        gearbox=gearbox,
        brakes=brakes,
        steering=steering,
        tyres=tyres,
        drag_area_m2=r.num(top, "drag_area_m2", 0.05, 5.0),
        livery=livery,
    )


_CHASSIS_KEYS = (
    "mass_kg",
    "length_m",
    "width_m",
    "wheelbase_m",
    "cg_to_front_m",
    "cg_height_m",
    "yaw_inertia_kgm2",
)
_ENGINE_KEYS = ("cylinders", "idle_rpm", "redline_rpm", "torque_curve", "engine_brake_nm", "inertia_kgm2")
_GEARBOX_KEYS = (
    "ratios",
    "reverse_ratio",
    "final_drive",
    "efficiency",
    "shift_time_s",
    "shift_up_rpm",
    "shift_down_rpm",
    "launch_rpm",
)
_TYRES_KEYS = ("front", "rear", "wheel_radius_m", "load_sensitivity", "driven_wheels_inertia_kgm2")
_LIVERY_KEYS = ("body_rgb", "stripe_rgb", "roundel_rgb", "number_rgb", "body_style", "race_number")


def _chassis(r: _Reader, d: dict[str, Any]) -> Chassis:
    chassis = Chassis(
        mass_kg=r.num(d, "chassis.mass_kg", 200.0, 5000.0),
        length_m=r.num(d, "chassis.length_m", 2.0, 7.0),
        width_m=r.num(d, "chassis.width_m", 1.0, 2.5),
        wheelbase_m=r.num(d, "chassis.wheelbase_m", 1.5, 4.0),
        cg_to_front_m=r.num(d, "chassis.cg_to_front_m", 0.1, 4.0),
        cg_height_m=r.num(d, "chassis.cg_height_m", 0.1, 1.5),
        yaw_inertia_kgm2=r.num(d, "chassis.yaw_inertia_kgm2", 50.0, 20000.0),
    )
    if chassis.cg_to_front_m >= chassis.wheelbase_m:
        raise CarError(f"{r.source}: chassis.cg_to_front_m must lie between the axles (< wheelbase_m)")
    if chassis.wheelbase_m >= chassis.length_m:
        raise CarError(f"{r.source}: chassis.wheelbase_m must be shorter than length_m")
    return chassis


def _engine(r: _Reader, d: dict[str, Any]) -> Engine:
    raw_curve = d["torque_curve"]
    if not isinstance(raw_curve, list) or not 2 <= len(raw_curve) <= MAX_TORQUE_POINTS:
        raise CarError(
            f"{r.source}: engine.torque_curve must be a list of 2 to {MAX_TORQUE_POINTS} [rpm, Nm] points"
        )
    curve: list[tuple[float, float]] = []
    for i, point in enumerate(raw_curve):
        where = f"engine.torque_curve[{i}]"
        if not isinstance(point, list) or len(point) != 2:
            raise CarError(f"{r.source}: {where} must be a [rpm, Nm] pair")
        rpm = r.value(point[0], f"{where} rpm", 0.0, 20000.0)
        nm = r.value(point[1], f"{where} Nm", 0.0, 5000.0)
        if curve and rpm <= curve[-1][0]:
            raise CarError(f"{r.source}: {where}: rpm must rise from point to point")
        curve.append((rpm, nm))
    engine = Engine(
        cylinders=int(r.value(d["cylinders"], "engine.cylinders", 1, 16, integer=True)),
        idle_rpm=r.num(d, "engine.idle_rpm", 300.0, 3000.0),
        redline_rpm=r.num(d, "engine.redline_rpm", 2000.0, 20000.0),
        torque_curve=tuple(curve),
        engine_brake_nm=r.num(d, "engine.engine_brake_nm", 0.0, 1000.0),
        inertia_kgm2=r.num(d, "engine.inertia_kgm2", 0.01, 5.0),
    )
    if engine.idle_rpm >= engine.redline_rpm:
        raise CarError(f"{r.source}: engine.idle_rpm must be below engine.redline_rpm")
    return engine


def _gearbox(r: _Reader, d: dict[str, Any], engine: Engine) -> Gearbox:
    raw = d["ratios"]
    if not isinstance(raw, list) or not 2 <= len(raw) <= 7:
        raise CarError(f"{r.source}: gearbox.ratios must list 2 to 7 forward ratios")
    ratios = tuple(r.value(v, f"gearbox.ratios[{i}]", 0.2, 10.0) for i, v in enumerate(raw))
    if any(b >= a for a, b in itertools.pairwise(ratios)):
        raise CarError(f"{r.source}: gearbox.ratios must fall from first gear to top gear")
    gearbox = Gearbox(
        ratios=ratios,
        reverse_ratio=r.num(d, "gearbox.reverse_ratio", 0.2, 10.0),
        final_drive=r.num(d, "gearbox.final_drive", 1.0, 10.0),
        efficiency=r.num(d, "gearbox.efficiency", 0.5, 1.0),
        shift_time_s=r.num(d, "gearbox.shift_time_s", 0.0, 2.0),
        shift_up_rpm=r.num(d, "gearbox.shift_up_rpm", 500.0, 20000.0),
        shift_down_rpm=r.num(d, "gearbox.shift_down_rpm", 300.0, 20000.0),
        launch_rpm=r.num(d, "gearbox.launch_rpm", 300.0, 20000.0),
    )
    if not engine.idle_rpm < gearbox.shift_down_rpm < gearbox.shift_up_rpm <= engine.redline_rpm:
        raise CarError(
            f"{r.source}: gearbox shift points must satisfy idle_rpm < shift_down_rpm < shift_up_rpm <= redline_rpm"
        )
    worst_drop = max(a / b for a, b in itertools.pairwise(ratios))
    if gearbox.shift_down_rpm * worst_drop >= gearbox.shift_up_rpm:
        raise CarError(
            f"{r.source}: gearbox.shift_down_rpm is so high that a downshift would land above shift_up_rpm "
            "(the automatic would hunt between gears)"
        )
    if not engine.idle_rpm <= gearbox.launch_rpm <= engine.redline_rpm:
        raise CarError(f"{r.source}: gearbox.launch_rpm must lie between idle_rpm and redline_rpm")
    return gearbox


def _axle(r: _Reader, d: Any, where: str) -> AxleTyres:
    doc = r.obj(d, where, ("mu", "peak_slip_rad", "shape"))
    return AxleTyres(
        mu=r.num(doc, f"{where}.mu", 0.2, 2.5),
        peak_slip_rad=r.num(doc, f"{where}.peak_slip_rad", 0.02, 0.5),
        shape=r.num(doc, f"{where}.shape", 1.05, 1.9),
    )


def _tyres(r: _Reader, d: dict[str, Any]) -> Tyres:
    return Tyres(
        front=_axle(r, d["front"], "tyres.front"),
        rear=_axle(r, d["rear"], "tyres.rear"),
        wheel_radius_m=r.num(d, "tyres.wheel_radius_m", 0.15, 0.6),
        load_sensitivity=r.num(d, "tyres.load_sensitivity", 0.0, 0.5),
        driven_wheels_inertia_kgm2=r.num(d, "tyres.driven_wheels_inertia_kgm2", 0.1, 20.0),
    )


def _livery(r: _Reader, d: dict[str, Any]) -> Livery:
    style = r.text(d, "livery.body_style", key="body_style")
    if style not in BODY_STYLES:
        raise CarError(f"{r.source}: livery.body_style {style!r} is not one of {', '.join(BODY_STYLES)}")
    number = int(r.num(d, "livery.race_number", 1, 2359, integer=True))
    if number % 100 >= 60:
        raise CarError(f"{r.source}: livery.race_number {number} is not a start time (hhmm with mm < 60)")
    return Livery(
        body_rgb=r.rgb(d, "livery.body_rgb"),
        stripe_rgb=r.rgb(d, "livery.stripe_rgb"),
        roundel_rgb=r.rgb(d, "livery.roundel_rgb"),
        number_rgb=r.rgb(d, "livery.number_rgb"),
        body_style=style,  # type: ignore[arg-type]
        race_number=number,
    )


class _Reader:
    """Typed, range-checked access to a JSON document, every error naming the file and the key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def obj(self, value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
        label = where or "the document"
        if not isinstance(value, dict):
            raise CarError(f"{self.source}: {label} must be a JSON object")
        missing = [k for k in keys if k not in value]
        if missing:
            raise CarError(f"{self.source}: {label} lacks {', '.join(missing)}")
        unknown = sorted(k for k in value if k not in keys)
        if unknown:
            raise CarError(f"{self.source}: {label} has unknown keys {', '.join(unknown)}")
        return value

    def value(self, v: Any, where: str, low: float, high: float, integer: bool = False) -> float:
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise CarError(f"{self.source}: {where} must be a number, not {v!r}")
        if integer and not isinstance(v, int):
            raise CarError(f"{self.source}: {where} must be a whole number, not {v!r}")
        if not math.isfinite(v) or not low <= v <= high:
            raise CarError(f"{self.source}: {where} = {v!r} is outside [{low:g}, {high:g}]")
        return float(v)

    def num(self, d: dict[str, Any], where: str, low: float, high: float, integer: bool = False) -> float:
        return self.value(d[where.rsplit(".", 1)[-1]], where, low, high, integer)

    def text(self, d: dict[str, Any], where: str, key: str | None = None) -> str:
        v = d[key or where.rsplit(".", 1)[-1]]
        if not isinstance(v, str) or not v.strip():
            raise CarError(f"{self.source}: {where} must be a non-empty string")
        return v

    def rgb(self, d: dict[str, Any], where: str) -> Rgb:
        v = d[where.rsplit(".", 1)[-1]]
        if (
            not isinstance(v, list)
            or len(v) != 3
            or not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in v)
        ):
            raise CarError(f"{self.source}: {where} must be [r, g, b] with integers 0..255")
        return (v[0], v[1], v[2])
