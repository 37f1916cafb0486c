"""Build the field from `data.py` with one seeded generator and write it as diffable, deterministic JSON.

Every draw comes from one `random.Random(SEED)` in a fixed order (blocks in start order, then entrants in start
order), so the file is a function of `data.py` and the player's cars alone: running the generator twice, or on
another machine, writes the same bytes. The document is checked with the game's own loader before it is written.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.sim.cars import car_ids, load_car
from game.sim.data_file import pretty_json
from game.sim.field import FIELD_FILE, FIELD_FORMAT_VERSION, Field, field_path, parse_field
from game.sim.route import DEFAULT_CAR_NUMBER
from tools.fieldgen.data import (
    BLOCKS,
    CLASS_MODELS,
    CLASS_TIERS,
    CLASSES,
    CO_DRIVER_SHARE,
    ENGINE_CC,
    FIRST_DATE,
    FIRST_NAMES,
    FIRST_START,
    MODEL_NATIONS,
    NATION_NAMES,
    PINNED,
    PSEUDONYM_SHARE,
    PSEUDONYMS,
    SEED,
    SURNAMES,
    TIERS,
    Block,
)

FIELD_ID = "mille-miglia-1955"
FIELD_NAME = "XXII Mille Miglia, 30 April - 1 May 1955"


def reserved_numbers() -> tuple[int, ...]:
    """The player's numbers: #722 and each of the player's cars' own (none of them is given to an entrant)."""
    return tuple(sorted({DEFAULT_CAR_NUMBER, *(load_car(car_id).livery.race_number for car_id in car_ids())}))


def start_order(number: int) -> int:
    """Minutes after the first start: 2100 is 0, 2359 is 179, 0001 the next morning is 181."""
    return (_minute_of_day(number) - _minute_of_day(FIRST_START)) % (24 * 60)


def _minute_of_day(number: int) -> int:
    return number // 100 * 60 + number % 100


def _minutes(block: Block) -> Iterator[int]:
    """The block's start minutes as numbers, in start order (across midnight; 0000 is no car number)."""
    for offset in range(start_order(block.first), start_order(block.last) + 1):
        hours, minutes = divmod((_minute_of_day(FIRST_START) + offset) % (24 * 60), 60)
        if hours or minutes:
            yield hours * 100 + minutes


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


def _apportioned(rng: random.Random, count: int, weights: dict[str, int]) -> list[str]:
    """`count` picks in the proportions of `weights` exactly (largest remainders), in a shuffled order: every
    model with a weight appears in a class large enough for it, however the dice fall."""
    total = sum(weights.values())
    quotas = {key: count * weight / total for key, weight in weights.items()}
    counts = {key: int(quota) for key, quota in quotas.items()}
    by_remainder = sorted(weights, key=lambda key: counts[key] - quotas[key])
    for key in by_remainder[: count - sum(counts.values())]:
        counts[key] += 1
    picks = [key for key, n in counts.items() for _ in range(n)]
    rng.shuffle(picks)
    return picks


def _allocate(rng: random.Random, reserved: tuple[int, ...]) -> list[tuple[int, str, str, str]]:
    """(number, class, model, tier) for every entrant, in start order."""
    slots: list[tuple[int, str, str, str]] = []
    for block in BLOCKS:
        minutes = [n for n in _minutes(block) if n not in reserved]
        pinned = [n for n in minutes if n in PINNED]
        free = [n for n in minutes if n not in PINNED]
        per_class = dict(block.entrants)
        for number in pinned:
            per_class[PINNED[number].class_id] -= 1
        classes = [class_id for class_id, count in per_class.items() for _ in range(count)]
        rng.shuffle(classes)
        numbers = sorted(rng.sample(free, len(classes)), key=start_order)
        models = {c: _apportioned(rng, n, CLASS_MODELS[c]) for c, n in per_class.items()}
        tiers = {c: _apportioned(rng, n, CLASS_TIERS[c]) for c, n in per_class.items()}
        for number, class_id in zip(numbers, classes, strict=True):
            slots.append((number, class_id, models[class_id].pop(), tiers[class_id].pop()))
        slots += [(n, PINNED[n].class_id, PINNED[n].model, PINNED[n].tier) for n in pinned]
    return sorted(slots, key=lambda slot: start_order(slot[0]))


