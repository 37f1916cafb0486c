"""Ctrl-C stops any verb quietly with exit 130, whatever the verb was doing when it came.

Python turns SIGINT into a KeyboardInterrupt at the next bytecode, which `game.cli.main` catches; the `finally`
blocks on the way out still run (a half-written file's temporary is removed, a lock released). But when the
signal lands inside a callback whose exceptions Python can only report (a pymunk body freed by cffi's
garbage-collection hook, a `__del__`), the KeyboardInterrupt is printed as "Exception ignored" with a
traceback and then lost, and the verb runs on. So the first Ctrl-C also starts a short watchdog that ends
the process with 130 if the clean way out has not finished by then, and the lost interrupt is not printed; a
second Ctrl-C ends the process at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

EXIT_INTERRUPTED = 130
"""As a shell reports a command stopped by SIGINT (128 + 2)."""

GRACE_S = 2.0
"""How long the clean way out may take before the watchdog ends the process; it normally takes milliseconds."""


def exit_now() -> None:
    """End the process with 130 without unwinding: what was printed is flushed, nothing else runs."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


@contextlib.contextmanager
def interrupt_exits_quietly() -> Iterator[None]:
    """Within: Ctrl-C raises KeyboardInterrupt once, backed by the watchdog; on leaving, all is as before.

    Only the main thread can own signal handlers; elsewhere (an embedding) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    watchdogs: list[threading.Timer] = []
    previous_handler = signal.getsignal(signal.SIGINT)
    previous_hook = sys.unraisablehook

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, lambda signum, frame: exit_now())
        watchdog = threading.Timer(GRACE_S, exit_now)
        watchdog.daemon = True
        watchdogs.append(watchdog)
        watchdog.start()
        raise KeyboardInterrupt

    def unraisable(report: Any) -> None:
        if not isinstance(report.exc_value, KeyboardInterrupt):  # a lost Ctrl-C: the watchdog ends the run
            previous_hook(report)

    signal.signal(signal.SIGINT, on_interrupt)
    sys.unraisablehook = unraisable
    try:
        yield
    finally:
        for watchdog in watchdogs:
            watchdog.cancel()
        if previous_handler is not None:  # None: a handler not set from Python, which cannot be put back
            signal.signal(signal.SIGINT, previous_handler)
        sys.unraisablehook = previous_hook
