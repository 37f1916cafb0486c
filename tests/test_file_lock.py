"""The save-file lock: one holder at a time across processes, re-entrant in a thread, bounded waits."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from game.file_lock import FileLockTimeout, lock_path, locked

ROOT = Path(__file__).resolve().parent.parent

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from game.file_lock import locked
    with locked(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.read()  # until the test closes our stdin (or kills us)
    """
)


def hold_in_another_process(target: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_lock_held_by_another_process_times_out_with_the_file_named(tmp_path: Path) -> None:
    target = tmp_path / "route.json"
    holder = hold_in_another_process(target)
    try:
        with pytest.raises(FileLockTimeout) as error, locked(target, wait_s=0.2):
            pass
        assert isinstance(error.value, OSError)  # every save path reports OSError as "not saved"
        assert str(target) in str(error.value) and "another copy of the game" in str(error.value)
    finally:
        holder.kill()
        holder.wait()
    with locked(target, wait_s=5.0):  # the holder died: the OS let go of its lock
        assert lock_path(target).is_file()


def test_the_lock_is_reentrant_in_a_thread_and_excludes_other_threads(tmp_path: Path) -> None:
    target = tmp_path / "route.json"
    inside = threading.Event()
    release = threading.Event()
    outcome: list[str] = []

    def other_thread() -> None:
        inside.wait(timeout=5)
        try:
            with locked(target, wait_s=0.1):
                outcome.append("entered")
        except FileLockTimeout:
            outcome.append("waited and gave up")
        release.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    with locked(target), locked(target):  # a write that reads first takes the lock twice
        inside.set()
        assert release.wait(timeout=5)
    thread.join(timeout=5)
    assert outcome == ["waited and gave up"]
    with locked(target, wait_s=0.1):  # fully released once the outer block ended
        pass
