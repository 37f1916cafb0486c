"""`python -m tools.fieldgen [--out DIR]`: regenerate the field file (in `assets/field/` by default)."""

from __future__ import annotations

import sys

from tools.fieldgen.generate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
