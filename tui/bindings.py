"""The key bindings of the review and glossary screens, in one place so the help screen can list them without
importing the screens (which open the help screen themselves)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding("e", "edit_segment", "Edit", tooltip="Edit the English of this segment"),
    Binding("enter", "edit_segment", "Edit", show=False, tooltip="Edit (or double-click the segment)"),
    Binding("a", "approve_segment", "Approve", tooltip="Approve (again: take back) and go on"),
    Binding("n", "next_unapproved", "Next", tooltip="Next segment not approved yet"),
    Binding("p", "next_problem", "Issue", tooltip="Next term problem or flagged segment"),
    Binding("slash", "search", "Find", tooltip="Search the German, the English or both"),
    # Not in the footer: at 80 columns it would push out export and quit. The status line shows the filter.
    Binding("f", "cycle_filter", "Filter", show=False,
            tooltip="Filter: all, unapproved, problems, flagged, edited"),
    Binding("g", "open_glossary", "Glossary", tooltip="Open the glossary"),
    Binding("f3", "concordance", "Concordance", show=False, priority=True,
            tooltip="Concordance: glossary, this text, memory (also editing)"),
    Binding("c", "concordance", "Concordance", show=False, tooltip="Concordance (outside the editor)"),
    Binding("question_mark", "help", "Help", tooltip="This help"),
    Binding("t", "term_from_span", "Term", tooltip="Add a glossary entry from a German span"),
    Binding("x", "export", "Export", tooltip="Write the reviewed English next to the input"),
    Binding(
        "r", "revert_segment", "Revert", show=False,
        tooltip="Take the machine's English again (e.g. the new one after a glossary change)",
    ),
    Binding("m", "keep_mine", "Keep mine", show=False,
            tooltip="Keep your English of a flagged segment (r takes the new machine English)"),
    Binding("ctrl+r", "translate_again", "Translate again", show=False,
            tooltip="Translate what is not translated yet (after an error)"),
    Binding("N", "previous_unapproved", "Previous unapproved", show=False),
    Binding("P", "previous_problem", "Previous problem", show=False),
    Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the latest edit, revert or approval"),
    Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, tooltip="Redo what undo took back"),
    Binding("q", "quit", "Quit", tooltip="Quit (everything is saved already)"),
]

GLOSSARY_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back to review"),
    Binding("a", "add_entry", "Add"),
    Binding("e", "edit_entry", "Edit"),
    Binding("d,delete", "delete_entry", "Delete"),
    Binding("u", "undo_change", "Undo", tooltip="Undo the latest glossary change"),
    Binding("slash", "filter", "Filter"),
    Binding("question_mark", "help", "Help"),
    Binding("down", "leave_filter", "To the table", show=False),
]
