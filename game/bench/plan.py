"""How hard the benchmark works: repeats and lengths for a full run, a quick smoke run, and the tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MemoryScope = Literal["route", "stage"]


@dataclass(frozen=True, slots=True)
class BenchPlan:
    """Every count the measurements take, so `--quick` and the tests shrink the same code, not another copy.

    `sim_max_ticks` None records and replays the whole stage; a number cuts the recording there (the speed
    is still ticks per second of real time). `memory_scope` "route" drives the full route in the child,
    "stage" only the longest stage (the largest track geometry, so the likeliest single-stage peak).
    """

    repeats: int
    frames: int
    """Timed 60 Hz frames per repeat of a race frame benchmark (and per repeat of the floor)."""
    warmup_frames: int
    """Frames drawn untimed after GO, so the camera has settled on the car before timing starts."""
    sim_repeats: int
    sim_max_ticks: int | None
    startup_repeats: int
    memory_scope: MemoryScope
    frozen_startup: bool = True
    """Time the frozen app too when one is built (the tests leave a possibly stale build alone)."""
    stage_pass_frames: int | None = None
    """Frames of the first stage timed one after another, once (None: every frame from GO to the finish)."""


FULL = BenchPlan(
    repeats=5,
    frames=300,
    warmup_frames=60,
    sim_repeats=5,
    sim_max_ticks=None,
    startup_repeats=5,
    memory_scope="route",
)

QUICK = BenchPlan(
    repeats=3,
    frames=90,
    warmup_frames=30,
    sim_repeats=3,
    sim_max_ticks=6000,
    startup_repeats=2,
    memory_scope="stage",
    stage_pass_frames=1800,
)
