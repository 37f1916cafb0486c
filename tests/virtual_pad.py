"""A game controller plugged in through SDL's own device layer, for tests on machines with no pad.

SDL (2.24 and later; pygame-ce bundles it) can attach a virtual joystick inside the process. Attached as a
game controller with every standard button and axis, SDL gives it its automatic mapping (a:b0 ... dpright:b14,
leftx:a0 ... righttrigger:a5), so from there on it goes exactly where a real pad goes: the ADDED events,
`SDL_IsGameController`, pygame's `Controller`, the controller events the mapping makes from the raw axes and
buttons set here, and the REMOVED events when it is detached. The game's `SdlBackend` and `GamepadRegistry`
cannot tell it from a pad on a USB cable.

SDL is reached through ctypes, in the very library pygame loaded (a second copy of SDL would have its own,
uninitialised, joystick subsystem). `VirtualPads.find()` returns None with the reason when there is no such
library or it has no virtual-joystick API; tests skip on that and nothing else.

Values are set in SDL's raw joystick terms, which is what a real pad's driver reports: a trigger at rest is
the bottom of its axis (-32768), not 0; the controller mapping turns that into a trigger reading 0.
"""

from __future__ import annotations

import ctypes
import re
import sys
from pathlib import Path

import pygame

JOYSTICK_TYPE_GAMECONTROLLER = 1
"""SDL_JOYSTICK_TYPE_GAMECONTROLLER (0 is UNKNOWN, 2 a wheel: neither gets a controller mapping)."""

AXES = 6
"""SDL_CONTROLLER_AXIS_MAX: leftx, lefty, rightx, righty, lefttrigger, righttrigger."""

BUTTONS = 15
"""SDL_CONTROLLER_BUTTON_MAX of the classic layout, a to dpright (the automatic mapping makes bN button N)."""

VIRTUAL_JOYSTICK_DESC_VERSION = 1
INIT_JOYSTICK = 0x200
AXIS_MIN, AXIS_MAX = -32768, 32767

_SDL_FILE = re.compile(r"(lib)?SDL2(-2[.-].*\.so.*|-2\.0\.so.*|\.dll|(-2\.0\.0)?\.dylib)$")
"""The core SDL2 library under the names pygame-ce's wheels give it (not SDL2_image, _mixer, _ttf)."""


class _VirtualJoystickDesc(ctypes.Structure):
    """SDL_VirtualJoystickDesc (SDL_joystick.h, version 1)."""

    _fields_ = [
        ("version", ctypes.c_uint16),
        ("type", ctypes.c_uint16),
        ("naxes", ctypes.c_uint16),
        ("nbuttons", ctypes.c_uint16),
        ("nhats", ctypes.c_uint16),
        ("vendor_id", ctypes.c_uint16),
        ("product_id", ctypes.c_uint16),
        ("padding", ctypes.c_uint16),
        ("button_mask", ctypes.c_uint32),
        ("axis_mask", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("userdata", ctypes.c_void_p),
        ("Update", ctypes.c_void_p),
        ("SetPlayerIndex", ctypes.c_void_p),
        ("Rumble", ctypes.c_void_p),
        ("RumbleTriggers", ctypes.c_void_p),
        ("SetLED", ctypes.c_void_p),
        ("SendEffect", ctypes.c_void_p),
    ]


_SIGNATURES: dict[str, tuple[list[object], object]] = {
    "SDL_WasInit": ([ctypes.c_uint32], ctypes.c_uint32),
    "SDL_GetError": ([], ctypes.c_char_p),
    "SDL_NumJoysticks": ([], ctypes.c_int),
    "SDL_JoystickAttachVirtualEx": ([ctypes.POINTER(_VirtualJoystickDesc)], ctypes.c_int),
    "SDL_JoystickDetachVirtual": ([ctypes.c_int], ctypes.c_int),
    "SDL_JoystickOpen": ([ctypes.c_int], ctypes.c_void_p),
    "SDL_JoystickClose": ([ctypes.c_void_p], None),
    "SDL_JoystickInstanceID": ([ctypes.c_void_p], ctypes.c_int32),
    "SDL_JoystickGetDeviceInstanceID": ([ctypes.c_int], ctypes.c_int32),
    "SDL_JoystickSetVirtualAxis": ([ctypes.c_void_p, ctypes.c_int, ctypes.c_int16], ctypes.c_int),
    "SDL_JoystickSetVirtualButton": ([ctypes.c_void_p, ctypes.c_int, ctypes.c_uint8], ctypes.c_int),
}


def _loaded_library_paths() -> list[Path]:
    """Libraries mapped into this process (Linux), where pygame's SDL is once pygame is imported."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    paths = []
    for line in maps.read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            paths.append(Path(fields[5]))
    return list(dict.fromkeys(paths))


def _bundled_library_paths() -> list[Path]:
    """Where pygame-ce's wheels put SDL2: beside pygame, in pygame_ce.libs (Linux) or pygame/.dylibs (macOS)."""
    package = Path(pygame.__file__).parent
    folders = (package, package.parent / "pygame_ce.libs", package / ".dylibs")
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.iterdir())]


def _sdl_candidates() -> list[Path]:
    return [path for path in _loaded_library_paths() + _bundled_library_paths() if _SDL_FILE.match(path.name)]


