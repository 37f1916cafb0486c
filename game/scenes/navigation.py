"""The ways out of a scene, as the scenes see them.

A scene never imports the scene that follows it: it asks its `Navigator` to go on, and `game.scenes.flow` (the
one module that knows every scene) decides what that means. So the scenes stay independent of each other, and
an import-linter contract in pyproject.toml holds them to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.speedrun.attempts import RunOutcome
    from game.speedrun.rally_pbs import PointsPb
    from game.speedrun.regularity_route import RegularityRoute
    from game.speedrun.route_progress import RouteProgress
    from game.speedrun.session import RaceSetup

RaceFinished = Callable[["RunOutcome"], None]
"""Who opened a race may take over what its results screen's "go on" does (the route: its next stage)."""


class Navigator(Protocol):
    def to_title(self) -> None: ...

    def to_stage_select(self, category: str | None = None) -> None:
        """The map, its cursor on `category` (back from a race, the player lands where they left)."""

    def to_race(self, setup: RaceSetup, *, on_finished: RaceFinished | None = None) -> None: ...

    def to_results(
        self,
        setup: RaceSetup,
        outcome: RunOutcome,
        *,
        on_finished: RaceFinished | None = None,
        points_pb: PointsPb | None = None,
    ) -> None: ...

    def to_lesson(self) -> None:
        """The watch lesson, asked for again: the first stage of the route with the lesson's prompts over it."""

    def to_next_stage(self, setup: RaceSetup) -> None:
        """On from a lone stage: the stage after it on the route, or the map when there is none."""

    def to_route(self) -> None:
        """The full Mille Miglia: resume the route left half-way (asking first), or start one."""

    def to_route_stage(self, progress: RouteProgress) -> None:
        """The route's next stage to drive, after the stages `progress` holds."""

    def to_regularity_route_stage(self, route: RegularityRoute) -> None:
        """The regularity route's next stage, after the stages `route` holds (docs/design.md §10)."""

    def pause(
        self,
        *,
        on_restart: Callable[[], None] | None = None,
        on_quit: Callable[[], None] | None = None,
        reason: str = "",
    ) -> None:
        """The pause menu over the current scene; its Restart and "Leave to the map" call back the paused one."""

    def open_settings(self) -> None: ...

    def open_controls(self) -> None: ...

    def quit(self) -> None: ...
