"""The results screen: time, penalties, total, splits against the PB, the regularity timing card, the medal;
and, when the field was on the road, a second page of standings (docs/design.md §9).

One key each: R races the stage again, Enter goes on (the next stage, or the route's next leg), Esc returns to
the map, ← → turns between the result and the standings.
"""

from __future__ import annotations

import pygame

from game.render.hud.rally_card import format_points, hhmm
from game.render.screens.standings_view import (
    class_name,
    draw_passed,
    draw_standings_table,
    field_summary,
    in_class,
)
from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import BEST_SEGMENT, PAPER, PAPER_DIM, RED, medal_colour, split_colour
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator, RaceFinished
from game.sim.field_types import FieldOutcome
from game.sim.rally_points import classify
from game.sim.rally_types import RallyResult
from game.sim.track_catalog import load_track
from game.speedrun.attempts import RunOutcome
from game.speedrun.medals import MEDAL_NAMES
from game.speedrun.rally_pbs import PointsPb
from game.speedrun.session import RaceSetup
from game.timefmt import format_delta, format_igt


class ResultsScene(Scene):
    def __init__(
        self,
        ctx: Context,
        nav: Navigator,
        setup: RaceSetup,
        outcome: RunOutcome,
        *,
        on_finished: RaceFinished | None = None,
        points_pb: PointsPb | None = None,
    ) -> None:
        """`points_pb`: a regularity stage's points held against its PB (None on the route, or unsaved)."""
        super().__init__(ctx)
        self.points_pb = points_pb
        self.nav = nav
        self.setup = setup
        self.outcome = outcome
        self.on_finished = on_finished
        self.track = load_track(setup.track_id)
        self.page = 0
        """0: the result; 1: the field's standings (only when the field was on the road)."""

    @property
    def field(self) -> FieldOutcome | None:
        return self.outcome.result.field

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action == "restart" and self.on_finished is None:
                self.nav.to_race(self.setup)
            elif action == "menu_confirm":
                self.ctx.audio.play_ui("confirm")
                self._go_on()
            elif action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self._to_map()
            elif action in ("menu_left", "menu_right") and self.field is not None:
                self.ctx.audio.play_ui("move")
                self.page = 1 - self.page

    def _go_on(self) -> None:
        if self.on_finished is not None:
            self.on_finished(self.outcome)
        else:
            self.nav.to_next_stage(self.setup)

    def _to_map(self) -> None:
        self.nav.to_stage_select(self.setup.category)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        width, height = surface.get_size()
        o = self.outcome
        draw_text(surface, self.track.name, (48, 28), role="title", size=44, colour=PAPER)
        draw_text(surface, o.category_title, (52, 86), role="ui", size=20, colour=PAPER_DIM)
        if o.result.rally is not None:  # points, not time: no time PB is claimed (docs/design.md §10)
            self._draw_regularity(surface, o.result.rally)
            return
        if o.new_pb:
            banner = pygame.Rect(width - 380, 34, 332, 52)
            pygame.draw.rect(surface, RED, banner, border_radius=8)
            draw_text(
                surface,
                "NEW PERSONAL BEST",
                banner.center,
                role="ui_bold",
                size=26,
                colour=PAPER,
                anchor="center",
            )

        if self.page == 1 and self.field is not None:
            self._draw_standings(surface, self.field)
        else:
            self._draw_result(surface)
        footer = (
            "R race again   Enter continue   Esc map"
            if self.on_finished is None
            else "Enter next stage   Esc leave the route"
        )
        if self.field is not None:
            footer += "   ← → " + ("result" if self.page == 1 else "standings")
        draw_text(surface, footer, (48, height - 40), size=20, colour=PAPER_DIM)
        if o.replay_path:
            draw_text(
                surface,
                f"replay saved: {o.replay_path.name}",
                (width - 48, height - 40),
                size=16,
                colour=PAPER_DIM,
                anchor="topright",
            )

    def _draw_standings(self, surface: pygame.Surface, field: FieldOutcome) -> None:
        width = surface.get_width()
        draw_standings_table(surface, pygame.Rect(48, 130, 660, 490), "OVERALL", field.standings)
        right = pygame.Rect(728, 130, width - 776, 300)
        me = field.player
        if me is not None:
            title = f"CLASS · {class_name(me.class_id).upper()}"
            draw_standings_table(surface, right, title, in_class(field.standings, me.class_id))
        else:
            draw_standings_table(surface, right, "CLASS", ())
        draw_passed(surface, pygame.Rect(728, 450, width - 776, 170), field)

    def _draw_result(self, surface: pygame.Surface) -> None:
        width = surface.get_width()
        o = self.outcome
        r = o.result
        card = pygame.Rect(48, 130, 520, 300)
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 24
        draw_text(surface, "RESULT", (x, card.top + 18), role="ui_bold", size=18, colour=PAPER_DIM)
        draw_text(surface, format_igt(r.total_ms), (x, card.top + 40), role="digits", size=64, colour=PAPER)
        rows = [
            ("Time", format_igt(r.time_ms)),
            ("Regularity", f"{sum(t.points for t in r.trials)} pts  +{r.penalty_ms / 1000:.2f} s"),
            ("Recoveries", str(o.recoveries)),
        ]
        if o.pb_before_ms is not None:
            rows.append(
                (
                    "Previous PB",
                    f"{format_igt(o.pb_before_ms)}  ({format_delta(r.total_ms - o.pb_before_ms)})",
                )
            )
        y = card.top + 130
        for label, value in rows:
            draw_text(surface, label, (x, y), size=21, colour=PAPER_DIM)
            draw_text(
                surface, value, (card.right - 24, y), role="digits", size=21, colour=PAPER, anchor="topright"
            )
            y += 34
        if o.medal:
            centre = (card.right - 80, card.top + 72)
            pygame.draw.circle(surface, (20, 20, 24), centre, 46)
            pygame.draw.circle(surface, medal_colour(o.medal), centre, 42)
            pygame.draw.circle(surface, (20, 20, 24), centre, 42, 3)
            draw_text(
                surface,
                MEDAL_NAMES[o.medal],
                centre,
                role="ui_bold",
                size=24 if o.medal == "moss" else 20,
                colour=(20, 20, 24),
                anchor="center",
                shadow=False,
            )

        self._draw_splits(surface, pygame.Rect(600, 130, width - 648, 300))
        self._draw_trials(surface, pygame.Rect(48, 450, width - 96, 170))
        if self.field is not None:
            draw_text(surface, field_summary(self.field), (52, 634), role="ui_bold", size=19, colour=PAPER)

    def _draw_splits(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 20
        draw_text(surface, "SPLITS", (x, card.top + 16), role="ui_bold", size=18, colour=PAPER_DIM)
        y = card.top + 46
        for split in self.outcome.splits[:9]:
            draw_text(
                surface,
                split.name,
                (x, y),
                role="ui_bold",
                size=20,
                colour=BEST_SEGMENT if split.gold else PAPER,
            )
            draw_text(
                surface,
                format_igt(split.igt_ms),
                (card.right - 150, y),
                role="digits",
                size=20,
                colour=PAPER,
                anchor="topright",
            )
            if split.delta_ms is not None:
                colour = split_colour(split.colour)
                draw_text(
                    surface,
                    format_delta(split.delta_ms),
                    (card.right - 20, y),
                    role="digits",
                    size=20,
                    colour=colour,
                    anchor="topright",
                )
            y += 27

    def _draw_regularity(self, surface: pygame.Surface, rally: RallyResult) -> None:
        """The regularity rally's results: the classification in points, and the timing card trial by trial."""
        width, height = surface.get_size()
        ranked = classify([rally], self.setup.settings.car_id, self.setup.car_number)
        card = pygame.Rect(48, 130, 400, 300)
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 24
        draw_text(surface, "CLASSIFICA", (x, card.top + 18), role="ui_bold", size=18, colour=PAPER_DIM)
        draw_text(
            surface, f"{ranked.points:.0f} pts", (x, card.top + 40), role="digits", size=56, colour=PAPER
        )
        co = rally.co
        stamp = "missed" if co is None or co.checked_in_tod_s is None else hhmm(co.checked_in_tod_s)
        rows = [
            ("Position", f"{ranked.position} / {ranked.entrants}"),
            ("Coefficient", f"× {ranked.coefficient:.2f}"),
            ("CO", f"{stamp} · ideal {hhmm(co.target_tod_s) if co else '--:--'}"),
            ("CO penalty", str(ranked.co_penalty)),
        ]
        pb = self.points_pb
        if pb is not None:
            rows.append(("PB", points_pb_text(pb)))
        y = card.top + 120
        for label, value in rows:
            draw_text(surface, label, (x, y), size=21, colour=PAPER_DIM)
            draw_text(
                surface, value, (card.right - 24, y), role="digits", size=20, colour=PAPER, anchor="topright"
            )
            y += 36
        sheet = pygame.Rect(480, 130, width - 528, 470)
        draw_panel(surface, sheet, alpha=235, border=(70, 70, 78))
        sx = sheet.left + 20
        draw_text(
            surface, "TIMING CARD · PC · PM", (sx, sheet.top + 16), role="ui_bold", size=18, colour=PAPER_DIM
        )
        columns = (sx, sx + 150, sx + 290, sx + 430, sx + 540, sx + 630)
        for header, cx in zip(
            ("Trial", "Target", "Measured", "Error", "Rank", "Points"), columns, strict=True
        ):
            draw_text(surface, header, (cx, sheet.top + 46), size=18, colour=PAPER_DIM)
        by_name = {name: (rank, points) for name, rank, points in ranked.trial_points}
        lines = [
            (pc.name, pc.target_cs, pc.measured_cs, f"{pc.error_cs / 100:+.2f} s") for pc in rally.pcs
        ] + [(p.name, p.ideal_cs, p.measured_cs, f"{p.error_ds / 10:+.1f} s") for p in rally.pm_points]
        y = sheet.top + 74
        for name, target, measured, error in lines:
            rank, points = by_name[name]
            values = (name, f"{target / 100:.2f} s", f"{measured / 100:.2f} s", error, str(rank), str(points))
            for value, cx in zip(values, columns, strict=True):
                role = "ui_bold" if cx == sx else "digits"
                draw_text(surface, value, (cx, y), role=role, size=19, colour=PAPER)
            y += 28
        footer = "R race again   Enter continue   Esc map" if self.on_finished is None else "Enter next stage"
        draw_text(surface, footer, (48, height - 40), size=20, colour=PAPER_DIM)

    def _draw_trials(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        trials = self.outcome.result.trials
        draw_panel(surface, card, alpha=235, border=(70, 70, 78))
        x = card.left + 20
        draw_text(
            surface,
            "TIMING CARD · PROVE CRONOMETRATE",
            (x, card.top + 16),
            role="ui_bold",
            size=18,
            colour=PAPER_DIM,
        )
        if not trials:
            draw_text(
                surface, "No regularity trial was driven.", (x, card.top + 50), size=20, colour=PAPER_DIM
            )
            return
        headers = ("Trial", "Target", "Measured", "Error", "Points")
        columns = (x, x + 420, x + 580, x + 740, x + 900)
        for header, cx in zip(headers, columns, strict=True):
            draw_text(surface, header, (cx, card.top + 46), size=18, colour=PAPER_DIM)
        y = card.top + 74
        for trial in trials[:3]:
            error = (trial.measured_cs - trial.target_cs) / 100
            values = (
                trial.name,
                f"{trial.target_cs / 100:.2f} s",
                f"{trial.measured_cs / 100:.2f} s",
                f"{error:+.2f} s",
                str(trial.points),
            )
            for value, cx in zip(values, columns, strict=True):
                draw_text(
                    surface, value, (cx, y), role="ui_bold" if cx == x else "digits", size=20, colour=PAPER
                )
            y += 28


def points_pb_text(pb: PointsPb) -> str:
    """ "new PB" (with the old one) or the PB standing: "PB 3 738 points"."""
    if pb.new_pb:
        return "new PB" + ("" if pb.before is None else f" (was {format_points(pb.before)})")
    return f"PB {format_points(pb.best)} points"
