"""Mille Miglia · Lab One: the game package (docs/design.md §8 layers below)."""

__version__ = "0.1.0"
"""The game's version, written here only: pyproject.toml reads it for the package metadata, and the title screen,
`labone-rally --version`, replay headers and release archive names all show it (docs/building.md, "Releases")."""
