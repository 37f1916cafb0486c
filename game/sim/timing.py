"""Timing lines: which line comes next, and when inside a tick the car crossed it.

The car's reference point moves in a straight line during a 10 ms tick; where that path cuts the next timing line
gives the fraction of the tick at which the line was crossed, so results are to the millisecond (docs/design.md §6).
Only the next line in order can be crossed, so a missed checkpoint is never counted and the finish never counts
before every checkpoint is passed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sim.geometry import TrackGeometry
from game.sim.track import TimingLine, Track

LINE_MARGIN_M = 3.0
"""A line reaches this far past each road edge, so a car with a wheel on the verge still crosses it."""


@dataclass(frozen=True, slots=True)
class Gate:
    """One expected crossing: a timing line of the track, met in this order (a circuit meets its line each lap)."""

    line_index: int
    line: TimingLine
    lap: int
    role: str
    """"start" (timer already running: no split), "split", "check" (must be passed, no split), "lap" (a lap
    end), "finish", "trial_start", "trial_end"."""
    cx: float
    cy: float
    dx: float
    dy: float
    """Unit direction of travel across the line."""
    half_length_m: float


def build_gates(track: Track, geometry: TrackGeometry, laps: int) -> tuple[Gate, ...]:
    """The ordered crossings a run must make, from the start line to the finish."""
    indexed = sorted(enumerate(track.timing_lines), key=lambda item: (item[1].s_m, item[0]))
    gates: list[Gate] = []

    def gate(index: int, line: TimingLine, lap: int, role: str) -> Gate:
        cx, cy, heading = geometry.point_at(line.s_m)
        half = geometry.half_width_at(line.s_m) + LINE_MARGIN_M
        return Gate(index, line, lap, role, cx, cy, math.cos(heading), math.sin(heading), half)

    if track.kind == "circuit":
        start = next((item for item in indexed if item[1].kind in ("start", "finish")), None)
        if start is None:
            raise ValueError(f"circuit {track.id} has no start/finish line")
        inner = [item for item in indexed if item[0] != start[0] and item[1].kind != "finish"]
        gates.append(gate(start[0], start[1], 1, "start"))
        for lap in range(1, laps + 1):
            # Inside a lap a checkpoint must be passed (no cutting) but splits are the lap ends.
            gates.extend(
                gate(i, line, lap, "check" if line.kind == "checkpoint" else _role(line)) for i, line in inner
            )
            gates.append(gate(start[0], start[1], lap, "finish" if lap == laps else "lap"))
        return tuple(gates)

    for i, line in indexed:
        gates.append(gate(i, line, 1, _role(line)))
    return tuple(gates)


def _role(line: TimingLine) -> str:
    if line.kind == "checkpoint":
        return "split"
    return line.kind


def crossing_fraction(gate: Gate, x0: float, y0: float, x1: float, y1: float) -> float | None:
    """Fraction in (0, 1] of the move (x0, y0) → (x1, y1) at which it crosses the gate forwards, else None.

    Forwards is the road's direction of travel; a car reversing over a line does not cross it, and a move
    that passes beside the line's ends (off the road and verge) does not either.
    """
    # The end of the move first: on nearly every tick the car is still short of the next line.
    along1 = (x1 - gate.cx) * gate.dx + (y1 - gate.cy) * gate.dy
    if not along1 >= 0.0:
        return None
    along0 = (x0 - gate.cx) * gate.dx + (y0 - gate.cy) * gate.dy
    if not along0 < 0.0:
        return None
    t = along0 / (along0 - along1)
    px = x0 + (x1 - x0) * t - gate.cx
    py = y0 + (y1 - y0) * t - gate.cy
    if abs(px * gate.dy - py * gate.dx) > gate.half_length_m:
        return None
    return t
