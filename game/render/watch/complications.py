"""The complications' dials: the power reserve at 7:30, the retrograde date at 4:30 and the big date below 12.

Both arc indicators are little fan-shaped gauges, like a dashboard's: their hands sweep the arc
:mod:`watch_core.dial` defines (from 10 to 2 o'clock of the sub-dial). The date's scale is printed for the
month's length, because the movement puts the month's last day at the end of the arc; it is painted once per
month length and cached, as are the big date's digits once per day.
"""

from __future__ import annotations

import pygame

from game.render.watch import geometry as g
from game.render.watch.paint import Canvas, arc_polygon, circle_polygon, linear, polished, region_canvas
from game.render.watch.palette import IVORY, RED
from watch_core import ARC_SPAN_DEG, ARC_START_DEG

RESERVE_TICKS_H = (0, 10, 20, 30, 40, 50, 60)
RESERVE_RED_BELOW_H = 10


def arc_bearing(fraction: float) -> float:
    return ARC_START_DEG + ARC_SPAN_DEG * fraction


def _paint_fan(canvas: Canvas, pivot: g.Point) -> None:
    """The gauge's face: a pie slice with a polished rim, and the boss its hand turns on."""
    r = g.SUBDIAL_ARC_R + 0.55
    a0, a1 = arc_bearing(0.0) - 9.0, arc_bearing(1.0) + 9.0
    steps = 40
    face = [pivot] + [g.polar(pivot, a0 + (a1 - a0) * i / steps, r) for i in range(steps + 1)]
    canvas.fill([(x + 0.25, y + 0.35) for x, y in face], (0, 0, 0, 120))
    canvas.fill(circle_polygon((pivot[0] + 0.25, pivot[1] + 0.35), 1.2, 32), (0, 0, 0, 120))
    canvas.fill(face, linear((pivot[0], pivot[1] - r), (30, 31, 36), pivot, (8, 8, 10)))
    canvas.fill(circle_polygon(pivot, 1.2, 32), (10, 10, 12))
    canvas.fill(
        arc_polygon(pivot, r - 0.16, r, a0, a1), polished((0.0, -1.0), 55.0, (40, 40, 46), (210, 214, 224))
    )


def _tick(canvas: Canvas, pivot: g.Point, fraction: float, length: float, width: float, colour) -> None:
    a = arc_bearing(fraction)
    r = g.SUBDIAL_ARC_R
    canvas.segment(g.polar(pivot, a, r - length), g.polar(pivot, a, r), width, colour)


def paint_power_reserve(canvas: Canvas) -> None:
    """The reserve gauge at 7:30: 0 to 60 hours, the last ten in red."""
    pivot = g.POWER_RESERVE_PIVOT
    _paint_fan(canvas, pivot)
    red_to = RESERVE_RED_BELOW_H / 60
    canvas.fill(
        arc_polygon(pivot, g.SUBDIAL_ARC_R - 0.3, g.SUBDIAL_ARC_R, arc_bearing(0.0), arc_bearing(red_to)), RED
    )
    for hours in RESERVE_TICKS_H:
        major = hours % 30 == 0
        colour = RED if hours < RESERVE_RED_BELOW_H else IVORY
        _tick(canvas, pivot, hours / 60, 0.8 if major else 0.5, 0.2 if major else 0.12, colour)
    r_label = g.SUBDIAL_ARC_R - 1.55
    canvas.text("0", g.polar(pivot, arc_bearing(0.0) + 10, r_label), 0.8, RED)
    canvas.text("60", g.polar(pivot, arc_bearing(1.0) - 12, r_label), 0.8, IVORY)


def date_labels(days: int) -> tuple[int, ...]:
    return (1, 10, 20, days)


class DateArc:
    """The retrograde date's gauge at 4:30, one cached layer per month length (28–31 days)."""

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        self._args = (px_per_mm, case_centre_px)
        r = g.SUBDIAL_ARC_R + 1.0
        p = g.DATE_PIVOT
        self._box = (p[0] - r, p[1] - r, p[0] + r, p[1] + 1.8)
        self.rect = region_canvas(*self._args, *self._box)[1]
        self._layers: dict[int, pygame.Surface] = {}

    def layer(self, days_in_month: int) -> pygame.Surface:
        if days_in_month not in self._layers:
            canvas, _ = region_canvas(*self._args, *self._box, ss=4)
            self._paint(canvas, days_in_month)
            self._layers[days_in_month] = canvas.result()
        return self._layers[days_in_month]

    @staticmethod
    def _paint(canvas: Canvas, days: int) -> None:
        pivot = g.DATE_PIVOT
        _paint_fan(canvas, pivot)
        labels = date_labels(days)
        for day in range(1, days + 1):
            major = day in labels
            _tick(
                canvas, pivot, (day - 1) / (days - 1), 0.75 if major else 0.42, 0.18 if major else 0.07, IVORY
            )
        r_label = g.SUBDIAL_ARC_R - 1.5
        for day in labels:
            a = arc_bearing((day - 1) / (days - 1))
            a += 9 if day == 1 else (-11 if day == days else 0)
            canvas.text(str(day), g.polar(pivot, a, r_label), 0.78, RED if day == days else IVORY)


class BigDate:
    """The double-disc big date in the bridge's two windows: a tens disc and a units disc, ivory on black."""

    def __init__(self, px_per_mm: float, case_centre_px: g.Point) -> None:
        self._args = (px_per_mm, case_centre_px)
        w, h = g.BIG_DATE_WINDOW
        cx, cy = g.BIG_DATE_CENTRE
        self._box = (cx - w - 0.6, cy - h / 2 - 0.3, cx + w + 0.6, cy + h / 2 + 0.3)
        self.rect = region_canvas(*self._args, *self._box)[1]
        self._layers: dict[int, pygame.Surface] = {}

    def layer(self, day: int) -> pygame.Surface:
        if day not in self._layers:
            canvas, _ = region_canvas(*self._args, *self._box, ss=4)
            self._paint(canvas, day)
            self._layers[day] = canvas.result()
        return self._layers[day]

    def _paint(self, canvas: Canvas, day: int) -> None:
        x0, y0, x1, y1 = self._box
        canvas.fill(
            [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], linear((0, y0), (34, 35, 40), (0, y1), (12, 12, 14))
        )
        w, _ = g.BIG_DATE_WINDOW
        cx, cy = g.BIG_DATE_CENTRE
        for digit, sx in ((day // 10, -1), (day % 10, 1)):
            canvas.text(str(digit), (cx + sx * (0.15 + w / 2), cy + 0.05), 2.2, IVORY)
