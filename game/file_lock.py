"""A lock held while a file is read, changed and written back, so two copies of the game never lose an update.

Atomic writes (`game.storage`) keep a file whole, but two processes that each read it, add an attempt and
write it back still keep only one of the two attempts. Whoever holds `locked(path)` is the only one doing
that: across processes through an OS lock on a separate file beside it (`name.lock`, never deleted, since
deleting a lock file lets two holders in at once), across threads through a lock per path, and re-entrant in
one thread (a write that reads first takes it once). The OS drops the lock when its holder dies, so a crash
never leaves the file locked. The wait is bounded: past it, `FileLockTimeout` (an `OSError`, which every save
path already reports as "not saved") names the file.

POSIX uses `fcntl.flock`, Windows `msvcrt.locking` on the lock file's first byte; both are tried without
blocking and retried with short sleeps, so the wait can be bounded on every platform. A POSIX file system
that has no locks at all (some network shares) gets one warning in the log and saves unlocked: an attempt
saved without the lock beats an attempt not saved.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_SUFFIX = ".lock"
WAIT_S = 10.0
"""How long to wait for another writer; a save holds the lock for milliseconds, so this means a hung one."""
_FIRST_RETRY_S = 0.001
_LONGEST_RETRY_S = 0.005


class FileLockTimeout(OSError):
    """The lock of a file stayed held by someone else for longer than the wait allowed."""

    def __init__(self, path: Path, waited_s: float) -> None:
        super().__init__(
            f"{path} is locked by another copy of the game (waited {waited_s:g} s for {lock_path(path)})"
        )
        self.path = path


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


@contextlib.contextmanager
def locked(path: Path, *, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the lock of `path` for the block (waiting at most `wait_s`); re-entrant within a thread."""
    key = str(Path(path).absolute())
    depth = _held_depths()
    if depth.get(key, 0) > 0:
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    deadline = time.monotonic() + wait_s
    guard = _thread_lock(key)
    if not guard.acquire(timeout=max(0.0, wait_s)):
        raise FileLockTimeout(Path(path), wait_s)
    try:
        fd = _acquire_os_lock(Path(path), deadline, wait_s)
        depth[key] = 1
        try:
            yield
        finally:
            del depth[key]
            _release_os_lock(fd)
    finally:
        guard.release()


def _warn_unlocked(error: OSError) -> None:
    global _unlocked_reported
    if not _unlocked_reported:
        _unlocked_reported = True
        _log.warning("file locks are not available here (%s); saving without them", error)


_log = logging.getLogger(__name__)
_unlocked_reported = False
_local = threading.local()
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def _held_depths() -> dict[str, int]:
    held: dict[str, int] | None = getattr(_local, "held", None)
    if held is None:
        held = _local.held = {}
    return held


def _thread_lock(key: str) -> threading.Lock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(key, threading.Lock())


def _acquire_os_lock(path: Path, deadline: float, wait_s: float) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    retry_s = _FIRST_RETRY_S
    try:
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise FileLockTimeout(path, wait_s)
            time.sleep(retry_s)
            retry_s = min(retry_s * 2, _LONGEST_RETRY_S)
    except BaseException:
        os.close(fd)
        raise
    return fd


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release_os_lock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:  # a file system without locks (some network shares): save unlocked
            _warn_unlocked(error)
        return True

    def _release_os_lock(fd: int) -> None:
        os.close(fd)  # closing the last descriptor of the open file releases its flock
