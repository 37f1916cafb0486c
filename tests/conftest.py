"""Every test runs headless: SDL's dummy video and audio drivers, data in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the player's real save data or config."""
    root = tmp_path_factory.mktemp("labone-data")
    monkeypatch.setenv("LABONE_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("LABONE_CONFIG_DIR", str(root / "config"))
