"""Settings: saved and read back as TOML, and a broken file never costs the player more than a warning."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from game.settings import (
    AudioSettings,
    Bindings,
    ControlSettings,
    DisplaySettings,
    GameplaySettings,
    LiveSplitSettings,
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


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[audio\nmaster = 0.5\n", "not valid TOML"),
        ('[audio]\nmaster = "loud"\n', "audio.master"),
        ("[display]\nfullscreen = 1\n", "display.fullscreen"),
        ('[view]\ncamera_mode = "cockpit"\n', "view.camera_mode"),
        ("[controls]\nsteer_dead_zone = 0.7\n", "controls.steer_dead_zone"),
        ("[gameplay]\ncar_number = 775\n", "gameplay.car_number"),
        ('audio = "loud"\n', "[audio]"),
        ('[bindings.keyboard]\nthrottle = "w"\n', "bindings.keyboard.throttle"),
        ("[audio]\nmaster = nan\n", "audio.master"),
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
