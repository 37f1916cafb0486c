"""A scripted drive that exercises every race sound, for listening (tools/render_audio.py), measuring, tests.

It is a list of snapshots, one per simulation tick, shaped as the simulation makes them: idle and a rev in
the countdown, a full-throttle run up through four gears, a lift and a rear-wheel skid, gravel, cobbles, a
crash, winding at a standstill, the pusher held, then the mainspring running down to the stop and the
hush after it, and finally the menus (None).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import MISSING, fields, replace

import numpy as np

from game.audio.soundscape import RaceSoundscape
from game.sim import TICK_HZ, TICK_S
from game.sim.events import Beats, CrownClicks, GearShifted, Impact, PusherMoved, RaceEvent
from game.sim.snapshot import CarSnapshot, RaceSnapshot
from watch_core import WatchReading, WatchState

BEATS_PER_S = 8
IDLE_RPM = 900.0
CROWN_CLICKS_PER_S = 40
"""Two crown turns a second, twenty ratchet clicks a turn."""
GEAR_TICKS = 250


_NEUTRAL_BY_TYPE: dict[str, object] = {"float": 0.0, "int": 0, "bool": False, "str": ""}


def _neutral(cls: type, values: dict[str, object]) -> object:
    """`cls(**values)`, every other required field at a neutral value (0, False, "", an empty tuple).

    The sound reads a few fields of the contract dataclasses; filling the rest by type keeps this script
    working while the simulation's snapshots gain fields.
    """
    filled = dict(values)
    for field in fields(cls):
        if field.name in filled or field.default is not MISSING or field.default_factory is not MISSING:
            continue
        kind = str(field.type)
        if kind in _NEUTRAL_BY_TYPE:
            filled[field.name] = _NEUTRAL_BY_TYPE[kind]
        elif kind.startswith("tuple"):
            filled[field.name] = ()
        else:
            raise TypeError(f"no neutral value for {cls.__name__}.{field.name}: {kind}")
    return cls(**filled)


def watch_state(
    beats: int, running: bool = True, braked: bool = False, amplitude_deg: float = 280.0
) -> WatchState:
    """A watch as the sound reads it (beats, running, amplitude); the rest at neutral values."""
    values: dict[str, object] = {
        "running": running,
        "braked": braked,
        "amplitude_deg": amplitude_deg if running else 0.0,
        "beats": beats,
        "date": (1955, 5, 1),
        "stopped_reason": None if running else ("braked" if braked else "run down"),
    }
    state = _neutral(WatchState, values)
    assert isinstance(state, WatchState)
    return state


def car_snapshot(**changes: float | int | bool | str) -> CarSnapshot:
    """A car standing on asphalt with the engine idling, changed by keyword."""
    values: dict[str, object] = {
        "rpm": IDLE_RPM,
        "gear": 1,
        "surface_front": "asphalt",
        "surface_rear": "asphalt",
    }
    car = _neutral(CarSnapshot, {**values, **changes})
    assert isinstance(car, CarSnapshot)
    return car


def race_snapshot(tick: int, car: CarSnapshot, watch: WatchState, **changes: object) -> RaceSnapshot:
    """A racing snapshot at `tick` (countdown over), changed by keyword."""
    values: dict[str, object] = {
        "tick": tick,
        "phase": "racing",
        "igt_ms": tick * 10,
        "car": car,
        "watch_reading": WatchReading.showing(watch),
        "lap": 1,
        "laps": 1,
        "cluster_speed_kmh": car.speed_ms * 3.6,
    }
    snapshot = _neutral(RaceSnapshot, {**values, **changes})
    assert isinstance(snapshot, RaceSnapshot)
    return snapshot


def _drive_car(tick: int) -> CarSnapshot:
    """The car at `tick` of the script."""
    t_s = tick * TICK_S
    if t_s < 3.0:  # countdown: idle, one blip of the throttle
        rev = max(0.0, math.sin(math.pi * (t_s - 1.4) / 0.8)) if 1.4 <= t_s < 2.2 else 0.0
        return car_snapshot(rpm=IDLE_RPM + 2600.0 * rev, throttle=rev, engine_load=0.2 * rev)
    if t_s < 13.0:  # four gears, 2,000 → 6,000 rpm in each, 2.5 s a gear
        gear_ticks = tick - 3 * TICK_HZ
        gear_t = gear_ticks * TICK_S
        gear = gear_ticks // GEAR_TICKS + 1
        within = (gear_ticks % GEAR_TICKS) / GEAR_TICKS
        start_rpm = 2000.0 if gear == 1 else 4100.0
        rpm = start_rpm + (6000.0 - start_rpm) * within
        shifted = gear > 1 and gear_ticks % GEAR_TICKS == 0
        return car_snapshot(
            rpm=rpm, gear=gear, throttle=1.0, engine_load=1.0, speed_ms=4.0 + 3.0 * gear_t, shifted=shifted
        )
    if t_s < 15.0:  # lift, then the tail steps out on asphalt
        lift = (t_s - 13.0) / 2.0
        slip = 0.75 if t_s >= 13.4 else 0.0
        return car_snapshot(rpm=6000.0 - 2500.0 * lift, gear=4, speed_ms=34.0 - 8.0 * lift, slip_rear=slip)
    if t_s < 19.0:  # gravel, sliding a little
        slide = 0.25 + 0.25 * math.sin(t_s * 2.0) ** 2
        return car_snapshot(
            rpm=4500.0,
            gear=3,
            throttle=0.7,
            engine_load=0.7,
            speed_ms=22.0,
            slip_front=slide * 0.6,
            slip_rear=slide,
            surface_front="gravel",
            surface_rear="gravel",
        )
    if t_s < 21.0:  # cobbles through a town
        return car_snapshot(
            rpm=3000.0,
            gear=2,
            throttle=0.4,
            engine_load=0.4,
            speed_ms=15.0,
            surface_front="cobbles",
            surface_rear="cobbles",
        )
    if t_s < 21.5:  # into a wall
        impulse = 3500.0 if tick == 21 * TICK_HZ else 0.0
        return car_snapshot(rpm=1500.0, gear=1, speed_ms=2.0, impact_impulse=impulse)
    return car_snapshot()


def _watch_at(tick: int) -> tuple[WatchState, bool, bool, int]:
    """The watch, the pusher, winding and crown clicks at `tick`: wind at 21.5–24.5 s, brake at 25–27 s, run
    down from 27 s (amplitude falling) to the stop at 30 s."""
    t_s = tick * TICK_S
    pusher = 2500 <= tick < 2700
    winding = 2150 <= tick < 2450
    clicks = 0
    if winding:
        wound = tick - 2150
        clicks = (wound + 1) * CROWN_CLICKS_PER_S // TICK_HZ - wound * CROWN_CLICKS_PER_S // TICK_HZ
    going_s = min(t_s, 25.0) + max(0.0, min(t_s, 30.0) - 27.0)
    beats = 1000 + math.floor(going_s * BEATS_PER_S + 1e-9)
    running = not pusher and t_s < 30.0
    amplitude = 280.0 - 160.0 * max(0.0, (t_s - 27.0) / 3.0)
    return (
        watch_state(beats, running=running, braked=pusher, amplitude_deg=amplitude),
        pusher,
        winding,
        clicks,
    )


SCRIPT_S = 34.5
MENU_FROM_S = 33.0


def scripted_drive() -> list[RaceSnapshot | None]:
    """One snapshot per tick of the whole script, each with the events of its tick as the race would say
    them (beats, crown clicks, the pusher, shifts, the crash); None from `MENU_FROM_S` (back in the menus)."""
    snapshots: list[RaceSnapshot | None] = []
    for tick in range(round(SCRIPT_S * TICK_HZ)):
        t_s = tick * TICK_S
        if t_s >= MENU_FROM_S:
            snapshots.append(None)
            continue
        watch, pusher, winding, clicks = _watch_at(tick)
        car = _drive_car(tick)
        countdown = max(0, 300 - tick)
        snapshot = race_snapshot(
            tick,
            car,
            watch,
            phase="countdown" if countdown else "racing",
            countdown_ticks=countdown,
            igt_ms=max(0, tick - 300) * 10,
            pusher=pusher,
            winding=winding,
            crown_clicks=clicks,
        )
        snapshots.append(snapshot)
    return with_events(snapshots)


def with_events(snapshots: list[RaceSnapshot | None]) -> list[RaceSnapshot | None]:
    """Hand-made snapshots with the events the race would have said in each tick (the script stands in for
    the race here: the sound under test only listens to events)."""
    out: list[RaceSnapshot | None] = []
    before: RaceSnapshot | None = None
    for snapshot in snapshots:
        if snapshot is not None:
            snapshot = replace(snapshot, events=_events_of(before, snapshot))
        out.append(snapshot)
        before = snapshot
    return out


def _events_of(before: RaceSnapshot | None, now: RaceSnapshot) -> tuple[RaceEvent, ...]:
    """What the race would say happened in `now`'s tick, for this script of hand-made snapshots."""
    tick, car = now.tick, now.car
    events: list[RaceEvent] = []
    if now.crown_clicks:
        events.append(CrownClicks(tick, now.crown_clicks))
    if before is not None and now.pusher != before.pusher:
        events.append(PusherMoved(tick, now.pusher))
    if car.shifted:
        events.append(GearShifted(tick, car.gear))
    if car.impact_impulse > 0.0:
        events.append(Impact(tick, car.impact_impulse))
    if before is not None and now.watch.beats > before.watch.beats:
        events.append(Beats(tick, now.watch.beats - before.watch.beats))
    return tuple(events)


