"""Where a point is relative to the road: the queries physics, timing and the autopilot make every tick."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.geometry import VERGE_M, TrackGeometry
from game.sim.track import SurfaceSpan, Track
from game.sim.track_catalog import load_track


def make_track(
    points: list[tuple[float, float]],
    half_width_m: float = 4.0,
    closed: bool = False,
    surfaces: tuple[SurfaceSpan, ...] = (),
) -> Track:
    return Track(
        format_version=1, id="shape", name="shape", region="test", kind="circuit" if closed else "stage",
        closed=closed, laps=1, seed=0, start_time_of_day_s=0, date=(1955, 5, 1), waypoints=(),
        centerline=tuple(points), half_width_m=(half_width_m,) * len(points), surfaces=surfaces,
        timing_lines=(), scenery=(), barriers=(), medals=None, content_hash="",
    )  # fmt: skip


def straight() -> TrackGeometry:
    """200 m due east, sampled every 4 m, cobbles from 100 m to 120 m."""
    points = [(4.0 * i, 0.0) for i in range(51)]
    return TrackGeometry(make_track(points, surfaces=(SurfaceSpan(100.0, 120.0, "cobbles"),)))


def circle(radius_m: float = 100.0, n: int = 160) -> TrackGeometry:
    """A closed counter-clockwise circle starting at (radius, 0)."""
    points = [
        (radius_m * math.cos(2 * math.pi * i / n), radius_m * math.sin(2 * math.pi * i / n)) for i in range(n)
    ]
    return TrackGeometry(make_track(points, closed=True))


def test_straight_projection_gives_arc_length_and_signed_lateral_offset() -> None:
    g = straight()
    left = g.project(57.5, 2.0)
    assert left.s_m == pytest.approx(57.5)
    assert left.lateral_m == pytest.approx(2.0)
    assert left.distance_m == pytest.approx(2.0)
    assert left.heading_rad == pytest.approx(0.0)
    assert left.half_width_m == pytest.approx(4.0)
    assert left.segment == 14
    right = g.project(57.5, -3.0, hint=14)
    assert right.lateral_m == pytest.approx(-3.0)
    assert g.length_m == pytest.approx(200.0)
    assert not g.closed


def test_beyond_the_end_of_an_open_road_the_distance_exceeds_the_lateral_offset() -> None:
    g = straight()
    p = g.project(210.0, 1.0)
    assert p.s_m == pytest.approx(200.0)
    assert p.lateral_m == pytest.approx(1.0)
    assert p.distance_m == pytest.approx(math.hypot(10.0, 1.0))
    assert g.surface_at(210.0, 0.0)[0] == "grass"


def test_circle_wraps_arc_length_and_knows_its_curvature() -> None:
    g = circle()
    assert g.closed
    perimeter = g.length_m
    assert perimeter == pytest.approx(2 * math.pi * 100.0, rel=1e-3)
    just_before = g.project(100.0 * math.cos(-0.01), 100.0 * math.sin(-0.01))
    assert just_before.s_m == pytest.approx(perimeter - 1.0, abs=0.01)
    inside = g.project(95.0, 0.5)
    assert inside.lateral_m > 0.0  # counter-clockwise: the centre is on the left
    assert inside.lateral_m == pytest.approx(5.0, abs=0.05)
    assert g.point_at(perimeter + 5.0)[:2] == pytest.approx(g.point_at(5.0)[:2])
    assert g.point_at(-5.0)[:2] == pytest.approx(g.point_at(perimeter - 5.0)[:2])
    assert g.curvature_at(30.0) == pytest.approx(1.0 / 100.0, rel=0.01)
    x, y, heading = g.point_at(0.0)
    assert (x, y) == pytest.approx((100.0, 0.0))
    assert heading == pytest.approx(math.pi / 2, abs=0.02)


def test_clockwise_circle_has_negative_curvature_and_the_centre_on_the_right() -> None:
    n = 160
    points = [
        (100.0 * math.cos(-2 * math.pi * i / n), 100.0 * math.sin(-2 * math.pi * i / n)) for i in range(n)
    ]
    g = TrackGeometry(make_track(points, closed=True))
    assert g.curvature_at(50.0) == pytest.approx(-1.0 / 100.0, rel=0.01)
    assert g.project(95.0, -0.5).lateral_m == pytest.approx(-5.0, abs=0.05)


def test_surface_lookup_road_span_verge_and_grass() -> None:
    g = straight()
    assert g.surface_at(50.0, 3.9) == ("asphalt", 12)
    assert g.surface_at(110.0, -3.0)[0] == "cobbles"
    assert g.surface_at(130.0, 0.0)[0] == "asphalt"
    assert g.surface_at(50.0, 4.0 + VERGE_M - 0.1)[0] == "verge"
    assert g.surface_at(50.0, -(4.0 + VERGE_M + 0.1))[0] == "grass"
    assert g.surface_at(50.0, 300.0)[0] == "grass"
    assert g.surface_along(119.0) == "cobbles"


def test_half_width_is_interpolated_between_points() -> None:
    track = make_track([(0.0, 0.0), (10.0, 0.0), (20.0, 0.0)])
    track = Track(**{**{f: getattr(track, f) for f in track.__slots__}, "half_width_m": (3.0, 5.0, 5.0)})
    g = TrackGeometry(track)
    assert g.half_width_at(5.0) == pytest.approx(4.0)
    assert g.project(5.0, 0.0).half_width_m == pytest.approx(4.0)
    assert g.surface_at(5.0, 4.4)[0] == "verge"


def hairpin() -> TrackGeometry:
    """Out east 200 m, a half circle of radius 20 m to the left, and back west 200 m, 40 m apart."""
    points = [(4.0 * i, 0.0) for i in range(51)]
    points += [
        (200.0 + 20.0 * math.sin(math.pi * k / 16), 20.0 - 20.0 * math.cos(math.pi * k / 16))
        for k in range(1, 16)
    ]
    points += [(200.0 - 4.0 * i, 40.0) for i in range(51)]
    return TrackGeometry(make_track(points))


def test_a_stale_hint_on_the_other_leg_still_finds_the_right_segment() -> None:
    g = hairpin()
    on_return_leg = g.project(101.0, 41.0)
    assert on_return_leg.lateral_m == pytest.approx(-1.0)
    for hint in (0, 25, 50, 60, on_return_leg.segment + 3, 10_000, -7):
        p = g.project(100.0, 1.0, hint=hint)
        assert p.s_m == pytest.approx(100.0)
        assert p.lateral_m == pytest.approx(1.0)
        assert g.surface_at(101.0, 41.0, hint=hint)[1] == on_return_leg.segment


def test_the_returned_segment_works_as_the_next_hint_along_a_drive() -> None:
    g = hairpin()
    hint = None
    last_s = -1.0
    for k in range(400):
        s = k * g.length_m / 400
        x, y, heading = g.point_at(s)
        p = g.project(x - math.sin(heading) * 1.5, y + math.cos(heading) * 1.5, hint)
        hint = p.segment
        assert p.s_m >= last_s - 1e-6
        assert p.lateral_m == pytest.approx(1.5, abs=0.5)
        last_s = p.s_m


def test_the_road_heading_alone_is_the_projections_heading_from_any_hint() -> None:
    """The wrong-way check asks `heading_near` instead of a whole projection: it must name the same segment."""
    g = TrackGeometry(load_track("01-brescia-verona"))
    hint = 0
    for k in range(2000):
        s = k * g.length_m / 2000
        x, y, heading = g.point_at(s)
        offset = (k % 7 - 3) * 2.5  # across the road, onto the verge and out on the grass
        px, py = x - math.sin(heading) * offset, y + math.cos(heading) * offset
        for h in (hint, hint + 40, 0):
            assert g.heading_near(px, py, h) == g.project(px, py, h).heading_rad
        hint = g.project(px, py, hint).segment


def test_timing_line_spans_the_road_left_end_first() -> None:
    g = straight()
    (lx, ly), (rx, ry) = g.line_segment(80.0, margin_m=2.0)
    assert (lx, ly) == pytest.approx((80.0, 6.0))
    assert (rx, ry) == pytest.approx((80.0, -6.0))
    c = circle()
    (lx, ly), (rx, ry) = c.line_segment(0.0, margin_m=1.0)
    assert lx < rx  # heading north at (100, 0): the left end is towards the centre
    assert math.hypot(lx - rx, ly - ry) == pytest.approx(10.0)


SHIPPED_HAIRPINS = TrackGeometry(load_track("08-siena-bologna"))
_MAX_TURN = max(
    abs((b - a + math.pi) % (2 * math.pi) - math.pi)
    for a, b in zip(SHIPPED_HAIRPINS.seg_heading_rad, SHIPPED_HAIRPINS.seg_heading_rad[1:], strict=False)
)


@settings(max_examples=300, deadline=None)
@given(
    s=st.floats(0.0, 1.0),
    lateral=st.floats(-1.0, 1.0),
    hint_offset=st.integers(-4, 4),
    use_hint=st.booleans(),
)
def test_projection_inverts_point_at_plus_normal_offset(
    s: float, lateral: float, hint_offset: int, use_hint: bool
) -> None:
    """Anywhere on a real stage with hairpins, on the road or its verge, with or without a nearby hint."""
    g = SHIPPED_HAIRPINS
    s_m = s * g.length_m
    reach = g.half_width_at(s_m) + VERGE_M
    lat = lateral * reach
    x, y, heading = g.point_at(s_m)
    hint = g.segment_at(s_m) + hint_offset if use_hint else None
    p = g.project(x - math.sin(heading) * lat, y + math.cos(heading) * lat, hint)
    # On a polyline the nearest segment near a vertex on the inside of a bend may be the next one: the
    # error is bounded by the offset times the tangent of the sharpest turn between segments.
    slack = abs(lat) * math.tan(_MAX_TURN) + 1e-6
    assert p.s_m == pytest.approx(s_m, abs=slack)
    assert p.lateral_m == pytest.approx(lat, abs=abs(lat) * (1.0 - math.cos(_MAX_TURN)) + 1e-6)
    assert p.distance_m <= abs(lat) + 1e-6


def test_both_axles_in_one_call_answer_as_two_surface_lookups() -> None:
    """The car asks `axle_surfaces` every tick: the same surfaces and segment as two `surface_at` calls, the
    rear's walk starting from the front's segment, on the road, its spans, the verge and the grass."""
    g = TrackGeometry(load_track("04-ravenna-ancona"))
    hint = 0
    seen: set[str] = set()
    for k in range(3000):
        s = k * g.length_m / 3000
        x, y, heading = g.point_at(s)
        offset = (k % 9 - 4) * 1.6
        fx, fy = x - math.sin(heading) * offset, y + math.cos(heading) * offset
        rx, ry = fx - 2.4 * math.cos(heading), fy - 2.4 * math.sin(heading)
        front, segment = g.surface_at(fx, fy, hint)
        rear, _ = g.surface_at(rx, ry, segment)
        assert g.axle_surfaces(fx, fy, rx, ry, hint) == (front, rear, segment)
        seen |= {front, rear}
        hint = segment
    assert {"asphalt", "verge", "grass"} <= seen and len(seen) >= 4  # a span's surface too


@pytest.mark.parametrize("track_id", ["01-brescia-verona", "09-bologna-brescia", "circuit-1940"])
def test_a_segments_own_surface_is_the_span_search_all_along_it(track_id: str) -> None:
    """A wheel on the road reads its segment's surface instead of searching the spans: the answer must be the
    search's at every arc length of the segment, ends included, and the span edges must fall back to it."""
    g = TrackGeometry(load_track(track_id))
    for i in range(g.n_segments):
        start, length = g.seg_s_m[i], g.seg_len_m[i]
        for t in (0.0, 1e-9, 0.25 * length, 0.5 * length, length - 1e-9, length):
            assert g._surface_of(i, t, 0.0) == g._road_surface(start + t)
    edges = sum(1 for surface in g._seg_surface if surface is None)
    assert 0 < edges <= 2 * len(g._span_starts)
