"""Typed, range-checked access to a track or route document, every error a `TrackError` naming file and key
(or the error type of another document read the same way: the field's `FieldError`).

Ranges are checked as values are read, before anything does work in proportion to them: a list longer than
its limit is refused before its items are read, a coordinate beyond `limit_m` before any geometry uses it.
"""

from __future__ import annotations

from typing import Any

from game.sim.track import TrackError


class FieldReader:
    """Reads one document; `source` (usually the file path) heads every error message."""

    def __init__(self, source: str, error_type: type[ValueError] = TrackError) -> None:
        self.source = source
        self.error_type = error_type

    def error(self, where: str, problem: str) -> ValueError:
        return self.error_type(f"{self.source}: {where}: {problem}" if where else f"{self.source}: {problem}")

    def obj(self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.error(where, f"expected an object, got {type(value).__name__}")
        for key in required:
            if key not in value:
                raise self.error(where, f"missing key {key!r}")
        unknown = sorted(k for k in value if k not in required and k not in optional)
        if unknown:
            raise self.error(where, f"unknown key {unknown[0][:40]!r}")
        return value

    def number(self, value: Any, where: str, low: float, high: float) -> float:
        """A finite number within [low, high]."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(where, f"expected a number, got {_show(value)}")
        number = float(value)
        if not low <= number <= high:
            raise self.error(where, f"{number:g} is out of range ({low:g} to {high:g})")
        return number

    def integer(self, value: Any, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(where, f"expected an integer, got {_show(value)}")
        if not low <= value <= high:
            raise self.error(where, f"{value} is out of range ({low} to {high})")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"expected a string, got {_show(value)}")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(where, f"expected true or false, got {_show(value)}")
        return value

    def array(self, value: Any, where: str, max_items: int) -> list:
        if not isinstance(value, list):
            raise self.error(where, f"expected an array, got {type(value).__name__}")
        if len(value) > max_items:
            raise self.error(where, f"has {len(value)} items, more than the {max_items} allowed")
        return value

    def point(self, value: Any, where: str, limit_m: float) -> tuple[float, float]:
        """[x, y] in metres, each within ±`limit_m`."""
        if not isinstance(value, list) or len(value) != 2:
            raise self.error(where, f"expected [x, y], got {_show(value)}")
        return self.number(value[0], where, -limit_m, limit_m), self.number(
            value[1], where, -limit_m, limit_m
        )

    def points(
        self, value: Any, where: str, minimum: int, maximum: int, limit_m: float
    ) -> tuple[tuple[float, float], ...]:
        items = self.array(value, where, maximum)
        if len(items) < minimum:
            raise self.error(where, f"needs at least {minimum} points, has {len(items)}")
        return tuple(self.point(p, f"{where}[{i}]", limit_m) for i, p in enumerate(items))

    def choice(self, value: Any, where: str, valid: tuple[str, ...], what: str) -> str:
        name = self.text(value, where)
        if name not in valid:
            raise self.error(where, f"unknown {what} {name[:40]!r} (valid: {', '.join(valid)})")
        return name


def _show(value: Any) -> str:
    """A value for an error message, cut short: a wrong type may be a whole array."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."
