"""The geometry's shortcuts for the field's drivers give exactly its own answers (docs/design.md §9).

A near car's driver reads its place, the road's half width and a point ahead from the segment its projection found
(`TrackGeometry.place_on_road`, `half_width_on`, `point_ahead`) instead of searching the whole road, and the race
places the player's car for the field and the wrong-way check without a `Projection` (`road_frame`); any difference
in a last bit would move the field, and with it the autopilot's runs, so each is held to the geometry's long way
with ==, on the segment boundaries and the road's ends where a shortcut could slip.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

import pytest

from game.sim.geometry import TrackGeometry
from game.sim.track_catalog import load_track

STAGE = "06-pescara-roma"


def _geometry() -> TrackGeometry:
    return TrackGeometry(load_track(STAGE))


def _places(
    geometry: TrackGeometry, seed: int, hint_offsets: tuple[int, ...]
) -> Iterator[tuple[float, float, int]]:
    """3000 points (x, y, hint) across the road, on it, on the verge and out on the grass, each with a hint that
    many segments off the nearest one."""
    rng = random.Random(seed)
    for _ in range(3000):
        s = rng.uniform(0.0, geometry.length_m)
        x, y, heading = geometry.point_at(s)
        off = rng.uniform(-15.0, 15.0)
        yield (
            x - math.sin(heading) * off,
            y + math.cos(heading) * off,
            max(0, geometry.segment_at(s) + rng.choice(hint_offsets)),
        )


def test_a_cars_place_on_the_road_is_its_projection() -> None:
    geometry = _geometry()
    for x, y, hint in _places(geometry, 5, (-2, -1, 0, 0, 0, 1, 2)):
        road = geometry.project(x, y, hint)
        surface, _ = geometry.surface_at(x, y, hint)
        assert geometry.place_on_road(x, y, hint) == (road.s_m, road.lateral_m, road.segment, surface)


@pytest.mark.parametrize("track_id", [STAGE, "circuit-1940"])  # a stage, and a circuit's wrap past its length
def test_the_players_road_frame_is_its_projection(track_id: str) -> None:
    geometry = TrackGeometry(load_track(track_id))
    for x, y, hint in _places(geometry, 7, (-40, -2, -1, 0, 0, 0, 1, 2, 40)):
        road = geometry.project(x, y, hint)
        assert geometry.road_frame(x, y, hint) == (road.s_m, road.lateral_m, road.heading_rad)


def test_the_half_width_and_the_point_ahead_are_the_geometrys_own() -> None:
    geometry = _geometry()
    starts = geometry.seg_s_m
    rng = random.Random(6)
    places = [geometry.length_m, geometry.length_m - 1e-9, 0.0]
    for i in rng.sample(range(geometry.n_segments), 400):
        start = starts[i]
        places += [start, start + 1e-12, start + geometry.seg_len_m[i] * rng.random()]
        if i + 1 < geometry.n_segments:
            places.append(starts[i + 1] - 1e-12)
    for s in places:
        segment = geometry.segment_at(s)
        for hint in {segment, max(0, segment - 1)}:  # the projection's segment may end where s starts
            assert geometry.half_width_on(s, hint) == geometry.half_width_at(s)
            for ahead in (0.0, 5.0, 37.5, 400.0):  # the last runs off the road's end
                assert geometry.point_ahead(s + ahead, hint) == geometry.point_at(s + ahead)
