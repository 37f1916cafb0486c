"""Every test runs headless: SDL's dummy video and audio drivers, data in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest

if TYPE_CHECKING:
    from game.scenes.context import Context


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the player's real save data or config."""
    root = tmp_path_factory.mktemp("labone-data")
    monkeypatch.setenv("LABONE_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("LABONE_CONFIG_DIR", str(root / "config"))


@pytest.fixture(scope="module")
def shared_ctx() -> Iterator[Context]:
    """One headless game context (display, sound, input) per test module: opening one costs a fraction of a second,
    so the scene tests of a module share it and reset its scene stack themselves. (Imported here, once the SDL
    drivers above are set.)"""
    from game.scenes.context import build_context

    context = build_context()
    yield context
    context.audio.close()
    context.input.close()
