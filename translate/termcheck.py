"""Is this rendering in the English? The one answer, used by enforcement, the review desk, batch's memory hits and
the reports, so a term the enforcer calls *partial* is never *violated* at the desk.

The rules:

* a rendering stands in the English as whole words, ignoring case, with any run of white space between its words
  (a line break inside "North Korea" still counts);
* each occurrence counts once: a term found twice in the German needs its rendering twice in the English;
* a partial source match (the glossary term inside a longer word, *Kremlchef*) or an entry without a rendering is
  ``partial`` whatever the English says: the reviewer checks the form, nothing can verify it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

import regex

from glossator.translate.result import TermResult, TermStatus


class Rendered(Protocol):
    """A term with the rendering the glossary requires (``translate.enforce.Term``, ``TermResult``)."""

    @property
    def target(self) -> str: ...


class Match(Protocol):
    """What the check needs of a glossary match (``glossary.matcher.TermMatch``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def target(self) -> str: ...

    @property
    def partial(self) -> bool: ...

    @property
    def entry(self) -> object: ...


class Finder(Protocol):
    """What :func:`check_english` needs of the glossary matcher (``glossary.matcher.Matcher``)."""

    def find(self, text: str, *, context: str = "") -> Sequence[Match]: ...


@lru_cache(maxsize=4096)
def rendering_pattern(rendering: str) -> regex.Pattern:
    """The pattern of ``rendering`` as whole words in English text: case ignored, any white space between words."""
    escaped = r"\s+".join(regex.escape(part) for part in rendering.split())
    return regex.compile(rf"(?<![\w]){escaped}(?![\w])", regex.IGNORECASE | regex.VERSION1)


_word_pattern = rendering_pattern  # the name enforcement has always used


def rendering_spans(english: str, rendering: str) -> list[tuple[int, int]]:
    """Where ``rendering`` stands in ``english`` (start, end of each occurrence); what the desk and the report mark."""
    if not rendering.strip():
        return []
    return [(m.start(), m.end()) for m in rendering_pattern(rendering).finditer(english)]


def occurrences(output: str, rendering: str, *, as_written: bool = False) -> int:
    """How often ``rendering`` stands in ``output`` as whole words (an inline code or a symbol: as it is).
    ``as_written``: in the rendering's own case, but for a first letter a sentence may capitalise (a name: "winter"
    is not the surname *Winter*)."""
    if not rendering.strip():
        return 0
    if not any(ch.isalnum() for ch in rendering):
        return output.count(rendering)
    found = rendering_pattern(rendering).findall(output)
    if as_written:
        wanted = rendering.split()
        found = [m for m in found if _same_case(m.split(), wanted)]
    return len(found)


def _same_case(words: list[str], wanted: list[str]) -> bool:
    first, *rest = words
    return rest == wanted[1:] and first[1:] == wanted[0][1:] and first[:1] in (wanted[0][:1], wanted[0][:1].upper())


def verify(output: str, terms: Sequence[Rendered]) -> list[bool]:
    """Which terms' renderings stand in ``output`` (each occurrence counted once, in order)."""
    remaining: dict[str, int] = {}
    applied: list[bool] = []
    for term in terms:
        # A name is kept as written (a sentence may capitalise it), a literal (an address, a hashtag) exactly; a
        # term in any case.
        kind = getattr(term, "kind", "")
        as_written = kind in ("name", "literal")
        key = term.target if as_written else term.target.casefold()
        if key not in remaining:
            if kind == "literal":
                remaining[key] = rendering_pattern(term.target).findall(output).count(term.target)
            else:
                remaining[key] = occurrences(output, term.target, as_written=as_written)
        if remaining[key] > 0:
            remaining[key] -= 1
            applied.append(True)
        else:
            applied.append(False)
    return applied


def required_rendering(match: Match) -> str:
    """The English a match requires: the entry's rendering, or the German itself for a do-not-translate entry."""
    target = match.target or ""
    entry = match.entry
    if getattr(entry, "dnt", False) and not target:
        target = getattr(entry, "source", "")
    return target


def check_matches(matches: Iterable[Match], english: str) -> list[TermResult]:
    """The status of every glossary match of a German segment in its ``english`` (sorted by source position)."""
    partials: list[TermResult] = []
    full: list[tuple[Match, str]] = []
    for m in matches:
        target = required_rendering(m)
        if m.partial or not target:
            partials.append(_result(m, target, "partial"))
        else:
            full.append((m, target))
    checked = verify(english, [_Rendering(target) for _, target in full])
    results = [_result(m, target, "applied" if ok else "violated") for (m, target), ok in zip(full, checked)]
    return sorted(results + partials, key=lambda r: r.start)


def check_english(source: str, english: str, matcher: Finder | None, context: str = "") -> list[TermResult]:
    """The glossary terms the ``matcher`` finds in ``source`` (with the document's dateline ``context``) and
    their status in ``english``: English the enforcer never saw (the reviewer's, or a translation memory's)."""
    if matcher is None:
        return []
    found = matcher.find(source, context=context) if context else matcher.find(source)
    return check_matches(found, english)


class _Rendering:
    __slots__ = ("target",)

    def __init__(self, target: str) -> None:
        self.target = target


def _result(m: Match, target: str, status: TermStatus) -> TermResult:
    return TermResult(m.text, target, status, getattr(m.entry, "id", None), m.start, m.end)
