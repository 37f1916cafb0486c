"""The frame loop keeps Python's full garbage collections out of a race's frames (game/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from game.collector import QuietCollector
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.flow import Flow
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import stage_setup

STAGE = "01-brescia-verona"


@pytest.fixture
def collector() -> Iterator[QuietCollector]:
    quiet = QuietCollector()
    yield quiet
    quiet.release()


def race(ctx: Context) -> RaceScene:
    return RaceScene(ctx, Flow(ctx), stage_setup(ctx, STAGE), save=False)


def test_a_race_on_top_leaves_its_stage_out_of_the_collectors_walks(
    shared_ctx: Context, collector: QuietCollector
) -> None:
    scene = race(shared_ctx)
    collector.on_frame(scene)
    assert collector.frozen and gc.get_freeze_count() > 10_000
    walked = {id(o) for o in gc.get_objects()}
    assert id(scene.track) not in walked and id(scene.view) not in walked
    collector.on_frame(scene)  # the same race, next frame: nothing to do
    assert collector.frozen


def test_a_menu_on_top_gives_everything_back_to_the_collector(
    shared_ctx: Context, collector: QuietCollector
) -> None:
    scene = race(shared_ctx)
    collector.on_frame(scene)
    collector.on_frame(Scene(shared_ctx))
    assert not collector.frozen and gc.get_freeze_count() == 0
    assert id(scene.track) in {id(o) for o in gc.get_objects()}


class Cycle:
    """Something a race holds in a reference cycle: only a collection frees it, never its reference count."""

    def __init__(self) -> None:
        self.me = self


def test_a_restart_frees_the_old_race_before_freezing_the_new_one(
    shared_ctx: Context, collector: QuietCollector
) -> None:
    first = race(shared_ctx)
    first.held = Cycle()  # type: ignore[attr-defined]
    collector.on_frame(first)
    gone = weakref.ref(first.held)  # type: ignore[attr-defined]
    del first
    collector.on_frame(race(shared_ctx))
    assert gone() is None, "the old race's cycle was frozen again: restarts would pile up in the frozen heap"
    assert collector.frozen


def test_an_instant_restart_frees_the_last_attempt_before_freezing_the_next(
    shared_ctx: Context, collector: QuietCollector
) -> None:
    scene = race(shared_ctx)
    scene.session.race.held = Cycle()  # type: ignore[attr-defined]
    collector.on_frame(scene)
    gone = weakref.ref(scene.session.race.held)  # type: ignore[attr-defined]
    scene.restart()
    collector.on_frame(scene)
    assert gone() is None, (
        "the last attempt's cycle was frozen again: restarts would pile up in the frozen heap"
    )
    assert collector.frozen
