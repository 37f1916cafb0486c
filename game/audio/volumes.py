"""The player's volume settings, as the audio package takes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Volumes:
    """Each 0..1. Engine covers the engine and gearbox, effects the tyres, crashes and UI, watch the watch."""

    master: float = 0.8
    engine: float = 0.8
    effects: float = 0.8
    watch: float = 0.6

    def gain(self, group: str) -> float:
        """The factor for a group ("engine", "effects", "watch"): master × the group, each kept in 0..1."""
        return _unit(self.master) * _unit(getattr(self, group))


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
