"""Where a point is relative to the road: arc length, lateral offset, surface. The simulation's hot path.

Physics asks this several times per 10 ms tick for every wheel, at 30,000+ ticks a second, so every query is
plain Python float arithmetic over arrays precomputed here (numpy is only used to build them). A query
starts from a `hint` (the segment the previous query found) and walks along the centre line to the nearest
segment; when the walk cannot vouch for its answer it falls back to a uniform grid whose cells list exactly
the segments that can be nearest to any point inside them.

The walk's answer is accepted when the point lies on the road or its verge (within half width + `VERGE_M`).
Track validation guarantees that two parts of the road never come that close to each other, so a point on
the road or verge has exactly one local nearest segment there, and the walk cannot lock onto the wrong leg
of a hairpin.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from game.sim.track import Track
from watch_core.frozen import positional_builder

VERGE_M = 1.5
"""Width of the verge beyond the road's edge; beyond it is grass."""

GRID_CELL_M = 20.0
"""Side of a grid cell. Smaller cells mean shorter candidate lists but a longer build."""

GRID_MARGIN_M = 120.0
"""How far beyond the road's bounding box the grid reaches. A point beyond it is answered from the nearest
edge cell's list: still deterministic and fast, only approximate (such a point is far off any road)."""

GRID_EXACT_M = 40.0
"""Within this distance of the road a query's nearest segment is exact."""

_FAR_SLACK_M = 1.0

_GRID_BLOCK = 16
"""Consecutive segments pruned together while the grid is built."""

_Grid = tuple[float, float, int, int, tuple[tuple[int, ...], ...]]
_GRID_CACHE: dict[tuple[str, str], _Grid] = {}
"""Grids of recently used tracks by (id, content hash): a restart builds its geometry instantly."""
_GRID_CACHE_SIZE = 12

_WALK_STEPS = 48
"""The longest walk from a hint (about 200 m of road) before the grid takes over."""

_SPAN_EDGE_SLACK_M = 1e-6
"""A segment counts as lying inside one surface span only with at least this much room to the span's ends,
far more than the rounding of an arc length (so the shortcut never answers differently from the lookup)."""


@dataclass(frozen=True, slots=True)
class Projection:
    """A point seen from the road.

    `s_m` is the arc length of the nearest centre-line point (wrapped into [0, length) on a closed track);
    `lateral_m` the signed offset from the centre line, positive to the left of the direction of travel;
    `distance_m` the true distance to the nearest centre-line point (it exceeds |lateral_m| only beyond
    the ends of an open road or outside a corner's vertex); `segment` the segment index, to pass back as
    the next query's `hint`; `half_width_m` and `heading_rad` describe the road at `s_m`.
    """

    s_m: float
    lateral_m: float
    segment: int
    half_width_m: float
    heading_rad: float
    distance_m: float


_make_projection = positional_builder(Projection)
"""`Projection(...)` made fast (`watch_core.frozen`): the race and every driver project once a tick."""


