"""`python -m game bench`: exact statistics, a deterministic recorded driver, and one quick end-to-end run."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from game.bench import EXIT_OK
from game.bench.memory import peak_rss_mb
from game.bench.plan import BenchPlan
from game.bench.stats import Spread, frame_figures, percentile, spread
from game.sim.input_source import RecordedInputs
from game.sim.inputs import NEUTRAL, InputRecord
from game.sim.route_file import load_route

TINY = BenchPlan(
    repeats=2,
    frames=6,
    warmup_frames=2,
    sim_repeats=2,
    sim_max_ticks=500,
    startup_repeats=1,
    memory_scope="stage",
    frozen_startup=False,
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


# The recorded driver ------------------------------------------------------------------------------------------


def test_recorded_inputs_play_the_records_in_order_then_let_go() -> None:
    records = (InputRecord(throttle=255), InputRecord(steer=-40, brake=9))
    driver = RecordedInputs(records)
    snapshot = None  # a recorded run does not look at the race
    assert [driver.next_record(snapshot) for _ in range(3)] == [records[0], records[1], NEUTRAL]  # type: ignore[arg-type]
    driver.start(None, None, None)  # type: ignore[arg-type]  # a restart replays the same run from its first tick
    assert driver.next_record(snapshot) == records[0]  # type: ignore[arg-type]


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
        split = figures["frame_ms"][size]["split"]
        assert set(split) == {"sim", "world", "hud", "other"}
        assert all(_positive(split[part]["median"]) for part in ("sim", "world", "hud"))
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
        "race 1280x720",
        "race 1920x1080",
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
