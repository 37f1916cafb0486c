"""Immutable snapshots the simulation hands out each tick: what renderers, sound and timers read.

Nothing outside `game.sim` ever holds a live simulation object; it holds these. Two consecutive snapshots
are what the renderer interpolates between (docs/design.md §6, "Fix Your Timestep!").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from game.sim.field_types import RivalSnapshot
from watch_core import WatchReading, WatchState
from watch_core.frozen import positional_builder

if TYPE_CHECKING:  # events name split and trial results defined here
    from game.sim.events import RaceEvent
    from game.sim.rally_timing import RallySnapshot

Phase = Literal["countdown", "racing", "finished"]


@dataclass(frozen=True, slots=True)
class CarSnapshot:
    """The car at the end of a tick. World metres (x east, y north), heading radians CCW from +x."""

    x_m: float
    y_m: float
    heading_rad: float
    vx_ms: float
    vy_ms: float
    speed_ms: float
    yaw_rate_rad_s: float
    steer_angle_rad: float
    rpm: float
    gear: int
    """0 neutral, 1.. forward gears, -1 reverse."""
    throttle: float
    brake: float
    handbrake: bool
    engine_load: float
    """0..1: how hard the engine works (throttle × torque available), for the engine sound."""
    slip_front: float
    """Combined tyre slip of the axle, 0 (rolling) to 1+ (sliding): skid marks, squeal, spray."""
    slip_rear: float
    surface_front: str
    surface_rear: str
    impact_impulse: float
    """Impulse of collisions during this tick (N·s), 0 when nothing was hit: crash sound, shake."""
    shifted: bool
    """A gear change happened this tick (the sound's cue)."""


make_car_snapshot = positional_builder(CarSnapshot)
"""`CarSnapshot(...)` made fast (`watch_core.frozen`): the simulation makes one a tick."""


@dataclass(frozen=True, slots=True)
class SplitSnapshot:
    """One timing line passed: its index in the track's timing lines and the IGT there, in ms."""

    line_index: int
    name: str
    igt_ms: int


@dataclass(frozen=True, slots=True)
class TrialResult:
    """A regularity trial driven: target and measured time in hundredths, the penalty points it cost."""

    trial: int
    name: str
    target_cs: int
    measured_cs: int
    points: int


@dataclass(frozen=True, slots=True)
class RaceSnapshot:
    """Everything the player can see or hear of the race after tick `tick`."""

    tick: int
    phase: Phase
    countdown_ticks: int
    """Ticks left before GO (0 once racing)."""
    igt_ms: int
    """Running official time since GO in ms (tick-exact while running; the interpolated finish once finished)."""
    car: CarSnapshot
    watch_reading: WatchReading
    """The watch after this tick, exactly; its dial (`watch`, `balance_deg`) is worked out when first read."""
    lap: int
    laps: int
    next_line: int
    """Index into the track's timing lines of the next line to cross."""
    splits: tuple[SplitSnapshot, ...]
    trials: tuple[TrialResult, ...]
    in_trial: bool
    """Inside a regularity trial: the official timing strip hides its running value."""
    wrong_way: bool
    winding: bool
    """A hand is on the crown this tick, so the throttle is cut (docs/design.md §4)."""
    pusher: bool
    """The stop device is held (tourbillon braked)."""
    crown_turns: float
    """Crown turns made since the start (the crown's drawn rotation)."""
    cluster_speed_kmh: float
    """What the red arrow shows: the car's speed, frozen where it was while the watch is stopped (docs/design.md §2)."""
    crown_clicks: int
    """Whole ratchet clicks of the crown this tick (sound and animation)."""
    recoveries: int
    penalty_ms: int
    """Time added by regularity penalties so far."""
    events: tuple[RaceEvent, ...] = ()
    """What happened during this tick (`game.sim.events`), in the order it happened."""
    rally: RallySnapshot | None = None
    """The regularity rally's roadbook, times and official clock at the control; None in the speed race."""
    field: Sequence[RivalSnapshot] = ()
    """The cars of the field within about 300 m of the player, by number (docs/design.md §9): a `FieldView`
    (worked out when first read), or () on a clear road."""

    @property
    def watch(self) -> WatchState:
        """The watch's dial after this tick (`watch_core.WatchState`)."""
        return self.watch_reading.state

    @property
    def balance_deg(self) -> float:
        """The balance wheel's swing angle now (0 when stopped), for drawing it through the dial's grille."""
        return self.watch_reading.balance_deg


make_race_snapshot = positional_builder(RaceSnapshot)
"""`RaceSnapshot(...)` made fast (`watch_core.frozen`): the race makes one a tick."""
