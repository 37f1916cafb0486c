"""The controls screen: rebind any action on the keyboard or the gamepad, with conflicts shown as they arise.

Enter on a cell waits for the next key (keyboard column) or button, trigger or stick push (gamepad column)
and makes it the action's first input there; the action's other inputs stay (the arrows keep WASD beside
them). Each change is applied and saved at once. A new input that another action of the same context already
uses is allowed, and both rows turn red naming each other, so the player decides which one to move.

What config.toml asked for but could not be used (a key that does not exist, an unknown action) is said at
the top of the screen and on the action's row, with the default the action kept; binding the action anew
(or resetting it) replaces the bad entry.

While waiting, the scene takes raw input (`raw_input`): the app hands it the pygame events unmapped, and the
InputMapper's `capture_input` names the press, so the key about to be bound may well be "menu back" or
"menu down" now without leaving or moving. The mapper still tracks the pads meanwhile, so a button held when
the prompt opened must be let go before it counts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.input.actions import CONTEXT, LABELS, MENU, Action
from game.input.bindings import (
    GAMEPAD,
    KEYBOARD,
    BindingProblem,
    Conflict,
    conflicts,
    display_name,
    find_binding_problems,
    is_valid_input,
    rebind,
    resolve,
)
from game.input.mapper import cancels_capture
from game.render.screens.controls_view import ControlsRow, ControlsView, draw_controls, scroll_for
from game.scenes.base import Scene
from game.scenes.context import Context
from game.settings import Bindings, quoted

TITLE = "Controls"
DEVICES = (KEYBOARD, GAMEPAD)
RESET_LABEL = "Reset to defaults"
PROMPTS = {
    KEYBOARD: "Press a key…  (Esc cancels)",
    GAMEPAD: "Press a button or a trigger, or push a stick…  (Esc cancels)",
}
WIND_PAD_PROMPT = "Push the stick you will turn round to wind, or press a button…  (Esc cancels)"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading row of the table (not selectable)."""

    title: str


def _sections() -> tuple[tuple[str, tuple[Action, ...]], ...]:
    driving = tuple(a for a in Action if CONTEXT[a] != MENU)
    menus = tuple(a for a in Action if CONTEXT[a] == MENU)
    return (("Driving", driving), ("Menus", menus))


def conflict_note(found: list[Conflict], device: str, action: Action) -> str:
    """ "W also Throttle" for each input of `action` on `device` that another action uses too."""
    notes = []
    for conflict in found:
        if conflict.device == device and action in conflict.actions:
            others = " and ".join(LABELS[a] for a in conflict.actions if a != action)
            notes.append(f"{display_name(device, conflict.input_name)} also {others}")
    return "; ".join(notes)


def problem_note(problems: list[BindingProblem], device: str, action: Action) -> str:
    """ "\"Foo\" unknown, default kept" for names config.toml gave `action` on `device` that do not exist."""
    for problem in problems:
        if problem.device == device and problem.action == action:
            names = ", ".join(quoted(name) for name in problem.unknown)
            return f"{names} unknown" + (", default kept" if problem.kept_default else "")
    return ""


def problems_notice(problems: list[BindingProblem]) -> str:
    if not problems:
        return ""
    return "Not used from config.toml: " + "; ".join(problem.text for problem in problems)


