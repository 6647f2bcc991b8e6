"""Concordance search: German→English pairs containing a piece of text, from the glossary, this document's
reviewed segments and the translation memory (the review desk's F3; no Textual)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.memory import TranslationMemory
    from glossator.translate.project import ProjectSegment

HitOrigin = Literal["glossary", "document", "approved", "batch"]
"""Where a pair comes from: a glossary entry, a segment of this document the reviewer edited or approved, an
approved pair of the memory (this or an earlier project), machine output the memory keeps."""


@dataclass(frozen=True)
class ConcordanceHit:
    """One German→English pair containing the needle."""

    source: str
    target: str
    origin: HitOrigin
    note: str = ""  # the glossary entry's type, or the segment's number in this document
    context: tuple[str, ...] = ()  # a glossary entry's context cues: where this rendering applies


def concordance(
    needle: str,
    *,
    glossary: GlossaryStore | None = None,
    segments: Iterable[ProjectSegment] = (),
    memory: TranslationMemory | None = None,
    limit: int = 50,
) -> list[ConcordanceHit]:
    """The pairs whose German or English contains ``needle`` (ignoring case): glossary entries first (best match
    first), then the reviewer's English in ``segments``, then the memory (approved, then machine output, newest
    first); each pair once, at most ``limit``."""
    needle = needle.strip()
    if not needle:
        return []
    folded = needle.casefold()
    hits: dict[tuple[str, str], ConcordanceHit] = {}

    def add(hit: ConcordanceHit) -> bool:
        hits.setdefault((hit.source, hit.target), hit)
        return len(hits) >= limit

    if glossary is not None:
        for entry in glossary.search(needle, limit):
            if add(ConcordanceHit(entry.source, entry.target, "glossary", entry.type, entry.context)):
                return list(hits.values())
    for segment in segments:
        if segment.status in ("edited", "approved") and (
            folded in segment.source.casefold() or folded in segment.target.casefold()
        ):
            if add(ConcordanceHit(segment.source, segment.target, "document", f"segment {segment.index + 1}")):
                return list(hits.values())
    if memory is not None:
        for found in memory.concordance(needle, limit):
            if add(ConcordanceHit(found.source, found.target, found.origin)):
                break
    return list(hits.values())


def needle_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` stands in ``text``, ignoring case, as (start, end) character offsets (for highlighting)."""
    needle = needle.strip()
    if not needle:
        return []
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
