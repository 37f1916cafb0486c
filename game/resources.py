"""One way to find the project's files, wherever the game runs from.

A source checkout and an editable install keep `assets/` beside the code; the frozen app unpacks it under
`sys._MEIPASS`; an installed wheel puts it in the environment's data folder (`<prefix>/share/labone-rally/`,
pyproject's `data-files`), because a wheel cannot place files beside its packages. Every loader goes through
`asset_path` so none of them guesses.
"""

from __future__ import annotations

import site
import sys
from pathlib import Path

INSTALLED_ASSETS = Path("share", "labone-rally", "assets")
"""Where a wheel install keeps the assets, under the environment's (or the user's) data prefix."""


def assets_root() -> Path:
    """The folder that holds tracks, cars, fonts and the other shipped data."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "assets"  # the frozen app never reads a checkout it happens to sit in
    checkout = Path(__file__).resolve().parent.parent / "assets"
    if checkout.is_dir():
        return checkout
    for prefix in (sys.prefix, site.getuserbase()):
        installed = Path(prefix) / INSTALLED_ASSETS
        if installed.is_dir():
            return installed
    return checkout  # nothing shipped anywhere: loaders fail naming the path a checkout would have


def asset_path(*parts: str) -> Path:
    """Path of one shipped file, e.g. `asset_path("tracks", "circuit.json")`."""
    return assets_root().joinpath(*parts)
