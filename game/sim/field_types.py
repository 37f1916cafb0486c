"""What the rest of the game sees of the field on the road (docs/design.md §9), as frozen values.

The field's simulation lives in `game.sim`; renderers, sound, the results screen, the route's classification
and the command line read only these. A rival is drawn and heard from its `RivalSnapshot`; a stage's standings
come out of the race as a `FieldOutcome`. Two consecutive snapshots carry the same rivals in the same order
(by start number), so the renderer can interpolate each one between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from watch_core.frozen import positional_builder


@dataclass(frozen=True, slots=True)
class RivalSnapshot:
    """Another car of the field at the end of a tick, near enough to the player to be seen or heard.

    World metres (x east, y north), heading radians CCW from +x, as `CarSnapshot`.
    """

    number: int
    """Start number (= start time hhmm), painted on its roundels."""
    model_id: str
    """Its car model (a file under assets/field/cars): size and livery for drawing it."""
    x_m: float
    y_m: float
    heading_rad: float
    speed_ms: float
    slip: float
    """Combined tyre slip, 0 (rolling) to 1+ (sliding): dust on gravel, squeal."""
    surface: str
    """The surface under it ("asphalt", "gravel", …): dust and sound."""
    engine_load: float
    """0..1: how hard its engine works, for its sound as it is passed."""
    simulated: bool
    """True when it is a full physical body this tick; False when it advances along the road by its pace."""


make_rival_snapshot = positional_builder(RivalSnapshot)
"""`RivalSnapshot(...)` by position, several times faster: up to a dozen are made every tick."""


@dataclass(frozen=True, slots=True)
class Standing:
    """One car's stage time: an entrant's (simulated when near, from its pace when far) or the player's."""

    number: int
    driver: str
    model_id: str
    class_id: str
    time_ms: int
    """Its time over the stage, start to finish, in ms."""
    position: int
    """1-based, overall."""
    class_position: int
    """1-based, within its class."""
    player: bool


@dataclass(frozen=True, slots=True)
class FieldOutcome:
    """The field's side of one race: standings, and who passed whom on the road."""

    standings: tuple[Standing, ...]
    """Fastest first; the player's row among them (only when the player finished)."""
    passed: tuple[int, ...]
    """Numbers of the cars the player overtook on the road, in the order they were passed."""
    passed_by: tuple[int, ...]
    """Numbers of the cars that overtook the player, in order."""

    @property
    def player(self) -> Standing | None:
        return next((s for s in self.standings if s.player), None)

    def class_total(self, class_id: str) -> int:
        return sum(1 for s in self.standings if s.class_id == class_id)
