"""The glossary entry: one curated rendering of a German source term."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from glossator.glossary.errors import GlossaryError

TYPES: tuple[str, ...] = ("person", "title", "org", "place", "other")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

_SURROGATE = re.compile("[\ud800-\udfff]")
_WORDS = re.compile(r"\w+")
MAX_TERM_WORDS = 16
"""Words in a glossary term or form. Matching walks a term's words from every word of the text, so the longest
term bounds the cost per word; a name or title never needs more."""


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


def validate_entry(entry: Entry, where: str = "") -> Entry:
    """The entry with whitespace trimmed, or GlossaryError naming the problem (prefixed by ``where``)."""
    prefix = f"{where}: " if where else ""
    source = " ".join(entry.source.split())
    target = " ".join(entry.target.split())
    if not source:
        raise GlossaryError(f"{prefix}the source term is empty; give the German term.")
    if not any(ch.isalnum() for ch in source):
        raise GlossaryError(f"{prefix}the source term {source!r} has no letters or digits; it cannot be matched.")
    if not target and entry.dnt:
        target = source
    if not target:
        raise GlossaryError(f"{prefix}the target of {source!r} is empty; give the English rendering.")
    if entry.type not in TYPES:
        raise GlossaryError(f"{prefix}unknown type {entry.type!r}; use one of {', '.join(TYPES)}.")
    for text in (source, target, entry.note, *entry.context, *entry.forms):
        if "\x00" in text:
            raise GlossaryError(f"{prefix}the entry for {source!r} contains a NUL character.")
        if _SURROGATE.search(text):
            # From "\ud800" in JSON, or bytes that are not UTF-8 in an argument (Python keeps them as lone
            # surrogates); SQLite cannot store them and no terminal can show them.
            raise GlossaryError(f"{prefix}the entry for {ascii(source)} is not valid Unicode text "
                                "(a lone surrogate, or bytes that are not UTF-8); give UTF-8 text.")
    for term in (source, *entry.forms):
        words = len(_WORDS.findall(term))
        if words > MAX_TERM_WORDS:
            raise GlossaryError(f"{prefix}the term {term[:60]!r}… has {words} words; a glossary term has at most "
                                f"{MAX_TERM_WORDS} words.")
    # Control characters (escape sequences from an imported file) would act on the terminal of whoever lists
    # the glossary; no term needs one. A note may have tabs and line breaks.
    note = entry.note.replace("\r\n", "").replace("\n", "").replace("\t", "")
    for text in (source, target, *entry.context, *entry.forms, note):
        bad = _CONTROL.search(text)
        if bad:
            raise GlossaryError(
                f"{prefix}the entry for {source!r} contains the control character {bad.group()!r}; remove it."
            )
    for cue in entry.context:
        if "|" in cue:
            raise GlossaryError(f"{prefix}context cue {cue!r} contains '|', the cue separator.")
    for form in entry.forms:
        if "|" in form:
            raise GlossaryError(f"{prefix}form {form!r} contains '|', the separator of forms.")
    return entry.with_changes(
        source=source,
        target=target,
        context=tuple(c for c in (" ".join(c.split()) for c in entry.context) if c),
        forms=tuple(f for f in (" ".join(f.split()) for f in entry.forms) if f),
        note=entry.note.strip(),
    )


def entry_key(entry: Entry) -> tuple[str, tuple[str, ...]]:
    """Identity of a rendering slot: the folded source and its set of cues. Two entries with the same key
    are duplicates (same target) or conflicts (different target)."""
    return (entry.source.casefold(), tuple(sorted(c.casefold() for c in entry.context)))
