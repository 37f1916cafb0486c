"""Line crossings are interpolated inside the tick: results to the millisecond."""

from __future__ import annotations

import pytest

from game.sim.timing import Gate, crossing_fraction
from game.sim.track import TimingLine
from game.timefmt import format_delta, format_igt, format_time_of_day


def east_gate(x: float = 100.0, half: float = 7.0) -> Gate:
    """A line across a road running east (+x), at x = 100 m."""
    return Gate(0, TimingLine("checkpoint", 100.0, "Verona"), 1, "split", x, 0.0, 1.0, 0.0, half)


def test_fraction_is_where_the_move_meets_the_line() -> None:
    assert crossing_fraction(east_gate(), 99.0, 0.0, 100.5, 0.0) == pytest.approx(2 / 3)
    assert crossing_fraction(east_gate(), 99.5, 3.0, 100.0, 3.0) == pytest.approx(1.0)


def test_no_crossing_backwards_beside_or_short_of_the_line() -> None:
    assert crossing_fraction(east_gate(), 101.0, 0.0, 99.0, 0.0) is None  # reversing over it
    assert crossing_fraction(east_gate(), 99.0, 9.0, 101.0, 9.0) is None  # beside its end
    assert crossing_fraction(east_gate(), 98.0, 0.0, 99.9, 0.0) is None  # not there yet
    assert crossing_fraction(east_gate(), 100.0, 0.0, 101.0, 0.0) is None  # already on it last tick


def test_crossing_on_a_diagonal_line() -> None:
    # A road heading north-east; the car moves due east across the line through the origin.
    c = 2**-0.5
    gate = Gate(0, TimingLine("finish", 0.0, "Roma"), 1, "finish", 0.0, 0.0, c, c, 7.0)
    assert crossing_fraction(gate, -1.0, 0.0, 1.0, 0.0) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "00:00.000"), (61_005, "01:01.005"), (3_723_456, "1:02:03.456"), (-1500, "-00:01.500")],
)
def test_igt_format(ms: int, text: str) -> None:
    assert format_igt(ms) == text


def test_delta_and_time_of_day_formats() -> None:
    assert format_delta(1234) == "+1.234"
    assert format_delta(-50) == "-0.050"
    assert format_delta(62_300) == "+1:02.300"
    assert format_time_of_day(7 * 3600 + 22 * 60) == "07:22:00"
    assert format_time_of_day(86_400 + 5) == "00:00:05"
