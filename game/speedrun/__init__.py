"""game.speedrun (DESIGN §8)."""
