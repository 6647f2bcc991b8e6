"""The segment editor: the German (read-only, for selecting a span) above the English being edited."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, TextArea


class TargetArea(TextArea):
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


class SegmentEditor(Vertical):
    """Edits one segment. Posts :class:`Saved` or :class:`Cancelled`; ``ctrl+t`` asks for a glossary term from
    the selected German span (:class:`TermRequested`)."""

    DEFAULT_CSS = """
    SegmentEditor {
        height: auto;
        max-height: 50%;
        background: $panel;
        border-top: tall $primary;
        padding: 0 1;
        display: none;
    }
    SegmentEditor.-open {
        display: block;
    }
    SegmentEditor > Label {
        color: $text-muted;
        width: 1fr;
    }
    SegmentEditor > TextArea {
        height: auto;
        max-height: 6;
        min-height: 2;
        border: none;
        padding: 0;
    }
    SegmentEditor > TextArea:focus {
        border: none;
        background-tint: $foreground 5%;
    }
    SegmentEditor > #editor-source {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+t", "term_from_span", "Term from selection", priority=True),
        Binding("escape", "cancel", "Cancel"),
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
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Label(Text("German — select a span, ctrl+t adds it to the glossary"), id="editor-source-label")
        yield TextArea("", id="editor-source", read_only=True, soft_wrap=True, show_line_numbers=False)
        yield Label(Text("English — enter saves, esc cancels"), id="editor-target-label")
        yield TargetArea("", id="editor-target", soft_wrap=True, show_line_numbers=False)

    @property
    def source_area(self) -> TextArea:
        return self.query_one("#editor-source", TextArea)

    @property
    def target_area(self) -> TargetArea:
        return self.query_one("#editor-target", TargetArea)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, index: int, source: str, target: str, *, focus_source: bool = False) -> None:
        """Show segment ``index`` for editing (``target`` may be a restored draft)."""
        self.index = index
        self._loading = True
        self.query_one("#editor-source-label", Label).update(
            Text(f"Segment {index + 1} · German — select a span, ctrl+t adds it to the glossary")
        )
        self.source_area.load_text(source)
        self.target_area.load_text(target)
        self.target_area.move_cursor(self.target_area.document.end)
        self._loading = False
        self.add_class("-open")
        if focus_source:
            self.source_area.focus()
        else:
            self.target_area.focus()

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
        text = " ".join(self.target_area.text.split("\n")).strip()
        self.post_message(self.Saved(self.index, text))

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
