"""Dialogs: the glossary entry form (:class:`TermModal`), a yes/no question (:class:`ConfirmModal`) and a
choice between named answers (:class:`ChoiceModal`)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from glossator.glossary.errors import GlossaryError
from glossator.glossary.model import TYPES, Entry, split_list


class TermModal(ModalScreen[Entry | None]):
    """Add or edit a glossary entry. ``save`` stores the entry (``GlossaryStore.add`` or an update); its
    ``GlossaryError`` is shown in the form, which stays open until the entry is valid or the reviewer cancels."""

    DEFAULT_CSS = """
    TermModal {
        align: center middle;
    }
    TermModal > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    TermModal #term-title {
        text-style: bold;
        width: 1fr;
        content-align: center middle;
    }
    TermModal Grid {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    TermModal Grid > Label {
        height: 1;
        padding: 0;
        color: $text-muted;
    }
    TermModal Grid > Input, TermModal Grid > Select, TermModal Grid > Checkbox {
        height: 1;
    }
    TermModal #term-error {
        color: $text-error;
        height: auto;
        width: 1fr;
    }
    TermModal Horizontal {
        height: auto;
        align-horizontal: right;
    }
    TermModal Button {
        min-width: 10;
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, entry: Entry, *, save: Callable[[Entry], Entry], title: str) -> None:
        super().__init__()
        self.entry = entry
        self._save = save
        self._title = title

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical():
            yield Label(Text(self._title), id="term-title")
            with Grid():
                yield Label(Text("German"))
                yield Input(
                    compact=True, value=entry.source, id="term-source",
                    placeholder="the term as written, e.g. Außenministerium",
                )
                yield Label(Text("English"))
                yield Input(compact=True, value=entry.target, id="term-target", placeholder="the required rendering")
                yield Label(Text("Type"))
                yield Select(
                    [(t, t) for t in TYPES], compact=True, value=entry.type if entry.type in TYPES else "other",
                    allow_blank=False, id="term-type",
                )
                yield Label(Text("Context"))
                yield Input(
                    compact=True, value="|".join(entry.context), id="term-context",
                    placeholder="cue words, separated by |",
                )
                yield Label(Text("Forms"))
                yield Input(
                    compact=True, value="|".join(entry.forms), id="term-forms",
                    placeholder="other source forms, separated by |",
                )
                yield Label(Text("Keep"))
                yield Checkbox("do not translate (keep the German)", entry.dnt, compact=True, id="term-dnt")
                yield Label(Text("Note"))
                yield Input(compact=True, value=entry.note, id="term-note", placeholder="for reviewers")
            yield Label(Text(""), id="term-error")
            with Horizontal():
                yield Button(compact=True, label="Save", variant="primary", id="term-save")
                yield Button(compact=True, label="Cancel", id="term-cancel")

    def on_mount(self) -> None:
        target = self.query_one("#term-source" if not self.entry.source else "#term-target", Input)
        target.focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(widget_id, Input).value

    def form_entry(self) -> Entry:
        """The entry as the form shows it (not validated yet)."""
        return self.entry.with_changes(
            source=self._value("#term-source"),
            target=self._value("#term-target"),
            type=str(self.query_one("#term-type", Select).value),
            context=split_list(self._value("#term-context")),
            forms=split_list(self._value("#term-forms")),
            dnt=self.query_one("#term-dnt", Checkbox).value,
            note=self._value("#term-note"),
        )

    def _error(self, message: str) -> None:
        self.query_one("#term-error", Label).update(Text(message))

    def action_save(self) -> None:
        entry = self.form_entry()
        if not entry.source.strip():
            self._error("Give the German term.")
            self.query_one("#term-source", Input).focus()
            return
        if not entry.target.strip() and not entry.dnt:
            self._error("Give the English rendering, or tick 'do not translate'.")
            self.query_one("#term-target", Input).focus()
            return
        try:
            stored = self._save(entry)
        except GlossaryError as exc:
            self._error(str(exc))
            return
        self.dismiss(stored)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#term-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#term-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; ``y``/enter answer yes, ``n``/escape no."""

    DEFAULT_CSS = """
    ConfirmModal {
        align: center middle;
    }
    ConfirmModal > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmModal Label {
        width: 1fr;
        margin-bottom: 1;
    }
    ConfirmModal Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ConfirmModal Button {
        min-width: 8;
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question))
            with Horizontal():
                yield Button(compact=True, label="Yes", variant="error", id="confirm-yes")
                yield Button(compact=True, label="No", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class ChoiceModal(ModalScreen[str]):
    """A question with a few named answers, each on a key; escape gives the first (the one that loses nothing).

    Args:
        question: The question, shown as plain text (never markup).
        choices: ``(value, key, label)`` for each answer, the safe one first.
    """

    DEFAULT_CSS = """
    ChoiceModal {
        align: center middle;
    }
    ChoiceModal > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ChoiceModal Label {
        width: 1fr;
        margin-bottom: 1;
    }
    ChoiceModal Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ChoiceModal Button {
        min-width: 8;
        margin-left: 1;
    }
    """

    BINDINGS = [Binding("escape", "choose_first", "Keep", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question))
            with Horizontal():
                for value, key, label in self.choices:
                    yield Button(compact=True, label=Text(f"{label} ({key})"), id=f"choice-{value}")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event) -> None:
        for value, key, _label in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def action_choose_first(self) -> None:
        self.dismiss(self.choices[0][0])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id).removeprefix("choice-"))
