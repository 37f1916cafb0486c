"""Offline content tools, run from the repository root (`python -m tools.trackgen`, `tools/make_golden.py`).

They import the game; the game never imports them (an import-linter contract in pyproject.toml), so nothing
here ships in the executable.
"""
