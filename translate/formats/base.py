"""Shared pieces of the formats: reading text files, and blocks of text and inline codes split into sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from glossator.glossary.textfile import TextFile, TextFileError, decode_text
from glossator.translate.errors import TranslateError
from glossator.translate.inline import FIRST, LAST, code_char, is_code, strip_codes


class FormatError(TranslateError):
    """An input file that claims a supported format but cannot be read as one (corrupt, malformed, unsafe)."""


class UnsupportedFile(TranslateError):
    """An input file that batch translation skips: unknown extension, binary content, wrong encoding."""


_WS = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a no-break space is meant
_LETTER = re.compile(r"[^\W\d_]")


def read_text(data: bytes, *, kind: str, encoding: str | None = None) -> TextFile:
    """The text of a text-based format's file (:func:`glossary.textfile.decode_text`: encoding given, UTF-8 or
    a BOM's, else detected); newlines as ``\n``. A file that cannot be read is a :class:`FormatError`."""
    try:
        return decode_text(data, name=f"this {kind} file", encoding=encoding)
    except TextFileError as exc:
        raise FormatError(str(exc)) from None


def write_text(source: TextFile, text: str, *, encoding: str | None = None, xml_refs: bool = False) -> bytes:
    """``text`` in the form ``source`` had (encoding, BOM, newlines), or in ``encoding``."""
    try:
        return source.encode(text, encoding=encoding, xml_refs=xml_refs)
    except TextFileError as exc:
        raise FormatError(str(exc)) from None


def is_translatable(text: str) -> bool:
    """Whether a piece of text holds any letters (numbers, punctuation and spaces are left as they are)."""
    return _LETTER.search(text) is not None


# ------------------------------------------------------------------------------------------- inline codes


CodeKind = Literal["open", "close", "standalone"]


@dataclass(eq=False)
class Code:
    """One inline code of a block (a tag inside a sentence) and what its writer needs to put it back.

    ``kind`` is ``open``, ``close`` or ``standalone``; an opening and a closing with the same ``key`` in one
    block are a pair (one whose partner lies in another block counts as standalone there). ``data`` is the
    writer's own (markup text, XML elements, a run template); ``native`` is the code as it was written in the
    file and ``name`` a short label (``b``, ``a``, ``pc``), both for exports and reports.
    """

    kind: CodeKind
    key: object = None
    data: Any = None
    native: str = ""
    name: str = ""
    space: bool = False  # separates words like white space (a line break, a tab): sentences may end at it


Token = str | Code
"""A block is a list of tokens: text and inline codes, in document order."""


@dataclass
class _Sentence:
    prefix: list[Token]  # codes (and spaces) peeled off the sentence's start: they stay where they were
    core: str  # the sentence with its codes as global code characters
    suffix: list[Token]
    local: list[int]  # local code k of the segment -> index of the code in the block
    sep: str = " "  # what stood between this sentence and the one before ("" after a line-break code)


@dataclass
class _Block:
    tokens: list[Token]
    codes: list[Code]
    lead: str = ""
    trail: str = ""
    sentences: list[_Sentence] = field(default_factory=list)
    seg_start: int = 0


def paired_codes(codes: Sequence[Code]) -> dict[int, int]:
    """Index of each paired code's partner (an opening and the next closing with its key)."""
    partner: dict[int, int] = {}
    opened: dict[object, list[int]] = {}
    for i, c in enumerate(codes):
        if c.kind == "open":
            opened.setdefault(c.key, []).append(i)
        elif c.kind == "close" and opened.get(c.key):
            j = opened[c.key].pop()
            partner[i], partner[j] = j, i
    return partner


def _peel(core: str, partner: dict[int, int]) -> tuple[int, int]:
    """How many characters of codes (and spaces) at the start and end of a sentence can stay outside it.

    A code at the edge stays outside when it is standalone or its partner is outside the sentence too (the
    ``<b>`` and ``</b>`` around a whole sentence); an opening whose closing is inside must travel with the
    words. Returns the offsets where the translatable core starts and ends.
    """
    inside = {ord(ch) - FIRST for ch in core if is_code(ch)}
    start, end = 0, len(core)
    changed = True
    while changed:
        changed = False
        while start < end and (core[start].isspace() or is_code(core[start])):
            ch = core[start]
            if is_code(ch):
                k = ord(ch) - FIRST
                p = partner.get(k)
                if p is not None and p in inside and not _outside(p, core, start, end):
                    break
            start += 1
            changed = True
        while end > start and (core[end - 1].isspace() or is_code(core[end - 1])):
            ch = core[end - 1]
            if is_code(ch):
                k = ord(ch) - FIRST
                p = partner.get(k)
                if p is not None and p in inside and not _outside(p, core, start, end):
                    break
            end -= 1
            changed = True
    return start, end


