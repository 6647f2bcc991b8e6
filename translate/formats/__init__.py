"""File formats for batch translation: each extracts sentence segments and puts translations back.

Every format module exposes a :class:`Format` object (``FORMAT``). ``Format.parse(data)`` returns a
:class:`Document` whose ``segments`` are the sentences to translate, in document order; ``render(targets)``
returns the file's bytes with those sentences replaced and everything else (markup, layout, code) kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Protocol

from glossator.translate.formats.base import Code, FormatError, UnsupportedFile

__all__ = ["Code", "Document", "Format", "FormatError", "UnsupportedFile", "format_for", "format_names",
           "supported_suffixes"]


class Document(Protocol):
    """A parsed input file: its translatable sentences and how to rebuild the file around new ones.

    ``codes[i]`` are the inline codes of segment ``i`` (one private-use character each in the segment, see
    :mod:`translate.inline`), ``ids[i]`` the id of its unit in the file ("" when the format has none), and
    after :meth:`render`, ``repairs`` says which inline codes had to be moved or put back.
    """

    segments: list[str]
    lines: list[int]
    codes: list[list[Code]]
    ids: list[str]
    repairs: list[str]

    def render(self, targets: Sequence[str]) -> bytes:
        """The file with ``segments[i]`` replaced by ``targets[i]``; markup and layout kept."""
        ...


class Format(Protocol):
    name: str
    suffixes: tuple[str, ...]
    binary: bool  # its files are not text (they go to a file with -o, never to standard output)

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None) -> Document:
        """Read a file's bytes; raises :class:`FormatError` or :class:`UnsupportedFile`.

        ``encoding`` is the input's for text formats (None: UTF-8, a BOM's, or detected); the output keeps the
        input's encoding, BOM and newlines unless ``output_encoding`` says otherwise.
        """
        ...


def _formats() -> list[Format]:
    from glossator.translate.formats import docx, html, markdown, text, xliff

    return [text.FORMAT, markdown.FORMAT, html.FORMAT, docx.FORMAT, xliff.FORMAT]


def format_names() -> list[str]:
    return [f.name for f in _formats()]


def supported_suffixes() -> list[str]:
    return [s for f in _formats() for s in f.suffixes]


def format_for(path: str | PurePath) -> Format | None:
    """The format that reads ``path`` (by its extension, case-insensitive), or None when none does."""
    suffix = PurePath(path).suffix.lower()
    for fmt in _formats():
        if suffix in fmt.suffixes:
            return fmt
    return None
