"""Where each car of the field is when the player's stage starts (docs/design.md §9, docs/field.md).

The number is the start time, for the player and the field alike. An entrant that left Δ seconds before the
player has been on this stage Δ / FIELD_COMPRESSION seconds of game time at GO: the field's start gaps are
compressed by the same ratio as the route's roads (the nine stages draw 1,377 km of the route, town to town, as
34 km of road: about 1 : 40). Where that time has taken it along the stage follows from its own pace table
(`game.sim.field_pace`): a fast entrant that started a minute before the player is about 1.5 s ahead, a diesel
that left ten hours earlier is 15 minutes of its stage ahead, which is past the finish: it is through, with its
stage time from its pace. Entrants that started after the player start the stage that many compressed seconds
after GO, behind the player; the fast ones come up from behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.field import Entrant, Field

FIELD_COMPRESSION = 40.0
"""Real seconds of start gap per second of game time: the route's compression (1,377 km of straight lines between
the towns drawn as 33,992 m of stage road, docs/route.md)."""


@dataclass(frozen=True, slots=True)
class Placement:
    """An entrant on this stage: how long it had been on the stage at GO (negative: it starts that much later)."""

    entrant: Entrant
    clock_at_go_s: float


def player_offset_s(field: Field, car_number: int) -> int:
    """Seconds after the field's first start at which car `car_number` (the player's) starts."""
    return field.start_of(car_number).offset_s


def place_field(field: Field, car_number: int) -> tuple[Placement, ...]:
    """Every entrant but the player's own number, in start order, with its stage clock at GO."""
    player = player_offset_s(field, car_number)
    return tuple(
        Placement(entrant, (player - entrant.start.offset_s) / FIELD_COMPRESSION)
        for entrant in field.entrants
        if entrant.number != car_number
    )
