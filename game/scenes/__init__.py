"""game.scenes (DESIGN §8)."""
