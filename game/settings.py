"""The player's settings and bindings, and the TOML file that keeps them (docs/design.md §7).

Low level on purpose (no pygame, nothing of game above `storage`), so the app, the scenes, the renderer, the
sound and the input layer all read the same frozen values. Each group the settings screen shows is a frozen
dataclass that validates itself, so a value the screen builds and a value read from disk pass the same checks.

The file is `config_dir()/config.toml`: read with tomllib, written by the small deterministic writer below
(fixed section and key order, so the same settings always give the same bytes), atomically. A file that cannot
be used (bad TOML, a wrong type, a value out of range, nesting or numbers past what the parser takes, a file
larger than any settings file) is moved aside with `storage.quarantine` and defaults take its place; the
caller gets a warning to show, one short line whatever the file held (`quoted` cuts what it repeats).
Unknown keys (a newer version's, a typo) are ignored with a warning; missing keys take their defaults, so an
older version's file keeps working.

Bindings are stored as the player's overrides only (action → input names, per device); the defaults and the
names' meaning live in `game.input.bindings`, which this module must not import.
"""

from __future__ import annotations

import math
import re
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from game.storage import atomic_write_text, config_dir, quarantine

CONFIG_FILE_NAME = "config.toml"
MAX_CONFIG_BYTES = 1 << 20
"""The game writes about 2 KiB; a file past a mebibyte is not settings, and is not parsed."""
MAX_UNKNOWN_NAMED = 5
"""Unknown keys named in the warning; past these it says how many more."""

CAMERA_MODES = ("chase", "north-up")
HUD_POSITIONS = ("bottom-center", "bottom-left", "bottom-right")
DIFFICULTIES = ("easy", "normal", "hard")
UNITS = ("kmh", "mph")
GEARBOXES = ("auto", "manual")
BINDING_DEVICES = ("keyboard", "gamepad")

LIVESPLIT_DEFAULT_PORT = 16834
"""LiveSplit Server's default TCP port."""


class SettingsError(ValueError):
    """A setting whose value is not allowed; the message names the setting and the allowed values."""


def quoted(text: str, limit: int = 32) -> str:
    """`text` from a file, quoted for a message: what cannot be printed escaped, a long one cut with "…",
    so a damaged file can never flood a warning, the log or the screen."""
    shown = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:limit])
    return f'"{shown}…"' if len(text) > limit else f'"{shown}"'


def shown_key(key: str) -> str:
    """A key from the file as a message names it: bare like `throttle` when TOML would write it so, else
    `quoted`."""
    return key if len(key) <= 32 and _BARE_KEY.fullmatch(key) else quoted(key)


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(f'"{c}"' for c in choices)
        raise SettingsError(f"{name} is {quoted(value)}, expected one of {allowed}")


def _check_range(name: str, value: float, low: float, high: float) -> None:
    # compared, not converted: a whole number past any float is simply out of range, and nan is never in it
    if not low <= value <= high:
        raise SettingsError(f"{name} is {_number(value)}, expected {low} to {high}")


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) or abs(value) < 10**30 else "a number of over 30 digits"


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    """The window. `frame_cap_fps` 0 means uncapped (vsync, if on, still paces the frames)."""

    window_width: int = 1280
    window_height: int = 720
    fullscreen: bool = False
    vsync: bool = True
    frame_cap_fps: int = 0

    def __post_init__(self) -> None:
        _check_range("display.window_width", self.window_width, 640, 7680)
        _check_range("display.window_height", self.window_height, 360, 4320)
        if self.frame_cap_fps != 0 and not 20 <= self.frame_cap_fps <= 1000:
            cap = _number(self.frame_cap_fps)
            raise SettingsError(f"display.frame_cap_fps is {cap}, expected 0 (uncapped) or 20 to 1000")


