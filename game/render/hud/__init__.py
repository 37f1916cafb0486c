"""What is drawn over the race besides the watch: the official timing strip and the race messages."""
