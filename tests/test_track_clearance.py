"""The self-contact check's quick rejection never hides a pair the full distance would flag."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.sim.track_clearance import _apart, _segment_distance

coord = st.floats(-500.0, 500.0, allow_nan=False, allow_infinity=False)
point = st.tuples(coord, coord)


@given(point, point, point, point, st.floats(0.5, 60.0))
def test_segments_apart_along_an_axis_are_at_least_that_far_apart(a, b, c, d, needed) -> None:
    if _apart(a, b, c, d, needed):
        assert _segment_distance(a, b, c, d) >= needed


def test_segments_close_on_both_axes_are_not_called_apart() -> None:
    assert not _apart((0.0, 0.0), (10.0, 0.0), (5.0, 3.0), (5.0, 20.0), 4.0)
    assert _apart((0.0, 0.0), (10.0, 0.0), (5.0, 4.5), (5.0, 20.0), 4.0)


def test_a_gap_of_exactly_the_clearance_is_left_to_the_distance() -> None:
    """The distance of these two comes out 2e-14 m short of their 1.546 m gap: only it may answer."""
    a, b, c, d = (0.0, -255.0), (0.0, 0.0), (0.0, 2.0), (0.0, 1.5461560542085735)
    assert _segment_distance(a, b, c, d) < 1.5461560542085735
    assert not _apart(a, b, c, d, 1.5461560542085735)
