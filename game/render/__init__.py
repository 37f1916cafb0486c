"""game.render (DESIGN §8)."""
