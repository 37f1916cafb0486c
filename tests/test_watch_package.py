"""watch_core as a library: a pure import, a cheap cached state, clear errors, and its demo."""

from __future__ import annotations

import subprocess
import sys

import pytest

from watch_core import LabOne


def test_importing_watch_core_pulls_in_nothing_of_the_game() -> None:
    code = (
        "import sys, watch_core; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('game', 'pygame', 'pymunk', 'numpy')); "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_state_is_cached_until_something_changes() -> None:
    w = LabOne()
    first = w.state
    w.advance(0.1)
    assert w.state is first, "no beat yet: the very same snapshot"
    w.advance(0.025)
    assert w.state is not first
    assert w.state.beats == 1
    with pytest.raises(AttributeError):
        w.state.beats = 2  # type: ignore[misc]


def test_constructor_says_what_was_wrong() -> None:
    with pytest.raises(ValueError, match="calendar date"):
        LabOne(date=(1955, 2, 29))
    with pytest.raises(ValueError, match="time_of_day_s"):
        LabOne(time_of_day_s=86_400.0)
    with pytest.raises(ValueError, match="wound_turns"):
        LabOne(wound_turns=38.5)
    with pytest.raises(ValueError, match="let_down_scale"):
        LabOne(let_down_scale=0.0)


def test_watches_compare_by_every_part() -> None:
    a, b = LabOne(), LabOne()
    assert a == b
    b.advance_ns(1)
    assert a != b
    assert a.state == b.state, "the state changes at beats; the watches differ inside a vibration"
    assert LabOne(let_down_scale=2.0) != LabOne()
    with pytest.raises(TypeError):
        hash(a)


def test_demo_prints_a_day_and_a_stage() -> None:
    result = subprocess.run([sys.executable, "-m", "watch_core"], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert any("1955-04-30" in line for line in lines)
    assert any("1955-05-01  00:00:00.000" in line and "flies back" in line for line in lines)
    assert any(line.rstrip().endswith("run down") for line in lines)
    assert any("braked" in line for line in lines)
    assert any("fly-back" in line for line in lines)
    assert result.stderr == ""
