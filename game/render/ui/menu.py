"""A vertical menu: actions, choices cycled with left/right, sliders, toggles (pause, settings, title).

The model is plain data plus a cursor, so menus behave the same everywhere and tests can drive them without
drawing anything; `game.render.ui.menu_view` draws one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class MenuItem:
    """One line of a menu. `choices` makes it cycle with left/right; `on_change` receives the new index."""

    label: str
    on_select: Callable[[], None] | None = None
    choices: Sequence[str] = ()
    index: int = 0
    on_change: Callable[[int], None] | None = None
    enabled: bool = True
    hint: str = ""

    @property
    def value(self) -> str:
        return self.choices[self.index] if self.choices else ""


@dataclass
class Menu:
    title: str
    items: list[MenuItem] = field(default_factory=list)
    cursor: int = 0
    footer: str = ""

    def __post_init__(self) -> None:
        self._skip_disabled(1)

    @property
    def current(self) -> MenuItem:
        return self.items[self.cursor]

    def act(self, action: str) -> str | None:
        """Apply one menu action; returns "move", "confirm", "change" or None (for the click sound)."""
        if not self.items:
            return None
        if action == "menu_up":
            self.cursor = (self.cursor - 1) % len(self.items)
            self._skip_disabled(-1)
            return "move"
        if action == "menu_down":
            self.cursor = (self.cursor + 1) % len(self.items)
            self._skip_disabled(1)
            return "move"
        item = self.current
        if action in ("menu_left", "menu_right") and item.choices:
            step = -1 if action == "menu_left" else 1
            item.index = (item.index + step) % len(item.choices)
            if item.on_change is not None:
                item.on_change(item.index)
            return "change"
        if action == "menu_confirm":
            if item.on_select is not None:
                item.on_select()
                return "confirm"
            if item.choices:
                item.index = (item.index + 1) % len(item.choices)
                if item.on_change is not None:
                    item.on_change(item.index)
                return "change"
        return None

    def _skip_disabled(self, step: int) -> None:
        for _ in range(len(self.items)):
            if self.items[self.cursor].enabled:
                return
            self.cursor = (self.cursor + step) % len(self.items)
