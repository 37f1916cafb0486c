"""game.input (DESIGN §8)."""