class TrackGeometry:
    """Precomputed centre-line arrays and spatial index of one track.

    Segment `i` runs from centre-line point `i` to point `i + 1` (on a closed track the last segment joins
    the last point back to the first). Public arrays, index by segment: `seg_x`, `seg_y` (start point),
    `seg_dx`, `seg_dy` (unit direction), `seg_len_m`, `seg_s_m` (arc length at the start), `seg_heading_rad`;
    by centre-line point: `half_width_m`, `curvature_per_m` (signed, positive turning left).
    """

    def __init__(self, track: Track) -> None:
        points = track.centerline
        n_points = len(points)
        if n_points < 2:
            raise ValueError(f"track {track.id!r} needs at least two centre-line points")
        self.closed: bool = track.closed
        n_seg = n_points if self.closed else n_points - 1
        self.n_segments: int = n_seg

        seg_x: list[float] = []
        seg_y: list[float] = []
        seg_dx: list[float] = []
        seg_dy: list[float] = []
        seg_len: list[float] = []
        seg_s: list[float] = []
        seg_heading: list[float] = []
        s = 0.0
        for i in range(n_seg):
            x0, y0 = points[i]
            x1, y1 = points[(i + 1) % n_points]
            length = math.hypot(x1 - x0, y1 - y0)
            if length <= 1e-9:
                raise ValueError(f"track {track.id!r}: centre-line points {i} and {i + 1} coincide")
            seg_x.append(float(x0))
            seg_y.append(float(y0))
            seg_dx.append((x1 - x0) / length)
            seg_dy.append((y1 - y0) / length)
            seg_len.append(length)
            seg_s.append(s)
            seg_heading.append(math.atan2(y1 - y0, x1 - x0))
            s += length
        self.length_m: float = s
        self.seg_x = tuple(seg_x)
        self.seg_y = tuple(seg_y)
        self.seg_dx = tuple(seg_dx)
        self.seg_dy = tuple(seg_dy)
        self.seg_len_m = tuple(seg_len)
        self.seg_s_m = tuple(seg_s)
        self.seg_heading_rad = tuple(seg_heading)
        self._segs = tuple(zip(seg_x, seg_y, seg_dx, seg_dy, seg_len, strict=True))
        """(x, y, dx, dy, length) per segment: the walk reads a segment with one lookup instead of five."""

        widths = tuple(float(w) for w in track.half_width_m)
        self.half_width_m: tuple[float, ...] = widths
        self._hw_start = tuple(widths[i] for i in range(n_seg))
        self._hw_slope = tuple((widths[(i + 1) % n_points] - widths[i]) / seg_len[i] for i in range(n_seg))
        self._max_half_width_m = max(widths)
        self.curvature_per_m: tuple[float, ...] = self._vertex_curvatures(n_points)

        spans = sorted(track.surfaces, key=lambda span: span.start_m)
        self._span_starts = tuple(span.start_m for span in spans)
        self._span_ends = tuple(span.end_m for span in spans)
        self._span_surfaces = tuple(span.surface for span in spans)
        self._seg_surface = self._segment_surfaces()

        key = (track.id, track.content_hash)
        cached = _GRID_CACHE.get(key) if track.content_hash else None
        if cached is None:
            cached = self._build_grid()
            if track.content_hash:
                _GRID_CACHE[key] = cached
                while len(_GRID_CACHE) > _GRID_CACHE_SIZE:
                    del _GRID_CACHE[next(iter(_GRID_CACHE))]
        self._grid_x0, self._grid_y0, self._grid_nx, self._grid_ny, self._cells = cached
        self._inv_cell = 1.0 / GRID_CELL_M

    # ----------------------------------------------------------------------------------------------- build

    def _vertex_curvatures(self, n_points: int) -> tuple[float, ...]:
        """Turn angle at each point over the mean length of its two segments (0 at an open road's ends)."""
        n_seg = self.n_segments
        out: list[float] = []
        for k in range(n_points):
            if not self.closed and (k == 0 or k == n_points - 1):
                out.append(0.0)
                continue
            a = (k - 1) % n_seg
            b = k % n_seg
            turn = self.seg_heading_rad[b] - self.seg_heading_rad[a]
            turn = (turn + math.pi) % (2.0 * math.pi) - math.pi
            out.append(turn / (0.5 * (self.seg_len_m[a] + self.seg_len_m[b])))
        if not self.closed and n_points > 2:
            out[0] = out[1]
            out[-1] = out[-2]
        return tuple(out)

    def _segment_surfaces(self) -> tuple[str | None, ...]:
        """Per segment, the road surface all along it, or None where a span begins or ends on it.

        A wheel on the road reads its surface here instead of searching the spans (`_surface_of`, twice a
        tick); only the few segments a span edge falls on are looked up by arc length.
        """
        edges = sorted((*self._span_starts, *self._span_ends))
        out: list[str | None] = []
        for start, length in zip(self.seg_s_m, self.seg_len_m, strict=True):
            lo = start - _SPAN_EDGE_SLACK_M
            hi = start + length + _SPAN_EDGE_SLACK_M
            k = bisect_left(edges, lo)
            if k < len(edges) and edges[k] <= hi:
                out.append(None)
            else:
                out.append(self._road_surface(start + 0.5 * length))
        return tuple(out)

    def _build_grid(self) -> _Grid:
        """Each cell lists every segment that can be the nearest one to some point in the cell.

        For a cell centre c at distance d from the road, any point p of the cell has its nearest segment
        within d + h of p (h the half diagonal), hence within d + 2h of c: those segments are the list.
        That holds for cells within `GRID_EXACT_M` of the road; farther cells (only grass is that far) keep
        just their nearest segments, so a query there gives an approximate s but still the right surface.
        Blocks of consecutive segments with bounding circles prune the cell × segment distances first.
        """
        sx = np.asarray(self.seg_x)
        sy = np.asarray(self.seg_y)
        dx = np.asarray(self.seg_dx)
        dy = np.asarray(self.seg_dy)
        ln = np.asarray(self.seg_len_m)
        ex = sx + dx * ln
        ey = sy + dy * ln
        cell = GRID_CELL_M
        x0 = float(min(sx.min(), ex.min())) - GRID_MARGIN_M
        y0 = float(min(sy.min(), ey.min())) - GRID_MARGIN_M
        nx = math.ceil((float(max(sx.max(), ex.max())) + GRID_MARGIN_M - x0) / cell)
        ny = math.ceil((float(max(sy.max(), ey.max())) + GRID_MARGIN_M - y0) / cell)
        slack = math.sqrt(2.0) * cell + 1e-6

        n_seg = self.n_segments
        block = _GRID_BLOCK
        n_blocks = (n_seg + block - 1) // block
        pad = n_blocks * block - n_seg
        bx = np.concatenate([sx, ex[-1:].repeat(pad)]).reshape(n_blocks, block)
        by = np.concatenate([sy, ey[-1:].repeat(pad)]).reshape(n_blocks, block)
        bex = np.concatenate([ex, ex[-1:].repeat(pad)]).reshape(n_blocks, block)
        bey = np.concatenate([ey, ey[-1:].repeat(pad)]).reshape(n_blocks, block)
        all_x = np.concatenate([bx, bex], axis=1)
        all_y = np.concatenate([by, bey], axis=1)
        centre_x = 0.5 * (all_x.min(axis=1) + all_x.max(axis=1))
        centre_y = 0.5 * (all_y.min(axis=1) + all_y.max(axis=1))
        radius = np.sqrt((all_x - centre_x[:, None]) ** 2 + (all_y - centre_y[:, None]) ** 2).max(axis=1)

        cx = np.tile(x0 + (np.arange(nx) + 0.5) * cell, ny)
        cy = np.repeat(y0 + (np.arange(ny) + 0.5) * cell, nx)
        n_cells = cx.size
        lists: list[tuple[int, ...]] = []
        chunk = max(1, 120_000 // max(1, n_blocks))  # bounds the temporary arrays (about 20 MB)
        for lo in range(0, n_cells, chunk):
            hi = min(n_cells, lo + chunk)
            ccx = cx[lo:hi, None]
            ccy = cy[lo:hi, None]
            lower = np.hypot(ccx - centre_x[None, :], ccy - centre_y[None, :]) - radius[None, :]
            upper = np.full(hi - lo, np.inf)
            for column in (0, block // 2, block - 1):
                vertex = np.hypot(ccx - bx[None, :, column], ccy - by[None, :, column]).min(axis=1)
                np.minimum(upper, vertex, out=upper)
            reach = upper + np.where(upper <= GRID_EXACT_M + 0.5 * block * cell, slack, _FAR_SLACK_M)
            cell_idx, block_idx = np.nonzero(lower <= reach[:, None])
            seg_idx = (block_idx[:, None] * block + np.arange(block)[None, :]).ravel()
            cell_rep = np.repeat(cell_idx, block)
            keep = seg_idx < n_seg
            seg_idx = seg_idx[keep]
            cell_rep = cell_rep[keep]
            px = cx[lo + cell_rep] - sx[seg_idx]
            py = cy[lo + cell_rep] - sy[seg_idx]
            t = np.clip(px * dx[seg_idx] + py * dy[seg_idx], 0.0, ln[seg_idx])
            dist = np.hypot(px - t * dx[seg_idx], py - t * dy[seg_idx])
            nearest = np.full(hi - lo, np.inf)
            np.minimum.at(nearest, cell_rep, dist)
            near = nearest[cell_rep]
            chosen = dist <= near + np.where(near <= GRID_EXACT_M, slack, _FAR_SLACK_M)
            order = np.lexsort((seg_idx[chosen], cell_rep[chosen]))
            cells_sorted = cell_rep[chosen][order]
            segs_sorted = seg_idx[chosen][order]
            bounds = np.searchsorted(cells_sorted, np.arange(hi - lo + 1))
            segs_list = segs_sorted.tolist()
            for c in range(hi - lo):
                lists.append(tuple(segs_list[bounds[c] : bounds[c + 1]]))
        return x0, y0, nx, ny, tuple(lists)

    # ----------------------------------------------------------------------------------------- hot path

    def _walk(self, x: float, y: float, hint: int) -> tuple[int, float, float] | None:
        """Descend along the centre line from `hint`; (segment, t, squared distance) or None if unsure."""
        n = self.n_segments
        closed = self.closed
        segs = self._segs
        if closed:
            i = hint % n
        elif hint < 0:
            i = 0
        elif hint >= n:
            i = n - 1
        else:
            i = hint

        # The point-to-segment distance is written out here and in the walk below on purpose: this runs several
        # times a tick, and a helper call would cost as much as the arithmetic itself.
        sx, sy, dx, dy, ln = segs[i]
        px = x - sx
        py = y - sy
        t = px * dx + py * dy
        if t < 0.0:
            t = 0.0
        elif t > ln:
            t = ln
        qx = px - t * dx
        qy = py - t * dy
        best = qx * qx + qy * qy
        best_t = t

        # Forward while each next segment is strictly nearer; only if not one was, backward the same way (turning
        # round at most once, where the first step forward is no nearer or there is no road ahead).
        step = 1
        moves = 0
        j = i + 1
        while True:
            if not 0 <= j < n:
                if closed:
                    j %= n
                elif step == 1 and not moves:
                    step = -1
                    j = i - 1
                    continue
                else:
                    break
            sx, sy, dx, dy, ln = segs[j]
            px = x - sx
            py = y - sy
            t = px * dx + py * dy
            if t < 0.0:
                t = 0.0
            elif t > ln:
                t = ln
            qx = px - t * dx
            qy = py - t * dy
            d2 = qx * qx + qy * qy
            if d2 >= best:
                if step == 1 and not moves:
                    step = -1
                    j = i - 1
                    continue
                break
            best = d2
            best_t = t
            i = j
            moves += 1
            if moves == _WALK_STEPS:
                return None
            j = i + step
        limit = self._hw_start[i] + self._hw_slope[i] * best_t + VERGE_M
        if best > limit * limit:
            return None
        return i, best_t, best

    def _search(self, x: float, y: float) -> tuple[int, float, float]:
        """The nearest segment from the grid's candidate list (every segment outside the grid)."""
        fx = (x - self._grid_x0) * self._inv_cell
        fy = (y - self._grid_y0) * self._inv_cell
        ix = 0 if fx < 0.0 else self._grid_nx - 1 if fx >= self._grid_nx else int(fx)
        iy = 0 if fy < 0.0 else self._grid_ny - 1 if fy >= self._grid_ny else int(fy)
        candidates = self._cells[iy * self._grid_nx + ix]
        sx = self.seg_x
        sy = self.seg_y
        dx = self.seg_dx
        dy = self.seg_dy
        ln = self.seg_len_m
        best = math.inf
        best_i = 0
        best_t = 0.0
        for j in candidates:
            px = x - sx[j]
            py = y - sy[j]
            t = px * dx[j] + py * dy[j]
            if t < 0.0:
                t = 0.0
            elif t > ln[j]:
                t = ln[j]
            qx = px - t * dx[j]
            qy = py - t * dy[j]
            d2 = qx * qx + qy * qy
            if d2 < best:
                best = d2
                best_i = j
                best_t = t
        return best_i, best_t, best

    def project(self, x: float, y: float, hint: int | None = None) -> Projection:
        """The road as seen from (x, y); pass the previous result's `segment` as `hint`."""
        found = self._walk(x, y, hint) if hint is not None else None
        i, t, d2 = found if found is not None else self._search(x, y)
        return self._projection(x, y, i, t, d2)

    def place_on_road(self, x: float, y: float, hint: int) -> tuple[float, float, int, str]:
        """(arc length, lateral offset, segment, surface) of (x, y): `project`'s `s_m`, `lateral_m` and `segment`
        and `surface_at`'s surface from one walk, without building a `Projection`. A deciding car of the field
        asks these four a dozen times a tick (`game.sim.field_sim`)."""
        found = self._walk(x, y, hint)
        i, t, d2 = found if found is not None else self._search(x, y)
        s = self.seg_s_m[i] + t
        if s >= self.length_m and self.closed:
            s -= self.length_m
        lateral = self.seg_dx[i] * (y - self.seg_y[i]) - self.seg_dy[i] * (x - self.seg_x[i])
        return s, lateral, i, self._surface_of(i, t, d2)

    def road_frame(self, x: float, y: float, hint: int) -> tuple[float, float, float]:
        """(arc length, lateral offset, heading) of (x, y): `project`'s `s_m`, `lateral_m` and `heading_rad` from
        one walk, without building a `Projection`. With the field on the road the race asks these three of the
        player's car every tick (the wrong-way check its heading, the field its place: `game.sim.race`)."""
        found = self._walk(x, y, hint)
        i, t, _ = found if found is not None else self._search(x, y)
        s = self.seg_s_m[i] + t
        if s >= self.length_m and self.closed:
            s -= self.length_m
        lateral = self.seg_dx[i] * (y - self.seg_y[i]) - self.seg_dy[i] * (x - self.seg_x[i])
        return s, lateral, self.seg_heading_rad[i]

    def _projection(self, x: float, y: float, i: int, t: float, d2: float) -> Projection:
        dx = self.seg_dx[i]
        dy = self.seg_dy[i]
        s = self.seg_s_m[i] + t
        if s >= self.length_m and self.closed:
            s -= self.length_m
        return _make_projection(
            s,
            dx * (y - self.seg_y[i]) - dy * (x - self.seg_x[i]),
            i,
            self._hw_start[i] + self._hw_slope[i] * t,
            self.seg_heading_rad[i],
            math.sqrt(d2),
        )

    def heading_near(self, x: float, y: float, hint: int) -> float:
        """`project(x, y, hint).heading_rad` alone: the race's wrong-way check asks only that, every tick."""
        found = self._walk(x, y, hint)
        i = found[0] if found is not None else self._search(x, y)[0]
        return self.seg_heading_rad[i]

    def surface_at(self, x: float, y: float, hint: int | None = None) -> tuple[str, int]:
        """(surface name, segment) under (x, y): the road's span surface, then verge, then grass."""
        found = self._walk(x, y, hint) if hint is not None else None
        i, t, d2 = found if found is not None else self._search(x, y)
        return self._surface_of(i, t, d2), i

    def axle_surfaces(self, xf: float, yf: float, xr: float, yr: float, hint: int) -> tuple[str, str, int]:
        """(front surface, rear surface, front segment): `surface_at` for a car's two axles in one call, the
        rear's walk starting from the front's segment. The player's car asks it every tick (a hot path)."""
        found = self._walk(xf, yf, hint)
        i, t, d2 = found if found is not None else self._search(xf, yf)
        front = self._surface_of(i, t, d2)
        found = self._walk(xr, yr, i)
        j, t, d2 = found if found is not None else self._search(xr, yr)
        return front, self._surface_of(j, t, d2), i

    def _surface_of(self, i: int, t: float, d2: float) -> str:
        half_width = self._hw_start[i] + self._hw_slope[i] * t
        if d2 > half_width * half_width:
            edge = half_width + VERGE_M
            return "verge" if d2 <= edge * edge else "grass"
        return self._seg_surface[i] or self._road_surface(self.seg_s_m[i] + t)

    def _road_surface(self, s_m: float) -> str:
        k = bisect_right(self._span_starts, s_m) - 1
        if k >= 0 and s_m <= self._span_ends[k]:
            return self._span_surfaces[k]
        return "asphalt"

    # ------------------------------------------------------------------------------------ along the road

    def wrap_s(self, s_m: float) -> float:
        """Arc length folded into the road: modulo the length on a circuit, clamped on an open road."""
        if self.closed:
            return s_m % self.length_m
        if s_m < 0.0:
            return 0.0
        return min(s_m, self.length_m)

    def segment_at(self, s_m: float) -> int:
        """Index of the segment holding arc length `s_m` (after `wrap_s`)."""
        i = bisect_right(self.seg_s_m, self.wrap_s(s_m)) - 1
        return min(max(i, 0), self.n_segments - 1)

    def point_at(self, s_m: float) -> tuple[float, float, float]:
        """(x, y, heading_rad) of the centre line at arc length `s_m`; heading is the segment's."""
        s = self.wrap_s(s_m)
        i = self.segment_at(s)
        t = s - self.seg_s_m[i]
        return (
            self.seg_x[i] + self.seg_dx[i] * t,
            self.seg_y[i] + self.seg_dy[i] * t,
            self.seg_heading_rad[i],
        )

    def half_width_at(self, s_m: float) -> float:
        s = self.wrap_s(s_m)
        i = self.segment_at(s)
        return self._hw_start[i] + self._hw_slope[i] * (s - self.seg_s_m[i])

    def half_width_on(self, s_m: float, segment: int) -> float:
        """`half_width_at(s_m)` for an `s_m` on or after `segment`'s start (a projection's): the segment is not
        searched for where `s_m` lies on it, and the answer is the same double."""
        starts = self.seg_s_m
        start = starts[segment]
        end = starts[segment + 1] if segment + 1 < self.n_segments else self.length_m
        if start <= s_m < end:  # on this segment and inside the road, where `wrap_s` leaves it as it is
            return self._hw_start[segment] + self._hw_slope[segment] * (s_m - start)
        return self.half_width_at(s_m)

    def point_ahead(self, s_m: float, segment: int) -> tuple[float, float, float]:
        """`point_at(s_m)` for an `s_m` at or after `segment`'s start: the search starts there (the same
        double; a circuit, or an `s_m` before the segment, takes `point_at` itself)."""
        starts = self.seg_s_m
        if self.closed or not starts[segment] <= s_m:
            return self.point_at(s_m)
        s = s_m if s_m <= self.length_m else self.length_m  # `wrap_s` on an open road, s_m >= 0 here
        i = bisect_right(starts, s, segment) - 1  # every start before `segment` is <= s too: the same index
        t = s - starts[i]
        return (
            self.seg_x[i] + self.seg_dx[i] * t,
            self.seg_y[i] + self.seg_dy[i] * t,
            self.seg_heading_rad[i],
        )

    def lane_point(self, s_m: float, share: float) -> tuple[float, float, float]:
        """(x, y, heading_rad) at arc length `s_m`, `share` of the half width left of the centre line (negative:
        right): the field's cars on their lanes, with one segment lookup for the point and the width."""
        s = self.wrap_s(s_m)
        i = self.segment_at(s)
        t = min(max(s_m - self.seg_s_m[i], 0.0), self.seg_len_m[i])
        dx = self.seg_dx[i]
        dy = self.seg_dy[i]
        lane = share * (self._hw_start[i] + self._hw_slope[i] * (s - self.seg_s_m[i]))
        return self.seg_x[i] + dx * t - dy * lane, self.seg_y[i] + dy * t + dx * lane, self.seg_heading_rad[i]

    def curvature_at(self, s_m: float) -> float:
        """Signed curvature in 1/m (positive turning left), interpolated between centre-line points."""
        s = self.wrap_s(s_m)
        i = self.segment_at(s)
        k = self.curvature_per_m
        a = k[i]
        b = k[(i + 1) % len(k)]
        return a + (b - a) * (s - self.seg_s_m[i]) / self.seg_len_m[i]

    def surface_along(self, s_m: float) -> str:
        """The road's own surface at arc length `s_m` (asphalt outside every span)."""
        return self._road_surface(self.wrap_s(s_m))

    def line_segment(
        self, s_m: float, margin_m: float = 2.0
    ) -> tuple[tuple[float, float], tuple[float, float]]:
        """A timing line across the road at `s_m`: (left end, right end), each `margin_m` beyond the edge.

        A car crosses it in the direction of travel when it passes from the line's right-hand side
        (seen from the left end towards the right end) to its left-hand side.
        """
        x, y, heading = self.point_at(s_m)
        reach = self.half_width_at(s_m) + margin_m
        nx = -math.sin(heading)
        ny = math.cos(heading)
        return (x + nx * reach, y + ny * reach), (x - nx * reach, y - ny * reach)
