"""Split arithmetic over a scripted series of attempts, checked against values worked out by hand.

Category of three splits. Attempts (cumulative ms):
  1 finished [60000, 125000, 200000]   first run: PB, every segment gold
  2 reset    [58000, 120000]           two gold segments, no PB
  3 finished [61000, 124000, 198500]   new PB, gold on the last segment
  4 finished [59000, 123500, 198600]   0.1 s short of the PB
  5 finished [64000, 126500, 201000]   behind, gains some back on the middle segment
"""

from __future__ import annotations

import pytest

from game.speedrun.splits import (
    SplitRow,
    best_segments_ms,
    is_best_segment,
    live_delta_ms,
    possible_time_save_ms,
    segment_times_ms,
    split_color,
    split_delta_ms,
    split_rows,
    sum_of_best_ms,
)

A1 = (60_000, 125_000, 200_000)
A2 = (58_000, 120_000)
A3 = (61_000, 124_000, 198_500)
A4 = (59_000, 123_500, 198_600)
A5 = (64_000, 126_500, 201_000)
NAMES = ("Desenzano", "Verona", "Arrivo")


def test_segments_are_the_time_between_splits() -> None:
    assert segment_times_ms(A1) == (60_000, 65_000, 75_000)
    assert segment_times_ms(A2) == (58_000, 62_000)
    assert segment_times_ms(()) == ()


def test_best_segments_and_sum_of_best_after_each_attempt() -> None:
    runs = [A1, A2, A3, A4, A5]
    expected_best = [
        (60_000, 65_000, 75_000),
        (58_000, 62_000, 75_000),
        (58_000, 62_000, 74_500),
        (58_000, 62_000, 74_500),
        (58_000, 62_000, 74_500),
    ]
    expected_sob = [200_000, 195_000, 194_500, 194_500, 194_500]
    for n in range(1, 6):
        best = best_segments_ms(runs[:n], 3)
        assert best == expected_best[n - 1]
        assert sum_of_best_ms(best) == expected_sob[n - 1]


def test_sum_of_best_is_unknown_until_every_segment_was_driven() -> None:
    assert best_segments_ms([A2], 3) == (58_000, 62_000, None)
    assert sum_of_best_ms((58_000, 62_000, None)) is None
    assert best_segments_ms([], 3) == (None, None, None)


def test_colours_of_each_attempt_against_the_pb_and_best_segments_before_it() -> None:
    none3 = (None, None, None)
    assert [split_color(A1, i, None, none3) for i in range(3)] == ["best_segment"] * 3
    best = best_segments_ms([A1], 3)
    assert [split_color(A2, i, A1, best) for i in range(3)] == ["best_segment", "best_segment", "none"]
    best = best_segments_ms([A1, A2], 3)
    assert [split_color(A3, i, A1, best) for i in range(3)] == [
        "behind_losing",
        "ahead_gaining",
        "best_segment",
    ]
    best = best_segments_ms([A1, A2, A3], 3)
    assert [split_color(A4, i, A3, best) for i in range(3)] == [
        "ahead_gaining",
        "ahead_losing",
        "behind_losing",
    ]
    assert [split_color(A5, i, A3, best) for i in range(3)] == [
        "behind_losing",
        "behind_gaining",
        "behind_losing",
    ]


def test_a_tie_with_the_best_segment_is_not_gold_and_a_zero_delta_counts_as_behind() -> None:
    best = (58_000, 62_000, 74_500)
    assert not is_best_segment(A5, 2, best)  # 74 500 equals the best: not faster
    assert split_color((61_000,), 0, A3, (50_000, None, None)) == "behind_losing"


def test_deltas_against_the_pb() -> None:
    assert [split_delta_ms(A4, i, A3) for i in range(3)] == [-2_000, -500, 100]
    assert split_delta_ms(A2, 2, A1) is None
    assert split_delta_ms(A1, 0, None) is None


def test_possible_time_save_is_what_the_pb_lost_to_the_best_segments() -> None:
    best = best_segments_ms([A1, A2, A3, A4, A5], 3)
    saves = possible_time_save_ms(A3, best)
    assert saves == (3_000, 1_000, 0)
    assert sum(s for s in saves if s is not None) == A3[-1] - (sum_of_best_ms(best) or 0)
    assert possible_time_save_ms(None, best) == (None, None, None)


@pytest.mark.parametrize(
    ("now_ms", "reached", "expected"),
    [
        (57_000, (), None),  # first segment, still faster than its best: nothing to show yet
        (58_500, (), -2_500),  # slower than the best first segment, still ahead of the PB
        (120_000, (59_000,), None),  # segment so far 61.0 s, best 62.0 s
        (121_500, (59_000,), -2_500),  # segment so far 62.5 s: losing time, still ahead overall
        (124_500, (59_000,), 500),  # past the PB's split: behind
        (200_000, A4, None),  # every split done
    ],
)
def test_live_delta_appears_when_time_is_being_lost(
    now_ms: int, reached: tuple[int, ...], expected: int | None
) -> None:
    best = best_segments_ms([A1, A2, A3], 3)
    assert live_delta_ms(now_ms, reached, A3, best) == expected


def test_no_live_delta_without_a_pb() -> None:
    assert live_delta_ms(500_000, (), None, (None, None, None)) is None


def test_split_rows_gather_what_a_splits_table_shows() -> None:
    best = best_segments_ms([A1, A2, A3], 3)
    rows = split_rows(NAMES, A4[:2], A3, best)
    assert rows == (
        SplitRow("Desenzano", 59_000, 61_000, -2_000, 59_000, 58_000, "ahead_gaining"),
        SplitRow("Verona", 123_500, 124_000, -500, 64_500, 62_000, "ahead_losing"),
        SplitRow("Arrivo", None, 198_500, None, None, 74_500, "none"),
    )
