"""Quality checks of one translated segment, as CAT tools run them before approval and export.

The checks look at the German source, the English target and the segment's term results (what enforcement
or :func:`glossator.translate.project.check_terms` found): violated or partial glossary terms, lost names and
inline tags, numbers that differ between the two languages (German ``1.000,5`` and English ``1,000.5`` are the
same number), the glossary's capitalisation (``PYONGYANG`` is not ``Pyongyang``) and German words left in the
English. They warn; nothing here refuses a translation. No Textual: the review desk and batch reports share it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from glossator.translate.leftover import leftovers
from glossator.translate.names import NameFinder
from glossator.translate.result import TermResult
from glossator.translate.termcheck import rendering_spans

IssueKind = Literal["term", "name", "tag", "number", "literal", "case", "untranslated"]


@dataclass(frozen=True)
class QAIssue:
    """One warning about a segment's English: ``kind`` of check and a ``message`` a translator can act on."""

    kind: IssueKind
    message: str


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")

# Unambiguous German function words (none is also an English word a translation would use).
_GERMAN_WORDS = frozenset(
    """und oder aber nicht auch der das des dem den ein eine einen einem einer eines ist sind wurde wurden
    werden haben hatte hatten mit für über nach bei zum zur vom im sich wie wir ihr sein seine ihre noch
    schon sehr dass wenn weil gegen zwischen unter durch ohne sowie bereits jedoch""".split()
)
_GERMAN_ENDING = re.compile(r"(?:ung|ungen|keit|heit|schaft|lich|isch|chen|ierung)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _number_value(token: str, *, german: bool) -> str:
    """The value of a number as written in German (``1.000,5``) or English (``1,000.5``) notation.

    A token that fits neither notation keeps its spelling, so it only matches the same spelling.
    """
    thousands, decimal = (".", ",") if german else (",", ".")
    whole, _, fraction = token.partition(decimal)
    groups = whole.split(thousands)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return token  # "3.5" in German, "3,5" in English: not that language's notation
    if thousands in fraction or decimal in fraction:
        return token
    digits = "".join(groups) + (f".{fraction}" if fraction else "")
    try:
        return format(Decimal(digits).normalize(), "f")  # "f": 300, not 3E+2
    except InvalidOperation:
        return token


def numbers(text: str, *, german: bool) -> Counter[str]:
    """The numbers of ``text`` by value (see :func:`_number_value`)."""
    return Counter(_number_value(m.group(0), german=german) for m in _NUMBER.finditer(text))


def _case_mismatch(target: str, rendering: str) -> str | None:
    """How the English writes ``rendering`` when no occurrence has the glossary's capitals (a capital first
    letter, as at a sentence start, is allowed); None when one does, or when the rendering is not there."""
    allowed = {rendering, rendering[:1].upper() + rendering[1:]}
    written = [target[start:end] for start, end in rendering_spans(target, rendering)]
    if not written or any(" ".join(w.split()) in allowed for w in written):
        return None
    return written[0]


def check_segment(source: str, target: str, terms: Sequence[TermResult] = ()) -> list[QAIssue]:
    """Every QA warning for the English ``target`` of the German ``source`` with its ``terms`` results."""
    issues: list[QAIssue] = []
    protected: set[str] = set()
    for term in terms:
        protected.update(w.casefold() for w in _WORD.findall(term.target))
        if term.kind == "number":
            continue  # the number check below covers them, in both notations
        if term.status == "violated":
            if term.kind == "name":
                issues.append(QAIssue("name", f"The name {term.source} is missing from the English."))
            elif term.kind == "tag":
                issues.append(QAIssue("tag", f"The inline code {term.source!r} is missing from the English."))
            elif term.kind == "literal":
                issues.append(QAIssue("literal", f"{term.source} (an address or tag, kept as written) is missing "
                                                 "from the English."))
            else:
                issues.append(QAIssue("term", f"Glossary: {term.source} must be rendered {term.target}."))
            continue
        if term.status == "partial" and term.kind == "name":
            issues.append(QAIssue("name", f"The name {term.source} is a German spelling; English usually writes "
                                          f"{term.suggestion}."))
        elif term.status == "partial":
            issues.append(QAIssue("term", f"Glossary: check the form of {term.target} ({term.source})."))
        if term.kind == "term" and term.target:
            written = _case_mismatch(target, term.target)
            if written is not None:
                issues.append(QAIssue("case", f"The glossary writes {term.target}, the English has {written}."))
    issues.extend(_number_issues(source, target))
    issues.extend(_untranslated(source, target, protected))
    return issues


# A clock time: German "14.30 Uhr", "20 Uhr"; English "14:30", "2.30pm", "8 p.m.", "noon".
_GERMAN_TIME = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])(?:[.:]([0-5]\d))?(?=\s*Uhr\b)")
_ENGLISH_TIME = re.compile(
    r"(?<![\w.,:])(?:([01]?\d|2[0-4])(?:[.:]([0-5]\d))?\s*([ap])\.?\s?m\b\.?"
    r"|([01]?\d|2[0-4])[.:]([0-5]\d)(?![\w.,:]?\d)"
    r"|(noon|midday|midnight))", re.IGNORECASE)


