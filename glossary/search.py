"""Finding glossary entries by a piece of text (the glossary screen's filter, the desk's concordance search)."""

from __future__ import annotations

from collections.abc import Iterable

from glossator.glossary.model import Entry


def entry_rank(entry: Entry, needle: str) -> int | None:
    """How well ``needle`` fits the entry, ignoring case (lower first), or None when it does not.

    Only the terms themselves count (German, its forms, English): a context cue is not what the entry means, so
    *Moskau* finds the entry for Moskau, not every entry that Moskau disambiguates.
    """
    if not needle:
        return 0
    needle = needle.casefold()
    source = entry.source.casefold()
    if source == needle:
        return 0
    if source.startswith(needle):
        return 1
    if needle in source or any(needle in form.casefold() for form in entry.forms):
        return 2
    if needle in entry.target.casefold():
        return 3
    return None


def search_entries(entries: Iterable[Entry], needle: str, limit: int | None = None) -> list[Entry]:
    """The entries ``needle`` fits (see :func:`entry_rank`), best first, then in the given order."""
    ranked = [(rank, n, e) for n, e in enumerate(entries) if (rank := entry_rank(e, needle)) is not None]
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [entry for _rank, _n, entry in ranked[:limit]]
