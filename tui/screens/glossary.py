"""The glossary screen: every entry in a table with a filter; add, edit and delete entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input
from textual.widgets.data_table import RowDoesNotExist

from glossator.glossary.errors import GlossaryError
from glossator.glossary.model import Entry
from glossator.glossary.search import search_entries
from glossator.tui.bindings import GLOSSARY_BINDINGS
from glossator.tui.screens.term_modal import ConfirmModal, TermModal

if TYPE_CHECKING:
    from glossator.glossary.store import GlossaryStore

COLUMNS = {"German": 22, "English": 22, "Type": 6, "Keep": 4, "Context": 24, "Note": 40}
"""Column widths: German, English and type fit an 80-column terminal; the rest scrolls."""


class GlossaryScreen(Screen[None]):
    """The glossary as a table. Changes are saved at once; ``on_change`` tells the review desk to re-check."""

    DEFAULT_CSS = """
    GlossaryScreen #glossary-filter {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    GlossaryScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS = GLOSSARY_BINDINGS

    def __init__(self, store: GlossaryStore, *, on_change: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.store = store
        self.on_change = on_change
        self._entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Input(compact=True, placeholder="Filter by German or English (/)", id="glossary-filter")
        table: DataTable[Text] = DataTable(id="glossary-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer(show_command_palette=False)

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#glossary-table", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Glossary"
        for column, width in COLUMNS.items():
            self.table.add_column(Text(column), key=column, width=width)
        self.reload()
        self.table.focus()

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the entries and show those matching the filter; keep (or move) the cursor."""
        table = self.table
        keep = select_id
        if keep is None and table.row_count:
            keep = self.selected_id
        self._entries = self.store.entries()
        needle = self.query_one("#glossary-filter", Input).value.strip()
        table.clear()
        for entry in search_entries(self._entries, needle):
            table.add_row(
                Text(entry.source),
                Text(entry.target),
                Text(entry.type),
                Text("✓" if entry.dnt else ""),
                Text("|".join(entry.context)),
                Text(entry.note),
                key=str(entry.id),
            )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(str(keep)))
            except RowDoesNotExist:  # filtered out or deleted: start at the top
                table.move_cursor(row=0)

    @property
    def selected_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    @on(Input.Changed, "#glossary-filter")
    def _filter_changed(self) -> None:
        self.reload()
        if self.table.row_count:
            self.table.move_cursor(row=0)  # the best match, which enter opens

    @on(Input.Submitted, "#glossary-filter")
    def _filter_submitted(self) -> None:
        """Enter in the filter opens the highlighted entry (the best match, at the top)."""
        self.table.focus()
        if self.table.row_count:
            self.action_edit_entry()

    def action_leave_filter(self) -> None:
        """Down in the filter goes to the table (the filter is a line above it)."""
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit_entry()

    def action_filter(self) -> None:
        self.query_one("#glossary-filter", Input).focus()

    def action_back(self) -> None:
        filter_input = self.query_one("#glossary-filter", Input)
        if filter_input.has_focus:
            self.table.focus()
            return
        self.app.pop_screen()

    def action_add_entry(self) -> None:
        def added(entry: Entry | None) -> None:
            if entry is not None:
                self.reload(select_id=entry.id)
                self.notify(f"Added {entry.source} → {entry.target}.", markup=False)
                self._changed()

        blank = Entry(id=None, source="", target="")
        self.app.push_screen(TermModal(blank, save=self.store.add, title="New glossary entry"), added)

    def action_edit_entry(self) -> None:
        entry_id = self.selected_id
        if entry_id is None:
            return
        entry = self.store.get(entry_id)

        def save(changed: Entry) -> Entry:
            return self.store.update(
                entry_id,
                source=changed.source,
                target=changed.target,
                type=changed.type,
                context=changed.context,
                forms=changed.forms,
                dnt=changed.dnt,
                note=changed.note,
            )

        def edited(result: Entry | None) -> None:
            if result is not None:
                self.reload(select_id=result.id)
                self.notify(f"Saved {result.source} → {result.target}.", markup=False)
                self._changed()

        self.app.push_screen(TermModal(entry, save=save, title=f"Edit glossary entry {entry_id}"), edited)

    def action_delete_entry(self) -> None:
        entry_id = self.selected_id
        if entry_id is None:
            return
        entry = self.store.get(entry_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.remove(entry_id)
            except GlossaryError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.reload()
            self.notify(f"Deleted {entry.source} → {entry.target}.", markup=False)
            self._changed()

        question = f"Delete the entry {entry.source} → {entry.target}?"
        self.app.push_screen(ConfirmModal(question), answered)

    def action_undo_change(self) -> None:
        history = self.store.history(limit=1)
        if not history:
            self.notify("The glossary has no changes to undo.", markup=False)
            return
        try:
            change = self.store.undo(history[0].id)
        except GlossaryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        entry = change.new or change.old
        self.reload(select_id=entry.id if entry is not None and change.new is not None else None)
        what = f" ({entry.source} → {entry.target})" if entry is not None else ""
        self.notify(f"Undid the latest change{what}.", markup=False)
        self._changed()

    def action_help(self) -> None:
        from glossator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
