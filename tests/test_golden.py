"""The golden replays re-simulate to exactly the result they claim, as `python -m game verify` checks in CI.

One replay per speedrun category (every stage, the circuit over 1 and 9 laps) and one per stage of a full route
run, each carrying the watch from the stage before: clear-road runs (the 20 recorded before the field, read as
such). The same again with the 1955 field on the road under golden/field/, whose re-simulation must reproduce the
field's standings and passes too. A physics change that alters an old run fails here unless
PHYSICS_VERSION is bumped and tools/make_golden.py rerun.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from game.sim.route_file import load_route
from game.speedrun.replay_format import field_digest, read_replay
from game.speedrun.verify import VerifyOutcome, verify_replay

GOLDEN = Path(__file__).resolve().parent / "golden"
FIELD = GOLDEN / "field"
REPLAYS = sorted([*GOLDEN.glob("*.mmr"), *GOLDEN.glob("route/*.mmr")])
FIELD_REPLAYS = sorted([*FIELD.glob("*.mmr"), *FIELD.glob("route/*.mmr")])


def test_there_is_a_golden_replay_for_every_category_and_every_route_stage() -> None:
    stage_ids = load_route().stage_ids
    categories = {f"{track_id}.mmr" for track_id in stage_ids} | {"circuit-1.mmr", "circuit-9.mmr"}
    assert {p.name for p in GOLDEN.glob("*.mmr")} == categories
    assert sorted(p.name for p in GOLDEN.glob("route/*.mmr")) == [
        f"{index + 1:02d}-{track_id}.mmr" for index, track_id in enumerate(stage_ids)
    ]


@pytest.mark.parametrize("path", REPLAYS, ids=lambda path: path.relative_to(GOLDEN).as_posix())
def test_the_golden_replay_reproduces_its_claimed_result(path: Path) -> None:
    outcome = verify_replay(path)
    assert outcome.mismatches == ()
    assert outcome.recomputed == outcome.replay.result
    assert outcome.recomputed.finished


def test_there_is_a_golden_replay_with_the_field_for_every_stage_and_the_route() -> None:
    stage_ids = load_route().stage_ids
    assert {p.name for p in FIELD.glob("*.mmr")} == {f"{track_id}-field.mmr" for track_id in stage_ids}
    assert sorted(p.name for p in FIELD.glob("route/*.mmr")) == [
        f"{index + 1:02d}-{track_id}.mmr" for index, track_id in enumerate(stage_ids)
    ]


def test_the_clear_road_goldens_are_read_as_clear_road_runs_and_the_field_ones_with_the_field() -> None:
    assert all(read_replay(path).settings.clear_road for path in REPLAYS)
    assert not any(read_replay(path).settings.clear_road for path in FIELD_REPLAYS)


@cache
def _verified(path: Path) -> VerifyOutcome:
    """One re-simulation per field golden, shared by the tests that read it (they are the costly part)."""
    return verify_replay(path)


@pytest.mark.parametrize("path", FIELD_REPLAYS, ids=lambda path: path.relative_to(GOLDEN).as_posix())
def test_the_golden_replay_with_the_field_reproduces_the_field_exactly(path: Path) -> None:
    outcome = _verified(path)
    assert outcome.mismatches == ()
    assert replace(outcome.recomputed, field=None) == outcome.replay.result
    assert outcome.recomputed.field is not None
    assert field_digest(outcome.recomputed.field) == outcome.replay.field_digest
    assert outcome.recomputed.finished


@pytest.mark.parametrize("path", FIELD_REPLAYS, ids=lambda path: path.relative_to(GOLDEN).as_posix())
def test_the_autopilot_in_the_300_slr_gets_through_the_field_on_every_stage(path: Path) -> None:
    """Issue 15's bar: #722 with the autopilot passes at least five cars on every stage and is never passed
    (it used to spin passing in bends and let ten cars by on the Ancona–Pescara stage)."""
    field = _verified(path).recomputed.field
    assert field is not None
    assert len(field.passed) >= 5
    assert field.passed_by == ()
