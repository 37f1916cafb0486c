"""The attract mode behind the title: the autopilot drives the stages one after another, watch and all."""

from __future__ import annotations

import pygame

from game.render.watch.hud import WatchHud
from game.render.world import WorldView, interpolated_car
from game.render.world.camera import Camera
from game.sim.autopilot import Autopilot
from game.sim.cars import car_ids, load_car
from game.sim.race import Race
from game.sim.race_types import RaceSettings
from game.sim.route_file import load_route
from game.sim.snapshot import RaceSnapshot
from game.sim.track_catalog import load_track

LINGER_TICKS = 200
"""Two seconds past the finish before the next stage starts."""

START_TICKS = 600
"""The demo skips the countdown and the standing start: it begins a few seconds into the run."""


class AttractDemo:
    """One autopilot race at a time, advanced by ticks and drawn like a real race (without the strip)."""

    def __init__(self, view_size: tuple[int, int], hud_height_px: int, *, first: int = 0) -> None:
        self.view_size = view_size
        self.hud = WatchHud(hud_height_px)
        route = load_route()
        self.track_ids = (*route.stage_ids, route.circuit_id)
        self.cars = car_ids()
        self.index = first % len(self.track_ids)
        self._load()

    def _load(self) -> None:
        track = load_track(self.track_ids[self.index])
        car = load_car(self.cars[self.index % len(self.cars)])
        self.race = Race(track, car, RaceSettings(car_id=car.id))
        self.pilot = Autopilot(track, self.race.geometry, car)
        self.view = WorldView(track, self.view_size, car, 722)
        self.camera = Camera(self.view_size, "chase")
        self.prev: RaceSnapshot = self.race.snapshot
        self.cur: RaceSnapshot = self.race.snapshot
        self.linger = 0
        for _ in range(START_TICKS):
            self.tick()
        self.camera.snap()
        self.camera.follow(self.cur.car, 0.0)

    def tick(self) -> None:
        if self.race.finished:
            self.linger += 1
            if self.linger > LINGER_TICKS:
                self.index = (self.index + 1) % len(self.track_ids)
                self._load()
                return
        record = self.pilot.decide(self.cur.car, self.cur.watch, self.race.tick)
        self.prev, self.cur = self.cur, self.race.step(record)

    def frame(self, dt_s: float, alpha: float) -> None:
        self.camera.follow(interpolated_car(self.prev.car, self.cur.car, alpha), dt_s)

    def draw(self, surface: pygame.Surface, alpha: float, *, watch_centre: tuple[int, int]) -> None:
        self.view.draw(surface, self.camera, self.prev, self.cur, alpha)
        snap = self.cur
        self.hud.draw(
            surface,
            watch_centre,
            snap.watch,
            snap.cluster_speed_kmh,
            crown_turns=snap.crown_turns,
            winding=snap.winding,
            pusher=snap.pusher,
            balance_deg=snap.balance_deg,
        )
