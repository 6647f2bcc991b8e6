"""The concordance dialog (F3): German→English pairs containing a word, from the glossary, this document and
the translation memory; enter hands the English of a pair back to the review desk."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from glossator.translate.concordance import ConcordanceHit, needle_spans
from glossator.translate.errors import TranslateError
from glossator.translate.terminal import inert

ORIGIN_LABELS = {"glossary": "glossary", "document": "this text", "approved": "memory ✓", "batch": "memory"}


def hit_text(hit: ConcordanceHit, needle: str, match_style: str = "reverse") -> Text:
    """One hit as the list shows it: where it comes from, then German → English with the needle marked."""
    label = ORIGIN_LABELS.get(hit.origin, hit.origin) + (f" · {hit.note}" if hit.note else "")
    text = Text(f"{label:<22}", style="dim", end="")
    for part, style in ((hit.source, ""), (" → ", "dim"), (hit.target, "bold")):
        piece = Text(inert(part, newlines=False), style=style)
        for start, end in needle_spans(piece.plain, needle):
            piece.stylize(match_style, start, end)
        text.append_text(piece)
    if hit.context:  # renderings of one term that differ by context: say which is which
        text.append(inert(f"  (near: {', '.join(hit.context[:4])}{', …' if len(hit.context) > 4 else ''})",
                          newlines=False), style="dim italic")
    return text


class ConcordanceScreen(ModalScreen[str | None]):
    """Search pairs as the query is typed; enter (or a click) on a hit returns its English, esc returns None.

    ``search`` is :func:`glossator.translate.concordance.concordance` bound to the desk's glossary, document and
    memory; ``action`` says what enter does with the English (shown in the hint line).
    """

    DEFAULT_CSS = """
    ConcordanceScreen {
        align: center middle;
    }
    ConcordanceScreen > Vertical {
        width: 110;
        max-width: 100%;
        height: 80%;
        border: thick $primary;
        background: $surface;
    }
    ConcordanceScreen #concordance-title {
        width: 1fr;
        text-style: bold;
        content-align: center middle;
        background: $primary 30%;
    }
    ConcordanceScreen Input {
        margin: 0 1;
    }
    ConcordanceScreen OptionList {
        height: 1fr;
        border: none;
    }
    ConcordanceScreen #concordance-hint {
        width: 1fr;
        color: $text-muted;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "to_hits", "To the hits", show=False),
    ]

    def __init__(
        self, search: Callable[[str], Sequence[ConcordanceHit]], *, query: str = "", action: str = "inserts the English"
    ) -> None:
        super().__init__()
        self._search = search
        self._query = query
        self._action = action
        self.hits: list[ConcordanceHit] = []
        self._leaving_query = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Concordance: glossary, this text, translation memory"), id="concordance-title")
            yield Input(value=self._query, placeholder="German or English words", id="concordance-query")
            yield OptionList(id="concordance-hits")
            yield Label(Text(f"↓ to the hits · enter {self._action} · esc closes"),
                        id="concordance-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._show(self._query)

    @property
    def option_list(self) -> OptionList:
        return self.query_one(OptionList)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, needle: str) -> None:
        options = self.option_list
        options.clear_options()
        try:
            self.hits = list(self._search(needle)) if needle.strip() else []
        except TranslateError as exc:  # a memory that cannot be read: say so in the list, keep the dialog
            self.hits = []
            options.add_option(Option(Text(str(exc)), disabled=True))
            return
        if not self.hits:
            message = f"No pair contains {needle.strip()!r}." if needle.strip() else "Type a word to search."
            options.add_option(Option(Text(inert(message, newlines=False), style="italic"), disabled=True))
            return
        options.add_options([Option(hit_text(hit, needle)) for hit in self.hits])
        options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter in the query takes the highlighted hit (the first, unless the list was moved)."""
        index = self.option_list.highlighted
        if self.hits and index is not None and index < len(self.hits):
            self.dismiss(self.hits[index].target)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index].target)

    def action_to_hits(self) -> None:
        if not self.hits:
            return
        if self._leaving_query:
            # ↓ typed ahead, before the focus reached the list (tmux sends ↓↓⏎ in one burst): move down.
            self.option_list.action_cursor_down()
            return
        self._leaving_query = True
        self.option_list.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            self._leaving_query = False

    def action_close(self) -> None:
        self.dismiss(None)
