"""The search bar: find text in the German, the English, or both."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

SCOPES = ("both", "source", "target")
SCOPE_LABELS = {"both": "de+en", "source": "de", "target": "en"}


class SearchBar(Horizontal):
    """Enter finds the next match (again and again); tab cycles the scope; Escape closes."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        background: $panel;
        display: none;
    }
    SearchBar.-open {
        display: block;
    }
    SearchBar > Label {
        width: auto;
        padding: 0 1;
        background: $accent 30%;
    }
    SearchBar > Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close search"),
        Binding("tab", "cycle_scope", "Scope de/en", priority=True),
    ]

    @dataclass
    class SearchRequested(Message):
        """Find ``text`` after the cursor in the ``scope`` (both, source, target); ``backwards`` goes up."""

        text: str
        scope: str
        backwards: bool = False

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope = "both"

    def compose(self) -> ComposeResult:
        yield Label(SCOPE_LABELS[self.scope], id="search-scope", markup=False)
        yield Input(compact=True, placeholder="Search (enter: next, tab: de/en/both, esc: close)", id="search-input")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def open(self) -> None:
        self.add_class("-open")
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value:
            self.post_message(self.SearchRequested(event.value, self.scope))

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())

    def action_cycle_scope(self) -> None:
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.query_one("#search-scope", Label).update(SCOPE_LABELS[self.scope])
