"""Mille Miglia · Lab One: the game package (docs/design.md §8 layers below)."""

__version__ = "0.1.0"
