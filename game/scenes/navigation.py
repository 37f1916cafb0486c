"""Ways out of a menu that several menus offer (title, pause): one place, so they always behave alike."""

from __future__ import annotations

from game.scenes.context import Context


def open_settings(ctx: Context) -> None:
    from game.scenes.settings_screen import SettingsScene  # a screen's module is loaded when first opened

    ctx.stack.push(SettingsScene(ctx))


def open_controls(ctx: Context) -> None:
    from game.scenes.controls_screen import ControlsScene

    ctx.stack.push(ControlsScene(ctx))


def quit_game(ctx: Context) -> None:
    ctx.running = False
