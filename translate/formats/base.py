"""Shared pieces of the formats: decoding text files and splitting text chunks into sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from glossator.translate.errors import TranslateError


class FormatError(TranslateError):
    """An input file that claims a supported format but cannot be read as one (corrupt, malformed, unsafe)."""


class UnsupportedFile(TranslateError):
    """An input file that batch translation skips: unknown extension, binary content, wrong encoding."""


_WS = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a no-break space is meant
_LETTER = re.compile(r"[^\W\d_]")


def decode_text(data: bytes, *, kind: str) -> tuple[str, bool, bool]:
    """Text of a UTF-8 file as ``(text, had_bom, crlf)``; newlines normalised to ``\\n``.

    Raises :class:`UnsupportedFile` for binary data (NUL bytes) or text that is not UTF-8.
    """
    if b"\x00" in data[:8192]:
        raise UnsupportedFile(f"this looks like a binary file, not {kind}; skipped")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFile(
            f"this {kind} file is not UTF-8 (byte {exc.start}); convert it to UTF-8 and run again"
        ) from None
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    return text, bom, crlf


def encode_text(text: str, *, bom: bool, crlf: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def is_translatable(text: str) -> bool:
    """Whether a piece of text holds any letters (numbers, punctuation and spaces are left as they are)."""
    return _LETTER.search(text) is not None


@dataclass
class ChunkedDocument:
    """A document seen as text chunks (text runs between markup), each split into sentences.

    ``rebuild`` receives one new string per chunk and returns the file's bytes. A chunk's leading and
    trailing whitespace is kept; whitespace inside it is collapsed (markup formats do not care) and its
    translated sentences are joined with single spaces.
    """

    chunks: list[str]
    rebuild: Callable[[list[str]], bytes]
    chunk_lines: list[int] | None = None
    segments: list[str] = field(init=False)
    lines: list[int] = field(init=False)
    _spans: list[tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from glossator.translate.segment import split_sentences

        self.segments, self.lines, self._spans = [], [], []
        for i, chunk in enumerate(self.chunks):
            start = len(self.segments)
            core = _WS.sub(" ", chunk).strip()
            if is_translatable(core):
                sentences = [s.strip() for s in split_sentences(core)]
                self.segments.extend(s for s in sentences if s)
            line = self.chunk_lines[i] if self.chunk_lines else 0
            self.lines.extend([line] * (len(self.segments) - start))
            self._spans.append((start, len(self.segments)))

    def render(self, targets: Sequence[str]) -> bytes:
        if len(targets) != len(self.segments):
            raise ValueError(f"expected {len(self.segments)} targets, got {len(targets)}")
        out: list[str] = []
        for chunk, (start, end) in zip(self.chunks, self._spans):
            if start == end:
                out.append(chunk)
                continue
            lead = chunk[: len(chunk) - len(chunk.lstrip())]
            trail = chunk[len(chunk.rstrip()) :]
            out.append(lead + " ".join(t.strip() for t in targets[start:end]) + trail)
        return self.rebuild(out)
