"""Markdown (``.md``): headings, lists, quotes, tables, emphasis, links and code kept; only prose translated.

A line-based reader rather than a full CommonMark parser: it recognises the block structure (fenced and
indented code, front matter, HTML blocks, link definitions, rules, headings, quotes, list items, tables,
paragraphs) and, inside prose, keeps inline code, URLs, HTML tags, link destinations and emphasis markers as
they are: each becomes an inline code (:mod:`translate.inline`), so a sentence is one segment whatever markup
it holds. A paragraph's soft-wrapped lines are
joined into one line (Markdown renders them the same), so sentences are never cut at a wrap.
"""

from __future__ import annotations

import re

from glossator.translate.formats.base import Code, InlineDocument, Token, read_text, write_text

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3}#{1,6})(?:([ \t]+)(.*?))?([ \t]+#+[ \t]*|[ \t]*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_EQUALS = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_LIST = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?)")
_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
# CommonMark HTML blocks: types 1-5 end at a marker, 6 and 7 at a blank line; 7 cannot interrupt a paragraph.
_HTML_ENDS = [
    (re.compile(r"^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
]
_HTML_BLOCK6 = re.compile(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    r"dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|"
    r"table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|/?>|$)",
    re.I,
)
_HTML_BLOCK7 = re.compile(
    r"^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
)


def _html_start(line: str, *, in_paragraph: bool) -> re.Pattern | bool:
    """The end marker of the HTML block ``line`` starts, True for one that ends at a blank line, else False."""
    for start, end in _HTML_ENDS:
        if start.match(line):
            return end
    return bool(_HTML_BLOCK6.match(line) or (not in_paragraph and _HTML_BLOCK7.match(line)))
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
  | \[[^\[\]]*\](?:\[\])?(?![(\[])                              # [shortcut] and [collapsed][] references
  | !\[ | \[ | \]                                               # link and image brackets
  | \\.|\\$                                                     # escapes, hard break
  | \*+ | ~~ | (?<![^\W_])_+ | _+(?![^\W_])                     # emphasis markers
    """,
    re.X,
)


class _Builder:
    """Output as literal pieces and block slots, one list of pieces per output line."""

    def __init__(self) -> None:
        self.lines: list[list[str | int]] = []
        self.blocks: list[list[Token]] = []
        self.block_lines: list[int] = []

    def literal(self, line: str) -> None:
        self.lines.append([line])

    def line(self, lineno: int, *parts: tuple[bool, str]) -> None:
        """One output line from ``(translatable, text)`` parts."""
        pieces: list[str | int] = []
        for translatable, text in parts:
            if translatable and text:
                self.blocks.append(_inline(text))
                self.block_lines.append(lineno)
                pieces.append(len(self.blocks) - 1)
            elif text:
                pieces.append(text)
        self.lines.append(pieces)

    def rebuild(self, new: list[list[Token] | None]) -> str:
        def block(k: int) -> str:
            tokens = new[k] if new[k] is not None else self.blocks[k]
            return "".join(t if isinstance(t, str) else t.native for t in tokens)  # type: ignore[union-attr]

        return "\n".join(
            "".join(block(p) if isinstance(p, int) else p for p in pieces) for pieces in self.lines
        )


_PUNCT = re.compile(r"[\W_]")


def _inline(text: str) -> list[Token]:
    """One block of prose: its text, and its markup as inline codes.

    Emphasis markers and link brackets are pairs (an opening and a closing code); code spans, URLs, HTML,
    escapes and references are standalone codes, so the sentence stays whole and its markup travels with it.
    """
    tokens: list[Token] = []
    pos = 0
    open_marks: list[str] = []
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            tokens.append(text[pos : m.start()])
        raw = m.group(0)
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        kind, key = "standalone", raw
        if raw in ("[", "!["):
            kind, key = "open", "link"
        elif raw.startswith("]"):
            kind, key = "close", "link"
        elif raw[0] in "*_~":
            can_open = not after.isspace() and (before.isspace() or bool(_PUNCT.match(before)) or raw[0] == "*")
            can_close = not before.isspace() and (after.isspace() or bool(_PUNCT.match(after)) or raw[0] == "*")
            if can_close and raw in open_marks:
                kind = "close"
                del open_marks[len(open_marks) - 1 - open_marks[::-1].index(raw)]
            elif can_open:
                kind = "open"
                open_marks.append(raw)
        elif raw.startswith("</") and raw.endswith(">"):
            kind, key = "close", "<" + raw[2:].split(">")[0].split()[0].lower()
        elif raw.startswith("<") and not raw.startswith("<!") and not raw.endswith("/>") and ":" not in raw[:8]:
            kind, key = "open", "<" + raw[1:].split(">")[0].split()[0].lower()
        tokens.append(Code(kind, key, native=raw, name=raw.strip("[]!()")[:12] or raw))  # type: ignore[arg-type]
        pos = m.end()
    if pos < len(text):
        tokens.append(text[pos:])
    return tokens


def _list_interrupts(line: str) -> bool:
    """A list item can interrupt a paragraph unless it is empty or an ordered one not starting at 1."""
    m = _LIST.match(line)
    if m is None or not line[m.end() :].strip():
        return False
    marker = m.group(1).strip()
    return not marker[:1].isdigit() or marker.split(".")[0].split(")")[0] == "1"


def _starts_block(rest: str) -> bool:
    return bool(
        _FENCE.match(rest)
        or _ATX.match(rest)
        or _RULE.match(rest)
        or _SETEXT.match(rest)
        or _list_interrupts(rest)
        or _QUOTE.match(rest)
        or _html_start(rest, in_paragraph=True)
    )  # not a link definition: it cannot interrupt a paragraph


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
    no_paragraph = True  # an indented line starts a code block only where no paragraph is open
    while i < n:
        line = lines[i]
        lineno = i + 1
        if not line.strip():
            out.literal(line)
            no_paragraph = True
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
            no_paragraph = True
            in_list = False
            continue
        if _INDENTED.match(line) and no_paragraph and not in_list:  # indented code block
            while i < n and (_INDENTED.match(lines[i]) or not lines[i].strip()):
                if not lines[i].strip() and not any(_INDENTED.match(x) for x in lines[i + 1 : i + 2]):
                    break
                out.literal(lines[i])
                i += 1
            no_paragraph = True
            continue
        html = _html_start(line, in_paragraph=False)
        if html:
            out.literal(line)
            i += 1
            if isinstance(html, re.Pattern):  # runs to its end marker (which may be on the first line)
                ended = bool(html.search(line))
                while not ended and i < n:
                    out.literal(lines[i])
                    ended = bool(html.search(lines[i]))
                    i += 1
            else:  # runs to the next blank line
                while i < n and lines[i].strip():
                    out.literal(lines[i])
                    i += 1
            no_paragraph = True
            in_list = in_list and line[:1] in (" ", "\t")
            continue
        if _LINKDEF.match(line) or _RULE.match(line) or _SETEXT.match(line):
            out.literal(line)
            i += 1
            no_paragraph = True
            in_list = in_list and line[:1] in (" ", "\t")  # a block at the margin ends the list
            continue
        if "|" in line and i + 1 < n and _TABLE_DELIM.match(lines[i + 1]):
            _table_row(line, lineno, out)
            out.literal(lines[i + 1])
            i += 2
            # GFM: a table runs to a blank line or the start of another block, pipes or not.
            while i < n and lines[i].strip() and not _ends_table(lines[i]):
                _table_row(lines[i], i + 1, out)
                i += 1
            no_paragraph = True
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
            no_paragraph = True
            in_list = False
            continue
        item = _LIST.match(rest)
        prefix = quote + (item.group(1) if item else "")
        content = rest[len(item.group(1)) :] if item else rest
        if item:
            in_list = not quote  # a list inside a quote ends with the quote
        elif line[:1] not in (" ", "\t"):  # an indented paragraph after a list item belongs to it
            in_list = False
        parts = [content.lstrip()]
        part_lines = [lineno]
        lead = content[: len(content) - len(content.lstrip())]
        part_prefixes = [prefix + lead]  # the markup before each line's text, kept as it was
        i += 1
        # Soft-wrapped continuation lines belong to the same paragraph (or list item); so do the lines after a
        # hard break, but those stay on their own output line.
        while i < n:
            nxt = lines[i]
            if not nxt.strip():
                break
            nq = _QUOTE.match(nxt)
            if (nq.group(0) if nq else "").strip() != quote.strip():
                # A quoted paragraph takes "lazy" lines without ">" unless they would start a block of their own.
                lazy = quote and not nq and (_INDENTED.match(nxt) or _EQUALS.match(nxt) or not (
                    _starts_block(nxt) or _LIST.match(nxt) or _html_start(nxt, in_paragraph=False)))
                if not lazy:
                    break
                parts.append(nxt.lstrip())
                part_lines.append(i + 1)
                part_prefixes.append(nxt[: len(nxt) - len(nxt.lstrip())])
                i += 1
                continue
            nrest = nxt[len(nq.group(0)) :] if nq else nxt
            if (item or in_list) and _LIST.match(nrest):  # the next item of a list, whatever its number
                break
            # 4+ spaces outside lists, or "===" under a list item (no setext heading there): plain continuation
            deep = (not (item or in_list) and _INDENTED.match(nrest)) or ((item or in_list) and _EQUALS.match(nrest))
            if not deep and _starts_block(nrest.lstrip()):
                break
            if not (item or in_list) and "|" in nrest and i + 1 < n and _TABLE_DELIM.match(lines[i + 1]):
                break  # a table interrupts a paragraph, but not one in a list item (its lines are lazy there)
            parts.append(nrest.lstrip())
            part_lines.append(i + 1)
            part_prefixes.append(nxt[: len(nxt) - len(nrest.lstrip())])
            i += 1
        # One output line per hard-broken piece, with the markup its first line had.
        piece: list[str] = []
        for k, part in enumerate(parts):
            piece.append(part)
            brk = _HARD_BREAK.search(part)
            if brk or k == len(parts) - 1:
                joined = " ".join(p.strip() for p in piece[:-1]) + (" " if len(piece) > 1 else "") + piece[-1]
                trail = ""
                if brk:
                    joined, trail = joined[: len(joined) - len(brk.group(0))], brk.group(0)
                at = k - len(piece) + 1
                out.line(part_lines[at], (False, part_prefixes[at]), (True, joined), (False, trail))
                piece = []
        no_paragraph = False


def _ends_table(line: str) -> bool:
    return bool(
        _INDENTED.match(line)
        or _FENCE.match(line)
        or _ATX.match(line)
        or _RULE.match(line)
        or _LIST.match(line)
        or _QUOTE.match(line)
        or _html_start(line, in_paragraph=True)
    )


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
    suffixes: tuple[str, ...] = (".md", ".markdown")
    binary = False

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None
              ) -> InlineDocument:
        source = read_text(data, kind="Markdown", encoding=encoding)
        builder = _Builder()
        _read(source.text, builder)
        return InlineDocument(
            builder.blocks,
            lambda blocks: write_text(source, builder.rebuild(blocks), encoding=output_encoding),
            builder.block_lines,
        )


FORMAT = MarkdownFormat()
