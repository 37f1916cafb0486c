"""Seeded, world-anchored noise for the painterly ground: the same world point always gets the same value,
so neighbouring tiles, drawn at different times, meet without a seam.

Everything is numpy over arrays of coordinates; nothing here touches the global `random` module.
"""

from __future__ import annotations

import functools

import numpy as np

_M1 = np.uint32(0x9E3779B1)
_M2 = np.uint32(0x85EBCA77)
_M3 = np.uint32(0xC2B2AE3D)


def hash2(ix: np.ndarray, iy: np.ndarray, seed: int) -> np.ndarray:
    """A well-mixed uint32 per integer lattice point (arrays of any matching shape, at least 1-D)."""
    ix = np.atleast_1d(ix)
    iy = np.atleast_1d(iy)
    h = ix.astype(np.uint32) * _M1 ^ (iy.astype(np.uint32) * _M2) ^ np.uint32(seed & 0xFFFFFFFF)
    h ^= h >> np.uint32(15)
    h *= _M3
    h ^= h >> np.uint32(13)
    h *= _M2
    h ^= h >> np.uint32(16)
    return h


def unit_hash2(ix: np.ndarray, iy: np.ndarray, seed: int) -> np.ndarray:
    """`hash2` as float32 in [0, 1)."""
    return (hash2(ix, iy, seed) >> np.uint32(8)).astype(np.float32) * np.float32(1.0 / (1 << 24))


def unit_hash2_of_many(ix: np.ndarray, iy: np.ndarray, seed: int) -> np.ndarray:
    """`unit_hash2` of many points (arrays of one shape) that crowd a small stretch of the lattice, such as
    the pixels of a road tile and their setts: each lattice point is hashed once and looked up."""
    if ix.size == 0:
        return unit_hash2(ix, iy, seed)
    x0, y0 = int(ix.min()), int(iy.min())
    w, h = int(ix.max()) - x0 + 1, int(iy.max()) - y0 + 1
    if w * h >= ix.size:
        return unit_hash2(ix, iy, seed)
    lattice = unit_hash2(
        np.arange(x0, x0 + w, dtype=np.int64)[:, None], np.arange(y0, y0 + h, dtype=np.int64)[None, :], seed
    )
    return lattice[ix - x0, iy - y0]


def value_noise(x: np.ndarray, y: np.ndarray, cell: float, seed: int, period: int = 0) -> np.ndarray:
    """Smooth value noise in [0, 1] (float32) with lattice spacing `cell` (same units as x, y).

    `period` > 0 makes it tile every `period` lattice cells (for textures that repeat without a seam).
    """
    ix, ix1, sx = _axis(x, cell, period)
    iy, iy1, sy = _axis(y, cell, period)
    a = unit_hash2(ix, iy, seed)
    b = unit_hash2(ix1, iy, seed)
    c = unit_hash2(ix, iy1, seed)
    d = unit_hash2(ix1, iy1, seed)
    top = a + (b - a) * sx
    bottom = c + (d - c) * sx
    return top + (bottom - top) * sy


def enlarge(small: np.ndarray, n: int, cells: slice = slice(None)) -> np.ndarray:
    """A 2-D field on a coarse grid linearly interpolated onto an n × n grid over the same square (cell
    centres aligned), or only the `cells` rows and columns of it. Done with gathers, not matrix products:
    tiny BLAS calls are slow when cores are busy."""
    start, stop, _ = cells.indices(n)
    out = small
    for axis in (0, 1):
        i0, i1, g, f = _enlarge_weights(out.shape[axis], n, start, stop)
        if axis == 0:
            out = out[i0, :] * g[:, None] + out[i1, :] * f[:, None]
        else:
            out = out[:, i0] * g[None, :] + out[:, i1] * f[None, :]
    return out.astype(np.float32)


@functools.cache
def _enlarge_weights(m: int, n: int, start: int, stop: int) -> tuple[np.ndarray, ...]:
    """For `enlarge` along one axis (m cells onto n, rows start:stop): the two cells each row mixes and
    their weights. Every tile of a kind asks for the same few, so they are worked out once."""
    pos = (np.arange(n, dtype=np.float32) + 0.5) * np.float32(m / n) - np.float32(0.5)
    pos = np.clip(pos, 0.0, m - 1.0)[start:stop]
    i0 = pos.astype(np.int64)
    i1 = np.minimum(i0 + 1, m - 1)
    f = pos - i0
    weights = (i0, i1, 1.0 - f, f)
    for array in weights:
        array.setflags(write=False)
    return weights


