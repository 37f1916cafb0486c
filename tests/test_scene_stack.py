"""The scene stack: pause over anything, only the top scene ticks, opaque scenes hide what is below."""

from __future__ import annotations

from game.scenes.base import Scene, SceneStack


class Probe(Scene):
    def __init__(self, name: str, opaque: bool = True) -> None:
        super().__init__(None)  # type: ignore[arg-type]
        self.name = name
        self.opaque = opaque
        self.events: list[str] = []

    def enter(self) -> None:
        self.events.append("enter")

    def leave(self) -> None:
        self.events.append("leave")


def test_push_pop_replace_reset_notify_scenes() -> None:
    stack = SceneStack()
    title, race, pause = Probe("title"), Probe("race"), Probe("pause", opaque=False)
    stack.push(title)
    stack.replace(race)
    stack.push(pause)
    assert [s.name for s in stack] == ["race", "pause"]
    assert title.events == ["enter", "leave"]
    assert [s.name for s in stack.visible()] == ["race", "pause"]  # the race shows under the pause menu
    assert stack.pop() is pause
    assert race.events == ["enter", "leave", "enter"]
    stack.reset(Probe("title2"))
    assert [s.name for s in stack] == ["title2"] and race.events[-1] == "leave"


def test_opaque_scene_hides_everything_below() -> None:
    stack = SceneStack()
    for scene in (Probe("a"), Probe("b"), Probe("c", opaque=False)):
        stack.push(scene)
    assert [s.name for s in stack.visible()] == ["b", "c"]
