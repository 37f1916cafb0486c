"""The route map's outline of Italy and the projection shared with the track generator."""

from __future__ import annotations

import math

from game.sim.geo import load_italy_map, project_latlon, unproject_km
from tools.trackgen.data import TOWNS


def inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    result = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
        x1, y1 = x2, y2
    return result


def distance_to_ring_km(x: float, y: float, ring: list[tuple[float, float]]) -> float:
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def test_projection_keeps_north_up_and_real_distances() -> None:
    bx, by = project_latlon(*TOWNS["Brescia"])
    rx, ry = project_latlon(*TOWNS["Roma"])
    assert rx > bx and ry < by  # Rome is south-east of Brescia
    # Brescia–Verona is about 60 km on the ground, Brescia–Roma about 442 km.
    vx, vy = project_latlon(*TOWNS["Verona"])
    assert math.hypot(vx - bx, vy - by) == pytest_approx(61.3, 0.02)
    assert math.hypot(rx - bx, ry - by) == pytest_approx(442.0, 0.02)
    lat, lon = unproject_km(rx, ry)
    assert (round(lat, 9), round(lon, 9)) == TOWNS["Roma"]


def pytest_approx(value: float, rel: float) -> object:
    import pytest

    return pytest.approx(value, rel=rel)


def test_every_route_town_is_on_the_mainland() -> None:
    italy = load_italy_map()
    names = [ring.name for ring in italy.land]
    assert names[:3] == ["Italia", "Sicilia", "Sardegna"]
    mainland = [project_latlon(lat, lon) for lat, lon in italy.land[0].points]
    assert 150 <= len(mainland) <= 400
    for town, (lat, lon) in TOWNS.items():
        x, y = project_latlon(lat, lon)
        assert inside(x, y, mainland) or distance_to_ring_km(x, y, mainland) < 6.0, town
    # Coastal towns of the route lie near the drawn coast, inland ones well inside it.
    for town in ("Rimini", "Pesaro", "Senigallia", "Ancona", "Pescara"):
        assert distance_to_ring_km(*project_latlon(*TOWNS[town]), mainland) < 8.0, town
    for town in ("Siena", "L'Aquila", "Bologna"):
        assert distance_to_ring_km(*project_latlon(*TOWNS[town]), mainland) > 40.0, town


def test_islands_and_lake_garda_are_where_they_belong() -> None:
    italy = load_italy_map()
    by_name = {ring.name: [project_latlon(lat, lon) for lat, lon in ring.points] for ring in italy.land}
    assert inside(*project_latlon(37.6, 14.0), by_name["Sicilia"])  # Enna, the middle of Sicily
    assert inside(*project_latlon(40.1, 9.0), by_name["Sardegna"])
    assert not inside(*project_latlon(37.6, 14.0), by_name["Italia"])
    garda = [project_latlon(lat, lon) for lat, lon in italy.lakes[0].points]
    assert italy.lakes[0].name == "Lago di Garda"
    assert inside(*project_latlon(45.65, 10.70), garda)
    desenzano = project_latlon(*TOWNS["Desenzano"])
    assert distance_to_ring_km(*desenzano, garda) < 3.0
