"""The glossary entry: one curated rendering of a German source term."""

from __future__ import annotations

from dataclasses import dataclass, replace

TYPES: tuple[str, ...] = ("person", "title", "org", "place", "other")


@dataclass(frozen=True)
class Entry:
    """One rendering of a source term.

    Several entries may share a source when their ``context`` cues differ; the entry without
    context is the default rendering.

    Attributes:
        id: Row id in the store; ``None`` until stored.
        source: German term as written in running text (``Außenministerium``).
        target: English rendering (``State Department``).
        type: One of ``TYPES``; decides which inflections the matcher accepts.
        context: Cue words (stored as ``a|b|c``); the rendering applies when one occurs near the term.
        forms: Extra source forms matched like ``source`` (``Kim Jong-un``).
        dnt: Do not translate: the source is kept as it is.
        note: Free text for reviewers.
        created: ISO timestamp (UTC) set by the store.
        updated: ISO timestamp (UTC) set by the store.
    """

    id: int | None
    source: str
    target: str
    type: str = "other"
    context: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    dnt: bool = False
    note: str = ""
    created: str = ""
    updated: str = ""

    def with_changes(self, **fields: object) -> Entry:
        return replace(self, **fields)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (context and forms as lists)."""
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "context": list(self.context),
            "forms": list(self.forms),
            "dnt": self.dnt,
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
        }


def split_list(value: str | None) -> tuple[str, ...]:
    """``"a| b |"`` -> ``("a", "b")``: the stored form of context cues and forms."""
    if not value:
        return ()
    return tuple(part.strip() for part in value.split("|") if part.strip())


def join_list(values: tuple[str, ...] | list[str]) -> str:
    return "|".join(v.strip() for v in values if v.strip())
