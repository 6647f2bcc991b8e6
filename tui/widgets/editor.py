"""The in-place segment editor: laid over the segment being edited, German (read-only, for selecting a span)
on the left, the English being edited on the right, exactly where the review view shows them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static, TextArea

from glossator.translate.terminal import has_controls, inert


class InertTextArea(TextArea):
    """A text area that shows control characters (escape sequences in the copy) as symbols instead of sending
    them to the terminal; the text being edited keeps them."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(not seg.control and has_controls(seg.text) for seg in strip):
            return strip
        safe = [seg if seg.control else Segment(inert(seg.text), seg.style) for seg in strip]
        return Strip(safe).crop(0, strip.cell_length)


class TargetArea(InertTextArea):
    """The English of one segment. Enter saves (a segment is one sentence); Escape cancels."""

    @dataclass
    class Submitted(Message):
        area: TargetArea

        @property
        def control(self) -> TargetArea:
            return self.area

    @dataclass
    class Cancelled(Message):
        area: TargetArea

        @property
        def control(self) -> TargetArea:
            return self.area

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.post_message(self.Cancelled(self))
            return
        await super()._on_key(event)


class SegmentEditor(Horizontal):
    """Edits one segment in place: :meth:`place` lays it over the segment's columns (screen coordinates).

    Posts :class:`Saved` or :class:`Cancelled`; ``ctrl+t`` asks for a glossary term from the selected German
    span (:class:`TermRequested`); every keystroke in the English posts :class:`DraftChanged`.
    """

    DEFAULT_CSS = """
    SegmentEditor {
        position: absolute;
        overlay: screen;
        display: none;
        width: 40;
        height: 3;
        background: $panel;
    }
    SegmentEditor.-open {
        display: block;
    }
    SegmentEditor > TextArea {
        height: 1fr;
        border: none;
        padding: 0;
        scrollbar-size-vertical: 0;
        scrollbar-size-horizontal: 0;
    }
    SegmentEditor > TextArea:focus {
        border: none;
    }
    SegmentEditor > #editor-source {
        background: $panel;
    }
    SegmentEditor > #editor-source:focus {
        background: $primary 20%;
    }
    SegmentEditor > #editor-target {
        background: $boost;
    }
    SegmentEditor > #editor-target:focus {
        background: $accent 20%;
    }
    SegmentEditor > .editor-separator {
        height: 1fr;
        color: $text-muted;
        background: $panel;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the English (enter too)"),
        Binding(
            "ctrl+o,alt+enter,ctrl+enter", "confirm", "Approve+next", priority=True, key_display="^o",
            tooltip="Save, approve and edit the next segment not approved yet",
        ),
        Binding("ctrl+g", "insert_term", "Insert term", priority=True,
                tooltip="Insert the required English of the next glossary term (see the term pane)"),
        Binding("ctrl+t", "term_from_span", "Add term", priority=True,
                tooltip="Add a glossary entry: the selected German, the selected English as its rendering"),
        Binding("ctrl+a", "select_all", "Select all", show=False, priority=True, tooltip="Select all"),
        Binding("escape", "cancel", "Cancel", tooltip="Close the editor without saving"),
    ]

    @dataclass
    class Saved(Message):
        """The reviewer saved ``text`` as the English of segment ``index``."""

        index: int
        text: str

    @dataclass
    class Cancelled(Message):
        index: int

    @dataclass
    class Confirmed(Message):
        """Save ``text`` as the English of segment ``index``, approve it and go on to the next one."""

        index: int
        text: str

    @dataclass
    class TermInsertRequested(Message):
        """Insert the required English of a glossary term of segment ``index`` at the cursor."""

        index: int

    @dataclass
    class DraftChanged(Message):
        index: int
        text: str

    @dataclass
    class TermRequested(Message):
        """Add a glossary entry for ``source`` (the selected German) rendered as ``target`` (the selected English,
        possibly empty)."""

        index: int
        source: str
        target: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: int | None = None
        self.base = ""
        """The segment's English as stored when the editor took it: what was typed is the difference."""
        self._loading = False

    def compose(self) -> ComposeResult:
        source = InertTextArea("", id="editor-source", read_only=True, soft_wrap=True, show_line_numbers=False)
        source.tooltip = "The German: select a span, ctrl+t adds it to the glossary"
        yield source
        yield Static(Text(" │ "), classes="editor-separator")
        target = TargetArea("", id="editor-target", soft_wrap=True, show_line_numbers=False)
        target.tooltip = "The English: enter saves, esc cancels"
        yield target

    def place(self, region: Region, source_width: int, gap: int) -> None:
        """Lay the editor over ``region`` (screen coordinates): German ``source_width`` wide, a ``gap``, English."""
        self.styles.offset = (region.x, region.y)
        self.styles.width = region.width
        self.styles.height = region.height
        # A text area keeps a column for its cursor and wraps a word with the space after it; the view wraps
        # the word alone. Two columns more make the German wrap exactly as in the view (the bar moves one right).
        self.source_area.styles.width = source_width + 2
        separator = self.query_one(".editor-separator", Static)
        separator.styles.width = gap - 1
        separator.update(Text("\n".join(["│ "] * region.height)))
        self.target_area.styles.width = max(region.width - source_width - gap - 1, 1)

    @property
    def source_area(self) -> TextArea:
        return self.query_one("#editor-source", TextArea)

    @property
    def target_area(self) -> TargetArea:
        return self.query_one("#editor-target", TargetArea)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(
        self, index: int, source: str, target: str, *, base: str | None = None, focus_source: bool = False
    ) -> None:
        """Show segment ``index`` for editing; ``target`` may be a restored draft of the stored ``base``."""
        self.index = index
        self.base = target if base is None else base
        self._loading = True
        self.source_area.load_text(source)
        self.target_area.load_text(target)
        self.target_area.move_cursor(self.target_area.document.end)
        self._loading = False
        self.add_class("-open")
        if focus_source:
            self.source_area.focus()
        else:
            self.target_area.focus()

    @property
    def text(self) -> str:
        """The English as it would be saved (a segment is one line: line breaks become spaces)."""
        return " ".join(self.target_area.text.split("\n")).strip()

    @property
    def modified(self) -> bool:
        """Whether the reviewer changed the English since the editor took it."""
        return self.text != self.base.strip()

    def follow(self, target: str) -> None:
        """Take ``target`` as the stored English: shown in place of what the editor holds."""
        self.base = target
        self._loading = True
        self.target_area.load_text(target)
        self.target_area.move_cursor(self.target_area.document.end)
        self._loading = False

    def close(self) -> None:
        self.index = None
        self.remove_class("-open")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading or self.index is None or event.text_area is not self.target_area:
            return
        self.post_message(self.DraftChanged(self.index, self.target_area.text))

    def on_target_area_submitted(self, event: TargetArea.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_target_area_cancelled(self, event: TargetArea.Cancelled) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        if self.index is None:
            return
        # A segment is one line of the output; line breaks would not survive the export anyway.
        self.post_message(self.Saved(self.index, self.text))

    def action_confirm(self) -> None:
        if self.index is None:
            return
        self.post_message(self.Confirmed(self.index, self.text))

    def action_insert_term(self) -> None:
        if self.index is not None:
            self.post_message(self.TermInsertRequested(self.index))

    def action_select_all(self) -> None:
        area = self.source_area if self.source_area.has_focus else self.target_area
        area.select_all()

    def insert(self, text: str) -> None:
        """Type ``text`` into the English at the cursor (replacing a selection), with a space where words meet."""
        area = self.target_area
        start, end = sorted((area.selection.start, area.selection.end))
        line = area.document.get_line(start[0])
        before = line[: start[1]]
        after = area.document.get_line(end[0])[end[1] :]
        if before and not before[-1].isspace():
            text = " " + text
        if after and after[0].isalnum():
            text += " "
        area.replace(text, start, end)
        area.focus()

    def action_cancel(self) -> None:
        if self.index is None:
            return
        self.post_message(self.Cancelled(self.index))

    def action_term_from_span(self) -> None:
        if self.index is None:
            return
        source = self.source_area.selected_text.strip()
        target = self.target_area.selected_text.strip()
        self.post_message(self.TermRequested(self.index, source, target))
