"""The world as the driver sees it: the stage from above, the car, its ghost, its marks (docs/design.md §8, issue 5).

`WorldView` draws a frame, `Camera` decides where the view looks, `interpolate_car` places the car between
two simulation ticks.
"""

from game.render.world.camera import Camera
from game.render.world.interpolation import interpolate_car, interpolated_car
from game.render.world.view import FrameStats, WorldView

__all__ = ["Camera", "FrameStats", "WorldView", "interpolate_car", "interpolated_car"]
