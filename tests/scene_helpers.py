"""What the menu-screen tests share: a small stand-in for the app's context, and events delivered to the top
scene the way `game.app.run_frame` delivers them."""

from __future__ import annotations

from types import SimpleNamespace

import pygame

from game.input.mapper import InputMapper
from game.scenes.base import SceneStack
from game.settings import Settings, save_settings


class ScreenContext:
    """The parts of `game.scenes.context.Context` the screens use; apply_settings saves for real."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.stack = SceneStack()
        self.input = InputMapper(self.settings, scan=False)
        self.audio = SimpleNamespace(sounds=[], play_ui=lambda name: self.audio.sounds.append(name))
        self.display = SimpleNamespace(surface=pygame.Surface((1280, 720)))
        self.applied: list[Settings] = []

    def apply_settings(self, settings: Settings) -> None:
        self.applied.append(settings)
        self.settings = settings
        self.input.set_settings(settings)
        save_settings(settings)

    def toast(self, text: str) -> None:
        raise AssertionError(f"unexpected toast: {text}")


def send(ctx: ScreenContext, event: pygame.event.Event) -> None:
    """One event to the top scene as `run_frame` sends it: raw while the scene asks for raw input, otherwise
    through the mapper with the actions it fired."""
    top = ctx.stack.top
    assert top is not None
    if top.raw_input:
        top.handle(event, [])
    else:
        top.handle(event, ctx.input.handle_event(event))


def tap(ctx: ScreenContext, key: int) -> None:
    """One key pressed and released."""
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        send(ctx, pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))


NO_EVENT = pygame.event.Event(pygame.NOEVENT)


def act(ctx: object, *actions: str) -> None:
    """Actions to whatever scene is on top of `ctx.stack`, one at a time (each may change the top)."""
    for action in actions:
        top = ctx.stack.top  # type: ignore[attr-defined]
        assert top is not None
        top.handle(NO_EVENT, [action])
