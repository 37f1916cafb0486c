"""Figures over repeats: a benchmark that reports one number hides how much the machine wobbled.

Each repeat yields samples (frame times in ms, a speed); a figure is the median over repeats with the min and
the max beside it. Percentiles use the nearest-rank rule, so a p99 is always a frame that really happened.
A median and a p99 hide a hitch a player sees, so each repeat also gives its slowest frame and how many frames
missed a 120 Hz and a 60 Hz refresh.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spread:
    """A figure measured several times: its median, the smallest and the largest, and how many repeats."""

    median: float
    min: float
    max: float
    n: int

    def as_dict(self) -> dict[str, float | int]:
        return {"median": self.median, "min": self.min, "max": self.max, "n": self.n}


HITCH_120HZ_MS = 8.3
"""A frame longer than this misses a 120 Hz refresh (and 144 Hz): a hitch a fast monitor shows."""
HITCH_60HZ_MS = 16.7
"""A frame longer than this misses a 60 Hz refresh: a hitch on any monitor."""


@dataclass(frozen=True, slots=True)
class FrameFigures:
    """Frame times over repeats: each repeat's median, p99 and slowest frame (ms), and its count of frames
    over `HITCH_120HZ_MS` and over `HITCH_60HZ_MS`, each as a spread over the repeats."""

    median_ms: Spread
    p99_ms: Spread
    max_ms: Spread
    over_120hz: Spread
    over_60hz: Spread
    frames: int
    """Frames timed per repeat (the most any repeat timed)."""

    def as_dict(self) -> dict[str, float | int]:
        return {
            "median": self.median_ms.median,
            "median_min": self.median_ms.min,
            "median_max": self.median_ms.max,
            "p99": self.p99_ms.median,
            "p99_min": self.p99_ms.min,
            "p99_max": self.p99_ms.max,
            "max": self.max_ms.median,
            "max_min": self.max_ms.min,
            "max_max": self.max_ms.max,
            "over_8_3_ms": self.over_120hz.median,
            "over_8_3_ms_max": self.over_120hz.max,
            "over_16_7_ms": self.over_60hz.median,
            "over_16_7_ms_max": self.over_60hz.max,
            "frames": self.frames,
            "repeats": self.median_ms.n,
        }


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `pct` % of the samples at or below it."""
    if not samples:
        raise ValueError("a percentile of no samples")
    if not 0.0 < pct <= 100.0:
        raise ValueError(f"percentile {pct} outside (0, 100]")
    ordered = sorted(samples)
    rank = math.ceil(pct / 100.0 * len(ordered))
    return ordered[max(rank, 1) - 1]


def spread(values: Sequence[float]) -> Spread:
    """Median, min and max of one figure measured once per repeat."""
    if not values:
        raise ValueError("a spread of no repeats")
    return Spread(statistics.median(values), min(values), max(values), len(values))


def frame_figures(repeats: Sequence[Sequence[float]]) -> FrameFigures:
    """Per repeat, the median, p99 and max of its frame times and its hitch counts; over repeats, the spread
    of each."""
    if not repeats or not all(repeats):
        raise ValueError("frame figures need at least one repeat with at least one frame each")
    return FrameFigures(
        median_ms=spread([statistics.median(frames) for frames in repeats]),
        p99_ms=spread([percentile(frames, 99.0) for frames in repeats]),
        max_ms=spread([max(frames) for frames in repeats]),
        over_120hz=spread([sum(1 for ms in frames if ms > HITCH_120HZ_MS) for frames in repeats]),
        over_60hz=spread([sum(1 for ms in frames if ms > HITCH_60HZ_MS) for frames in repeats]),
        frames=max(len(frames) for frames in repeats),
    )
