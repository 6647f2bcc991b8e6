"""German words the model left in the English, translated after all.

The name lexicon decides both ways: a name is copied, an ordinary German noun is translated. A small model
sometimes copies a noun it does not know well (*Kanzlerin*, *Asteroiden*, *Jury*). Such a word is found in the
English (a capitalised word of the German source that the lexicon knows as a translated word, not a name, or that
only the dictionary of German nouns knows, as an ordinary noun; outside every protected span) and replaced by the
lexicon's English for it (the word the training corpora pair it with, or, for an inflected form without one, its
stem's: *Rentnern* → pensioner); a word the lexicon has no English for is translated by the engine on its own, in
one batch for all sentences, and taken when the answer is short and made of words English writes
(``translate.english``); the engine's answer takes English case: lower case inside a sentence when the engine's
vocabulary knows the word better so (*chancellor*), as translated otherwise.
A German genitive of a known name (*Putins*) becomes the English possessive ("Putin's").

The model also copies lower-case words (*reist*, *knapp*) and writes nouns in lower case (*insel*). A lower-case
word of the source that English does not write is German too: the lexicon's English replaces it (its lower-case
rows, or the noun's row; after a copula an adverb becomes the adjective: "is neu" → "is new"); the engine is not
asked for a lone verb or adjective (it answers worse than nothing), so a word the lexicon has no English for
stays, and QA reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import regex

from glossator.translate.spans import ends_before, possessive

_WORD = regex.compile(r"(?<![\p{L}\p{N}\p{M}'’-])\p{Lu}[\p{L}\p{M}]*(?![\p{L}\p{N}\p{M}'’-])")
# A lower-case word on its own: not part of a hyphenated word, an address (www.x.de, a@b), a path or a handle.
_LOWER_WORD = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}'’@#/_.-])\p{Ll}[\p{L}\p{M}]*(?![\p{L}\p{N}\p{M}'’@/_-]|\.[\p{L}\p{N}])")
_GERMAN_LETTERS = regex.compile("[äöüßÄÖÜ]")
SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s+)[\"'„“‚‘«»(]*$")
"""Before a word that starts a sentence (with :func:`translate.spans.ends_before`): the text's start or a full
stop, maybe opening quotes or a bracket."""


class Lexical(Protocol):
    """What the fix needs of the name finder (``translate.names.NameFinder``)."""

    def known_word(self, word: str) -> bool: ...

    def ordinary_word(self, word: str) -> bool: ...

    def genitive_base(self, word: str) -> str | None: ...

    def known_name(self, word: str) -> bool: ...

    def shared_noun(self, word: str) -> bool: ...

    def translation(self, word: str) -> str | None: ...

    def english_word(self, word: str) -> bool: ...

    def german_lower_word(self, word: str) -> bool: ...

    def written_lower(self, word: str) -> bool: ...

    def function_title(self, word: str) -> bool: ...


@dataclass(frozen=True)
class Leftover:
    """One German word in an English sentence."""

    start: int
    end: int
    word: str
    title: bool = False
    """A title or function: before a name its English is capitalised (*Chancellor Angela Merkel*)."""
    german: str = ""
    """The German word to translate, when not ``word`` itself: a noun the model wrote in lower case (*insel* →
    *Insel*)."""

    @property
    def lemma(self) -> str:
        return self.german or self.word


def leftovers(source: str, target: str, lexicon: Lexical, protected: Sequence[str] = ()) -> list[Leftover]:
    """The words of ``target`` copied from ``source`` that German translates, outside the ``protected``
    renderings (terms, names): capitalised words the lexicon knows as ordinary German words, and lower-case ones
    English does not write (*reist*, *knapp*, or a noun the model wrote in lower case: *insel*)."""
    source_words = set(_WORD.findall(source))
    source_lower = set(_LOWER_WORD.findall(source))
    guarded = {w for text in protected for w in regex.findall(r"[\p{L}\p{M}]+", text)}

    def name(w: str) -> bool:
        return w in guarded or (w in source_words and (not _german(w, lexicon) or lexicon.english_word(w.lower())))

    found = []
    for m in _WORD.finditer(target):
        word = m.group(0)
        if len(word) < 3 or word not in source_words or word in guarded or word.isupper() or not _german(word, lexicon):
            continue
        title = lexicon.function_title(word)
        # A word English writes too keeps its capital beside any capitalised word: a part of an English name
        # (*the Italian Mafia*), where translating would only change its case.
        beside = _capital if lexicon.shared_noun(word) else name
        if not _beside_name(target, m.start(), m.end(), title, beside):
            found.append(Leftover(m.start(), m.end(), word, title))
    for m in _LOWER_WORD.finditer(target):
        word = m.group(0)
        if len(word) < 3 or word in guarded or lexicon.english_word(word):
            continue
        title = word[:1].upper() + word[1:]
        if word in source_lower:
            if lexicon.german_lower_word(word):
                found.append(Leftover(m.start(), m.end(), word))
        elif (title in source_words and title not in guarded and lexicon.ordinary_word(title)
              and not lexicon.known_name(title)):
            found.append(Leftover(m.start(), m.end(), word, german=title))
    return sorted(found, key=lambda x: x.start)


def _capital(word: str) -> bool:
    return True


def _german(word: str, lexicon: Lexical) -> bool:
    """A capitalised word German translates: an ordinary word, not a known name."""
    return lexicon.ordinary_word(word) and not lexicon.known_name(word)


def _beside_name(text: str, start: int, end: int, title: bool, name) -> bool:
    """A name right before or after (not starting a sentence): the word is part of it (*Rostock Zoo*, *Adler
    Klinik*, *Tesla Model 3*) and left as written; a title is followed by its name (*Kanzlerin Angela Merkel*) and
    still translated. ``name`` tells a name: a protected word, or one copied from the German that German does not
    translate or that English writes too (*IAAF Task Force*). An English word the German does not have (*a former
    Dutch Kolonie*) or another German word left untranslated (*55 Hektar Wiesen*) is no name."""
    before = regex.search(r"(\p{L}+) $", text[:start])
    after = regex.match(r" (\p{L}+)", text[end:])
    if after and after.group(1)[:1].isupper() and name(after.group(1)) and not title:
        return True
    return bool(before and before.group(1)[:1].isupper() and name(before.group(1))
                and not ends_before(SENTENCE_START, text, start - len(before.group(0))))


def acceptable(word: str, english: str, lexicon: Lexical) -> bool:
    """An answer that can stand for ``word``: one to three words, no German letters, no German word; the word
    again only when English shares it (*Jury* → "jury": only its case changes; beside a capitalised word such a
    word is part of a name, *Tesla Model 3*, and is not looked at)."""
    words = english.split()
    if not 1 <= len(words) <= 3 or _GERMAN_LETTERS.search(english) or not regex.fullmatch(r"[\p{L}\p{M}' -]+",
                                                                                                english):
        return False
    if english.casefold() == word.casefold():
        return lexicon.shared_noun(word)
    return not any(w[:1].isupper() and lexicon.known_word(w) and not lexicon.known_name(w) and not
                   lexicon.shared_noun(w) for w in words if len(w) > 3)


def _stem_translation(word: str, lexicon: Lexical) -> str | None:
    """The lexicon's English for the word without its case or plural ending, where it has none for the whole
    (a dative plural *Rentnern* → *Rentner*: pensioner; a genitive *Elends* → *Elend*: misery): the stem must be
    an ordinary word of its own."""
    for ending in ("n", "s", "e", "en", "es", "ns"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: -len(ending)]
            if (stem[:1].isupper() and _german(stem, lexicon)) or (stem[:1].islower()
                                                                   and lexicon.german_lower_word(stem)):
                english = lexicon.translation(stem)
                if english:
                    return english
    return None


_COPULA = regex.compile(r"(?<![\p{L}'’])(?:is|are|was|were|be|been|being|become|becomes|became|remain|remains|"
                       r"remained|seem|seems|seemed|look|looks|looked|stay|stays|stayed|not)\s+$", regex.IGNORECASE)


def predicative(english: str, before: str, lexicon: Lexical) -> str:
    """German writes an adjective and its adverb alike (*neu*, *aktuell*); the lexicon's English may be the
    adverb (newly, currently). After a copula ("is neu") English wants the adjective: new, current."""
    if not english.endswith("ly") or " " in english or _COPULA.search(before) is None:
        return english
    stem = english[:-2]
    for adjective in (stem[:-2] if english.endswith("ally") else "", stem, stem[:-1] + "y", english[:-1] + "e",
                      english[:-1]):
        if len(adjective) > 2 and lexicon.english_word(adjective):
            return adjective
    return english


def english_case(english: str, encode) -> str:
    """Lower case when the engine's vocabulary writes the word in fewer pieces so (a common English word)."""
    lower = english[:1].lower() + english[1:]
    if encode is None or lower == english:
        return english
    return lower if len(encode(lower)) <= len(encode(english)) else english


