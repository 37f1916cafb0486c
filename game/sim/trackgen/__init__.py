"""The seeded track generator: builds every stage and the 1940 circuit from the real towns' coordinates.

`python -m game.sim.trackgen` rewrites `assets/tracks/*.json` and `assets/route.json`; run twice, it writes
byte-identical files. Build-time only: nothing in a race imports this package.
"""
