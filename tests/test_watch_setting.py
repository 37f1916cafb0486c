"""Setting the hands with the crown pulled out: exact, hacked, forwards and back, the date across midnight."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watch_core import LabOne, let_down_scale_for

DATES = [(1955, 5, 1), (1955, 4, 30), (1956, 2, 28), (1956, 3, 1), (1955, 12, 31), (1955, 1, 1)]
watches = st.builds(
    dict,
    time_of_day_s=st.integers(0, 86_400 * 8 - 1).map(lambda b: b / 8),
    date=st.sampled_from(DATES),
    wound_turns=st.one_of(st.none(), st.floats(0.0, 38.0)),
    let_down_scale=st.sampled_from([1.0, let_down_scale_for(150.0), 1e5]),
)
minutes = st.integers(-4 * 1440, 4 * 1440)


def _shown(w: LabOne) -> datetime.datetime:
    """The date and time the dial shows, as one instant."""
    s = w.state
    whole = int(s.time_of_day_s * 8)
    return datetime.datetime(*s.date) + datetime.timedelta(microseconds=whole * 125_000)


@settings(max_examples=150, deadline=None)
@given(config=watches, shift=minutes, lead_ns=st.integers(0, 10**11))
def test_setting_moves_the_dial_by_exactly_the_minutes_turned(config, shift, lead_ns) -> None:
    w = LabOne(**config)
    w.advance_ns(lead_ns)
    w.press()
    before, state = _shown(w), w.state
    w.set_hands(shift)
    assert _shown(w) - before == datetime.timedelta(minutes=shift)
    assert w.state.seconds_deg == state.seconds_deg, "the small seconds stay hacked"
    assert (w.state.beats, w.state.reserve_h) == (state.beats, state.reserve_h), (
        "setting does not beat or wind"
    )


@settings(max_examples=150, deadline=None)
@given(config=watches, there=minutes, back=minutes)
def test_setting_forward_and_back_is_exact_and_any_path_to_a_time_is_the_same_watch(
    config, there, back
) -> None:
    w = LabOne(**config)
    w.press()
    straight = LabOne.from_serial(w.serialise())
    w.set_hands(there)
    w.set_hands(back)
    straight.set_hands(there + back)
    assert _shown(w) == _shown(straight)
    assert w.state == straight.state
    w.set_hands(-there - back)
    assert _shown(w) == _shown(LabOne(**config))


@settings(max_examples=80, deadline=None)
@given(config=watches, shift=minutes, after_ns=st.integers(0, 10**11))
def test_a_set_watch_runs_on_as_if_it_had_always_shown_that_time(config, shift, after_ns) -> None:
    """Setting then running equals running a watch built at the set time: the serial holds the whole story."""
    w = LabOne(**config)
    w.press()
    w.set_hands(shift)
    again = LabOne.from_serial(w.serialise())
    assert again == w
    for watch in (w, again):
        watch.release()
        watch.advance_ns(after_ns)
    assert again == w and again.state == w.state


def test_the_date_follows_the_hands_across_midnight_both_ways() -> None:
    w = LabOne(time_of_day_s=23 * 3600 + 58 * 60, date=(1955, 4, 30))
    w.press()
    w.set_hands(3)
    assert (w.state.date, w.state.time_of_day_s) == ((1955, 5, 1), 60.0)
    assert w.state.date_fraction == 0.0, "the retrograde date hand flies back to the 1st"
    w.set_hands(-2)
    assert (w.state.date, w.state.time_of_day_s) == ((1955, 4, 30), 23 * 3600 + 59 * 60.0)
    assert w.state.date_fraction == 1.0
    w.set_hands(-2 * 1440)
    assert w.state.date == (1955, 4, 28), "back before the movement's first day"
    assert w.serialise().split()[2] == "start=1955-04-28"


def test_setting_on_the_official_clock_then_pushing_in_on_the_minute() -> None:
    """The driver's routine at a control: pull out on 0 s, set the minute, push in when the clock shows it."""
    w = LabOne(time_of_day_s=9 * 3600 + 41 * 60 + 17.5)  # the watch reads 09:41:17.5
    w.press()
    w.flyback()
    w.set_hands(10 * 60 + 3 - (9 * 60 + 41))  # official clock goes 10:03:00 in a moment
    assert w.state.time_of_day_s == 10 * 3600 + 3 * 60
    w.release()
    w.advance(12.25)
    assert w.state.time_of_day_s == 10 * 3600 + 3 * 60 + 12.25
    assert (w.state.minute_deg, w.state.seconds_deg) == (18.0 + 12.25 / 10, 73.5)


def test_the_hands_only_set_with_the_crown_pulled_out() -> None:
    w = LabOne()
    with pytest.raises(RuntimeError, match="crown pulled out"):
        w.set_hands(1)
    w.press()
    with pytest.raises(TypeError):
        w.set_hands(1.5)  # type: ignore[arg-type]
    w.set_hands(0)
    pressed = LabOne()
    pressed.press()
    assert w == pressed


def test_setting_refuses_to_leave_the_calendar() -> None:
    w = LabOne(date=(1, 1, 1))
    w.press()
    with pytest.raises(ValueError, match="before 0001-01-01"):
        w.set_hands(-1)
    assert w.state.date == (1, 1, 1)
    late = LabOne(time_of_day_s=86_399.0, date=(9999, 12, 31))
    late.press()
    with pytest.raises(ValueError, match="past 9999-12-31"):
        late.set_hands(1)
