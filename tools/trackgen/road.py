"""The centre line of a stage: a seeded driver that steers from town to town, drawing the road as it goes.

The road is integrated from curvature in 0.5 m steps: straights, bends of a chosen radius and clothoid-like
ramps between them, so the curvature is continuous and never tighter than the smallest radius a character
allows (hairpins 12.5 m). Each piece is planned towards the next town: the road's heading stays within
`max_dev_deg` (always under 90°) of the bearing to that town, so every step of a leg brings it nearer the
town and a leg can never cross itself. Switchbacks climb with their legs across the bearing, turning through
it at each hairpin. Positions are then resampled every `SAMPLE_M`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

from tools.trackgen.data import CHARACTERS, Character

STEP_M = 0.5
SAMPLE_M = 4.0
ARRIVE_M = 18.0
"""A leg ends when the road passes this close to its town's centre."""

_HARD_DEV = math.radians(84.0)
"""Past this angle off the bearing a piece is cut short and re-planned (the no-crossing guarantee)."""

_PASSING_M = 60.0
_PASSING_DEV = math.radians(70.0)
"""A town this near and this far off the heading is being passed: the leg ends at its closest approach."""

_CLOSING_RADIUS_M = 170.0
_CLOSING_LEAD_M = 120.0

_START_STRAIGHT_M = 75.0
_END_STRAIGHT_M = 70.0


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2.0 * math.pi) - math.pi


@dataclass(frozen=True, slots=True)
class Road:
    """A built centre line: points every ~4 m, the arc length at which each town is passed."""

    points: tuple[tuple[float, float], ...]
    town_s_m: tuple[float, ...]
    length_m: float
    closed: bool


class _Pen:
    """The drawing driver: position, heading and curvature, advanced in fixed steps."""

    def __init__(self, x: float, y: float, heading: float) -> None:
        self.x = x
        self.y = y
        self.h = heading
        self.k = 0.0
        self.xs = [x]
        self.ys = [y]
        self.target = (x, y)
        self.arrived = False
        self.last_err = 0.0
        self.arrive_m = ARRIVE_M

    @property
    def s(self) -> float:
        return (len(self.xs) - 1) * STEP_M

    def distance(self) -> float:
        return math.hypot(self.target[0] - self.x, self.target[1] - self.y)

    def bearing(self) -> float:
        return math.atan2(self.target[1] - self.y, self.target[0] - self.x)

    def _step(self, k: float, guard: bool) -> bool:
        """One step at curvature k; False when the leg has arrived or the piece must be re-planned."""
        self.k = k
        half = 0.5 * k * STEP_M
        self.h += half
        self.x += STEP_M * math.cos(self.h)
        self.y += STEP_M * math.sin(self.h)
        self.h += half
        self.xs.append(self.x)
        self.ys.append(self.y)
        if not guard:
            return True
        distance = self.distance()
        err = abs(_wrap(self.bearing() - self.h))
        if distance < self.arrive_m or (distance < _PASSING_M and err > _PASSING_DEV):
            self.arrived = True
            return False
        worse = err > self.last_err
        self.last_err = err
        return err <= _HARD_DEV or not worse

    def ramp(self, k_to: float, length_m: float, guard: bool = True) -> bool:
        n = max(1, round(length_m / STEP_M))
        k_from = self.k
        return all(self._step(k_from + (k_to - k_from) * (j + 1) / n, guard) for j in range(n))

    def hold(self, length_m: float, guard: bool = True) -> bool:
        k = self.k
        return all(self._step(k, guard) for _ in range(max(0, round(length_m / STEP_M))))

    def curve(self, turn: float, radius_m: float, ramp_m: float, guard: bool = True) -> bool:
        """Turn by `turn` radians at `radius_m`, easing in and out over `ramp_m` each."""
        if abs(turn) < 1e-4:
            return self.ramp(0.0, ramp_m, guard)
        k = math.copysign(1.0 / radius_m, turn)
        ramp_turn = 0.5 * (self.k + k) * ramp_m + 0.5 * k * ramp_m
        hold = (turn - ramp_turn) / k
        if hold < 0.0:
            ramp_m = max(STEP_M, abs(turn) * radius_m)
            hold = 0.0
        return self.ramp(k, ramp_m, guard) and self.hold(hold, guard) and self.ramp(0.0, ramp_m, guard)


def _zone_character(name: str) -> Character:
    return CHARACTERS[name]


