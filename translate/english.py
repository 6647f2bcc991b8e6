"""The words English writes in lower case: a lower-case German word outside this list that stands in an English
sentence is German the model left there (*reist*, *insel*), not English (*die*, *will*, *man*).

The list (``seeds/english.en.txt.gz``, built by ``training/build_english.py``) is the human English of the
training corpora: every lower-case word written at least twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class EnglishWords:
    """Lower-case English words."""

    words: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> EnglishWords:
        """The shipped list (read once, on first use)."""
        return _shipped()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> EnglishWords:
        return cls(frozenset(w for w in (line.strip() for line in lines) if w))

    def __contains__(self, word: object) -> bool:
        return word in self.words


@lru_cache(maxsize=1)
def _shipped() -> EnglishWords:
    from glossator.seeds import seed_text

    return EnglishWords.from_lines(seed_text("english.en.txt.gz").split("\n"))