def _english_times(target: str) -> list[tuple[re.Match[str], set[tuple[int, int]]]]:
    """Each clock time of the English with the 24-hour times it can mean (8 p.m. → 20:00; 14.30 → 14:30)."""
    found = []
    for m in _ENGLISH_TIME.finditer(target):
        if m.group(6):
            found.append((m, {(0, 0), (24, 0)} if m.group(6).lower() == "midnight" else {(12, 0)}))
        elif m.group(3):
            hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
            found.append((m, {(hour + 12, minute)} if m.group(3).lower() == "p" else {(hour, minute)}))
        else:
            found.append((m, {(int(m.group(4)), int(m.group(5)))}))
    return found


def _time_issues(source: str, target: str) -> tuple[str, str, list[QAIssue]]:
    """The German clock times (*14.30 Uhr*) checked against the English in any English notation, and both texts
    without them, so the number check does not take "14.30 Uhr" → "2:30 p.m." for lost and added numbers."""
    times = list(_GERMAN_TIME.finditer(source))
    if not times:
        return source, target, []
    english = _english_times(target)
    used: set[int] = set()
    issues = []
    for m in times:
        value = (int(m.group(1)), int(m.group(2) or 0))
        k = next((k for k, (_, means) in enumerate(english) if k not in used and value in means), None)
        if k is None:
            issues.append(QAIssue("number", f"Time {m.group(0)} Uhr of the German missing from the English."))
        else:
            used.add(k)
    source = _GERMAN_TIME.sub(" ", source)
    for k in sorted(used, reverse=True):
        m = english[k][0]
        target = target[: m.start()] + " " + target[m.end() :]
    return source, target, issues


def _number_issues(source: str, target: str) -> Iterable[QAIssue]:
    source, target, time_issues = _time_issues(source, target)
    yield from time_issues
    german, english = numbers(source, german=True), numbers(target, german=False)
    missing = sorted((german - english).elements())
    extra = sorted((english - german).elements())
    if missing:
        yield QAIssue("number", f"Number(s) {', '.join(missing)} of the German missing from the English.")
    if extra:
        yield QAIssue("number", f"Number(s) {', '.join(extra)} in the English are not in the German.")


_GERMAN_LETTERS = re.compile("[äöüßÄÖÜ]")


@lru_cache(maxsize=1)
def _finder() -> NameFinder:
    """One name finder for every check (its lexicon loads on first use)."""
    return NameFinder()


def _untranslated(source: str, target: str, protected: set[str]) -> Iterable[QAIssue]:
    source_words = {w.casefold() for w in _WORD.findall(source)}
    left: list[str] = []
    for word in _WORD.findall(target):
        folded = word.casefold()
        if folded in _GERMAN_WORDS:
            german = True
        elif folded not in source_words:
            continue  # not copied from the German and no German function word: English (or a new name)
        else:
            # Copied from the German: German letters, a German ending, or a compound of three or more parts.
            german = (
                _GERMAN_LETTERS.search(word) is not None
                or (len(word) >= 6 and _GERMAN_ENDING.search(word) is not None)
                or word.count("-") >= 2
            )
        if german and folded not in protected and word not in left:
            left.append(word)
    # Capitalised German nouns the lexicon knows as translated words (the leftover fix's own test): Haus, Jury.
    for found in leftovers(source, target, _finder(), sorted(protected)):
        if found.word.casefold() not in protected and found.word not in left:
            left.append(found.word)
    if left:
        yield QAIssue("untranslated", f"German left in the English: {', '.join(left)}.")
