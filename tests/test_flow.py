"""Which screen follows which, as a player walks through the game: every way out of every scene goes through
`game.scenes.flow`, and lands where it did when the scenes opened each other."""

from __future__ import annotations

import dataclasses

import pygame
import pytest
from scene_helpers import act

from game.scenes.base import SceneStack
from game.scenes.context import Context
from game.scenes.flow import Flow
from game.scenes.pause import PauseScene
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import circuit_setup, stage_setup
from game.scenes.results import ResultsScene
from game.scenes.route_run import RouteDoneScene, RouteResumeScene, new_progress
from game.scenes.settings_screen import SettingsScene
from game.scenes.stage_select import StageSelectScene
from game.scenes.title import TitleScene
from game.settings import load_settings
from game.sim.race_types import RaceResult
from game.sim.route_file import load_route
from game.speedrun.attempts import RunOutcome, category_summary
from game.speedrun.route_progress import RouteProgress, load_progress, save_progress
from game.speedrun.session import RaceSetup


@pytest.fixture
def ctx(shared_ctx: Context) -> Context:
    shared_ctx.stack = SceneStack()
    shared_ctx.running = True
    return shared_ctx


def outcome(setup: RaceSetup, total_ms: int = 600_000) -> RunOutcome:
    """A finished run as the race scene hands it on (no replay, nothing saved)."""
    result = RaceResult(True, total_ms // 10, total_ms, 0, total_ms, (), ())
    return RunOutcome(result, setup.category, setup.category, False, None, None, (), 0, None, 20.0, None)


def test_the_title_leads_to_the_map_and_escape_leads_back(ctx: Context) -> None:
    Flow(ctx).start()
    assert isinstance(ctx.stack.top, TitleScene) and len(ctx.stack) == 1
    act(ctx, "menu_confirm")  # "Race a stage"
    select = ctx.stack.top
    assert isinstance(select, StageSelectScene) and select.cursor == 0 and len(ctx.stack) == 1
    act(ctx, "menu_back")
    assert isinstance(ctx.stack.top, TitleScene) and len(ctx.stack) == 1


def test_settings_open_over_the_title_and_close_back_to_it(ctx: Context) -> None:
    Flow(ctx).start()
    title = ctx.stack.top
    act(ctx, "menu_down", "menu_down", "menu_confirm")  # "Settings"
    assert isinstance(ctx.stack.top, SettingsScene) and list(ctx.stack) == [title, ctx.stack.top]
    act(ctx, "menu_back")
    assert list(ctx.stack) == [title]


def test_a_stage_chosen_on_the_map_is_raced_and_leaving_it_lands_on_its_entry(ctx: Context) -> None:
    third = load_route().stage_ids[2]
    Flow(ctx).to_stage_select()
    act(ctx, "menu_down", "menu_down", "menu_confirm")
    race = ctx.stack.top
    assert isinstance(race, RaceScene)
    assert race.setup.track_id == third and race.setup.category == third + "-field"  # the field is on
    act(ctx, "pause")
    assert list(ctx.stack) == [race, ctx.stack.top] and isinstance(ctx.stack.top, PauseScene)
    act(ctx, "menu_down", "menu_down", "menu_down", "menu_down", "menu_confirm")  # "Leave to the map"
    select = ctx.stack.top
    assert isinstance(select, StageSelectScene) and len(ctx.stack) == 1
    assert select.entries[select.cursor].category == third


def test_the_entry_picked_on_the_map_is_the_car_and_number_raced_and_is_remembered(ctx: Context) -> None:
    before = ctx.settings
    try:
        Flow(ctx).to_stage_select()
        select = ctx.stack.top
        assert isinstance(select, StageSelectScene)
        assert select.entry_row is None
        act(ctx, "menu_up", "menu_up")  # from the first stage, round to the entry's car row
        assert select.entry_row == "car"
        act(ctx, "menu_right")  # the car after the 300 SLR in the garage
        assert ctx.settings.gameplay.car_id == "porsche_550_spyder"
        act(ctx, "menu_confirm")  # Enter on the entry does not start a race
        assert ctx.stack.top is select
        act(ctx, "menu_down", "menu_left")  # the number before #722
        assert ctx.settings.gameplay.car_number == 625
        assert load_settings().settings.gameplay == ctx.settings.gameplay
        act(ctx, "menu_down", "menu_confirm")  # round to the first stage, and race it
        race = ctx.stack.top
        assert isinstance(race, RaceScene)
        assert race.setup.settings.car_id == "porsche_550_spyder" and race.setup.car_number == 625
    finally:
        ctx.apply_settings(before)


def test_quit_game_from_the_pause_menu_ends_the_loop(ctx: Context) -> None:
    Flow(ctx).pause(on_restart=lambda: None, on_quit=lambda: None)
    act(ctx, "menu_up", "menu_confirm")  # the last item, "Quit game"
    assert ctx.running is False


def test_results_race_again_go_on_to_the_next_stage_or_back_to_the_map(ctx: Context) -> None:
    flow = Flow(ctx)
    ids = load_route().stage_ids
    first = stage_setup(ctx, ids[0])
    flow.to_results(first, outcome(first))
    act(ctx, "restart")
    again = ctx.stack.top
    assert isinstance(again, RaceScene) and again.setup == first

    flow.to_results(first, outcome(first))
    act(ctx, "menu_confirm")
    following = ctx.stack.top
    assert isinstance(following, RaceScene) and following.setup == stage_setup(ctx, ids[1])

    for last in (stage_setup(ctx, ids[-1]), circuit_setup(ctx, 9)):
        flow.to_results(last, outcome(last))
        act(ctx, "menu_confirm")
        select = ctx.stack.top
        assert isinstance(select, StageSelectScene)
        assert select.timed_as(select.entries[select.cursor]) == last.category  # a stage's with the field

    flow.to_results(first, outcome(first))
    act(ctx, "menu_back")
    select = ctx.stack.top
    assert isinstance(select, StageSelectScene) and select.entries[select.cursor].category == ids[0]
    assert len(ctx.stack) == 1


def test_a_route_left_half_way_is_offered_again_and_its_last_stage_ends_on_the_routes_total(
    ctx: Context,
) -> None:
    ids = load_route().stage_ids
    save_progress(_progress_of(ctx, len(ids) - 1))
    flow = Flow(ctx)

    flow.to_route()
    assert isinstance(ctx.stack.top, RouteResumeScene)
    act(ctx, "menu_back")
    select = ctx.stack.top
    assert isinstance(select, StageSelectScene) and select.entries[select.cursor].category == "route"

    flow.to_route()
    act(ctx, "menu_confirm")  # "Resume at stage N of N"
    race = ctx.stack.top
    assert (
        isinstance(race, RaceScene)
        and race.setup.track_id == ids[-1]
        and race.setup.category == "route-field"
    )
    flow.to_results(race.setup, outcome(race.setup), on_finished=race.on_finished)
    act(ctx, "restart")  # a route stage is never raced again from its results
    assert isinstance(ctx.stack.top, ResultsScene)
    act(ctx, "menu_confirm")
    done = ctx.stack.top
    assert isinstance(done, RouteDoneScene)
    assert done.progress.resumed_count == 1 and done.progress.total_ms == len(ids) * 600_000
    assert done.new_pb is False  # a resumed route is counted apart, never a PB
    assert load_progress().progress is None
    act(ctx, "menu_confirm")
    select = ctx.stack.top
    assert isinstance(select, StageSelectScene) and select.entries[select.cursor].category == "route"


def test_a_route_driven_without_a_break_counts_as_an_attempt_and_may_be_a_pb(ctx: Context) -> None:
    """(Each stage saved on the way: tests/test_race_scene.py drives one for real.)"""
    ids = load_route().stage_ids
    Flow(ctx).to_route_stage(_progress_of(ctx, len(ids) - 1))
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.setup.track_id == ids[-1] and race.on_finished is not None
    race.on_finished(outcome(race.setup))
    done = ctx.stack.top
    assert isinstance(done, RouteDoneScene) and done.new_pb is True
    assert done.progress == _progress_of(ctx, len(ids))
    assert load_progress().progress is None
    assert category_summary("route-field").pb_ms == len(ids) * 600_000  # the field is on the road


def _progress_of(ctx: Context, stages: int) -> RouteProgress:
    """A route not resumed with its first `stages` stages driven, ten minutes each."""
    progress = new_progress(ctx)
    for track_id in load_route().stage_ids[:stages]:
        setup = RaceSetup(track_id, "route", progress.settings, progress.car_number)
        progress = progress.with_stage(outcome(setup).result, 20.0, None)
    return progress


def test_results_with_the_field_turn_to_its_standings_and_a_clear_road_has_none(ctx: Context) -> None:
    from game.sim.field_types import FieldOutcome, Standing

    flow = Flow(ctx)
    setup = stage_setup(ctx, load_route().stage_ids[0])
    me = Standing(722, "You", "mercedes_300_slr", "sport-over-2000", 600_000, 2, 1, True)
    winner = Standing(2104, "A. Driver", "mercedes_180_d", "diesel", 590_000, 1, 1, False)
    field = FieldOutcome((winner, me), passed=(2104,), passed_by=())
    plain = outcome(setup)
    with_field = dataclasses.replace(plain, result=dataclasses.replace(plain.result, field=field))
    flow.to_results(setup, with_field)
    results = ctx.stack.top
    assert isinstance(results, ResultsScene) and results.page == 0
    surface = pygame.Surface((1280, 720))
    results.draw(surface, 0.0)
    act(ctx, "menu_right")
    assert results.page == 1
    results.draw(surface, 0.0)
    act(ctx, "menu_left")
    assert results.page == 0

    flow.to_results(setup, plain)
    clear = ctx.stack.top
    assert isinstance(clear, ResultsScene)
    act(ctx, "menu_right")
    assert clear.page == 0 and clear.field is None


def _with_field(setup: RaceSetup, my_ms: int, rival_ms: int) -> RunOutcome:
    """A stage run with the field: the player (#722) and one rival (#2104)."""
    from game.sim.field_types import FieldOutcome, Standing

    me = Standing(722, "You", "mercedes_300_slr", "sport-over-2000", my_ms, 1, 1, True)
    rival = Standing(2104, "A. Driver", "mercedes_180_d", "diesel", rival_ms, 2, 1, False)
    rows = tuple(sorted((me, rival), key=lambda s: s.time_ms))
    plain = outcome(setup, my_ms)
    field = FieldOutcome(rows, passed=(), passed_by=())
    return dataclasses.replace(plain, result=dataclasses.replace(plain.result, field=field))


def test_a_route_with_the_field_shows_its_classification_between_the_stages(ctx: Context) -> None:
    from game.scenes.route_standings import RouteStandingsScene

    ids = load_route().stage_ids
    flow = Flow(ctx)
    flow.to_route_stage(new_progress(ctx))
    first = ctx.stack.top
    assert isinstance(first, RaceScene) and first.on_finished is not None
    first.on_finished(_with_field(first.setup, 600_000, 590_000))
    standings = ctx.stack.top
    assert isinstance(standings, RouteStandingsScene) and standings.title == "After stage 1"
    assert [(s.number, s.position) for s in standings.standings] == [(2104, 1), (722, 2)]
    standings.draw(pygame.Surface((1280, 720)), 0.0)
    act(ctx, "menu_confirm")
    second = ctx.stack.top
    assert (
        isinstance(second, RaceScene) and second.setup.track_id == ids[1] and second.on_finished is not None
    )
    second.on_finished(_with_field(second.setup, 600_000, 620_000))  # 1 200 000 against 1 210 000
    after_two = ctx.stack.top
    assert isinstance(after_two, RouteStandingsScene) and after_two.title == "After stage 2"
    assert [(s.number, s.time_ms) for s in after_two.standings] == [(722, 1_200_000), (2104, 1_210_000)]
    act(ctx, "menu_confirm")
    assert isinstance(ctx.stack.top, RaceScene) and ctx.stack.top.setup.track_id == ids[2]
