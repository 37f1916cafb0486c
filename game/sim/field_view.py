"""The field as a snapshot shows it: made only when something reads it (docs/design.md §9).

The race makes a snapshot every tick, but a window draws one a frame and `verify` none. Placing every far car in
sight on its lane was half of a tick's cost with the field on the road, so a snapshot carries the field as a
`FieldView`: the near cars' bodies as they stood at the end of the tick, and the far cars as an immutable `FarField`
(offsets change only when a car takes or leaves its body), from which the cars in sight are worked out on first
reading. The bodies move on at the next tick, so a view nobody has read by then has them read just before (the
field keeps a weak reference to its latest view: a view nobody keeps, as `verify`'s and the bench's, is never
read), kept as Chipmunk gave them (a `NearReading`). Two readings of the same view give the same tuple; the result
is the one the race would have built eagerly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, Protocol, overload

from game.sim import TICK_S
from game.sim.field_pace import PaceTable
from game.sim.field_types import RivalSnapshot, make_rival_snapshot
from game.sim.geometry import TrackGeometry

VISIBLE_M = 300.0
"""Rivals within this distance are in the race's snapshot: what a 0.37 zoom camera shows at 1920×1080, and more."""

MAX_CLOSING_MS = 100.0
"""No two cars close on each other faster than this: a far car is looked at again only when it could be near."""

FAR_LOAD = 0.6
"""The engine load a far car is heard with (it cruises at its pace)."""

_NEVER = 1 << 62


class FarCar(NamedTuple):
    """A car of the field without a body, as it stands until it next takes one: its place is a function of time."""

    number: int
    model_id: str
    table: PaceTable
    offset: float
    """Its own pace time minus the race time: it is at `table.s_at(tau + offset)`."""
    t_start: float
    finished: bool
    lane: float


NearReading = tuple[int, str, Any, Any, float, float, str, float]
"""A body read at the end of a tick: number, model id, Chipmunk's position and velocity (`cpVect` values, copies),
its angle, and its driver's slip, surface and engine load as they stood then."""


class Bodies(Protocol):
    """The field's bodies as they stand now (`game.sim.field_sim.FieldSim`)."""

    def readings(self) -> list[NearReading]: ...


def near_snapshot(reading: NearReading) -> RivalSnapshot:
    """The snapshot of a body from its reading: what the race would have made at the end of the tick."""
    number, model_id, position, velocity, angle, slip, surface, load = reading
    vx, vy = velocity.x, velocity.y
    return make_rival_snapshot(
        number,
        model_id,
        position.x,
        position.y,
        angle,
        math.sqrt(vx * vx + vy * vy),
        slip,
        surface,
        load,
        True,
    )


class FarField:
    """The far cars between two switches, by number, on their road up to its finish, and which of them need not be
    looked at until when.

    The cars are immutable; the reading aid (`_from`, `_until`: a car is out of sight for every tick in
    [from, until)) only spares work and never changes what a reading gives.
    """

    __slots__ = ("_from", "_until", "cars", "finish_s", "geometry")

    def __init__(self, geometry: TrackGeometry, finish_s: float, cars: tuple[FarCar, ...]) -> None:
        self.geometry = geometry
        self.finish_s = finish_s
        self.cars = cars
        self._from = [0] * len(cars)
        self._until = [0] * len(cars)

    def in_sight(self, tick: int, tau: float, player_s: float) -> list[RivalSnapshot]:
        """Every far car on the road within VISIBLE_M of the player at this tick, by number."""
        geometry = self.geometry
        finish_s = self.finish_s
        out: list[RivalSnapshot] = []
        since = self._from
        until = self._until
        reach = MAX_CLOSING_MS * TICK_S
        for i, car in enumerate(self.cars):
            if since[i] <= tick < until[i]:
                continue
            if car.finished:
                since[i], until[i] = -_NEVER, _NEVER
                continue
            own = tau + car.offset
            if own < car.t_start:
                since[i], until[i] = tick, tick + max(1, int((car.t_start - own) / TICK_S))
                continue
            table = car.table
            s = table.s_at(own)
            if s > finish_s:
                s = finish_s
            gap = abs(s - player_s)
            if gap > VISIBLE_M:
                since[i], until[i] = tick, tick + max(1, int((gap - VISIBLE_M) / reach))
                continue
            x, y, heading = geometry.lane_point(s, car.lane)
            out.append(
                make_rival_snapshot(
                    car.number,
                    car.model_id,
                    x,
                    y,
                    heading,
                    table.speed_at(s),
                    0.0,
                    geometry.surface_along(s),
                    FAR_LOAD,
                    False,
                )
            )
        return out


class FieldView(Sequence[RivalSnapshot]):
    """The cars of the field in sight at the end of one tick, by number: a tuple made on first reading."""

    __slots__ = (
        "__weakref__",
        "_bodies",
        "_cars",
        "_far",
        "_near",
        "_player_s",
        "_tau",
        "_tick",
    )

    def __init__(self, tick: int, tau: float, player_s: float, bodies: Bodies | None, far: FarField) -> None:
        """`bodies`: where the near cars are read, while they stand as at the end of `tick` (None: no near car)."""
        self._tick = tick
        self._tau = tau
        self._player_s = player_s
        self._bodies = bodies
        self._near: list[NearReading] = []
        self._far = far
        self._cars: tuple[RivalSnapshot, ...] | None = None

    @property
    def cars(self) -> tuple[RivalSnapshot, ...]:
        cars = self._cars
        if cars is None:
            self.read_bodies()
            far = self._far.in_sight(self._tick, self._tau, self._player_s)
            if self._near:
                far.extend(map(near_snapshot, self._near))
                far.sort(key=_number)
            cars = self._cars = tuple(far)
        return cars

    def read_bodies(self) -> None:
        """Read the near cars now, if not yet: before their bodies move on (the field calls this then)."""
        bodies = self._bodies
        if bodies is not None:
            self._bodies = None
            self._near = bodies.readings()

    @overload
    def __getitem__(self, index: int) -> RivalSnapshot: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[RivalSnapshot, ...]: ...

    def __getitem__(self, index: int | slice) -> RivalSnapshot | tuple[RivalSnapshot, ...]:
        return self.cars[index]

    def __len__(self) -> int:
        return len(self.cars)

    def __iter__(self) -> Iterator[RivalSnapshot]:
        return iter(self.cars)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FieldView):
            return self.cars == other.cars
        if isinstance(other, tuple):
            return self.cars == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.cars)

    def __repr__(self) -> str:
        return f"FieldView{self.cars!r}"


def _number(rival: RivalSnapshot) -> int:
    return rival.number
