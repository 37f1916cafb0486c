"""The benchmark's surroundings: SDL's dummy drivers, and save data and settings in a scratch folder.

Figures must not depend on a window manager, a sound card, or the player's own settings, PBs and ghosts, and a
benchmark must never count an attempt in the player's save data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HEADLESS_ENV = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
PLAYER_DIR_VARS = ("LABONE_DATA_DIR", "LABONE_CONFIG_DIR")


def use_headless_drivers() -> None:
    """Before pygame opens anything: draw to memory and play to nowhere, as the issue's figures assume."""
    os.environ.update(HEADLESS_ENV)


@contextmanager
def scratch_player_dirs() -> Iterator[Path]:
    """Point save data and settings at a temporary folder for the duration; restore what was there."""
    saved = {name: os.environ.get(name) for name in PLAYER_DIR_VARS}
    with tempfile.TemporaryDirectory(prefix="labone-bench-") as tmp:
        root = Path(tmp)
        os.environ["LABONE_DATA_DIR"] = str(root / "data")
        os.environ["LABONE_CONFIG_DIR"] = str(root / "config")
        try:
            yield root
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def child_env() -> dict[str, str]:
    """The environment for a measured child process: this one's (scratch folders included), headless."""
    return {**os.environ, **HEADLESS_ENV}


def last_line(text: str) -> str:
    """The line of a child's stderr that says what went wrong (a traceback's last)."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
