"""The going train keeps exact time: any slicing of time gives the same watch, beat for beat."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watch_core import BEAT_NS, LabOne, let_down_scale_for
from watch_core.mainspring import FULL_WIND_UNITS, ISOCHRONOUS_UNITS, UNITS_PER_TURN

SCALES = [1.0, 37.5, let_down_scale_for(240.0), let_down_scale_for(150.0), let_down_scale_for(100.0), 1e5]
ISOCHRONOUS_TURNS = ISOCHRONOUS_UNITS / UNITS_PER_TURN

watches = st.builds(
    dict,
    time_of_day_s=st.integers(0, 86_400 * 8 - 1).map(lambda b: b / 8),
    date=st.sampled_from([(1955, 5, 1), (1955, 4, 30), (1956, 2, 28), (1955, 12, 31)]),
    # Low winds put the run in the slow, beat-by-beat end of the reserve, and let it run down.
    wound_turns=st.one_of(st.none(), st.floats(0.0, 38.0), st.floats(0.0, 2 * ISOCHRONOUS_TURNS)),
    let_down_scale=st.sampled_from(SCALES),
)
steps_ns = st.integers(0, 40 * 10**9)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), steps_ns),
        st.tuples(st.just("wind"), st.floats(-1.0, 45.0)),
        st.tuples(st.just("rotor_wind"), st.floats(0.0, 0.5)),
        st.tuples(st.just("press"), st.none()),
        st.tuples(st.just("release"), st.none()),
        st.tuples(st.just("flyback"), st.none()),
    ),
    max_size=12,
)


def _apply(w: LabOne, op: str, arg: object) -> None:
    if op == "flyback":
        if w.braked:
            w.flyback()
    elif arg is None:
        getattr(w, op)()
    else:
        getattr(w, op)(arg)


def _split(data: st.DataObject, total: int) -> list[int]:
    cuts = data.draw(st.lists(st.integers(0, total), max_size=15))
    points = [0, *sorted(cuts), total]
    return [b - a for a, b in itertools.pairwise(points)]


@settings(max_examples=120, deadline=None)
@given(config=watches, ops=operations, data=st.data())
def test_splitting_advances_into_smaller_steps_changes_nothing(config, ops, data) -> None:
    whole, sliced = LabOne(**config), LabOne(**config)
    for op, arg in ops:
        if op == "advance":
            whole.advance_ns(arg)
            for piece in _split(data, arg):
                sliced.advance_ns(piece)
        else:
            _apply(whole, op, arg)
            _apply(sliced, op, arg)
        assert sliced == whole
        assert sliced.state == whole.state
        assert sliced.balance_deg == whole.balance_deg


@settings(max_examples=60, deadline=None)
@given(config=watches, ms=st.lists(st.integers(0, 30_000), min_size=1, max_size=30))
def test_float_steps_in_decimal_seconds_match_one_step_of_their_sum(config, ms) -> None:
    sliced, whole = LabOne(**config), LabOne(**config)
    for step in ms:
        sliced.advance(step / 1000)
    whole.advance(sum(ms) / 1000)
    assert sliced == whole
    assert sliced.state == whole.state


@settings(max_examples=60, deadline=None)
@given(config=watches, beats=st.integers(0, 2000))
def test_a_step_ending_exactly_on_a_beat_includes_that_beat(config, beats) -> None:
    stepped, whole = LabOne(**config), LabOne(**config)
    total_ns = 0
    for _ in range(beats):
        if stepped.ns_to_next_beat is None:
            break
        total_ns += stepped.ns_to_next_beat
        stepped.advance_ns(stepped.ns_to_next_beat)
    whole.advance_ns(total_ns)
    assert whole == stepped
    assert whole.state == stepped.state


@pytest.mark.parametrize("scale", [*SCALES, 3e5])
@pytest.mark.parametrize("extra_turns", [0.0, 0.3, 2.5, 20.0, 38.0 - ISOCHRONOUS_TURNS], ids=str)
def test_running_down_in_one_step_beats_exactly_as_beat_by_beat(scale, extra_turns) -> None:
    config = {"wound_turns": ISOCHRONOUS_TURNS + extra_turns, "let_down_scale": scale}
    stepped, whole = LabOne(**config), LabOne(**config)
    # The keeping-time hours in one go (up to 10 minutes before the slow end), then beat by beat.
    stepped.advance(max(extra_turns / 38 * 60 * 3600 / scale - 600.0, 0.0))
    while stepped.ns_to_next_beat is not None:
        stepped.advance_ns(stepped.ns_to_next_beat)
    whole.advance(100 * 3600.0)
    assert whole == stepped
    assert whole.state == stepped.state
    assert whole.state.stopped_reason == "run down"


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("wound_turns", [None, 3.5, 0.25])
def test_game_ticks_give_the_same_minute_as_one_advance(scale, wound_turns) -> None:
    ticked = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    for _ in range(6000):
        ticked.advance(0.01)
    once = LabOne(wound_turns=wound_turns, let_down_scale=scale)
    once.advance(60.0)
    assert ticked == once
    assert ticked.state == once.state


@pytest.mark.parametrize("scale", [1.0, let_down_scale_for(150.0)])
def test_cage_makes_exactly_one_turn_a_minute_in_beat_steps_at_full_amplitude(scale) -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, let_down_scale=scale)
    for beat in range(1, 481):
        w.advance_ns(BEAT_NS - 1)
        assert w.state.beats == beat - 1, "the seconds step at the beat, not before"
        assert w.state.cage_deg == ((beat - 1) % 480) * 0.75
        w.advance_ns(1)
        assert w.state.beats == beat
        assert w.state.cage_deg == (beat % 480) * 0.75
        assert w.state.seconds_deg == w.state.cage_deg
        assert w.state.rate_s_per_day == 0.0
    assert w.state.cage_deg == 0.0
    assert w.state.time_of_day_s == 7 * 3600 + 23 * 60


def test_the_movement_runs_slow_near_the_end_of_its_reserve() -> None:
    w = LabOne(wound_turns=0.5)
    assert w.state.amplitude_deg < 240.0
    assert w.state.rate_s_per_day < 0.0
    w.advance(60.0)
    assert w.state.beats == 479, "the 480th beat comes late: less than a cage turn in 60 s"
    assert w.state.cage_deg == 359.25


def test_a_day_at_the_real_scale_takes_one_call_and_keeps_time() -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1))
    w.advance(86_400.0)
    assert w.state.beats == 86_400 * 8
    assert w.state.time_of_day_s == 7 * 3600 + 22 * 60
    assert w.state.date == (1955, 5, 2)
    assert w.state.reserve_h == 36.0


def test_the_next_beat_is_announced_for_the_sound_and_the_balance_swings_both_ways() -> None:
    w = LabOne()
    assert w.ns_to_next_beat == BEAT_NS
    w.advance_ns(BEAT_NS // 2)
    assert w.ns_to_next_beat == BEAT_NS // 2
    assert w.balance_deg == 300.0, "half way through a vibration the balance stands at its amplitude"
    w.advance_ns(BEAT_NS)
    assert w.balance_deg == -w.state.amplitude_deg, "the next vibration swings the other way"
    w.press()
    assert w.balance_deg == 0.0


def test_a_step_returns_the_beats_it_made_for_their_sound() -> None:
    """The race turns each tick's beats into a sound event from what `advance` returns."""
    w = LabOne()
    assert w.advance_ns(BEAT_NS - 1) == 0
    assert w.advance_ns(1) == 1
    assert w.advance(0.01) == 0
    assert w.advance(60.0) == 480
    assert w.state.beats == 481
    w.press()
    assert w.advance(1.0) == 0, "braked: the balance stands"
    w.release()
    run_down = LabOne(wound_turns=0.0)
    assert run_down.advance(1.0) == 0 and run_down.state.beats == 0


