"""A version's entry of CHANGELOG.md: the release workflow's notes, and its check that the entry was written.

    python build/changelog.py 0.2.0        # prints the `## [0.2.0] - <date>` section's body; exit 1 if none

CHANGELOG.md keeps the Keep a Changelog layout: `## [Unreleased]` on top, then one `## [<version>] - YYYY-MM-DD`
per release, newest first (docs/building.md, "Cutting a release").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"
RELEASE_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def release_notes(text: str, version: str) -> str | None:
    """The body under `## [<version>] - <date>` up to the next `## ` heading; None if there is no such dated
    entry (an `Unreleased` section is not a release)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        heading = RELEASE_HEADING.match(line)
        if heading and heading["version"] == version and heading["date"]:
            body = []
            for following in lines[index + 1 :]:
                if following.startswith("## ") or re.match(r"^\[[^\]]+\]: ", following):
                    break
                body.append(following)
            notes = "\n".join(body).strip()
            return notes or None
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python build/changelog.py VERSION", file=sys.stderr)
        return 2
    notes = release_notes(CHANGELOG.read_text(encoding="utf-8"), args[0])
    if notes is None:
        print(f"CHANGELOG.md has no dated entry `## [{args[0]}] - YYYY-MM-DD`", file=sys.stderr)
        return 1
    sys.stdout.reconfigure(encoding="utf-8")
    print(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
