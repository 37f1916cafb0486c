"""What a benchmark run found: every figure printed as median [min–max] over repeats, and as JSON.

A measurement that failed is reported with its error and null figures, so one broken part never hides the
others; the JSON always has the keys issue 10 lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from game.bench import budgets as b
from game.bench.frame import PARTS, FieldFrames, RaceFrames
from game.bench.look_ahead import CarLookAhead, all_at_least_floor
from game.bench.memory import PeakMemory
from game.bench.recordings import StagePick
from game.bench.sim_speed import SimSpeed
from game.bench.startup import Startup
from game.bench.stats import HITCH_60HZ_MS, HITCH_120HZ_MS, FrameFigures, Spread
from game.bench.surface import SIZES, size_key
from game.bench.verify_speed import VerifySpeed


@dataclass
class Results:
    """Filled in as the measurements finish; `errors` holds, per measurement, why it has no figure."""

    plan: str
    machine: dict[str, str | int | float]
    floors: dict[str, FrameFigures] = field(default_factory=dict)
    turn_floors: dict[str, FrameFigures] = field(default_factory=dict)
    """The floor plus the chase camera's turn of the ground (`floor.py`): the least a race frame costs here."""
    frames: dict[str, RaceFrames] = field(default_factory=dict)
    by_stage: dict[str, tuple[StagePick, RaceFrames]] = field(default_factory=dict)
    stage_pass: RaceFrames | None = None
    field_frames: FieldFrames | None = None
    sim: SimSpeed | None = None
    verify: VerifySpeed | None = None
    sim_field: SimSpeed | None = None
    verify_field: VerifySpeed | None = None
    startup_source: Startup | None = None
    startup_frozen: Startup | None = None
    frozen_note: str = ""
    memory: PeakMemory | None = None
    look_ahead: list[CarLookAhead] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    wall_s: float = 0.0

    def floor_ratio(self, frames: RaceFrames) -> float | None:
        floor = self.floors.get(size_key(frames.size))
        return None if floor is None else frames.total.median_ms.median / floor.median_ms.median

    def verdicts(self) -> dict[str, bool | None]:
        budget = self.frames.get(b.BUDGET_SIZE)
        large = self.frames.get(b.LARGE_SIZE)
        stage = self.stage_pass
        field = self.field_frames and self.field_frames.frames
        return {
            "frame_median_ms": b.below(budget and budget.total.median_ms.median, b.FRAME_MEDIAN_MS_MAX),
            "frame_p99_ms": b.below(budget and budget.total.p99_ms.median, b.FRAME_P99_MS_MAX),
            "frame_field_median_ms": b.below(field and field.total.median_ms.median, b.FRAME_MEDIAN_MS_MAX),
            "frame_field_p99_ms": b.below(field and field.total.p99_ms.median, b.FRAME_P99_MS_MAX),
            "stage_frame_max_ms": b.below(stage and stage.total.max_ms.max, b.STAGE_FRAME_MAX_MS),
            "frame_large_median_ms": b.below(
                large and large.total.median_ms.median, b.LARGE_FRAME_MEDIAN_MS_MAX
            ),
            "frame_large_p99_ms": b.below(large and large.total.p99_ms.median, b.LARGE_FRAME_P99_MS_MAX),
            "sim_realtime_x": b.at_least(self.sim and self.sim.realtime_x.median, b.SIM_REALTIME_X_MIN),
            "verify_realtime_x": b.at_least(
                self.verify and self.verify.realtime_x.median, b.VERIFY_REALTIME_X_MIN
            ),
            "sim_realtime_x_field": b.at_least(
                self.sim_field and self.sim_field.realtime_x.median, b.SIM_REALTIME_X_FIELD_MIN
            ),
            "verify_realtime_x_field": b.at_least(
                self.verify_field and self.verify_field.realtime_x.median, b.VERIFY_REALTIME_X_FIELD_MIN
            ),
            "startup_source_s": b.below(
                self.startup_source and self.startup_source.seconds.median, b.STARTUP_S_MAX
            ),
            "startup_frozen_s": b.below(
                self.startup_frozen and self.startup_frozen.seconds.median, b.STARTUP_S_MAX
            ),
            "peak_rss_mb": b.below(self.memory and self.memory.peak_rss_mb, b.PEAK_RSS_MB_MAX),
            "look_ahead_s": all_at_least_floor(self.look_ahead),
        }


