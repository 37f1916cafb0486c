"""The Chopard Mille Miglia Lab One drawn as the game's instrument cluster (docs/design.md §2, issue 5).

``WatchHud`` draws it from a :class:`watch_core.WatchState`, the car's speed and the crown and pusher inputs;
``make_window_icon`` paints the same watch small for the window's icon; ``speed_arrow_deg`` is where the red
Mille Miglia arrow stands on the flange for a speed.
"""

from game.render.watch.geometry import speed_arrow_deg
from game.render.watch.hud import WatchHud
from game.render.watch.icon import make_window_icon

__all__ = ["WatchHud", "make_window_icon", "speed_arrow_deg"]
