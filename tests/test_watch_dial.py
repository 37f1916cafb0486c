"""What the dial shows: hands, power reserve, the retrograde date and its fly-back at each month's end."""

from __future__ import annotations

import datetime

import pytest

from watch_core import ARC_SPAN_DEG, ARC_START_DEG, LabOne, WatchState, days_in_month

LONG_RESERVE = 0.001
"""A let-down scale under which one wind lasts about 7 years: calendars without winding."""


def test_hands_at_the_start_time_of_car_722() -> None:
    s = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1)).state
    assert (s.hour_deg, s.minute_deg, s.seconds_deg) == (221.0, 132.0, 0.0)
    assert s.time_of_day_s == 26_520.0
    assert s.date == (1955, 5, 1)
    assert s.beats == 0


def test_hands_move_in_beat_steps() -> None:
    w = LabOne(time_of_day_s=3 * 3600.0)
    w.advance(0.125)
    s = w.state
    assert s.minute_deg == 360 / 28_800
    assert s.hour_deg == 90 + 360 / 345_600
    assert s.seconds_deg == 0.75
    w.advance(3600.0 - 0.125)
    assert (w.state.hour_deg, w.state.minute_deg, w.state.seconds_deg) == (120.0, 0.0, 0.0)


def test_every_angle_is_in_range_all_day() -> None:
    w = LabOne(time_of_day_s=0.0, let_down_scale=LONG_RESERVE)
    for _ in range(24 * 60 + 1):
        s = w.state
        for angle in (
            s.hour_deg,
            s.minute_deg,
            s.seconds_deg,
            s.cage_deg,
            s.power_reserve_deg,
            s.date_hand_deg,
        ):
            assert 0.0 <= angle < 360.0
        w.advance(59.875)


def test_time_of_day_is_rounded_to_the_nearest_beat() -> None:
    assert LabOne(time_of_day_s=10.06).state.time_of_day_s == 10.0
    assert LabOne(time_of_day_s=10.07).state.time_of_day_s == 10.125


def test_power_reserve_hand_sweeps_its_arc_from_empty_to_full() -> None:
    assert LabOne(wound_turns=None).state.power_reserve_deg == (ARC_START_DEG + ARC_SPAN_DEG) % 360 == 60.0
    assert LabOne(wound_turns=19.0).state.power_reserve_deg == 0.0
    assert LabOne(wound_turns=0.0).state.power_reserve_deg == ARC_START_DEG == 300.0


def _at_last_beat_of(date: tuple[int, int, int]) -> LabOne:
    return LabOne(time_of_day_s=86_399.875, date=date, let_down_scale=LONG_RESERVE)


@pytest.mark.parametrize(
    ("last_day", "next_day", "month_days"),
    [
        ((1955, 4, 30), (1955, 5, 1), 30),
        ((1955, 2, 28), (1955, 3, 1), 28),
        ((1956, 2, 29), (1956, 3, 1), 29),
        ((1955, 12, 31), (1956, 1, 1), 31),
        ((1900, 2, 28), (1900, 3, 1), 28),
        ((2000, 2, 29), (2000, 3, 1), 29),
    ],
)
def test_retrograde_hand_flies_back_at_midnight_of_the_month_end(last_day, next_day, month_days) -> None:
    w = _at_last_beat_of(last_day)
    assert days_in_month(*last_day[:2]) == month_days
    before = w.state
    assert (before.date, before.date_fraction, before.date_hand_deg) == (last_day, 1.0, 60.0)
    w.advance_ns(124_999_999)
    assert w.state.date == last_day, "not a nanosecond early"
    w.advance_ns(1)
    after = w.state
    assert (after.date, after.date_fraction, after.date_hand_deg) == (next_day, 0.0, 300.0)
    assert after.time_of_day_s == 0.0


def test_leap_february_takes_the_29th_before_flying_back() -> None:
    w = _at_last_beat_of((1956, 2, 28))
    assert w.state.date_fraction == 27 / 28
    w.advance(0.125)
    assert (w.state.date, w.state.date_fraction) == ((1956, 2, 29), 1.0)


def test_a_year_of_midnights_matches_the_calendar() -> None:
    start = datetime.date(1955, 4, 30)
    w = LabOne(
        time_of_day_s=12 * 3600.0, date=(start.year, start.month, start.day), let_down_scale=LONG_RESERVE
    )
    previous: WatchState = w.state
    for day in range(1, 367):
        w.advance(86_400.0)
        s = w.state
        expected = start + datetime.timedelta(days=day)
        assert s.date == (expected.year, expected.month, expected.day)
        assert s.date_fraction == (expected.day - 1) / (days_in_month(expected.year, expected.month) - 1)
        assert s.date_hand_deg == pytest.approx((300.0 + 120.0 * s.date_fraction) % 360.0)
        if expected.day == 1:
            assert previous.date_fraction == 1.0 and s.date_fraction == 0.0
        else:
            assert s.date_fraction > previous.date_fraction
        previous = s


def test_repr_reads_like_the_dial() -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1), let_down_scale=1440.0)
    w.advance(12.5)
    assert repr(w) == (
        "<LabOne 07:22:12.500 1955-05-01 running, reserve 55.00 h (34.83 turns), amplitude 298°, "
        "beats 100, let_down_scale 1440>"
    )
    w.press()
    assert "braked" in repr(w)