def fix(sentences: Sequence[tuple[str, str, Sequence[str]]], engine, lexicon: Lexical) -> list[str]:
    """The English of each (German, English, protected renderings) with its leftover German translated."""
    found = [leftovers(src, tgt, lexicon, protected) for src, tgt, protected in sentences]
    words = sorted({x.lemma for xs in found for x in xs})
    if not words:
        return [tgt for _, tgt, _ in sentences]
    # The lexicon's English first (it knows what the corpora say); the engine, on the word alone, for the rest of
    # the capitalised words (a small model on a lone verb or adjective answers worse than nothing: "knapp" →
    # "After almost"; those stay as they are, and QA reports them).
    rendering: dict[str, str] = {}
    for word in words:
        base = lexicon.genitive_base(word)
        if base is not None:  # a German genitive of a name the model copied (Quolwis): the English possessive
            rendering[word] = possessive(base)
            continue
        english = lexicon.translation(word) or _stem_translation(word, lexicon)
        if english and acceptable(word, english, lexicon):
            rendering[word] = english
    rest = [w for w in words if w not in rendering and w[:1].isupper()]
    encode = getattr(engine, "encode", None)
    for word, answer in zip(rest, engine.translate(rest) if rest else []):
        english = " ".join(answer.strip().rstrip(".!?").split())
        # The engine on a lone word often invents one ("Mahnmal" → "mahn times", "Superheld" → "superite"): only
        # words English writes are taken.
        # A word German writes in lower case (*Als*, *Sexuelle*, capitalised at a sentence start) is taken as one
        # English word only: for a function word the engine strings synonyms ("As as", "Even also too").
        if acceptable(word, english, lexicon) and all(lexicon.english_word(w.lower()) for w in english.split()) \
                and (" " not in english or not lexicon.written_lower(word)):
            rendering[word] = english_case(english, encode)
    out = []
    for (_, target, _), xs in zip(sentences, found):
        for x in reversed(xs):
            english = rendering.get(x.lemma)
            if english is None:
                continue
            if x.word[:1].islower() and not x.german:
                english = predicative(english, target[: x.start], lexicon)
            before_name = x.title and regex.match(r" \p{Lu}", target[x.end :]) is not None
            if before_name or ends_before(SENTENCE_START, target, x.start):
                english = english[:1].upper() + english[1:]
            target = target[: x.start] + english + target[x.end :]
        out.append(target)
    return out
