"""The machine a figure came from: a frame time means little without the CPU and versions beside it."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name from /proc/cpuinfo (Linux), else what `platform` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine_info() -> dict[str, str | int | float]:
    """nproc, CPU model, OS, versions of Python and the libraries the game's speed depends on, and the load.

    The 1-minute load average at the start says how busy the (possibly shared) machine was: on 2 cores, a
    load near 2 means the figures were measured against someone else's work.
    """
    import numpy
    import pygame
    import pymunk

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0,
        "cpu": cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pygame": pygame.version.ver,
        "sdl": ".".join(str(part) for part in pygame.get_sdl_version()),
        "pymunk": pymunk.version,
        "numpy": numpy.__version__,
        "video_driver": os.environ.get("SDL_VIDEODRIVER", ""),
        "executable": sys.executable,
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0,
    }
