"""The help screen (``?``): every key binding, built from the screens' own bindings, and what the marks mean."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

LEGEND = [
    ("…", "pending: not translated yet"),
    ("·", "machine: the machine's English, untouched"),
    ("✎", "edited: English changed by the reviewer"),
    ("✓", "approved"),
    ("!", "a glossary term is violated (✗) or only partly matched (~)"),
    ("⚑", "flagged: the glossary changed after the English was edited or approved"),
]


def _key_names(binding: Binding) -> str:
    names = {"slash": "/", "question_mark": "?", "delete": "del"}
    return ", ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False, box=None, expand=True)
    table.add_column(width=14, style="bold")
    table.add_column(ratio=1)
    for binding in bindings:
        if isinstance(binding, Binding):
            table.add_row(Text(_key_names(binding)), Text(binding.tooltip or binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Key bindings of the review desk; escape, ``q`` or ``?`` closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > Vertical {
        width: 80;
        max-width: 100%;
        height: 90%;
        border: thick $primary;
        background: $surface;
    }
    HelpScreen #help-title {
        width: 1fr;
        text-style: bold;
        content-align: center middle;
        background: $primary 30%;
    }
    HelpScreen VerticalScroll {
        padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help")]

    def compose(self) -> ComposeResult:
        from glossator.tui.bindings import GLOSSARY_BINDINGS, REVIEW_BINDINGS
        from glossator.tui.widgets.editor import SegmentEditor
        from glossator.tui.widgets.search_bar import SearchBar
        from glossator.tui.widgets.segment_view import SegmentView

        with Vertical():
            yield Label(Text("Glossator review desk — help (esc closes)"), id="help-title")
            with VerticalScroll():
                yield Static(bindings_table("Review", REVIEW_BINDINGS))
                yield Static(bindings_table("Moving", list(SegmentView.BINDINGS)))
                yield Static(bindings_table("Editing a segment", list(SegmentEditor.BINDINGS)
                                            + [Binding("enter", "save", "Save the English")]))
                yield Static(bindings_table("Search", list(SearchBar.BINDINGS)
                                            + [Binding("enter", "next", "Next match")]))
                yield Static(bindings_table("Glossary screen", GLOSSARY_BINDINGS))
                legend = Table(title=Text("Marks", style="bold"), title_justify="left", show_header=False,
                               box=None, expand=True)
                legend.add_column(width=14, style="bold")
                legend.add_column(ratio=1)
                for mark, meaning in LEGEND:
                    legend.add_row(Text(mark), Text(meaning))
                yield Static(legend)
                yield Static(Text(
                    "Glossary hits are underlined in both languages: green when applied, yellow when only "
                    "partly matched, red when the English misses the required rendering. The mouse works too: "
                    "click a segment to select it, double-click to edit it."
                ))

    def action_close(self) -> None:
        self.dismiss(None)
