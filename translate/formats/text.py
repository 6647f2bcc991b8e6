"""Plain text (``.txt``): sentences per line, every line and blank line kept (``translate.segment``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from glossator.glossary.textfile import TextFile
from glossator.translate.formats.base import Code, read_text, write_text


@dataclass
class TextDocument:
    source: TextFile
    output_encoding: str | None = None
    segments: list[str] = field(init=False)
    lines: list[int] = field(init=False)

    def __post_init__(self) -> None:
        from glossator.translate.segment import split_document

        self.text = self.source.text
        self._parts = split_document(self.text)
        self.segments = [p.source for p in self._parts]
        self.lines = [p.line for p in self._parts]
        self.codes: list[list[Code]] = [[] for _ in self._parts]  # plain text has no inline markup
        self.ids = ["" for _ in self._parts]
        self.repairs: list[str] = []

    def render(self, targets: Sequence[str]) -> bytes:
        from glossator.translate.segment import join_document

        if len(targets) != len(self.segments):
            raise ValueError(f"expected {len(self.segments)} targets, got {len(targets)}")
        return write_text(self.source, join_document(self.text, self._parts, list(targets)),
                          encoding=self.output_encoding)


class TextFormat:
    name = "text"
    suffixes: tuple[str, ...] = (".txt",)
    binary = False

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None) -> TextDocument:
        return TextDocument(read_text(data, kind="text", encoding=encoding), output_encoding)


FORMAT = TextFormat()
