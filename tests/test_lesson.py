"""The watch lesson: its steps follow what the player's hands do in a real race, it never changes the race,
skipping or finishing it is remembered, the title menu brings it back, and it names the player's own keys."""

from __future__ import annotations

import pygame
import pytest

from game.app import run_frame
from game.frame_clock import FixedStepClock
from game.input.bindings import rebind
from game.input.prompts import lesson_keys
from game.render.hud.lesson_card import draw_lesson_card, lesson_card_rect
from game.render.hud.roadbook import trial_briefs
from game.scenes.context import Context
from game.scenes.flow import Flow
from game.scenes.race_scene import RaceScene
from game.scenes.race_setup import stage_setup
from game.settings import Bindings, Settings, TutorialSettings, load_settings
from game.sim.autopilot import AutopilotDriver
from game.sim.cars import DEFAULT_CAR_ID
from game.sim.events import CrownClicks, Flyback, TrialEnded, TrialStarted
from game.sim.race_types import COUNTDOWN_TICKS, RaceSettings
from game.sim.snapshot import TrialResult
from game.sim.track_catalog import load_track
from game.speedrun.lesson import (
    READ_TICKS,
    READY_TICKS,
    RESULT_TICKS,
    WIND_CLICKS,
    Step,
    WatchLesson,
    result_words,
)
from game.speedrun.lesson_student import LessonStudent
from game.speedrun.session import RaceSession, RaceSetup

STAGE = "01-brescia-verona"
KEYS = lesson_keys(Bindings(), "Keyboard")


def _session(student: LessonStudent) -> tuple[RaceSession, WatchLesson]:
    track = load_track(STAGE)
    setup = RaceSetup.for_track(track, RaceSettings(clear_road=True, car_id=DEFAULT_CAR_ID), 722)
    session = RaceSession(setup, student, save=False, track=track)
    return session, WatchLesson(tuple(trial_briefs(track)))


def _drive(
    session: RaceSession, lesson: WatchLesson, until: Step, max_ticks: int = 20_000
) -> dict[Step, int]:
    """Tick the race, feeding the lesson; the tick at which each step was first shown."""
    shown = {lesson.step: session.cur.tick}
    while lesson.step != until and session.cur.tick < max_ticks:
        snap = session.step()
        lesson.observe(snap)
        shown.setdefault(lesson.step, snap.tick)
    session.close()
    return shown


def test_each_step_moves_on_when_the_hands_do_what_it_asks() -> None:
    session, lesson = _session(LessonStudent())
    events: dict[type, list[object]] = {}
    shown = {lesson.step: 0}
    clicks = 0
    clicks_done_tick = None
    while lesson.step != Step.DONE and session.cur.tick < 20_000:
        snap = session.step()
        lesson.observe(snap)
        for event in snap.events:
            events.setdefault(type(event), []).append(event)
            if isinstance(event, CrownClicks) and shown.get(Step.WIND) is not None:
                clicks += event.count
                if clicks >= WIND_CLICKS and clicks_done_tick is None:
                    clicks_done_tick = snap.tick
        shown.setdefault(lesson.step, snap.tick)
    session.close()
    assert list(shown) == [
        Step.RESERVE,
        Step.WIND,
        Step.PUSHER,
        Step.TRIAL_AHEAD,
        Step.IN_TRIAL,
        Step.RESULT,
        Step.READY,
        Step.DONE,
    ]
    assert shown[Step.WIND] == READ_TICKS  # the first card only asks to be read
    assert shown[Step.PUSHER] == clicks_done_tick  # two crown turns, counted from the card on
    assert shown[Step.TRIAL_AHEAD] == events[Flyback][0].tick  # type: ignore[attr-defined]
    assert shown[Step.IN_TRIAL] == events[TrialStarted][0].tick  # type: ignore[attr-defined]
    ended = events[TrialEnded][0]
    assert shown[Step.RESULT] == ended.tick  # type: ignore[attr-defined]
    assert lesson.result == ended.result  # type: ignore[attr-defined]
    assert shown[Step.READY] == shown[Step.RESULT] + RESULT_TICKS
    assert shown[Step.DONE] == shown[Step.READY] + READY_TICKS
    assert not lesson.skipped


