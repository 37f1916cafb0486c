"""Medal times per stage, set from the autopilot's best with documented margins (docs/design.md §5).

`python -m tools.trackgen.medals` lets the autopilot drive every track with every car, takes the best
result (penalties included) and writes `assets/medals.json`; the generator puts those times into the track
files (medals are outside a track's content hash, so re-timing them never invalidates a replay).

The margins: the "722" medal (after Moss and Jenkinson's car) is the autopilot's best itself, rounded down to
the tenth — a clean line with no regularity points; gold allows 4 %, silver 10 %, bronze 20 %, each rounded up to
the tenth of a second. A human who drives the line harder than the autopilot's grip margins beats the 722.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from game.resources import asset_path

MARGINS = {"moss_ms": 0.0, "gold_ms": 0.04, "silver_ms": 0.10, "bronze_ms": 0.20}


def medals_path() -> Path:
    return asset_path("medals.json")


def load_medal_table() -> dict[str, dict[str, int]]:
    """{track id: {"bronze_ms": .., "silver_ms": .., "gold_ms": .., "moss_ms": ..}}, empty when not timed yet."""
    path = medals_path()
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {
            k: {m: int(v) for m, v in row.items() if m in MARGINS}
            for k, row in json.load(handle)["tracks"].items()
        }


def medals_from_best(best_ms: int) -> dict[str, int]:
    """The four thresholds from the autopilot's best result (ms)."""
    table = {}
    for name, margin in MARGINS.items():
        limit = best_ms * (1.0 + margin)
        table[name] = math.floor(limit / 100) * 100 if margin == 0.0 else math.ceil(limit / 100) * 100
    return table


def time_all(out=sys.stdout) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    from game.sim.cars import car_ids, load_car
    from game.sim.race_types import RaceSettings
    from game.sim.track_catalog import load_track, track_ids
    from game.speedrun.session import drive

    table: dict[str, dict[str, int]] = {}
    for track_id in track_ids():
        track = load_track(track_id)
        results = {}
        for car_id in car_ids():
            run = drive(track, load_car(car_id), RaceSettings(car_id=car_id, clear_road=True))
            if run.result.finished:
                results[car_id] = run.result.total_ms
        best_car = min(results, key=lambda c: (results[c], c))
        table[track_id] = {**medals_from_best(results[best_car]), "autopilot_best_ms": results[best_car]}
        slowest = max(results.values())
        out.write(
            f"{track_id:<22} best {results[best_car] / 1000:8.3f} s ({best_car}), slowest car {slowest / 1000:.1f} s\n"
        )
    return table


def main() -> int:
    """Re-time the autopilot's best and the 722; gold, silver and bronze already set for people by
    `python -m game calibrate --write` are kept (the margins above only fill a track that has none)."""
    from game.commands.calibrate import MEDALS_ABOUT

    table = time_all()
    shipped = load_medal_table()
    for track_id, row in table.items():
        for name in ("gold_ms", "silver_ms", "bronze_ms"):
            if name in shipped.get(track_id, {}):
                row[name] = max(shipped[track_id][name], row["moss_ms"] + 100)
    document = {"about": MEDALS_ABOUT, "tracks": table}
    medals_path().write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {medals_path()}; now run `python -m tools.trackgen` to put them into the tracks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
