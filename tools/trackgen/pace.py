"""A quick estimate of how long a fast driver takes over a track: the generator's length check.

A point-mass speed profile: corner speeds from curvature and the surface's grip, then forward (power-limited
acceleration) and backward (braking) passes. It stands in for the autopilot while tuning stage lengths to the
60–180 s window; the autopilot (`python -m game run --headless --autopilot --stage ID`) has the final word.
"""

from __future__ import annotations

import math

from game.sim.geometry import TrackGeometry
from game.sim.track import Track

TOP_SPEED_MS = 60.0
"""About 215 km/h: a 1950s sports car flat out."""

LATERAL_G = {"asphalt": 0.75, "cobbles": 0.63, "gravel": 0.49}
BRAKE_MS2 = 8.0
POWER_W_PER_KG = 110.0
MAX_ACCEL_MS2 = 4.0
"""Calibrated on the autopilot in the 300 SLR (November 2026): it takes 0–16 % longer than this estimate."""
STEP_M = 2.0


def estimate_time_s(track: Track) -> float:
    """Seconds from the start line to the finish (a circuit: one lap), at a fast and tidy pace."""
    g = TrackGeometry(track)
    n = max(2, int(g.length_m / STEP_M))
    step = g.length_m / n
    limit: list[float] = []
    for i in range(n + 1):
        s = i * step
        k = max(abs(g.curvature_at(s + d)) for d in (-4.0, 0.0, 4.0))
        grip = LATERAL_G[g.surface_along(s)] * 9.81
        limit.append(min(TOP_SPEED_MS, math.sqrt(grip / k)) if k > 1e-6 else TOP_SPEED_MS)
    v = limit[:]
    start = 0
    if not track.closed:
        v[0] = 0.0
    for i in range(start + 1, n + 1):
        accel = min(MAX_ACCEL_MS2, POWER_W_PER_KG / max(v[i - 1], 1.0))
        v[i] = min(v[i], math.sqrt(v[i - 1] ** 2 + 2 * accel * step))
    for i in range(n - 1, -1, -1):
        v[i] = min(v[i], math.sqrt(v[i + 1] ** 2 + 2 * BRAKE_MS2 * step))
    lines = track.timing_lines
    s_from = lines[0].s_m
    s_to = g.length_m if track.closed else lines[-1].s_m
    total = 0.0
    for i in range(n):
        s = (i + 0.5) * step
        if s_from <= s <= s_to:
            total += step / max(0.5 * (v[i] + v[i + 1]), 1.0)
    return total
