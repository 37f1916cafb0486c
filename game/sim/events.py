"""What happened in a tick, said once by the race that knows it (Nystrom's Event Queue).

Each `RaceSnapshot` carries the events of its own tick. Sound, the HUD, LiveSplit and the attempt's records
listen to these instead of comparing two snapshots to guess what changed, so a rule (when GO sounds, what
counts as a split) lives in the simulation only. Every event names the tick it happened in, so a listener
that takes several ticks' events at once (one rendered frame) can still place each in time.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.snapshot import SplitSnapshot, TrialResult


@dataclass(frozen=True, slots=True)
class CountdownSecond:
    """A second of the countdown begins: `seconds_left` is 3, 2, then 1 (a beep each)."""

    tick: int
    seconds_left: int


@dataclass(frozen=True, slots=True)
class Go:
    """The countdown is over: the official clock starts and the car is let go."""

    tick: int


@dataclass(frozen=True, slots=True)
class SplitPassed:
    """A timing line that counts as a split (checkpoint, lap or the finish) was crossed."""

    tick: int
    index: int
    """Position of this split in `RaceSnapshot.splits`."""
    split: SplitSnapshot


@dataclass(frozen=True, slots=True)
class TrialStarted:
    """The car crossed a regularity trial's start line: the official strip hides its running time."""

    tick: int
    name: str
    target_cs: int


@dataclass(frozen=True, slots=True)
class TrialEnded:
    """The car crossed a trial's end line: the measured time and its penalty points are known."""

    tick: int
    result: TrialResult


@dataclass(frozen=True, slots=True)
class Finished:
    """The finish line was crossed: `time_ms` is the interpolated IGT, `total_ms` adds the penalties."""

    tick: int
    time_ms: int
    total_ms: int


@dataclass(frozen=True, slots=True)
class Recovered:
    """The car was put back on the road (the clock ran on)."""

    tick: int


@dataclass(frozen=True, slots=True)
class CrownClicks:
    """The crown's ratchet clicked `count` times this tick (it winds: pushed in, turned)."""

    tick: int
    count: int


@dataclass(frozen=True, slots=True)
class PusherMoved:
    """The stop device was engaged (`engaged` True: the tourbillon is braked) or released."""

    tick: int
    engaged: bool


@dataclass(frozen=True, slots=True)
class Flyback:
    """Assisted fly-back: the pusher was held long enough for the seconds to return to 0."""

    tick: int


@dataclass(frozen=True, slots=True)
class Beats:
    """The balance beat `count` times this tick (the watch's tick-tock)."""

    tick: int
    count: int


@dataclass(frozen=True, slots=True)
class GearShifted:
    """The gearbox changed gear this tick."""

    tick: int
    gear: int


@dataclass(frozen=True, slots=True)
class Impact:
    """The car hit something this tick, with this impulse (N·s)."""

    tick: int
    impulse: float


@dataclass(frozen=True, slots=True)
class Overtook:
    """The player passed car `number` of the field on the road (it is now behind)."""

    tick: int
    number: int


@dataclass(frozen=True, slots=True)
class OvertakenBy:
    """Car `number` of the field passed the player on the road (it is now ahead)."""

    tick: int
    number: int


RaceEvent = (
    CountdownSecond
    | Go
    | SplitPassed
    | TrialStarted
    | TrialEnded
    | Finished
    | Recovered
    | CrownClicks
    | PusherMoved
    | Flyback
    | Beats
    | GearShifted
    | Impact
    | Overtook
    | OvertakenBy
)
"""Any one of the events above; match on the class."""
