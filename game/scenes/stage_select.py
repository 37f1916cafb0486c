"""Stage select: the route on the map of Italy beside the list of stages, the circuit and the full route, and
under them the player's entry (car and start number, docs/design.md §9), changed with ← → and kept in the
settings."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render.hud.rally_card import format_points
from game.render.hud.roadbook import trial_briefs
from game.render.screens.route_map import MapStage, RouteMap
from game.render.ui.text import draw_panel, draw_text, wrap_words
from game.render.ui.theme import PAPER, PAPER_DIM, RED, medal_colour
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.entry import (
    entry_car_id,
    entry_numbers,
    number_label,
    start_time_label,
    stepped,
    with_car,
    with_number,
)
from game.scenes.navigation import Navigator
from game.scenes.race_setup import stage_setup
from game.sim.cars import car_ids, load_car
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.attempts import category_summary
from game.speedrun.categories import FIELD_SUFFIX
from game.speedrun.medals import MEDAL_NAMES, MEDAL_ORDER, medal_for, medal_target_ms
from game.speedrun.rally_pbs import load_regularity_pbs
from game.timefmt import format_igt, format_time_of_day

MAP_SIZE = (560, 640)
LIST_X = 620
ROW_H = 30
"""Spacing of the list's rows: twelve races and the two rows of the entry above the details panel."""
ENTRY_ROWS = ("car", "number")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the list: a category to race."""

    category: str
    title: str
    subtitle: str
    track_ids: tuple[str, ...]
    laps: int | None = None


class StageSelectScene(Scene):
    def __init__(self, ctx: Context, nav: Navigator, *, cursor: int = 0, category: str | None = None) -> None:
        """`category` puts the cursor on that entry (back from a race, the player lands where they left)."""
        super().__init__(ctx)
        self.nav = nav
        route = load_route()
        self.tracks = {tid: load_track(tid) for tid in (*route.stage_ids, route.circuit_id)}
        self.entries: list[Entry] = []
        for number, tid in enumerate(route.stage_ids, start=1):
            track = self.tracks[tid]
            self.entries.append(Entry(tid, f"{number}. {track.name}", track.region, (tid,)))
        circuit = self.tracks[route.circuit_id]
        for laps in (1, 9):
            label = "lap" if laps == 1 else "laps"
            self.entries.append(
                Entry(f"circuit-{laps}", f"{circuit.name} · {laps} {label}", "1940", (circuit.id,), laps)
            )
        self.entries.append(Entry("route", "Mille Miglia · the full route", "every stage", route.stage_ids))
        names = [entry.category for entry in self.entries]
        if category is not None and category.endswith(FIELD_SUFFIX):
            category = category[: -len(FIELD_SUFFIX)]  # back from a stage raced with the field
        self.cursor = names.index(category) if category in names else min(cursor, len(self.entries) - 1)
        """An index into `entries`, or past them onto the entry's rows (`ENTRY_ROWS`)."""
        self.map = RouteMap(MAP_SIZE)
        self._refresh()

    def timed_as(self, entry: Entry) -> str:
        """The category a race of `entry` is timed in: a stage or the route with the field on the road is its
        own (the circuit has no field)."""
        on_the_road = entry.laps is None
        field = on_the_road and not self.ctx.settings.gameplay.clear_road
        return entry.category + FIELD_SUFFIX if field else entry.category

    def _refresh(self) -> None:
        self.summaries = {e.category: category_summary(self.timed_as(e)) for e in self.entries}
        self.points_pbs = load_regularity_pbs() if self.ctx.rally == "regularity" else None
        self.map_stages = []
        for tid, track in self.tracks.items():
            towns = tuple((w.town, w.lat, w.lon) for w in track.waypoints)
            summary = self.summaries.get(tid)
            medal = medal_for(summary.pb_ms if summary else None, track.medals)
            self.map_stages.append(MapStage(tid, towns, medal))

    def enter(self) -> None:
        self._refresh()

    @property
    def entry_row(self) -> str | None:
        """ "car" or "number" when the cursor is on the entry's rows, else None (on a race)."""
        past = self.cursor - len(self.entries)
        return ENTRY_ROWS[past] if past >= 0 else None

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        rows = len(self.entries) + len(ENTRY_ROWS)
        for action in actions:
            if action == "menu_up":
                self.cursor = (self.cursor - 1) % rows
                self.ctx.audio.play_ui("move")
            elif action == "menu_down":
                self.cursor = (self.cursor + 1) % rows
                self.ctx.audio.play_ui("move")
            elif action in ("menu_left", "menu_right") and self.entry_row is not None:
                self._change_entry(1 if action == "menu_right" else -1)
                self.ctx.audio.play_ui("move")
            elif action == "menu_confirm" and self.entry_row is None:
                self.ctx.audio.play_ui("confirm")
                self._start(self.entries[self.cursor])
            elif action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self.nav.to_title()

    def _change_entry(self, step: int) -> None:
        settings = self.ctx.settings
        if self.entry_row == "car":
            car_id = str(stepped(car_ids(), entry_car_id(settings), step))
            self.ctx.apply_settings(with_car(settings, car_id))
        else:
            number = int(stepped(entry_numbers(), settings.gameplay.car_number, step))  # type: ignore[call-overload]
            self.ctx.apply_settings(with_number(settings, number))

    def _start(self, entry: Entry) -> None:
        if entry.category == "route":
            self.nav.to_route()
        else:
            self.nav.to_race(stage_setup(self.ctx, entry.track_ids[0], laps=entry.laps))

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        highlighted = self.entries[self.cursor].track_ids if self.entry_row is None else ()
        self.map.draw(surface, (24, 56), self.map_stages, set(highlighted))
        pygame.draw.rect(surface, (70, 70, 78), pygame.Rect(24, 56, *MAP_SIZE), 2)
        draw_text(surface, "MILLE MIGLIA 1955", (30, 14), role="title", size=30, colour=PAPER)
        draw_text(surface, "Choose a stage", (LIST_X, 14), role="title", size=30, colour=PAPER)
        self._draw_list(surface)
        self._draw_entry(surface)
        if self.entry_row is None:
            self._draw_details(surface, self.entries[self.cursor])
            keys = "↑↓ choose   Enter race   Esc back"
        else:
            self._draw_entry_details(surface)
            keys = "← → change   ↑↓ choose   Esc back"
        draw_text(
            surface,
            keys,
            (LIST_X, surface.get_height() - 32),
            size=18,
            colour=PAPER_DIM,
        )

    def _draw_list(self, surface: pygame.Surface) -> None:
        y = 60
        right = surface.get_width() - 28
        for index, entry in enumerate(self.entries):
            selected = index == self.cursor
            if selected:
                _highlight_row(surface, y, right)
            colour = PAPER if selected else PAPER_DIM
            draw_text(surface, entry.title, (LIST_X, y), role="ui_bold", size=20, colour=colour)
            summary = self.summaries[entry.category]
            if self._in_points(entry):
                points = self.points_pbs.best(entry.category) if self.points_pbs else None
                if points is not None:
                    draw_text(
                        surface,
                        f"{format_points(points)} pts",
                        (right, y + 1),
                        role="digits",
                        size=18,
                        colour=colour,
                        anchor="topright",
                    )
            elif summary.pb_ms is not None:
                medal = self._medal(entry, summary.pb_ms)
                if medal:
                    pygame.draw.circle(surface, medal_colour(medal), (right - 118, y + 12), 7)
                draw_text(
                    surface,
                    format_igt(summary.pb_ms),
                    (right, y + 1),
                    role="digits",
                    size=18,
                    colour=colour,
                    anchor="topright",
                )
            y += ROW_H

    def _draw_entry(self, surface: pygame.Surface) -> None:
        """The entry's two rows under the races: the car, and the number with its start time."""
        right = surface.get_width() - 28
        y = 60 + len(self.entries) * ROW_H + 10
        pygame.draw.line(surface, (70, 70, 78), (LIST_X - 10, y - 6), (right + 8, y - 6), 1)
        settings = self.ctx.settings
        values = (
            ("Car", load_car(entry_car_id(settings)).name),
            ("Start number", number_label(settings.gameplay.car_number)),
        )
        for row, (label, value) in zip(ENTRY_ROWS, values, strict=True):
            selected = self.entry_row == row
            if selected:
                _highlight_row(surface, y, right)
                value = f"◂  {value}  ▸"
            colour = PAPER if selected else PAPER_DIM
            draw_text(surface, label, (LIST_X, y), role="ui_bold", size=18, colour=colour)
            draw_text(surface, value, (right, y), role="ui_bold", size=18, colour=colour, anchor="topright")
            y += ROW_H

    def _draw_entry_details(self, surface: pygame.Surface) -> None:
        rect = pygame.Rect(LIST_X - 10, 500, surface.get_width() - LIST_X - 18, 170)
        draw_panel(surface, rect, alpha=230, border=(70, 70, 78))
        x, y = rect.left + 16, rect.top + 12
        settings = self.ctx.settings
        if self.entry_row == "car":
            car = load_car(entry_car_id(settings))
            title = f"{car.name} · {car.year}"
            text = car.description
        else:
            number = settings.gameplay.car_number
            title = f"Car #{number} leaves Brescia at {start_time_label(number)}"
            text = (
                "Your start number is your start time: the cars with lower numbers left before you and are "
                "on the road ahead, to be caught and passed. Every stage and the route start with it."
            )
        draw_text(surface, title, (x, y), role="ui_bold", size=19, colour=PAPER)
        for line in wrap_words(text, "ui", 18, rect.width - 32)[:5]:
            y += 26
            draw_text(surface, line, (x, y), size=18, colour=PAPER_DIM)

    def _in_points(self, entry: Entry) -> bool:
        """In the regularity rally a stage and the route are judged in points; the circuit stays a speed race."""
        return self.points_pbs is not None and entry.laps is None

    def _medal(self, entry: Entry, pb_ms: int) -> str | None:
        if len(entry.track_ids) != 1 or entry.laps not in (None, 1):
            return None
        return medal_for(pb_ms, self.tracks[entry.track_ids[0]].medals)

    def _draw_details(self, surface: pygame.Surface, entry: Entry) -> None:
        rect = pygame.Rect(LIST_X - 10, 500, surface.get_width() - LIST_X - 18, 170)
        draw_panel(surface, rect, alpha=230, border=(70, 70, 78))
        x, y = rect.left + 16, rect.top + 12
        summary = self.summaries[entry.category]
        if len(entry.track_ids) == 1:
            track = self.tracks[entry.track_ids[0]]
            towns = " · ".join(w.town for w in track.waypoints)
            draw_text(surface, towns, (x, y), role="ui_bold", size=19, colour=PAPER)
            start = format_time_of_day(track.start_time_of_day_s)
            day = f"{track.date[2]} {_MONTHS[track.date[1] - 1]} {track.date[0]}"
            draw_text(
                surface, f"{entry.subtitle} · start {start}, {day}", (x, y + 28), size=18, colour=PAPER_DIM
            )
            briefs = trial_briefs(track)
            if briefs:
                draw_text(surface, "Roadbook: " + ";  ".join(briefs), (x, y + 52), size=18, colour=PAPER_DIM)
            if track.medals is not None and entry.laps in (None, 1):
                mx = x
                for name in MEDAL_ORDER:
                    target = format_igt(medal_target_ms(track.medals, name))
                    pygame.draw.circle(surface, medal_colour(name), (mx + 7, y + 96), 7)
                    draw_text(
                        surface, f"{MEDAL_NAMES[name]} {target}", (mx + 18, y + 86), size=16, colour=PAPER
                    )
                    mx += 152
        else:
            draw_text(
                surface,
                "Brescia → Roma → Brescia, the watch carried from stage to stage",
                (x, y),
                role="ui_bold",
                size=19,
                colour=PAPER,
            )
            number = self.ctx.settings.gameplay.car_number
            draw_text(
                surface,
                f"Car #{number} leaves Brescia at {start_time_label(number)}"
                + (", as Moss and Jenkinson did." if number == 722 else "."),
                (x, y + 28),
                size=18,
                colour=PAPER_DIM,
            )
        if self._in_points(entry):
            points = self.points_pbs.best(entry.category) if self.points_pbs else None
            pb_line = (
                "regularity · no PB yet"
                if points is None
                else f"regularity · PB {format_points(points)} points"
            )
            draw_text(surface, pb_line, (x, rect.bottom - 34), size=18, colour=PAPER)
            return
        attempts = f"attempts {summary.attempts} · finished {summary.finished}"
        if summary.sum_of_best_ms is not None:
            attempts += f" · sum of best {format_igt(summary.sum_of_best_ms)}"
        pb = f"PB {format_igt(summary.pb_ms)}" if summary.pb_ms is not None else "no PB yet"
        draw_text(surface, f"{pb} · {attempts}", (x, rect.bottom - 34), size=18, colour=PAPER)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _highlight_row(surface: pygame.Surface, y: int, right: int) -> None:
    """The red band behind the selected row of the list (a race or an entry row)."""
    pygame.draw.rect(
        surface, RED, pygame.Rect(LIST_X - 10, y - 3, right - LIST_X + 18, ROW_H - 2), border_radius=6
    )
