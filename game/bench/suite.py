"""The order the measurements run in: CPU-bound timings first, in this process, then the child processes.

Each measurement is attempted on its own: a failure is recorded with its reason and the rest still run.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pygame

from game.bench import frame, look_ahead, memory, sim_speed, startup, verify_speed
from game.bench.floor import measure_floor, measure_turn_floor
from game.bench.machine import machine_info
from game.bench.plan import BenchPlan
from game.bench.recordings import Recordings, StagePick, first_stage_id, shortest_and_longest
from game.bench.report import Results
from game.bench.surface import SIZES, size_key


def run_all(plan: BenchPlan, plan_name: str, frozen: str | None, out: TextIO) -> Results:
    started = time.perf_counter()
    results = Results(
        plan=f"{plan_name}: {plan.repeats} repeats of {plan.frames} frames", machine=machine_info()
    )

    def attempt(what: str, work: Callable[[], None]) -> None:
        out.write(f"· {what}\n")
        out.flush()
        try:
            work()
        except Exception as error:  # a broken part is reported, the others still measured
            results.errors[what] = f"{type(error).__name__}: {error}"

    pygame.init()
    recordings = Recordings()
    field_recordings = Recordings(clear_road=False)
    first = first_stage_id()
    shortest, longest = shortest_and_longest()
    frame_ticks = frame.ticks_needed(plan.warmup_frames + plan.frames)
    sim_ticks = None if plan.sim_max_ticks is None else max(plan.sim_max_ticks, frame_ticks)
    audio = frame.make_audio()

    def race_frames(track_id: str, size: tuple[int, int]) -> frame.RaceFrames:
        return frame.measure_race_frames(
            recordings.get(track_id, frame_ticks if track_id != first else sim_ticks),
            size,
            audio,
            frames=plan.frames,
            warmup_frames=plan.warmup_frames,
            repeats=plan.repeats,
        )

    for size in SIZES:
        key = size_key(size)

        def floor_at(size: tuple[int, int] = size, key: str = key) -> None:
            results.floors[key] = measure_floor(size, plan.frames, plan.repeats)

        def turn_floor_at(size: tuple[int, int] = size, key: str = key) -> None:
            results.turn_floors[key] = measure_turn_floor(size, plan.frames, plan.repeats)

        def frames_at(size: tuple[int, int] = size, key: str = key) -> None:
            results.frames[key] = race_frames(first, size)

        attempt(f"floor {key}", floor_at)
        attempt(f"floor and ground turn {key}", turn_floor_at)
        attempt(f"race frames {key}", frames_at)
    for role, pick in (("shortest", shortest), ("longest", longest)):

        def stage_frames(role: str = role, pick: StagePick = pick) -> None:
            results.by_stage[role] = (pick, race_frames(pick.track_id, SIZES[0]))

        attempt(f"race frames on the {role} stage", stage_frames)

    def field_frames() -> None:
        results.field_frames = frame.measure_field_frames(
            field_recordings.get(first, sim_ticks),
            SIZES[0],
            audio,
            frames=plan.frames,
            warmup_frames=plan.warmup_frames,
            repeats=plan.repeats,
        )

    attempt(f"race frames with the field in view on {first}", field_frames)

    def stage_pass() -> None:
        ticks = None if plan.stage_pass_frames is None else frame.ticks_needed(plan.stage_pass_frames + 1)
        results.stage_pass = frame.measure_stage_pass(
            recordings.get(first, ticks), SIZES[0], audio, frames=plan.stage_pass_frames
        )

    attempt(f"every frame of {first} at {size_key(SIZES[0])}", stage_pass)

    def sim() -> None:
        results.sim = sim_speed.measure_sim_speed(recordings.get(first, sim_ticks), plan.sim_repeats)

    def verify() -> None:
        with tempfile.TemporaryDirectory(prefix="labone-bench-replay-") as tmp:
            path = verify_speed.record_replay(recordings.get(first, sim_ticks), Path(tmp))
            results.verify = verify_speed.measure_verify_speed(path, plan.sim_repeats, f"recorded {first}")

    def sim_field() -> None:
        recording = field_recordings.get(first, sim_ticks)
        results.sim_field = sim_speed.measure_sim_speed(recording, plan.sim_repeats)

    def verify_field() -> None:
        with tempfile.TemporaryDirectory(prefix="labone-bench-replay-") as tmp:
            path = verify_speed.record_replay(field_recordings.get(first, sim_ticks), Path(tmp))
            results.verify_field = verify_speed.measure_verify_speed(
                path, plan.sim_repeats, f"recorded {first} with the field"
            )

    def startup_source() -> None:
        results.startup_source = startup.measure_source_startup(plan.startup_repeats)

    def startup_frozen() -> None:
        exe = startup.frozen_exe(frozen)
        if not plan.frozen_startup:
            results.frozen_note = "not timed in this plan"
            return
        if exe is None:
            results.frozen_note = (
                f"not built ({startup.DEFAULT_FROZEN} is missing; `make exe`, or --frozen EXE)"
            )
            return
        results.startup_frozen = startup.measure_frozen_startup(exe, plan.startup_repeats)

    def peak_memory() -> None:
        results.memory = memory.measure_peak_rss(plan.memory_scope, longest.track_id)

    def road_ahead() -> None:
        results.look_ahead = look_ahead.measure_look_ahead(SIZES)

    attempt("look-ahead at top speed", road_ahead)
    attempt("simulation speed", sim)
    attempt("verify speed", verify)
    attempt("simulation speed with the field", sim_field)
    attempt("verify speed with the field", verify_field)
    attempt("start-up from source", startup_source)
    attempt("start-up frozen", startup_frozen)
    attempt(f"peak memory over the {plan.memory_scope}", peak_memory)
    results.wall_s = time.perf_counter() - started
    return results
