"""Making frozen, slotted dataclass values fast enough to make one every 10 ms tick.

A frozen dataclass's own ``__init__`` writes each field through ``object.__setattr__`` (its ``__setattr__``
refuses every write), a call per field. For the snapshots the simulation hands out every tick (the watch's
state here, the car and the race in ``game.sim.snapshot``: some sixty fields a tick) those calls cost more
than the physics they report. :func:`positional_builder` makes the very same objects at a fraction of that
cost: it lives here, in the package the whole game may import, so the watch and the simulation share one rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

__all__ = ["positional_builder"]

T = TypeVar("T")

_BUILDER_NAMES = frozenset(("_build", "_cls", "_made", "_twin"))
"""Names the generated builder uses itself: a field may not be called so."""


def positional_builder(cls: type[T]) -> Callable[..., T]:
    """A positional constructor giving exactly the object ``cls(*args)`` gives, several times faster.

    It writes the fields into an instance of a twin class with the same slots (plain attribute stores, no
    frozen check), then assigns ``cls`` as the instance's class: the layouts are identical, so Python
    allows it, and the result is an ordinary ``cls`` value (equal, hashing, frozen, ``replace``-able).
    Only for a frozen, slotted dataclass of its own (no base class) whose ``__init__`` does nothing but
    store its fields: no ``__post_init__``, no default factories, every field in ``__init__``. Defaults are
    kept as they are.

    The builder is a plain function, not the twin class with an ``__init__``: calling a class runs its
    ``__init__`` from C in a frame of its own, a Python function is called in line, and that is a fifth of
    the whole cost (about 900 of 4,100 machine instructions for the watch's state).
    """
    params = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
    names = tuple(f.name for f in params)
    if (
        not params
        or not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        or getattr(cls, "__slots__", None) != names
        or cls.__bases__ != (object,)
        or hasattr(cls, "__post_init__")
        or any(not f.init or f.default_factory is not dataclasses.MISSING for f in params)
    ):
        raise TypeError(f"{cls.__name__} is not a plain frozen, slotted dataclass")
    if any(n in _BUILDER_NAMES or n.startswith("_default_") for n in names):
        raise TypeError(f"{cls.__name__} has a field named like a name of the builder's own")
    defaults = {f"_default_{f.name}": f.default for f in params if f.default is not dataclasses.MISSING}
    signature = ", ".join(f"{n}=_default_{n}" if f"_default_{n}" in defaults else n for n in names)
    body = "".join(f"    _made.{n} = {n}\n" for n in names)
    source = (
        f"def _build({signature}):\n    _made = _twin()\n{body}    _made.__class__ = _cls\n    return _made\n"
    )
    twin = type(f"_{cls.__name__}Builder", (), {"__slots__": names})
    namespace: dict[str, object] = {"_cls": cls, "_twin": twin, **defaults}
    exec(source, namespace)  # the source is built from the dataclass's own field names
    build = namespace["_build"]
    build.__name__ = build.__qualname__ = f"make_{cls.__name__}"  # type: ignore[attr-defined]
    # A Python whose dataclasses lay their slots out differently refuses this here, at import, not at the first tick.
    probe = object.__new__(twin)
    probe.__class__ = cls
    return build  # type: ignore[return-value]
