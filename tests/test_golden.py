"""The golden replays re-simulate to exactly the result they claim, as `python -m game verify` checks in CI.

One replay per speedrun category (every stage, the circuit over 1 and 9 laps) and one per stage of a full route
run, each carrying the watch from the stage before. A physics change that alters an old run fails here unless
PHYSICS_VERSION is bumped and tools/make_golden.py rerun.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.sim.route_file import load_route
from game.speedrun.verify import verify_replay

GOLDEN = Path(__file__).resolve().parent / "golden"
REPLAYS = sorted([*GOLDEN.glob("*.mmr"), *GOLDEN.glob("route/*.mmr")])


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
