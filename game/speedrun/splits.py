"""Split arithmetic as speedrun timers do it: deltas, their colours, best segments, sum of best.

Pure functions of cumulative split times in ms (the time on the clock at each split, from GO). A run's splits
are a prefix of its category's splits: all of them for a finished run, the ones reached for a reset.
The colour rules follow LiveSplit (LiveSplitStateHelper.GetSplitColor and CheckBestSegment), so a runner reads
our splits the way they read their timer: ahead and gaining, ahead but losing, behind but gaining, behind and
losing, and gold for a best segment; colours are LiveSplit's default layout's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

SplitColor = Literal[
    "ahead_gaining", "ahead_losing", "behind_gaining", "behind_losing", "best_segment", "none"
]

SPLIT_COLORS_RGB: dict[str, tuple[int, int, int]] = {
    "ahead_gaining": (41, 204, 84),
    "ahead_losing": (112, 204, 137),
    "behind_gaining": (204, 120, 112),
    "behind_losing": (204, 55, 41),
    "best_segment": (216, 175, 31),
    "none": (255, 255, 255),
}
"""LiveSplit's default layout colours (StandardLayoutSettingsFactory)."""


def segment_times_ms(split_ms: Sequence[int]) -> tuple[int, ...]:
    """Each segment's length: the time between a split and the one before it (GO for the first)."""
    previous = 0
    out = []
    for t in split_ms:
        out.append(t - previous)
        previous = t
    return tuple(out)


def best_segments_ms(runs: Iterable[Sequence[int]], segment_count: int) -> tuple[int | None, ...]:
    """The fastest time ever driven on each segment over `runs` (finished or not); None where never driven."""
    best: list[int | None] = [None] * segment_count
    for split_ms in runs:
        for i, seg in enumerate(segment_times_ms(split_ms[:segment_count])):
            current = best[i]
            if current is None or seg < current:
                best[i] = seg
    return tuple(best)


def sum_of_best_ms(best_segments: Sequence[int | None]) -> int | None:
    """The run made of every best segment (the best time possible so far); None until all were driven."""
    if not best_segments or any(b is None for b in best_segments):
        return None
    return sum(b for b in best_segments if b is not None)


def possible_time_save_ms(
    pb_split_ms: Sequence[int] | None, best_segments: Sequence[int | None]
) -> tuple[int | None, ...]:
    """Per segment, how much the PB lost against the best segment (never negative); None where unknown."""
    if pb_split_ms is None:
        return tuple(None for _ in best_segments)
    saves: list[int | None] = []
    for pb_seg, best in zip(segment_times_ms(pb_split_ms), best_segments, strict=False):
        saves.append(None if best is None else max(0, pb_seg - best))
    return tuple(saves)


def split_delta_ms(split_ms: Sequence[int], index: int, pb_split_ms: Sequence[int] | None) -> int | None:
    """This run's time at split `index` minus the PB's there (negative: ahead); None if either is missing."""
    if pb_split_ms is None or index >= len(split_ms) or index >= len(pb_split_ms):
        return None
    return split_ms[index] - pb_split_ms[index]


def is_best_segment(split_ms: Sequence[int], index: int, best_segments: Sequence[int | None]) -> bool:
    """Gold: the segment ending at split `index` beat the best ever driven (or no one had driven it yet).

    `best_segments` are the bests from before this run, as the timer held them when the split happened.
    """
    if index >= len(split_ms):
        return False
    segment = split_ms[index] - (split_ms[index - 1] if index else 0)
    best = best_segments[index] if index < len(best_segments) else None
    return best is None or segment < best


def split_color(
    split_ms: Sequence[int],
    index: int,
    pb_split_ms: Sequence[int] | None,
    best_segments: Sequence[int | None],
) -> SplitColor:
    """The colour LiveSplit gives split `index` of this run against the PB, gold overriding the rest.

    Ahead (negative delta) is green, light green when the delta grew since the last split (time lost on the
    segment); behind is red, light red when the delta shrank (time gained back). A delta of exactly 0 counts
    as behind, as in LiveSplit.
    """
    if index >= len(split_ms):
        return "none"
    color: SplitColor = "none"
    delta = split_delta_ms(split_ms, index, pb_split_ms)
    if delta is not None:
        last = split_delta_ms(split_ms, index - 1, pb_split_ms) if index > 0 else None
        if delta < 0:
            color = "ahead_losing" if last is not None and delta > last else "ahead_gaining"
        else:
            color = "behind_gaining" if last is not None and delta < last else "behind_losing"
    if is_best_segment(split_ms, index, best_segments):
        color = "best_segment"
    return color


def live_delta_ms(
    now_ms: int,
    split_ms: Sequence[int],
    pb_split_ms: Sequence[int] | None,
    best_segments: Sequence[int | None],
) -> int | None:
    """The delta shown while driving toward the next split, or None when there is nothing to show yet.

    As LiveSplit's CheckLiveDelta: the running delta appears once the clock passes the PB's split (already
    behind), or once the segment so far is slower than its best segment or than the PB's segment (losing time
    there, even while still ahead overall).
    """
    index = len(split_ms)
    if pb_split_ms is None or index >= len(pb_split_ms):
        return None
    pb_split = pb_split_ms[index]
    delta = now_ms - pb_split
    if delta > 0:
        return delta
    segment_so_far = now_ms - (split_ms[index - 1] if index else 0)
    best = best_segments[index] if index < len(best_segments) else None
    pb_segment = pb_split - (pb_split_ms[index - 1] if index else 0)
    if (best is not None and segment_so_far > best) or segment_so_far > pb_segment:
        return delta
    return None


@dataclass(frozen=True, slots=True)
class SplitRow:
    """One line of a splits table: what the HUD and the results screen show for a split."""

    name: str
    time_ms: int | None
    """This run's time at the split; None if not reached."""
    pb_ms: int | None
    delta_ms: int | None
    """time - PB at this split (negative: ahead)."""
    segment_ms: int | None
    best_segment_ms: int | None
    """The best segment before this run."""
    color: SplitColor


def split_rows(
    names: Sequence[str],
    split_ms: Sequence[int],
    pb_split_ms: Sequence[int] | None,
    best_segments: Sequence[int | None],
) -> tuple[SplitRow, ...]:
    """Every split of the category with this run's times, deltas and colours against PB and best segments."""
    segments = segment_times_ms(split_ms)
    rows = []
    for i, name in enumerate(names):
        reached = i < len(split_ms)
        rows.append(
            SplitRow(
                name=name,
                time_ms=split_ms[i] if reached else None,
                pb_ms=pb_split_ms[i] if pb_split_ms is not None and i < len(pb_split_ms) else None,
                delta_ms=split_delta_ms(split_ms, i, pb_split_ms),
                segment_ms=segments[i] if reached else None,
                best_segment_ms=best_segments[i] if i < len(best_segments) else None,
                color=split_color(split_ms, i, pb_split_ms, best_segments),
            )
        )
    return tuple(rows)