def to_json(results: Results) -> dict[str, object]:
    frames: dict[str, object] = {}
    for key, measured in results.frames.items():
        frames[key] = {**measured.as_dict(), "ratio_to_floor": results.floor_ratio(measured)}
    by_stage: dict[str, object] = {}
    for role, (pick, measured) in results.by_stage.items():
        ratio = results.floor_ratio(measured)
        by_stage[role] = {**measured.as_dict(), "length_m": pick.length_m, "ratio_to_floor": ratio}
    return {
        "frame_ms": {
            size_key(size): frames.get(size_key(size), {"median": None, "p99": None}) for size in SIZES
        },
        "floor_frame_ms": {
            size_key(size): results.floors[size_key(size)].as_dict()
            if size_key(size) in results.floors
            else {"median": None}
            for size in SIZES
        },
        "turn_floor_frame_ms": {
            size_key(size): results.turn_floors[size_key(size)].as_dict()
            if size_key(size) in results.turn_floors
            else {"median": None}
            for size in SIZES
        },
        "frame_ms_by_stage": {
            role: by_stage.get(role, {"median": None, "p99": None}) for role in ("shortest", "longest")
        },
        "stage_pass_ms": (
            {**results.stage_pass.as_dict(), "ratio_to_floor": results.floor_ratio(results.stage_pass)}
            if results.stage_pass
            else {"median": None, "p99": None, "max": None}
        ),
        "frame_ms_field": (
            {
                **results.field_frames.as_dict(),
                "ratio_to_floor": results.floor_ratio(results.field_frames.frames),
            }
            if results.field_frames
            else {"median": None, "p99": None, "max": None}
        ),
        "sim_realtime_x": results.sim.realtime_x.median if results.sim else None,
        "sim": results.sim.as_dict() if results.sim else None,
        "verify_realtime_x": results.verify.realtime_x.median if results.verify else None,
        "verify": results.verify.as_dict() if results.verify else None,
        "sim_realtime_x_field": results.sim_field.realtime_x.median if results.sim_field else None,
        "sim_field": results.sim_field.as_dict() if results.sim_field else None,
        "verify_realtime_x_field": results.verify_field.realtime_x.median if results.verify_field else None,
        "verify_field": results.verify_field.as_dict() if results.verify_field else None,
        "startup_s": {
            "source": results.startup_source.seconds.median if results.startup_source else None,
            "frozen": results.startup_frozen.seconds.median if results.startup_frozen else None,
        },
        "startup": {
            "source": results.startup_source.as_dict() if results.startup_source else None,
            "frozen": results.startup_frozen.as_dict() if results.startup_frozen else None,
            "frozen_note": results.frozen_note,
        },
        "peak_rss_mb": results.memory.peak_rss_mb if results.memory else None,
        "memory": results.memory.as_dict() if results.memory else None,
        "look_ahead_at_top_speed": {f.car_id: f.as_dict() for f in results.look_ahead},
        "budgets": b.BUDGETS,
        "within_budget": results.verdicts(),
        "machine": results.machine,
        "plan": results.plan,
        "errors": results.errors,
        "wall_s": results.wall_s,
    }


def _ms(figure: Spread) -> str:
    return f"{figure.median:6.2f} [{figure.min:.2f}–{figure.max:.2f}]"


def _mark(ok: bool | None) -> str:
    return {True: "ok", False: "MISSES BUDGET", None: "-"}[ok]


def _count(figure: Spread) -> str:
    return f"{figure.median:g} [{figure.min:g}–{figure.max:g}]"


