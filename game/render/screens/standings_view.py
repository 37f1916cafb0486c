"""The field's standings as the player reads them after a stage or the route (docs/design.md §9): position
overall and in class, gaps to the leader and to the car ahead, and who was passed on the road.

A field of nearly three hundred cannot be listed on one screen, so a table shows the leaders and the rows
around the player's, with a gap row between them; the rows to show are chosen by `table_rows`, a pure
function the tests read without drawing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pygame

from game.render.ui.text import draw_panel, draw_text, text_width
from game.render.ui.theme import PAPER, PAPER_DIM, RED
from game.sim.cars import load_car_model
from game.sim.field import load_field
from game.sim.field_types import FieldOutcome, Standing
from game.timefmt import format_delta, format_igt

ROW_PX = 25
GAP_PX = 100
"""Room for a gap such as "+1:02.300" in the table's digits."""
HEADER_PX = 50


@dataclass(frozen=True, slots=True)
class Elided:
    """The rows left out between the leaders and the player's neighbourhood."""

    count: int


Row = Standing | Elided


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def table_rows(standings: Sequence[Standing], limit: int, *, leaders: int = 3) -> list[Row]:
    """At most `limit` rows: all of them if they fit; else the first `leaders`, a gap, and as many rows
    around the player's as fit (the player's row in the middle of them); with no player row, the first rows."""
    rows = list(standings)
    if len(rows) <= limit:
        return list(rows)
    me = next((i for i, s in enumerate(rows) if s.player), None)
    if me is None or me < limit - 1:
        return [*list(rows[: limit - 1]), Elided(len(rows) - (limit - 1))]
    window = limit - leaders - 1
    start = max(leaders, min(me - window // 2, len(rows) - window))
    out: list[Row] = list(rows[:leaders])
    if start > leaders:
        out.append(Elided(start - leaders))
    else:
        window += 1
    out.extend(rows[start : start + window])
    return out


def gap_to_leader(standings: Sequence[Standing], row: Standing) -> str:
    """The leader's own time for the leader; everyone else's gap to it."""
    leader = standings[0]
    return format_igt(row.time_ms) if row is leader else format_delta(row.time_ms - leader.time_ms)


def interval(standings: Sequence[Standing], row: Standing) -> str:
    """The gap to the car one place ahead ("" for the leader)."""
    i = standings.index(row)
    return "" if i == 0 else format_delta(row.time_ms - standings[i - 1].time_ms)


def in_class(standings: Sequence[Standing], class_id: str) -> tuple[Standing, ...]:
    return tuple(s for s in standings if s.class_id == class_id)


@cache
def class_name(class_id: str) -> str:
    """The class's name in the field file ("Sport over 2000 cc"), or its id if the file does not know it."""
    try:
        return load_field().field_class(class_id).name
    except (KeyError, ValueError):
        return class_id


@cache
def model_name(model_id: str) -> str:
    try:
        return load_car_model(model_id).name
    except (KeyError, ValueError, FileNotFoundError):
        return model_id


def field_summary(field: FieldOutcome) -> str:
    """One line for the result card: "3rd of 286 overall · 2nd of 27 in Sport over 2000 cc · passed 4"."""
    me = field.player
    parts = []
    if me is None:
        parts.append(f"not classified · {len(field.standings)} cars")
    else:
        parts.append(f"{ordinal(me.position)} of {len(field.standings)} overall")
        parts.append(
            f"{ordinal(me.class_position)} of {field.class_total(me.class_id)} in {class_name(me.class_id)}"
        )
    passed = len(field.passed)
    parts.append(f"passed {passed} car{'s' if passed != 1 else ''}")
    if field.passed_by:
        parts.append(f"passed by {len(field.passed_by)}")
    return " · ".join(parts)


def passed_lines(field: FieldOutcome) -> list[str]:
    """ "#705 Ferrari 118 LM, A. Rossi" for each car passed, in order; then those who passed the player."""
    by_number = {s.number: s for s in field.standings}

    def line(number: int) -> str:
        row = by_number.get(number)
        return f"#{number}" if row is None else f"#{number} {model_name(row.model_id)}, {row.driver}"

    lines = [line(n) for n in field.passed]
    lines += [f"passed by {line(n)}" for n in field.passed_by]
    return lines


def draw_standings_table(
    surface: pygame.Surface, rect: pygame.Rect, title: str, standings: Sequence[Standing]
) -> None:
    """A panel: position, number, driver, car, time or gap to the leader, and the gap to the car ahead."""
    draw_panel(surface, rect, alpha=235, border=(70, 70, 78))
    x = rect.left + 16
    draw_text(surface, title, (x, rect.top + 12), role="ui_bold", size=17, colour=PAPER_DIM)
    if not standings:
        draw_text(surface, "Nobody was classified.", (x, rect.top + HEADER_PX), size=18, colour=PAPER_DIM)
        return
    limit = max(1, (rect.height - HEADER_PX - 8) // ROW_PX)
    right = rect.right - 16
    wide = rect.width >= 560
    col_no = x + 44
    col_name = x + 114
    col_gap = right - (110 if wide else 0)
    col_int = right
    heads = (("to leader", col_gap), ("to car ahead", col_int)) if wide else (("to leader", col_int),)
    for label, right_x in heads:
        draw_text(surface, label, (right_x, rect.top + 14), size=15, colour=PAPER_DIM, anchor="topright")
    y = rect.top + HEADER_PX - 12
    for row in table_rows(standings, limit):
        if isinstance(row, Elided):
            draw_text(surface, f"· · ·  {row.count} more", (col_name, y + 2), size=15, colour=PAPER_DIM)
            y += ROW_PX
            continue
        if row.player:
            band = pygame.Rect(rect.left + 6, y - 2, rect.width - 12, ROW_PX - 1)
            pygame.draw.rect(surface, RED, band, border_radius=4)
        colour = PAPER if row.player else PAPER_DIM
        position = row.position if title.startswith("OVERALL") else row.class_position
        draw_text(
            surface, f"{position}", (x + 30, y), role="digits", size=17, colour=colour, anchor="topright"
        )
        draw_text(surface, f"#{row.number}", (col_no, y), role="digits", size=17, colour=PAPER)
        name = "You" if row.player else row.driver
        label = f"{name} · {model_name(row.model_id)}"
        role = "ui_bold" if row.player else "ui"
        room = (col_gap if wide else col_int) - GAP_PX - col_name - 12
        while len(label) > 4 and text_width(label, role, 17) > room:
            label = label[:-2] + "…"
        draw_text(surface, label, (col_name, y), role=role, size=17, colour=colour)
        gap = gap_to_leader(standings, row)
        if wide:
            draw_text(surface, gap, (col_gap, y), role="digits", size=17, colour=colour, anchor="topright")
            draw_text(
                surface,
                interval(standings, row),
                (col_int, y),
                role="digits",
                size=17,
                colour=colour,
                anchor="topright",
            )
        else:
            draw_text(surface, gap, (col_int, y), role="digits", size=17, colour=colour, anchor="topright")
        y += ROW_PX


def draw_passed(surface: pygame.Surface, rect: pygame.Rect, field: FieldOutcome) -> None:
    draw_panel(surface, rect, alpha=235, border=(70, 70, 78))
    x = rect.left + 16
    draw_text(surface, "ON THE ROAD", (x, rect.top + 12), role="ui_bold", size=17, colour=PAPER_DIM)
    lines = passed_lines(field)
    if not lines:
        lines = ["Nobody passed, nobody passed you."]
    limit = max(1, (rect.height - HEADER_PX) // 24)
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"… and {len(lines) - limit + 1} more"]
    y = rect.top + HEADER_PX - 12
    for line in lines:
        colour = PAPER_DIM if line.startswith("passed by") else PAPER
        draw_text(surface, line, (x, y), size=17, colour=colour)
        y += 24
