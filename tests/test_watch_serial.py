"""The movement's one-line serialisation: exact, canonical, and a restored watch has the original's future."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watch_core import BEAT_NS, LabOne, WatchSerialError, let_down_scale_for
from watch_core.mainspring import FULL_WIND_UNITS, ISOCHRONOUS_UNITS, LONGEST_BEAT_NS, UNITS_PER_TURN

ISOCHRONOUS_TURNS = ISOCHRONOUS_UNITS / UNITS_PER_TURN

watches = st.builds(
    dict,
    time_of_day_s=st.integers(0, 86_400 * 8 - 1).map(lambda b: b / 8),
    date=st.sampled_from([(1955, 5, 1), (1955, 4, 30), (1956, 2, 28), (1955, 12, 31), (1, 1, 1)]),
    wound_turns=st.one_of(st.none(), st.floats(0.0, 38.0), st.floats(0.0, 2 * ISOCHRONOUS_TURNS)),
    # Any double the constructor takes, not only the game's round ones: the line must hold it exactly.
    let_down_scale=st.one_of(
        st.sampled_from(
            [1.0, let_down_scale_for(240.0), let_down_scale_for(150.0), let_down_scale_for(100.0)]
        ),
        st.floats(100.0, 1e6),
        st.floats(90.0, 300.0).map(let_down_scale_for),
    ),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("advance_ns"), st.integers(0, 40 * 10**9)),
        st.tuples(st.just("advance"), st.floats(0.0, 30.0)),
        st.tuples(st.just("wind"), st.floats(-1.0, 45.0)),
        st.tuples(st.just("rotor_wind"), st.floats(0.0, 0.5)),
        st.tuples(st.sampled_from(["press", "release", "flyback", "let_down"]), st.none()),
    ),
    max_size=12,
)


def _apply(w: LabOne, op: str, arg: object) -> object:
    """Run one operation as the game or a player could; returns what the watch returned (turns charged)."""
    if op == "flyback":
        return w.flyback() if w.braked else None
    if op == "let_down":  # release the crown and let the spring run down to a stop
        w.release()
        w.advance(80 * 3600.0)
        return w.running
    return getattr(w, op)() if arg is None else getattr(w, op)(arg)


def _same(a: LabOne, b: LabOne) -> None:
    assert a.serialise() == b.serialise()
    assert a == b
    assert a.state == b.state
    assert a.balance_deg == b.balance_deg
    assert a.ns_to_next_beat == b.ns_to_next_beat
    assert a.let_down_scale == b.let_down_scale
    assert repr(a) == repr(b)


@settings(max_examples=150, deadline=None)
@given(config=watches, ops=operations)
def test_a_watch_read_back_from_its_line_is_the_same_watch(config, ops) -> None:
    w = LabOne(**config)
    for op, arg in ops:
        _apply(w, op, arg)
    line = w.serialise()
    restored = LabOne.from_serial(line)
    _same(restored, w)
    assert restored.serialise() == line, "canonical: writing a read line gives the very same line"
    assert "\n" not in line


@settings(max_examples=150, deadline=None)
@given(config=watches, before=operations, after=operations)
def test_a_restored_watch_has_the_original_future(config, before, after) -> None:
    original = LabOne(**config)
    for op, arg in before:
        _apply(original, op, arg)
    restored = LabOne.from_serial(original.serialise())
    for op, arg in after:
        assert _apply(restored, op, arg) == _apply(original, op, arg)
        _same(restored, original)


def test_the_line_tells_apart_watches_that_read_the_same() -> None:
    """Inside a vibration, or braked for one tick, the hands agree but the futures do not: the line differs."""
    a, b = LabOne(let_down_scale=1440.0), LabOne(let_down_scale=1440.0)
    b.advance_ns(1)
    assert a.state == b.state
    assert a.serialise() != b.serialise()
    assert a.serialise().replace("next_ns=125000000", "next_ns=124999999") == b.serialise()
    b.advance_ns(b.ns_to_next_beat or 0)
    a.advance_ns(BEAT_NS - 1)
    assert (a.state.beats, b.state.beats) == (0, 1), "one nanosecond apart, they beat one nanosecond apart"

    c, d = LabOne(let_down_scale=1440.0), LabOne(let_down_scale=1440.0)
    c.advance(0.01)
    d.press()
    d.release()
    d.advance(0.01)
    assert c.serialise() == d.serialise(), "a press and release inside no time changes nothing"
    d.press()
    assert d.serialise() == c.serialise().replace("braked=0", "braked=1")
    c.advance(0.12)
    d.advance(0.12)
    assert (c.state.beats, d.state.beats) == (1, 0)


def test_a_fresh_game_watch_reads_as_documented() -> None:
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1), let_down_scale=let_down_scale_for(150.0))
    assert w.serialise() == (
        "labone/1 scale=1440.0 start=1955-05-01 train=212160 beats=0 units=656640000000 braked=0 "
        "period_ns=125000000 next_ns=125000000"
    )
    run_down = LabOne(wound_turns=0.0, let_down_scale=0.1)
    assert run_down.serialise() == (
        "labone/1 scale=0.1 start=1955-05-01 train=0 beats=0 units=0 braked=0 period_ns=0 next_ns=0"
    )


VALID = (
    "labone/1 scale=1440.0 start=1955-05-01 train=212160 beats=7 units=1000000 braked=1 "
    f"period_ns={LONGEST_BEAT_NS} next_ns=5"
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("labone/1", "labone/2"),
        ("labone/1 ", ""),
        (" next_ns=5", ""),
        ("next_ns=5", "next_ns=5 extra=1"),
        ("next_ns=5", "next_ns=5 "),
        ("next_ns=5", "next_ns=5\n"),
        (" beats", "  beats"),
        ("train=212160 beats=7", "beats=7 train=212160"),
        ("beats=7", "beat=7"),
        ("beats=7", "beats7"),
        ("beats=7", "beats="),
        ("beats=7", "beats=+7"),
        ("beats=7", "beats=07"),
        ("beats=7", "beats=-7"),
        ("beats=7", "beats=7.0"),
        ("beats=7", "beats=1_7"),
        ("beats=7", "beats=\uff17"),  # a full-width digit seven
        ("beats=7", "beats=" + "9" * 5000),
        ("scale=1440.0", "scale=1440"),
        ("scale=1440.0", "scale=1.44e3"),
        ("scale=1440.0", "scale=0x1.68p+10"),
        ("scale=1440.0", "scale=inf"),
        ("scale=1440.0", "scale=nan"),
        ("scale=1440.0", "scale=0.0"),
        ("scale=1440.0", "scale=-1440.0"),
        ("scale=1440.0", "scale=1e-07"),  # too small to take a single spring unit a beat
        ("scale=1440.0", "scale=fast"),
        ("start=1955-05-01", "start=1955-02-29"),
        ("start=1955-05-01", "start=19550501"),
        ("start=1955-05-01", "start=1955-5-1"),
        ("start=1955-05-01", "start=0000-01-01"),
        # The last day there is, and a train past its midnight: the calendar would end.
        ("start=1955-05-01 train=212160", "start=9999-12-31 train=691200"),
        ("units=1000000", f"units={FULL_WIND_UNITS + 1}"),
        ("braked=1", "braked=2"),
        ("braked=1", "braked=true"),
        (f"period_ns={LONGEST_BEAT_NS}", f"period_ns={LONGEST_BEAT_NS + 1}"),
        (f"period_ns={LONGEST_BEAT_NS}", f"period_ns={BEAT_NS - 1}"),
        (f"period_ns={LONGEST_BEAT_NS}", "period_ns=0"),
        ("next_ns=5", "next_ns=0"),
        ("next_ns=5", f"next_ns={LONGEST_BEAT_NS + 1}"),
        ("units=1000000", "units=0"),  # run down, yet a vibration in progress
    ],
)
def test_tampered_lines_are_refused_with_a_clear_error(old: str, new: str) -> None:
    assert LabOne.from_serial(VALID).serialise() == VALID
    assert old in VALID
    with pytest.raises(WatchSerialError):
        LabOne.from_serial(VALID.replace(old, new))


def test_the_error_is_a_value_error_that_names_the_field() -> None:
    assert issubclass(WatchSerialError, ValueError)
    with pytest.raises(ValueError, match="next_ns must be in"):
        LabOne.from_serial(VALID.replace("next_ns=5", "next_ns=0"))
    with pytest.raises(WatchSerialError, match="expected the field units="):
        LabOne.from_serial(VALID.replace("units=", "unit="))
    with pytest.raises(WatchSerialError, match="is text"):
        LabOne.from_serial(VALID.encode())  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(config=watches, ops=operations, data=st.data())
def test_any_edit_of_a_line_is_refused_or_is_itself_a_canonical_line(config, ops, data) -> None:
    """No other spelling of a state gets in: an edited line either fails cleanly or is the line of what it
    reads as (never a second spelling of a state, never an exception other than WatchSerialError)."""
    w = LabOne(**config)
    for op, arg in ops:
        _apply(w, op, arg)
    line = w.serialise()
    where = data.draw(st.integers(0, len(line)))
    cut = data.draw(st.integers(0, 3))
    insert = data.draw(st.text(alphabet="0123456789 =-.+_/:exnapflbsd\n", max_size=3))
    edited = line[:where] + insert + line[where + cut :]
    try:
        restored = LabOne.from_serial(edited)
    except WatchSerialError:
        return
    assert restored.serialise() == edited
