"""Writing a track file: validated, rounded, canonical pretty JSON with its content hash.

The bytes are a function of the content alone (sorted keys, fixed rounding, one list item per line), so a
regenerated track that did not change is byte-for-byte the file already shipped, and diffs stay readable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.sim.track import Track
from game.sim.track_format import round_document, track_document
from game.sim.track_parse import track_from_dict


def _pretty_json(document: dict[str, Any]) -> str:
    """Sorted keys, one top-level key per line and one list item per line: diffable, deterministic bytes."""

    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(", ", ": "), ensure_ascii=False)

    lines = ["{"]
    keys = sorted(document)
    for k_index, key in enumerate(keys):
        value = document[key]
        comma = "," if k_index < len(keys) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict | list):
            lines.append(f"  {compact(key)}: [")
            lines.extend(
                f"    {compact(item)}{',' if i < len(value) - 1 else ''}" for i, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {compact(key)}: {compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_track(document: dict[str, Any] | Track, path: str | Path) -> Track:
    """Validate, round and write a track as canonical pretty JSON with its content hash; returns the Track."""
    path = Path(path)
    doc = track_document(document) if isinstance(document, Track) else dict(document)
    doc.pop("content_hash", None)
    track = track_from_dict(round_document(doc), str(path))
    out = track_document(track)
    out["content_hash"] = track.content_hash
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_pretty_json(out), encoding="utf-8", newline="\n")
    return track
