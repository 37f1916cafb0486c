"""Writing a track file: validated, rounded, canonical pretty JSON with its content hash.

The bytes are a function of the content alone (sorted keys, fixed rounding, one list item per line), so a
regenerated track that did not change is byte-for-byte the file already shipped, and diffs stay readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.sim.data_file import pretty_json
from game.sim.track import Track
from game.sim.track_format import round_document, track_document
from game.sim.track_parse import track_from_dict


def write_track(document: dict[str, Any] | Track, path: str | Path) -> Track:
    """Validate, round and write a track as canonical pretty JSON with its content hash; returns the Track."""
    path = Path(path)
    doc = track_document(document) if isinstance(document, Track) else dict(document)
    doc.pop("content_hash", None)
    track = track_from_dict(round_document(doc), str(path))
    out = track_document(track)
    out["content_hash"] = track.content_hash
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pretty_json(out), encoding="utf-8", newline="\n")
    return track
