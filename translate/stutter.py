"""A word the model wrote twice in a row ("back back back", "the General General office") is written once.

A small model's beam search stutters: on training news (newstest2018, 1,500 lines) 93 such repeats in the English,
against one in the human references ("had had"). ``no_repeat_ngram_size`` keeps whole phrases from looping but
not a word from doubling. A repeat the German has too stays (*Bora Bora*, *Baden-Baden* is one word anyway), and
so do the few English words that may double ("had had", "that that", "is is").
"""

from __future__ import annotations

import regex

_REPEAT = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{L}+)((?:[ \t]+\1)+)(?![\p{L}\p{N}'’-])", regex.IGNORECASE)
_MAY_DOUBLE = frozenset({"had", "that", "is"})


def collapse_repeats(source: str, target: str) -> str:
    """``target`` with each run of one repeated word written once, unless ``source`` repeats it too."""

    def once(match: regex.Match) -> str:
        word = match.group(1)
        if word.casefold() in _MAY_DOUBLE:
            return match.group(0)
        doubled = r"(?<![\p{L}\p{N}])" + regex.escape(word) + r"[ \t]+" + regex.escape(word) + r"(?![\p{L}\p{N}])"
        if regex.search(doubled, source, regex.IGNORECASE):
            return match.group(0)
        return word

    return _REPEAT.sub(once, target)
