"""`python -m game bench`: the figures the game lives by (issue 10), measured headless in one command.

Frame cost with the full HUD at two sizes and on the shortest and longest stage, against a bare clear-and-flip
floor measured in the same run; simulation and `verify` speed as multiples of real time; start-up from source
(and frozen, when built); peak memory over the full route. Each part lives in its own module; this one only
orders them, so the CPU-bound timings run before the child processes. Exit 0 when every figure was measured
(over-budget figures are flagged, not fatal: a shared machine's noise must not fail a build), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from game.bench.plan import FULL, QUICK, BenchPlan

EXIT_OK = 0
EXIT_INCOMPLETE = 1


def main_bench(args: argparse.Namespace, out: TextIO, *, plan: BenchPlan | None = None) -> int:
    """Run the benchmarks (or, with --first-frame, only the start-up probe a benchmark run spawns)."""
    if args.first_frame:
        from game.bench.startup import first_frame

        return first_frame(out)
    from game.bench.headless import scratch_player_dirs, use_headless_drivers
    from game.bench.report import print_report, to_json
    from game.bench.suite import run_all

    use_headless_drivers()
    chosen = plan or (QUICK if args.quick else FULL)
    with scratch_player_dirs():
        results = run_all(chosen, "quick" if args.quick else "full", args.frozen, out)
    print_report(results, out)
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results), indent=2) + "\n", encoding="utf-8")
        out.write(f"figures written to {args.json}\n")
    return EXIT_INCOMPLETE if results.errors else EXIT_OK