def _frame_lines(label: str, measured: RaceFrames, ratio: float | None, verdict: str) -> list[str]:
    total = measured.total
    lines = [
        f"  {label:<38} median {_ms(total.median_ms)} ms   p99 {_ms(total.p99_ms)} ms"
        + (f"   {ratio:5.1f}× floor" if ratio is not None else "")
        + (f"   {verdict}" if verdict else ""),
        f"  {'':<38} max    {_ms(total.max_ms)} ms   of {total.frames} frames: "
        f"over {HITCH_120HZ_MS:g} ms {_count(total.over_120hz)}, over {HITCH_60HZ_MS:g} ms {_count(total.over_60hz)}",
    ]
    cpu = measured.cpu
    lines.append(
        f"  {'':<38} CPU time: median {_ms(cpu.median_ms)} ms   p99 {_ms(cpu.p99_ms)} ms   "
        f"max {_ms(cpu.max_ms)} ms   over {HITCH_120HZ_MS:g} ms {_count(cpu.over_120hz)}, "
        f"over {HITCH_60HZ_MS:g} ms {_count(cpu.over_60hz)}"
    )
    parts = "  ".join(f"{name} {measured.parts[name].median_ms.median:.2f}" for name in PARTS)
    worst = "  ".join(f"{name} {measured.parts[name].max_ms.median:.2f}" for name in PARTS)
    lines.append(f"  {'':<38} split (medians, ms): {parts}   (max: {worst})")
    return lines


