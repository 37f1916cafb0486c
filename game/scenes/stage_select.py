"""Stage select: the route on the map of Italy beside the list of stages, the circuit and the full route."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.render.hud.rally_card import format_points
from game.render.hud.roadbook import trial_briefs
from game.render.screens.route_map import MapStage, RouteMap
from game.render.ui.text import draw_panel, draw_text
from game.render.ui.theme import PAPER, PAPER_DIM, RED, medal_colour
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.navigation import Navigator
from game.scenes.race_setup import stage_setup
from game.sim.route_file import load_route
from game.sim.track_catalog import load_track
from game.speedrun.attempts import category_summary
from game.speedrun.medals import MEDAL_NAMES, MEDAL_ORDER, medal_for, medal_target_ms
from game.speedrun.rally_pbs import load_regularity_pbs
from game.timefmt import format_igt, format_time_of_day

MAP_SIZE = (560, 640)
LIST_X = 620
ROW_H = 44


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
        self.cursor = names.index(category) if category in names else min(cursor, len(self.entries) - 1)
        self.map = RouteMap(MAP_SIZE)
        self._refresh()

    def _refresh(self) -> None:
        self.summaries = {e.category: category_summary(e.category) for e in self.entries}
        self.points_pbs = load_regularity_pbs() if self.ctx.rally == "regularity" else None
        self.map_stages = []
        for tid, track in self.tracks.items():
            towns = tuple((w.town, w.lat, w.lon) for w in track.waypoints)
            summary = self.summaries.get(tid)
            medal = medal_for(summary.pb_ms if summary else None, track.medals)
            self.map_stages.append(MapStage(tid, towns, medal))

    def enter(self) -> None:
        self._refresh()

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action == "menu_up":
                self.cursor = (self.cursor - 1) % len(self.entries)
                self.ctx.audio.play_ui("move")
            elif action == "menu_down":
                self.cursor = (self.cursor + 1) % len(self.entries)
                self.ctx.audio.play_ui("move")
            elif action == "menu_confirm":
                self.ctx.audio.play_ui("confirm")
                self._start(self.entries[self.cursor])
            elif action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self.nav.to_title()

    def _start(self, entry: Entry) -> None:
        if entry.category == "route":
            self.nav.to_route()
        else:
            self.nav.to_race(stage_setup(self.ctx, entry.track_ids[0], laps=entry.laps))

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((14, 15, 18))
        entry = self.entries[self.cursor]
        self.map.draw(surface, (24, 56), self.map_stages, set(entry.track_ids))
        pygame.draw.rect(surface, (70, 70, 78), pygame.Rect(24, 56, *MAP_SIZE), 2)
        draw_text(surface, "MILLE MIGLIA 1955", (30, 14), role="title", size=30, colour=PAPER)
        draw_text(surface, "Choose a stage", (LIST_X, 14), role="title", size=30, colour=PAPER)
        self._draw_list(surface)
        self._draw_details(surface, entry)
        draw_text(
            surface,
            "↑↓ choose   Enter race   Esc back",
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
                pygame.draw.rect(
                    surface,
                    RED,
                    pygame.Rect(LIST_X - 10, y - 4, right - LIST_X + 18, ROW_H - 8),
                    border_radius=6,
                )
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
            y += ROW_H - 10

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
            draw_text(
                surface,
                "Car #722 leaves Brescia at 07:22, as Moss and Jenkinson did.",
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
