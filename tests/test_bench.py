"""`python -m game bench`: exact statistics, a deterministic recorded driver, and one quick end-to-end run."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from game.bench import EXIT_OK
from game.bench.field_stretch import FrameSeen, NoFieldStretch, pick_stretch, rivals_on_screen
from game.bench.floor import residual_rad
from game.bench.memory import peak_rss_mb
from game.bench.plan import BenchPlan
from game.bench.stats import Spread, frame_figures, percentile, spread
from game.render.world.camera import Camera
from game.render.world.canvas import SECTOR_STEP_DEG
from game.sim.input_source import RecordedInputs
from game.sim.inputs import NEUTRAL, InputRecord
from game.sim.route_file import load_route

TINY = BenchPlan(
    repeats=2,
    frames=6,
    warmup_frames=2,
    sim_repeats=2,
    sim_max_ticks=1500,
    startup_repeats=1,
    memory_scope="stage",
    frozen_startup=False,
    stage_pass_frames=12,
)
"""Every measurement, each as short as it can be and still be real: the smoke run of the whole command."""


# Statistics ---------------------------------------------------------------------------------------------------


def test_p99_of_a_hundred_frames_is_the_99th_slowest() -> None:
    frames = [float(ms) for ms in range(100, 0, -1)]  # 100 ms .. 1 ms, out of order
    assert percentile(frames, 99.0) == 99.0
    assert percentile(frames, 50.0) == 50.0
    assert percentile(frames, 100.0) == 100.0


def test_p99_of_few_frames_is_the_slowest_frame() -> None:
    assert percentile([3.0, 9.0, 4.0], 99.0) == 9.0
    assert percentile([7.5], 99.0) == 7.5


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 99.0)
    with pytest.raises(ValueError, match="outside"):
        percentile([1.0], 0.0)


def test_spread_is_median_min_max_over_repeats() -> None:
    assert spread([3.0, 1.0, 2.0]) == Spread(median=2.0, min=1.0, max=3.0, n=3)
    assert spread([4.0, 1.0]) == Spread(median=2.5, min=1.0, max=4.0, n=2)
    with pytest.raises(ValueError):
        spread([])


def test_frame_figures_summarise_each_repeat_then_spread_them() -> None:
    figures = frame_figures([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]])
    assert figures.median_ms == Spread(median=3.75, min=2.0, max=5.5, n=2)
    assert figures.p99_ms == Spread(median=5.0, min=3.0, max=7.0, n=2)
    with pytest.raises(ValueError):
        frame_figures([[1.0], []])


def test_frame_figures_count_the_hitches_a_120_and_a_60_hz_monitor_show() -> None:
    # 8.3 ms is a missed 120 Hz refresh, 16.7 ms a missed 60 Hz one; a frame exactly at the line is not over
    figures = frame_figures([[3.0, 8.3, 8.4, 16.7, 16.8, 40.0], [2.0, 9.0, 3.0]])
    assert figures.max_ms == Spread(median=24.5, min=9.0, max=40.0, n=2)
    assert figures.over_120hz == Spread(median=2.5, min=1, max=4, n=2)
    assert figures.over_60hz == Spread(median=1.0, min=0, max=2, n=2)
    assert figures.frames == 6
    as_json = figures.as_dict()
    assert (as_json["max"], as_json["max_max"], as_json["over_8_3_ms_max"], as_json["over_16_7_ms_max"]) == (
        24.5,
        40.0,
        4,
        2,
    )


# The recorded driver ------------------------------------------------------------------------------------------


def test_recorded_inputs_play_the_records_in_order_then_let_go() -> None:
    records = (InputRecord(throttle=255), InputRecord(steer=-40, brake=9))
    driver = RecordedInputs(records)
    snapshot = None  # a recorded run does not look at the race
    assert [driver.next_record(snapshot) for _ in range(3)] == [records[0], records[1], NEUTRAL]  # type: ignore[arg-type]
    driver.start(None, None, None)  # type: ignore[arg-type]  # a restart replays the same run from its first tick
    assert driver.next_record(snapshot) == records[0]  # type: ignore[arg-type]


# The stretch the field frames are timed on ------------------------------------------------------------------


def _frames_seen(counts: list[int]) -> list[FrameSeen]:
    """A replay's frames with these rivals on screen; frame i runs from tick 2i to tick 2i + 2."""
    return [FrameSeen(count, 2 * index, 2 * index + 2) for index, count in enumerate(counts)]


def test_field_stretch_is_the_first_run_of_frames_with_three_rivals_on_screen_in_each() -> None:
    # frames 0-1 are too short a run, frames 3-5 the first long enough, frames 6-9 a later one with more cars
    counts = [3, 3, 0, 3, 4, 3, 2, 5, 5, 5]
    stretch = pick_stretch("01-stage", _frames_seen(counts), frames=3, warmup_frames=0)
    assert (stretch.track_id, stretch.first_frame, stretch.frames) == ("01-stage", 3, 3)
    assert (stretch.first_tick, stretch.last_tick, stretch.rivals) == (6, 12, (3, 4, 3))
    assert stretch.as_dict() == {"first_frame": 3, "ticks": [6, 12], "rivals_on_screen": {"min": 3, "max": 4}}


