"""``python -m watch_core``: watch the movement run, a day at the real scale and a stage at the game's."""

from __future__ import annotations

from collections.abc import Callable

from watch_core.calibre import BEATS_PER_HOUR, CALIBRE, POWER_RESERVE_H, TURNS_TO_FULL_WIND
from watch_core.let_down import let_down_scale_for
from watch_core.movement import LabOne
from watch_core.state import WatchState

_HEADER = (
    f"{'elapsed':>9}  {'date':10}  {'hands':12}  {'reserve':>7}  {'turns':>5}  {'ampl.':>5}  "
    f"{'rate s/d':>8}  {'date hand':>9}  {'cage':>7}  state"
)


def _row(label: str, s: WatchState, note: str = "") -> str:
    whole = int(s.time_of_day_s)
    hands = f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{s.time_of_day_s % 60:06.3f}"
    y, m, d = s.date
    status = "running" if s.running else s.stopped_reason
    return (
        f"{label:>9}  {y:04d}-{m:02d}-{d:02d}  {hands:12}  {s.reserve_h:6.2f}h  {s.wound_turns:5.2f}  "
        f"{s.amplitude_deg:4.0f}°  {s.rate_s_per_day:+8.2f}  {s.date_hand_deg:8.2f}°  {s.cage_deg:6.2f}°  "
        f"{status}{'  ← ' + note if note else ''}"
    )


def _do(action: Callable[[], None], note: str) -> str:
    action()
    return note


def real_day(out: Callable[[str], None] = print) -> LabOne:
    """A fully wound watch over one day at ``let_down_scale=1``, across a month's end."""
    w = LabOne(time_of_day_s=12 * 3600, date=(1955, 4, 30))
    out("A day at the real scale (let_down_scale 1), from noon on 30 April 1955, fully wound:")
    out(_HEADER)
    for hour in range(0, 25, 2):
        if hour:
            w.advance(2 * 3600.0)
        out(_row(f"{hour:2d} h", w.state, "the date hand flies back to 1" if hour == 12 else ""))
    return w


def game_stage(out: Callable[[str], None] = print, tick_s: float = 0.01) -> LabOne:
    """A stage at the game's scale, advanced tick by tick: braking, a fly-back, a timed run, winding."""
    scale = let_down_scale_for(150.0)
    w = LabOne(time_of_day_s=7 * 3600 + 22 * 60, date=(1955, 5, 1), wound_turns=20.0, let_down_scale=scale)
    out("")
    out(
        f"A stage at game scale (let_down_scale {scale:g}: a full wind lasts 150 s), "
        f"advanced in {tick_s} s ticks;"
    )
    out("car #722 leaves Brescia at 07:22 on 1 May 1955 with the crown wound 20 turns:")
    out(_HEADER)
    events: dict[int, Callable[[], str]] = {
        1_000: lambda: _do(w.press, "pusher pressed: cage braked"),
        1_150: lambda: _do(w.flyback, "held 1.5 s: assisted fly-back to 0"),
        1_300: lambda: _do(w.release, "released on a trial's start line"),
        2_700: lambda: _do(w.press, "pressed on its finish line: reads 14 s"),
        2_900: lambda: _do(w.release, "released"),
        12_000: lambda: f"crown turned 10 times: {w.wind(10.0):g} charged, it restarts",
        16_000: lambda: f"crown turned 40 times: {w.wind(40.0):.3f} charged, the rest slipped",
    }
    ticks_per_s = round(1 / tick_s)
    for tick in range(0, 180 * ticks_per_s + 1):
        event = events.get(tick)
        if event is not None:
            note = event()
            out(_row(f"{tick * tick_s:6.2f} s", w.state, note))
        elif tick % (10 * ticks_per_s) == 0:
            out(_row(f"{tick * tick_s:6.2f} s", w.state))
        w.advance(tick_s)
    return w


def main() -> None:
    print(
        f"Chopard Mille Miglia Lab One, Calibre {CALIBRE}: {POWER_RESERVE_H} h reserve, "
        f"{BEATS_PER_HOUR:,} vibrations an hour, {TURNS_TO_FULL_WIND} crown turns to full wind."
    )
    print("")
    real_day()
    game_stage()


if __name__ == "__main__":
    main()
