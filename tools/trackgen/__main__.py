"""`python -m tools.trackgen [ID ...]`: regenerate the track files (all of them by default)."""

from __future__ import annotations

import sys

from tools.trackgen.generate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
