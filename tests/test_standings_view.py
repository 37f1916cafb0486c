"""The standings as the player reads them: which rows, in what order, with which gaps, and who was passed."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.render.screens.standings_view import (
    Elided,
    draw_standings_table,
    field_summary,
    gap_to_leader,
    in_class,
    interval,
    ordinal,
    passed_lines,
    table_rows,
)
from game.render.ui.theme import RED
from game.sim.field_types import FieldOutcome, Standing

SPORT = "sport-over-2000"
GT = "gt-over-1300"


def standings(count: int, player_at: int | None) -> tuple[Standing, ...]:
    """`count` cars 1.5 s apart from 2:30.000, every third a GT; the player's row at 1-based `player_at`."""
    rows = []
    class_seen: dict[str, int] = {}
    for i in range(count):
        class_id = GT if i % 3 == 2 else SPORT
        class_seen[class_id] = class_seen.get(class_id, 0) + 1
        player = player_at == i + 1
        rows.append(
            Standing(
                number=722 if player else 600 + i,
                driver="You" if player else f"Driver {i + 1}",
                model_id="mercedes_300_slr" if player else "ferrari_750_monza",
                class_id=class_id,
                time_ms=150_000 + 1_500 * i,
                position=i + 1,
                class_position=class_seen[class_id],
                player=player,
            )
        )
    return tuple(rows)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
    ],
)
def test_ordinals(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_a_short_field_is_listed_whole() -> None:
    rows = standings(5, 4)
    assert table_rows(rows, 12) == list(rows)


def test_a_long_field_shows_the_leaders_a_gap_and_the_rows_round_the_player() -> None:
    rows = standings(60, 30)
    shown = table_rows(rows, 12)
    assert len(shown) == 12
    assert shown[:3] == list(rows[:3])
    assert shown[3] == Elided(22)  # positions 4 to 25
    positions = [row.position for row in shown[4:]]  # type: ignore[union-attr]
    assert positions == list(range(26, 34))
    assert 30 in positions


def test_a_player_near_the_top_or_the_bottom_stays_on_the_table() -> None:
    top = table_rows(standings(60, 6), 12)
    assert [r.position for r in top[:11]] == list(range(1, 12))  # type: ignore[union-attr]
    assert top[11] == Elided(49)
    bottom = table_rows(standings(60, 60), 12)
    assert [r.position for r in bottom[4:]] == list(range(53, 61))  # type: ignore[union-attr]
    assert bottom[3] == Elided(49)


def test_without_a_player_row_the_leaders_are_listed() -> None:
    shown = table_rows(standings(40, None), 10)
    assert [r.position for r in shown[:9]] == list(range(1, 10))  # type: ignore[union-attr]
    assert shown[9] == Elided(31)


def test_gaps_to_the_leader_and_to_the_car_ahead() -> None:
    rows = standings(5, 3)
    assert gap_to_leader(rows, rows[0]) == "02:30.000"
    assert gap_to_leader(rows, rows[3]) == "+4.500"
    assert interval(rows, rows[0]) == ""
    assert interval(rows, rows[3]) == "+1.500"
    gt = in_class(rows, GT)
    assert [r.position for r in gt] == [3]
    assert gap_to_leader(gt, gt[0]) == "02:33.000"


def test_the_summary_line_names_both_positions_and_the_cars_passed() -> None:
    rows = standings(30, 9)
    field = FieldOutcome(rows, passed=(600, 601, 603), passed_by=(604,))
    assert field_summary(field) == (
        "9th of 30 overall · 3rd of 10 in Gran Turismo over 1300 cc · passed 3 cars · passed by 1"
    )
    unfinished = FieldOutcome(standings(30, None), passed=(), passed_by=())
    assert field_summary(unfinished) == "not classified · 30 cars · passed 0 cars"


def test_the_cars_passed_are_listed_in_order_with_their_models_and_crews() -> None:
    field = FieldOutcome(standings(10, 2), passed=(603, 600), passed_by=(605,))
    assert passed_lines(field) == [
        "#603 Ferrari 750 Monza, Driver 4",
        "#600 Ferrari 750 Monza, Driver 1",
        "passed by #605 Ferrari 750 Monza, Driver 6",
    ]


def test_the_players_row_is_marked_in_the_drawn_table() -> None:
    pygame.font.init()
    surface = pygame.Surface((700, 400))
    surface.fill((14, 15, 18))
    draw_standings_table(surface, pygame.Rect(0, 0, 700, 400), "OVERALL", standings(60, 30))
    pixels = pygame.surfarray.array3d(surface)
    red_rows = np.where(np.all(pixels[10] == np.array(RED), axis=-1))[0]
    # 13 rows fit; one band, the player's, on the 9th: 3 leaders, the gap, 26th to 29th, then the 30th.
    assert red_rows.min() == 38 + 8 * 25 - 2
    assert red_rows.max() - red_rows.min() == 25 - 2