def test_field_stretch_starts_late_enough_for_its_warm_up_frames() -> None:
    stretch = pick_stretch("01-stage", _frames_seen([3] * 8), frames=4, warmup_frames=3)
    assert (stretch.first_frame, stretch.first_tick, stretch.last_tick) == (3, 6, 14)


def test_field_stretch_scan_stops_at_the_stretch() -> None:
    # the bench replays the recording only as far as it must: frames after the stretch are never asked for
    def replay() -> Iterator[FrameSeen]:
        yield from _frames_seen([1, 3, 3, 3])
        raise AssertionError("read past the stretch")

    assert pick_stretch("01-stage", replay(), frames=3, warmup_frames=0).first_frame == 1


def test_no_field_stretch_is_a_measurement_error_that_says_what_was_looked_for() -> None:
    with pytest.raises(
        NoFieldStretch,
        match=r"no 3 frames in a row with 3 or more rivals on screen in the 6 frames recorded on 01-stage "
        r"\(at most 5 on screen in a frame\)",
    ):
        pick_stretch("01-stage", _frames_seen([5, 5, 1, 3, 3, 0]), frames=3, warmup_frames=0)
    with pytest.raises(NoFieldStretch):  # long enough, but it leaves no room for the warm-up
        pick_stretch("01-stage", _frames_seen([3, 3, 3, 1]), frames=3, warmup_frames=1)


@dataclass(frozen=True)
class _Rival:
    """Where a rival is: all `rivals_on_screen` reads of a `RivalSnapshot`."""

    number: int
    x_m: float
    y_m: float
    heading_rad: float = 0.0


def test_a_rival_is_on_screen_where_the_view_draws_it_inside_the_screen() -> None:
    camera = Camera((1280, 720), "north-up")  # centred on the origin, north up, 10 px a metre
    half_w_m = 1280 / 2 / (10.0 * camera.zoom)
    inside = _Rival(1, half_w_m - 1.0, 0.0)
    outside = _Rival(2, half_w_m + 1.0, 0.0)
    behind = _Rival(3, 0.0, -40.0)  # 400 px below the centre of a 720 px screen
    assert rivals_on_screen(camera, [], [inside, outside, behind], 1.0) == 1  # type: ignore[list-item]
    # drawn between its ticks: at alpha 0 the car is still where it was, inside the screen
    moved = _Rival(2, half_w_m + 1.0, 0.0)
    was = _Rival(2, half_w_m - 3.0, 0.0)
    assert rivals_on_screen(camera, [was], [moved], 0.0) == 1  # type: ignore[list-item]
    assert rivals_on_screen(camera, [was], [moved], 1.0) == 0  # type: ignore[list-item]


# Start-up probe -----------------------------------------------------------------------------------------------


def test_process_age_counts_from_the_process_start() -> None:
    code = (
        "import time; time.sleep(0.4); from game.bench.startup import process_age_s; print(process_age_s())"
    )
    age_s = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    assert 0.4 <= age_s < 10.0


# Memory -------------------------------------------------------------------------------------------------------


def test_peak_rss_is_the_childs_own_not_the_benchmarks() -> None:
    # this process now holds 160 MB: Linux would pass that peak on to a child forked straight from it
    held = b"\x01" * 160_000_000
    child_mb, _ = peak_rss_mb([sys.executable, "-c", "block = b'\\x01' * 40_000_000"])
    assert len(held) == 160_000_000
    assert 40.0 < child_mb < 100.0


# The whole command, quickly -----------------------------------------------------------------------------------


TINY_RUN = f"""
import argparse, io, sys
from game.bench import main_bench
from game.bench.plan import BenchPlan
plan = BenchPlan(**{asdict(TINY)!r})
args = argparse.Namespace(json=sys.argv[1], quick=True, frozen=None, first_frame=False)
out = io.StringIO()
code = main_bench(args, out, plan=plan)
sys.stdout.write(out.getvalue())
sys.exit(code)
"""


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, dict]:
    """The whole command in a child process: it opens and closes displays of several sizes, which must not
    share a process with the rest of the suite (SDL keeps per-process renderer state)."""
    path = tmp_path_factory.mktemp("bench") / "figures.json"
    child = subprocess.run(
        [sys.executable, "-c", TINY_RUN, str(path)], capture_output=True, text=True, timeout=300
    )
    return child.returncode, child.stdout, json.loads(Path(path).read_text(encoding="utf-8"))


def _positive(value: object) -> bool:
    return isinstance(value, float | int) and not isinstance(value, bool) and value > 0


