"""The per-tick input record: quantised, five bytes, bounds-checked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.sim.inputs import (
    RECORD_SIZE,
    InputRecord,
    InputRecordError,
    pack_records,
    unpack_records,
)

records = st.builds(
    InputRecord,
    steer=st.integers(-127, 127),
    throttle=st.integers(0, 255),
    brake=st.integers(0, 255),
    buttons=st.integers(0, 255),
    wind=st.integers(0, 255),
)


@given(st.lists(records, max_size=50))
def test_records_round_trip_through_bytes(recs: list[InputRecord]) -> None:
    data = pack_records(recs)
    assert len(data) == RECORD_SIZE * len(recs) == 5 * len(recs)
    assert unpack_records(data) == recs


def test_from_controls_quantises_and_clamps() -> None:
    rec = InputRecord.from_controls(steer=-2.0, throttle=0.5, brake=1.5, handbrake=True, wind_turns=0.02)
    assert (rec.steer, rec.throttle, rec.brake, rec.wind) == (-127, 128, 255, 10)
    assert rec.handbrake and not rec.pusher and not rec.recover
    assert rec.wind_turns == pytest.approx(10 / 512)


@pytest.mark.parametrize(
    "fields",
    [dict(steer=128), dict(throttle=-1), dict(brake=256), dict(buttons=256), dict(wind=300)],
)
def test_out_of_range_fields_are_refused_with_a_message(fields: dict[str, int]) -> None:
    with pytest.raises(InputRecordError, match=r"outside|unknown"):
        InputRecord(**fields)


def test_a_partial_record_is_refused() -> None:
    with pytest.raises(InputRecordError, match="whole number"):
        unpack_records(b"\x00" * 7)


@given(records)
def test_the_controls_read_at_once_are_the_properties_one_by_one(rec: InputRecord) -> None:
    expected = (
        rec.steer_fraction,
        rec.throttle_fraction,
        rec.brake_fraction,
        rec.handbrake,
        rec.shift_up,
        rec.shift_down,
        rec.pusher,
        rec.recover,
        rec.on_crown,
    )
    assert rec.controls() == expected
    assert [type(v) for v in rec.controls()] == [float, float, float] + [bool] * 6


def test_the_controls_of_a_full_left_lock_with_the_handbrake_an_upshift_and_a_crown_turn() -> None:
    rec = InputRecord(steer=-127, throttle=255, brake=51, buttons=0b101, wind=3)
    assert rec.controls() == (-1.0, 1.0, 0.2, True, True, False, False, False, True)