def test_let_down_is_run_down_and_not_braked() -> None:
    """The race stops the cluster's arrow and the rotor's winding only for a let-down movement."""
    w = LabOne(wound_turns=0.0)
    assert w.let_down and not w.running
    w.press()
    assert not w.let_down, "braked, the movement is held, not let down"
    w.release()
    w.rotor_wind(0.5)
    assert not w.let_down, "any charge restarts the balance"
    assert not LabOne().let_down


def test_negative_or_non_finite_steps_are_refused() -> None:
    w = LabOne()
    for bad in (-0.01, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="advance"):
            w.advance(bad)
    with pytest.raises(ValueError, match="advance_ns"):
        w.advance_ns(-1)
    with pytest.raises(TypeError):
        w.advance_ns(0.5)  # type: ignore[arg-type]
    assert w.state.beats == 0


def test_full_wind_lasts_the_calibre_reserve_at_scale_one() -> None:
    w = LabOne(time_of_day_s=0.0, date=(1955, 5, 1))
    w.advance(60 * 3600.0)
    assert w.running, "the slow last hours stretch the 60 h of beats a little past 60 h"
    w.advance(3600.0)
    assert not w.running
    assert w.state.beats == FULL_WIND_UNITS // 380_000 == 60 * 28_800
    assert w.state.date == (1955, 5, 3)
    assert w.state.time_of_day_s == 12 * 3600.0
