"""What makes this a speedrun game (docs/design.md §6): categories, splits, PBs, replays, ghosts, verify, LiveSplit.

One module per format or concern, as python-chess keeps one per external format: `replay_format` (the `.mmr`
file), `lss` (LiveSplit's splits files), `livesplit_client` (LiveSplit Server's TCP protocol), `savedata`
(attempts and PBs on disk), `splits` (deltas, colours, sum of best), `categories`, `verify`, `ghost`.
Never imports pygame: the renderer and the scenes read what these produce.
"""
