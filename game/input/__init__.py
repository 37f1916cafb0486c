"""game.input (docs/design.md §7, §8): keyboard and gamepads to actions and per-tick input records, and rebinding.

`InputMapper` (mapper.py) is what scenes use; `bindings` holds the defaults, rebinding and conflicts.
"""

from game.input.actions import Action
from game.input.bindings import Conflict, conflicts, rebind, reset_action, unbind
from game.input.mapper import DriverControls, InputMapper, cancels_capture

__all__ = [
    "Action",
    "Conflict",
    "DriverControls",
    "InputMapper",
    "cancels_capture",
    "conflicts",
    "rebind",
    "reset_action",
    "unbind",
]