def _outside(k: int, core: str, start: int, end: int) -> bool:
    """Whether code ``k`` lies outside ``core[start:end]``, or on its edge where it can be peeled too."""
    at = core.find(chr(FIRST + k))
    if at < start or at >= end:
        return True
    # On the edge: peelable if only codes/spaces lie between it and the edge.
    return not any(not (c.isspace() or is_code(c)) for c in core[start:at]) or not any(
        not (c.isspace() or is_code(c)) for c in core[at + 1 : end]
    )


class InlineDocument:
    """A document seen as blocks (paragraphs, cells, headings) of text and inline codes, split into sentences.

    Each sentence is one segment, whatever markup it holds: every inline code in it is one private-use
    character (:func:`translate.inline.code_char`, numbered from 0 in each segment), and the codes at a
    sentence's edges that need not move (a standalone code, or a pair around the whole sentence) stay outside
    it. ``rebuild`` receives, per block, its new tokens (``None`` for a block left as it was) and returns the
    file's bytes. A block's leading and trailing white space is kept; white space inside it is collapsed
    (markup formats do not care) and its translated sentences are joined with single spaces.

    ``codes[i]`` are segment ``i``'s inline codes in the order of their characters and ``ids[i]`` the id of its
    block in the file (an XLIFF unit's; "" when the format has none). After :meth:`render`, ``repairs`` lists what had to be fixed in the translation: a code the translation
    lost (put at the end of its sentence), a duplicate dropped, a closing moved after its opening or out of a
    crossing pair. Nothing is ever dropped.
    """

    def __init__(
        self,
        blocks: Sequence[Sequence[Token]],
        rebuild: Callable[[list[list[Token] | None]], bytes],
        block_lines: Sequence[int] | None = None,
        *,
        block_ids: Sequence[str] | None = None,
        collapse: bool = True,
    ) -> None:
        from glossator.translate.segment import sentence_spans

        self._rebuild = rebuild
        self.segments: list[str] = []
        self.lines: list[int] = []
        self.codes: list[list[Code]] = []  # per segment, its codes in local order
        self.ids: list[str] = []  # per segment, the id its block has in the file ("" when none)
        self.repairs: list[str] = []
        self._blocks: list[_Block] = []
        for b, tokens in enumerate(blocks):
            codes = [t for t in tokens if isinstance(t, Code)]
            block = _Block(list(tokens), codes, seg_start=len(self.segments))
            self._blocks.append(block)
            if len(codes) > LAST - FIRST + 1:
                continue  # more codes than characters: left as it is
            index = {id(c): k for k, c in enumerate(codes)}
            text = "".join(t if isinstance(t, str) else code_char(index[id(t)]) for t in tokens)
            if not is_translatable(strip_codes(text)):
                continue
            stripped = text.strip(" \t\n\r\f\v")
            lead_len = len(text) - len(text.lstrip(" \t\n\r\f\v"))
            block.lead, block.trail = text[:lead_len], text[lead_len + len(stripped) :]
            text = _WS.sub(" ", stripped) if collapse else stripped
            # The sentence splitter sees the text without codes; a code that separates words is a space there.
            plain_at = [i for i, ch in enumerate(text) if not is_code(ch) or codes[ord(ch) - FIRST].space]
            plain = "".join(" " if is_code(text[i]) else text[i] for i in plain_at)
            spans = [(plain_at[s], plain_at[e - 1] + 1) for s, e in sentence_spans(plain)]
            if not spans:
                continue
            # Codes between two sentences: closings and standalone codes stay with the sentence before,
            # openings go with the one after.
            cuts = [0]
            for (_, e1), (s2, _) in zip(spans, spans[1:]):
                cut = e1
                for i in range(e1, s2):
                    if is_code(text[i]) and codes[ord(text[i]) - FIRST].kind != "open":
                        cut = i + 1
                cuts.append(cut)
            cuts.append(len(text))
            partner = paired_codes(codes)
            line = block_lines[b] if block_lines else 0
            for a, z in zip(cuts, cuts[1:]):
                sep = " " if text[a : a + 1] == " " or text[a - 1 : a] == " " else ""
                piece = text[a:z].strip(" ")  # the sentences are joined with one space, or none
                s, e = _peel(piece, partner)
                core = piece[s:e]
                if not is_translatable(strip_codes(core)):
                    s, e, core = len(piece), len(piece), ""
                local = [ord(ch) - FIRST for ch in core if is_code(ch)]
                block.sentences.append(_Sentence(self._tokens(piece[:s], codes), core,
                                                 self._tokens(piece[e:], codes), local, sep))
                if core:
                    renumber = {g: code_char(k) for k, g in enumerate(local)}
                    self.segments.append("".join(renumber.get(ord(ch) - FIRST, ch) if is_code(ch) else ch
                                                 for ch in core))
                    self.lines.append(line)
                    self.codes.append([codes[g] for g in local])
                    self.ids.append(block_ids[b] if block_ids else "")

    @staticmethod
    def _tokens(text: str, codes: Sequence[Code]) -> list[Token]:
        out: list[Token] = []
        for ch in text:
            if is_code(ch):
                out.append(codes[ord(ch) - FIRST])
            elif out and isinstance(out[-1], str):
                out[-1] += ch
            else:
                out.append(ch)
        return out

    def render(self, targets: Sequence[str]) -> bytes:
        if len(targets) != len(self.segments):
            raise ValueError(f"expected {len(self.segments)} targets, got {len(targets)}")
        self.repairs = []
        out: list[list[Token] | None] = []
        seg = 0
        for block in self._blocks:
            if not block.sentences:
                out.append(None)
                continue
            seq: list[Token] = [block.lead] if block.lead else []
            for n, sentence in enumerate(block.sentences):
                if n:
                    seq.append(sentence.sep)
                seq.extend(sentence.prefix)
                if sentence.core:
                    seq.extend(self._map_back(targets[seg], sentence, block.codes, seg))
                    seg += 1
                seq.extend(sentence.suffix)
            if block.trail:
                seq.append(block.trail)
            tokens = _merge(self._repair(seq, block.codes, block.seg_start))
            out.append(None if tokens == _merge(block.tokens) else tokens)
        return self._rebuild(out)

    def _map_back(self, target: str, sentence: _Sentence, codes: Sequence[Code], seg: int) -> list[Token]:
        """The target's text and codes as block tokens: every code of the sentence exactly once."""
        tokens: list[Token] = []
        used: set[int] = set()
        target = target.strip()
        for ch in target:
            if not is_code(ch):
                tokens.append(ch)
                continue
            k = ord(ch) - FIRST
            if k >= len(sentence.local) or k in used:
                self.repairs.append(f"segment {seg + 1}: an extra copy of inline code {k + 1} dropped")
                continue
            used.add(k)
            tokens.append(codes[sentence.local[k]])
        for k, g in enumerate(sentence.local):
            if k not in used:
                self.repairs.append(f"segment {seg + 1}: inline code {k + 1} ({_label(codes[g])}) was lost in "
                                    "the translation; put at the end of the sentence")
                tokens.append(codes[g])
        return tokens

    def _repair(self, seq: list[Token], codes: Sequence[Code], seg_start: int) -> list[Token]:
        """Make the codes of a block nest properly: a closing before its opening swaps with it; a closing
        that would cross another pair moves after that pair's closing."""
        partner = paired_codes(codes)
        index = {id(c): k for k, c in enumerate(codes)}
        at = {index[id(t)]: i for i, t in enumerate(seq) if isinstance(t, Code)}
        for k, p in partner.items():
            if codes[k].kind == "open" and at[p] < at[k]:
                seq[at[k]], seq[at[p]] = seq[at[p]], seq[at[k]]
                at[k], at[p] = at[p], at[k]
                self.repairs.append(f"block at segment {seg_start + 1}: the closing of {_label(codes[k])} came "
                                    "before its opening; swapped")
        out: list[Token] = []
        stack: list[int] = []
        deferred: set[int] = set()
        for t in seq:
            if not isinstance(t, Code):
                out.append(t)
                continue
            k = index[id(t)]
            if k not in partner:
                out.append(t)
            elif t.kind == "open":
                stack.append(k)
                out.append(t)
            elif stack and stack[-1] == partner[k]:
                stack.pop()
                out.append(t)
                while stack and stack[-1] in deferred:
                    deferred.discard(stack[-1])
                    out.append(codes[partner[stack.pop()]])
            else:  # closes an outer pair while an inner one is open: close it after the inner one
                deferred.add(partner[k])
                self.repairs.append(f"block at segment {seg_start + 1}: the closing of {_label(t)} crossed "
                                    "another code; moved after it")
        return out


def _label(code: Code) -> str:
    return code.name or code.native or code.kind


def _merge(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        if isinstance(t, str):
            if not t:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += t
                continue
        out.append(t)
    return out