class ControlsScene(Scene):
    opaque = True

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.entries: list[Action | Section | None] = []
        """Per table row: the action, a section heading, or None for the reset button."""
        self._labels: list[str] = []
        for title, actions in _sections():
            self.entries.append(Section(title))
            self._labels.append(title)
            self.entries += actions
            self._labels += [LABELS[a] for a in actions]
        self.entries.append(None)
        self._labels.append(RESET_LABEL)
        self.cursor = self.entries.index(Action.STEER_LEFT)
        self.column = 0
        self.scroll = 0
        self.capturing: tuple[str, Action] | None = None
        """(device, action) while waiting for the new input."""
        self._opening_key: int | None = None
        """The key that opened the prompt, until released: a key repeat of it is not the answer."""
        self.message = ""

    # --- what the player sees -------------------------------------------------------------------------

    @property
    def raw_input(self) -> bool:  # type: ignore[override]
        """Unmapped events while the prompt waits: the new input may be bound to a menu action now."""
        return self.capturing is not None

    @property
    def bindings(self) -> Bindings:
        return self.ctx.settings.bindings

    @property
    def selected_action(self) -> Action | None:
        entry = self.entries[self.cursor]
        return entry if isinstance(entry, Action) else None

    def view(self) -> ControlsView:
        table = resolve(self.bindings)
        found = conflicts(self.bindings)
        problems = find_binding_problems(self.bindings)
        rows = []
        for entry, label in zip(self.entries, self._labels, strict=True):
            if isinstance(entry, Action):
                keys, pad = (
                    ", ".join(display_name(device, name) for name in table.inputs(device, entry))
                    for device in DEVICES
                )
                key_note, pad_note = (conflict_note(found, device, entry) for device in DEVICES)
                key_bad, pad_bad = (problem_note(problems, device, entry) for device in DEVICES)
                note = "; ".join(
                    f"{side}: {text}"
                    for side, text in (
                        ("Key", key_note),
                        ("Key", key_bad),
                        ("Pad", pad_note),
                        ("Pad", pad_bad),
                    )
                    if text
                )
                rows.append(ControlsRow(label, "action", (keys, pad), (bool(key_note), bool(pad_note)), note))
            else:
                rows.append(ControlsRow(label, "section" if isinstance(entry, Section) else "button"))
        prompt = ""
        if self.capturing is not None:
            device, action = self.capturing
            prompt = PROMPTS[device]
            if device == GAMEPAD and action == Action.WIND:
                prompt = WIND_PAD_PROMPT
            prompt = self.message or prompt
        footer = self._footer(found, problems)
        notice = problems_notice(problems)
        return ControlsView(tuple(rows), self.cursor, self.column, self.scroll, footer, prompt, notice)

    def _footer(self, found: list[Conflict], problems: list[BindingProblem]) -> str:
        action = self.selected_action
        if action is None:
            return self.message or "Enter puts every key and button back as the game first had them."
        mine = [c for c in found if action in c.actions]
        if mine:
            return "Conflict: " + "; ".join(c.describe() for c in mine) + ". Rebind one of them."
        if self.message:
            return self.message
        device = DEVICES[self.column]
        hint = f"Enter: new {'key' if device == KEYBOARD else 'gamepad input'} for {LABELS[action]}."
        bad = [p.text for p in problems if p.action == action]
        return " ".join([*(f"Not used: {text}." for text in bad), hint])

    # --- events ---------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        if self.capturing is not None:
            self._capture(event)
            return
        for action in actions:
            if action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self.ctx.stack.pop()
                return
            if action in ("menu_up", "menu_down"):
                self._move(-1 if action == "menu_up" else 1)
            elif action in ("menu_left", "menu_right"):
                self.column = 1 - self.column
                self.ctx.audio.play_ui("move")
            elif action == "menu_confirm":
                self._confirm(event)
                return  # this press started the capture (or reset): it is not itself the new input

    def _move(self, step: int) -> None:
        index = self.cursor
        for _ in range(len(self.entries)):
            index = (index + step) % len(self.entries)
            if not isinstance(self.entries[index], Section):
                break
        self.cursor = index
        self.scroll = scroll_for(self.cursor, self.scroll, len(self.entries))
        self.message = ""
        self.ctx.audio.play_ui("move")

    def _confirm(self, event: pygame.event.Event) -> None:
        action = self.selected_action
        self.ctx.audio.play_ui("confirm")
        if action is None:
            self._apply(Bindings())
            self.message = "Every control is back to its default."
            return
        self.capturing = (DEVICES[self.column], action)
        self._opening_key = event.key if event.type == pygame.KEYDOWN else None
        self.message = ""

    def _capture(self, event: pygame.event.Event) -> None:
        assert self.capturing is not None
        device, action = self.capturing
        if cancels_capture(event):
            self.capturing = None
            self.message = "Cancelled: nothing changed."
            self.ctx.audio.play_ui("back")
            return
        if event.type == pygame.KEYUP and event.key == self._opening_key:
            self._opening_key = None  # and the mapper below sees the key let go
        elif event.type == pygame.KEYDOWN and event.key == self._opening_key:
            return  # the OS repeating the key that opened the prompt
        name = self.ctx.input.capture_input(event, device, action)
        if name is not None:
            self._bind(device, action, name)

    def _bind(self, device: str, action: Action, name: str) -> None:
        if not is_valid_input(device, name):
            self.message = "That cannot be bound; press another…  (Esc cancels)"
            return  # still waiting
        self.capturing = None
        self._apply(rebind(self.bindings, device, action, name, slot=0))
        self.message = f"{LABELS[action]}: {display_name(device, name)}."

    def _apply(self, bindings: Bindings) -> None:
        if bindings != self.bindings:
            self.ctx.apply_settings(replace(self.ctx.settings, bindings=bindings))

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        draw_controls(surface, TITLE, self.view())
