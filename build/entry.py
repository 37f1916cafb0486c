"""The frozen app's entry script: the same `game.cli.main` as `python -m game` and the console script.

It lives outside `game/` so PyInstaller does not put `game/` itself on the import path (its modules would
then also be importable under bare names such as `settings`). The app is a console program, so that `run`,
`verify` and the other verbs print where they were typed; on Windows a double-clicked game would otherwise
sit in front of an empty console window, so `play` hides a console that was opened for it alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from game.cli import main


def opens_the_game_window(argv: Sequence[str]) -> bool:
    """`labone-rally` alone (a double-click) or `labone-rally play ...`."""
    return not argv or argv[0] == "play"


def hide_console_opened_for_us() -> None:
    """Hide the console only if no shell shares it (one process attached: Explorer started us)."""
    if sys.platform != "win32":
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    attached = (ctypes.c_ulong * 2)()
    if kernel32.GetConsoleProcessList(attached, 2) == 1:
        window = kernel32.GetConsoleWindow()
        if window:
            ctypes.windll.user32.ShowWindow(window, 0)  # SW_HIDE


if __name__ == "__main__":
    if opens_the_game_window(sys.argv[1:]):
        hide_console_opened_for_us()
    sys.exit(main())
