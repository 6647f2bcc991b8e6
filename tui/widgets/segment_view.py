"""The aligned, side-by-side view of a document's segments: German left, English right.

It draws with Textual's line API (only the visible lines are painted; every segment is wrapped once per
width and cached), so a 300-segment article paints its first screen quickly. All text becomes
:class:`rich.text.Text` without markup parsing: German containing ``[bold]`` shows literally.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from glossator.translate.project import ProjectSegment
from glossator.translate.result import TermResult
from glossator.translate.termcheck import rendering_spans
from glossator.translate.terminal import inert

GUTTER_WIDTH = 6
SEPARATOR = " │ "

STATUS_GLYPHS = {"pending": "…", "machine": "·", "edited": "✎", "approved": "✓"}


def word_diff(mine: str, theirs: str) -> list[tuple[str, str]]:
    """The words of ``mine`` and ``theirs`` as runs: ``("=", words)`` in both, ``("-", words)`` only in mine,
    ``("+", words)`` only in theirs."""
    from difflib import SequenceMatcher

    a, b = mine.split(), theirs.split()
    runs: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", " ".join(a[a1:a2])))
            continue
        if a2 > a1:
            runs.append(("-", " ".join(a[a1:a2])))
        if b2 > b1:
            runs.append(("+", " ".join(b[b1:b2])))
    return runs


def wrapped_height(text: str, width: int) -> int:
    """How many lines greedy word wrapping (as Rich does it, long words folded) makes of ``text``.

    Much cheaper than wrapping with Rich, so every segment can be measured up front and only the visible
    ones rendered; a rendered segment whose height differs corrects the layout (see ``_check_height``).
    """
    width = max(width, 1)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        column = 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            if column == 0:
                column = size
            elif column + 1 + size <= width:
                column += 1 + size
            else:
                lines += 1
                column = size
            while column > width:
                lines += 1
                column -= width
    return lines


class SegmentView(ScrollView, can_focus=True):
    """Segments side by side with a cursor; glossary hits highlighted in both languages."""

    DEFAULT_CSS = """
    SegmentView {
        height: 1fr;
        background: $surface;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    SegmentView:focus {
        background-tint: $foreground 2%;
    }
    SegmentView > .segment-view--cursor {
        background: $primary 30%;
    }
    SegmentView > .segment-view--gutter {
        color: $text-muted;
    }
    SegmentView > .segment-view--rule {
        color: $foreground 15%;
    }
    SegmentView > .segment-view--term {
        color: $text-success;
        text-style: underline;
    }
    SegmentView > .segment-view--violated {
        color: $text-error;
        background: $error 25%;
        text-style: bold underline;
    }
    SegmentView > .segment-view--partial {
        color: $text-warning;
        background: $warning 20%;
        text-style: underline;
    }
    SegmentView > .segment-view--note {
        color: $text-muted;
        text-style: italic;
    }
    SegmentView > .segment-view--approved {
        color: $text-success;
        text-style: bold;
    }
    SegmentView > .segment-view--edited {
        color: $text-accent;
        text-style: bold;
    }
    SegmentView > .segment-view--flag {
        color: $text-error;
        text-style: bold;
    }
    SegmentView > .segment-view--match {
        background: $accent 40%;
    }
    """

    COMPONENT_CLASSES = {
        "segment-view--cursor",
        "segment-view--gutter",
        "segment-view--rule",
        "segment-view--term",
        "segment-view--violated",
        "segment-view--partial",
        "segment-view--note",
        "segment-view--approved",
        "segment-view--edited",
        "segment-view--flag",
        "segment-view--match",
    }

    BINDINGS = [
        Binding("up,k", "cursor_up", "Previous", show=False),
        Binding("down,j", "cursor_down", "Next", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class CursorMoved(Message):
        """The cursor moved to segment ``index``."""

        view: SegmentView
        index: int

        @property
        def control(self) -> SegmentView:
            return self.view

    @dataclass
    class EditRequested(Message):
        """The reviewer double-clicked segment ``index``."""

        view: SegmentView
        index: int

        @property
        def control(self) -> SegmentView:
            return self.view

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._segments: list[ProjectSegment] = []
        self._strips: list[list[Strip] | None] = []
        self._heights: list[int] = []
        self._offsets: list[int] = [0]
        self._width = 0
        self._cursor_strips: tuple[int, list[Strip]] | None = None
        self._highlight: str = ""
        self.scroll_locked = False
        """True while a segment is edited in place: the editor lies over it, so the view must not scroll."""
        self._reserved: tuple[int, int] | None = None
        self._filter: Callable[[ProjectSegment], bool] | None = None
        self._shown: list[bool] = []
        """Per segment: whether the filter lets it into the view (a hidden segment is zero lines tall)."""
        self._pinned: int | None = None
        self.empty_message = "No segments."

    # -- data ----------------------------------------------------------------------------------

    @property
    def segments(self) -> list[ProjectSegment]:
        return self._segments

    def set_segments(self, segments: Sequence[ProjectSegment], cursor: int | None = None) -> None:
        """Show ``segments`` (all of them, replacing what was shown)."""
        self._segments = list(segments)
        self._strips = [None] * len(self._segments)
        self._heights = [0] * len(self._segments)
        self._shown = [self._passes(s) for s in self._segments]
        self._cursor_strips = None
        self._relayout(remeasure=True)
        self.set_reactive(SegmentView.cursor, self.validate_cursor(self.cursor if cursor is None else cursor))
        self.refresh()

    def update_segments(self, segments: Iterable[ProjectSegment]) -> None:
        """Replace some segments (by index) and repaint them."""
        changed = False
        for segment in segments:
            if 0 <= segment.index < len(self._segments):
                self._segments[segment.index] = segment
                self._shown[segment.index] = self._passes(segment)
                self._strips[segment.index] = None
                if self._width:
                    self._heights[segment.index] = self._measure(segment)
                changed = True
        if changed:
            self._cursor_strips = None
            self._relayout()
            self._keep_cursor_shown()
            self.refresh()

    # -- filter --------------------------------------------------------------------------------

    def set_filter(self, keep: Callable[[ProjectSegment], bool] | None, *, empty_message: str = "") -> None:
        """Show only the segments ``keep`` accepts (``None``: all). The cursor stays where it is when its
        segment is still shown, else it moves to the next shown segment (the previous one at the end);
        ``empty_message`` is what the view says when no segment is shown."""
        self._filter = keep
        self.empty_message = empty_message or "No segments."
        self._shown = [self._passes(s) for s in self._segments]
        self._strips = [None] * len(self._segments)
        self._cursor_strips = None
        self._relayout(remeasure=True)
        self._keep_cursor_shown()
        self.refresh()
        self.scroll_to_cursor(center=True)

    def pin(self, index: int | None) -> None:
        """Keep segment ``index`` shown whatever the filter says (the segment being edited); ``None`` lets it
        go, which moves the cursor on when the filter no longer shows its segment."""
        previous, self._pinned = self._pinned, index
        touched = {i for i in (previous, index) if i is not None and 0 <= i < len(self._segments)}
        for i in touched:
            self._shown[i] = self._passes(self._segments[i])
        self._redraw(touched)
        self._keep_cursor_shown()
        self.refresh()

    def _redraw(self, indices: set[int]) -> None:
        """Draw and measure the segments at ``indices`` again, and the offsets of all that follow."""
        for i in indices:
            if 0 <= i < len(self._segments):
                self._strips[i] = None
                if self._width:
                    self._heights[i] = self._measure(self._segments[i])
        self._cursor_strips = None
        self._update_offsets()

    def _passes(self, segment: ProjectSegment) -> bool:
        return self._filter is None or segment.index == self._pinned or self._filter(segment)

    def is_shown(self, index: int) -> bool:
        """Whether segment ``index`` is in the (filtered) view."""
        return 0 <= index < len(self._shown) and self._shown[index]

    @property
    def shown_count(self) -> int:
        """How many segments the filter shows."""
        return sum(self._shown)

    def _nearest_shown(self, index: int, direction: int) -> int | None:
        """The first shown segment from ``index`` on (``direction`` +1) or back (-1), ``index`` included."""
        while 0 <= index < len(self._segments):
            if self._shown[index]:
                return index
            index += direction
        return None

    def step(self, direction: int) -> bool:
        """Move the cursor to the next (+1) or previous (-1) shown segment; False when there is none."""
        found = self._nearest_shown(self.cursor + direction, direction)
        if found is None:
            return False
        self.cursor = found
        return True

    def _keep_cursor_shown(self) -> None:
        """After the filter hid the cursor's segment: on to the next shown one, else back to the previous."""
        if self._segments and not self.is_shown(self.cursor):
            target = self.validate_cursor(self.cursor)
            if target != self.cursor:
                self.cursor = target

    def set_highlight(self, needle: str) -> None:
        """Highlight ``needle`` (a search) in both columns; empty clears it."""
        if needle != self._highlight:
            self._highlight = needle
            self._strips = [None] * len(self._segments)
            self._cursor_strips = None
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = [None] * len(self._segments)
        self._cursor_strips = None
        self.refresh()

    # -- geometry ------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 0)

    def columns(self) -> tuple[int, int, int]:
        """Total, German and English column widths for the current width."""
        width = max(self._width, GUTTER_WIDTH + len(SEPARATOR) + 2)
        inner = width - GUTTER_WIDTH - len(SEPARATOR)
        return width, inner // 2, inner - inner // 2

    def _measure(self, segment: ProjectSegment) -> int:
        """The segment's height in lines (its rule included), without rendering it."""
        if not self._shown[segment.index]:
            return 0
        _width, src_width, tgt_width = self.columns()
        target = self._target_text(segment, styled=False).plain
        source = inert(segment.source, newlines=False)
        return max(wrapped_height(source, src_width), wrapped_height(target, tgt_width), self._minimum(segment)) + 1

    def _minimum(self, segment: ProjectSegment) -> int:
        if self._reserved is not None and self._reserved[0] == segment.index:
            return self._reserved[1]
        return 1

    def reserve(self, index: int | None, lines: int = 1) -> None:
        """Make segment ``index`` at least ``lines`` tall (the in-place editor needs room to type), pushing the
        segments below down instead of covering them; ``None`` gives the room back."""
        reserved = (index, max(lines, 1)) if index is not None else None
        if reserved == self._reserved:
            return
        previous, self._reserved = self._reserved, reserved
        self._redraw({r[0] for r in (previous, reserved) if r is not None})
        self.refresh()

    def _relayout(self, *, remeasure: bool = False) -> None:
        width = self._content_width()
        if width <= 0:
            return
        if width != self._width:
            self._width = width
            self._strips = [None] * len(self._segments)
            self._cursor_strips = None
            remeasure = True
        if remeasure:
            self._heights = [self._measure(segment) for segment in self._segments]
        self._update_offsets()

    def _update_offsets(self) -> None:
        offsets = [0]
        total = 0
        for height in self._heights:
            total += height
            offsets.append(total)
        self._offsets = offsets
        self.virtual_size = Size(self._width, total)

    def _check_height(self, index: int, strips: list[Strip]) -> None:
        """Correct the layout when the rendered segment is not as tall as measured (rare wrapping cases)."""
        if self._heights[index] != len(strips):
            self._heights[index] = len(strips)
            self._update_offsets()
            self.refresh()

    def on_resize(self, event: Resize) -> None:
        self._relayout()
        self.scroll_to_cursor(animate=False)

    def on_mount(self) -> None:
        self._relayout()

    @property
    def allow_vertical_scroll(self) -> bool:
        return not self.scroll_locked and super().allow_vertical_scroll

    def segment_region(self, index: int) -> Region:
        """The region of segment ``index`` in virtual (scrolled) coordinates, its rule line excluded."""
        top = self._offsets[index]
        bottom = self._offsets[index + 1] - 1
        return Region(0, top, max(self._width, 1), max(bottom - top, 1))

    def index_at(self, virtual_y: int) -> int | None:
        index = bisect_right(self._offsets, virtual_y) - 1
        if 0 <= index < len(self._segments):
            return index
        return None

    def scroll_to_cursor(self, *, animate: bool = False, center: bool = False) -> None:
        if not self._segments or len(self._offsets) <= self.cursor + 1 or not self.is_shown(self.cursor):
            return
        self.scroll_to_region(self.segment_region(self.cursor), animate=animate, center=center, force=True)

    # -- rendering -----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"segment-view--{name}", partial=True)

    def _base_strips(self, index: int) -> list[Strip]:
        strips = self._strips[index]
        if strips is None:
            strips = self._render_segment(self._segments[index], cursor=False)
            self._strips[index] = strips
            self._check_height(index, strips)
        return strips

    def _render_segment(self, segment: ProjectSegment, *, cursor: bool) -> list[Strip]:
        console = self.app.console
        width, src_width, tgt_width = self.columns()
        src_lines = self._source_text(segment).wrap(console, src_width, overflow="fold")
        tgt_lines = self._target_text(segment).wrap(console, tgt_width, overflow="fold")
        height = max(len(src_lines), len(tgt_lines), self._minimum(segment))
        base = self._style("cursor") if cursor else Style()
        gutter_style = self._style("gutter")
        strips = []
        for row in range(height):
            gutter = self._gutter(segment) if row == 0 else Text(" " * GUTTER_WIDTH)
            src = src_lines[row].copy() if row < len(src_lines) else Text()
            tgt = tgt_lines[row].copy() if row < len(tgt_lines) else Text()
            src.set_length(src_width)
            tgt.set_length(tgt_width)
            line = Text.assemble(gutter, src, Text(SEPARATOR, style=gutter_style), tgt, end="")
            line.set_length(width)
            if cursor:
                line.stylize_before(base)
            strips.append(Strip(list(line.render(console)), width))
        rule = Text("─" * width, style=self._style("rule"), end="")
        strips.append(Strip(list(rule.render(console)), width))
        return strips

    def _gutter(self, segment: ProjectSegment) -> Text:
        number = Text(f"{segment.index + 1:>3} ", style=self._style("gutter"))
        status_style = {
            "approved": self._style("approved"),
            "edited": self._style("edited"),
        }.get(segment.status, self._style("gutter"))
        glyph = Text(STATUS_GLYPHS.get(segment.status, "?"), style=status_style)
        if segment.flagged:
            mark = Text("⚑", style=self._style("flag"))
        elif segment.problems or segment.qa:
            mark = Text("!", style=self._style("flag"))
        else:
            mark = Text(" ")
        gutter = Text.assemble(number, glyph, mark)
        gutter.set_length(GUTTER_WIDTH)
        return gutter

    def _term_style(self, term: TermResult) -> Style:
        if term.status == "violated":
            return self._style("violated")
        if term.status == "partial":
            return self._style("partial")
        return self._style("term")

    def _source_text(self, segment: ProjectSegment) -> Text:
        # Control characters (escape sequences in the copy) shown as symbols, never sent to the terminal.
        text = Text(inert(segment.source, newlines=False), end="")
        for term in segment.terms:
            start, end = term.start, term.end
            if segment.source[start:end] != term.source:
                found = segment.source.find(term.source)
                if found < 0:
                    continue
                start, end = found, found + len(term.source)
            text.stylize(self._term_style(term), start, end)
        self._stylize_highlight(text)
        return text

    def _target_text(self, segment: ProjectSegment, *, styled: bool = True) -> Text:
        """The English column: the target with its glossary hits, then notes on term problems and flags.

        ``styled=False`` gives the same characters without looking up any style (for measuring).
        """
        style = self._style if styled else (lambda name: Style.null())
        if segment.status == "pending":
            return Text("… not translated yet", style=style("note"), end="")
        text = Text(inert(segment.target, newlines=False), end="")
        notes: list[Text] = []
        for term in segment.terms:
            if not term.target:
                continue
            if term.status == "violated":
                if term.kind not in ("name", "literal"):  # these have their QA note below ("… is missing")
                    notes.append(Text(inert(f"✗ glossary: {term.source} → {term.target}"), style=style("violated")))
                continue
            if styled:
                term_style = self._term_style(term)
                for start, end in rendering_spans(segment.target, term.target):
                    text.stylize(term_style, start, end)
            if term.status == "partial" and term.kind != "name":  # a name's spelling has its QA note below
                notes.append(Text(inert(f"~ check form: {term.source} → {term.target}"), style=style("partial")))
        for issue in segment.qa:
            if issue.kind not in ("term",):  # term problems have their note above
                notes.append(Text(inert(f"⚠ {issue.message}"), style=style("partial")))
        if segment.flagged:
            if segment.machine_target and segment.machine_target != segment.target:
                # What the new machine English changes in the reviewer's: [-removed-] {+added+} words.
                note = Text("⚑ glossary changed; m keeps yours, r takes the new: ", style=style("note"))
                for kind, words in word_diff(segment.target, segment.machine_target):
                    shown = inert(words, newlines=False)
                    if kind == "-":
                        note.append(f"[-{shown}-]", style=style("violated"))
                    elif kind == "+":
                        note.append(f"{{+{shown}+}}", style=style("term"))
                    else:
                        note.append(shown)
                    note.append(" ")
                note.rstrip()
                notes.append(note)
            else:
                notes.append(Text("⚑ glossary changed; check the terms (m keeps them)", style=style("note")))
        if styled:
            self._stylize_highlight(text)
        for note_text in notes:
            text.append("\n")
            text.append_text(note_text)
        return text

    def _stylize_highlight(self, text: Text) -> None:
        if not self._highlight:
            return
        style = self._style("match")
        plain = text.plain.casefold()
        needle = self._highlight.casefold()
        start = plain.find(needle)
        while start >= 0 and needle:
            text.stylize(style, start, start + len(needle))
            start = plain.find(needle, start + len(needle))

    def render_line(self, y: int) -> Strip:
        width = self._width or self._content_width()
        _scroll_x, scroll_y = self.scroll_offset
        virtual_y = scroll_y + y
        index = self.index_at(virtual_y)
        if index is None:
            if y == 0 and self._segments and not self.shown_count:
                # Filtered down to nothing: say so (and how to get out), rather than show an empty pane.
                message = Text(" " + self.empty_message, style=self._style("note"), end="")
                message.truncate(width, overflow="ellipsis", pad=True)
                return Strip(list(message.render(self.app.console)), width).apply_style(self.rich_style)
            return Strip.blank(width, self.rich_style)
        if index == self.cursor:
            if self._cursor_strips is None or self._cursor_strips[0] != index:
                self._cursor_strips = (index, self._render_segment(self._segments[index], cursor=True))
                self._check_height(index, self._cursor_strips[1])
            strips = self._cursor_strips[1]
        else:
            strips = self._base_strips(index)
        row = virtual_y - self._offsets[index]
        if row >= len(strips):
            return Strip.blank(width, self.rich_style)
        return strips[row].apply_style(self.rich_style)

    # -- cursor --------------------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        if not self._segments:
            return 0
        return max(0, min(index, len(self._segments) - 1))

    def validate_cursor(self, index: int) -> int:
        """A segment the filter shows: ``index``, else the next shown one, else the previous (with nothing
        shown, ``index`` itself)."""
        index = self._clamp(index)
        if not self._shown or self._shown[index]:
            return index
        found = self._nearest_shown(index, +1)
        if found is None:
            found = self._nearest_shown(index, -1)
        return index if found is None else found

    def _refresh_segment(self, index: int) -> None:
        """Repaint just the lines of segment ``index`` (a cursor move repaints two segments, not the view)."""
        if 0 <= index < len(self._segments) and len(self._offsets) > index + 1:
            top = self._offsets[index] - round(self.scroll_offset.y)
            height = self._offsets[index + 1] - self._offsets[index]
            self.refresh(Region(0, top, self.size.width, height))

    def watch_cursor(self, old: int, index: int) -> None:
        self._cursor_strips = None
        self._refresh_segment(old)
        self._refresh_segment(index)
        self.scroll_to_cursor()
        if self._segments:
            self.post_message(self.CursorMoved(self, index))

    def action_cursor_up(self) -> None:
        self.step(-1)

    def action_cursor_down(self) -> None:
        self.step(+1)

    def action_first(self) -> None:
        found = self._nearest_shown(0, +1)
        if found is not None:
            self.cursor = found

    def action_last(self) -> None:
        found = self._nearest_shown(len(self._segments) - 1, -1)
        if found is not None:
            self.cursor = found

    def _page_steps(self, direction: int) -> int:
        budget = max(self.scrollable_content_region.height - 1, 1)
        index = self.cursor
        while 0 <= index + direction < len(self._segments):
            size = self._offsets[index + 1] - self._offsets[index]
            if budget - size < 0:
                break
            budget -= size
            index += direction
        # Hidden segments are zero lines tall: land on a shown one, at least one step away when there is one.
        landed = self._nearest_shown(index, -direction)
        if landed is None or landed == self.cursor:
            landed = self._nearest_shown(self.cursor + direction, direction)
        return self.cursor if landed is None else landed

    def action_page_up(self) -> None:
        self.cursor = self._page_steps(-1)

    def action_page_down(self) -> None:
        self.cursor = self._page_steps(+1)

    async def on_click(self, event: Click) -> None:
        _scroll_x, scroll_y = self.scroll_offset
        index = self.index_at(scroll_y + event.y)
        if index is None:
            return
        self.focus()
        if index != self.cursor:
            self.cursor = index
        if event.chain >= 2:
            self.post_message(self.EditRequested(self, index))
