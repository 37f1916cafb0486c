"""Settings: saved and read back as TOML, and a broken file never costs the player more than a warning."""

from __future__ import annotations

import datetime
import json
import math
import tempfile
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from game.input.actions import Action
from game.input.bindings import binding_problems, conflicts, resolve
from game.settings import (
    AudioSettings,
    Bindings,
    ControlSettings,
    DisplaySettings,
    GameplaySettings,
    LiveSplitSettings,
    LoadedSettings,
    Settings,
    SettingsError,
    ViewSettings,
    config_path,
    dump_settings,
    load_settings,
    save_settings,
)


def _custom() -> Settings:
    return Settings(
        display=DisplaySettings(
            window_width=1920, window_height=1080, fullscreen=True, vsync=False, frame_cap_fps=144
        ),
        view=ViewSettings(camera_mode="north-up", hud_position="bottom-left", units="mph"),
        audio=AudioSettings(master=0.5, engine=0.25, effects=1.0, watch=0.0),
        controls=ControlSettings(steer_dead_zone=0.2, steer_curve=2.5),
        gameplay=GameplaySettings(
            difficulty="hard",
            assisted_flyback=False,
            gearbox="manual",
            ghost=False,
            car_id="300slr",
            car_number=658,
            clear_road=True,
        ),
        livesplit=LiveSplitSettings(enabled=True, host='odd "host" \\ name', port=16835),
        bindings=Bindings.from_mappings(
            keyboard={"handbrake": ["h"], "ghost": []}, gamepad={"pusher": ["x"]}
        ),
    )


def test_config_lives_in_the_config_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABONE_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_path() == tmp_path / "cfg" / "config.toml"


def test_no_file_gives_defaults_without_warning() -> None:
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.warning is None
    assert Settings().gameplay.car_number == 722
    assert Settings().livesplit.port == 16834


def test_every_setting_round_trips() -> None:
    settings = _custom()
    path = save_settings(settings)
    assert path == config_path()
    loaded = load_settings()
    assert loaded.warning is None
    assert loaded.settings == settings


def test_the_file_is_deterministic_toml() -> None:
    text = dump_settings(_custom())
    assert text == dump_settings(_custom())
    data = tomllib.loads(text)
    assert data["bindings"]["keyboard"] == {"ghost": [], "handbrake": ["h"]}
    assert data["display"]["frame_cap_fps"] == 144
    assert data["livesplit"]["host"] == 'odd "host" \\ name'


