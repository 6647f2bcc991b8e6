"""Inline codes of a segment as the elements of XLIFF 2 and TMX 1.4b (shared by both exports).

A segment's text holds one private-use character per inline code (:mod:`translate.inline`); its codes say
what each one is. An opening whose closing is in the same segment is a pair; any other opening or closing is
isolated (its partner lies in another segment); a standalone code is a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from glossator.translate.exports._xml import xml_text
from glossator.translate.formats.base import Code, paired_codes
from glossator.translate.inline import FIRST, is_code

Emit = Callable[[etree._Element, int, str], etree._Element]
"""Makes the element for code ``k`` of a segment in ``parent``; its role: open, close, standalone, begin, end."""


def roles(codes: Sequence[Code]) -> list[str]:
    """For each code: ``open``/``close`` (paired in the segment), ``begin``/``end`` (isolated) or ``standalone``."""
    partner = paired_codes(codes)
    out = []
    for k, c in enumerate(codes):
        if c.kind == "standalone":
            out.append("standalone")
        elif k in partner:
            out.append(c.kind)
        else:
            out.append("begin" if c.kind == "open" else "end")
    return out


def fill(parent: etree._Element, text: str, codes: Sequence[Code], emit: Emit) -> None:
    """Write ``text`` into ``parent``: its characters as text, each code character as the element ``emit`` makes.

    A code character the segment has no code for (a model's invention) is left out.
    """
    role = roles(codes)
    last: etree._Element | None = None
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        value = xml_text("".join(buf))
        if last is None:
            parent.text = (parent.text or "") + value
        else:
            last.tail = (last.tail or "") + value
        buf.clear()

    for ch in text:
        if not is_code(ch):
            buf.append(ch)
            continue
        k = ord(ch) - FIRST
        if k >= len(codes):
            continue
        flush()
        last = emit(parent, k, role[k])
    flush()
