"""The term pane: while a segment is edited, its glossary terms, the English each requires and whether the
English being typed has it (``ctrl+g`` in the editor inserts the next one missing)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from glossator.translate.result import TermResult
from glossator.translate.terminal import inert

TERM_MARKS = {"applied": ("✓", "green"), "partial": ("~", "yellow"), "violated": ("✗", "bold red")}


class TermPane(Static):
    """Shown only while editing, above the status line; as tall as the segment has terms (at most six lines)."""

    DEFAULT_CSS = """
    TermPane {
        height: auto;
        max-height: 7;
        background: $panel;
        padding: 0 1;
        display: none;
        border-top: hkey $primary 40%;
    }
    TermPane.-open {
        display: block;
    }
    """

    def show_terms(self, index: int, terms: Sequence[TermResult]) -> None:
        """The terms of segment ``index`` checked against the English being typed."""
        hint = " (ctrl+g inserts the next one missing):" if terms else ": no terms in this segment"
        lines = [Text.assemble((f"Segment {index + 1}", "bold"), " glossary" + hint)]
        for term in terms:
            mark, style = TERM_MARKS.get(term.status, ("?", ""))
            name = " (name)" if term.kind == "name" else ""
            label = inert(f"{term.source} → {term.target}{name}", newlines=False)
            lines.append(Text.assemble(f" {mark} ", (label, style)))
        self.update(Text("\n", no_wrap=True, overflow="ellipsis").join(lines))
        self.add_class("-open")

    def hide(self) -> None:
        self.remove_class("-open")