class VirtualPads:
    """The SDL pygame runs on, seen through ctypes: attaches virtual game controllers."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self._sdl = library

    @classmethod
    def find(cls) -> tuple[VirtualPads | None, str]:
        """(pads, "") or (None, why not): no SDL library, or one without the virtual-joystick API."""
        pygame.init()  # the joystick subsystem must be up: virtual pads announce themselves through it
        candidates = _sdl_candidates()
        if not candidates:
            return None, f"no SDL2 library found beside pygame ({Path(pygame.__file__).parent})"
        for path in candidates:
            try:
                library = ctypes.CDLL(str(path))
            except OSError:
                continue
            missing = [name for name in _SIGNATURES if not hasattr(library, name)]
            if missing:
                return None, f"{path.name} (SDL {pygame.get_sdl_version()}) lacks {', '.join(missing)}"
            for name, (argtypes, restype) in _SIGNATURES.items():
                function = getattr(library, name)
                function.argtypes = argtypes
                function.restype = restype
            if library.SDL_WasInit(INIT_JOYSTICK):
                return cls(library), ""  # the copy pygame initialised, not a second one
        return None, f"none of {[p.name for p in candidates]} is the SDL pygame runs on ({sys.platform})"

    def error(self) -> str:
        return (self._sdl.SDL_GetError() or b"").decode(errors="replace")

    def attach(self, name: str) -> VirtualPad:
        """Plug in a standard game controller; SDL posts its ADDED events at the next event pump."""
        desc = _VirtualJoystickDesc(
            version=VIRTUAL_JOYSTICK_DESC_VERSION,
            type=JOYSTICK_TYPE_GAMECONTROLLER,
            naxes=AXES,
            nbuttons=BUTTONS,
            button_mask=(1 << BUTTONS) - 1,
            axis_mask=(1 << AXES) - 1,
            name=name.encode(),
        )
        index = self._sdl.SDL_JoystickAttachVirtualEx(ctypes.byref(desc))
        if index < 0:
            raise RuntimeError(f"SDL_JoystickAttachVirtualEx: {self.error()}")
        handle = self._sdl.SDL_JoystickOpen(index)  # the setters below need a joystick handle of our own
        if not handle:
            raise RuntimeError(f"SDL_JoystickOpen: {self.error()}")
        return VirtualPad(self, name, handle, self._sdl.SDL_JoystickInstanceID(handle))


class VirtualPad:
    """One attached virtual controller: its sticks, triggers and buttons, and its cable."""

    def __init__(self, pads: VirtualPads, name: str, handle: int, instance_id: int) -> None:
        self._pads = pads
        self._sdl = pads._sdl
        self.name = name
        self.instance_id = instance_id
        self._handle: int | None = handle
        for trigger in (pygame.CONTROLLER_AXIS_TRIGGERLEFT, pygame.CONTROLLER_AXIS_TRIGGERRIGHT):
            self._axis(trigger, AXIS_MIN)  # a real trigger's driver reports the bottom of the axis at rest

    @property
    def plugged_in(self) -> bool:
        return self._handle is not None

    def stick(self, side: str, x: float, y: float) -> None:
        """The "left" or "right" stick pushed to (x, y), each -1..1, y down as SDL counts it."""
        axis_x = pygame.CONTROLLER_AXIS_LEFTX if side == "left" else pygame.CONTROLLER_AXIS_RIGHTX
        self._axis(axis_x, _raw(x))
        self._axis(axis_x + 1, _raw(y))

    def trigger(self, side: str, travel: float) -> None:
        """The "left" or "right" trigger pulled `travel` (0 released .. 1 fully)."""
        self.axis(
            pygame.CONTROLLER_AXIS_TRIGGERLEFT if side == "left" else pygame.CONTROLLER_AXIS_TRIGGERRIGHT,
            travel,
        )

    def axis(self, axis: int, value: float) -> None:
        """A pygame.CONTROLLER_AXIS_* moved: a stick axis -1..1, a trigger 0..1."""
        if axis in (pygame.CONTROLLER_AXIS_TRIGGERLEFT, pygame.CONTROLLER_AXIS_TRIGGERRIGHT):
            self._axis(axis, round(AXIS_MIN + max(0.0, min(1.0, value)) * (AXIS_MAX - AXIS_MIN)))
        else:
            self._axis(axis, _raw(value))

    def button(self, button: int, down: bool) -> None:
        """A pygame.CONTROLLER_BUTTON_* held down or let go."""
        self._check(self._sdl.SDL_JoystickSetVirtualButton(self._live(), button, int(down)), "button")

    def unplug(self) -> None:
        """Pull the cable: SDL posts the REMOVED events at the next event pump. Harmless when already out."""
        if self._handle is None:
            return
        for index in range(self._sdl.SDL_NumJoysticks()):
            if self._sdl.SDL_JoystickGetDeviceInstanceID(index) == self.instance_id:
                self._check(self._sdl.SDL_JoystickDetachVirtual(index), "detach")
                break
        self._sdl.SDL_JoystickClose(self._handle)
        self._handle = None

    def _axis(self, axis: int, raw: int) -> None:
        self._check(self._sdl.SDL_JoystickSetVirtualAxis(self._live(), axis, raw), "axis")

    def _live(self) -> int:
        if self._handle is None:
            raise RuntimeError(f"{self.name} is unplugged")
        return self._handle

    def _check(self, result: int, what: str) -> None:
        if result < 0:
            raise RuntimeError(f"virtual pad {what}: {self._pads.error()}")


def _raw(value: float) -> int:
    return max(AXIS_MIN, min(AXIS_MAX, round(max(-1.0, min(1.0, value)) * AXIS_MAX)))
