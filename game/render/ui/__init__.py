"""The look of everything around the race: fonts, colours, text and panels (one theme, every screen)."""
