"""Mainspring, crown and stop device: winding, slipping, braking, running down and restarting."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watch_core import (
    BEAT_NS,
    FULL_AMPLITUDE_DEG,
    ISOCHRONOUS_AMPLITUDE_DEG,
    MIN_AMPLITUDE_DEG,
    LabOne,
    full_wind_run_s,
    let_down_scale_for,
)
from watch_core.calibre import TURNS_TO_FULL_WIND
from watch_core.mainspring import (
    FULL_WIND_UNITS,
    UNITS_PER_TURN,
    amplitude_deg,
    rate_s_per_day,
    torque_fraction,
)

GAME_SCALE = let_down_scale_for(150.0)


@settings(max_examples=80, deadline=None)
@given(
    wound_turns=st.one_of(st.none(), st.floats(0.0, 38.0)),
    scale=st.sampled_from([1.0, 900.0, GAME_SCALE, 2160.0, 1e6]),
    ops=st.lists(
        st.one_of(
            st.tuples(st.just("advance"), st.floats(0.0, 400.0)),
            st.tuples(st.just("wind"), st.floats(-5.0, 100.0)),
            st.tuples(st.just("rotor_wind"), st.floats(-1.0, 100.0)),
            st.tuples(st.sampled_from(["press", "release"]), st.none()),
        ),
        max_size=15,
    ),
)
def test_reserve_is_never_negative_nor_above_full(wound_turns, scale, ops) -> None:
    w = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    for op, arg in ops:
        before = w.state.wound_turns
        charged = getattr(w, op)() if arg is None else getattr(w, op)(arg)
        s = w.state
        assert 0.0 <= s.reserve_fraction <= 1.0
        assert 0.0 <= s.reserve_h <= 60.0
        assert 0.0 <= s.wound_turns <= 38.0
        assert s.running == (s.reserve_h > 0.0 and not s.braked)
        if op in ("wind", "rotor_wind"):
            assert 0.0 <= charged <= max(arg, 0.0)
            assert s.wound_turns == pytest.approx(before + charged, abs=1e-9)


def test_winding_past_full_slips() -> None:
    w = LabOne(wound_turns=37.0)
    assert w.wind(5.0) == 1.0
    assert w.state.wound_turns == 38.0
    assert w.state.reserve_h == 60.0
    assert w.wind(3.0) == 0.0
    assert w.state.reserve_fraction == 1.0


def test_a_crown_turn_charges_a_38th_of_the_reserve() -> None:
    w = LabOne(wound_turns=10.0)
    assert w.wind(2.5) == 2.5
    assert w.state.wound_turns == 12.5
    assert w.state.reserve_h == 12.5 * 60 / 38


def test_turning_the_crown_backwards_only_clicks_the_ratchet() -> None:
    w = LabOne(wound_turns=10.0)
    assert w.wind(-3.0) == 0.0
    assert w.state.wound_turns == 10.0
    with pytest.raises(ValueError, match="turns"):
        w.wind(float("nan"))


def test_the_crown_cannot_wind_while_pulled_out_but_the_rotor_can() -> None:
    w = LabOne(wound_turns=10.0)
    w.press()
    before = w.state
    assert w.wind(5.0) == 0.0
    assert w.state is before
    assert w.rotor_wind(0.5) == 0.5
    assert w.state.wound_turns == 10.5


@settings(max_examples=40, deadline=None)
@given(
    wound_turns=st.one_of(st.none(), st.floats(0.01, 38.0)),
    scale=st.sampled_from([1.0, GAME_SCALE]),
    before_ns=st.integers(0, 90 * 10**9),
    braked_ns=st.integers(0, 10**13),
)
def test_a_braked_watch_uses_no_reserve_and_its_hands_stand_still(
    wound_turns, scale, before_ns, braked_ns
) -> None:
    w = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    w.advance_ns(before_ns)
    w.press()
    held = w.state
    w.advance_ns(braked_ns)
    assert w.state == held
    assert w.state.amplitude_deg == 0.0
    assert w.state.stopped_reason == ("braked")


@settings(max_examples=60, deadline=None)
@given(
    wound_turns=st.one_of(st.none(), st.floats(0.0, 38.0)),
    scale=st.sampled_from([1.0, GAME_SCALE, 2160.0]),
    before_ns=st.integers(0, 90 * 10**9),
    braked_ns=st.integers(0, 10**12),
    after_ns=st.integers(0, 90 * 10**9),
)
def test_release_resumes_from_where_it_stood(wound_turns, scale, before_ns, braked_ns, after_ns) -> None:
    braked = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    braked.advance_ns(before_ns)
    braked.press()
    braked.advance_ns(braked_ns)
    braked.release()
    braked.advance_ns(after_ns)
    never = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    never.advance_ns(before_ns + after_ns)
    assert braked == never, "the braked span simply did not happen to the movement"
    assert braked.state == never.state


def test_timing_a_trial_with_the_stop_device_and_flyback() -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, let_down_scale=GAME_SCALE)
    w.advance(37.5)
    w.press()
    assert w.state.seconds_deg == 225.0
    w.flyback()
    assert w.state.seconds_deg == 0.0
    assert w.state.cage_deg == 0.0
    assert w.state.time_of_day_s == 7 * 3600 + 22 * 60, "the train goes back to the start of its minute"
    assert w.state.minute_deg == 132.0
    w.release()
    w.advance(14.3)  # 114 whole beats
    w.press()
    assert w.state.seconds_deg == 114 * 0.75
    w.advance(5.0)
    assert w.state.seconds_deg == 114 * 0.75, "braking on the line freezes the reading"


def test_flyback_needs_the_stop_device_engaged() -> None:
    w = LabOne()
    w.advance(10.0)
    with pytest.raises(RuntimeError, match="press"):
        w.flyback()
    assert w.state.seconds_deg == 60.0


def test_flyback_never_changes_the_date() -> None:
    w = LabOne(time_of_day_s=0.0, date=(1955, 4, 30), let_down_scale=0.01)
    w.advance(86_399.875)
    w.press()
    w.flyback()
    assert w.state.date == (1955, 4, 30)
    assert w.state.time_of_day_s == 86_340.0


def test_the_movement_stops_at_the_end_of_its_reserve_and_restarts_on_winding() -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, let_down_scale=GAME_SCALE)
    ticks = 0
    while w.running:
        w.advance(0.01)
        ticks += 1
    assert w.state.beats == 1200 == round(150.0 * 8)
    assert 15_000 < ticks <= 15_010, "a full wind lasts 150 s, plus the slow last beats"
    stopped = w.state
    assert stopped.stopped_reason == "run down"
    assert stopped.reserve_h == 0.0
    assert stopped.power_reserve_deg == 300.0
    assert stopped.amplitude_deg == 0.0
    assert w.ns_to_next_beat is None
    w.advance(3600.0)
    assert w.state == stopped, "a stopped watch stays frozen and uses nothing"
    assert w.wind(10.0) == 10.0
    assert w.running
    assert w.state.reserve_h == 600 / 38, "nothing was consumed while stopped"
    w.advance(1.0)
    assert w.state.beats == 1208
    assert w.state.time_of_day_s == stopped.time_of_day_s + 1.0


def test_a_watch_made_let_down_is_stopped_until_wound() -> None:
    w = LabOne(wound_turns=0.0)
    w.advance(10.0)
    assert w.state.beats == 0
    assert w.state.stopped_reason == "run down"
    assert w.rotor_wind(0.01) == 0.01
    assert w.running
    assert w.ns_to_next_beat > BEAT_NS, "the first vibration already swings at the low amplitude's rate"
    w.advance(1.0)
    assert w.state.beats == 7, "so little wind drives the balance at low amplitude: it runs slow"
    assert w.state.rate_s_per_day < 0.0


def test_amplitude_follows_the_torque_down_and_the_rate_drifts_below_240() -> None:
    w = LabOne(let_down_scale=GAME_SCALE)
    amplitudes, rates = [], []
    while w.running:
        amplitudes.append(w.state.amplitude_deg)
        rates.append(w.state.rate_s_per_day)
        w.advance_ns(w.ns_to_next_beat)
    assert amplitudes[0] == FULL_AMPLITUDE_DEG
    assert amplitudes == sorted(amplitudes, reverse=True)
    assert min(amplitudes) >= MIN_AMPLITUDE_DEG
    assert min(amplitudes) < ISOCHRONOUS_AMPLITUDE_DEG - 60
    for amplitude, rate in zip(amplitudes, rates, strict=True):
        assert (rate < 0.0) == (amplitude < ISOCHRONOUS_AMPLITUDE_DEG)
    assert rates == sorted(rates, reverse=True), "the lower the amplitude, the slower"


def test_the_torque_curve_falls_gently_then_steeply() -> None:
    assert torque_fraction(1.0) == 1.0
    samples = [torque_fraction(i / 100) for i in range(101)]
    assert samples == sorted(samples)
    plateau_drop = torque_fraction(0.55) - torque_fraction(0.5)
    let_down_drop = torque_fraction(0.05) - torque_fraction(0.0)
    assert let_down_drop > 10 * plateau_drop > 0.0
    assert amplitude_deg(0.0) == pytest.approx(MIN_AMPLITUDE_DEG)
    assert 270.0 <= amplitude_deg(0.5) <= 315.0
    assert rate_s_per_day(ISOCHRONOUS_AMPLITUDE_DEG) == 0.0
    assert rate_s_per_day(MIN_AMPLITUDE_DEG) == -60.0


def test_let_down_scale_maps_run_time_both_ways() -> None:
    assert let_down_scale_for(150.0) == 1440.0
    assert let_down_scale_for(240.0) == 900.0
    assert let_down_scale_for(100.0) == 2160.0
    assert full_wind_run_s(1440.0) == 150.0
    assert full_wind_run_s(1.0) == 60 * 3600
    for bad in (0.0, -1.0, math.inf, math.nan):
        with pytest.raises(ValueError):
            let_down_scale_for(bad)


def test_full_wind_running_time_follows_the_scale() -> None:
    for run_s in (240.0, 100.0):
        w = LabOne(let_down_scale=let_down_scale_for(run_s))
        assert w.state.run_left_s == run_s
        w.advance(run_s - 0.5)
        assert w.running
        w.advance(1.0)
        assert not w.running


@given(st.floats(0.0, 40.0), st.floats(0.0, float(TURNS_TO_FULL_WIND)))
def test_the_rotor_charges_the_whole_spring_units_in_the_turns_never_more_than_room(
    turns: float, wound: float
) -> None:
    w = LabOne(wound_turns=wound, let_down_scale=1440.0)
    before = w.state.wound_turns
    units = min(int(turns * UNITS_PER_TURN), FULL_WIND_UNITS - round(wound * UNITS_PER_TURN))
    assert w.rotor_wind(turns) == (units / UNITS_PER_TURN if units > 0 else 0.0)
    assert w.state.wound_turns == (round(wound * UNITS_PER_TURN) + max(units, 0)) / UNITS_PER_TURN
    assert w.state.wound_turns >= before
