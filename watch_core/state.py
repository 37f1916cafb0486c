"""The inspectable state of a Lab One at one instant: everything a renderer, a sound or a test reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["StoppedReason", "WatchState"]

StoppedReason = Literal["braked", "run down"]


@dataclass(frozen=True, slots=True)
class WatchState:
    """A frozen snapshot of the movement, taken by :attr:`watch_core.LabOne.state`.

    Angles are degrees clockwise from 12 o'clock, in ``[0, 360)``. The two arc hands (power reserve,
    retrograde date) are measured the same way about their own sub-dial axis (see :mod:`watch_core.dial`);
    their 0..1 fractions are given too. A snapshot never changes after it is taken, so it may cross layers
    freely.
    """

    running: bool
    """The balance swings and the going train advances: neither braked nor run down."""
    braked: bool
    """The stop device (the pusher, i.e. the crown pulled out) clamps the tourbillon cage."""
    reserve_h: float
    """Reserve in the calibre's hours (0..60): what the indicator reads, whatever the let-down scale."""
    reserve_fraction: float
    """Reserve as a fraction of a full wind, in ``[0, 1]``; also the power-reserve hand's place on its arc."""
    wound_turns: float
    """State of wind in crown turns from stopped, in ``[0, TURNS_TO_FULL_WIND]``."""
    amplitude_deg: float
    """Balance amplitude (its swing either side of rest); 0 when the balance is still (braked or run down)."""
    rate_s_per_day: float
    """Rate error at that amplitude in seconds a day, negative when running slow; 0 when still."""
    hour_deg: float
    minute_deg: float
    seconds_deg: float
    """Small seconds, a mark on the tourbillon cage: steps 0.75° a beat."""
    cage_deg: float
    """The tourbillon cage, one turn per minute of going time; equal to ``seconds_deg`` (it carries them)."""
    power_reserve_deg: float
    """Power-reserve hand (sub-dial at 7:30), on its arc from empty to full."""
    date: tuple[int, int, int]
    """Calendar date ``(year, month, day)`` shown, advancing with the hands at midnight."""
    date_hand_deg: float
    """Retrograde date hand (sub-dial at 4:30), on its arc from the 1st to the month's last day."""
    beats: int
    """Beats of the balance since the watch was constructed."""
    time_of_day_s: float = 0.0
    """Time the hands show, seconds after midnight, in beat steps (multiples of 0.125)."""
    date_fraction: float = 0.0
    """Retrograde date hand's place on its arc: 0 on the 1st, 1 on the month's last day."""
    stopped_reason: StoppedReason | None = None
    """Why the going train is still: ``None`` while it runs, else ``"braked"`` or ``"run down"``."""
    run_left_s: float = 0.0
    """Nominal going time left in the spring at the watch's let-down scale (0.125 s per beat left)."""
