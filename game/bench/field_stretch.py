"""Where the field frame benchmark times: a stretch of a recorded run with other cars on the screen.

A race with the 1955 field is mostly the player's car alone; a frame with three rivals on screen draws three
more cars, their shadows, plates and dust (docs/design.md §12 budgets that frame too). The stretch is found in
the recording itself, so every run of the bench times the same frames: the recording is replayed through the
real race scene (ticks and `scene.frame`, which moves the camera, but no drawing), and each frame counts the
rivals whose centre, drawn where the view draws it, falls inside the screen. The stretch is the first run of
consecutive frames in which every frame has at least `MIN_RIVALS_ON_SCREEN` of them, late enough after GO
for the warm-up frames to come first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from game.render.world.camera import Camera
from game.render.world.rivals import rival_pose
from game.sim.field_types import RivalSnapshot

MIN_RIVALS_ON_SCREEN = 3
"""docs/design.md §12: the frame budget holds "with the field in view"; three cars make a field, not a pass."""


class NoFieldStretch(RuntimeError):
    """The recording has no stretch long enough with enough rivals on screen: nothing to time."""


@dataclass(frozen=True, slots=True)
class FieldStretch:
    """The timed frames of the field benchmark: frame numbers count 60 Hz frames after GO (0 is the first);
    ticks are the race's own count (the countdown included): the race stood at `first_tick` when the first
    timed frame began and at `last_tick` when the last one had ticked."""

    track_id: str
    first_frame: int
    frames: int
    first_tick: int
    last_tick: int
    rivals: tuple[int, ...]
    """Rivals on screen in each frame of the stretch."""

    def as_dict(self) -> dict[str, object]:
        return {
            "first_frame": self.first_frame,
            "ticks": [self.first_tick, self.last_tick],
            "rivals_on_screen": {"min": min(self.rivals), "max": max(self.rivals)},
        }


def rivals_on_screen(
    camera: Camera, prev: Iterable[RivalSnapshot], cur: Iterable[RivalSnapshot], alpha: float
) -> int:
    """Rivals whose centre, where the view draws it this frame, is inside the camera's view."""
    before = {rival.number: rival for rival in prev}
    w, h = camera.view_size
    seen = 0
    for rival in cur:
        x, y, _ = rival_pose(before.get(rival.number), rival, alpha)
        sx, sy = camera.world_to_screen(x, y)
        if 0.0 <= sx < w and 0.0 <= sy < h:
            seen += 1
    return seen


@dataclass(frozen=True, slots=True)
class FrameSeen:
    """One 60 Hz frame of a replayed recording: rivals on screen, and the race tick before and after its ticks."""

    rivals: int
    tick_before: int
    tick_after: int


def replay_frames(scene: Any, frame_s: float, records: int) -> Iterator[FrameSeen]:
    """Replay a fresh race scene (countdown already ticked through) frame by frame, drawing nothing, to the
    finish or to the end of its `records` recorded ticks."""
    clock = scene.ctx.frame_clock
    session = scene.session
    while not session.finished and session.race.tick < records:
        before = session.race.tick
        for _ in range(clock.advance(frame_s).ticks):
            scene.tick()
        scene.frame(frame_s)
        seen = rivals_on_screen(scene.camera, scene.prev.field, scene.cur.field, clock.alpha)
        yield FrameSeen(seen, before, session.race.tick)


def pick_stretch(track_id: str, seen: Iterable[FrameSeen], frames: int, warmup_frames: int) -> FieldStretch:
    """The first `frames` consecutive frames with `MIN_RIVALS_ON_SCREEN` rivals on screen in each, starting
    `warmup_frames` or more frames after GO (read no further than its last frame)."""
    window: deque[FrameSeen] = deque(maxlen=frames)
    most = 0
    index = -1
    for index, frame in enumerate(seen):
        most = max(most, frame.rivals)
        if frame.rivals >= MIN_RIVALS_ON_SCREEN:
            window.append(frame)
        else:
            window.clear()
        start = index - frames + 1
        if len(window) == frames and start >= warmup_frames:
            return FieldStretch(
                track_id,
                start,
                frames,
                window[0].tick_before,
                window[-1].tick_after,
                tuple(f.rivals for f in window),
            )
    raise NoFieldStretch(
        f"no {frames} frames in a row with {MIN_RIVALS_ON_SCREEN} or more rivals on screen in the "
        f"{index + 1} frames recorded on {track_id} (at most {most} on screen in a frame)"
    )
