"""The segment/term JSON of ``glossator translate --json``: ``{"segments": [...]}``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from glossator.translate.result import SegmentResult


def to_json(name: str, results: Sequence[SegmentResult]) -> bytes:
    doc = {"segments": [r.to_json() for r in results]}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
