"""The regularity route: the stages in order with the watch carried over, points summed over the stages, its own
progress file and PB, the command line's route, the standings between stages, and the control zone on the road."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from types import SimpleNamespace

import pytest

from game.sim.race_types import RaceResult, RaceSettings
from game.sim.rally_types import COResult, PCResult, PMPointResult, RallyResult
from game.sim.route_file import load_route
from game.speedrun.regularity_route import (
    RegularityRoute,
    load_regularity_route,
    record_regularity_route,
    regularity_route_path,
    save_regularity_route,
)
from game.speedrun.route_progress import RouteProgress, load_progress, progress_path, save_progress

CAR = "mercedes_300_slr"


def rally_of(track_id: str, error_cs: int = 2, co_minutes_late: int = 0) -> RallyResult:
    """A stage's trials: three PCs and a PM point off by `error_cs`, the CO stamped `co_minutes_late` late."""
    pcs = tuple(PCResult(f"PC {n}", 1, 2000, 2000 + error_cs) for n in (1, 2, 3))
    return RallyResult(
        track_id,
        pcs,
        (PMPointResult("PM 1 · 1", 5000, 5000 - error_cs),),
        COResult("CO", 36_000, 36_000 + 60 * co_minutes_late + 5.0),
    )


def result_of(track_id: str, time_ms: int = 600_000, **rally: int) -> RaceResult:
    return RaceResult(True, time_ms // 10, time_ms, 0, time_ms, (), (), rally_of(track_id, **rally))


def route_of(stages: int, *, resumed: int = 0) -> RegularityRoute:
    route = RegularityRoute.new(RaceSettings(car_id=CAR), 722)
    for index, track_id in enumerate(load_route().stage_ids[:stages]):
        route = route.with_stage(result_of(track_id, error_cs=index + 1), 20.0 - index, None)
    return replace(route, progress=replace(route.progress, resumed_count=resumed))


def test_each_stage_is_driven_in_regularity_with_the_watch_carried_and_counted_in_the_route_category() -> (
    None
):
    ids = load_route().stage_ids
    route = route_of(2)
    setup = route.next_setup()
    assert (setup.track_id, setup.category) == (ids[2], "route")
    assert setup.settings.rally == "regularity"
    assert setup.settings.wound_turns == 19.0, "the wind left after stage 2"
    assert route.progress.total_ms == 1_200_000
    with pytest.raises(ValueError, match="rally result"):
        route.with_stage(replace(result_of(ids[2]), rally=None), 18.0, None)


def test_the_routes_points_are_the_stages_points_summed_and_ranked_among_the_field() -> None:
    route = route_of(3)
    stages = [route.stage_classification(i) for i in range(3)]
    ranked = route.classification()
    assert ranked.points == pytest.approx(sum(s.points for s in stages))
    assert ranked.entrants == 287
    assert len(ranked.trial_points) == 12, "four trials a stage, three stages"
    assert (
        ranked.table[ranked.position - 1].player and ranked.table[ranked.position - 1].points == ranked.points
    )
    for number in (ranked.table[0].number, ranked.table[100].number, ranked.table[-1].number):
        crew = [s for s in ranked.table if s.number == number]
        each = [next(s for s in stage.table if s.number == number).points for stage in stages]
        assert len(crew) == 1 and crew[0].points == pytest.approx(sum(each), abs=0.02), "a crew's stages sum"


def test_a_co_minute_late_costs_100_points_on_the_route() -> None:
    ids = load_route().stage_ids
    on_time = RegularityRoute.new(RaceSettings(car_id=CAR), 722).with_stage(result_of(ids[0]), 20.0, None)
    late = RegularityRoute.new(RaceSettings(car_id=CAR), 722).with_stage(
        result_of(ids[0], co_minutes_late=1), 20.0, None
    )
    assert on_time.classification().points - late.classification().points == pytest.approx(100.0)


def test_a_regularity_route_is_saved_apart_from_the_speed_route_and_both_read_back() -> None:
    speed = RouteProgress.new(RaceSettings(car_id=CAR), 722).with_stage(
        replace(result_of(load_route().stage_ids[0]), rally=None), 21.0, None
    )
    save_progress(speed)
    route = route_of(2)
    save_regularity_route(route)
    assert regularity_route_path() != progress_path()
    assert load_regularity_route().route == route
    assert load_progress().progress == speed, "the speed route's file reads as it always did"
    assert load_progress().progress.settings.rally == "race"


def test_a_damaged_regularity_route_is_set_aside_and_said() -> None:
    save_regularity_route(route_of(2))
    document = json.loads(regularity_route_path().read_text())
    document["results"] = document["results"][:1]  # trials of one stage for two stages driven
    regularity_route_path().write_text(json.dumps(document))
    loaded = load_regularity_route()
    assert loaded.route is None and "its trials are not those of the stages driven" in (loaded.warning or "")
    assert list(regularity_route_path().parent.glob("regularity-route-progress.json.corrupt-*"))


def test_a_finished_regularity_route_is_a_points_pb_unless_resumed() -> None:
    from game.speedrun.attempts import category_summary
    from game.speedrun.rally_pbs import load_regularity_pbs

    route = route_of(2)
    points = route.classification().points
    assert record_regularity_route(route_of(2, resumed=1)) == (False, None)
    assert load_regularity_pbs().route is None
    assert record_regularity_route(route) == (True, None)
    assert record_regularity_route(route) == (False, points)
    assert load_regularity_pbs().route == points
    assert category_summary("route").pb_ms is None, "no speed route time is claimed"


def test_the_command_lines_regularity_route_prints_each_stage_then_the_route_and_igt_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two stages (the route cut short) and a stand-in for the driving: the route's bookkeeping and its lines."""
    import io

    import game.commands.run_regularity_route as command
    import game.speedrun.route_progress as route_progress
    from game.cli import main
    from game.speedrun.rally_pbs import load_regularity_pbs

    short = replace(load_route(), stages=load_route().stages[:2])
    monkeypatch.setattr(route_progress, "load_route", lambda: short)
    monkeypatch.setattr(command, "load_route", lambda: short)
    driven: list[tuple[str, float | None, str, str]] = []

    def drive(track, car, settings, *, category, save, driver, max_ticks):  # type: ignore[no-untyped-def]
        driven.append((track.id, settings.wound_turns, settings.rally, category))
        time_ms = 500_000 + 100_000 * len(driven)
        final = SimpleNamespace(watch=SimpleNamespace(wound_turns=30.0 - len(driven)))
        return SimpleNamespace(
            result=result_of(track.id, time_ms, error_cs=len(driven)), final=final, outcome=None
        )

    monkeypatch.setattr(command, "drive", drive)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    code = main(
        ["run", "--headless", "--autopilot", "--watch-only", "--mode", "route", "--rally", "regularity"]
    )
    lines = out.getvalue().splitlines()
    assert code == 0
    ids = short.stage_ids
    assert driven == [(ids[0], None, "regularity", "route"), (ids[1], 29.0, "regularity", "route")]
    route = route_of(0)
    for index, track_id in enumerate(ids):
        route = route.with_stage(result_of(track_id, error_cs=index + 1), 29.0 - index, None)
    ranked = route.classification()
    stage_lines = [line for line in lines if line.startswith("  stage points ")]
    route_lines = [line for line in lines if line.startswith("  route points ")]
    assert len(stage_lines) == 2 and len(route_lines) == 2
    assert route_lines[-1] == f"  route points {ranked.points:.2f}, position {ranked.position}/287"
    assert lines[0].startswith("Mille Miglia · 2 stages · ") and lines[0].endswith(
        " · regularity · watch only"
    )
    assert lines[1].startswith(" 1 ") and lines[1].endswith(f"({ids[0]})")
    assert [line.split()[0] for line in lines[2:7]] == ["PC", "PC", "PC", "PM", "CO"]
    assert lines[-4:] == [
        "coefficient 1.20, CO penalty 0",
        f"route points {ranked.points:.2f}, position {ranked.position}/287",
        "new regularity route PB",
        "IGT 21:40.000",  # 10:00 and 11:40
    ]
    assert load_regularity_pbs().route == ranked.points


def test_the_control_zone_is_painted_from_70_to_10_m_before_the_finish_with_a_hatch_every_4_m() -> None:
    from game.render.hud.rally_card import track_with_rally_tubes
    from game.sim.rally_book import build_roadbook
    from game.sim.track_catalog import load_track

    track = load_track("02-verona-padova")
    book = build_roadbook(track, None)
    finish = next(line.s_m for line in track.timing_lines if line.kind == "finish")
    shown = track_with_rally_tubes(track, book)
    zone = [line for line in shown.timing_lines if line.kind.startswith("control_")]
    assert [line.kind for line in zone] == ["control_start", *["control_zone"] * 14, "control_end"]
    assert zone[0].s_m == pytest.approx(finish - 70, abs=0.1) and zone[-1].s_m == pytest.approx(
        finish - 10, abs=0.1
    )
    assert [round(b.s_m - a.s_m, 1) for a, b in itertools.pairwise(zone)] == [4.0] * 15


def test_the_control_zone_shows_yellow_paint_and_the_co_board_in_the_world() -> None:
    import pygame

    from game.render.hud.rally_card import track_with_rally_tubes
    from game.render.world import WorldView
    from game.render.world.camera import Camera
    from game.render.world.timing_marks import CONTROL_YELLOW
    from game.sim.cars import load_car
    from game.sim.geometry import TrackGeometry
    from game.sim.race import Race
    from game.sim.rally_book import build_roadbook
    from game.sim.track_catalog import load_track

    track = load_track("02-verona-padova")
    shown = track_with_rally_tubes(track, build_roadbook(track, None))
    car = load_car(CAR)
    race = Race(track, car, RaceSettings(car_id=CAR, rally="regularity"))
    zone_start = next(line.s_m for line in shown.timing_lines if line.kind == "control_start")
    x, y, heading = TrackGeometry(track).point_at(zone_start - 25)
    snap = race.snapshot
    snap = replace(snap, car=replace(snap.car, x_m=x, y_m=y, heading_rad=heading))
    size = (1280, 720)
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(size)
    view = WorldView(shown, size, car, 722)
    camera = Camera(size, "chase")
    camera.follow(snap.car, 0.0)
    camera.snap()
    for _ in range(3):
        view.draw(surface, camera, snap, snap, 1.0)
    yellow = sum(
        1
        for px in range(0, size[0], 2)
        for py in range(0, size[1], 2)
        if surface.get_at((px, py))[:3] == CONTROL_YELLOW
    )
    assert yellow > 40, f"the zone's paint and its board show ahead of the car ({yellow} samples)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "--headless", "--autopilot", "--mode", "circuit", "--rally", "regularity"],
            "labone-rally: --rally: the regularity rally runs on the stages and the route, not the circuit",
        ),
        (
            [
                "run",
                "--headless",
                "--autopilot",
                "--watch-only",
                "--watch-let-down",
                "--mode",
                "route",
                "--rally",
                "regularity",
            ],
            "labone-rally: --watch-let-down: applies to one stage, not to --mode route",
        ),
    ],
)
def test_regularity_route_options_that_cannot_be_used_are_said_in_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == message
