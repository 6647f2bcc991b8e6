"""A stopgap for translators that do not carry inline codes: codes placed by their relative position.

A segment's inline codes (:mod:`translate.inline`) are private-use characters that a model never saw in
training; fed to the bundled model as they are, they derail it ("chief executive executive executive").
Unless the translator places them itself (the enforcer does, as does anything with a true
``places_inline_codes`` attribute), :class:`PositionalCodes` sends the sentence without its codes and puts each code back at
the word boundary nearest its relative position in the German (an opening before a word, a closing after
one). The writer then nests them properly. The words are the model's best; where the markup lands is a
guess, and every segment placed this way is counted in ``guessed``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from glossator.translate.inline import FIRST, is_code, strip_codes
from glossator.translate.result import SegmentResult

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")


def places_codes(translator: object) -> bool:
    """Whether ``translator`` carries inline codes through translation itself (a true ``places_inline_codes``,
    as the enforcer has: each code a protected span, placed by alignment)."""
    return bool(getattr(translator, "places_inline_codes", False))


def place_by_position(source: str, target: str, kinds: Sequence[str] | None = None) -> str:
    """``target`` (without codes) with the codes of ``source`` put back at the nearest word boundary.

    ``kinds[k]`` is ``open``, ``close`` or ``standalone`` for code ``k`` (default: standalone). An opening goes
    before the nearest word start, a closing and a standalone code after the nearest word end.
    """
    target = strip_codes(target)
    plain_len = len(strip_codes(source)) or 1
    words = [(m.start(), m.end()) for m in _WORD.finditer(target)]
    starts = [s for s, _ in words] or [0]
    ends = [e for _, e in words] or [len(target)]
    inserts: list[tuple[int, int, str]] = []  # (position, order, code)
    plain = strip_codes(source)
    plain_at = 0
    opened: list[tuple[int, int]] = []  # (position in the target, position in the German) of open codes
    for order, ch in enumerate(source):
        if not is_code(ch):
            plain_at += 1
            continue
        k = ord(ch) - FIRST
        kind = kinds[k] if kinds and k < len(kinds) else "standalone"
        x = plain_at / plain_len * len(target)
        if plain_at == 0:
            at = 0
        elif kind == "open":
            at = min(starts, key=lambda s: (abs(s - x), s))
        else:
            at = min(ends, key=lambda e: (abs(e - x), e))
        if kind == "open":
            opened.append((at, plain_at))
        elif kind == "close" and opened:
            # A closing wraps at least as many words as it did in the German, counted from its opening.
            start, german_start = opened.pop()
            wrapped = len(_WORD.findall(plain[german_start:plain_at]))
            following = [e for e in ends if e > start]
            if wrapped and following:
                at = max(at, following[min(wrapped, len(following)) - 1])
            at = max(at, start)
        inserts.append((at, order, ch))
    out, pos = [], 0
    for at, _, ch in sorted(inserts):
        out.append(target[pos:at])
        out.append(ch)
        pos = at
    out.append(target[pos:])
    return "".join(out)


class PositionalCodes:
    """Wraps a translator that does not place inline codes (see the module text).

    Args:
        translator: the enforcer or anything with ``translate(sources, contexts=...)``.
        kinds: for a source, the kind of each of its codes (``open``/``close``/``standalone``), or None.
    """

    def __init__(self, translator: Any, kinds: Mapping[str, Sequence[str]] | None = None) -> None:
        self.translator = translator
        self.matcher = getattr(translator, "matcher", None)
        self.kinds = kinds or {}
        self.guessed = 0

    def translate(self, sources: Sequence[str], *, contexts: Sequence[str] | None = None) -> list[SegmentResult]:
        bare = [strip_codes(s) for s in sources]
        if contexts is not None:
            results = list(self.translator.translate(bare, contexts=contexts))
        else:
            results = list(self.translator.translate(bare))
        out = []
        for source, result in zip(sources, results):
            if source == strip_codes(source):
                out.append(result)
                continue
            self.guessed += 1
            # Term offsets were found in the bare sentence: move them to the sentence with its codes.
            at = [i for i, ch in enumerate(source) if not is_code(ch)] + [len(source)]
            terms = [replace(t, start=at[min(t.start, len(at) - 1)],
                             end=at[min(t.end - 1, len(at) - 1)] + 1 if t.end > t.start else at[min(t.end, len(at) - 1)])
                     for t in result.terms]
            target = place_by_position(source, result.target, self.kinds.get(source))
            out.append(replace(result, source=source, target=target, terms=terms))
        return out
