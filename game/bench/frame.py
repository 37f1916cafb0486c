"""Frame cost during a race: the real race scene, the full HUD, driven by a recorded autopilot run.

A frame is what `game.app.run_frame` does for a race: the ticks a 60 Hz frame allows (`FixedStepClock`), then
`scene.frame(dt)`, `scene.draw(surface, alpha)` and the present. Inputs come from the recording through a
stand-in for the input mapper, so every repeat draws exactly the same frames; each repeat builds a fresh scene
(cold tile caches, as a player meets a stage). Timing is split around the same calls the scene makes:

- sim: the scene's ticks (input record, `Race.step`, live timing);
- world: `WorldView.draw` (timed by wrapping the scene's own view object);
- hud: the rest of `scene.draw` (the watch, the timing strip, the race messages);
- other: `scene.frame` (camera, sound) and the present.

Each frame's CPU time (this thread's, `time.thread_time`) is kept beside its wall time: on a shared machine the
wall clock also counts the time other processes held the core, the CPU time much less so.

Besides these sampled stretches, a stage pass times every frame of one stage from GO to the finish (one
repeat): a hitch that comes once a minute never shows in 300 frames. The field frames time a recording driven
with the 1955 field where it has rivals on screen throughout (`field_stretch.py`), after playing up to it
undrawn.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.bench.field_stretch import FieldStretch, pick_stretch, replay_frames, rivals_on_screen
from game.bench.recordings import Recording
from game.bench.stats import FrameFigures, frame_figures
from game.bench.surface import bench_display, size_key
from game.collector import QuietCollector
from game.display import Display
from game.sim import TICK_HZ
from game.sim.input_source import RecordedInputs
from game.sim.race_types import COUNTDOWN_TICKS

FRAME_HZ = 60
FRAME_S = 1.0 / FRAME_HZ
PARTS = ("sim", "world", "hud", "other")


def ticks_needed(frames: int) -> int:
    """Records a benchmark of `frames` frames (after the countdown) consumes, with a frame to spare."""
    return COUNTDOWN_TICKS + math.ceil((frames + 1) * TICK_HZ / FRAME_HZ) + 1


@dataclass(frozen=True, slots=True)
class RaceFrames:
    """Frame cost of one stage at one size: the whole frame and its parts, each over repeats (ms)."""

    track_id: str
    size: tuple[int, int]
    total: FrameFigures
    parts: dict[str, FrameFigures]
    cpu: FrameFigures
    """The whole frame in this thread's CPU time."""

    def as_dict(self) -> dict[str, object]:
        return {
            "stage": self.track_id,
            "size": size_key(self.size),
            **self.total.as_dict(),
            "split": {name: figures.as_dict() for name, figures in self.parts.items()},
            "cpu": self.cpu.as_dict(),
        }


class NoDevices:
    """Stands in for the input mapper where the scene asks about devices: none is ever unplugged."""

    controller_lost = False


