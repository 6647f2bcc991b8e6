"""Translating whole plain-text documents: read, segment, translate through enforcement, rebuild the lines.

The command line (single files now, directories in batch mode) and any other caller use these functions so
the structure rules live in one place: one output line per input line, blank lines and spacing kept.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from glossator.translate.context import dateline_context
from glossator.translate.errors import TranslateError
from glossator.translate.result import SegmentResult
from glossator.translate.segment import SourceSegment, join_document, split_document

MAX_INPUT_BYTES = 64 << 20
"""Refuse inputs larger than this (64 MiB): a newspaper desk never has one, a mistake often does."""


class SegmentTranslator(Protocol):
    """What :class:`translate.enforce.Enforcer` offers: sentences in, results out (same order, same count)."""

    def translate(self, sources: Sequence[str], *, contexts: Sequence[str] | None = None) -> list[SegmentResult]:
        ...


@dataclass
class DocumentTranslation:
    """A translated document: its segments (with line numbers and term results) and the rebuilt text."""

    source: str
    segments: list[SegmentResult]
    text: str

    def to_json(self) -> dict:
        return {"segments": [s.to_json() for s in self.segments]}


def decode_text(data: bytes, name: str = "input") -> str:
    """UTF-8 text of ``data`` (a leading BOM dropped), or a :class:`TranslateError` saying what is wrong."""
    if b"\x00" in data:
        raise TranslateError(f"{name} looks like a binary file (it contains NUL bytes), not German text.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranslateError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f latin1 -t utf-8."
        ) from exc


def read_text_file(path: str | os.PathLike[str]) -> str:
    """The text of a UTF-8 file, with clear errors for a missing, unreadable, binary or huge file."""
    path = Path(path)
    try:
        if path.is_dir():
            raise TranslateError(f"{path} is a directory, not a text file.")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise TranslateError(f"{path} is too large ({size} bytes; at most {MAX_INPUT_BYTES}).")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise TranslateError(f"{path}: no such file.") from exc
    except PermissionError as exc:
        raise TranslateError(f"{path}: permission denied.") from exc
    except OSError as exc:
        raise TranslateError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    return decode_text(data, str(path))


def _results(segments: Sequence[SourceSegment], results: Sequence[SegmentResult]) -> list[SegmentResult]:
    if len(results) != len(segments):
        raise TranslateError(f"The translator returned {len(results)} results for {len(segments)} sentences.")
    # The enforcer sees bare sentences; the document knows where each came from.
    return [replace(r, index=s.index, line=s.line, source=s.source) for s, r in zip(segments, results)]


def translate_documents(texts: Sequence[str], translator: SegmentTranslator) -> list[DocumentTranslation]:
    """Translate several documents with one call to the translator (one batch for the engine)."""
    split = [split_document(text) for text in texts]
    sources = [seg.source for segments in split for seg in segments]
    # Each sentence carries its document's dateline, which decides renderings its own words leave open.
    # (Once per document: per sentence it made a long document quadratic.)
    contexts = [ctx for text, segments in zip(texts, split) for ctx in [dateline_context(text)] * len(segments)]
    results = list(translator.translate(sources, contexts=contexts)) if sources else []
    if len(results) != len(sources):
        raise TranslateError(f"The translator returned {len(results)} results for {len(sources)} sentences.")
    out: list[DocumentTranslation] = []
    pos = 0
    for text, segments in zip(texts, split):
        mine = _results(segments, results[pos : pos + len(segments)])
        pos += len(segments)
        out.append(DocumentTranslation(text, mine, join_document(text, segments, [r.target for r in mine])))
    return out


def translate_document(text: str, translator: SegmentTranslator) -> DocumentTranslation:
    """Translate one document; ``.text`` has one line per input line, ``.segments`` one result per sentence."""
    return translate_documents([text], translator)[0]


class PlainTranslator:
    """A :class:`SegmentTranslator` over a bare engine, with no glossary (what enforcement does without one)."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def translate(self, sources: Sequence[str], *, contexts: Sequence[str] | None = None) -> list[SegmentResult]:
        targets = self.engine.translate(list(sources))
        return [SegmentResult(index=i, line=0, source=s, target=t) for i, (s, t) in enumerate(zip(sources, targets))]
