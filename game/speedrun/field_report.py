"""The field's outcome in one line, as the command line prints it (docs/design.md §9)."""

from __future__ import annotations

from game.sim.field_types import FieldOutcome


def field_line(outcome: FieldOutcome) -> str:
    """`field: passed P, passed by Q, position R/T, class C R2/T2` (position "-" for a run short of the finish)."""
    player = outcome.player
    if player is None:
        where = f"position -/{len(outcome.standings)}, class - -/-"
    else:
        where = (
            f"position {player.position}/{len(outcome.standings)}, "
            f"class {player.class_id} {player.class_position}/{outcome.class_total(player.class_id)}"
        )
    return f"field: passed {len(outcome.passed)}, passed by {len(outcome.passed_by)}, {where}"
