"""One stage from its spec: road, widths, surfaces, timing lines, dressing, validated as a track document.

Everything random comes from one `random.Random(seed)` per attempt. A stage whose first attempt fails
validation (the road running into itself between legs, say) is rebuilt with the next derived seed, and the
file records the seed that worked, so the generator run twice writes byte-identical files.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

from game.sim.geo import project_latlon
from game.sim.track import Track, TrackError
from game.sim.track_format import TRACK_FORMAT_VERSION, round_document
from game.sim.track_parse import track_from_dict
from tools.trackgen.data import CITY_TOWNS, PASSES, TOWN_RADIUS_M, TOWNS, StageSpec
from tools.trackgen.dress import dress
from tools.trackgen.layout import Layout
from tools.trackgen.medals import load_medal_table
from tools.trackgen.road import Road, draw_road
from tools.trackgen.timing_plan import plan_timing_lines

MAX_ATTEMPTS = 40
LENGTH_TOLERANCE = 0.03
_SEED_STRIDE = 7919


def town_zones(spec: StageSpec) -> list[tuple[str, float] | None]:
    """The zone (character, radius in metres) around each of the spec's towns; None for a pass."""
    zones: list[tuple[str, float] | None] = []
    for town in spec.towns:
        if town in PASSES:
            zones.append(None)
        elif town in CITY_TOWNS:
            zones.append(("city" if town == "Roma" else "town", CITY_TOWNS[town]))
        else:
            zones.append(("town", TOWN_RADIUS_M))
    return zones


def _targets(spec: StageSpec, scale: float) -> list[tuple[float, float]]:
    ox, oy = project_latlon(*TOWNS[spec.towns[0]])
    out = []
    for town in spec.towns:
        x, y = project_latlon(*TOWNS[town])
        out.append(((x - ox) * 1000.0 * scale, (y - oy) * 1000.0 * scale))
    return out


def _direct_length_m(spec: StageSpec) -> float:
    pts = [project_latlon(*TOWNS[t]) for t in spec.towns]
    if spec.kind == "circuit":
        pts.append(pts[0])
    return 1000.0 * sum(math.dist(a, b) for a, b in itertools.pairwise(pts))


def build_road(spec: StageSpec, seed: int) -> Road | None:
    """Draw the road, re-scaling the real leg until the road is within 3 % of the spec's length."""
    closed = spec.kind == "circuit"
    scale = spec.length_m / (_direct_length_m(spec) * 1.15)
    best: Road | None = None
    for _ in range(8):
        road = draw_road(
            _targets(spec, scale), list(spec.legs), town_zones(spec), random.Random(seed), closed
        )
        if road is None:
            return None
        if best is None or abs(road.length_m - spec.length_m) < abs(best.length_m - spec.length_m):
            best = road
        ratio = spec.length_m / road.length_m
        if abs(ratio - 1.0) <= LENGTH_TOLERANCE:
            return road
        scale *= ratio
    return best if best is not None and abs(best.length_m / spec.length_m - 1.0) < 0.05 else None


def stage_document(spec: StageSpec, seed: int) -> dict[str, Any] | None:
    """The whole track document for one attempt's seed, or None if this seed gives no valid track."""
    road = build_road(spec, seed)
    if road is None:
        return None
    rng = random.Random(seed * 31 + 7)
    layout = Layout.of(spec, road, town_zones(spec)).with_widths_and_gravel(spec, rng)
    lines = plan_timing_lines(spec, layout, rng)
    if lines is None:
        return None
    dressing = dress(spec, layout, rng)
    waypoints = [
        {"town": town, "lat": TOWNS[town][0], "lon": TOWNS[town][1], "s_m": s}
        for town, s in zip(spec.towns, layout.town_s_m, strict=True)
    ]
    return {
        "format_version": TRACK_FORMAT_VERSION,
        "id": spec.id,
        "name": spec.name,
        "region": spec.region,
        "kind": spec.kind,
        "closed": road.closed,
        "laps": spec.laps,
        "seed": seed,
        "start_time_of_day_s": spec.start_time_of_day_s,
        "date": list(spec.date),
        "waypoints": waypoints,
        "centerline": [list(p) for p in road.points],
        "half_width_m": layout.half_width_m,
        "surfaces": layout.surface_spans(),
        "timing_lines": lines,
        "scenery": dressing.scenery,
        "barriers": dressing.barriers,
        "areas": dressing.areas,
        "landscape": spec.landscape,
        "medals": load_medal_table().get(spec.id),
    }


def build_stage(spec: StageSpec) -> tuple[dict[str, Any], Track]:
    """The first seed (from the spec's own) whose document validates."""
    problems: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        seed = spec.seed + attempt * _SEED_STRIDE
        doc = stage_document(spec, seed)
        if doc is None:
            problems.append(f"seed {seed}: no road")
            continue
        try:
            track = track_from_dict(round_document(doc), f"<generated {spec.id}>")
        except TrackError as exc:
            problems.append(f"seed {seed}: {exc}")
            continue
        return doc, track
    raise RuntimeError(f"cannot build {spec.id}: " + "; ".join(problems[-5:]))