def _axis(v: np.ndarray, cell: float, period: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One coordinate of `value_noise`'s samples: the lattice index of each, of the next lattice point, and
    the eased fraction between them (`value_noise_grid` works it out once per row and column)."""
    f = np.asarray(v, dtype=np.float64) / cell
    i0 = np.floor(f)
    t = (f - i0).astype(np.float32)
    i = i0.astype(np.int64)
    i1 = i + 1
    if period:
        i, i1 = i % period, i1 % period
    return i, i1, t * t * (3.0 - 2.0 * t)


def value_noise_grid(x: np.ndarray, y: np.ndarray, cell: float, seed: int, period: int = 0) -> np.ndarray:
    """`value_noise` at every (x[i], y[j]) of a grid given by its 1-D axes, as an (len(x), len(y)) array:
    the very same numbers as `value_noise` on the broadcast 2-D coordinates, but each lattice point is
    hashed once (not four times per sample) and the easing is worked out once per row and column."""
    ix, ix1, sx = _axis(x, cell, period)
    iy, iy1, sy = _axis(y, cell, period)
    # The lattice points the samples use (with a period: all of them, 0 to period - 1).
    x_lo, x_hi = (0, period - 1) if period else (int(ix.min()), int(ix.max()) + 1)
    y_lo, y_hi = (0, period - 1) if period else (int(iy.min()), int(iy.max()) + 1)
    lattice = unit_hash2(
        np.arange(x_lo, x_hi + 1, dtype=np.int64)[:, None],
        np.arange(y_lo, y_hi + 1, dtype=np.int64)[None, :],
        seed,
    )
    left = lattice[ix - x_lo]
    right = lattice[ix1 - x_lo]
    a = left[:, iy - y_lo]
    b = right[:, iy - y_lo]
    c = left[:, iy1 - y_lo]
    d = right[:, iy1 - y_lo]
    sx = sx[:, None]
    top = a + (b - a) * sx
    bottom = c + (d - c) * sx
    return top + (bottom - top) * sy[None, :]


def fbm(
    x: np.ndarray, y: np.ndarray, cell: float, seed: int, octaves: int = 3, period: int = 0
) -> np.ndarray:
    """Fractal sum of `octaves` value noises (each half the cell and half the weight), in [0, 1]."""
    return _fractal(value_noise, x, y, np.shape(x), cell, seed, octaves, period)


def fbm_grid(
    x: np.ndarray, y: np.ndarray, cell: float, seed: int, octaves: int = 3, period: int = 0
) -> np.ndarray:
    """`fbm` at every (x[i], y[j]) of a grid given by its 1-D axes (see `value_noise_grid`)."""
    return _fractal(value_noise_grid, x, y, (len(x), len(y)), cell, seed, octaves, period)


def _fractal(noise, x, y, shape, cell: float, seed: int, octaves: int, period: int) -> np.ndarray:
    total = np.zeros(shape, dtype=np.float32)
    weight = 1.0
    norm = 0.0
    for octave in range(octaves):
        total += weight * noise(x, y, cell, seed + 1013 * octave, period << octave if period else 0)
        norm += weight
        weight *= 0.5
        cell *= 0.5
    return total / np.float32(norm)


def noise_table(length: int, seed: int, smooth: int = 8) -> np.ndarray:
    """A 1-D periodic smooth noise table in [0, 1] (for things that vary along the road)."""
    rng = np.random.default_rng(seed)
    knots = max(2, length // smooth)
    raw = rng.random(knots, dtype=np.float32)
    t = np.arange(length, dtype=np.float32) * (knots / length)
    i = t.astype(np.int64)
    f = t - i
    f = f * f * (3.0 - 2.0 * f)
    return raw[i] + (raw[(i + 1) % knots] - raw[i]) * f


def sample_table(table: np.ndarray, t: np.ndarray, steps: np.ndarray | None = None) -> np.ndarray:
    """`table` read at (fractional, wrapping) positions `t`, linearly interpolated. `steps` may hold
    `table_steps(table)`, worked out once for a table read often."""
    n = table.shape[0]
    i = np.floor(t)
    f = (t - i).astype(np.float32)
    i0 = i.astype(np.int64) % n
    step = table[(i0 + 1) % n] - table[i0] if steps is None else steps[i0]
    return table[i0] + step * f


def table_steps(table: np.ndarray) -> np.ndarray:
    """How much `table` changes from each entry to the next (wrapping), for `sample_table`."""
    return np.concatenate((table[1:], table[:1])) - table


def grain(size: int, seed: int) -> np.ndarray:
    """A tileable (size × size) float32 texture around 1.0: brushy grain to multiply colours by.

    Two layers: fine speckle (a pixel or two) and soft dabs a few pixels across, so flat colour reads as
    paint rather than as a fill.
    """
    rng = np.random.default_rng(seed)
    fine = rng.random((size, size), dtype=np.float32)
    idx = np.arange(size, dtype=np.float64)
    dabs = fbm_grid(idx, idx, 8.0, seed + 7, octaves=2, period=size // 8)
    return (0.86 + 0.10 * fine + 0.16 * dabs).astype(np.float32)
