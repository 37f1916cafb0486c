"""`python -m game`: the same entry point as the `labone-rally` console script and the frozen app."""

from __future__ import annotations

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