@dataclass(frozen=True, slots=True)
class ViewSettings:
    """How the race is shown: camera, where the watch sits, speed units on the flange."""

    camera_mode: str = "chase"
    hud_position: str = "bottom-right"
    units: str = "kmh"

    def __post_init__(self) -> None:
        _check_choice("view.camera_mode", self.camera_mode, CAMERA_MODES)
        _check_choice("view.hud_position", self.hud_position, HUD_POSITIONS)
        _check_choice("view.units", self.units, UNITS)


@dataclass(frozen=True, slots=True)
class AudioSettings:
    """Volumes from 0 (silent) to 1 (full); each channel is scaled by `master`."""

    master: float = 0.8
    engine: float = 0.8
    effects: float = 0.8
    watch: float = 0.8

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_range(f"audio.{f.name}", getattr(self, f.name), 0.0, 1.0)


@dataclass(frozen=True, slots=True)
class ControlSettings:
    """Analogue steering feel: stick travel ignored around the centre, and the response curve's exponent.

    Neither can change a run's result on its own (the replay stores the quantised steering that reached the
    car), so they are the player's comfort, not race settings.
    """

    steer_dead_zone: float = 0.08
    steer_curve: float = 1.5

    def __post_init__(self) -> None:
        _check_range("controls.steer_dead_zone", self.steer_dead_zone, 0.0, 0.5)
        _check_range("controls.steer_curve", self.steer_curve, 1.0, 3.0)


@dataclass(frozen=True, slots=True)
class GameplaySettings:
    """What the player races with. `car_id` "" means the garage's default car; `car_number` is the start
    time as hhmm (#722 leaves at 07:22, docs/design.md §5), so its last two digits are minutes; it places the
    1955 field on the road, which `clear_road` leaves out (a separate speedrun category, docs/design.md §9)."""

    difficulty: str = "normal"
    assisted_flyback: bool = True
    gearbox: str = "auto"
    ghost: bool = True
    car_id: str = ""
    car_number: int = 722
    clear_road: bool = False

    def __post_init__(self) -> None:
        _check_choice("gameplay.difficulty", self.difficulty, DIFFICULTIES)
        _check_choice("gameplay.gearbox", self.gearbox, GEARBOXES)
        _check_range("gameplay.car_number", self.car_number, 1, 2359)
        if self.car_number % 100 >= 60:
            raise SettingsError(
                f"gameplay.car_number is {self.car_number}: its last two digits are the start minute (00-59)"
            )


@dataclass(frozen=True, slots=True)
class LiveSplitSettings:
    """The optional link to a running LiveSplit Server (off by default)."""

    enabled: bool = False
    host: str = "localhost"
    port: int = LIVESPLIT_DEFAULT_PORT

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise SettingsError("livesplit.host is empty")
        _check_range("livesplit.port", self.port, 1, 65535)


@dataclass(frozen=True, slots=True)
class TutorialSettings:
    """What the player has been taught: `watch_lesson_done` once the watch lesson was finished or skipped, so a
    new player (no settings file, or one from before the lesson) gets it on their first race, and nobody twice
    unless they ask for it from the title menu (docs/design.md §11)."""

    watch_lesson_done: bool = False


Overrides = tuple[tuple[str, tuple[str, ...]], ...]
"""Action name → input names, as sorted pairs so the value is hashable and always written in one order."""


