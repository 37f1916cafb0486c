"""Menu and race-event sounds, and the race events that call for them."""

from __future__ import annotations

import numpy as np
import pytest

from game.audio import UI_SOUND_NAMES, ui_cues
from game.audio.ui_sounds import UI_PEAK, build_ui_sounds
from game.sim.cars import DEFAULT_CAR_ID, load_car
from game.sim.events import Beats, CrownClicks, Finished, PusherMoved, SplitPassed
from game.sim.inputs import InputRecord
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.snapshot import SplitSnapshot
from game.sim.track import Track
from game.sim.track_catalog import load_track

CAR = load_car(DEFAULT_CAR_ID)

SR = 44100


def test_every_ui_sound_is_built_stereo_with_the_same_peak_and_ends_in_silence() -> None:
    sounds = build_ui_sounds(SR)
    assert tuple(sounds) == UI_SOUND_NAMES
    for name, samples in sounds.items():
        assert samples.ndim == 2 and samples.shape[1] == 2, name
        assert float(np.max(np.abs(samples))) == pytest.approx(UI_PEAK), name
        assert abs(samples[0, 0]) < 0.01 and abs(samples[-1, 0]) < 1e-3, name
    assert len(sounds["move"]) < len(sounds["confirm"]) < len(sounds["pb"])


def _race_cues(ticks: int, stage: Track | None = None) -> list[tuple[int, str]]:
    """Cues heard per tick of a real race (hands off, or the autopilot's records)."""
    track = stage or load_track(load_route().stage_ids[0])
    race = Race(track, CAR, RaceSettings(clear_road=True, car_id=CAR.id))
    heard = []
    for _ in range(ticks):
        snap = race.step(InputRecord())
        heard += [(snap.tick, cue) for cue in ui_cues(snap.events)]
    return heard


def test_countdown_beeps_each_second_then_go() -> None:
    assert _race_cues(400) == [(1, "countdown"), (101, "countdown"), (201, "countdown"), (300, "go")]


def test_a_split_chimes_and_the_finish_line_plays_the_finish_only() -> None:
    verona = SplitSnapshot(line_index=1, name="Verona", igt_ms=100)
    brescia = SplitSnapshot(line_index=2, name="Brescia", igt_ms=150)
    events = (
        SplitPassed(310, 0, verona),
        SplitPassed(315, 1, brescia),
        Finished(315, 150, 150),
    )
    assert ui_cues(events) == ("checkpoint", "finish")


def test_ticks_without_race_events_call_for_nothing() -> None:
    assert ui_cues(()) == ()
    assert ui_cues((Beats(5, 1), CrownClicks(5, 2), PusherMoved(6, True))) == ()
