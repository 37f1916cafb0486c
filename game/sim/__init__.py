"""The deterministic simulation: a pure function of track, car, settings and per-tick inputs.

Never imports pygame, never reads a clock, never iterates anything unordered into the physics.
"""

TICK_HZ = 100
"""Simulation ticks per second of in-game time (docs/design.md §6)."""

TICK_S = 1.0 / TICK_HZ
"""Length of one tick in seconds."""

TICK_MS = 10
"""Length of one tick in milliseconds: IGT in ms is ticks × TICK_MS plus the interpolated crossing."""

PHYSICS_VERSION = 2
"""Bumped whenever a change to the simulation can change a run's result: replays of another version are refused."""
