"""The review desk's status line: where the cursor is, the filter, segments by status (approved of all), the
approved share of the words, open term problems."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from glossator.translate.project import ProjectCounts


class StatusLine(Widget):
    """One line of counts; never parses markup. Its size never changes, so an update repaints the line and
    does not lay out the screen again (it changes on every cursor move)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._shown: tuple[ProjectCounts, int, tuple[int, int] | None, tuple[str, int] | None] | None = None

    def render(self) -> Text:
        return self._text

    def show(self, counts: ProjectCounts, *, cursor: int, translating: tuple[int, int] | None = None,
             shown: tuple[str, int] | None = None) -> None:
        """Show ``counts``; ``shown`` is the view's filter and how many segments it shows (None: all). In a
        narrow terminal the words shrink, then go, and the marks stay (``?`` explains them)."""
        self._shown = (counts, cursor, translating, shown)
        width = self.content_region.width or self.size.width
        for level in (0, 1, 2):
            line = self._line(counts, cursor, translating, shown, level=level)
            if not width or line.cell_len <= width:
                break
        self._text = line
        self.refresh()

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(self._shown[0], cursor=self._shown[1], translating=self._shown[2], shown=self._shown[3])

    @staticmethod
    def _line(counts: ProjectCounts, cursor: int, translating: tuple[int, int] | None,
              shown: tuple[str, int] | None, *, level: int) -> Text:
        """Level 0: everything spelt out; 1: shorter; 2: marks and numbers only."""

        def part(mark: str, number: int, word: str) -> str:
            return f"{mark} {number} {word}" if level < 2 else f"{mark}{number}"

        sep = " · " if level == 0 else " "
        problems = "term problem" if level == 0 else "problem"
        if counts.problems != 1:
            problems += "s"
        position = f"{cursor + 1}/{counts.total}" if shown is None or shown[1] else f"–/{counts.total}"
        parts: list[tuple[str, str] | str] = [(position, "bold")]
        if shown is not None:
            name, number = shown
            label = f"filter: {name} ({number} shown)" if level == 0 else f"{name} ({number})"
            parts += [" ", (f"[{label}]", "bold reverse")]
        approved = f"{counts.approved}/{counts.total}"
        parts += [
            "  ",
            (f"✓ {approved} approved" if level < 2 else f"✓{approved}", "green" if counts.approved else ""),
            sep,
            part("✎", counts.edited, "edited"),
            sep,
            part("·", counts.machine, "machine"),
        ]
        if counts.pending:
            parts += [sep, part("…", counts.pending, "pending")]
        words = f"{counts.percent_approved}% of {counts.words} words" if level == 0 else f"{counts.percent_approved}%"
        parts += ["  ", (words, "bold" if counts.percent_approved == 100 else "")]
        parts += ["  ", (part("!", counts.problems, problems), "bold red" if counts.problems else "")]
        if counts.flagged:
            parts += [sep, (part("⚑", counts.flagged, "flagged"), "bold red")]
        if translating is not None:
            done, total = translating
            parts += ["  ", (f"translating {done}/{total}" if level == 0 else f"{done}/{total}", "italic")]
        return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
