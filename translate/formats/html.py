"""HTML (``.html``): tags, attributes, comments, scripts and entities kept byte for byte; text translated.

Uses the standard library's :class:`html.parser.HTMLParser`, which never loads DTDs or expands custom
entities. Text in ``script``, ``style``, ``code``, ``pre`` and the like is not translated, nor anything
under ``translate="no"`` (or ``class="notranslate"``) unless a descendant says ``translate="yes"``. The
``alt`` and ``title`` attributes of translatable elements are translated. Each run of text between two
tags is one chunk, so inline markup (``<b>``, ``<a>``) stays exactly where it was.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from glossator.translate.formats.base import ChunkedDocument, decode_text, encode_text

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
NEVER_TRANSLATED = frozenset("script style code pre kbd samp var textarea svg math template".split())
TRANSLATED_ATTRIBUTES = ("alt", "title")
_ATTR = re.compile(
    r"""(\s(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*)(?P<q>["'])(?P<value>.*?)(?P=q)""", re.S
)


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # (start, end, raw, is_attribute) of every piece to translate: text runs and attribute values.
        self.spans: list[tuple[int, int, str, bool]] = []
        self.span_lines: list[int] = []
        self._stack: list[tuple[str, bool]] = []
        self._run_start: int | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    @property
    def _translatable(self) -> bool:
        return self._stack[-1][1] if self._stack else True

    def _end_run(self) -> None:
        if self._run_start is not None:
            end = self._offset()
            self._add(self._run_start, end)
            self._run_start = None

    def _add(self, start: int, end: int, attribute: bool = False) -> None:
        if end > start:
            self.spans.append((start, end, self.text[start:end], attribute))
            self.span_lines.append(bisect.bisect_right(self._line_starts, start))

    def _text(self) -> None:
        if self._translatable and self._run_start is None:
            self._run_start = self._offset()

    def handle_data(self, data: str) -> None:
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_run()
        self._open(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_run()
        self._open(tag, attrs, self_closing=True)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        values = {k: (v or "") for k, v in attrs}
        parent = self._translatable
        flag = values.get("translate", "").strip().lower()
        if tag in NEVER_TRANSLATED:
            translatable = False
        elif flag == "no" or "notranslate" in values.get("class", "").split():
            translatable = False
        elif flag == "yes":
            translatable = True
        else:
            translatable = parent
        if translatable:
            self._attributes()
        if not self_closing and tag not in VOID:
            self._stack.append((tag, translatable))

    def _attributes(self) -> None:
        raw = self.get_starttag_text() or ""
        base = self._offset()
        for m in _ATTR.finditer(raw):
            if m.group("name").lower() in TRANSLATED_ATTRIBUTES:
                self._add(base + m.start("value"), base + m.end("value"), attribute=True)

    def handle_endtag(self, tag: str) -> None:
        self._end_run()
        for k in range(len(self._stack) - 1, -1, -1):
            if self._stack[k][0] == tag:
                del self._stack[k:]
                break

    # Comments, declarations and processing instructions end a run of text and are never translated.
    def handle_comment(self, data: str) -> None:
        self._end_run()

    def handle_decl(self, decl: str) -> None:
        self._end_run()

    def handle_pi(self, data: str) -> None:
        self._end_run()

    def unknown_decl(self, data: str) -> None:
        self._end_run()

    def finish(self) -> None:
        self.close()
        if self._run_start is not None:
            self._add(self._run_start, len(self.text))
            self._run_start = None


class HtmlFormat:
    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm")

    def parse(self, data: bytes) -> ChunkedDocument:
        text, bom, crlf = decode_text(data, kind="HTML")
        reader = _Reader(text)
        reader.feed(text)
        reader.finish()
        spans = sorted(zip(reader.spans, reader.span_lines))
        chunks = [html.unescape(raw) for (_, _, raw, _), _ in spans]

        def rebuild(new: list[str]) -> bytes:
            out, pos = [], 0
            for ((start, end, raw, attribute), _), old, value in zip(spans, chunks, new):
                out.append(text[pos:start])
                # Untouched chunks keep their original entities; new text is escaped.
                out.append(raw if value == old else html.escape(value, quote=attribute))
                pos = end
            out.append(text[pos:])
            return encode_text("".join(out), bom=bom, crlf=crlf)

        return ChunkedDocument(chunks, rebuild, [line for _, line in spans])


FORMAT = HtmlFormat()
