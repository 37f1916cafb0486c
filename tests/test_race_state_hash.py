"""The race's state hash is built from exact state: the same records hash alike, and no watch detail is lost.

Replays, ghosts and the frozen app's smoke test compare these hashes between two runs; a hash that left out the
stop device or the time to the next beat would call two different runs equal.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.inputs import InputRecord
from game.sim.race import FLYBACK_HOLD_TICKS, Race
from game.sim.race_types import COUNTDOWN_TICKS, RaceSettings
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track

CAR = load_car(DEFAULT_CAR_ID)
SETTINGS = RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID)
GO = InputRecord.from_controls(throttle=1.0)
GO_PUSHER = InputRecord.from_controls(throttle=1.0, pusher=True)
IDLE = InputRecord()
PUSHER = InputRecord.from_controls(pusher=True)
RACING = (IDLE,) * COUNTDOWN_TICKS + (GO,) * 50
"""The countdown and half a second of racing: the watch has run exactly 3.5 s, 28 beats, and beats again in
125 ms; both races stand here before they part."""
COUNTDOWN = (IDLE,) * (COUNTDOWN_TICKS - 100)
"""Two thirds of the countdown: the car held on the line, the self-winding rotor still."""


@pytest.fixture(scope="module")
def stage() -> Track:
    return load_track(load_route().stage_ids[0])


def _race(stage: Track, records: tuple[InputRecord, ...], wound_turns: float | None = None) -> Race:
    race = Race(stage, CAR, replace(SETTINGS, wound_turns=wound_turns))
    for record in records:
        race.advance(record)
    return race


def _old_hash_inputs(race: Race) -> tuple[object, ...]:
    """Everything the hash used to read: the car, tick, beats, wind, next line, the cage's angle, crown, splits."""
    snap = race.snapshot
    w = snap.watch
    return (
        race.driving.state_hash(),
        snap.tick,
        w.beats,
        w.wound_turns,
        snap.next_line,
        w.cage_deg,
        snap.crown_turns,
        snap.splits,
    )


records = st.builds(
    InputRecord.from_controls,
    steer=st.floats(-1.0, 1.0),
    throttle=st.floats(0.0, 1.0),
    brake=st.sampled_from([0.0, 0.0, 0.6, 1.0]),
    handbrake=st.booleans(),
    pusher=st.booleans(),
    shift_up=st.booleans(),
    recover=st.booleans(),
    wind_turns=st.sampled_from([0.0, 0.0, 0.01, 0.03]),
)


@settings(max_examples=10, deadline=None)
@given(runs=st.lists(st.tuples(records, st.integers(1, 250)), min_size=1, max_size=8))
def test_two_races_fed_the_same_records_hash_alike_at_every_step(stage: Track, runs) -> None:  # type: ignore[no-untyped-def]
    a = Race(stage, CAR, SETTINGS)
    b = Race(stage, CAR, SETTINGS)
    assert a.state_hash() == b.state_hash()
    for record, repeat in runs:
        for _ in range(repeat):
            a.advance(record)
            b.advance(record)
        assert a.state_hash() == b.state_hash()
    assert a.result() == b.result()
    assert a.snapshot == b.snapshot


@pytest.mark.parametrize(
    ("lead_in", "a_tail", "b_tail", "wound_turns", "future"),
    [
        # The pusher pressed on this tick: the brake clamps the cage before a beat was due anyway.
        (RACING, (GO_PUSHER,), (GO,), None, (GO,) * 30),
        # Pressed for one tick and released: only the time to the next beat tells (115 ms against 105 ms).
        (RACING, (GO_PUSHER, GO), (GO, GO), None, (GO,) * 30),
        # A let-down watch (a second of running), the pusher held one tick longer: only the race's hold
        # counter tells, and the fly-back comes a tick sooner.
        (COUNTDOWN, (PUSHER, PUSHER), (IDLE, PUSHER), 0.3, (PUSHER,) * FLYBACK_HOLD_TICKS),
    ],
    ids=["braked-this-tick", "time-to-next-beat", "pusher-held-one-tick-longer"],
)
def test_races_differing_only_in_a_watch_detail_hash_differently(
    stage: Track,
    lead_in: tuple[InputRecord, ...],
    a_tail: tuple[InputRecord, ...],
    b_tail: tuple[InputRecord, ...],
    wound_turns: float | None,
    future: tuple[InputRecord, ...],
) -> None:
    a = _race(stage, lead_in + a_tail, wound_turns)
    b = _race(stage, lead_in + b_tail, wound_turns)
    assert _old_hash_inputs(a) == _old_hash_inputs(b), "the old hash would have called these races equal"
    assert a.state_hash() != b.state_hash()
    parted = 0
    for record in future:
        parted += a.step(record).watch != b.step(record).watch
    assert parted > 0, "and their futures do differ"
