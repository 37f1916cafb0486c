"""The command-line verbs of `python -m game`, one module each (docs/design.md §8)."""
