"""Scenes and the stack they live on: title → stage select → race → results, with pause over any of them.

A scene is small: it reacts to events, advances on fixed simulation ticks when it is on top, and draws itself
with the interpolation alpha. Only the top scene ticks, so a race under the pause menu stands still and its
in-game time does not run (docs/design.md §6); scenes below a translucent one are still drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.scenes.context import Context


class Scene:
    """Base of every screen. Subclasses override what they need."""

    opaque = True
    """An opaque scene hides everything below it (nothing below is drawn)."""
    wants_ticks = False
    """Scenes that run a simulation (a race, the attract mode) take fixed 10 ms ticks."""
    race_audio = False
    """A scene that feeds the race's sound itself; under any other, the app lets the engine fade out."""
    steady_frames = False
    """Frames must come evenly (a race): the frame loop keeps the garbage collector's full passes out of them
    (`game.collector`)."""
    starts = 0
    """Fresh starts of a steady-frame scene (a race and its instant restarts): each leaves the last attempt's
    objects behind, which the collector frees before it freezes the new ones."""
    raw_input = False
    """While true (a rebinding prompt waiting for a key), events go to the scene unmapped: the input mapper
    neither sees them nor turns them into actions."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def enter(self) -> None:
        """Now on top (pushed, or uncovered by a pop)."""

    def leave(self) -> None:
        """Covered by another scene or removed."""

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        """One pygame event and the one-shot actions the input mapper made of it."""

    def tick(self) -> None:
        """One fixed simulation tick (only when on top and `wants_ticks`)."""

    def frame(self, dt_s: float) -> None:
        """Once per rendered frame: animations and anything paced by real time (menus, fades)."""

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        """Draw onto the logical surface; `alpha` in [0, 1) blends the last two ticks."""


class SceneStack:
    """The scenes, bottom first. Changes requested during a frame apply at once; the loop reads `top`."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._scenes)

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].leave()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.leave()
        if self._scenes:
            self._scenes[-1].enter()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for `scene` (title → select, race → results)."""
        if self._scenes:
            self._scenes.pop().leave()
        self._scenes.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Drop everything and start again from `scene` (back to the title)."""
        while self._scenes:
            self._scenes.pop().leave()
        self._scenes.append(scene)
        scene.enter()

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: from the highest opaque one up."""
        start = 0
        for index in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[index].opaque:
                start = index
                break
        return self._scenes[start:]
