"""What every scene can reach: settings, the window, input, sound, save data, and the scene stack.

One small object passed to each scene instead of globals, so a test can build a context headless and drive
scenes with injected events.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pygame

from game.audio.player import AudioPlayer, Volumes
from game.display import Display
from game.frame_clock import FixedStepClock
from game.input.mapper import InputMapper
from game.render.ui.text import forget_fonts
from game.scenes.base import SceneStack
from game.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)

TOAST_S = 4.0


@dataclass
class Toast:
    """A short message over every screen (a settings file set aside, a controller unplugged, a new PB)."""

    text: str
    remaining_s: float = TOAST_S


@dataclass
class Context:
    settings: Settings
    display: Display
    input: InputMapper
    audio: AudioPlayer
    stack: SceneStack = field(default_factory=SceneStack)
    frame_clock: FixedStepClock = field(default_factory=FixedStepClock)
    running: bool = True
    livesplit_address: str | None = None
    rally: str = "race"
    """The mode chosen on the title screen: "race" (1955) or "regularity" (docs/design.md §10)."""
    toasts: list[Toast] = field(default_factory=list)

    def toast(self, text: str) -> None:
        log.info("%s", text)
        self.toasts.append(Toast(text))

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings everywhere they matter and save them (atomically)."""
        old = self.settings
        self.settings = settings
        self.input.set_settings(settings)
        self.audio.set_volumes(volumes_of(settings))
        if settings.display.fullscreen != self.display.fullscreen:
            self.display.toggle_fullscreen()
        if (settings.display.window_width, settings.display.window_height) != (
            old.display.window_width,
            old.display.window_height,
        ):
            self.display.resize_window((settings.display.window_width, settings.display.window_height))
        try:
            save_settings(settings)
        except OSError as error:
            self.toast(f"Settings not saved: {error}")

    def shutdown(self) -> None:
        self.audio.close()
        self.input.close()
        forget_fonts()
        pygame.quit()


def volumes_of(settings: Settings) -> Volumes:
    a = settings.audio
    return Volumes(master=a.master, engine=a.engine, effects=a.effects, watch=a.watch)


def build_context(*, fullscreen: bool = False) -> Context:
    """Everything a scene needs, from the saved settings (a broken config is reported, never fatal)."""
    pygame.init()
    loaded = load_settings()
    settings = loaded.settings
    display = Display(
        fullscreen=fullscreen or settings.display.fullscreen,
        vsync=settings.display.vsync,
        window_size=(settings.display.window_width, settings.display.window_height),
    )
    ctx = Context(
        settings=settings,
        display=display,
        input=InputMapper(settings),
        audio=AudioPlayer(volumes_of(settings)),
    )
    if loaded.warning:
        ctx.toast(loaded.warning)
    return ctx
