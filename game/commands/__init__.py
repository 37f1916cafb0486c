"""The command-line verbs of `python -m game`, one module each (DESIGN §8)."""