def test_missing_keys_take_defaults(tmp_path: Path) -> None:
    config_path().write_text('[audio]\nmaster = 1\n[view]\nunits = "mph"\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.warning is None
    assert loaded.settings == replace(
        Settings(), audio=replace(AudioSettings(), master=1.0), view=replace(ViewSettings(), units="mph")
    )


def test_unknown_keys_are_ignored_with_a_warning() -> None:
    config_path().write_text(
        '[audio]\nmaster = 0.3\nbass = 2\n[radio]\nstation = "RAI"\n[bindings.joystick]\nx = ["y"]\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.settings.audio.master == 0.3
    assert loaded.warning is not None
    for name in ("audio.bass", "radio", "bindings.joystick", str(config_path())):
        assert name in loaded.warning
    assert config_path().exists()
    assert not list(config_path().parent.glob("*.corrupt-*"))


def test_a_flood_of_unknown_keys_is_named_in_one_short_line() -> None:
    config_path().write_text(
        '"odd\\u0000' + "x" * 99 + '" = 2\n' + "".join(f"k{i:04d} = 1\n" for i in range(5000)),
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.warning == (
        f"Settings file {config_path()}: ignored unknown setting(s) k0000, k0001, k0002, k0003, k0004 "
        "and 4996 more."
    )
    config_path().write_text('"odd\\u0000' + "x" * 99 + '" = 2\n', encoding="utf-8")
    assert load_settings().warning == (
        f'Settings file {config_path()}: ignored unknown setting(s) "odd\\x00{"x" * 28}…".'
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[audio\nmaster = 0.5\n", "not valid TOML"),
        ('[audio]\nmaster = "loud"\n', "audio.master"),
        ("[display]\nfullscreen = 1\n", "display.fullscreen"),
        ('[view]\ncamera_mode = "cockpit"\n', "view.camera_mode"),
        ("[controls]\nsteer_dead_zone = 0.7\n", "controls.steer_dead_zone"),
        ("[gameplay]\ncar_number = 775\n", "gameplay.car_number"),
        ('[gameplay]\nclear_road = "yes"\n', "gameplay.clear_road"),
        ("[gameplay]\nclear_road = 1\n", "gameplay.clear_road"),
        ('audio = "loud"\n', "[audio]"),
        ('[bindings.keyboard]\nthrottle = "w"\n', "bindings.keyboard.throttle"),
        ("[audio]\nmaster = nan\n", "audio.master"),
        (
            "[display]\nwindow_width = " + "9" * 400 + "\n",
            "display.window_width is a number of over 30 digits",
        ),
        (
            "[audio]\nmaster = " + "9" * 400 + "\n",
            "audio.master is a number of over 30 digits, far out of range",
        ),
        ("[audio]\nmaster = 1e400\n", "audio.master is inf, expected 0.0 to 1.0"),
        (
            "x = " + "1" * 5000 + "\n",
            "not valid TOML: Exceeds the limit (4300 digits) for integer string conversion",
        ),
        (
            "[bindings.keyboard]\nthrottle = " + "[" * 3000 + "]" * 3000 + "\n",
            "nested deeper than any settings",
        ),
        ('[view]\ncamera_mode = "' + "x" * 5000 + '"\n', 'view.camera_mode is "' + "x" * 32 + '…", expected'),
        ("# " + "x" * (1 << 20) + "\n", "larger than 1048576 bytes"),
    ],
)
def test_a_broken_file_is_reported_kept_aside_and_replaced_by_defaults(text: str, problem: str) -> None:
    path = config_path()
    path.write_text(text, encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.warning is not None
    assert str(path) in loaded.warning
    assert problem in loaded.warning
    kept = path.with_name("config.toml.corrupt-1")
    assert kept.read_text(encoding="utf-8") == text
    assert str(kept) in loaded.warning
    again = load_settings()
    assert again == type(again)(Settings(), None)


def test_a_second_broken_file_does_not_overwrite_the_first() -> None:
    path = config_path()
    path.write_bytes(b"\xff\xfe not text")
    assert "not UTF-8" in (load_settings().warning or "")
    path.write_text("= nothing", encoding="utf-8")
    load_settings()
    assert path.with_name("config.toml.corrupt-1").read_bytes() == b"\xff\xfe not text"
    assert path.with_name("config.toml.corrupt-2").read_text(encoding="utf-8") == "= nothing"


def test_invalid_values_are_refused_when_built() -> None:
    with pytest.raises(SettingsError, match="hud_position"):
        ViewSettings(hud_position="top")
    with pytest.raises(SettingsError, match="frame_cap_fps"):
        DisplaySettings(frame_cap_fps=5)
    with pytest.raises(SettingsError, match="port"):
        LiveSplitSettings(port=70000)
    assert DisplaySettings(frame_cap_fps=0).frame_cap_fps == 0


def test_bindings_overrides_are_edited_without_mutation() -> None:
    base = Bindings()
    bound = base.with_override("keyboard", "wind", ("f",))
    assert base.overrides("keyboard") == {}
    assert bound.overrides("keyboard") == {"wind": ("f",)}
    assert bound.without_override("keyboard", "wind") == base


# --- damage: whatever the file holds, the game starts, with the file's settings or defaults ------------------

MAX_WARNING_CHARS = 700
"""One line a toast can show: the problem and two paths (the file, where it was kept), never the file itself."""

KNOWN_KEYS = {
    "display": ["window_width", "window_height", "fullscreen", "vsync", "frame_cap_fps"],
    "view": ["camera_mode", "hud_position", "units"],
    "audio": ["master", "engine", "effects", "watch"],
    "controls": ["steer_dead_zone", "steer_curve"],
    "gameplay": ["difficulty", "assisted_flyback", "gearbox", "ghost", "car_id", "car_number", "clear_road"],
    "livesplit": ["enabled", "host", "port"],
    "bindings": ["keyboard", "gamepad"],
}


def survives(raw: bytes) -> None:
    """Load `raw` as config.toml: never a traceback; a usable file loads and saves back the same, a broken
    one is kept byte for byte beside defaults, and the player is told in one short line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(raw)
        loaded = load_settings(path)
        assert isinstance(loaded.settings, Settings)
        if loaded.warning is not None:
            assert "\n" not in loaded.warning and len(loaded.warning) <= MAX_WARNING_CHARS, loaded.warning
        if loaded.warning is not None and " is broken " in loaded.warning:
            assert loaded.settings == Settings()
            assert path.with_name("config.toml.corrupt-1").read_bytes() == raw
            assert load_settings(path) == LoadedSettings(Settings())  # defaults now stand in its place
            return
        assert not path.with_name("config.toml.corrupt-1").exists()
        save_settings(loaded.settings, path)  # what was read can be saved, and reads back the same
        assert load_settings(path) == LoadedSettings(loaded.settings)
        table = resolve(loaded.settings.bindings)  # and the input layer takes its bindings
        assert all(
            table.inputs(device, action) is not None
            for device in ("keyboard", "gamepad")
            for action in Action
        )
        binding_problems(loaded.settings.bindings)
        conflicts(loaded.settings.bindings)


SAMPLE = dump_settings(_custom()).encode("utf-8")


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The sample file truncated, with bytes flipped, garbage spliced in, or garbage alone."""
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "garbage"]))
    data = bytearray(SAMPLE)
    if kind == "truncate":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
        return bytes(data)
    if kind == "splice":
        at = draw(st.integers(0, len(data)))
        return bytes(data[:at]) + draw(st.binary(min_size=1, max_size=64)) + bytes(data[at:])
    return draw(st.binary(max_size=512))


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([2**53 + 1, 2**63, 2**64, 10**309, -(10**309), 10**4000]),  # past int64, float, digits
    st.floats(),
    st.text(max_size=20),
    st.text(min_size=1000, max_size=3000),
    st.dates(),
    st.times(),
    st.sampled_from(["up", "w", "Foo", "chase", "north-up", "hard", "manual", "localhost", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@st.composite
def wrong_types(draw: st.DrawFn) -> bytes:
    """Known and unknown sections and keys, each holding any kind of TOML value."""
    sections = draw(st.lists(st.sampled_from([*KNOWN_KEYS, "radio"]), max_size=4, unique=True))
    top, tables = [], []
    for section in sections:
        if draw(st.booleans()):  # a section as a table of keys
            keys = (
                st.sampled_from([*KNOWN_KEYS.get(section, []), "extra"])
                if section in KNOWN_KEYS
                else st.text()
            )
            if section == "bindings":
                body = draw(
                    st.dictionaries(
                        keys, st.dictionaries(st.text(max_size=12), values, max_size=3), max_size=2
                    )
                )
            else:
                body = draw(st.dictionaries(keys, values, max_size=4))
            tables.append(
                f"[{section}]\n" + "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in body.items())
            )
        else:  # or the section's name given a plain value
            top.append(f"{section} = {toml_value(draw(values))}\n")
    return ("".join(top) + "".join(tables)).encode("utf-8")


@st.composite
def deep(draw: st.DrawFn) -> bytes:
    """Arrays, inline tables or table headers nested far deeper than any settings file."""
    depth = draw(st.integers(1, 5000))
    kind = draw(st.sampled_from(["array", "inline", "dotted", "header"]))
    where = draw(st.sampled_from(["[bindings.keyboard]\nthrottle", "[audio]\nmaster", "junk"]))
    if kind == "array":
        return f'{where} = {"[" * depth}"up"{"]" * depth}\n'.encode()
    if kind == "inline":
        return f"{where} = {'{a = ' * depth}1{'}' * depth}\n".encode()
    if kind == "dotted":
        return f"{where}{'.a' * depth} = 1\n".encode()
    return f"[{'.'.join(['bindings'] + ['a'] * depth)}]\nx = 1\n".encode()


HUGE = [
    b"[display]\nwindow_width = " + b"9" * 400 + b"\n",  # past any float
    b"[audio]\nmaster = " + b"9" * 400 + b"\n",
    b"[display]\nwindow_width = " + b"1" * 5000 + b"\n",  # past Python's 4300-digit int limit
    b"[audio]\nmaster = 1e400\n",
    b'[view]\ncamera_mode = "' + b"x" * 100_000 + b'"\n',
    b"".join(b"unknown_%d = 1\n" % i for i in range(5000)),
    b'[bindings.keyboard]\n"' + b"a" * 10_000 + b'" = ["Foo"]\n',
    b"# " + b"x" * (3 << 20) + b"\n",  # a comment of three megabytes
]


@pytest.mark.parametrize("raw", HUGE, ids=lambda raw: f"{len(raw)}-bytes")
def test_huge_values_in_the_settings_file_never_stop_the_game(raw: bytes) -> None:
    survives(raw)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_settings_file_never_stops_the_game(raw: bytes) -> None:
    survives(raw)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrong_types())
def test_values_of_the_wrong_kind_never_stop_the_game(raw: bytes) -> None:
    survives(raw)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deep())
def test_nesting_deeper_than_any_settings_file_never_stops_the_game(raw: bytes) -> None:
    survives(raw)
