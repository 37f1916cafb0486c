"""How on-screen prompts name the player's controls: their own bindings, on the device they are using now.

A prompt that says "Hold Q" to a player who rebound winding to F, or who drives with a pad, teaches the wrong
thing; so the watch lesson asks here, every frame, for the names the Controls screen would show.
"""

from __future__ import annotations

from functools import lru_cache

from game.input.actions import Action
from game.input.bindings import GAMEPAD, KEYBOARD, display_name, resolve
from game.input.devices import STICK_TURN_INPUTS
from game.input.mapper import KEYBOARD_DEVICE_NAME
from game.settings import Bindings
from game.speedrun.lesson import LessonKeys


def prompt_device(active_device_name: str) -> str:
    """The bindings to name: the keyboard's until a pad was used last (`InputMapper.active_device_name`)."""
    return KEYBOARD if active_device_name == KEYBOARD_DEVICE_NAME else GAMEPAD


def control_name(bindings: Bindings, device: str, action: Action) -> str | None:
    """The action's first input on `device` as the Controls screen writes it, None when unbound."""
    inputs = resolve(bindings).inputs(device, action)
    return display_name(device, inputs[0]) if inputs else None


def wind_phrase(bindings: Bindings, device: str) -> str:
    """The gesture that winds: "Hold Q", "Turn the right stick round, clockwise,", or where to bind one."""
    inputs = resolve(bindings).inputs(device, Action.WIND)
    if not inputs:
        return "Bind a key to wind the crown (Controls), then hold it"
    side = STICK_TURN_INPUTS.get(inputs[0])
    if side is not None:
        return f"Turn the {side} stick round, clockwise,"
    return f"Hold {display_name(device, inputs[0])}"


@lru_cache(maxsize=8)
def lesson_keys(bindings: Bindings, active_device_name: str) -> LessonKeys:
    """The lesson's names for winding, the pusher and skipping (cached: the card asks every frame)."""
    device = prompt_device(active_device_name)
    return LessonKeys(
        wind=wind_phrase(bindings, device),
        pusher=control_name(bindings, device, Action.PUSHER),
        skip=control_name(bindings, device, Action.SKIP_LESSON),
    )