class Stopwatch:
    """Adds up the time spent inside a wrapped callable."""

    def __init__(self) -> None:
        self.total_s = 0.0

    def wrap(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.total_s += time.perf_counter() - started

        return timed


def build_scene(recording: Recording, display: Display, audio: Any) -> Any:
    """A real race scene on a headless context with default settings and the recorded driver."""
    from game.frame_clock import FixedStepClock
    from game.scenes.context import Context
    from game.scenes.flow import Flow
    from game.scenes.race_scene import RaceScene
    from game.settings import Settings
    from game.speedrun.session import RaceSetup

    track, settings = recording.track, recording.settings
    ctx = Context(
        settings=Settings(),
        display=display,
        input=NoDevices(),  # type: ignore[arg-type]
        audio=audio,
        frame_clock=FixedStepClock(tick_s=1.0 / TICK_HZ, max_catch_up_s=0.25),
    )
    setup = RaceSetup.for_track(track, settings, Settings().gameplay.car_number)
    return RaceScene(ctx, Flow(ctx), setup, inputs=RecordedInputs(recording.run.records), save=False)


def race_frame_times(
    recording: Recording,
    display: Display,
    audio: Any,
    frames: int | None,
    warmup_frames: int,
    lead_frames: int = 0,
) -> dict[str, list[float]]:
    """One repeat: a fresh scene, the countdown ticked through undrawn, `lead_frames` frames played undrawn
    (ticks and camera only), warm-up frames, then timed frames (`frames` None: every frame until the recorded
    run has crossed the finish, or its records run out). Beside the times, "on_screen" holds the rivals on
    screen in each timed frame and "rivals" the time spent drawing them (part of "world")."""
    scene = build_scene(recording, display, audio)
    world = Stopwatch()
    scene.view.draw = world.wrap(scene.view.draw)
    rivals = Stopwatch()
    scene.view.rivals.draw = rivals.wrap(scene.view.rivals.draw)
    clock = scene.ctx.frame_clock
    surface = display.surface
    for _ in range(COUNTDOWN_TICKS):
        scene.tick()
    for _ in range(lead_frames):
        for _ in range(clock.advance(FRAME_S).ticks):
            scene.tick()
        scene.frame(FRAME_S)
    times: dict[str, list[float]] = {
        "total": [],
        "cpu": [],
        **{name: [] for name in PARTS},
        "rivals": [],
        "on_screen": [],
    }
    collector = QuietCollector()  # as `game.app.run_loop` keeps full collections out of a race's frames
    collector.on_frame(scene)
    index = -1
    while True:
        index += 1
        if frames is None:
            if scene.session.finished or scene.session.race.tick >= len(recording.run.records):
                break
        elif index >= warmup_frames + frames:
            break
        world.total_s = rivals.total_s = 0.0
        c0 = time.thread_time()
        t0 = time.perf_counter()
        for _ in range(clock.advance(FRAME_S).ticks):
            scene.tick()
        t1 = time.perf_counter()
        scene.frame(FRAME_S)
        t2 = time.perf_counter()
        scene.draw(surface, clock.alpha)
        t3 = time.perf_counter()
        display.present()
        t4 = time.perf_counter()
        c4 = time.thread_time()
        if index < warmup_frames:
            continue
        times["total"].append((t4 - t0) * 1000.0)
        times["cpu"].append((c4 - c0) * 1000.0)
        times["sim"].append((t1 - t0) * 1000.0)
        times["world"].append(world.total_s * 1000.0)
        times["hud"].append((t3 - t2 - world.total_s) * 1000.0)
        times["other"].append((t2 - t1 + t4 - t3) * 1000.0)
        times["rivals"].append(rivals.total_s * 1000.0)
        times["on_screen"].append(
            float(rivals_on_screen(scene.camera, scene.prev.field, scene.cur.field, clock.alpha))
        )
    collector.release()
    return times


def measure_race_frames(
    recording: Recording, size: tuple[int, int], audio: Any, *, frames: int, warmup_frames: int, repeats: int
) -> RaceFrames:
    display = bench_display(size)
    runs = [race_frame_times(recording, display, audio, frames, warmup_frames) for _ in range(repeats)]
    return summarise(recording.track.id, size, runs)


def summarise(track_id: str, size: tuple[int, int], runs: list[dict[str, list[float]]]) -> RaceFrames:
    """The figures of repeats of `race_frame_times`."""
    return RaceFrames(
        track_id,
        size,
        frame_figures([run["total"] for run in runs]),
        {name: frame_figures([run[name] for run in runs]) for name in PARTS},
        frame_figures([run["cpu"] for run in runs]),
    )


def measure_stage_pass(
    recording: Recording, size: tuple[int, int], audio: Any, *, frames: int | None
) -> RaceFrames:
    """Every frame of the recorded run (or its first `frames`), once: the first frame after GO, which the
    countdown draws in play, is left out."""
    display = bench_display(size)
    run = race_frame_times(recording, display, audio, frames, warmup_frames=1)
    return summarise(recording.track.id, size, [run])


@dataclass(frozen=True, slots=True)
class FieldFrames:
    """Frame cost with the field in view: the stretch timed (found in the recording) and its figures."""

    stretch: FieldStretch
    frames: RaceFrames
    rivals: FrameFigures
    """The part of each frame spent drawing the rivals (`RivalCars.draw`: sprites, shadows, plates, dust
    thrown), inside the world part."""

    def as_dict(self) -> dict[str, object]:
        return {**self.frames.as_dict(), **self.stretch.as_dict(), "drawing_rivals": self.rivals.as_dict()}


def measure_field_frames(
    recording: Recording, size: tuple[int, int], audio: Any, *, frames: int, warmup_frames: int, repeats: int
) -> FieldFrames:
    """Frames timed where the recording has `MIN_RIVALS_ON_SCREEN` rivals on screen throughout (the first such
    stretch, `field_stretch.py`); each repeat plays up to it undrawn, then draws the warm-up frames before it."""
    display = bench_display(size)
    scene = build_scene(recording, display, audio)
    for _ in range(COUNTDOWN_TICKS):
        scene.tick()
    seen = replay_frames(scene, FRAME_S, len(recording.run.records))
    stretch = pick_stretch(recording.track.id, seen, frames, warmup_frames)
    lead = stretch.first_frame - warmup_frames
    runs = [race_frame_times(recording, display, audio, frames, warmup_frames, lead) for _ in range(repeats)]
    for run in runs:  # each repeat replays the recording: it must draw the very frames the scan found
        if tuple(int(n) for n in run["on_screen"]) != stretch.rivals:
            raise RuntimeError(
                f"the timed frames on {recording.track.id} from tick {stretch.first_tick} did not show the "
                "rivals the scan found there: the replay is not deterministic"
            )
    return FieldFrames(
        stretch, summarise(recording.track.id, size, runs), frame_figures([run["rivals"] for run in runs])
    )


def make_audio() -> Any:
    """The game's own sound player (silent on SDL's dummy driver, but mixing as in play)."""
    from game.audio.player import AudioPlayer
    from game.scenes.context import volumes_of
    from game.settings import Settings

    return AudioPlayer(volumes_of(Settings()))
