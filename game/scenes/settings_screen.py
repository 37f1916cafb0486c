"""The settings screen: all of config.toml but the bindings and the LiveSplit address, on four pages.

Each change is applied and saved at once through `Context.apply_settings`, so there is nothing to confirm and
nothing lost if the game is closed on this screen. A setting is described once, as a `Setting` (its label,
its choices, how to read and write it in a `Settings`), and the menu items are built from those; a value
found in the config file that is not one of the offered choices (a hand-edited 1366×768 window) is kept and
shown among them rather than silently replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pygame

from game.input.bindings import KEYBOARD, display_name, resolve
from game.render.screens.settings_view import draw_settings
from game.render.ui.menu import Menu, MenuItem
from game.scenes.base import Scene
from game.scenes.context import Context
from game.scenes.entry import entry_car_id, entry_numbers, start_time_label
from game.settings import CAMERA_MODES, DIFFICULTIES, GEARBOXES, HUD_POSITIONS, UNITS, Settings
from game.sim.cars import car_ids, load_car
from game.sim.race_types import FULL_WIND_RUN_S

TITLE = "Settings"
PAGES = ("Display", "Sound", "Race", "Watch & car")

WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))
FRAME_CAPS_FPS = (0, 60, 120, 144, 240)
VOLUME_STEPS = tuple(step / 10 for step in range(11))
DEAD_ZONES = (0.0, 0.04, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3)
STEER_CURVES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
Value = object


@dataclass(frozen=True)
class Setting:
    """One line of the screen: what it is called, what it can be, and where it lives in `Settings`."""

    label: str
    values: tuple[Value, ...]
    show: Callable[[Value], str]
    read: Callable[[Settings], Value]
    write: Callable[[Settings, Value], Settings]
    hint: Callable[[Value], str]


def _field(
    group: str, name: str
) -> tuple[Callable[[Settings], Value], Callable[[Settings, Value], Settings]]:
    def read(settings: Settings) -> Value:
        return getattr(getattr(settings, group), name)

    def write(settings: Settings, value: Value) -> Settings:
        return replace(settings, **{group: replace(getattr(settings, group), **{name: value})})

    return read, write


def _fixed(text: str) -> Callable[[Value], str]:
    return lambda _value: text


ON_OFF: tuple[Value, ...] = (True, False)


def _on_off(value: Value) -> str:
    return "On" if value else "Off"


def _window_read(settings: Settings) -> Value:
    return (settings.display.window_width, settings.display.window_height)


def _window_write(settings: Settings, value: Value) -> Settings:
    width, height = value  # type: ignore[misc]
    return replace(settings, display=replace(settings.display, window_width=width, window_height=height))


def _size_label(size: Value) -> str:
    width, height = size  # type: ignore[misc]
    return f"{width} × {height}"


def _percent(value: Value) -> str:
    return f"{round(float(value) * 100)} %"  # type: ignore[arg-type]


def _difficulty_hint(value: Value) -> str:
    run_s = FULL_WIND_RUN_S[str(value)]
    minutes, seconds = divmod(round(run_s), 60)
    return (
        f"The watch runs {run_s:.0f} s ({minutes}:{seconds:02d}) on a full wind before it stops: "
        "the less reserve, the more often you wind (and the throttle is cut while you do)."
    )


def _car_name(car_id: Value) -> str:
    return load_car(str(car_id)).name


def _car_read(settings: Settings) -> Value:
    return entry_car_id(settings)


def _car_hint(value: Value) -> str:
    car = load_car(str(value))
    return f"{car.year}. {car.description}"


def _car_numbers() -> tuple[Value, ...]:
    return entry_numbers()


def _car_number_label(value: Value) -> str:
    number = int(value)  # type: ignore[call-overload]
    return f"#{number}  ·  {start_time_label(number)}"


def _car_number_hint(value: Value) -> str:
    number = int(value)  # type: ignore[call-overload]
    return (
        f"Your start number is your start time: #{number} leaves Brescia at {start_time_label(number)}, "
        "and the watch and the sun follow the clock from there."
    )


def _camera_hint(mode: Value) -> str:
    if mode == "chase":
        return "Chase: the camera turns with the car, so the road ahead is always up."
    return "North up: the map stays still and the car turns on it, like reading a road book."


def _words(choice: Value) -> str:
    return str(choice).replace("-", " ").capitalize()


def build_settings(settings: Settings) -> dict[str, tuple[Setting, ...]]:
    """Every setting the screen shows, by page (hints name the player's own keys)."""
    keys = resolve(settings.bindings)

    def key(action: str) -> str:
        names = keys.inputs(KEYBOARD, action)
        return display_name(KEYBOARD, names[0]) if names else "unbound"

    def gearbox_hint(box: Value) -> str:
        if box == "auto":
            return "Automatic: the car changes gear for you."
        return f"Manual: you change gear ({key('shift_up')} up, {key('shift_down')} down)."

    link = settings.livesplit
    display = (
        Setting(
            "Window size",
            WINDOW_SIZES,
            _size_label,
            _window_read,
            _window_write,
            _fixed("The window's size on the desktop. The game draws at 1280 × 720 and scales to fit."),
        ),
        Setting(
            "Fullscreen",
            ON_OFF,
            _on_off,
            *_field("display", "fullscreen"),
            _fixed(f"Fill the whole screen ({key('fullscreen')} switches at any time)."),
        ),
        Setting(
            "VSync",
            ON_OFF,
            _on_off,
            *_field("display", "vsync"),
            _fixed(
                "Show frames in step with the monitor (no tearing). "
                "Takes effect the next time the game starts."
            ),
        ),
        Setting(
            "Frame cap",
            FRAME_CAPS_FPS,
            lambda fps: "Uncapped" if fps == 0 else f"{fps} fps",
            *_field("display", "frame_cap_fps"),
            _fixed("The most frames drawn per second. Uncapped lets vsync, if on, set the pace."),
        ),
        Setting("Camera", CAMERA_MODES, _words, *_field("view", "camera_mode"), _camera_hint),
        Setting(
            "Watch position",
            HUD_POSITIONS,
            _words,
            *_field("view", "hud_position"),
            _fixed("Where the Lab One sits on the screen during a race."),
        ),
    )
    sound = (
        Setting(
            "Master volume",
            VOLUME_STEPS,
            _percent,
            *_field("audio", "master"),
            _fixed("Everything at once: every other volume is a share of this one."),
        ),
        Setting(
            "Engine",
            VOLUME_STEPS,
            _percent,
            *_field("audio", "engine"),
            _fixed("The engine, intake and exhaust, and the gear changes."),
        ),
        Setting(
            "Effects",
            VOLUME_STEPS,
            _percent,
            *_field("audio", "effects"),
            _fixed("Tyres squealing, gravel, impacts, and the menus' clicks."),
        ),
        Setting(
            "Watch",
            VOLUME_STEPS,
            _percent,
            *_field("audio", "watch"),
            _fixed("The Lab One: its beat, the crown's ratchet while winding, the pusher's click."),
        ),
    )
    race = (
        Setting("Gearbox", GEARBOXES, _words, *_field("gameplay", "gearbox"), gearbox_hint),
        Setting(
            "Clear road",
            ON_OFF,
            _on_off,
            *_field("gameplay", "clear_road"),
            lambda on: (
                "Race alone: no other car on the road, no standings."
                if on
                else "The 1955 field is on the road: catch the cars that started before you, "
                "and read the standings at the finish."
            ),
        ),
        Setting(
            "Ghost",
            ON_OFF,
            _on_off,
            *_field("gameplay", "ghost"),
            _fixed(f"Race against the ghost of your best run ({key('ghost')} shows or hides it in a race)."),
        ),
        Setting(
            "Speed units",
            UNITS,
            lambda unit: "km/h" if unit == "kmh" else "mph",
            *_field("view", "units"),
            _fixed("How speeds are shown: kilometres or miles per hour."),
        ),
        Setting(
            "Steering dead zone",
            DEAD_ZONES,
            _percent,
            *_field("controls", "steer_dead_zone"),
            _fixed("Stick travel ignored around the centre, so a worn stick does not steer on its own."),
        ),
        Setting(
            "Steering response",
            STEER_CURVES,
            lambda curve: "Linear" if curve == 1.0 else f"Curve {curve:g}",
            *_field("controls", "steer_curve"),
            _fixed(
                "How stick travel turns the wheel: higher is gentler near the centre, still full at the end."
            ),
        ),
        Setting(
            "LiveSplit link",
            ON_OFF,
            _on_off,
            *_field("livesplit", "enabled"),
            _fixed(
                f"Send splits to LiveSplit Server at {link.host}:{link.port} "
                "(start the server in LiveSplit first)."
            ),
        ),
    )
    watch_and_car = (
        Setting("Difficulty", DIFFICULTIES, _words, *_field("gameplay", "difficulty"), _difficulty_hint),
        Setting(
            "Assisted fly-back",
            ON_OFF,
            _on_off,
            *_field("gameplay", "assisted_flyback"),
            _fixed("Hold the pusher 1 s to return the seconds to 0; off = purist."),
        ),
        Setting("Car", car_ids(), _car_name, _car_read, _field("gameplay", "car_id")[1], _car_hint),
        Setting(
            "Car number",
            _car_numbers(),
            _car_number_label,
            *_field("gameplay", "car_number"),
            _car_number_hint,
        ),
    )
    return dict(zip(PAGES, (display, sound, race, watch_and_car), strict=True))


def _same(a: Value, b: Value) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    return a == b


def choices_of(setting: Setting, settings: Settings) -> tuple[tuple[Value, ...], int]:
    """The setting's values and the index of the current one; a current value not offered (from a
    hand-edited file) is added in order, so opening the screen never changes a setting by itself."""
    current = setting.read(settings)
    values = setting.values
    if not any(_same(value, current) for value in values):
        values = (*values, current)
        if not isinstance(current, str | bool):
            values = tuple(sorted(values))  # type: ignore[type-var]
    index = next(i for i, value in enumerate(values) if _same(value, current))
    return values, index


class SettingsScene(Scene):
    opaque = True

    def __init__(self, ctx: Context, *, page: int = 0) -> None:
        super().__init__(ctx)
        self.pages = build_settings(ctx.settings)
        self.page = page % len(PAGES)
        self.menu = self._build_menu()

    def _build_menu(self) -> Menu:
        items = [
            MenuItem(
                "Page",
                choices=PAGES,
                index=self.page,
                on_change=self._turn_page,
                hint="← → turns the page: " + ", ".join(PAGES) + ". ↓ goes to its settings.",
            )
        ]
        for setting in self.pages[PAGES[self.page]]:
            items.append(self._item(setting))
        items.append(MenuItem("Back", self._leave, hint="Every change is already saved."))
        return Menu(TITLE, items)

    def _item(self, setting: Setting) -> MenuItem:
        values, index = choices_of(setting, self.ctx.settings)
        item = MenuItem(setting.label, choices=tuple(setting.show(v) for v in values), index=index)
        item.hint = setting.hint(values[index])

        def change(new_index: int) -> None:
            value = values[new_index]
            item.hint = setting.hint(value)
            self.ctx.apply_settings(setting.write(self.ctx.settings, value))

        item.on_change = change
        return item

    def _turn_page(self, index: int) -> None:
        self.page = index
        self.menu = self._build_menu()  # the cursor stays on the tabs (item 0)

    def _leave(self) -> None:
        self.ctx.stack.pop()

    def handle(self, event: pygame.event.Event, actions: list[str]) -> None:
        for action in actions:
            if action in ("menu_back", "pause"):
                self.ctx.audio.play_ui("back")
                self._leave()
                return
            sound = self.menu.act(action)
            if sound:
                self.ctx.audio.play_ui("confirm" if sound == "confirm" else "move")

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        draw_settings(surface, TITLE, PAGES, self.page, self.menu)
