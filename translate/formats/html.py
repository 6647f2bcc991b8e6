"""HTML (``.html``): tags, attributes, comments, scripts and entities kept byte for byte; text translated.

Uses the standard library's :class:`html.parser.HTMLParser`, which never loads DTDs or expands custom
entities. Text in ``script``, ``style``, ``code``, ``pre`` and the like is not translated, nor anything
under ``translate="no"`` (or ``class="notranslate"``) unless a descendant says ``translate="yes"``. The
``alt`` and ``title`` attributes of translatable elements are translated, and ``lang="de"`` becomes
``lang="en"``.

A block (paragraph, heading, list item, cell: the text between two block-level tags) is read whole: its
inline tags (``<b>``, ``<a href>``, ``<br>``, a ``<code>`` element) become inline codes
(:mod:`translate.inline`), so each sentence is one segment and the tags come back around the right words.
Characters the page wrote as entities (``&nbsp;``, ``&auml;``) are written as the same entities again.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from glossator.translate.formats.base import Code, InlineDocument, Token, is_translatable, read_text, write_text

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
NEVER_TRANSLATED = frozenset("script style code pre kbd samp var textarea svg math template".split())
INLINE = frozenset(
    """a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark q s samp small span strike
    strong sub sup time tt u var br wbr""".split()
)
"""Elements that live inside a sentence: their tags become inline codes; any other tag ends the block."""
TRANSLATED_ATTRIBUTES = ("alt", "title")
_ATTR = re.compile(
    r"""(\s(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*)(?P<q>["'])(?P<value>.*?)(?P=q)""", re.S
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_SOURCE_LANG = re.compile(r"de(?:[-_][A-Za-z0-9]+)*", re.I)


@dataclass
class _Region:
    """A stretch of the file that is rewritten: a block of text, an attribute value or a ``lang`` value."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    attribute: bool = False
    fixed: str | None = None  # a value set without translation (lang="en")
    line: int = 0


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.blocks: list[_Region] = []  # text blocks with inline codes
        self.inner: list[_Region] = []  # attribute values and lang values (may lie inside a block's codes)
        self._stack: list[tuple[str, bool, int]] = []  # (tag, translatable, pair key)
        self._items: list[tuple[int, int, Code | None]] = []  # the current block: text runs and codes
        self._run_start: int | None = None
        self._opaque: tuple[str, int, int] | None = None  # an untranslated inline element: (tag, start, depth)
        self._keys = itertools.count()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    @property
    def _translatable(self) -> bool:
        return self._stack[-1][1] if self._stack else True

    def _end_run(self) -> None:
        if self._run_start is not None:
            end = self._offset()
            if end > self._run_start:
                self._items.append((self._run_start, end, None))
            self._run_start = None

    def _flush(self) -> None:
        """End the current block: keep it when it has words to translate."""
        self._end_run()
        items, self._items = self._items, []
        if not any(code is None and is_translatable(html.unescape(self.text[s:e])) for s, e, code in items):
            return
        tokens: list[Token] = [html.unescape(self.text[s:e]) if code is None else code for s, e, code in items]
        start, end = items[0][0], items[-1][1]
        self.blocks.append(_Region(start, end, tokens, line=self._line(start)))

    def _code(self, kind: str, start: int, end: int, key: object, name: str) -> None:
        native = self.text[start:end]
        code = Code(kind, key, (start, end), native, name, space=name == "br")  # type: ignore[arg-type]
        self._items.append((start, end, code))

    def _text(self) -> None:
        if self._opaque is None and self._translatable and self._run_start is None:
            self._run_start = self._offset()

    def handle_data(self, data: str) -> None:
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
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
        closes = self_closing or tag in VOID
        self._attributes(raw, start, translatable)
        if self._opaque is not None:  # inside an untranslated inline element: part of its code
            if not closes:
                self._stack.append((tag, False, -1))
            return
        self._end_run()
        key = next(self._keys)
        if tag in INLINE and parent and self._items:
            if not translatable and not closes:  # <code>…</code> inside a sentence: one code for all of it
                self._opaque = (tag, start, len(self._stack))
            else:
                self._code("standalone" if closes else "open", start, end, key, tag)
        elif tag in INLINE and parent and translatable:  # an inline tag that starts a block
            self._code("standalone" if closes else "open", start, end, key, tag)
        else:
            self._flush()
        if not closes:
            self._stack.append((tag, translatable, key))

    def _attributes(self, raw: str, base: int, translatable: bool) -> None:
        for m in _ATTR.finditer(raw):
            name = m.group("name").lower()
            start, end = base + m.start("value"), base + m.end("value")
            if name in ("lang", "xml:lang") and _SOURCE_LANG.fullmatch(m.group("value").strip()):
                self.inner.append(_Region(start, end, fixed="en"))
            elif name in TRANSLATED_ATTRIBUTES and translatable:
                value = html.unescape(m.group("value"))
                if is_translatable(value):
                    self.inner.append(_Region(start, end, [value], attribute=True, line=self._line(start)))

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        gt = self.text.find(">", start)
        end = gt + 1 if gt >= 0 else len(self.text)
        for k in range(len(self._stack) - 1, -1, -1):
            if self._stack[k][0] == tag:
                break
        else:
            k = -1
        if self._opaque is not None:
            if k >= 0:
                del self._stack[k:]
            if len(self._stack) <= self._opaque[2]:
                self._code("standalone", self._opaque[1], end, next(self._keys), self._opaque[0])
                self._opaque = None
            return
        self._end_run()
        if k < 0:
            if tag in INLINE and self._items:
                self._code("close", start, end, next(self._keys), tag)  # a stray closing tag: standalone
            elif tag not in INLINE:
                self._flush()
            return
        _, _, key = self._stack[k]
        del self._stack[k:]
        if tag in INLINE:
            if self._items:
                self._code("close", start, end, key, tag)
        else:
            self._flush()

    def handle_comment(self, data: str) -> None:
        if self._opaque is not None:
            return
        self._end_run()
        if self._items:  # a comment inside a sentence stays there
            start = self._offset()
            end = self.text.find("-->", start)
            self._code("standalone", start, end + 3 if end >= 0 else len(self.text), next(self._keys), "comment")

    # Declarations and processing instructions end a block and are never translated.
    def _markup(self) -> None:
        if self._opaque is None:
            self._flush()

    def handle_decl(self, decl: str) -> None:
        self._markup()

    def handle_pi(self, data: str) -> None:
        self._markup()

    def unknown_decl(self, data: str) -> None:
        self._markup()

    def finish(self) -> None:
        self.close()
        if self._opaque is not None:  # never closed: its code runs to the end of the file
            self._code("standalone", self._opaque[1], len(self.text), next(self._keys), self._opaque[0])
            self._opaque = None
        if self._run_start is not None:
            self._items.append((self._run_start, len(self.text), None))
            self._run_start = None
        self._flush()


def _entities(text: str) -> dict[str, str]:
    """Characters the page writes as entities (other than the ones escaping always writes), and how."""
    out: dict[str, str] = {}
    for m in _ENTITY.finditer(text):
        ch = html.unescape(m.group(0))
        if len(ch) == 1 and ch not in "&<>\"'" and ch != m.group(0):
            out.setdefault(ch, m.group(0) if m.group(0).endswith(";") else m.group(0) + ";")
    return out


class HtmlFormat:
    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm")
    binary = False

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None
              ) -> InlineDocument:
        source = read_text(data, kind="HTML", encoding=encoding)
        text = source.text
        reader = _Reader(text)
        reader.feed(text)
        reader.finish()
        blocks = reader.blocks
        inner = sorted(reader.inner, key=lambda r: r.start)
        translated = [r for r in inner if r.fixed is None]
        regions = sorted(blocks + translated, key=lambda r: r.start)
        entities = _entities(text)

        def escape(value: str, attribute: bool) -> str:
            value = html.escape(value, quote=attribute)
            return "".join(entities.get(ch, ch) for ch in value) if entities else value

        def rebuild(new: list[list[Token] | None]) -> bytes:
            values: dict[int, str] = {}  # id(region) -> its new text
            for region, tokens in zip(regions, new):
                if region.attribute:
                    original = "".join(t for t in region.tokens if isinstance(t, str))
                    values[id(region)] = (original if tokens is None else escape(
                        "".join(t for t in tokens if isinstance(t, str)), True))
            for region in inner:
                if region.fixed is not None:
                    values[id(region)] = region.fixed
                elif id(region) not in values or values[id(region)] == "".join(
                        t for t in region.tokens if isinstance(t, str)):
                    values.pop(id(region), None)  # unchanged: the original bytes

            def splice(start: int, end: int) -> str:
                """``text[start:end]`` with the attribute and lang values inside it replaced."""
                out, pos = [], start
                lo = bisect.bisect_left([r.start for r in inner], start)
                for region in inner[lo:]:
                    if region.start >= end:
                        break
                    if id(region) in values and region.end <= end:
                        out += [text[pos : region.start], values[id(region)]]
                        pos = region.end
                return "".join(out) + text[pos:end]

            out, pos = [], 0
            for region, tokens in zip(regions, new):
                if region.attribute:
                    continue
                out.append(splice(pos, region.start))
                if tokens is None:
                    out.append(splice(region.start, region.end))
                else:
                    out.extend(escape(t, False) if isinstance(t, str) else splice(*t.data) for t in tokens)
                pos = region.end
            out.append(splice(pos, len(text)))
            return write_text(source, "".join(out), encoding=output_encoding, xml_refs=True)

        return InlineDocument([r.tokens for r in regions], rebuild, [r.line for r in regions])


FORMAT = HtmlFormat()
