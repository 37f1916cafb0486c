"""Every shipped track: loads, follows the real route, is drivable, and keeps its scenery off the road."""

from __future__ import annotations

import itertools
import math

import pytest

from game.sim.geometry import VERGE_M, TrackGeometry
from game.sim.route_file import load_route
from game.sim.track import Track
from game.sim.track_catalog import load_track, track_ids
from tools.trackgen.data import TOWNS
from tools.trackgen.pace import estimate_time_s

ROUTE_1955 = (
    "Brescia", "Desenzano", "Verona", "Vicenza", "Padova", "Rovigo", "Ferrara", "Ravenna", "Forlì", "Rimini",
    "Pesaro", "Senigallia", "Ancona", "Pescara", "Popoli", "L'Aquila", "Rieti", "Roma", "Viterbo", "Radicofani",
    "Siena", "Firenze", "Passo della Futa", "Passo della Raticosa", "Bologna", "Modena", "Reggio Emilia",
    "Parma", "Piacenza", "Cremona", "Mantova", "Brescia",
)  # fmt: skip
"""docs/route.md's town list, in order."""

TRACKS: dict[str, Track] = {track_id: load_track(track_id) for track_id in track_ids()}
GEOMETRY: dict[str, TrackGeometry] = {track_id: TrackGeometry(t) for track_id, t in TRACKS.items()}
STAGES = [t for t in TRACKS.values() if t.kind == "stage"]


def test_the_stages_cover_the_whole_route_in_order() -> None:
    assert len(STAGES) >= 8
    towns: list[str] = []
    for stage in STAGES:
        names = [w.town for w in stage.waypoints]
        if towns:
            assert names[0] == towns[-1], f"{stage.id} does not start where the previous stage ended"
            names = names[1:]
        towns.extend(names)
    assert tuple(towns) == ROUTE_1955
    route = load_route()
    assert [s.id for s in route.stages] == [s.id for s in STAGES]
    for stage in route.stages:
        assert tuple(t.name for t in stage.towns) == tuple(w.town for w in TRACKS[stage.id].waypoints)


@pytest.mark.parametrize("track_id", track_ids())
def test_waypoints_keep_the_real_towns_order_and_direction(track_id: str) -> None:
    """The road passes its towns in order, and the compass bearing from town to town is the real one."""
    track = TRACKS[track_id]
    g = GEOMETRY[track_id]
    s_values = [w.s_m for w in track.waypoints]
    assert s_values == sorted(s_values)
    for a, b in zip(track.waypoints, track.waypoints[1:], strict=False):
        assert (a.lat, a.lon) == TOWNS[a.town]
        ax, ay, _ = g.point_at(a.s_m)
        bx, by, _ = g.point_at(b.s_m)
        road_bearing = math.atan2(by - ay, bx - ax)
        real_bearing = math.atan2(b.lat - a.lat, (b.lon - a.lon) * math.cos(math.radians(a.lat)))
        error = abs((road_bearing - real_bearing + math.pi) % (2 * math.pi) - math.pi)
        assert error < math.radians(25.0), f"{a.town} → {b.town} points {math.degrees(error):.0f}° off"


@pytest.mark.parametrize("track_id", track_ids())
def test_timing_lines_and_trials(track_id: str) -> None:
    track = TRACKS[track_id]
    g = GEOMETRY[track_id]
    lines = track.timing_lines
    checkpoints = [line.name for line in lines if line.kind == "checkpoint"]
    if track.closed:
        assert lines[0].kind == "start" and lines[0].s_m == 0.0
        assert checkpoints == [w.town for w in track.waypoints[1:]]
        return
    assert lines[0].s_m == pytest.approx(40.0)
    assert lines[-1].kind == "finish" and lines[-1].s_m == pytest.approx(g.length_m - 40.0, abs=0.01)
    assert checkpoints == [w.town for w in track.waypoints[1:-1]]
    trials = [(a, b) for a, b in itertools.pairwise(lines) if a.kind == "trial_start"]
    assert len(trials) >= 1
    for start, end in trials:
        length = end.s_m - start.s_m
        assert 250.0 <= length <= 900.0
        assert start.target_s == end.target_s
        assert start.target_s == round(start.target_s, 1)
        average_kmh = length / start.target_s * 3.6
        assert 40.0 <= average_kmh <= 110.0


