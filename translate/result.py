"""What a translation produces: segments with their targets and the status of every glossary term."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

TermStatus = Literal["applied", "violated", "partial"]
SpanKind = Literal["term", "name", "number", "tag", "literal"]
"""What a protected span is: a glossary ``term``, a ``name`` the glossary does not know (kept as written), a
``number`` (English notation) or an inline ``tag`` of a document format. All travel through the model the same
way and are verified in the English; ``applied`` means the span's required text stands in the translation."""


@dataclass(frozen=True)
class TermResult:
    """One glossary term found in a source segment, and what became of it in the translation.

    ``source`` is the matched span of the German text, ``target`` the rendering the glossary requires,
    ``start``/``end`` the span's offsets in the segment's source.
    """

    source: str
    target: str
    status: TermStatus
    entry_id: int | None = None
    start: int = 0
    end: int = 0
    kind: SpanKind = "term"
    suggestion: str = ""  # e.g. the English transliteration of a German spelling (Selenskyj -> Zelenskyy)

    def to_json(self) -> dict:
        """The one JSON record of a term result: ``--json`` output, exports, and what the batch and review
        databases store (read back by :meth:`from_json`)."""
        out: dict = {"source": self.source, "target": self.target, "status": self.status, "kind": self.kind,
                     "entry_id": self.entry_id, "start": self.start, "end": self.end}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out

    @classmethod
    def from_json(cls, data: dict | list) -> TermResult:
        """A record written by :meth:`to_json` (or, from batch databases of earlier versions, the list
        ``[source, target, status, entry_id, start, end]``)."""
        if isinstance(data, list):
            return cls(*data)
        return cls(
            source=data["source"], target=data["target"], status=data["status"], entry_id=data.get("entry_id"),
            start=data.get("start", 0), end=data.get("end", 0), kind=data.get("kind", "term"),
            suggestion=data.get("suggestion", ""),
        )


def terms_to_json(terms: Iterable[TermResult]) -> str:
    """``terms`` as one JSON text (a list of :meth:`TermResult.to_json` records), for a database column."""
    return json.dumps([t.to_json() for t in terms], ensure_ascii=False)


def terms_from_json(text: str | None) -> list[TermResult]:
    """What :func:`terms_to_json` wrote."""
    return [TermResult.from_json(item) for item in json.loads(text or "[]")]


@dataclass
class SegmentResult:
    """One translated segment (a sentence) of a document.

    ``index`` counts segments from 0 in document order; ``line`` is the 1-based input line it came from.
    """

    index: int
    line: int
    source: str
    target: str
    terms: list[TermResult] = field(default_factory=list)

    @property
    def problems(self) -> list[TermResult]:
        return [t for t in self.terms if t.status != "applied"]

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "source": self.source,
            "target": self.target,
            "terms": [t.to_json() for t in self.terms],
        }
