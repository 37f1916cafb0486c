"""Fixed simulation ticks from variable frame times ("Fix Your Timestep!", Glenn Fiedler).

Real frame time is poured into an accumulator and drained in whole 10 ms ticks; what is left over becomes the
interpolation alpha the renderer blends the last two ticks with. A stalled frame (a debugger, a dragged window,
a slow disk) is clamped: at most `max_catch_up_s` of it is simulated, the rest is dropped and counted, so the game
never spirals into running ever more ticks per frame. Integer nanoseconds keep the count exact: a frame of
16.7 ms yields the same ticks however the frames are split.
"""

from __future__ import annotations

from dataclasses import dataclass

NS_PER_S = 1_000_000_000


@dataclass(frozen=True, slots=True)
class FrameSteps:
    """What one frame asks of the simulation: how many ticks to run, and the alpha to draw with."""

    ticks: int
    alpha: float
    dropped_ns: int


class FixedStepClock:
    """Turns frame durations into whole simulation ticks plus an interpolation alpha in [0, 1)."""

    def __init__(self, tick_s: float = 0.01, max_catch_up_s: float = 0.25) -> None:
        self.tick_ns = round(tick_s * NS_PER_S)
        self.max_catch_up_ns = round(max_catch_up_s * NS_PER_S)
        self._accumulator_ns = 0
        self.total_ticks = 0
        self.dropped_ns = 0
        """Real time thrown away by clamping stalls, summed (shown in the debug overlay and benchmarks)."""
        self.stalls = 0

    def advance(self, frame_s: float) -> FrameSteps:
        """Account one frame of `frame_s` real seconds; return the ticks it allows."""
        frame_ns = max(0, round(frame_s * NS_PER_S))
        dropped = 0
        if frame_ns > self.max_catch_up_ns:
            dropped = frame_ns - self.max_catch_up_ns
            frame_ns = self.max_catch_up_ns
            self.dropped_ns += dropped
            self.stalls += 1
        self._accumulator_ns += frame_ns
        ticks, self._accumulator_ns = divmod(self._accumulator_ns, self.tick_ns)
        self.total_ticks += ticks
        return FrameSteps(ticks=ticks, alpha=self._accumulator_ns / self.tick_ns, dropped_ns=dropped)

    def reset(self) -> None:
        """Forget any partial tick (a restart or a scene change: the new race starts on a tick boundary)."""
        self._accumulator_ns = 0

    @property
    def alpha(self) -> float:
        return self._accumulator_ns / self.tick_ns