def _next_piece(
    rng: random.Random,
    mode: str,
    ch: Character,
    leg_char: Character,
    pen: _Pen,
    side: float,
    d: float,
    bearing: float,
) -> tuple[float, float, float, float, float]:
    """The next bend and straight: (heading off the bearing, radius, ramp, straight length, side).

    `mode` is "hairpin" (switchbacks across the bearing), "town" (corners of 40–72° one way then the other),
    "leaving" (a town's last tight corner onto the open road's heading) or "open" (the leg's character).
    """
    if mode == "hairpin":
        dev_now = _wrap(pen.h - bearing)
        side = -1.0 if dev_now > 0.15 else 1.0 if dev_now < -0.15 else -side
        return (
            side * math.radians(rng.uniform(66.0, 76.0)),
            rng.uniform(*ch.hairpin_radius_m),
            8.0,
            rng.uniform(35.0, 95.0),
            side,
        )
    if mode == "town":
        side = -side
        dev = side * math.radians(rng.uniform(40.0, 72.0))
    else:
        wander, max_dev_deg = (
            (leg_char.wander_deg, leg_char.max_dev_deg)
            if mode == "leaving"
            else (ch.wander_deg, ch.max_dev_deg)
        )
        max_dev = math.radians(max_dev_deg) * min(1.0, max(0.25, (d - ARRIVE_M) / 140.0))
        dev = max(-max_dev, min(max_dev, rng.gauss(0.0, math.radians(wander))))
    radius = rng.uniform(*ch.radius_m)
    straight = rng.uniform(*ch.straight_m)
    if d < 160.0:
        # Into a town's centre, or the last bend before the target: straight at it.
        dev = 0.0
        straight = min(straight, d)
    return dev, radius, ch.ramp_m, straight, side


def draw_road(
    targets: list[tuple[float, float]],
    leg_characters: list[str],
    town_zones: list[tuple[str, float] | None],
    rng: random.Random,
    closed: bool,
) -> Road | None:
    """Steer through `targets` in order; None if the pen could not get there (the caller reseeds).

    `town_zones[i]` is (character, radius) around target i or None (a pass); `leg_characters[i]` the road
    from target i to target i + 1. A closed road returns to its first target and joins its own start.
    """
    x0, y0 = targets[0]
    x1, y1 = targets[1]
    pen = _Pen(x0, y0, math.atan2(y1 - y0, x1 - x0) + rng.uniform(-0.12, 0.12))
    pen.target = targets[1]
    pen.hold(_START_STRAIGHT_M, guard=False)
    town_s = [0.0]
    stops = [*targets[1:], _closing_target(targets[0], pen.h, targets[-1])] if closed else targets[1:]
    for leg, target in enumerate(stops):
        pen.target = target
        pen.arrived = False
        pen.last_err = abs(_wrap(pen.bearing() - pen.h))
        leg_char = _zone_character(leg_characters[leg])
        start_d = pen.distance()
        if start_d < 3.0 * ARRIVE_M:
            return None
        side = 1.0 if rng.random() < 0.5 else -1.0
        budget = int(30 * start_d / STEP_M) + 4000
        steps_at_start = len(pen.xs)
        last_town = town_zones[leg]
        next_town = town_zones[(leg + 1) % len(town_zones)]
        while not pen.arrived:
            if len(pen.xs) - steps_at_start > budget:
                return None
            d = pen.distance()
            bearing = pen.bearing()
            gone = math.hypot(pen.x - targets[leg][0], pen.y - targets[leg][1])
            in_last = last_town is not None and gone < last_town[1]
            in_next = next_town is not None and d < next_town[1]
            if in_last or in_next:
                zone = last_town if in_last else next_town
                ch = _zone_character(zone[0])  # type: ignore[index]
            else:
                ch = leg_char
            if ch.hairpin_share > 0.0 and not (in_last or in_next) and d > 120.0:
                mode = "hairpin" if abs(d / start_d - 0.5) < 0.5 * ch.hairpin_share else "open"
            elif in_next or (in_last and gone <= 0.55 * last_town[1]):  # type: ignore[index]
                mode = "town"
            else:
                mode = "leaving" if in_last else "open"
            dev, radius, ramp, straight, side = _next_piece(rng, mode, ch, leg_char, pen, side, d, bearing)
            radius = min(radius, max(ch.radius_m[0], d / 3.0))
            turn = _wrap(bearing + dev - pen.h)
            if pen.curve(turn, radius, ramp):
                pen.hold(min(straight, max(0.0, d - ARRIVE_M)))
        town_s.append(pen.s)
    if closed:
        if not _join_start(pen, targets[0]):
            return None
    else:
        pen.ramp(0.0, 20.0, guard=False)
        pen.hold(_END_STRAIGHT_M - 20.0, guard=False)
    return _resample(pen, town_s, closed)


