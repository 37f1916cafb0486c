"""The route's classification: the sum of each car's stage times, only cars with a time on every stage."""

from __future__ import annotations

from game.scenes.route_standings import route_classification
from game.sim.field_types import FieldOutcome, Standing


def row(number: int, class_id: str, time_ms: int, player: bool = False) -> Standing:
    return Standing(number, f"Driver {number}", "ferrari_750_monza", class_id, time_ms, 0, 0, player)


def test_cars_are_ranked_by_their_total_and_a_car_missing_a_stage_drops_out() -> None:
    first = FieldOutcome(
        (
            row(705, "sport", 100_000),
            row(722, "sport", 101_000, True),
            row(408, "gt", 102_000),
            row(2104, "d", 1),
        ),
        (),
        (),
    )
    second = FieldOutcome(
        (row(408, "gt", 95_000), row(722, "sport", 100_000, True), row(705, "sport", 103_000)), (), ()
    )
    table = route_classification((first, second))
    assert [(s.number, s.time_ms, s.position, s.class_position) for s in table] == [
        (408, 197_000, 1, 1),
        (722, 201_000, 2, 1),
        (705, 203_000, 3, 2),
    ]
    assert [s.player for s in table] == [False, True, False]
    assert route_classification(()) == ()


def test_equal_totals_keep_start_order() -> None:
    stage = FieldOutcome((row(712, "sport", 100_000), row(709, "sport", 100_000)), (), ())
    assert [s.number for s in route_classification((stage,))] == [709, 712]