def test_bench_measures_every_figure_and_writes_the_issue_keys(tiny_run: tuple[int, str, dict]) -> None:
    code, text, figures = tiny_run
    assert figures["errors"] == {}, text
    assert code == EXIT_OK
    for size in ("1280x720", "1920x1080"):
        assert _positive(figures["frame_ms"][size]["median"])
        assert figures["frame_ms"][size]["p99"] >= figures["frame_ms"][size]["median"]
        assert _positive(figures["floor_frame_ms"][size]["median"])
        assert figures["turn_floor_frame_ms"][size]["frames"] == TINY.frames
        assert (
            figures["turn_floor_frame_ms"][size]["p99"] >= figures["turn_floor_frame_ms"][size]["median"] > 0
        )
        split = figures["frame_ms"][size]["split"]
        assert set(split) == {"sim", "world", "hud", "other"}
        assert all(_positive(split[part]["median"]) for part in ("sim", "world", "hud"))
        assert figures["frame_ms"][size]["max"] >= figures["frame_ms"][size]["p99"]
        assert figures["frame_ms"][size]["frames"] == TINY.frames
    stage = figures["stage_pass_ms"]
    assert stage["stage"] == load_route().stage_ids[0] and stage["size"] == "1280x720"
    assert stage["frames"] == TINY.stage_pass_frames and stage["repeats"] == 1
    assert stage["max"] >= stage["p99"] >= stage["median"] > 0
    assert 0 <= stage["over_16_7_ms"] <= stage["over_8_3_ms"] <= TINY.stage_pass_frames
    assert 0 < stage["cpu"]["median"] <= stage["cpu"]["max"] and stage["cpu"]["frames"] == stage["frames"]
    assert set(figures["within_budget"]) >= {
        "stage_frame_max_ms",
        "frame_large_median_ms",
        "frame_large_p99_ms",
    }
    field = figures["frame_ms_field"]
    assert field["stage"] == load_route().stage_ids[0] and field["size"] == "1280x720"
    assert field["max"] >= field["p99"] >= field["median"] > 0
    assert 0 <= field["over_16_7_ms"] <= field["over_8_3_ms"] <= TINY.frames
    assert (field["frames"], field["repeats"]) == (TINY.frames, TINY.repeats)
    # at least three rivals on screen in every timed frame, counted in each repeat as it drew them
    assert field["rivals_on_screen"]["min"] >= 3
    # drawing them is timed as a part of the world's share of the frame
    assert 0 < field["drawing_rivals"]["median"] < field["split"]["world"]["median"]
    first_tick, last_tick = field["ticks"]
    assert field["first_frame"] >= TINY.warmup_frames and 0 < first_tick < last_tick <= TINY.sim_max_ticks
    assert set(figures["within_budget"]) >= {"frame_field_median_ms", "frame_field_p99_ms"}
    for role in ("shortest", "longest"):
        assert _positive(figures["frame_ms_by_stage"][role]["median"])
        assert figures["frame_ms_by_stage"][role]["p99"] >= figures["frame_ms_by_stage"][role]["median"]
    short, long = figures["frame_ms_by_stage"]["shortest"], figures["frame_ms_by_stage"]["longest"]
    assert short["length_m"] < long["length_m"]
    assert _positive(figures["sim_realtime_x"])
    assert _positive(figures["verify_realtime_x"])
    assert figures["verify"]["matches"] is True
    # the bench's own recording of the first stage, cut where the plan cuts the simulation run
    assert figures["verify"]["replay"] == f"recorded {load_route().stage_ids[0]}"
    assert figures["verify"]["ticks"] == TINY.sim_max_ticks
    assert _positive(figures["sim_realtime_x_field"])
    assert _positive(figures["verify_realtime_x_field"])
    assert figures["verify_field"]["matches"] is True
    assert figures["verify_field"]["replay"] == f"recorded {load_route().stage_ids[0]} with the field"
    assert _positive(figures["startup_s"]["source"])
    assert figures["startup_s"]["frozen"] is None
    assert 20.0 < figures["peak_rss_mb"] < 1000.0
    assert figures["machine"]["nproc"] >= 1


def test_bench_report_prints_every_figure_with_its_spread(tiny_run: tuple[int, str, dict]) -> None:
    _, text, _ = tiny_run
    for label in (
        "floor 1280x720",
        "floor 1920x1080",
        "floor + ground turn 1280x720 window",
        "race 1280x720",
        "race 1920x1080",
        "every frame 1280x720",
        "field 1280x720",
        "rivals on screen",
        "drawing the rivals",
        "over 8.3 ms",
        "over 16.7 ms",
        "CPU time: median",
        "budget max < 12",
        "shortest",
        "longest",
        "× floor",
        "simulation",
        "verify",
        "start-up    source",
        "peak RSS",
    ):
        assert label in text, label
    assert "[" in text and "–" in text  # min–max beside every median


def test_the_turn_floor_spreads_the_residual_turn_evenly_over_half_a_sector_each_way() -> None:
    """Any run of frames turns the ground through the whole range the chase camera leaves between canvas
    switches, so the floor's median is that of a drive, not of one lucky angle."""
    half = math.radians(SECTOR_STEP_DEG / 2)
    angles = [residual_rad(index) for index in range(300)]
    assert all(-half <= a <= half for a in angles)
    for lo in range(-9, 9, 3):  # every 3° band of the range gets its share, within a few frames
        share = sum(math.radians(lo) <= a < math.radians(lo + 3) for a in angles)
        assert abs(share - 50) <= 3