def print_report(results: Results, out: TextIO) -> None:
    m = results.machine
    verdicts = results.verdicts()
    frame_verdicts = {
        b.BUDGET_SIZE: f"budget median < {b.FRAME_MEDIAN_MS_MAX:g}: {_mark(verdicts['frame_median_ms'])}, "
        f"p99 < {b.FRAME_P99_MS_MAX:g}: {_mark(verdicts['frame_p99_ms'])}",
        b.LARGE_SIZE: f"budget median < {b.LARGE_FRAME_MEDIAN_MS_MAX:g}: "
        f"{_mark(verdicts['frame_large_median_ms'])}, "
        f"p99 < {b.LARGE_FRAME_P99_MS_MAX:g}: {_mark(verdicts['frame_large_p99_ms'])}",
    }
    lines = [
        "",
        f"Mille Miglia · Lab One benchmarks ({results.plan}; median [min–max] over repeats)",
        f"machine: {m['nproc']} × {m['cpu']} · {m['os']} · Python {m['python']} · pygame-ce {m['pygame']} "
        f"(SDL {m['sdl']}, {m['video_driver']} video) · pymunk {m['pymunk']} · numpy {m['numpy']} · "
        f"load average {m['load_average_1min']} at the start",
        "",
        "frame cost, 60 Hz frames with the full HUD, the 1280×720 canvas in a window of the size shown",
    ]
    for size in SIZES:
        key = size_key(size)
        if key in results.floors:
            lines.append(
                f"  {'floor ' + key + ' window (clear + flip)':<38} median {_ms(results.floors[key].median_ms)} ms"
            )
    for size in SIZES:
        key = size_key(size)
        if key in results.turn_floors:
            lines.append(
                f"  {'floor + ground turn ' + key + ' window':<38} median "
                f"{_ms(results.turn_floors[key].median_ms)} ms   p99 {_ms(results.turn_floors[key].p99_ms)} ms"
            )
    for size in SIZES:
        key = size_key(size)
        if key in results.frames:
            measured = results.frames[key]
            verdict = frame_verdicts.get(key, "")
            lines += _frame_lines(
                f"race {key} window {measured.track_id}", measured, results.floor_ratio(measured), verdict
            )
    for role, (pick, measured) in results.by_stage.items():
        label = f"{role} {pick.track_id} ({pick.length_m / 1000:.2f} km)"
        lines += _frame_lines(label, measured, results.floor_ratio(measured), "")
    if results.field_frames:
        stretch, measured = results.field_frames.stretch, results.field_frames.frames
        lines += _frame_lines(
            f"field {size_key(measured.size)} {measured.track_id}",
            measured,
            results.floor_ratio(measured),
            f"budget median < {b.FRAME_MEDIAN_MS_MAX:g}: {_mark(verdicts['frame_field_median_ms'])}, "
            f"p99 < {b.FRAME_P99_MS_MAX:g}: {_mark(verdicts['frame_field_p99_ms'])}",
        )
        drawing = results.field_frames.rivals
        lines += [
            f"  {'':<38} drawing the rivals (in world): median {_ms(drawing.median_ms)} ms   "
            f"max {_ms(drawing.max_ms)} ms",
            f"  {'':<38} ticks {stretch.first_tick}–{stretch.last_tick} (frames from GO "
            f"{stretch.first_frame}–{stretch.first_frame + stretch.frames - 1}): "
            f"{min(stretch.rivals)}–{max(stretch.rivals)} rivals on screen",
        ]
    if results.stage_pass:
        measured = results.stage_pass
        lines += _frame_lines(
            f"every frame {size_key(measured.size)} {measured.track_id}",
            measured,
            results.floor_ratio(measured),
            f"budget max < {b.STAGE_FRAME_MAX_MS:g}: {_mark(verdicts['stage_frame_max_ms'])}",
        )
    lines.append("")
    if results.sim:
        s = results.sim
        lines.append(
            f"simulation  {s.track_id}, {s.ticks} ticks: {_ms(s.realtime_x)}× real time "
            f"(CPU time: {s.cpu_realtime_x.median:.0f}×)"
            f"   budget >= {b.SIM_REALTIME_X_MIN:g}×: "
            f"{_mark(verdicts['sim_realtime_x'])}"
        )
    if results.verify:
        v = results.verify
        lines.append(
            f"verify      {v.replay}, {v.ticks} ticks: {_ms(v.seconds)} s = {_ms(v.realtime_x)}× real time "
            f"(CPU time: {v.cpu_realtime_x.median:.0f}×)"
            f"{'' if v.matches else '  (MISMATCH)'}   budget >= {b.VERIFY_REALTIME_X_MIN:g}×: "
            f"{_mark(verdicts['verify_realtime_x'])}"
        )
    if results.sim_field:
        s = results.sim_field
        lines.append(
            f"simulation with the field  {s.track_id}, {s.ticks} ticks: {_ms(s.realtime_x)}× real time "
            f"(CPU time: {s.cpu_realtime_x.median:.0f}×)"
            f"   budget >= {b.SIM_REALTIME_X_FIELD_MIN:g}×: {_mark(verdicts['sim_realtime_x_field'])}"
        )
    if results.verify_field:
        v = results.verify_field
        lines.append(
            f"verify with the field      {v.replay}: {_ms(v.realtime_x)}× real time "
            f"(CPU time: {v.cpu_realtime_x.median:.0f}×)"
            f"{'' if v.matches else '  (MISMATCH)'}   budget >= {b.VERIFY_REALTIME_X_FIELD_MIN:g}×: "
            f"{_mark(verdicts['verify_realtime_x_field'])}"
        )
    for name, startup, key in (
        ("source", results.startup_source, "startup_source_s"),
        ("frozen", results.startup_frozen, "startup_frozen_s"),
    ):
        if startup:
            lines.append(
                f"start-up    {name}: {_ms(startup.seconds)} s to the first frame ({startup.method})"
                f"   budget < {b.STARTUP_S_MAX:g} s: {_mark(verdicts[key])}"
            )
    if results.frozen_note:
        lines.append(f"start-up    frozen: {results.frozen_note}")
    if results.memory:
        mem = results.memory
        lines.append(
            f"memory      peak RSS {mem.peak_rss_mb:.1f} MB, autopilot over {mem.where} "
            f"({mem.wall_s:.1f} s, one run)   budget < {b.PEAK_RSS_MB_MAX:g} MB: {_mark(verdicts['peak_rss_mb'])}"
        )
    for figure in results.look_ahead:
        seen = ", ".join(
            f"{size} {mode} {s:.2f} s" for size, modes in figure.seconds.items() for mode, s in modes.items()
        )
        lines.append(
            f"look-ahead  {figure.car_id} at {figure.top_speed_ms * 3.6:.0f} km/h (zoom {figure.zoom:g}, car "
            f"{figure.car_px:.0f} px): {seen}"
        )
    if results.look_ahead:
        lines.append(f"            budget >= {b.LOOK_AHEAD_S_MIN:g} s: {_mark(verdicts['look_ahead_s'])}")
    for what, error in results.errors.items():
        lines.append(f"FAILED      {what}: {error}")
    lines.append(f"\nbench took {results.wall_s:.1f} s")
    out.write("\n".join(lines) + "\n")