def test_the_result_card_says_the_measured_time_the_target_and_the_cost() -> None:
    session, lesson = _session(LessonStudent())
    _drive(session, lesson, Step.RESULT)
    result = lesson.result
    assert result is not None
    prompt = lesson.prompt(KEYS)
    assert prompt is not None and prompt.number == 4
    assert prompt.title == (
        f"Prova 1: {result.measured_cs / 100:.2f} s, target {result.target_cs / 100:.2f} s"
    )
    assert prompt.lines == result_words(result)[1]


def test_a_result_in_words() -> None:
    late = TrialResult(1, "Prova 1", 1910, 1943, 33)
    assert result_words(late) == (
        "Prova 1: 19.43 s, target 19.10 s",
        ("0.33 s late: 33 points, +0.99 s on your time.", "Every hundredth off the target costs 0.03 s."),
    )
    early = TrialResult(1, "Prova 2", 2050, 2045, 5)
    assert result_words(early)[1][0] == "0.05 s early: 5 points, +0.15 s on your time."
    assert result_words(TrialResult(1, "Prova 1", 1910, 1910, 0))[1] == ("Spot on: no penalty.",)


def test_a_trial_reached_before_its_step_interrupts_and_the_lesson_goes_back_to_what_is_left() -> None:
    # the student never brakes the tourbillon (the autopilot winds on its own once the reserve is below half)
    session, lesson = _session(LessonStudent(brake_at_s=900.0))
    shown = _drive(session, lesson, Step.DONE, max_ticks=9_000)
    assert list(shown) == [Step.RESERVE, Step.WIND, Step.PUSHER, Step.IN_TRIAL, Step.RESULT]
    assert (
        lesson.step == Step.PUSHER
    )  # after the result: the pusher still to learn (no other trial on the stage)
    assert Step.TRIAL_AHEAD in lesson.learned


def test_the_prompts_name_the_bound_keys_on_the_device_in_use() -> None:
    lesson = WatchLesson(("Prova 1 · 450 m in 19.10 s",))
    lesson.step = Step.WIND
    assert lesson.prompt(KEYS).lines[0].startswith("Hold Q to wind")  # type: ignore[union-attr]
    assert lesson.prompt(KEYS).skip == "Tab"  # type: ignore[union-attr]
    rebound = rebind(rebind(Bindings(), "keyboard", "wind", "f"), "keyboard", "pusher", "left shift")
    keys = lesson_keys(rebound, "Keyboard")
    assert lesson.prompt(keys).lines[0].startswith("Hold F to wind")  # type: ignore[union-attr]
    pad = lesson_keys(Bindings(), "Xbox 360 Controller")
    assert lesson.prompt(pad).lines[0].startswith("Turn the right stick round, clockwise, to wind")  # type: ignore[union-attr]
    assert pad.skip == "Left stick click"
    lesson.step = Step.PUSHER
    assert lesson.prompt(keys).lines[0].startswith("Press and hold Left Shift:")  # type: ignore[union-attr]
    assert lesson.prompt(pad).lines[0].startswith("Press and hold Right shoulder:")  # type: ignore[union-attr]
    unbound = lesson_keys(rebind(Bindings(), "keyboard", "skip_lesson", "f1"), "Keyboard")
    assert unbound.skip == "F1"


def test_the_card_stays_clear_of_the_watch_and_the_middle_of_the_screen() -> None:
    screen = pygame.Rect(0, 0, 1280, 720)
    for watch_centre in ((1268 - 103, 588), (12 + 103, 588), (640, 588)):
        watch = pygame.Rect(0, 0, 206, 264)
        watch.center = watch_centre
        card = lesson_card_rect(screen, watch, 180)
        assert screen.contains(card)
        assert not card.colliderect(watch)
        assert not card.collidepoint(640, 520)  # where the car is in the chase view
        assert card.top > 14 + 114  # below the timing strip and the roadbook card


# The scene: remembered, skippable, available again -----------------------------------------------------------


@pytest.fixture
def ctx(shared_ctx: Context) -> Context:
    shared_ctx.apply_settings(Settings())
    shared_ctx.frame_clock = FixedStepClock()
    shared_ctx.stack.reset(
        RaceScene(shared_ctx, Flow(shared_ctx), stage_setup(shared_ctx, STAGE), lesson=False)
    )
    return shared_ctx


def _tap(key: int) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))


