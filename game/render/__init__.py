"""game.render (docs/design.md §8)."""
