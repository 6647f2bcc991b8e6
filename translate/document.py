"""Translating whole plain-text documents: read, segment, translate through enforcement, rebuild the lines.

The command line (single files now, directories in batch mode) and any other caller use these functions so
the structure rules live in one place: one output line per input line, blank lines and spacing kept.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from glossator.glossary.files import FileTooLarge, NotRegularFile, read_regular_file
from glossator.translate.context import HEAD_LINES, dateline_context
from glossator.translate.errors import TranslateError
from glossator.translate.result import SegmentResult
from glossator.translate.segment import SourceSegment, join_document, split_document

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.formats import Document

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


def decode_text(data: bytes, name: str = "input", *, encoding: str | None = None) -> str:
    """The text of ``data`` (:func:`glossary.textfile.decode_text`: UTF-8, a BOM's, the one given or detected;
    newlines as the file has them), or a :class:`TranslateError` saying what is wrong."""
    from glossator.glossary.textfile import TextFileError
    from glossator.glossary.textfile import decode_text as decode

    try:
        return decode(data, name=name, encoding=encoding).original
    except TextFileError as exc:
        raise TranslateError(f"{exc}.") from None


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file to translate, with clear errors for a missing, unreadable, non-regular or huge file."""
    path = Path(path)
    try:
        if path.is_dir():
            raise TranslateError(f"{path} is a directory, not a text file.")
        # A FIFO would block and /dev/zero claims 0 bytes and never ends: regular files only, read capped.
        return read_regular_file(path, MAX_INPUT_BYTES)
    except FileTooLarge as exc:
        raise TranslateError(f"{path} is too large (more than {MAX_INPUT_BYTES} bytes).") from exc
    except NotRegularFile as exc:
        raise TranslateError(f"{path} is {exc.strerror}; give a text file.") from exc
    except FileNotFoundError as exc:
        raise TranslateError(f"{path}: no such file.") from exc
    except PermissionError as exc:
        raise TranslateError(f"{path}: permission denied.") from exc
    except OSError as exc:
        raise TranslateError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc


def read_text_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """The text of a file (see :func:`decode_text`), with clear errors for a missing, unreadable, binary or huge
    file."""
    return decode_text(read_bytes(path), str(path), encoding=encoding)


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


def translate_parsed(documents: Sequence[Document], translator: SegmentTranslator) -> list[list[SegmentResult]]:
    """Translate the segments of parsed documents (any format) with one call to the translator.

    As in batch mode, each distinct sentence is translated once per dateline context (a document's dateline
    decides renderings its sentences leave open), and every occurrence gets that translation. Returns one list
    of results per document, with the segments' own indexes and line numbers.
    """
    keys_per_doc: list[list[tuple[str, str]]] = []
    for doc in documents:
        context = dateline_context("\n".join(doc.segments[:HEAD_LINES]))
        keys_per_doc.append([(source, context) for source in doc.segments])
    distinct = list(dict.fromkeys(k for keys in keys_per_doc for k in keys))
    results: list[SegmentResult] = []
    if distinct:
        sources = [s for s, _ in distinct]
        contexts = [c for _, c in distinct]
        results = list(translator.translate(sources, contexts=contexts if any(contexts) else None))
        if len(results) != len(distinct):
            raise TranslateError(f"The translator returned {len(results)} results for {len(distinct)} sentences.")
    by_key = dict(zip(distinct, results))
    return [
        [replace(by_key[key], index=i, line=doc.lines[i], source=key[0]) for i, key in enumerate(keys)]
        for doc, keys in zip(documents, keys_per_doc)
    ]
