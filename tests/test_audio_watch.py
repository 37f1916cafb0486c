"""The watch heard: a tick per beat of the balance, evenly spaced, the crown's clicks, the pusher, the hush."""

from __future__ import annotations

import numpy as np
import pytest

from game.audio import RaceSoundscape, Volumes
from game.audio.engine import EngineVoice
from game.audio.watch_sounds import NOMINAL_BEAT_S, BeatRegulariser, tick_gain
from game.sim import TICK_HZ, TICK_S
from game.sim.snapshot import RaceSnapshot
from tools.demo_drive import car_snapshot, race_snapshot, render_frames, watch_state

SR = 44100
WATCH_ONLY = Volumes(master=1.0, engine=0.0, effects=0.0, watch=1.0)


def _watch_snapshots(seconds: float, beats_per_s: float = 8.0, **watch: object) -> list[RaceSnapshot | None]:
    """The simulation's view of a running watch: the beat count, updated on 10 ms ticks."""
    ticks = round(seconds * TICK_HZ)
    return [
        race_snapshot(
            tick, car_snapshot(), watch_state(500 + int(tick * TICK_S * beats_per_s + 1e-9), **watch)
        )
        for tick in range(ticks + 1)
    ]


def _onsets_s(samples: np.ndarray, refractory_s: float = 0.04) -> list[float]:
    """Times where the sound jumps above a third of its peak after a quiet gap: one per tick heard."""
    envelope = np.abs(samples).max(axis=1)
    threshold = envelope.max() / 3.0
    onsets: list[float] = []
    for index in np.flatnonzero(envelope > threshold):
        if not onsets or index / SR - onsets[-1] > refractory_s:
            onsets.append(index / SR)
    return onsets


@pytest.mark.parametrize("fps", [60.0, 144.0, 30.0])
def test_one_tick_per_beat_over_a_simulated_second(fps: float) -> None:
    second = _watch_snapshots(1.0)
    beats = second[-1].watch.beats - second[0].watch.beats
    # then the watch stops where it stood (a quiet tail so the last tick is heard out)
    tail = [
        race_snapshot(tick, car_snapshot(), watch_state(second[-1].watch.beats)) for tick in range(101, 131)
    ]
    scape = RaceSoundscape(SR, WATCH_ONLY)
    samples = render_frames(scape, [*second, *tail], fps=fps)
    assert beats == 8
    assert scape.watch_bus.started == beats
    assert len(_onsets_s(samples)) == beats


@pytest.mark.parametrize("fps", [60.0, 144.0, 30.0])
def test_ticks_keep_the_balance_even_rhythm_at_any_frame_rate(fps: float) -> None:
    """The simulation reports beats on 10 ms ticks (130, 120, 130 ms apart); the ear gets 125 ms."""
    samples = render_frames(RaceSoundscape(SR, WATCH_ONLY), _watch_snapshots(3.0), fps=fps)
    intervals = np.diff(_onsets_s(samples))[3:]  # once the rhythm has locked
    assert len(intervals) >= 15
    assert np.max(np.abs(intervals - NOMINAL_BEAT_S)) < 0.002


def test_a_stopped_watch_is_silent_the_hush() -> None:
    run_down = _watch_snapshots(1.0, beats_per_s=0.0, running=False)
    braked = _watch_snapshots(1.0, beats_per_s=0.0, running=False, braked=True)
    for snapshots in (run_down, braked):
        scape = RaceSoundscape(SR, WATCH_ONLY)
        samples = render_frames(scape, snapshots)
        assert scape.watch_bus.started == 0
        assert not np.any(samples)


def test_ticking_stops_when_the_beats_stop() -> None:
    """Running for half a second, then stopped: ticks for the first half, silence after the last one."""
    going = _watch_snapshots(0.5)
    last_beats = going[-1].watch.beats
    stopped = [
        race_snapshot(tick, car_snapshot(), watch_state(last_beats, running=False))
        for tick in range(len(going), len(going) + 100)
    ]
    scape = RaceSoundscape(SR, WATCH_ONLY)
    samples = render_frames(scape, [*going, *stopped])
    onsets = _onsets_s(samples)
    assert scape.watch_bus.started == last_beats - going[0].watch.beats
    assert onsets[-1] < 0.6
    assert not np.any(samples[int(0.7 * SR) :])


def test_crown_clicks_are_heard_one_by_one() -> None:
    """Winding: every ratchet click the simulation reports is a click, several in one tick included."""
    clicks_per_tick = [0, 1, 0, 3, 0, 0, 1, 1, 2, 0] * 10
    frozen = watch_state(500, running=False)
    snapshots: list[RaceSnapshot | None] = [
        race_snapshot(tick, car_snapshot(), frozen, winding=True, crown_clicks=clicks)
        for tick, clicks in enumerate(clicks_per_tick)
    ]
    scape = RaceSoundscape(SR, WATCH_ONLY)
    samples = render_frames(scape, [*snapshots, *snapshots[-1:] * 20])
    assert scape.watch_bus.started == sum(clicks_per_tick[1:])  # the first snapshot is the baseline
    assert np.max(np.abs(samples)) > 0.05


