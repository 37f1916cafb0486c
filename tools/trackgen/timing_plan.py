"""Where a stage's timing lines go: start, a checkpoint per town passed, a regularity trial, the finish.

The start is `START_S_M` after the first point (the car waits just behind it), the finish `FINISH_BEFORE_END_M`
before the last. The regularity trial (a *prova cronometrata*) takes a stretch of 250–900 m between two
checkpoints whose bends are all gentle for its posted average, so the target asks for an even, moderate pace
and not for bravery; its target time is the stretch at the stage's trial speed, to a tenth of a second.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy as np

from tools.trackgen.data import StageSpec
from tools.trackgen.layout import Layout

START_S_M = 40.0
FINISH_BEFORE_END_M = 40.0
TRIAL_MIN_M = 250.0
TRIAL_MAX_M = 900.0
TRIAL_CLEAR_M = 60.0
"""A trial line keeps this far from every other line."""

TRIAL_LATERAL_G = 0.35
"""The trial's bends stay below this lateral acceleration at its posted average speed."""


def plan_timing_lines(spec: StageSpec, layout: Layout, rng: random.Random) -> list[dict[str, Any]] | None:
    """The ordered timing lines, or None if the road has no stretch fit for a trial (the caller reseeds)."""
    closed = layout.road.closed
    length = layout.length_m
    lines: list[dict[str, Any]] = []
    if closed:
        lines.append({"kind": "start", "s_m": 0.0, "name": f"Partenza e arrivo · {spec.towns[0]}"})
    else:
        lines.append({"kind": "start", "s_m": START_S_M, "name": f"Partenza · {spec.towns[0]}"})
    passed = spec.towns[1:] if closed else spec.towns[1:-1]
    for town, s in zip(passed, layout.town_s_m[1:], strict=False):
        lines.append({"kind": "checkpoint", "s_m": round(s, 3), "name": town})
    if not closed:
        trial = _trial(spec, layout, rng, [line["s_m"] for line in lines] + [length - FINISH_BEFORE_END_M])
        if trial is None:
            return None
        lines.extend(trial)
        lines.sort(key=lambda line: line["s_m"])
        lines.append(
            {
                "kind": "finish",
                "s_m": round(length - FINISH_BEFORE_END_M, 3),
                "name": f"Arrivo · {spec.towns[-1]}",
            }
        )
    return lines


def _trial(
    spec: StageSpec, layout: Layout, rng: random.Random, other_lines_s: list[float]
) -> list[dict[str, Any]] | None:
    speed_ms = spec.trial_kmh / 3.6
    max_curvature = TRIAL_LATERAL_G * 9.81 / (speed_ms * speed_ms)
    gentle = np.abs(layout.curvature) <= max_curvature
    s = layout.s_m
    marks = sorted(other_lines_s)
    candidates: list[tuple[float, float]] = []
    for lo, hi in itertools.pairwise(marks):
        a = lo + TRIAL_CLEAR_M
        b = hi - TRIAL_CLEAR_M
        # Runs of gentle points inside (a, b).
        start = None
        for i in range(len(s)):
            inside = a <= s[i] <= b and gentle[i] and layout.zone[i] not in ("town", "city")
            if inside and start is None:
                start = s[i]
            if (not inside or i == len(s) - 1) and start is not None:
                end = s[i - 1] if not inside else s[i]
                if end - start >= TRIAL_MIN_M:
                    candidates.append((start, end))
                start = None
    if not candidates:
        return None
    run_lo, run_hi = candidates[rng.randrange(len(candidates))]
    length = min(TRIAL_MAX_M, run_hi - run_lo, rng.uniform(350.0, 750.0))
    length = max(TRIAL_MIN_M, length)
    begin = run_lo + rng.uniform(0.0, run_hi - run_lo - length)
    target_s = round(length / speed_ms, 1)
    return [
        {"kind": "trial_start", "s_m": round(begin, 3), "name": "Prova 1 · via", "trial": 1, "target_s": target_s},
        {"kind": "trial_end", "s_m": round(begin + length, 3), "name": "Prova 1 · stop", "trial": 1,
         "target_s": target_s},
    ]  # fmt: skip
