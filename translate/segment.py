"""German sentence segmentation that needs no download, and the line structure around it.

Why our own splitter and not a library (measured in ``bench/bench_segment.py`` on the paragraph-level
``generaltest2023.de`` and the seed article):

* syntok splits German ordinals ("am 16. | Februar", "der 2. | Weltkrieg", "die 5. | Auflage").
* pysbd 0.3.4 handles abbreviations and ordinal dates, but splits "»Morgen.« Dann" inside the closing
  guillemet, splits "im Jan. | 2024" and "Bahnhofstr. | 12", and is 20-40× slower than this module (0.9-1.3 s vs
  0.03-0.04 s for the 589 paragraphs; 4.7 s vs 0.13 s for one 110 kB line).
* Of the 589 paragraphs, 25 are split differently by pysbd and by this module. Read one by one, most are
  pysbd's errors (split quotes, abbreviations before a colon or a noun, "!!|!"); ours still splits inside a
  parenthesis that holds two sentences and misses a list number after an emoticon.

This splitter is one linear ``regex`` scan over candidate boundaries (sentence punctuation, then closing quotes,
then white space) with a few German rules deciding whether each candidate ends a sentence. Segments are
spans of the input, so the text around them (indentation, double spaces, ``\\r``) is kept exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

# Sentence punctuation, optionally followed by closing quotes/brackets, possibly repeated ("…“."), then space.
_CANDIDATE = regex.compile(r"(?:[.!?…]+[\"'“”»«›‹’‘)\]]*)+(?=\s)")
_WORD_BEFORE = regex.compile(r"(\p{L}+|\d+)$")
_NEXT_WORD = regex.compile(r"[\p{L}\d]+")
_HAS_LETTER = regex.compile(r"\p{L}")

# Abbreviations that (practically) never end a German newspaper sentence; compared case-insensitively.
# "usw."/"etc." are left out on purpose: they often do end a sentence.
_ABBREVIATIONS = frozenset(
    """
    abb abs abt anm aufl bd bde bearb bsp bspw bzgl bzw ca chr co corp dipl dir dr dres dt ebd eigtl einschl
    engl ev evtl fa frl franz gebr geb gem gest ggf hl hptm hr hrsg inkl insb ing jh jhd jhdt jr jun kap kath
    lt mag max med min mind mio mrd mrs mr ms nr od pfr pkt präs prof rd red reg sen sog spez st std stellv
    str sr tel tsd verf vgl vors vs zit ziff zzgl zzt
    jan feb febr mär apr jul aug sep sept okt nov dez
    """.split()
)
# Abbreviations that are also ordinary words ("auf diese Art."): not an end only when a number follows.
_ABBREVIATIONS_BEFORE_NUMBER = frozenset({"art", "fr", "tab", "s", "ziff", "abschn", "fn"})

_MONTHS = frozenset(
    """
    januar jänner februar feber märz april mai juni juli august september oktober november dezember
    jan feb febr mär apr jun jul aug sep sept okt nov dez
    """.split()
)
# Words after which "N." is an ordinal ("am 16.", "der 2.", "zum 3."), not a sentence end.
_ORDINAL_CUES = frozenset(
    """
    der die das des dem den am im zum zur vom beim ins ans ab bis seit vor nach zwischen jeder jedes jedem
    jeden ihrer ihres ihrem ihren seiner seines seinem seinen unserer unseres unserem unseren ihr sein
    """.split()
)
# Nouns that typically follow an ordinal number.
_ORDINAL_NOUNS = frozenset(
    """
    jahrhundert jahrtausend mal platz stock stockwerk liga bundesliga klasse runde spieltag etage auflage
    tag jahrestag geburtstag quartal halbjahr halbzeit minute weltkrieg grades grad kapitel absatz
    """.split()
)

DEFAULT_MAX_CHARS = 600
"""Sentences longer than this are cut at a comma or space so the model never sees a runaway input."""


@dataclass(frozen=True)
class SourceSegment:
    """One sentence of a document.

    ``index`` counts sentences from 0 in document order; ``line`` is the 1-based input line; ``lead`` is the
    text between the previous sentence of the line (or the line start) and this one; ``trail`` is the text
    after the last sentence of a line (empty for the others). ``lead + source … + trail`` rebuilds the line.
    """

    index: int
    line: int
    source: str
    lead: str = ""
    trail: str = ""


def _is_boundary(text: str, start: int, end: int, seg_start: int) -> bool:
    """Whether the punctuation run ``text[start:end]`` (followed by white space) ends a sentence.

    Only a short window around the candidate is looked at, so a whole paragraph scans in linear time.
    """
    rest = text[end : end + 64].lstrip()
    if not rest:
        return False
    nxt = rest[0]
    # German sentences start with a capital, a digit, a quote or a bracket: a lower-case word or a comma
    # after the full stop means it belonged to an abbreviation ("ca. zehn") or to a quote ("„Hilfe!“ rief er").
    if nxt.islower() or nxt in ",;:":
        return False
    if not _HAS_LETTER.search(text, seg_start, start):
        return False  # "1." list numbers, lone "…": no sentence without a letter
    punct = text[start:end]
    if start > 0 and text[start - 1] in "[(":
        return False  # "[…]" marks an omission inside a sentence
    if punct[0] != ".":
        return True  # ! ? … end a sentence before a capital
    if punct.startswith("..") and len(punct.rstrip("\"'“”»«›‹’‘)]")) > 1:
        return True  # "..." before a capital, like "…"
    before = text[max(0, start - 64) : start]
    m = _WORD_BEFORE.search(before)
    if m is None:
        return True
    word = m.group(1)
    lower = word.lower()
    if punct == ".)" and word.isdigit() and len(word) <= 3:
        return False  # "Tore von Sterling (29.) und Agüero (65.) 2:0": minutes, ranks
    if punct != ".":
        return True  # "Er sagte: „Gut.“ Dann": the quote closes the sentence
    next_word = _NEXT_WORD.match(rest)
    next_lower = next_word.group(0).lower() if next_word else ""
    if word.isdigit():
        if next_lower in _MONTHS or next_lower in _ORDINAL_NOUNS:
            return False  # "am 16. Februar", "im 19. Jahrhundert"
        if len(word) <= 3:
            if m.start() > 0 and before[m.start() - 1] in "\"„“»«(":
                return False  # "zu lesen: „1. Renaissance": a numbered item
            # The word before the number, or the one before a lower-case adverb: "am 16.", "der 2. Weltkrieg",
            # "den insgesamt 12. Titel" (but not "der Autobahn 7." where a noun comes between).
            lead = before[: m.start()].rstrip()
            if lead.endswith((":", "-", "–")):
                return False  # rankings: "vom Sonntag: 1. Lindqvist 245,7 Punkte - 2. Bauer …"
            prev = _WORD_BEFORE.search(lead)
            if prev and prev.group(1).lower() in _ORDINAL_CUES:
                return False
            if prev and prev.group(1).islower():
                prev2 = _WORD_BEFORE.search(lead[: prev.start()].rstrip())
                if prev2 and prev2.group(1).lower() in _ORDINAL_CUES:
                    return False
        return True
    if len(word) == 1 and word.isalpha():
        return False  # initials and "z. B.", "u. a.", "George W. Bush"
    if lower in _ABBREVIATIONS:
        return False
    if nxt.isdigit() and (lower in _ABBREVIATIONS_BEFORE_NUMBER or lower.endswith("str")):
        return False  # "Art. 5", "Bahnhofstr. 12"
    return True


def sentence_spans(paragraph: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of ``paragraph``, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    seg_start = 0
    for match in _CANDIDATE.finditer(paragraph):
        if _is_boundary(paragraph, match.start(), match.end(), seg_start):
            spans.append((seg_start, match.end()))
            seg_start = match.end()
    spans.append((seg_start, len(paragraph)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and paragraph[s].isspace():
            s += 1
        while e > s and paragraph[e - 1].isspace():
            e -= 1
        if s < e:
            out.extend(_cut_long(paragraph, s, e, max_chars))
    return out


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a runaway sentence into pieces of at most ``max_chars``, preferring ``, ; :`` then spaces."""
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind(", "), window.rfind("; "), window.rfind(": "))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else max_chars  # keep the comma with the first piece
        piece_end = start + cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def split_sentences(paragraph: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[str]:
    """The sentences of one paragraph (a line of text), stripped of surrounding white space."""
    return [paragraph[s:e] for s, e in sentence_spans(paragraph, max_chars=max_chars)]


def split_document(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[SourceSegment]:
    """The sentences of a document; every line (split on ``\\n`` only) is a paragraph.

    Blank lines produce no segment; :func:`join_document` puts them back.
    """
    segments: list[SourceSegment] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        spans = sentence_spans(line, max_chars=max_chars)
        prev_end = 0
        for i, (s, e) in enumerate(spans):
            trail = line[e:] if i == len(spans) - 1 else ""
            segments.append(SourceSegment(len(segments), line_no, line[s:e], line[prev_end:s], trail))
            prev_end = e
    return segments


def join_document(text: str, segments: Sequence[SourceSegment], targets: Sequence[str]) -> str:
    """The translated document: one output line per input line, blank lines and spacing kept.

    A target's own line breaks become spaces so the line count never changes.
    """
    if len(segments) != len(targets):
        raise ValueError(f"{len(segments)} segments but {len(targets)} targets")
    lines = text.split("\n")
    by_line: dict[int, list[str]] = {}
    for seg, target in zip(segments, targets):
        clean = " ".join(target.split("\n"))
        by_line.setdefault(seg.line, []).append(seg.lead + clean + seg.trail)
    out = [("".join(by_line[n]) if n in by_line else line) for n, line in enumerate(lines, start=1)]
    return "\n".join(out)
