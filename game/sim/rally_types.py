"""What the regularity rally yields: each PC, PM point and CO as timed, and the penalties the rules give them.

Penalty rules (docs/design.md §10, docs/regularity.md): a PC costs one point per hundredth early or late and a PM
secret point one per tenth, both capped at 300 (3 s, 30 s); a CO costs 100 points for each minute or part of one
early, 100 a minute late up to 300, and 1000 when the car passes the control without checking in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "CO_EARLY_POINTS_PER_MINUTE",
    "CO_LATE_CAP",
    "CO_LATE_POINTS_PER_MINUTE",
    "CO_MISSED_POINTS",
    "TRIAL_CAP",
    "COResult",
    "PCResult",
    "PMPointResult",
    "RallyResult",
]

TRIAL_CAP: Final = 300
"""Most penalty a PC or a PM point can cost."""
CO_EARLY_POINTS_PER_MINUTE: Final = 100
CO_LATE_POINTS_PER_MINUTE: Final = 100
CO_LATE_CAP: Final = 300
CO_MISSED_POINTS: Final = 1000


@dataclass(frozen=True, slots=True)
class PCResult:
    """A timed trial as the tubes measured it, in hundredths."""

    name: str
    block: int
    target_cs: int
    measured_cs: int

    @property
    def error_cs(self) -> int:
        """Positive when late."""
        return self.measured_cs - self.target_cs

    @property
    def penalty(self) -> int:
        return min(TRIAL_CAP, abs(self.error_cs))


@dataclass(frozen=True, slots=True)
class PMPointResult:
    """One secret point of an average-speed section: when the car should have passed it and when it did."""

    name: str
    ideal_cs: int
    measured_cs: int

    @property
    def error_ds(self) -> int:
        """Tenths of a second, positive when late (half a tenth rounds away from zero)."""
        error = self.measured_cs - self.ideal_cs
        tenths = (abs(error) + 5) // 10
        return tenths if error >= 0 else -tenths

    @property
    def penalty(self) -> int:
        return min(TRIAL_CAP, abs(self.error_ds))


@dataclass(frozen=True, slots=True)
class COResult:
    """The time control: the ideal minute and the official time of day the card was stamped (None: missed)."""

    name: str
    target_tod_s: int
    checked_in_tod_s: float | None

    @property
    def minutes_off(self) -> int | None:
        """Whole minutes between the stamped minute and the ideal one, positive when late."""
        if self.checked_in_tod_s is None:
            return None
        return int(self.checked_in_tod_s // 60) - self.target_tod_s // 60

    @property
    def penalty(self) -> int:
        off = self.minutes_off
        if off is None:
            return CO_MISSED_POINTS
        if off < 0:
            return -off * CO_EARLY_POINTS_PER_MINUTE
        return min(CO_LATE_CAP, off * CO_LATE_POINTS_PER_MINUTE)


@dataclass(frozen=True, slots=True)
class RallyResult:
    """Everything a stage's regularity run measured, in roadbook order."""

    track_id: str
    pcs: tuple[PCResult, ...]
    pm_points: tuple[PMPointResult, ...]
    co: COResult | None