@dataclass(frozen=True, slots=True)
class Bindings:
    """The player's rebindings, per device: only the actions they changed (an empty tuple unbinds one).

    Actions not listed use the defaults of `game.input.bindings`, so a new action added by a later version
    gets its default key even in an old config file.
    """

    keyboard: Overrides = ()
    gamepad: Overrides = ()

    def __post_init__(self) -> None:
        for device in BINDING_DEVICES:
            overrides = getattr(self, device)
            names = [action for action, _ in overrides]
            if names != sorted(set(names)):
                raise SettingsError(f"bindings.{device} must list each action once, sorted")
            for action, inputs in overrides:
                if not isinstance(action, str) or not isinstance(inputs, tuple):
                    raise SettingsError(f"bindings.{device}.{action} must be a list of input names")
                if not all(isinstance(name, str) and name for name in inputs):
                    raise SettingsError(f"bindings.{device}.{action} must hold non-empty input names")

    @classmethod
    def from_mappings(
        cls,
        keyboard: Mapping[str, tuple[str, ...] | list[str]] | None = None,
        gamepad: Mapping[str, tuple[str, ...] | list[str]] | None = None,
    ) -> Bindings:
        return cls(keyboard=_overrides(keyboard or {}), gamepad=_overrides(gamepad or {}))

    def overrides(self, device: str) -> dict[str, tuple[str, ...]]:
        _check_choice("binding device", device, BINDING_DEVICES)
        return dict(getattr(self, device))

    def with_override(self, device: str, action: str, inputs: tuple[str, ...]) -> Bindings:
        """These bindings with `action` bound to exactly `inputs` on `device`."""
        table = self.overrides(device)
        table[action] = tuple(inputs)
        return replace(self, **{device: _overrides(table)})

    def without_override(self, device: str, action: str) -> Bindings:
        """These bindings with `action` back on its default on `device`."""
        table = self.overrides(device)
        table.pop(action, None)
        return replace(self, **{device: _overrides(table)})


def _overrides(table: Mapping[str, tuple[str, ...] | list[str]]) -> Overrides:
    return tuple((action, tuple(table[action])) for action in sorted(table))


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the settings and controls screens show, as saved in config.toml."""

    display: DisplaySettings = field(default_factory=DisplaySettings)
    view: ViewSettings = field(default_factory=ViewSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    controls: ControlSettings = field(default_factory=ControlSettings)
    gameplay: GameplaySettings = field(default_factory=GameplaySettings)
    livesplit: LiveSplitSettings = field(default_factory=LiveSplitSettings)
    tutorial: TutorialSettings = field(default_factory=TutorialSettings)
    bindings: Bindings = field(default_factory=Bindings)


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    """What `load_settings` found: the settings to use, and a message for the player when the file had
    problems (None when it was fine or absent)."""

    settings: Settings
    warning: str | None = None


_SECTIONS: tuple[tuple[str, type], ...] = tuple(
    (f.name, typing.get_type_hints(Settings)[f.name]) for f in fields(Settings) if f.name != "bindings"
)


def config_path() -> Path:
    """Where the settings live: `config.toml` in the platform's config folder (or `LABONE_CONFIG_DIR`)."""
    return config_dir() / CONFIG_FILE_NAME


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings; never raises for a bad file (it is quarantined and defaults are used instead)."""
    path = config_path() if path is None else Path(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        return LoadedSettings(Settings(), f"Could not read settings file {path} ({exc}); using defaults.")
    if len(raw) > MAX_CONFIG_BYTES:
        return LoadedSettings(Settings(), _set_aside(path, f"larger than {MAX_CONFIG_BYTES} bytes"))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        unknown: list[str] = []
        settings = _settings_from_toml(data, unknown)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        # ValueError: SettingsError, and tomllib's own limits (an integer of more than 4300 digits)
        return LoadedSettings(Settings(), _set_aside(path, _describe(exc)))
    if unknown:
        names = ", ".join(unknown[:MAX_UNKNOWN_NAMED])
        if len(unknown) > MAX_UNKNOWN_NAMED:
            names += f" and {len(unknown) - MAX_UNKNOWN_NAMED} more"
        return LoadedSettings(settings, f"Settings file {path}: ignored unknown setting(s) {names}.")
    return LoadedSettings(settings)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (the old file stays whole if anything fails); returns the path."""
    path = config_path() if path is None else Path(path)
    atomic_write_text(path, dump_settings(settings))
    return path


