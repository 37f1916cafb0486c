"""Memory: peak resident set size of a headless autopilot run over the full route, in a child process.

The measured child is the real command (`python -m game run --headless --autopilot --mode route --no-save`),
so the figure counts the interpreter, every import and every stage's track, physics space and watch, as on a
player's machine. It is started by a small launcher that reports `RUSAGE_CHILDREN`'s ru_maxrss: Linux carries
a process's peak RSS across fork and exec, so a child spawned straight from this (large) benchmark process
would report this process's peak instead of its own. The launcher's own few MB are far below any real run's.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass

from game.bench.headless import child_env, last_line
from game.bench.plan import MemoryScope

LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)
"""Runs the command given after it and prints its peak RSS (KiB on Linux, bytes on macOS)."""

KIB_PER_MB = 1024.0
CHILD_TIMEOUT_S = 600.0


@dataclass(frozen=True, slots=True)
class PeakMemory:
    command: str
    scope: MemoryScope
    where: str
    """"the full route" or "stage <id>"."""
    peak_rss_mb: float
    """Mebibytes (ru_maxrss / 1024), as `top` and the budget count them."""
    wall_s: float

    def as_dict(self) -> dict[str, object]:
        return {
            "command": self.command,
            "scope": self.scope,
            "where": self.where,
            "peak_rss_mb": self.peak_rss_mb,
            "wall_s": self.wall_s,
        }


class MemoryRunError(RuntimeError):
    """The measured run failed, so its peak says nothing about a real run."""


def run_command(scope: MemoryScope, stage_id: str) -> list[str]:
    where = ["--mode", "route"] if scope == "route" else ["--stage", stage_id]
    return [sys.executable, "-m", "game", "run", "--headless", "--autopilot", *where, "--no-save"]


def peak_rss_mb(command: list[str]) -> tuple[float, float]:
    """Run `command` to its end through the launcher: its peak RSS in MB and the wall seconds it took."""
    if sys.platform == "win32":
        raise MemoryRunError("peak RSS of a child is read with the resource module (Linux, macOS)")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=CHILD_TIMEOUT_S,
    )
    wall_s = time.perf_counter() - started
    if done.returncode != 0:
        raise MemoryRunError(f"{' '.join(command)} exited {done.returncode}: {last_line(done.stderr)}")
    maxrss = int(done.stdout.split()[-1])
    rss_kib = maxrss / 1024.0 if sys.platform == "darwin" else float(maxrss)
    return rss_kib / KIB_PER_MB, wall_s


def measure_peak_rss(scope: MemoryScope, stage_id: str) -> PeakMemory:
    command = run_command(scope, stage_id)
    peak_mb, wall_s = peak_rss_mb(command)
    where = "the full route" if scope == "route" else f"stage {stage_id}"
    return PeakMemory(" ".join(command), scope, where, peak_mb, wall_s)
