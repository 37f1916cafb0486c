"""Public figures of Chopard's Calibre 04.03-M, the movement of the Mille Miglia Lab One.

Sources (see also docs/design.md §2 and docs/route.md "Watch physics"):

- Chopard's press material for the Mille Miglia Lab One (2020, 20 pieces): Calibre 04.03-M, a self-winding
  "form" tourbillon chronometer derived from the L.U.C 04.01-L, 60 hours of power reserve, a patented
  stop-tourbillon that halts the carriage, power reserve indicator at 7:30, retrograde display at 4:30,
  tourbillon with small seconds at 6.
- Beat rate: not in the press material. 4 Hz (28,800 vibrations an hour, a beat every 0.125 s) is assumed, as
  on the L.U.C 04.01-L (docs/design.md §2).
- Turns to full wind: a long-reserve movement takes about 35–40 crown turns from stopped to full (docs/route.md);
  the model takes 38.
- Balance amplitude: about 270–315° fully wound, falling below about 240° near run-down, where the rate drifts
  (docs/route.md). The model takes 300° at full wind, isochronous down to 240° and a stop at 150°.
"""

from __future__ import annotations

from typing import Final

CALIBRE: Final = "04.03-M"

BEATS_PER_HOUR: Final = 28_800
"""Vibrations (beats) of the balance per hour: 4 Hz."""
BEATS_PER_SECOND: Final = BEATS_PER_HOUR // 3600
BEAT_NS: Final = 1_000_000_000 // BEATS_PER_SECOND
"""Length of one beat at the calibre's rate, in integer nanoseconds (125 ms)."""

POWER_RESERVE_H: Final = 60
"""Hours a full wind lasts at the real let-down speed (``let_down_scale=1``)."""
TURNS_TO_FULL_WIND: Final = 38
"""Crown turns from stopped to full; further turns slip in the barrel (slipping bridle)."""

FULL_AMPLITUDE_DEG: Final = 300.0
"""Balance amplitude at full wind."""
ISOCHRONOUS_AMPLITUDE_DEG: Final = 240.0
"""Down to this amplitude the movement keeps time; below it, it runs slow."""
MIN_AMPLITUDE_DEG: Final = 150.0
"""Amplitude at the last beat the spring can drive: below it the escapement no longer unlocks."""
RATE_AT_MIN_AMPLITUDE_S_PER_DAY: Final = -60.0
"""Rate error at :data:`MIN_AMPLITUDE_DEG` (runs slow); it grows quadratically below 240°."""