def test_a_new_player_gets_the_lesson_and_skipping_it_is_remembered(ctx: Context) -> None:
    flow = Flow(ctx)
    flow.to_race(stage_setup(ctx, "03-padova-ravenna"))  # the first stage they race, whichever it is
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.lesson is not None
    run_frame(ctx, ctx.frame_clock, 0.02)
    _tap(pygame.K_TAB)
    run_frame(ctx, ctx.frame_clock, 0.02)
    assert race.lesson.skipped and race.lesson.prompt(KEYS) is None
    assert ctx.settings.tutorial == TutorialSettings(watch_lesson_done=True)
    assert load_settings().settings.tutorial.watch_lesson_done  # saved in config.toml
    ctx.toasts.clear()
    flow.to_race(stage_setup(ctx, "03-padova-ravenna"))
    again = ctx.stack.top
    assert isinstance(again, RaceScene) and again is not race and again.lesson is None


def test_finishing_the_lesson_is_remembered(ctx: Context) -> None:
    scene = RaceScene(ctx, Flow(ctx), stage_setup(ctx, STAGE), inputs=LessonStudent(), lesson=True)
    ctx.stack.reset(scene)
    assert scene.lesson is not None
    while not scene.lesson.finished and scene.cur.tick < 20_000:
        scene.tick()
        assert not ctx.settings.tutorial.watch_lesson_done or scene.lesson.finished
    assert not scene.lesson.skipped
    assert load_settings().settings.tutorial.watch_lesson_done


def test_a_run_the_player_does_not_drive_never_shows_it_or_remembers_it(ctx: Context) -> None:
    scene = RaceScene(ctx, Flow(ctx), stage_setup(ctx, STAGE), inputs=AutopilotDriver(), save=False)
    assert scene.lesson is None
    shown = RaceScene(
        ctx, Flow(ctx), stage_setup(ctx, STAGE), inputs=AutopilotDriver(), save=False, lesson=True
    )
    shown.lesson.skip()  # type: ignore[union-attr]
    shown._lesson_over()
    assert not ctx.settings.tutorial.watch_lesson_done  # a screenshot's lesson is not the player's


def test_learn_the_watch_on_the_title_menu_starts_it_again(ctx: Context) -> None:
    ctx.apply_settings(Settings(tutorial=TutorialSettings(watch_lesson_done=True)))
    flow = Flow(ctx)
    flow.to_title()
    title = ctx.stack.top
    labels = [item.label for item in title.menu.items]  # type: ignore[union-attr]
    assert labels[-2:] == ["Learn the watch", "Quit"]
    for action in ("menu_up", "menu_up", "menu_confirm"):
        title.handle(pygame.event.Event(pygame.NOEVENT), [action])  # type: ignore[union-attr]
    race = ctx.stack.top
    assert isinstance(race, RaceScene) and race.setup.track_id == STAGE
    assert race.lesson is not None and race.lesson.step == Step.RESERVE


def test_the_card_is_drawn_over_the_race(ctx: Context) -> None:
    scene = RaceScene(ctx, Flow(ctx), stage_setup(ctx, STAGE), lesson=True)
    ctx.stack.reset(scene)
    surface = pygame.Surface((1280, 720))
    scene.draw(surface, 0.0)
    prompt = scene.lesson.prompt(KEYS)  # type: ignore[union-attr]
    assert prompt is not None and prompt.title == "The watch is your only instrument"
    watch = pygame.Rect(0, 0, *scene.hud.size)
    watch.center = scene._watch_centre(surface)
    card = draw_lesson_card(surface, prompt, watch)
    assert card.bottom < watch.top and card.right == surface.get_width() - 12


def test_the_lesson_only_reads_the_race(ctx: Context) -> None:
    """Same hands, lesson on or off: the same race, tick for tick."""
    hashes = {}
    for with_lesson in (True, False):
        scene = RaceScene(
            ctx, Flow(ctx), stage_setup(ctx, STAGE), inputs=LessonStudent(), save=False, lesson=with_lesson
        )
        ctx.stack.reset(scene)
        for _ in range(COUNTDOWN_TICKS + 1500):
            scene.tick()
        hashes[with_lesson] = scene.session.state_hash()
        if with_lesson:
            assert scene.lesson is not None and scene.lesson.step == Step.TRIAL_AHEAD
    assert hashes[True] == hashes[False]