def dump_settings(settings: Settings) -> str:
    """The TOML text for `settings`: same settings, same bytes."""
    lines = [
        "# Mille Miglia · Lab One settings, written by the game.",
        "# Edit while the game is closed; a file the game cannot read is set aside and defaults are used.",
    ]
    for section, _ in _SECTIONS:
        group = getattr(settings, section)
        lines += ["", f"[{section}]"]
        lines += [f"{f.name} = {_toml_value(getattr(group, f.name))}" for f in fields(group)]
    for device in BINDING_DEVICES:
        lines += ["", f"[bindings.{device}]", "# only the actions you rebound; the others use the defaults"]
        lines += [
            f"{_toml_key(action)} = {_toml_value(inputs)}"
            for action, inputs in getattr(settings.bindings, device)
        ]
    return "\n".join(lines) + "\n"


def _set_aside(path: Path, problem: str) -> str:
    try:
        kept = quarantine(path)
    except OSError as exc:
        return f"Settings file {path} is broken ({problem}), could not be moved aside ({exc}); defaults used."
    message = (
        f"Settings file {path} is broken ({problem}); using defaults. The broken file is kept as {kept}."
    )
    try:
        save_settings(Settings(), path)
    except OSError as exc:
        message += f" Defaults could not be saved ({exc})."
    return message


def _describe(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return "nested deeper than any settings file"
    if isinstance(exc, SettingsError):
        return str(exc)
    return f"not valid TOML: {str(exc).split(';')[0][:200]}"


def _settings_from_toml(data: dict[str, object], unknown: list[str]) -> Settings:
    known = {name for name, _ in _SECTIONS} | {"bindings"}
    unknown += [shown_key(key) for key in sorted(data) if key not in known]
    groups: dict[str, object] = {}
    for section, group_type in _SECTIONS:
        if section in data:
            table = _table(data[section], section)
            groups[section] = _group_from_table(group_type, table, section, unknown)
    if "bindings" in data:
        groups["bindings"] = _bindings_from_table(_table(data["bindings"], "bindings"), unknown)
    return Settings(**groups)


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise SettingsError(f"[{where}] must be a table, found {_toml_type(value)}")
    return value


def _group_from_table(group_type: type, table: dict[str, object], section: str, unknown: list[str]) -> object:
    hints = typing.get_type_hints(group_type)
    unknown += [f"{section}.{shown_key(key)}" for key in sorted(table) if key not in hints]
    values = {key: _typed(table[key], hints[key], f"{section}.{key}") for key in hints if key in table}
    return group_type(**values)


def _typed(value: object, expected: type, name: str) -> object:
    """Check a TOML value against a field's type; TOML integers are accepted where a float is expected."""
    if expected is bool:
        ok = isinstance(value, bool)
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif expected is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and isinstance(value, int) and abs(value) > 2**53:  # whole numbers a float cannot hold exactly
            raise SettingsError(f"{name} is {_number(value)}, far out of range")
        value = float(value) if ok else value  # type: ignore[arg-type]
    else:
        ok = isinstance(value, expected)
    if not ok:
        raise SettingsError(f"{name} must be {_TYPE_WORDS[expected]}, found {_toml_type(value)}")
    return value


_TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "a quoted string"}


def _bindings_from_table(table: dict[str, object], unknown: list[str]) -> Bindings:
    unknown += [f"bindings.{shown_key(key)}" for key in sorted(table) if key not in BINDING_DEVICES]
    devices: dict[str, dict[str, tuple[str, ...]]] = {}
    for device in BINDING_DEVICES:
        device_table = _table(table.get(device, {}), f"bindings.{device}")
        devices[device] = {}
        for action, inputs in device_table.items():
            name = f"bindings.{device}.{shown_key(action)}"
            if not isinstance(inputs, list) or not all(isinstance(i, str) and i for i in inputs):
                raise SettingsError(f"{name} must be a list of input names, found {_toml_type(inputs)}")
            devices[device][action] = tuple(inputs)
    return Bindings.from_mappings(devices["keyboard"], devices["gamepad"])


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, int | float):
        return _number(value)
    return repr(value)[:60]  # dates and times


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SettingsError(f"cannot write {value} as a setting")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")
