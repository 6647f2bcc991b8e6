"""What a translation produces: segments with their targets and the status of every glossary term."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

TermStatus = Literal["applied", "violated", "partial"]
TERM_STATUSES: tuple[str, ...] = ("applied", "violated", "partial")
SpanKind = Literal["term", "name", "number", "tag"]
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
        out = {"source": self.source, "target": self.target, "status": self.status, "kind": self.kind}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


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

    def as_dict(self) -> dict:
        return asdict(self)
