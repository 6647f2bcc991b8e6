"""The review desk's status line: segments by status, open term problems, where the cursor is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from translate.project import ProjectCounts


class StatusLine(Static):
    """One line of counts; never parses markup."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, counts: ProjectCounts, *, cursor: int, translating: tuple[int, int] | None = None) -> None:
        parts: list[tuple[str, str] | str] = [
            (f"{cursor + 1}/{counts.total}", "bold"),
            "  ",
            (f"✓ {counts.approved} approved", "green" if counts.approved else ""),
            " · ",
            f"✎ {counts.edited} edited",
            " · ",
            f"· {counts.machine} machine",
        ]
        if counts.pending:
            parts += [" · ", f"… {counts.pending} pending"]
        parts += [
            "  ",
            (
                f"! {counts.problems} term problem{'' if counts.problems == 1 else 's'}",
                "bold red" if counts.problems else "",
            ),
        ]
        if counts.flagged:
            parts += [" · ", (f"⚑ {counts.flagged} flagged", "bold red")]
        if translating is not None:
            done, total = translating
            parts += ["  ", (f"translating {done}/{total}", "italic")]
        self.update(Text.assemble(*parts, no_wrap=True, overflow="ellipsis"))
