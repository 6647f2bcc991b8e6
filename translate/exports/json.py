"""The segment/term JSON of ``glossator translate --json``: ``{"segments": [...]}``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from glossator.translate.formats.base import Code
from glossator.translate.result import SegmentResult


def to_json(name: str, results: Sequence[SegmentResult], *, codes: Sequence[Sequence[Code]] = (),
            ids: Sequence[str] = ()) -> bytes:
    """``{"segments": [...]}``; a segment with inline codes (private-use characters ``\\ue000``… in its text)
    lists them in order under ``codes`` as the file wrote them, and one with an id in the file has ``id``."""
    segments = []
    for r in results:
        item = r.to_json()
        if r.index < len(codes) and codes[r.index]:
            item["codes"] = [c.native or c.name for c in codes[r.index]]
        if r.index < len(ids) and ids[r.index]:
            item["id"] = ids[r.index]
        segments.append(item)
    doc = {"segments": segments}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
