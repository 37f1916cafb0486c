"""`python -m game stages`: the track ids in route order (or the cars, with --cars)."""

from __future__ import annotations

import argparse
from typing import TextIO

from game.sim.cars import car_ids, load_car
from game.sim.track_catalog import load_track, track_ids


def main_stages(args: argparse.Namespace, out: TextIO) -> int:
    if args.cars:
        for car_id in car_ids():
            spec = load_car(car_id)
            out.write(f"{car_id:<24} {spec.name}\n")
        return 0
    for track_id in track_ids():
        track = load_track(track_id)
        out.write(f"{track_id:<28} {track.name:<36} {track.region}\n")
    return 0