class _Names:
    """Invented names, each crew member's full name used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.pseudonyms = list(PSEUDONYMS)

    def person(self, nation: str) -> str:
        pool = self.rng.choice(NATION_NAMES[nation])
        while True:
            first, last = self.rng.choice(FIRST_NAMES[pool]), self.rng.choice(SURNAMES[pool])
            name = f"{first} {last}"
            if first != last and name not in self.used:
                self.used.add(name)
                return name

    def driver(self, nation: str, category: str) -> str:
        if (
            nation == "I"
            and category in ("gt", "sport")
            and self.pseudonyms
            and self.rng.random() < PSEUDONYM_SHARE
        ):
            return self.pseudonyms.pop(0)
        return self.person(nation)


def build_document() -> dict[str, Any]:
    """The field file's document."""
    rng = random.Random(SEED)
    reserved = reserved_numbers()
    category = {c.id: c.category for c in CLASSES}
    names = _Names(rng)
    entrants = []
    for number, class_id, model, tier_name in _allocate(rng, reserved):
        nation = _weighted(rng, MODEL_NATIONS[model])
        driver = names.driver(nation, category[class_id])
        co_driver = names.person(nation) if rng.random() < CO_DRIVER_SHARE[category[class_id]] else None
        tier = TIERS[tier_name]
        profile = {
            key: round(rng.uniform(*getattr(tier, key)), 2)
            for key in ("pace", "consistency", "aggression", "give_way")
        }
        entrants.append(
            {
                "number": number,
                "driver": driver,
                "co_driver": co_driver,
                "nation": nation,
                "model": model,
                "class": class_id,
                "profile": profile,
            }
        )
    return {
        "format_version": FIELD_FORMAT_VERSION,
        "id": FIELD_ID,
        "name": FIELD_NAME,
        "first_start": {"date": list(FIRST_DATE), "hhmm": FIRST_START},
        "reserved_numbers": list(reserved),
        "classes": [
            {
                "id": c.id,
                "name": c.name,
                "category": c.category,
                "above_cc": c.above_cc,
                "up_to_cc": c.up_to_cc,
            }
            for c in CLASSES
        ],
        "models": [{"id": model, "engine_cc": cc} for model, cc in sorted(ENGINE_CC.items())],
        "entrants": entrants,
    }


def generate(out_dir: Path) -> Field:
    """Build, check with the game's loader, and write `<out_dir>/entrants-1955.json`; returns the loaded field."""
    path = out_dir / FIELD_FILE
    document = build_document()
    field = parse_field(document, source=str(path))
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(pretty_json(document, sort_keys=False), encoding="utf-8", newline="\n")
    return field


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fieldgen", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=field_path().parent, help="folder to write the field file to"
    )
    args = parser.parse_args(argv)
    field = generate(args.out)
    first, last = field.entrants[0], field.entrants[-1]
    print(f"{args.out / FIELD_FILE}: {len(field.entrants)} entrants in {len(field.classes)} classes")
    for label, entrant in (("first", first), ("last", last)):
        year, month, day = entrant.start.date
        hours, minutes = divmod(entrant.start.time_of_day_s // 60, 60)
        print(f"  {label} #{entrant.number:04d} at {hours:02d}:{minutes:02d} on {year}-{month:02d}-{day:02d}")
    for field_class in field.classes:
        numbers = [e.number for e in field.entrants if e.class_id == field_class.id]
        print(f"  {field_class.id:24s} {len(numbers):3d}  #{numbers[0]:04d} to #{numbers[-1]:04d}")
    return 0
