"""Start-up: process start to the first frame presented, from source and frozen.

`python -m game bench --first-frame` goes down the real `play` path (settings, window, input, sound, the title
scene and its attract race) through `game.app.run_frame`, which draws and presents the first frame; then it
prints `first-frame <seconds>` (its own age, read from /proc/self/stat) and exits. The benchmark runs that as a
child and times it from just before the spawn to the moment the line arrives, so interpreter start, imports,
asset loading and the first present are all inside the figure. A frozen build whose `bench --first-frame` is
missing (built before this module) is timed with `play --quit-after 0`, start to exit, and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.bench.headless import child_env, last_line
from game.bench.stats import Spread, spread

MARKER = "first-frame"
DEFAULT_FROZEN = Path(__file__).resolve().parents[2] / "dist" / "labone-rally" / "labone-rally"
CHILD_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class Startup:
    command: str
    method: str
    """"first-frame" (spawn to the line) or "play --quit-after 0" (spawn to exit, an older frozen build)."""
    seconds: Spread

    def as_dict(self) -> dict[str, object]:
        return {"command": self.command, "method": self.method, "seconds": self.seconds.as_dict()}


class StartupError(RuntimeError):
    """The child did not reach a first frame: what it printed says why."""


def process_age_s() -> float | None:
    """Seconds since this process started, from the kernel's start time (Linux; 10 ms resolution)."""
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        uptime_s = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces and brackets
    start_ticks = int(fields[19])  # field 22 of proc(5), counted from field 3 after the name
    return uptime_s - start_ticks / os.sysconf("SC_CLK_TCK")


def first_frame(out: TextIO) -> int:
    """The app's own start-up path up to the first presented frame; then report this process's age."""
    from game.app import run_frame
    from game.frame_clock import FixedStepClock
    from game.scenes.context import build_context
    from game.scenes.flow import Flow

    ctx = build_context()
    Flow(ctx).start()
    clock = FixedStepClock(tick_s=0.01, max_catch_up_s=0.25)
    ctx.frame_clock = clock
    run_frame(ctx, clock, 0.0)
    age_s = process_age_s()
    out.write(f"{MARKER} {age_s:.3f}\n" if age_s is not None else f"{MARKER} unknown\n")
    out.flush()
    ctx.shutdown()
    return 0


def source_command() -> list[str]:
    return [sys.executable, "-m", "game", "bench", "--first-frame"]


def frozen_exe(asked: str | None) -> Path | None:
    """The frozen app to time: the one asked for, else the one `make exe` leaves in dist/, if built."""
    if asked:
        return Path(asked)
    return DEFAULT_FROZEN if DEFAULT_FROZEN.is_file() else None


def spawn_to_marker_s(command: list[str]) -> float:
    """Seconds from spawning `command` to its first-frame line; StartupError if it never prints one."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env()
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(MARKER):
                elapsed = time.perf_counter() - started
                child.communicate(timeout=CHILD_TIMEOUT_S)
                return elapsed
        _, err = child.communicate(timeout=CHILD_TIMEOUT_S)
    raise StartupError(
        f"{' '.join(command)} exited {child.returncode} without a first frame: {last_line(err)}"
    )


def spawn_to_exit_s(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=child_env(), timeout=CHILD_TIMEOUT_S)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise StartupError(f"{' '.join(command)} exited {done.returncode}: {last_line(done.stderr)}")
    return elapsed


def measure_source_startup(repeats: int) -> Startup:
    command = source_command()
    return Startup(" ".join(command), MARKER, spread([spawn_to_marker_s(command) for _ in range(repeats)]))


def measure_frozen_startup(exe: Path, repeats: int) -> Startup:
    command = [str(exe), "bench", "--first-frame"]
    try:
        first = spawn_to_marker_s(command)
    except StartupError:
        fallback = [str(exe), "play", "--quit-after", "0"]
        times = [spawn_to_exit_s(fallback) for _ in range(repeats)]
        return Startup(" ".join(fallback), "play --quit-after 0", spread(times))
    times = [first] + [spawn_to_marker_s(command) for _ in range(repeats - 1)]
    return Startup(" ".join(command), MARKER, spread(times))
