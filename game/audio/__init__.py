"""game.audio (DESIGN §8)."""
