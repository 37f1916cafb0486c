"""How times are written for people: race timers, splits and deltas (one place, so they always agree)."""

from __future__ import annotations


def format_igt(ms: int) -> str:
    """`mm:ss.mmm`, or `h:mm:ss.mmm` from an hour up: the form every timer in the game shows."""
    ms = int(ms)
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
    return f"{sign}{minutes:02d}:{seconds:02d}.{millis:03d}"


def format_delta(ms: int) -> str:
    """A signed difference as speedrun timers show it: `+1.234`, `-0.050`, `+1:02.300`."""
    sign = "-" if ms < 0 else "+"
    ms = abs(int(ms))
    minutes, rest = divmod(ms, 60_000)
    seconds, millis = divmod(rest, 1000)
    if minutes:
        return f"{sign}{minutes}:{seconds:02d}.{millis:03d}"
    return f"{sign}{seconds}.{millis:03d}"


def format_time_of_day(seconds: float) -> str:
    """`hh:mm:ss` on a 24-hour clock."""
    total = int(seconds) % 86_400
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
