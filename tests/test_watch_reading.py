"""A reading of the movement shows, whenever it is read, the dial the watch showed when it was taken.

The race keeps a `WatchReading` in every tick's snapshot and the dial is worked out only when a screen reads it,
ticks later, after the watch has moved on: what it shows must be exactly what `LabOne.state` and
`LabOne.balance_deg` said at the tick itself.
"""

from __future__ import annotations

from hypothesis import given, settings

from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.track_catalog import load_track
from tests.test_watch_serial import _apply, operations, watches
from watch_core import LabOne, WatchReading


@settings(max_examples=120, deadline=None)
@given(config=watches, ops=operations)
def test_a_reading_shows_the_dial_of_its_moment_after_the_watch_moved_on(config, ops) -> None:
    w = LabOne(**config)
    taken: list[tuple[WatchReading, object, float]] = []
    for op, arg in ops:
        _apply(w, op, arg)
        taken.append((w.reading(), w.state, w.balance_deg))
    for reading, state, balance in taken:
        assert reading.state == state
        assert reading.balance_deg == balance


@settings(max_examples=60, deadline=None)
@given(config=watches, ops=operations)
def test_readings_are_equal_when_the_movements_are(config, ops) -> None:
    w = LabOne(**config)
    for op, arg in ops:
        _apply(w, op, arg)
    restored = LabOne.from_serial(w.serialise())
    assert restored.reading() == w.reading()
    assert hash(restored.reading()) == hash(w.reading())


def test_a_reading_read_twice_gives_the_same_dial_object() -> None:
    reading = LabOne(time_of_day_s=7 * 3600 + 22 * 60).reading()
    assert reading.state is reading.state
    assert reading.state.minute_deg == 132.0


def test_every_snapshot_shows_the_watch_of_its_own_tick() -> None:
    """Snapshots kept while the race runs on read, at the end, the dial and balance of the tick they were made."""
    race = Race(load_track("01-brescia-verona"), load_car(DEFAULT_CAR_ID), RaceSettings(DEFAULT_CAR_ID))
    kept = []
    for tick in range(900):
        wind = 40 if 400 <= tick < 420 else 0  # the crown turned: the reserve and the rotor's share change
        pusher = 600 <= tick < 650  # the tourbillon braked: the hands and the balance stop
        record = InputRecord.from_controls(throttle=0.8, pusher=pusher, wind_turns=wind / 512)
        snapshot = race.step(record)
        kept.append((snapshot, race.watch.state, race.watch.balance_deg))
    states = {state for _, state, _ in kept}
    assert len(states) > 500, "the watch changes at nearly every tick"
    for snapshot, state, balance in kept:
        assert snapshot.watch == state
        assert snapshot.balance_deg == balance


def test_a_reading_made_to_show_a_dial_shows_it() -> None:
    """Scripted scenes (the sound's demo drive) give a snapshot a dial no movement made."""
    dial = LabOne(time_of_day_s=3600.0).state
    reading = WatchReading.showing(dial, balance_deg=-12.5)
    assert reading.state is dial
    assert reading.balance_deg == -12.5