def frames(
    snapshots: list[RaceSnapshot | None], fps: float
) -> Iterator[tuple[RaceSnapshot | None, tuple[RaceEvent, ...]]]:
    """(latest snapshot, events of the ticks since the last frame) for each frame rendered at `fps`, as the
    race scene hands them to the sound (the same snapshot and no events when no tick passed)."""
    shown = -1
    for frame in range(int(len(snapshots) / TICK_HZ * fps)):
        tick = min(len(snapshots) - 1, int(frame / fps * TICK_HZ))
        cur = snapshots[tick]
        events: list[RaceEvent] = []
        for passed in snapshots[shown + 1 : tick + 1]:
            if passed is not None:
                events += passed.events
        shown = max(shown, tick)
        yield cur, tuple(events)


def render_frames(
    scape: RaceSoundscape, snapshots: list[RaceSnapshot | None], fps: float = 60.0
) -> np.ndarray:
    """The soundscape's output over the snapshots, one observe and one frame's worth of samples per frame."""
    blocks = []
    for frame, (cur, events) in enumerate(frames(with_events(snapshots), fps)):
        n = round((frame + 1) * scape.sample_rate / fps) - round(frame * scape.sample_rate / fps)
        scape.observe(cur, events)
        blocks.append(scape.render(n))
    return np.concatenate(blocks) if blocks else np.zeros((0, 2))
