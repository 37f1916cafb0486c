"""The regularity rally in the window: the route's stages with the standings between them, resumed apart from the
speed route, and a stage's points PB on the results screen (the speed race's PBs untouched)."""

from __future__ import annotations

import pytest
from scene_helpers import act
from test_regularity_route import rally_of

from game.scenes.base import SceneStack
from game.scenes.context import Context
from game.scenes.flow import Flow
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import stage_setup
from game.scenes.regularity_route_run import RegularityResumeScene, RegularityStandingsScene
from game.scenes.results import ResultsScene, points_pb_text
from game.scenes.stage_select import StageSelectScene
from game.sim.race_types import RaceResult
from game.sim.route_file import load_route
from game.speedrun.attempts import RunOutcome, category_summary
from game.speedrun.rally_pbs import PointsPb, load_regularity_pbs
from game.speedrun.regularity_route import load_regularity_route
from game.speedrun.route_progress import load_progress
from game.speedrun.session import RaceSetup


@pytest.fixture
def ctx(shared_ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    shared_ctx.stack = SceneStack()
    shared_ctx.running = True
    monkeypatch.setattr(shared_ctx, "rally", "regularity")
    return shared_ctx


def finished(setup: RaceSetup, error_cs: int = 3) -> RunOutcome:
    result = RaceResult(True, 60_000, 600_000, 0, 600_000, (), (), rally_of(setup.track_id, error_cs))
    return RunOutcome(result, setup.category, setup.category, False, None, None, (), 0, None, 20.0, None)


def test_the_regularity_route_shows_the_standings_between_stages_and_resumes_apart_from_the_speed_route(
    ctx: Context,
) -> None:
    ids = load_route().stage_ids
    flow = Flow(ctx)
    flow.to_route()
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.setup.track_id == ids[0]
    assert race.setup.settings.rally == "regularity" and race.setup.category == "route"
    assert race.session.recorder.save is True, "the stage's replay is kept, as on the speed route"
    assert race.on_finished is not None
    race.on_finished(finished(race.setup))
    standings = ctx.stack.top
    assert isinstance(standings, RegularityStandingsScene) and not standings.route.complete
    assert standings.ranked == standings.route.classification() and len(standings.stage_points) == 1
    standings.draw(ctx.display.surface, 0.0)
    saved = load_regularity_route().route
    assert saved is not None and saved.next_stage == 1
    assert load_progress().progress is None, "the speed route's progress is not touched"

    act(ctx, "menu_back")  # leave between stages: the progress stays
    assert isinstance(ctx.stack.top, StageSelectScene)
    flow.to_route()
    assert isinstance(ctx.stack.top, RegularityResumeScene)
    ctx.stack.top.draw(ctx.display.surface, 0.0)
    act(ctx, "menu_confirm")  # "Resume at stage 2 of 9"
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.setup.track_id == ids[1]
    assert race.setup.settings.wound_turns == 20.0, "the wind left after stage 1"


def test_the_last_stage_ends_on_the_routes_classification_and_its_points_pb(ctx: Context) -> None:
    from test_regularity_route import route_of

    ids = load_route().stage_ids
    Flow(ctx).to_regularity_route_stage(route_of(len(ids) - 1))
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.on_finished is not None
    race.on_finished(finished(race.setup))
    done = ctx.stack.top
    assert isinstance(done, RegularityStandingsScene) and done.route.complete and done.new_pb
    assert len(done.stage_points) == len(ids)
    assert load_regularity_pbs().route == done.ranked.points
    assert load_regularity_route().route is None, "a finished route's progress is forgotten"
    done.draw(ctx.display.surface, 0.0)
    act(ctx, "menu_confirm")
    assert isinstance(ctx.stack.top, StageSelectScene)


def test_a_regularity_stage_played_in_the_window_keeps_its_points_pb_and_no_time_pb(ctx: Context) -> None:
    setup = stage_setup(ctx, "06-pescara-roma")
    scene = RaceScene(ctx, Flow(ctx), setup, lesson=False)
    assert scene.session.recorder.save is False, "never a speed race attempt"
    scene._count_points(finished(setup, error_cs=3))
    first = scene.points_pb
    assert first is not None and first.new_pb and first.before is None
    scene._count_points(finished(setup, error_cs=40))  # a worse run
    worse = scene.points_pb
    assert worse is not None and not worse.new_pb and worse.best == first.best
    assert load_regularity_pbs().stages == {"06-pescara-roma": first.best}
    assert category_summary("06-pescara-roma").attempts == 0
    results = ResultsScene(ctx, Flow(ctx), setup, finished(setup, 40), points_pb=worse)
    results.draw(ctx.display.surface, 0.0)


def test_the_results_screen_says_the_points_pb() -> None:
    assert points_pb_text(PointsPb(False, 3738.4, 3738.4)) == "PB 3\u2009738 points"
    assert points_pb_text(PointsPb(True, 4074.0, 3738.4)) == "new PB (was 3\u2009738)"
    assert points_pb_text(PointsPb(True, 4074.0, None)) == "new PB"


def test_the_map_lists_points_pbs_in_the_regularity_rally_and_times_in_the_speed_race(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.speedrun.rally_pbs import record_regularity

    record_regularity("06-pescara-roma", 3738.4)
    select = StageSelectScene(ctx, Flow(ctx))
    assert select.points_pbs is not None and select.points_pbs.best("06-pescara-roma") == 3738.4
    assert [select._in_points(e) for e in select.entries] == [True] * 9 + [False, False, True]
    select.draw(ctx.display.surface, 0.0)
    monkeypatch.setattr(ctx, "rally", "race")
    assert StageSelectScene(ctx, Flow(ctx)).points_pbs is None