def test_the_pusher_clicks_on_press_and_on_release_only() -> None:
    watch = watch_state(500, running=False, braked=True)
    pressed = [False] * 20 + [True] * 60 + [False] * 60
    snapshots: list[RaceSnapshot | None] = [
        race_snapshot(tick, car_snapshot(), watch, pusher=held) for tick, held in enumerate(pressed)
    ]
    scape = RaceSoundscape(SR, WATCH_ONLY)
    samples = render_frames(scape, snapshots)
    onsets = _onsets_s(samples, refractory_s=0.1)
    assert scape.watch_bus.started == 2
    assert [round(t, 1) for t in onsets] == [0.2, 0.8]


def test_the_beat_is_louder_with_the_engine_idling_than_at_full_cry_and_fades_with_amplitude() -> None:
    idling, flat_out = EngineVoice(SR), EngineVoice(SR)
    idling.set_target(900.0, 0.0, 0.0)
    flat_out.set_target(6500.0, 1.0, 1.0)
    for engine in (idling, flat_out):
        [engine.render(1470) for _ in range(40)]
    assert (
        tick_gain(280.0, 0.0) > tick_gain(280.0, idling.presence) > tick_gain(280.0, flat_out.presence) > 0.0
    )
    assert tick_gain(140.0, 0.0) == pytest.approx(0.5 * tick_gain(280.0, 0.0))
    assert tick_gain(0.0, 0.0) == 0.0


def test_beat_regulariser_turns_tick_quantised_beats_into_an_even_rhythm() -> None:
    regulariser = BeatRegulariser()
    # as the simulation sees them: each beat reported at the end of the 10 ms tick it fell in
    reported = [np.ceil(k * NOMINAL_BEAT_S / TICK_S) * TICK_S for k in range(1, 40)]
    placed = [regulariser.place(t - TICK_S, t) for t in reported]
    assert np.max(np.abs(np.diff(reported) - NOMINAL_BEAT_S)) == pytest.approx(0.005, abs=1e-9)
    assert np.max(np.abs(np.diff(placed)[10:] - NOMINAL_BEAT_S)) < 0.0011
    assert all(t - TICK_S <= p <= t for t, p in zip(reported, placed, strict=True))
    assert regulariser.place(99.99, 100.0) == 100.0  # after a jump (a restart) it follows at once


def test_beat_regulariser_follows_a_slower_rate() -> None:
    """Near the end of the reserve the beats lengthen; the ticks follow, never leaving the known window."""
    regulariser = BeatRegulariser()
    true_times = np.cumsum([0.13] * 60)
    reported = np.ceil(true_times / TICK_S) * TICK_S
    placed = [regulariser.place(t - TICK_S, t) for t in reported]
    assert regulariser.period_s == pytest.approx(0.13, abs=0.003)
    assert np.all(np.abs(np.array(placed) - true_times) <= TICK_S + 1e-9)
    assert np.max(np.abs(np.diff(placed)[10:] - 0.13)) < 0.0011


def test_a_real_race_is_heard_beat_for_beat_and_click_for_click_at_any_frame_rate() -> None:
    """The sound hears the race's own events: every beat, crown click and pusher move of a real race, once,
    whether a frame covers one tick or several."""
    from game.sim.cars import DEFAULT_CAR_ID, load_car
    from game.sim.events import Beats, CrownClicks, PusherMoved
    from game.sim.inputs import InputRecord
    from game.sim.race import Race
    from game.sim.race_types import RaceSettings
    from game.sim.route_file import load_route
    from game.sim.track_catalog import load_track

    track = load_track(load_route().stage_ids[0])
    for ticks_per_frame in (1, 3, 7):
        race = Race(
            track,
            load_car(DEFAULT_CAR_ID),
            RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID, wound_turns=10.0),
        )
        scape = RaceSoundscape(SR, WATCH_ONLY)
        scape.observe(race.snapshot, ())
        expected = 0
        pending: list[object] = []
        for tick in range(1, 421):
            held = 150 <= tick < 200  # the pusher held half a second, then winding
            record = InputRecord.from_controls(pusher=held, wind_turns=0.0 if held else 0.02)
            snap = race.step(record)
            pending += snap.events
            expected += sum(
                e.count if isinstance(e, Beats | CrownClicks) else 1
                for e in snap.events
                if isinstance(e, Beats | CrownClicks | PusherMoved)
            )
            if tick % ticks_per_frame == 0:
                scape.observe(snap, tuple(pending))  # type: ignore[arg-type]
                scape.render(round(SR * ticks_per_frame * TICK_S))
                pending = []
        assert expected > 3 * 8 + 40  # three seconds of beats, two crown turns of clicks, the pusher twice
        heard = scape.watch_bus.started
        assert heard == expected - sum(  # a last partial frame not yet observed
            e.count if isinstance(e, Beats | CrownClicks) else 1
            for e in pending
            if isinstance(e, Beats | CrownClicks | PusherMoved)
        )
