"""Learning the watch in the game: a short lesson over a new player's first race (docs/design.md §11).

The lesson is a state machine that only watches: each tick it reads the race's snapshot and its events
(`game.sim.events`) and moves on when the player has done what the prompt asks (wound the crown, braked the
tourbillon, driven a regularity trial). It never touches the race, so a run with the lesson on is the same
run, tick for tick, as one without. No pygame: the race scene hosts it and `game.render.hud.lesson_card`
draws its `Prompt`.

The steps: the power reserve (read, then on after a few seconds), winding, the pusher, then a trial of the
stage. A trial that begins before its step interrupts the lesson (the player is in it now) and the lesson
goes back to what is left afterwards; a stage without a trial left to drive skips that step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from game.sim import TICK_HZ
from game.sim.events import CrownClicks, Flyback, PusherMoved, TrialEnded, TrialStarted
from game.sim.race import CROWN_CLICKS_PER_TURN, FLYBACK_HOLD_TICKS, PENALTY_MS_PER_POINT
from game.sim.snapshot import RaceSnapshot, TrialResult

READ_TICKS = 7 * TICK_HZ
"""The first prompt asks nothing to be done: it goes after 7 s (the countdown's 3 s and 4 s of driving)."""
WIND_TURNS = 2
"""Turns of the crown that finish the winding step: a second of Q, two revolutions of the stick."""
WIND_CLICKS = WIND_TURNS * CROWN_CLICKS_PER_TURN
RESULT_TICKS = 8 * TICK_HZ
"""How long a trial's result stays in words."""
READY_TICKS = 6 * TICK_HZ


class Step(StrEnum):
    """What the card shows; the first four are the lesson's numbered steps."""

    RESERVE = "reserve"
    WIND = "wind"
    PUSHER = "pusher"
    TRIAL_AHEAD = "trial_ahead"
    IN_TRIAL = "in_trial"
    RESULT = "result"
    READY = "ready"
    DONE = "done"


SKILLS = (Step.RESERVE, Step.WIND, Step.PUSHER)
"""Taught in this order, each until learned; the trial comes after them (or whenever the road brings one)."""
_TRIAL_STEPS = (Step.TRIAL_AHEAD, Step.IN_TRIAL, Step.RESULT)


@dataclass(frozen=True, slots=True)
class LessonKeys:
    """How the prompts name the player's controls, on the device they use now (`game.input.prompts`).

    `wind` is a whole phrase ("Hold Q", "Turn the right stick round"); the others are input names ("E",
    "Right shoulder"), or None when nothing is bound.
    """

    wind: str
    pusher: str | None
    skip: str | None


@dataclass(frozen=True, slots=True)
class Prompt:
    """One card: the header's step count, a title, sentences, and how far the asked-for gesture has got."""

    number: int | None
    """1-based step shown in the header, None for the closing card."""
    steps: int
    title: str
    lines: tuple[str, ...]
    progress: float | None = None
    """0..1 for a gesture being done (the crown's turns, the pusher held); None when nothing is measured."""
    skip: str | None = None
    """The key that skips the lesson, None when unbound."""


class WatchLesson:
    """The lesson's state: fed every race tick with `observe`, asked for the card with `prompt`."""

    def __init__(self, briefs: tuple[str, ...], *, assisted_flyback: bool = True) -> None:
        """`briefs` are the stage's trials as the roadbook words them ("Prova 1 · 451 m in 19.10 s")."""
        self.briefs = briefs
        self.assisted_flyback = assisted_flyback
        self.learned: set[Step] = set()
        self.skipped = False
        self.step = Step.RESERVE
        self.result: TrialResult | None = None
        self._ticks = 0
        self._clicks = 0
        self._held_ticks = 0
        self._pusher_down = False
        self._trials_passed = 0
        self._target_cs: int | None = None

    # State ----------------------------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Learned to the end, or skipped: either way the game remembers it."""
        return self.step == Step.DONE

    @property
    def steps(self) -> int:
        return len(SKILLS) + (1 if self.briefs else 0)

    def skip(self) -> None:
        self.skipped = True
        self.step = Step.DONE

    def restart(self) -> None:
        """The race restarted on the same stage: what was learned stays, a trial under way is gone."""
        self._trials_passed = 0
        self._held_ticks = 0
        self._pusher_down = False
        if self.step in _TRIAL_STEPS and self.step != Step.RESULT:
            self._go_on()

    def _show(self, step: Step) -> None:
        self.step = step
        self._ticks = 0
        self._clicks = 0
        self._held_ticks = 0

    def _go_on(self) -> None:
        """The first skill not yet learned, then the trial while the stage has one left, then the close."""
        for skill in SKILLS:
            if skill not in self.learned:
                self._show(skill)
                return
        if Step.TRIAL_AHEAD not in self.learned and self._trials_passed < len(self.briefs):
            self._show(Step.TRIAL_AHEAD)
        else:
            self._show(Step.READY)

    def _learn(self, step: Step) -> None:
        self.learned.add(step)
        self._go_on()

    # The tick -------------------------------------------------------------------------------------------------

    def observe(self, snapshot: RaceSnapshot) -> None:
        """One race tick: its events and what the hands hold move the lesson on; nothing is changed."""
        if self.finished:
            return
        self._ticks += 1
        self._pusher_down = snapshot.pusher
        for event in snapshot.events:
            if isinstance(event, TrialStarted):
                self._target_cs = event.target_cs
                if Step.TRIAL_AHEAD not in self.learned and self.step not in (Step.RESULT, Step.READY):
                    self._show(Step.IN_TRIAL)
            elif isinstance(event, TrialEnded):
                self._trials_passed += 1
                if self.step == Step.IN_TRIAL:
                    self.result = event.result
                    self.learned.add(Step.TRIAL_AHEAD)
                    self._show(Step.RESULT)
            elif isinstance(event, CrownClicks) and self.step == Step.WIND:
                self._clicks += event.count
            elif isinstance(event, PusherMoved) and self.step == Step.PUSHER:
                self._held_ticks = 0
            elif isinstance(event, Flyback) and self.step == Step.PUSHER:
                self._learn(Step.PUSHER)
        if self.step == Step.PUSHER and snapshot.pusher:
            self._held_ticks += 1
            if not self.assisted_flyback and self._held_ticks > FLYBACK_HOLD_TICKS:
                self._learn(Step.PUSHER)
        elif self.step == Step.WIND and self._clicks >= WIND_CLICKS:
            self._learn(Step.WIND)
        elif self.step == Step.RESERVE and self._ticks >= READ_TICKS:
            self._learn(Step.RESERVE)
        elif self.step == Step.RESULT and self._ticks >= RESULT_TICKS:
            self._go_on()
        elif self.step == Step.READY and self._ticks >= READY_TICKS:
            self.step = Step.DONE
        if snapshot.phase == "finished" and self.step in (Step.RESULT, Step.READY):
            self.step = Step.DONE  # the stage is over with everything taught: nothing more to say
        elif self.step == Step.TRIAL_AHEAD and self._trials_passed >= len(self.briefs):
            self._go_on()  # the trial went by unnoticed (skipped lines): nothing left to drive

    # The card -------------------------------------------------------------------------------------------------

    def prompt(self, keys: LessonKeys) -> Prompt | None:
        """The card for the current step in the player's own keys; None once the lesson is over."""
        if self.step == Step.DONE:
            return None
        pusher = keys.pusher or "the pusher (unbound: see Controls)"
        number, title, lines, progress = self._words(keys.wind, pusher)
        return Prompt(number, self.steps, title, lines, progress, keys.skip)

    def _words(self, wind: str, pusher: str) -> tuple[int | None, str, tuple[str, ...], float | None]:
        step = self.step
        if step == Step.RESERVE:
            return (
                1,
                "The watch is your only instrument",
                (
                    "The power reserve, the small arc at 7:30 on the dial, runs down as you drive.",
                    "If it runs out the watch stops: every hand freezes, the speed arrow too.",
                ),
                None,
            )
        if step == Step.WIND:
            return (
                2,
                "Wind the crown",
                (
                    f"{wind} to wind: the reserve hand at 7:30 climbs.",
                    "Winding cuts the throttle, so wind while you brake.",
                ),
                min(1.0, self._clicks / WIND_CLICKS),
            )
        if step == Step.PUSHER:
            held = min(1.0, self._held_ticks / FLYBACK_HOLD_TICKS)
            second = (
                "Held 1 s, the small seconds fly back to 0."
                if self.assisted_flyback
                else "The small seconds stand still until you let go."
            )
            return (
                3,
                "Brake the tourbillon",
                (f"Press and hold {pusher}: the pusher at 2 o'clock stops the whole movement.", second),
                held,
            )
        if step == Step.TRIAL_AHEAD:
            brief = self.briefs[min(self._trials_passed, len(self.briefs) - 1)]
            if self._pusher_down:
                lines = (
                    f"Keep {pusher} held, seconds on 0. Let go exactly as you cross the start line.",
                    "In the prova the timing strip hides the time: only the watch counts.",
                )
            elif self.assisted_flyback:
                lines = (
                    f"Hold {pusher} for 1 s before the start line: the small seconds go to 0.",
                    "Then let go exactly as you cross the line.",
                )
            else:
                lines = (
                    f"Brake the tourbillon ({pusher}) with the small seconds on 0,",
                    "then let go exactly as you cross the start line.",
                )
            return 4, f"Ahead: {brief}", lines, None
        if step == Step.IN_TRIAL:
            target = f" Target: {self._target_cs / 100:.2f} s." if self._target_cs is not None else ""
            return (
                4,
                "In the prova: the watch is the timer",
                (
                    "The small seconds, on the tourbillon at 6 o'clock, count from the start line.",
                    f"Press {pusher} at the end line to freeze them, and read.{target}",
                ),
                None,
            )
        if step == Step.RESULT:
            assert self.result is not None
            return 4, *result_words(self.result), None
        return (
            None,
            "You're ready",
            (
                "Wind in the braking zones; brake the tourbillon before each prova.",
                "Learn the watch again from the title menu.",
            ),
            None,
        )


def result_words(result: TrialResult) -> tuple[str, tuple[str, ...]]:
    """A trial's result as the closing card says it: measured against target, what it cost."""
    title = f"{result.name}: {result.measured_cs / 100:.2f} s, target {result.target_cs / 100:.2f} s"
    off_cs = result.measured_cs - result.target_cs
    if off_cs == 0:
        return title, ("Spot on: no penalty.",)
    side = "late" if off_cs > 0 else "early"
    cost_s = result.points * PENALTY_MS_PER_POINT / 1000
    return title, (
        f"{abs(off_cs) / 100:.2f} s {side}: {result.points} points, +{cost_s:.2f} s on your time.",
        f"Every hundredth off the target costs {PENALTY_MS_PER_POINT / 1000:.2f} s.",
    )
