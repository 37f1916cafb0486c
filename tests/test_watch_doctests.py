"""The watch's documented examples are run, so a reader copying one gets what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import watch_core

MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(watch_core.__path__, "watch_core.")
    if m.name != "watch_core.__main__"
)


@pytest.mark.parametrize("name", ["watch_core", *MODULES])
def test_every_example_in_the_watch_docstrings_gives_what_it_shows(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
