"""Where the red Mille Miglia arrow stands for a speed, and the geometry the watch is laid out with."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.render.watch import geometry as g
from game.render.watch import speed_arrow_deg


@pytest.mark.parametrize(
    ("speed_kmh", "units", "bearing"),
    [
        (0.0, "kmh", 210.0),  # zero at 7 o'clock
        (150.0, "kmh", 360.0),  # mid-scale at 12 o'clock
        (300.0, "kmh", 510.0),  # full scale at 5 o'clock
        (100.0, "kmh", 310.0),  # one degree a km/h
        (90 * g.KMH_PER_MPH, "mph", 360.0),  # 90 mph at 12 o'clock on the mph flange
        (180 * g.KMH_PER_MPH, "mph", 510.0),
    ],
)
def test_the_arrow_bearing_for_a_speed(speed_kmh: float, units: str, bearing: float) -> None:
    assert speed_arrow_deg(speed_kmh, units) == pytest.approx(bearing)


def test_the_arrow_rests_on_its_stops_beyond_the_scale() -> None:
    assert speed_arrow_deg(-12.0) == 210.0
    assert speed_arrow_deg(412.0) == 510.0
    assert speed_arrow_deg(400.0, "mph") == 510.0


def test_units_must_be_kmh_or_mph() -> None:
    with pytest.raises(ValueError, match="units"):
        speed_arrow_deg(100.0, "knots")


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=-50, max_value=500, allow_nan=False),
    st.floats(min_value=-50, max_value=500, allow_nan=False),
    st.sampled_from(["kmh", "mph"]),
)
def test_a_faster_car_never_shows_a_lower_arrow(a: float, b: float, units: str) -> None:
    lo, hi = sorted((a, b))
    assert 210.0 <= speed_arrow_deg(lo, units) <= speed_arrow_deg(hi, units) <= 510.0


def test_the_flange_lies_between_the_bezel_and_the_dial_all_round() -> None:
    for bearing in range(0, 360, 5):
        outer, inner = g.flange_radii(float(bearing))
        assert inner < outer
        assert outer - inner == pytest.approx(g.FLANGE_IN - g.BEZEL_STEP_IN, abs=0.9)


def test_the_sub_dials_and_tourbillon_fit_inside_the_dial_without_overlapping() -> None:
    dial = g.inset(g.CASE_OUTLINE, g.FLANGE_IN)
    tourbillon_bottom = g.TOURBILLON_CENTRE[1] + g.SECONDS_RING_R
    assert tourbillon_bottom < g.ray_distance(dial, (0.0, 0.0), 180.0)
    for pivot in (g.POWER_RESERVE_PIVOT, g.DATE_PIVOT):
        for bearing in (300.0, 0.0, 60.0):
            end = g.polar(pivot, bearing, g.SUBDIAL_ARC_R)
            assert math.dist(end, g.TOURBILLON_CENTRE) > g.SECONDS_RING_R - 0.05
            d_to_edge = g.ray_distance(dial, (0.0, 0.0), math.degrees(math.atan2(end[0], -end[1])))
            assert math.hypot(*end) < d_to_edge
