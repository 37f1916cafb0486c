"""The frozen app's entry script: the same `game.cli.main` as `python -m game` and the console script.

It lives outside `game/` so PyInstaller does not put `game/` itself on the import path (its modules would
then also be importable under bare names such as `settings`). Every executable of the folder starts here: on
Windows the windowed `labone-rally.exe` a player double-clicks and the console `labone-rally-cli.exe` for the
verbs (build/labone-rally.spec says why there are two); elsewhere the one `labone-rally`.
"""

from __future__ import annotations

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