def _closing_target(
    start: tuple[float, float], start_heading: float, last_town: tuple[float, float]
) -> tuple[float, float]:
    """Where a circuit's last leg aims: the beginning of a bend that turns it onto its own start straight.

    Going back from the start along an arc of `_CLOSING_RADIUS_M` that turns from the bearing of the last
    town onto the start heading, then a lead-in straight: the pen arrives there on the bearing and a smooth
    curve (`_join_start`) closes the loop.
    """
    approach = math.atan2(start[1] - last_town[1], start[0] - last_town[0])
    turn = _wrap(start_heading - approach)
    k = turn / max(abs(turn) * _CLOSING_RADIUS_M, 1e-9)
    x = start[0] - math.cos(start_heading) * 40.0
    y = start[1] - math.sin(start_heading) * 40.0
    h = start_heading
    for _ in range(max(1, round(abs(turn) * _CLOSING_RADIUS_M / STEP_M))):
        h -= 0.5 * k * STEP_M
        x -= STEP_M * math.cos(h)
        y -= STEP_M * math.sin(h)
        h -= 0.5 * k * STEP_M
    return x - math.cos(h) * _CLOSING_LEAD_M, y - math.sin(h) * _CLOSING_LEAD_M


def _join_start(pen: _Pen, start: tuple[float, float]) -> bool:
    """Close a circuit: a cubic Hermite curve from the pen onto the start point along the start heading."""
    hx = pen.xs[1] - pen.xs[0]
    hy = pen.ys[1] - pen.ys[0]
    norm = math.hypot(hx, hy)
    hx, hy = hx / norm, hy / norm
    join = (start[0] - hx * 40.0, start[1] - hy * 40.0)
    p0 = np.array([pen.x, pen.y])
    p1 = np.array(join)
    chord = float(np.linalg.norm(p1 - p0))
    t = np.linspace(0.0, 1.0, 2000)[:, None]
    h00 = 2 * t**3 - 3 * t**2 + 1
    h10 = t**3 - 2 * t**2 + t
    h01 = -2 * t**3 + 3 * t**2
    h11 = t**3 - t**2
    best: tuple[float, np.ndarray] | None = None
    for stretch in (0.5, 0.65, 0.8, 1.0, 1.2, 1.5):
        m0 = np.array([math.cos(pen.h), math.sin(pen.h)]) * chord * stretch
        m1 = np.array([hx, hy]) * chord * stretch
        candidate = h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1
        d1 = np.gradient(candidate, axis=0)
        d2 = np.gradient(d1, axis=0)
        speed = np.linalg.norm(d1, axis=1)
        kappa = float((np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]) / np.maximum(speed**3, 1e-12)).max())
        if best is None or kappa < best[0]:
            best = (kappa, candidate)
    assert best is not None
    if best[0] > 1.0 / 60.0:
        return False
    curve = best[1]
    seg = np.linalg.norm(np.diff(curve, axis=0), axis=1)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(2, int(cum[-1] / STEP_M))
    for s in np.linspace(0.0, cum[-1], n + 1)[1:]:
        pen.xs.append(float(np.interp(s, cum, curve[:, 0])))
        pen.ys.append(float(np.interp(s, cum, curve[:, 1])))
    # The last 40 m straight onto the start point, which is not repeated.
    for j in range(1, 81):
        pen.xs.append(join[0] + hx * STEP_M * j)
        pen.ys.append(join[1] + hy * STEP_M * j)
    return True


def _resample(pen: _Pen, town_s: list[float], closed: bool) -> Road:
    xs = np.asarray(pen.xs)
    ys = np.asarray(pen.ys)
    seg = np.hypot(np.diff(xs), np.diff(ys))
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    total = float(cum[-1])
    n = max(2, round(total / SAMPLE_M))
    at = np.arange(n) * (total / n) if closed else np.linspace(0.0, total, n + 1)
    px = np.interp(at, cum, xs)
    py = np.interp(at, cum, ys)
    points = tuple((float(a), float(b)) for a, b in zip(px, py, strict=True))
    # Arc lengths change a hair on resampling: re-measure along the resampled polyline.
    res_cum = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(px), np.diff(py)))])
    length = float(res_cum[-1]) + (float(math.hypot(px[0] - px[-1], py[0] - py[-1])) if closed else 0.0)
    step_index = [min(len(cum) - 1, round(s / STEP_M)) for s in town_s]
    town_res = tuple(float(np.interp(cum[i], at, res_cum)) for i in step_index)
    return Road(points, town_res, length, closed)
