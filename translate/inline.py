"""Inline codes inside a segment: how a document's markup travels through translation.

A format reader replaces each inline tag of a sentence (an opening ``<b>``, a closing ``</b>``, a standalone
``<br/>``, an XLIFF ``<ph/>`` …) by ONE character from a Unicode private-use block and keeps the map from that
character to the original code; the writer maps them back. Between reader and writer the sentence is plain text
in which every code is a protected span (kind ``tag``): the enforcer carries it through the model like glossary
terms and names, verifies it in the English, puts a code it could not place at the end of the sentence (never
drops it) and reports it.
"""

from __future__ import annotations

import regex

FIRST = 0xE000
LAST = 0xE8FF
CODE = regex.compile("[\ue000-\ue8ff]")


def code_char(k: int) -> str:
    """The ``k``-th inline-code character of a segment (0-based)."""
    if not 0 <= k <= LAST - FIRST:
        raise ValueError(f"a segment holds at most {LAST - FIRST + 1} inline codes")
    return chr(FIRST + k)


def is_code(ch: str) -> bool:
    """Whether ``ch`` is an inline-code character."""
    return len(ch) == 1 and FIRST <= ord(ch) <= LAST


def strip_codes(text: str) -> str:
    """``text`` without its inline codes (what a reader of the plain sentence sees)."""
    return CODE.sub("", text)
