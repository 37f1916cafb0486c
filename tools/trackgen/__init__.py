"""The seeded track generator: builds every stage and the 1940 circuit from the real towns' coordinates.

`python -m tools.trackgen` (from the repository root) rewrites `assets/tracks/*.json` and `assets/route.json`;
run twice, it writes byte-identical files. Offline content: the game only reads the files it writes and never
imports this package (import-linter forbids it), so it is not in the executable either.
"""
