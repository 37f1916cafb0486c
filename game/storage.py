"""Where the player's files live, and how they are written so nothing earned is ever lost.

Every write goes to a temporary file beside the target, is flushed and fsynced, then renamed over the target
(atomic on POSIX and Windows), so a crash at any moment leaves either the old file or the new one. A file that
cannot be read is moved aside (never silently replaced) and the caller is told.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "labone-rally"
APP_AUTHOR = "MilleMigliaLabOne"


def data_dir() -> Path:
    """Save data (PBs, replays, history): `LABONE_DATA_DIR` overrides the platform's data folder."""
    override = os.environ.get("LABONE_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings and bindings: `LABONE_CONFIG_DIR` overrides the platform's config folder."""
    override = os.environ.get("LABONE_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new content, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def quarantine(path: Path, reason: str = "corrupt") -> Path:
    """Move an unreadable file aside as `name.corrupt-N` (first free N) and return where it went."""
    path = Path(path)
    n = 1
    while True:
        target = path.with_name(f"{path.name}.{reason}-{n}")
        if not target.exists():
            break
        n += 1
    os.replace(path, target)
    return target


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a directory."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
