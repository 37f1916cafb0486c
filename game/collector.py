"""Python's cyclic garbage collector, kept out of the race's frames.

A full collection walks every object the collector tracks: about 20 ms on the project's machine with a stage
and its field loaded, about once a stage with the field on the road, so a frame the player sees stutter and the
largest single cost in the whole-stage frame budget (docs/design.md §12). Whatever is alive when a race comes on
top (the track, its tiles, the field, the watch) lives as long as the race, so it is frozen out of the
collector's reach (`gc.freeze`) after one collection that frees what the previous screen left behind: the race's
own frames then only ever walk what they made themselves. Leaving the race unfreezes everything, so the menus
collect whatever the race dropped; a restart (a new race in the same scene) collects the old attempt before
freezing the new one, so nothing piles up. That collection costs a restart about 20 ms here, well inside its
100 ms.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenes.base import Scene


class QuietCollector:
    """Called once a frame with the scene on top; freezes the heap while a steady-frame scene is there."""

    def __init__(self) -> None:
        self._steady: tuple[int, int] | None = None
        """`id` and `starts` of the steady scene the heap was frozen for (an id, so no old scene is kept
        alive)."""

    @property
    def frozen(self) -> bool:
        return self._steady is not None

    def on_frame(self, top: Scene | None) -> None:
        steady = (id(top), top.starts) if top is not None and top.steady_frames else None
        if steady == self._steady:
            return
        if self._steady is not None:
            gc.unfreeze()
        self._steady = steady
        if steady is not None:
            gc.collect()
            gc.freeze()

    def release(self) -> None:
        """Give everything back to the collector (the loop is ending)."""
        if self._steady is not None:
            gc.unfreeze()
            self._steady = None
