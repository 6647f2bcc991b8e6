"""Markdown (``.md``): headings, lists, quotes, tables, emphasis, links and code kept; only prose translated.

A line-based reader rather than a full CommonMark parser: it recognises the block structure (fenced and
indented code, front matter, HTML blocks, link definitions, rules, headings, quotes, list items, tables,
paragraphs) and, inside prose, keeps inline code, URLs, HTML tags, link destinations and emphasis markers as
they are. The text between two such markers is one chunk to translate. A paragraph's soft-wrapped lines are
joined into one line (Markdown renders them the same), so sentences are never cut at a wrap.
"""

from __future__ import annotations

import re

from translate.formats.base import ChunkedDocument, decode_text, encode_text

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3}#{1,6})(?:([ \t]+)(.*?))?([ \t]+#+[ \t]*|[ \t]*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_LIST = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?)")
_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_HTML_BLOCK = re.compile(r"^ {0,3}<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|!--|\?|![A-Z])")
_TABLE_DELIM = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?\|?[ \t]*$|^[ \t]*\|?[ \t]*:?-+:?[ \t]*\|[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")

_INLINE = re.compile(
    r"""
    (?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`)                      # code span
  | <(?:https?|ftp|mailto):[^>\s]*> | <[^@\s<>]+@[^@\s<>]+>     # autolinks
  | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?> | <!--.*?-->       # inline HTML
  | \bhttps?://[^\s<>()\[\]]+(?:\([^\s<>()]*\)[^\s<>()\[\]]*)*  # bare URLs
  | \]\((?:<[^>]*>|[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*\)  # ](destination "title")
  | \]\[[^\]]*\]                                                # ][reference]
  | \[\^[^\]]+\]                                                # footnote reference
  | !\[ | \[ | \]                                               # link and image brackets
  | \\.|\\$                                                     # escapes, hard break
  | \*+ | ~~ | (?<![^\W_])_+ | _+(?![^\W_])                     # emphasis markers
    """,
    re.X,
)


class _Builder:
    """Output as literal pieces and chunk slots, one list of pieces per output line."""

    def __init__(self) -> None:
        self.lines: list[list[str | int]] = []
        self.chunks: list[str] = []
        self.chunk_lines: list[int] = []

    def literal(self, line: str) -> None:
        self.lines.append([line])

    def line(self, lineno: int, *parts: tuple[bool, str]) -> None:
        """One output line from ``(translatable, text)`` parts."""
        pieces: list[str | int] = []
        for translatable, text in parts:
            if translatable:
                pieces.extend(self._inline(text, lineno))
            elif text:
                pieces.append(text)
        self.lines.append(pieces)

    def _inline(self, text: str, lineno: int) -> list[str | int]:
        pieces: list[str | int] = []
        pos = 0
        for m in _INLINE.finditer(text):
            if m.start() > pos:
                pieces.append(self._chunk(text[pos : m.start()], lineno))
            pieces.append(m.group(0))
            pos = m.end()
        if pos < len(text):
            pieces.append(self._chunk(text[pos:], lineno))
        return pieces

    def _chunk(self, text: str, lineno: int) -> int:
        self.chunks.append(text)
        self.chunk_lines.append(lineno)
        return len(self.chunks) - 1

    def rebuild(self, new_chunks: list[str]) -> str:
        return "\n".join(
            "".join(new_chunks[p] if isinstance(p, int) else p for p in pieces) for pieces in self.lines
        )


def _starts_block(rest: str) -> bool:
    return bool(
        _FENCE.match(rest)
        or _ATX.match(rest)
        or _RULE.match(rest)
        or _SETEXT.match(rest)
        or _LIST.match(rest)
        or _QUOTE.match(rest)
        or _HTML_BLOCK.match(rest)
        or _LINKDEF.match(rest)
    )


def _read(text: str, out: _Builder) -> None:
    lines = text.split("\n")
    n = len(lines)
    i = 0
    if lines and lines[0].rstrip() == "---":  # YAML front matter
        for j in range(1, n):
            if lines[j].rstrip() in ("---", "..."):
                for k in range(j + 1):
                    out.literal(lines[k])
                i = j + 1
                break
    in_list = False
    prev_blank = True
    while i < n:
        line = lines[i]
        lineno = i + 1
        if not line.strip():
            out.literal(line)
            prev_blank = True
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)
            close = re.compile(r"^ {0,3}" + re.escape(mark[0]) + "{" + str(len(mark)) + r",}[ \t]*$")
            out.literal(line)
            i += 1
            while i < n:
                out.literal(lines[i])
                i += 1
                if close.match(lines[i - 1]):
                    break
            prev_blank = False
            in_list = False
            continue
        if _INDENTED.match(line) and prev_blank and not in_list:  # indented code block
            while i < n and (_INDENTED.match(lines[i]) or not lines[i].strip()):
                if not lines[i].strip() and not any(_INDENTED.match(x) for x in lines[i + 1 : i + 2]):
                    break
                out.literal(lines[i])
                i += 1
            prev_blank = False
            continue
        if _HTML_BLOCK.match(line) or _LINKDEF.match(line) or _RULE.match(line) or _SETEXT.match(line):
            # HTML blocks run to the next blank line; they are markup, not prose.
            html_block = bool(_HTML_BLOCK.match(line))
            out.literal(line)
            i += 1
            while html_block and i < n and lines[i].strip():
                out.literal(lines[i])
                i += 1
            prev_blank = False
            in_list = in_list and not _RULE.match(line)
            continue
        if "|" in line and i + 1 < n and _TABLE_DELIM.match(lines[i + 1]):
            _table_row(line, lineno, out)
            out.literal(lines[i + 1])
            i += 2
            while i < n and lines[i].strip() and "|" in lines[i]:
                _table_row(lines[i], i + 1, out)
                i += 1
            prev_blank = False
            in_list = False
            continue

        quote_m = _QUOTE.match(line)
        quote = quote_m.group(0) if quote_m else ""
        rest = line[len(quote) :]
        heading = _ATX.match(rest)
        if heading:
            out.line(lineno, (False, quote + heading.group(1) + (heading.group(2) or "")),
                     (True, heading.group(3) or ""), (False, heading.group(4) or ""))
            i += 1
            prev_blank = False
            in_list = False
            continue
        item = _LIST.match(rest)
        prefix = quote + (item.group(1) if item else "")
        content = rest[len(item.group(1)) :] if item else rest
        if item:
            in_list = True
        elif not _INDENTED.match(line):
            in_list = False
        parts = [content]
        i += 1
        # Soft-wrapped continuation lines belong to the same paragraph (or list item).
        while i < n and not _HARD_BREAK.search(lines[i - 1]):
            nxt = lines[i]
            if not nxt.strip():
                break
            nq = _QUOTE.match(nxt)
            if (nq.group(0) if nq else "").strip() != quote.strip():
                break
            nrest = nxt[len(nq.group(0)) :] if nq else nxt
            if _starts_block(nrest.lstrip()) or ("|" in nrest and i + 1 < n and _TABLE_DELIM.match(lines[i + 1])):
                break
            parts.append(nrest.lstrip())
            i += 1
        lead = content[: len(content) - len(content.lstrip())]
        joined = " ".join([parts[0].strip()] + parts[1:]) if len(parts) > 1 else parts[0].lstrip()
        trail = ""
        brk = _HARD_BREAK.search(joined)
        if brk:
            joined, trail = joined[: brk.start()], brk.group(0)
        out.line(lineno, (False, prefix + lead), (True, joined), (False, trail))
        prev_blank = False


def _table_row(line: str, lineno: int, out: _Builder) -> None:
    cells = _CELL_SPLIT.split(line)
    parts: list[tuple[bool, str]] = []
    for k, cell in enumerate(cells):
        if k:
            parts.append((False, "|"))
        parts.append((True, cell))
    out.line(lineno, *parts)


class MarkdownFormat:
    name = "markdown"
    suffixes = (".md", ".markdown")

    def parse(self, data: bytes) -> ChunkedDocument:
        text, bom, crlf = decode_text(data, kind="Markdown")
        builder = _Builder()
        _read(text, builder)
        return ChunkedDocument(
            builder.chunks,
            lambda chunks: encode_text(builder.rebuild(chunks), bom=bom, crlf=crlf),
            builder.chunk_lines,
        )


FORMAT = MarkdownFormat()
