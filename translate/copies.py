"""A word the model copied from the German but misspelt ("Swarzwaldmilch", "Rätsmedicinalverke") is written as the
German has it.

The name finder protects what context shows to be a name; a word it leaves open (no evidence either way: a compound
the lexicon has not seen, an unknown word) goes to the model, which sometimes keeps it and garbles it on the way,
as it garbled unprotected names before protection existed (*Liu Penugy*, *Rünnnie Jenkins*). Such a copy helps no
reader. A capitalised English word close to such a German word (same first letter, at most one edit in four
letters), that is no word English writes, no word the lexicon knows and not in the German itself, is taken for
the model's failed copy and replaced by the German word. Not replaced: the German word's own shorter form
(*Wolfsburg* for *Wolfsburger*: the English drops the German ending), a form with an English ending the German lacks
(*Sternarts*, *Bioacoustic*: the model translated part of it; the whole word and an -s is still a copy), and any word the lexicon or the dictionary of German
nouns knows (*Sirene* → "sirens", *Athen* → "Athens": translations, not copies).

Measured with the shipped model on newstest2018 and deen-refs (1,500 lines each, lexicons that never saw them): 20
words restored, 4 of them as the English reference writes them, none that the reference wrote as the model had; the
rest garbled copies of German compounds (*Swarzwaldmilch* → *Schwarzwaldmilch*), German either way. The whole German
word with an English -s is a copy too (*Freeports* → *Freeport*: 4 such, 1 as the reference writes it, none against).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import regex

from glossator.translate.leftover import SENTENCE_START
from glossator.translate.spans import ends_before

_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’-])\p{L}[\p{L}\p{M}]*(?![\p{L}\p{M}\p{N}-])")
_GERMAN_ENDINGS = frozenset({"e", "en", "er", "ern", "ers", "es", "n", "s", "isch", "ische", "ischen"})
"""What the English may drop of a German word (*Wolfsburger* → Wolfsburg): a shorter form, not a misspelling."""
_ENGLISH_ENDINGS = ("s", "ic", "ics", "ical", "ian", "ish", "tion", "ism")
"""Endings of an English rendering (*Sternarts*, *Bioacoustic*): the model translated, it did not copy."""
_MIN_LENGTH = 5


class Lexical(Protocol):
    """What the mend needs of the name finder (``translate.names.NameFinder``)."""

    def kind(self, word: str, sentence_start: bool) -> str: ...

    def known_word(self, word: str) -> bool: ...

    def known_name(self, word: str) -> bool: ...

    def english_word(self, word: str) -> bool: ...

    def inflected(self, word: str) -> bool: ...

    def common_noun(self, word: str) -> bool: ...


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions, one each."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _misspelt(copy: str, word: str) -> bool:
    """``copy`` is ``word`` written wrong: the same first letter, at most one edit in four letters, not a shorter
    German form of it and not an English rendering."""
    c, w = copy.casefold(), word.casefold()
    if c[0] != w[0] or c == w:
        return False
    if w.startswith(c) and w[len(c) :] in _GERMAN_ENDINGS:
        return False
    if c != w + "s" and any(c.endswith(e) and not w.endswith(e) for e in _ENGLISH_ENDINGS):
        return False  # but the whole German word and an -s is a copy (*Freeports* for *Freeport*)
    return edit_distance(c, w) <= max(1, len(w) // 4)


def _open_words(source: str, guarded: set[str], lexicon: Lexical) -> list[str]:
    """The capitalised words of ``source`` the finder left open (no evidence they are ordinary words), outside
    the protected renderings."""
    found = []
    for m in _WORD.finditer(source):
        word = m.group()
        if len(word) < _MIN_LENGTH or not word[:1].isupper() or word in guarded or word in found:
            continue
        start = ends_before(SENTENCE_START, source, m.start())
        if lexicon.kind(word, start) in ("unknown", "name?", "noun?") and not (
                lexicon.common_noun(word) or lexicon.inflected(word)):
            found.append(word)
    return found


def mend_copies(source: str, target: str, protected: Sequence[str], lexicon: Lexical) -> str:
    """``target`` with each misspelt copy of an open word of ``source`` written as ``source`` has it."""
    guarded = {w for text in protected for w in _WORD.findall(text)}
    written = set(_WORD.findall(target))
    words = [w for w in _open_words(source, guarded, lexicon) if w not in written]
    if not words:
        return target
    in_source = set(_WORD.findall(source))
    fixes: dict[str, str] = {}
    for copy in written:
        if (len(copy) < _MIN_LENGTH - 1 or not copy[:1].isupper() or copy in in_source or copy in guarded
                or lexicon.english_word(copy.lower()) or lexicon.known_word(copy) or lexicon.known_name(copy)):
            continue
        near = [w for w in words if _misspelt(copy, w)]
        if near:
            fixes[copy] = min(near, key=lambda w: edit_distance(copy.casefold(), w.casefold()))
    if not fixes:
        return target
    return _WORD.sub(lambda m: fixes.get(m.group(), m.group()), target)
