"""A drawn road read back as per-point facts the rest of the generator places things by.

For every centre-line point: arc length, heading, left normal, signed curvature, the zone it lies in (a
town, Rome's city streets, or its leg's own character), its half width; and the surface spans of the road.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from tools.trackgen.data import CHARACTERS, StageSpec
from tools.trackgen.road import Road

_WIDTH_SMOOTH_M = 60.0
_START_ZONE_EXTRA_M = 40.0


@dataclass(frozen=True)
class Layout:
    """Per-point arrays of one road (numpy, build time only) and its zones."""

    road: Road
    s_m: np.ndarray
    x: np.ndarray
    y: np.ndarray
    heading: np.ndarray
    nx: np.ndarray
    ny: np.ndarray
    curvature: np.ndarray
    zone: tuple[str, ...]
    leg: tuple[int, ...]
    half_width_m: list[float]
    town_s_m: tuple[float, ...]
    town_ranges: tuple[tuple[float, float, str], ...]
    gravel: tuple[tuple[float, float], ...]

    @property
    def length_m(self) -> float:
        return self.road.length_m

    @staticmethod
    def of(spec: StageSpec, road: Road, zones: list[tuple[str, float] | None]) -> Layout:
        pts = np.asarray(road.points)
        x = pts[:, 0]
        y = pts[:, 1]
        nxt = np.roll(pts, -1, axis=0)
        if not road.closed:
            nxt[-1] = pts[-1] + (pts[-1] - pts[-2])
        d = nxt - pts
        seg = np.hypot(d[:, 0], d[:, 1])
        s = np.concatenate([[0.0], np.cumsum(seg[:-1])])
        heading = np.arctan2(d[:, 1], d[:, 0])
        prev_heading = np.roll(heading, 1)
        if not road.closed:
            prev_heading[0] = heading[0]
        turn = (heading - prev_heading + math.pi) % (2 * math.pi) - math.pi
        curvature = turn / np.maximum(seg, 1e-9)
        # Heading at a point: the mean of its two segments', so normals bisect the corners.
        mid = prev_heading + 0.5 * turn
        nx = -np.sin(mid)
        ny = np.cos(mid)

        length = road.length_m
        town_s = road.town_s_m[: len(spec.towns)]
        ranges: list[tuple[float, float, str]] = []
        for i, zone in enumerate(zones):
            if zone is None:
                continue
            name, radius = zone
            centre = town_s[i]
            lo, hi = centre - radius, centre + radius
            if i == 0:
                lo, hi = 0.0, radius + _START_ZONE_EXTRA_M
            elif i == len(zones) - 1 and not road.closed:
                lo, hi = length - radius - _START_ZONE_EXTRA_M, length
            ranges.append((max(0.0, lo), min(length, hi), name))
            if i == 0 and road.closed:
                ranges.append((length - radius, length, name))
        ranges.sort()

        zone_names: list[str] = []
        legs: list[int] = []
        for si in s:
            leg = max(0, int(np.searchsorted(np.asarray(town_s), si, side="right")) - 1)
            leg = min(leg, len(spec.legs) - 1)
            legs.append(leg)
            name = spec.legs[leg]
            for lo, hi, zone_name in ranges:
                if lo <= si <= hi:
                    name = zone_name
                    break
            zone_names.append(name)

        layout = Layout(
            road=road, s_m=s, x=x, y=y, heading=mid, nx=nx, ny=ny, curvature=curvature,
            zone=tuple(zone_names), leg=tuple(legs), half_width_m=[], town_s_m=tuple(town_s),
            town_ranges=tuple(ranges), gravel=(),
        )  # fmt: skip
        return layout

    def with_widths_and_gravel(self, spec: StageSpec, rng: random.Random) -> Layout:
        """Half widths (zone ranges, gently varying, wider in hairpins) and the gravel spans."""
        n = len(self.s_m)
        raw = np.empty(n)
        phase = rng.uniform(0.0, 2.0 * math.pi)
        wave_m = rng.uniform(350.0, 700.0)
        for i in range(n):
            lo, hi = CHARACTERS[self.zone[i]].half_width_m
            raw[i] = lo + (hi - lo) * (0.5 + 0.5 * math.sin(phase + 2.0 * math.pi * self.s_m[i] / wave_m))
        window = max(1, round(_WIDTH_SMOOTH_M / 4.0))
        kernel = np.ones(window) / window
        mode = "wrap" if self.road.closed else "edge"
        padded = np.pad(raw, window, mode=mode)
        smooth = np.convolve(padded, kernel, mode="same")[window:-window]
        tight = np.abs(self.curvature) > 1.0 / 30.0
        boost = np.convolve(np.pad(tight.astype(float), 6, mode=mode), np.ones(13) / 13.0, mode="same")[6:-6]
        widths = [round(float(max(3.2, w + 0.6 * b)), 3) for w, b in zip(smooth, boost, strict=True)]

        gravel: list[tuple[float, float]] = []
        towns = self.town_ranges
        for leg, leg_name in enumerate(spec.legs):
            share = CHARACTERS[leg_name].gravel_share
            if share <= 0.0:
                continue
            a = self.town_s_m[leg]
            b = self.town_s_m[leg + 1] if leg + 1 < len(self.town_s_m) else self.length_m
            for lo, hi, _ in towns:
                if lo <= a <= hi:
                    a = hi + 20.0
                if lo <= b <= hi:
                    b = lo - 20.0
            if b - a < 200.0:
                continue
            wanted = share * (b - a)
            cursor = a + rng.uniform(0.0, 0.3) * (b - a) * (1.0 - share)
            while wanted > 60.0 and cursor < b - 80.0:
                length = min(wanted, rng.uniform(150.0, 450.0), b - cursor)
                gravel.append((cursor, cursor + length))
                wanted -= length
                cursor += length + rng.uniform(80.0, 300.0)
        return Layout(
            road=self.road, s_m=self.s_m, x=self.x, y=self.y, heading=self.heading, nx=self.nx, ny=self.ny,
            curvature=self.curvature, zone=self.zone, leg=self.leg, half_width_m=widths,
            town_s_m=self.town_s_m, town_ranges=self.town_ranges, gravel=tuple(gravel),
        )  # fmt: skip

    def zone_at(self, s_m: float) -> str:
        i = int(np.searchsorted(self.s_m, s_m, side="right")) - 1
        return self.zone[max(0, min(i, len(self.zone) - 1))]

    def index_at(self, s_m: float) -> int:
        i = int(np.searchsorted(self.s_m, s_m, side="right")) - 1
        return max(0, min(i, len(self.s_m) - 1))

    def surface_spans(self) -> list[dict[str, Any]]:
        """Cobbles through the towns (and Rome), gravel where the leg's character has it; asphalt elsewhere."""
        spans: list[tuple[float, float, str]] = []
        for lo, hi, name in self.town_ranges:
            margin = 0.0 if name == "city" else 20.0
            spans.append(
                (lo + (margin if lo > 0.0 else 0.0), hi - (margin if hi < self.length_m else 0.0), "cobbles")
            )
        spans.extend((a, b, "gravel") for a, b in self.gravel)
        spans.sort()
        merged: list[tuple[float, float, str]] = []
        for lo, hi, surface in spans:
            if merged and lo <= merged[-1][1]:
                plo, phi, psurface = merged[-1]
                if psurface == surface:
                    merged[-1] = (plo, max(phi, hi), surface)
                    continue
                lo = phi + 0.5
                if lo >= hi:
                    continue
            merged.append((lo, hi, surface))
        return [
            {"start_m": round(lo, 3), "end_m": round(min(hi, self.length_m - 0.05), 3), "surface": surface}
            for lo, hi, surface in merged
            if hi - lo > 5.0
        ]

    def point(self, i: int, lateral_m: float) -> tuple[float, float]:
        """Point i offset sideways (positive left of travel)."""
        return float(self.x[i] + self.nx[i] * lateral_m), float(self.y[i] + self.ny[i] * lateral_m)