@pytest.mark.parametrize("track_id", track_ids())
def test_roads_are_drivable(track_id: str) -> None:
    """Wide enough, no bend tighter than a 12 m hairpin, and a fast driver needs 45–180 s."""
    track = TRACKS[track_id]
    g = GEOMETRY[track_id]
    assert min(track.half_width_m) >= 3.0
    turns = [
        abs((b - a + math.pi) % (2 * math.pi) - math.pi) / (0.5 * (la + lb))
        for a, b, la, lb in zip(
            g.seg_heading_rad, g.seg_heading_rad[1:], g.seg_len_m, g.seg_len_m[1:], strict=False
        )
    ]
    assert 1.0 / max(turns) >= 12.0
    seconds = estimate_time_s(track)
    if track.closed:
        assert 45.0 <= seconds <= 90.0
    else:
        assert 60.0 <= seconds <= 180.0
    surfaces = {span.surface for span in track.surfaces}
    assert "cobbles" in surfaces


@pytest.mark.parametrize("track_id", track_ids())
def test_nothing_solid_stands_on_the_road_or_its_verge(track_id: str) -> None:
    track = TRACKS[track_id]
    g = GEOMETRY[track_id]
    for item in track.scenery:
        if not item.solid:
            continue
        p = g.project(item.x_m, item.y_m)
        if item.length_m:
            c, s = math.cos(item.angle_rad), math.sin(item.angle_rad)
            corners = [
                (item.x_m + c * dx - s * dy, item.y_m + s * dx + c * dy)
                for dx in (-item.length_m / 2, item.length_m / 2)
                for dy in (-item.width_m / 2, item.width_m / 2)
            ]
            for x, y in corners:
                q = g.project(x, y)
                assert q.distance_m > q.half_width_m + VERGE_M, (
                    f"{item.kind} corner on the road at {x:.0f},{y:.0f}"
                )
        else:
            assert p.distance_m - item.radius_m > p.half_width_m + VERGE_M, (
                f"{item.kind} at {item.x_m:.0f},{item.y_m:.0f}"
            )
    for barrier in track.barriers:
        for (x0, y0), (x1, y1) in zip(barrier.points, barrier.points[1:], strict=False):
            for t in (0.0, 0.5, 1.0):
                q = g.project(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
                assert q.distance_m > q.half_width_m + VERGE_M, (
                    f"{barrier.kind} on the road near {x0:.0f},{y0:.0f}"
                )


def test_regions_are_dressed_as_the_route_is() -> None:
    def kinds(track_id: str) -> set[str]:
        track = TRACKS[track_id]
        return (
            {s.kind for s in track.scenery} | {a.kind for a in track.areas} | {b.kind for b in track.barriers}
        )

    assert {"lake", "poplar"} <= kinds("01-brescia-verona")
    assert {"sea", "pine"} <= kinds("04-ravenna-ancona")
    assert {"sea"} <= kinds("05-ancona-pescara")
    assert {"rock"} <= kinds("06-pescara-roma")
    assert {"cypress", "house", "church", "piazza"} <= kinds("07-roma-siena")
    assert {"hay", "crowd"} <= kinds("08-siena-bologna")
    assert any(span.surface == "gravel" for span in TRACKS["08-siena-bologna"].surfaces)
    assert TRACKS["01-brescia-verona"].start_time_of_day_s == 7 * 3600 + 22 * 60
    assert TRACKS["01-brescia-verona"].date == (1955, 5, 1)
    circuit = TRACKS["circuit-1940"]
    assert (
        circuit.closed and circuit.kind == "circuit" and circuit.laps == 1 and circuit.date == (1940, 4, 28)
    )
