"""The route's classification with the field, shown between the stages and at Brescia (docs/design.md §9).

Each stage's `FieldOutcome` ranks every entrant over that stage; the route ranks them by the sum of their stage
times over the stages driven so far, as the 1955 race was classified at each control. Only cars with a time on
every stage are classified (the player's row is missing once a stage was not finished). The outcomes are kept
by the route's flow for the session: a route resumed from its progress file has no classification for the
stages driven before it was left, so none is shown for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.render.screens.standings_view import class_name, draw_standings_table, in_class, ordinal
from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER, PAPER_DIM
from game.scenes.base import Scene
from game.scenes.context import Context
from game.sim.field_types import FieldOutcome, Standing


def route_classification(outcomes: Sequence[FieldOutcome]) -> tuple[Standing, ...]:
    """Every car with a time on each stage of `outcomes`, fastest total first, with overall and class
    positions; ties keep start order (the lower number first)."""
    if not outcomes:
        return ()
    totals: dict[int, int] = {}
    rows: dict[int, Standing] = {}
    for stage_number, outcome in enumerate(outcomes):
        seen = set()
        for row in outcome.standings:
            if stage_number > 0 and row.number not in totals:
                continue
            totals[row.number] = totals.get(row.number, 0) + row.time_ms
            rows[row.number] = row
            seen.add(row.number)
        for number in list(totals):
            if number not in seen:
                del totals[number]
    ordered = sorted(totals, key=lambda n: (totals[n], n))
    class_counts: dict[str, int] = {}
    out = []
    for position, number in enumerate(ordered, start=1):
        row = rows[number]
        class_counts[row.class_id] = class_counts.get(row.class_id, 0) + 1
        out.append(
            Standing(
                number=number,
                driver=row.driver,
                model_id=row.model_id,
                class_id=row.class_id,
                time_ms=totals[number],
                position=position,
                class_position=class_counts[row.class_id],
                player=row.player,
            )
        )
    return tuple(out)


class RouteStandingsScene(Scene):
    """The classification after `stages` stages of the route; Enter (or Esc) goes on with `on_continue`."""

    def __init__(
        self,
        ctx: Context,
        standings: tuple[Standing, ...],
        *,
        title: str,
        on_continue: Callable[[], None],
    ) -> None:
        super().__init__(ctx)
        self.standings = standings
        self.title = title
        self.on_continue = on_continue

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_confirm", "menu_back", "pause"):
                self.ctx.audio.play_ui("confirm")
                self.on_continue()
                return

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        width, height = surface.get_size()
        draw_text(surface, self.title, (48, 28), role="title", size=44, colour=PAPER)
        me = next((s for s in self.standings if s.player), None)
        if me is None:
            line = "You are not classified: a stage was not finished."
        else:
            line = (
                f"{ordinal(me.position)} of {len(self.standings)} overall · {ordinal(me.class_position)} of "
                f"{sum(1 for s in self.standings if s.class_id == me.class_id)} in {class_name(me.class_id)}"
            )
        draw_text(surface, line, (52, 86), role="ui_bold", size=20, colour=PAPER_DIM)
        draw_standings_table(surface, pygame.Rect(48, 130, 660, 490), "OVERALL", self.standings)
        if me is not None:
            draw_standings_table(
                surface,
                pygame.Rect(728, 130, width - 776, 490),
                f"CLASS · {class_name(me.class_id).upper()}",
                in_class(self.standings, me.class_id),
            )
        draw_text(surface, "Enter continue", (48, height - 40), size=20, colour=PAPER_DIM)
