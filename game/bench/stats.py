"""Figures over repeats: a benchmark that reports one number hides how much the machine wobbled.

Each repeat yields samples (frame times in ms, a speed); a figure is the median over repeats with the min and
the max beside it. Percentiles use the nearest-rank rule, so a p99 is always a frame that really happened.
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


@dataclass(frozen=True, slots=True)
class FrameFigures:
    """Frame times over repeats: each repeat's median and p99 (ms), each as a spread over the repeats."""

    median_ms: Spread
    p99_ms: Spread

    def as_dict(self) -> dict[str, float | int]:
        return {
            "median": self.median_ms.median,
            "median_min": self.median_ms.min,
            "median_max": self.median_ms.max,
            "p99": self.p99_ms.median,
            "p99_min": self.p99_ms.min,
            "p99_max": self.p99_ms.max,
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
    """Per repeat, the median and p99 of its frame times; over repeats, the spread of each."""
    if not repeats or not all(repeats):
        raise ValueError("frame figures need at least one repeat with at least one frame each")
    return FrameFigures(
        median_ms=spread([statistics.median(frames) for frames in repeats]),
        p99_ms=spread([percentile(frames, 99.0) for frames in repeats]),
    )
