"""Glossary candidates as translation sees the text: the glossary's suggestions (``glossary.suggest``), told apart
with the name finder that translation protects names by (``translate.names``).

The suggestions are heuristics of capitalisation, titles and prepositions; the finder knows, from the training
corpora, which capitalised German words are ordinary words. So a run the finder knows word by word as ordinary
words is dropped (*Millionen Euro Verlust*: translation translates it), a run with a name inside is that name
(*Firma Quolmbach* → Quolmbach), a genitive is its name (*Annalena Baerbocks* → Annalena Baerbock), and a name
the finder protects that the heuristics missed is added (*Quellhausen*), with the English spelling of a German
transliteration as its suggestion, as translation reports it. What ``glossator glossary suggest`` lists is then
what translation will keep as written.
"""

from __future__ import annotations

import regex

from glossator.glossary.checks import split_lines
from glossator.glossary.matcher import Matcher, fold
from glossator.glossary.suggest import Candidate, suggest_terms
from glossator.translate.names import NameFinder
from glossator.translate.segment import split_sentences
from glossator.translate.spans import Span

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")


def candidates(text: str, matcher: Matcher, finder: NameFinder | None = None) -> list[Candidate]:
    """The candidates of the German ``text`` the glossary (``matcher``) lacks, by count, then first line."""
    finder = finder or NameFinder()
    lines = split_lines(text)
    sentences = [(number, s) for number, line in enumerate(lines, 1) for s in split_sentences(line)]
    known = finder.learn([s for _, s in sentences])
    names: list[tuple[int, Span]] = [
        (number, span) for number, sentence in sentences
        for span in finder.find(sentence, [(m.start, m.end) for m in matcher.find(sentence)], known)]
    found: list[Candidate] = []
    seen: dict[str, Candidate] = {}
    for cand in suggest_terms(text, matcher):
        cand = _as_named(cand, [_entry_form(span)[0] for number, span in names if number in cand.lines], finder)
        if not cand.text:
            continue
        same = seen.get(fold(cand.text))
        if same is not None:  # narrowed to a candidate listed already (Firma Quolmbach, Quolmbach)
            same.lines = sorted(set(same.lines) | set(cand.lines))
            continue
        seen[fold(cand.text)] = same = cand
        found.append(cand)
    covered = {fold(w) for c in found for w in _WORD.findall(c.text)}
    added: dict[str, Candidate] = {}
    for number, span in names:
        name, suggestion = _entry_form(span)
        words = _WORD.findall(name)
        key = fold(name)
        if key in seen or all(fold(w) in covered for w in words):
            continue  # listed already, or part of a longer candidate
        if all(finder.known_name(w) for w in words) and not suggestion:
            continue  # a name the corpora know (China, Reuters): every model keeps it already
        cand = added.setdefault(key, Candidate(name, "name", 0, "translation keeps it as written",
                                               suggestion=suggestion))
        if number not in cand.lines:
            cand.lines.append(number)
    folded = fold(text)
    for cand in [*found, *added.values()]:  # narrowed and added ones counted as the glossary counts its own
        cand.count = max(1, len(regex.findall(r"(?<!\w)" + regex.escape(fold(cand.text)) + r"(?!\w)", folded)))
    order = {id(c): i for i, c in enumerate([*found, *added.values()])}
    return sorted([*found, *added.values()], key=lambda c: (-c.count, order[id(c)]))


def _entry_form(span: Span) -> tuple[str, str]:
    """A protected name as a glossary entry has it, and its suggestion: without a genitive -s, an adjective in
    the nominative (*Rheinischen Post* → Rheinische Post); a respelling (*Peskow* → Peskov) is the suggestion."""
    respelt = span.target.split()[-1:] != span.text.split()[-1:] and not span.genitive
    if respelt:
        return span.text, span.target
    return span.target, span.suggestion


def _as_named(cand: Candidate, names: list[str], finder: NameFinder) -> Candidate:
    """A run of capitalised words as the name the finder found at its end (*Firma Quolmbach* → Quolmbach, *Annalena
    Baerbocks* → Annalena Baerbock); empty when every word is an ordinary word (*Millionen Euro Verlust*)."""
    if cand.type not in ("name", "person"):
        return cand
    inside = []
    for name in names:
        lead, _, rest = cand.text.rpartition(name)
        if (name != cand.text and rest in ("", "s") and (not lead or lead.endswith(" ")) and all(
                finder.ordinary_word(w) and not finder.known_name(w) for w in _WORD.findall(lead))):
            inside.append(name)  # the name at the end, ordinary words before it (Firma), or its genitive
    if inside:
        cand.text = max(inside, key=len)
    elif cand.type == "name" and all(finder.ordinary_word(w) and not finder.known_name(w)
                                     for w in _WORD.findall(cand.text)):
        cand.text = ""
    return cand
