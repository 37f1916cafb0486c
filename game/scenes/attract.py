"""The attract mode behind the title: the autopilot drives the stages one after another, watch and all."""

from __future__ import annotations

import pygame

from game.render.watch.hud import WatchHud
from game.render.world import WorldView, interpolated_car
from game.render.world.camera import Camera
from game.sim.autopilot import AutopilotDriver
from game.sim.cars import car_ids, load_car
from game.sim.race_types import RaceSettings
from game.sim.route import DEFAULT_CAR_NUMBER
from game.sim.route_file import load_route
from game.sim.snapshot import RaceSnapshot
from game.sim.track_catalog import load_track
from game.speedrun.session import RaceSession, RaceSetup

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
        setup = RaceSetup.for_track(track, RaceSettings(car_id=car.id), DEFAULT_CAR_NUMBER)
        self.session = RaceSession(setup, AutopilotDriver(), save=False, track=track, car=car)
        self.view = WorldView(track, self.view_size, car, DEFAULT_CAR_NUMBER)
        self.camera = Camera(self.view_size, "chase")
        self.linger = 0
        for _ in range(START_TICKS):
            self.tick()
        self.camera.snap()
        self.camera.follow(self.cur.car, 0.0)

    @property
    def prev(self) -> RaceSnapshot:
        return self.session.prev

    @property
    def cur(self) -> RaceSnapshot:
        return self.session.cur

    def tick(self) -> None:
        if self.session.finished:
            self.linger += 1
            if self.linger > LINGER_TICKS:
                self.index = (self.index + 1) % len(self.track_ids)
                self._load()
                return
        self.session.step()
        self.session.take_events()  # the demo is silent: nothing listens

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
