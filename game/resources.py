"""One way to find the project's files, wherever the game runs from.

A source checkout, an editable install and a PyInstaller bundle all keep `assets/` beside the code; the
frozen app unpacks it under `sys._MEIPASS`. Every loader goes through `asset_path` so none of them guesses.
"""

from __future__ import annotations

import sys
from pathlib import Path


def assets_root() -> Path:
    """The folder that holds tracks, cars, fonts and the other shipped data."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    """Path of one shipped file, e.g. `asset_path("tracks", "circuit.json")`."""
    return assets_root().joinpath(*parts)
