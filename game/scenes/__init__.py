"""game.scenes (docs/design.md §8)."""
