"""The field generator: `python -m tools.fieldgen` writes `assets/field/entrants-1955.json` (docs/field.md)."""
