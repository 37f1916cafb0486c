"""The fixed-tick loop: exactly the ticks real time allows, stalls clamped, alpha always in [0, 1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.frame_clock import FixedStepClock
from game.sim import TICK_MS


def run_frames(clock: FixedStepClock, frames_s: list[float]) -> list[int]:
    return [clock.advance(f).ticks for f in frames_s]


@pytest.mark.parametrize(
    ("frame_s", "frames", "expected_ticks"),
    [
        (0.001, 1000, 100),  # 1 ms frames: a tick every tenth frame
        (0.0167, 600, 1002),  # 60 Hz-ish: 10.02 s of frames
        (0.033, 300, 990),  # 30 Hz: 9.9 s
    ],
)
def test_steady_frames_run_exactly_the_ticks_the_clock_allows(
    frame_s: float, frames: int, expected_ticks: int
) -> None:
    clock = FixedStepClock()
    ticks = run_frames(clock, [frame_s] * frames)
    assert sum(ticks) == expected_ticks == clock.total_ticks
    assert clock.total_ticks * TICK_MS == expected_ticks * 10  # IGT is ticks × 10 ms and nothing else


def test_one_ms_frames_tick_on_every_tenth_frame() -> None:
    clock = FixedStepClock()
    ticks = run_frames(clock, [0.001] * 30)
    assert [i for i, t in enumerate(ticks) if t] == [9, 19, 29]


def test_a_two_second_stall_is_clamped_to_a_quarter_second_and_the_rest_counted() -> None:
    clock = FixedStepClock()
    run_frames(clock, [0.0167] * 10)  # 167 ms: 16 ticks, 7 ms carried
    steps = clock.advance(2.0)
    assert steps.ticks == 25  # 7 ms carried + 250 ms → 25 ticks, 7 ms carried again
    assert steps.dropped_ns == 1_750_000_000
    assert clock.dropped_ns == 1_750_000_000 and clock.stalls == 1
    assert clock.total_ticks == 16 + 25
    assert steps.alpha == pytest.approx(0.7)
    after = run_frames(clock, [0.0167] * 10)
    assert sum(after) == 17  # 7 + 167 = 174 ms → 17 ticks: no spiral after the stall


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=3.0, allow_nan=False), min_size=1, max_size=60))
def test_alpha_stays_in_unit_interval_and_ticks_never_exceed_the_clamp(frames: list[float]) -> None:
    clock = FixedStepClock()
    for frame in frames:
        steps = clock.advance(frame)
        assert 0.0 <= steps.alpha < 1.0
        assert steps.ticks <= 25 + 1
    simulated_ns = sum(min(round(f * 1e9), 250_000_000) for f in frames)
    assert clock.total_ticks == simulated_ns // 10_000_000


def test_reset_drops_the_partial_tick() -> None:
    clock = FixedStepClock()
    clock.advance(0.015)
    assert clock.alpha == pytest.approx(0.5)
    clock.reset()
    assert clock.alpha == 0.0
