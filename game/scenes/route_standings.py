"""The route's classification with the field, shown between the stages and at Brescia (docs/design.md §9).

The classification itself is the route's (`RouteProgress.classification`, `game.speedrun.classification`: each
car's stage times summed, only cars with a time on every stage); this screen names its cars from the field file
(driver, model) and the player's row from the route's car, and draws it as the results' standings are drawn.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render.screens.standings_view import class_name, draw_standings_table, in_class, ordinal
from game.render.ui.text import draw_text
from game.render.ui.theme import PAPER, PAPER_DIM
from game.scenes.base import Scene
from game.scenes.context import Context
from game.sim.field import load_field
from game.sim.field_types import Standing
from game.speedrun.route_progress import RouteProgress


def route_standings(progress: RouteProgress) -> tuple[Standing, ...]:
    """The route's classification after the stages `progress` holds, as rows to draw (empty on a clear road)."""
    classified = progress.classification()
    if not classified:
        return ()
    field = load_field()
    rows = []
    for car in classified:
        entrant = None if car.player else field.entrant(car.number)
        rows.append(
            Standing(
                number=car.number,
                driver="You" if entrant is None else entrant.driver,
                model_id=progress.settings.car_id if entrant is None else entrant.model_id,
                class_id=car.class_id,
                time_ms=car.total_ms,
                position=car.position,
                class_position=car.class_position,
                player=car.player,
            )
        )
    return tuple(rows)


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
