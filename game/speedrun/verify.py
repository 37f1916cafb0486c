"""`verify`: re-run a replay headless and check that it reproduces the time it claims.

The simulation is a pure function of track, car, settings and inputs (docs/design.md §6), so verifying is only a
rerun: load the track by id (refusing another version of it by its content hash) and the car, feed the
recorded inputs to `simulate()`, and compare ticks, time, penalty, total, splits and trials with the claim.
No rendering and no autopilot: only the inputs, as fast as the physics runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.sim import TICK_MS
from game.sim.cars import CarError, load_car
from game.sim.race import simulate
from game.sim.race_types import RaceResult
from game.sim.track import Track, TrackError
from game.sim.track_catalog import load_track
from game.speedrun.field_report import field_line
from game.speedrun.replay_format import Replay, ReplayError, field_digest, read_replay
from game.timefmt import format_igt

EXIT_MATCH = 0
EXIT_MISMATCH = 1


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """A replay, what it claims, what the rerun gave, and every difference between the two."""

    replay: Replay
    recomputed: RaceResult
    mismatches: tuple[str, ...]

    @property
    def matches(self) -> bool:
        return not self.mismatches


def verify_replay(path: str | Path) -> VerifyOutcome:
    """Read and re-simulate the replay at `path`; ReplayError if it cannot be read or run on this game."""
    try:
        return verify(read_replay(path))
    except ReplayError as exc:
        message = str(exc)
        raise ReplayError(message if message.startswith(str(path)) else f"{path}: {message}") from None


def verify(replay: Replay) -> VerifyOutcome:
    """Re-simulate an already loaded replay and compare with its claim."""
    track = track_for(replay)
    try:
        car = load_car(replay.car_id)
    except CarError as exc:
        raise ReplayError(f"recorded with a car this game does not have: {exc}") from None
    recomputed = simulate(track, car, replay.settings, replay.inputs)
    mismatches = compare_results(replay.result, recomputed)
    if field_digest(recomputed.field) != replay.field_digest:
        mismatches = (
            *mismatches,
            "field: the re-simulated field's standings or passes differ from the recording",
        )
    return VerifyOutcome(replay, recomputed, mismatches)


def track_for(replay: Replay) -> Track:
    """The replay's track, refused if this game's version of it differs from the recorded one."""
    try:
        track = load_track(replay.track_id)
    except TrackError as exc:
        raise ReplayError(f"recorded on a track this game does not have: {exc}") from None
    if track.content_hash != replay.track_hash:
        raise ReplayError(
            f"recorded on another version of track {replay.track_id} (hash {replay.track_hash[:12]}…, "
            f"this game's is {track.content_hash[:12]}…), so the run cannot be reproduced"
        )
    return track


def compare_results(claimed: RaceResult, recomputed: RaceResult) -> tuple[str, ...]:
    """Every field where the claim and the rerun differ, said for a person."""
    out: list[str] = []
    for field, unit in (
        ("finished", ""),
        ("ticks", " ticks"),
        ("time_ms", " ms"),
        ("penalty_ms", " ms"),
        ("total_ms", " ms"),
    ):
        a, b = getattr(claimed, field), getattr(recomputed, field)
        if a != b:
            out.append(f"{field}: claimed {a}{unit}, re-simulated {b}{unit}")
    if len(claimed.splits) != len(recomputed.splits):
        out.append(f"splits: claimed {len(claimed.splits)}, re-simulated {len(recomputed.splits)}")
    for i, (a, b) in enumerate(zip(claimed.splits, recomputed.splits, strict=False), start=1):
        if a != b:
            out.append(
                f"split {i}: claimed {a.name} (line {a.line_index}) at {format_igt(a.igt_ms)}, "
                f"re-simulated {b.name} (line {b.line_index}) at {format_igt(b.igt_ms)}"
            )
    if len(claimed.trials) != len(recomputed.trials):
        out.append(f"trials: claimed {len(claimed.trials)}, re-simulated {len(recomputed.trials)}")
    for a, b in zip(claimed.trials, recomputed.trials, strict=False):
        if a != b:
            out.append(
                f"trial {a.name}: claimed {a.measured_cs} cs ({a.points} points), "
                f"re-simulated {b.measured_cs} cs ({b.points} points)"
            )
    return tuple(out)


def main_verify(path: str, out: TextIO) -> int:
    """`python -m game verify FILE`: print the rerun IGT and splits; exit 0 match, 1 mismatch.

    A replay that cannot be read or run on this game raises ReplayError naming the file, which the command
    line reports on stderr with exit 2 (`game.cli.main`): 1 means only "read, re-simulated, different".
    """
    started = time.perf_counter()
    outcome = verify_replay(path)
    elapsed_s = time.perf_counter() - started
    replay, result = outcome.replay, outcome.recomputed
    s = replay.settings
    out.write(
        f"{path}: {replay.track_id} · {s.car_id} · {s.difficulty} · {s.gearbox} gearbox · "
        f"category {replay.category} · car #{replay.car_number} · "
        f"{'clear road' if s.clear_road or result.field is None else 'field'} · game {replay.game_version}\n"
    )
    claimed = {(sp.line_index, i): sp for i, sp in enumerate(replay.result.splits)}
    for i, split in enumerate(result.splits):
        mark = "" if claimed.get((split.line_index, i)) == split else "   ≠ claim"
        out.write(f"  {i + 1:>3}  {split.name:<28} {format_igt(split.igt_ms)}{mark}\n")
    for trial in result.trials:
        out.write(
            f"      {trial.name:<28} target {trial.target_cs / 100:.2f} s  "
            f"measured {trial.measured_cs / 100:.2f} s  {trial.points} pts\n"
        )
    if result.field is not None:
        out.write(f"  {field_line(result.field)}\n")
    if result.finished:
        if result.penalty_ms:
            out.write(
                f"  penalties +{result.penalty_ms / 1000:.2f} s  result {format_igt(result.total_ms)}\n"
            )
        out.write(f"IGT {format_igt(result.time_ms)}\n")
    else:
        out.write(f"DNF after {format_igt(result.time_ms)}\n")
    speed = result.ticks * TICK_MS / 1000 / elapsed_s if elapsed_s > 0 else float("inf")
    out.write(f"re-simulated {result.ticks} ticks in {elapsed_s:.2f} s ({speed:.0f}× real time)\n")
    if outcome.matches:
        out.write("MATCH: the replay reproduces its claimed result\n")
        return EXIT_MATCH
    out.write("MISMATCH: the replay does not reproduce its claim\n")
    for line in outcome.mismatches:
        out.write(f"  {line}\n")
    return EXIT_MISMATCH
