"""German nouns from a dictionary: for words the training corpora never saw, whether German knows them as ordinary
nouns (*Zäune*, *Gruftkapelle* ends in *Kapelle*) or as place and person names (*Grevesmühlen*).

The list (``seeds/nouns.de.txt.gz``, built by ``training/build_nouns.py`` from the Wiktionary data of the
*german-nouns* data set, CC BY-SA 4.0) holds every inflected form, one a line, in sections: forms only
ordinary nouns have, forms only proper nouns have, forms of both (*Keller*, *Haar*), given names no ordinary
noun shares (*Birgit*; not *Ernst*) and given names an ordinary noun shares (*Ernst*, *Heide*).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class NounList:
    """Forms of German nouns, by what the dictionary says they are."""

    common: frozenset[str] = field(default_factory=frozenset)
    proper: frozenset[str] = field(default_factory=frozenset)
    both: frozenset[str] = field(default_factory=frozenset)
    given: frozenset[str] = field(default_factory=frozenset)
    given_shared: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> NounList:
        """The shipped list (read once, on first use)."""
        return _shipped()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> NounList:
        """A list in the file's format: ``#common``, ``#proper``, ``#both``, ``#given`` and ``#given_shared`` start
        the sections."""
        sections: dict[str, set[str]] = {"common": set(), "proper": set(), "both": set(), "given": set(),
                                         "given_shared": set()}
        current = sections["common"]
        for line in lines:
            word = line.rstrip("\n")
            if word.startswith("#"):
                current = sections.setdefault(word[1:], set())
            elif word:
                current.add(word)
        return cls(frozenset(sections["common"]), frozenset(sections["proper"]), frozenset(sections["both"]),
                   frozenset(sections["given"]), frozenset(sections["given_shared"]))

    def common_noun(self, word: str) -> bool:
        """A form only ordinary nouns have (*Zäune*, *Erdnuss*)."""
        return word in self.common

    def proper_noun(self, word: str) -> bool:
        """A form only names have (*Grevesmühlen*, *Svantje*)."""
        return word in self.proper

    def given_name(self, word: str) -> bool:
        """A given name that is no ordinary noun's form (*Birgit*, *Daniela*; not *Ernst*, *August*, not the
        genitive *Birgits*)."""
        return word in self.given

    def shared_given_name(self, word: str) -> bool:
        """A given name an ordinary noun shares (*Heide*, *Ernst*, *Wolf*): context decides."""
        return word in self.given_shared

    def noun(self, word: str) -> bool:
        """Any noun form the dictionary has, ordinary or also a name (*Keller*)."""
        return word in self.common or word in self.both


@lru_cache(maxsize=1)
def _shipped() -> NounList:
    from glossator.seeds import seed_text

    return NounList.from_lines(seed_text("nouns.de.txt.gz").split("\n"))
