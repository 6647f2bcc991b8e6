"""The review screen: the document side by side, segment by segment, with editing, approval and search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar
from textual.worker import get_current_worker

from glossator.translate.errors import TranslateError
from glossator.translate.context import with_document_context
from glossator.translate.filters import FilterName, matches, next_filter
from glossator.translate.project import ProjectSegment, ReviewProject, check_terms, match_signature
from glossator.translate.result import TermResult
from glossator.translate.termcheck import rendering_spans
from glossator.tui.bindings import REVIEW_BINDINGS
from glossator.tui.messages import TranslationFailed, TranslationFinished, TranslationProgressed
from glossator.tui.screens.term_modal import ConfirmModal
from glossator.tui.widgets.editor import SegmentEditor
from glossator.tui.widgets.search_bar import SearchBar
from glossator.tui.widgets.segment_view import GUTTER_WIDTH, SEPARATOR, SegmentView, wrapped_height
from glossator.tui.widgets.status_line import StatusLine
from glossator.tui.widgets.term_pane import TermPane

if TYPE_CHECKING:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.engine import Engine
    from glossator.translate.memory import TranslationMemory

CHUNK_SIZE = 8
"""Segments per engine call in the workers: small enough for visible progress, large enough to batch."""


def _signature(terms: Sequence[TermResult]) -> tuple:
    """Where a segment's glossary hits are and what they require (their applied/violated state aside)."""
    return tuple(sorted((t.start, t.end, t.entry_id, t.target) for t in terms if t.kind == "term"))


def _match_signature(source: str, matcher: Matcher | None) -> tuple:
    return tuple(sorted(sig[:4] for sig in match_signature(source, matcher)))


class ReviewScreen(Screen[None]):
    """Source and translation side by side; the reviewer edits, approves and fixes the glossary from here."""

    BINDINGS = REVIEW_BINDINGS

    def __init__(
        self,
        project: ReviewProject,
        *,
        engine: Engine,
        glossary: GlossaryStore,
        memory: TranslationMemory | None = None,
        export_path: Path,
    ) -> None:
        super().__init__()
        self.project = project
        self.engine = engine
        self.glossary = glossary
        self.memory = memory
        self.export_path = export_path
        self.matcher: Matcher = with_document_context(glossary.matcher(), project.text)
        self._generation = 0
        self._queued: set[int] = set()
        self._progress: tuple[int, int] | None = None
        self._editor: SegmentEditor | None = None
        self._asking: int | None = None
        self._insert_turn = -1
        self._repeats: dict[int, list[int]] = {}
        """Segments the running translation does not send to the engine: the repeats of the one it sends."""
        self.filter: FilterName = "all"
        """Which segments the view shows (``f`` cycles through :data:`glossator.translate.filters.FILTERS`)."""

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="progress-row"):
            yield Label(Text("Translating"), id="progress-label")
            yield ProgressBar(id="progress", show_eta=False)
        yield SegmentView(id="segments")
        # The in-place editor is mounted on first use (two text areas cost a tenth of a second at start).
        yield SearchBar(id="search")
        yield TermPane(id="term-pane")
        yield StatusLine(id="status")
        yield Footer(show_command_palette=False, compact=True)

    @property
    def view(self) -> SegmentView:
        return self.query_one("#segments", SegmentView)

    @property
    def editor(self) -> SegmentEditor:
        """The in-place editor (mounted by the first edit; see :meth:`_open_editor`)."""
        return self.query_one("#editor", SegmentEditor)

    @property
    def editing(self) -> bool:
        return self._editor is not None and self._editor.is_open

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    def on_mount(self) -> None:
        self.sub_title = Path(self.project.document).name
        self.view.set_segments(self.project.segments, cursor=self.project.cursor)
        self.view.focus()
        self.call_after_refresh(self.view.scroll_to_cursor, center=True)
        self._refresh_status()
        draft = self.project.draft
        if draft is not None and 0 <= draft[0] < len(self.project):
            index, text = draft
            self.view.cursor = index
            self.call_after_refresh(self._open_editor, index, text, self.project[index].target)
        self.start_translation()

    @property
    def current(self) -> ProjectSegment | None:
        """The segment under the cursor; None when there is none (or the filter shows none)."""
        if not len(self.project) or not self.view.is_shown(self.view.cursor):
            return None
        return self.project[self.view.cursor]

    def _refresh_status(self) -> None:
        status = self.query_one(StatusLine)
        pane = self.query_one(TermPane)
        if self.editing and self.editor.index is not None:
            # While editing, the term pane checks the segment's terms against the English as it is typed.
            pane.show_terms(self.editor.index, self._editor_terms())
        else:
            pane.hide()
        shown = None if self.filter == "all" else (self.filter, self.view.shown_count)
        status.show(self.project.counts(), cursor=self.view.cursor, translating=self._progress, shown=shown)

    def _editor_terms(self) -> list[TermResult]:
        """The glossary terms and protected names of the edited segment, checked against the editor's English."""
        index = self.editor.index
        if index is None:
            return []
        segment = self.project[index]
        english = self.editor.target_area.text
        terms = list(check_terms(segment.source, english, self.matcher))
        for name in (t for t in segment.terms if t.kind == "name" and t.target):
            terms.append(replace(name, status="applied" if rendering_spans(english, name.target) else "violated"))
        return terms

    def _show(self, segments: Sequence[ProjectSegment]) -> None:
        self.view.update_segments(segments)
        self._refresh_status()
        if self.editing:
            self.call_after_refresh(self._place_editor)

    def on_resize(self) -> None:
        if self.editing:
            self.call_after_refresh(self._place_editor)

    _TYPED_WHILE_EDITING = frozenset(
        {"edit_segment", "approve_segment", "next_unapproved", "previous_unapproved", "next_problem",
         "previous_problem", "search", "open_glossary", "help", "term_from_span", "export", "revert_segment",
         "translate_again", "undo", "redo", "quit", "keep_mine", "cycle_filter"}
    )
    """Actions on printable keys (and ctrl+z/y, which the editor keeps for itself): not offered while editing."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer shows only keys that work where the focus is: in the editor these keys type.
        if action in self._TYPED_WHILE_EDITING and self.editing and self.focused is not None and (
            self.focused.id in ("editor-source", "editor-target")
        ):
            return False
        return True

    # -- translation ---------------------------------------------------------------------------

    def start_translation(self) -> None:
        """Translate what is pending and what a glossary change queued, in a background worker."""
        indexes = sorted({s.index for s in self.project.pending()} | self._queued)
        if not indexes:
            self._set_progress(None)
            return
        self._generation += 1
        # A repeated segment (a paragraph the copy repeats) is translated once; its repeats take the result.
        first: dict[str, int] = {}
        self._repeats = {}
        for i in indexes:
            source = self.project[i].source
            if source in first:
                self._repeats.setdefault(first[source], []).append(i)
            else:
                first[source] = i
        items = [(i, self.project[i].line, self.project[i].source) for i in first.values()]
        self._set_progress((0, len(items)))
        self._translate(self._generation, items, self.matcher)

    @work(thread=True, exclusive=True, group="translation", exit_on_error=False)
    def _translate(self, generation: int, items: list[tuple[int, int, str]], matcher: Matcher) -> None:
        from glossator.translate.enforce import make_enforcer

        worker = get_current_worker()
        enforcer = make_enforcer(self.engine, matcher, placeholders=getattr(self.app, "placeholders", True))
        done = 0
        for start in range(0, len(items), CHUNK_SIZE):
            if worker.is_cancelled:
                return
            chunk = items[start : start + CHUNK_SIZE]
            try:
                results = enforcer.translate([source for _, _, source in chunk])
            except TranslateError as exc:
                self.post_message(TranslationFailed(generation, str(exc)))
                return
            except Exception as exc:  # noqa: BLE001 - reported to the reviewer, the work done so far is saved
                self.post_message(TranslationFailed(generation, f"{type(exc).__name__}: {exc}"))
                return
            mapped = [replace(r, index=i, line=line) for r, (i, line, _) in zip(results, chunk)]
            done += len(chunk)
            self.post_message(TranslationProgressed(generation, mapped, done, len(items)))
        self.post_message(TranslationFinished(generation, len(items)))

    def _set_progress(self, progress: tuple[int, int] | None) -> None:
        self._progress = progress
        row = self.query_one("#progress-row")
        row.display = progress is not None
        if progress is not None:
            bar = self.query_one("#progress", ProgressBar)
            bar.update(total=max(progress[1], 1), progress=progress[0])
        self._refresh_status()

    def on_translation_progressed(self, message: TranslationProgressed) -> None:
        if message.generation != self._generation:
            return  # a cancelled run, translated with an older glossary
        results = list(message.results)
        for result in message.results:
            results += [replace(result, index=j, line=self.project[j].line) for j in self._repeats.get(result.index, ())]
        changed = self.project.store_machine(results)
        self._queued.difference_update(changed)
        edited_index = self.editor.index if self.editing else None
        for index in changed:
            segment = self.project[index]
            # Reviewed while its re-translation ran: keep the English, but check it against this glossary.
            if segment.status in ("edited", "approved") and _signature(segment.terms) != _match_signature(
                segment.source, self.matcher
            ):
                self.project.recheck(index, self.matcher, flag=True)
        self._progress = (message.done, message.total)
        self._show([self.project[i] for i in changed])
        self._set_progress(self._progress)
        if edited_index is not None and edited_index in changed:
            self._retranslated_while_editing(edited_index)

    def _retranslated_while_editing(self, index: int) -> None:
        """The segment in the open editor got a new machine English: follow it, or ask when the reviewer typed.

        Saving the editor's older English over the new machine text (or the new text over what was typed)
        would lose work either way. An edited or approved segment keeps its English (it is flagged instead).
        """
        segment = self.project[index]
        editor = self.editor
        if segment.status != "machine" or segment.target == editor.base:
            return
        if not editor.modified:
            editor.follow(segment.target)
            self.project.discard_draft()
            self._refresh_status()
            self.notify(f"Segment {index + 1} was translated again; the editor shows the new English.", markup=False)
            return
        if self._asking == index:
            return  # the question is open; its answer takes the newest English
        from glossator.tui.screens.term_modal import ChoiceModal

        def answered(choice: str | None) -> None:
            self._asking = None
            if not self.editing or self.editor.index != index:
                return
            latest = self.project[index].target
            if choice == "new":
                self.editor.follow(latest)
                self.project.discard_draft()
            else:
                self.editor.base = latest  # what was typed stays; saving it makes the segment edited
            self._refresh_status()

        self._asking = index
        self.app.push_screen(
            ChoiceModal(
                f"Segment {index + 1} was translated again (the glossary changed) while you were editing it. "
                f"Keep your English, or take the new machine English?\n\nNew: {segment.target}",
                [("mine", "k", "Keep mine"), ("new", "n", "Take new")],
            ),
            answered,
        )

    def on_translation_finished(self, message: TranslationFinished) -> None:
        if message.generation != self._generation:
            return
        self._set_progress(None)
        if self._queued or self.project.pending():
            self.start_translation()

    def action_translate_again(self) -> None:
        if not self.project.pending() and not self._queued:
            self.notify("Everything is translated.", markup=False)
            return
        self.start_translation()

    def on_translation_failed(self, message: TranslationFailed) -> None:
        if message.generation != self._generation:
            return
        self._set_progress(None)
        self.notify(
            f"Translation stopped: {message.error} (ctrl+r tries again)", severity="error", markup=False, timeout=10
        )

    def glossary_changed(self) -> None:
        """Re-check every segment against the new glossary: unedited ones whose glossary hits changed are
        re-translated in the background; edited or approved ones keep their English and are flagged."""
        self.matcher = with_document_context(self.glossary.matcher(), self.project.text)
        flagged = []
        for segment in self.project.segments:
            if segment.status == "pending":
                continue
            if _signature(segment.terms) == _match_signature(segment.source, self.matcher):
                continue
            if segment.status in ("edited", "approved"):
                flagged.append(self.project.recheck(segment.index, self.matcher, flag=True))
            # Edited and approved segments are re-translated too, but only for a fresh suggestion.
            self._queued.add(segment.index)
        self._show(flagged)
        self.start_translation()

    # -- cursor and navigation -----------------------------------------------------------------

    @on(SegmentView.CursorMoved)
    def _cursor_moved(self, event: SegmentView.CursorMoved) -> None:
        self.project.cursor = event.index
        self._refresh_status()
        if self.editing and self.editor.index != event.index:
            self.editor.action_save()  # leaving a segment keeps what was typed, as in a CAT tool

    @on(SegmentView.EditRequested)
    async def _edit_requested(self, event: SegmentView.EditRequested) -> None:
        await self.action_edit_segment()

    def _jump(self, predicate: Callable[[ProjectSegment], bool], *, backwards: bool = False, what: str) -> None:
        """Move the cursor to the next segment in the view (wrapping around) for which ``predicate`` holds."""
        total = len(self.project)
        if not total:
            return
        step = -1 if backwards else 1
        for offset in range(1, total + 1):
            index = (self.view.cursor + step * offset) % total
            if self.view.is_shown(index) and predicate(self.project[index]):
                self.view.cursor = index
                self.view.scroll_to_cursor(center=True)  # a jump lands mid-screen, with context around it
                return
        where = "" if self.filter == "all" else f" among the {self.filter} segments (f changes the filter)"
        self.notify(f"No {what}{where}.", markup=False)

    # -- filter --------------------------------------------------------------------------------

    def action_cycle_filter(self) -> None:
        """Show the next filter's segments: all, unapproved, problems, flagged, edited, all again."""
        self.set_filter(next_filter(self.filter))

    def set_filter(self, name: FilterName) -> None:
        self.filter = name
        keep = None if name == "all" else (lambda segment: matches(name, segment))
        self.view.set_filter(keep, empty_message=f"No {name} segments (f shows the next filter).")
        self._refresh_status()

    def action_next_unapproved(self) -> None:
        self._jump(lambda s: s.status != "approved", what="unapproved segments left")

    def action_previous_unapproved(self) -> None:
        self._jump(lambda s: s.status != "approved", backwards=True, what="unapproved segments left")

    def action_next_problem(self) -> None:
        self._jump(lambda s: s.needs_attention, what="term problems, QA warnings or flagged segments")

    def action_previous_problem(self) -> None:
        self._jump(
            lambda s: s.needs_attention, backwards=True, what="term problems, QA warnings or flagged segments"
        )

    # -- review --------------------------------------------------------------------------------

    def _translated_current(self) -> ProjectSegment | None:
        """The segment under the cursor when it has a translation to work on; otherwise say why not."""
        segment = self.current
        if segment is not None and segment.status == "pending":
            self.notify("This segment is not translated yet.", markup=False)
            return None
        return segment

    async def action_edit_segment(self, *, focus_source: bool = False) -> None:
        segment = self._translated_current()
        if segment is None:
            return
        await self._open_editor(segment.index, segment.target, focus_source=focus_source)

    async def _open_editor(
        self, index: int, target: str, base: str | None = None, *, focus_source: bool = False
    ) -> None:
        if self._editor is None:
            self._editor = SegmentEditor(id="editor")
            await self.mount(self._editor, after=self.view)
        self.view.pin(index)  # edited in a filtered view, the segment stays in it until the editor closes
        self.editor.open(index, self.project[index].source, target, base=base, focus_source=focus_source)
        self.view.scroll_locked = True
        self._place_editor()
        self._refresh_status()
        self.refresh_bindings()

    def _place_editor(self) -> None:
        """Lay the editor over its segment's two columns, scrolling so that it fits in the view."""
        if not self.editing:
            return
        editor, view = self.editor, self.view
        if editor.index is None:
            return
        content = view.scrollable_content_region
        _width, source_width, target_width = view.columns()
        # The view makes the segment tall enough for the English being typed (plus a line to type on), so the
        # editor covers the segment and nothing else: its rule and the segments below stay in sight.
        view.reserve(editor.index, wrapped_height(editor.text, target_width) + 1)
        segment = view.segment_region(editor.index)
        height = min(segment.height, max(content.height, 1))
        view.scroll_to_region(
            Region(0, segment.y, segment.width, height + 1), animate=False, force=True, immediate=True
        )
        top = content.y + segment.y - round(view.scroll_offset.y)
        # One column more than the view's English column (into the scrollbar's gutter, unused while the view
        # is locked): the text area keeps a column for its cursor, so the English wraps as in the view.
        editor.place(
            Region(content.x + GUTTER_WIDTH, top, source_width + len(SEPARATOR) + target_width + 1, height),
            source_width,
            len(SEPARATOR),
        )

    @on(SegmentEditor.DraftChanged)
    def _draft_changed(self, event: SegmentEditor.DraftChanged) -> None:
        self.project.save_draft(event.index, event.text)
        self._refresh_status()
        self._place_editor()  # the English may need a line more (or less)

    @on(SegmentEditor.Confirmed)
    def _confirmed(self, event: SegmentEditor.Confirmed) -> None:
        """Confirm and go on, as in a CAT tool: save, approve (with the QA warnings) and edit the next
        segment not approved yet."""
        self._saved(SegmentEditor.Saved(event.index, event.text))
        self._approve(event.index)
        following = next(
            (s for s in self.project.segments[event.index + 1 :]
             if s.status in ("machine", "edited") and self.view.is_shown(s.index)), None
        )
        if following is not None:
            self.view.cursor = following.index
            self.view.scroll_to_cursor(center=True)
            self.call_after_refresh(self._open_editor, following.index, following.target)

    @on(SegmentEditor.TermInsertRequested)
    def _insert_term(self, event: SegmentEditor.TermInsertRequested) -> None:
        """Insert the required English of the first term the English misses (else of the next term in turn)."""
        terms = [t for t in self._editor_terms() if t.target]
        if not terms:
            self.notify("This segment has no glossary terms.", markup=False)
            return
        missing = [t for t in terms if t.status == "violated"]
        if missing:
            term = missing[0]
        else:
            self._insert_turn = (self._insert_turn + 1) % len(terms)
            term = terms[self._insert_turn]
        self.editor.insert(term.target)

    @on(SegmentEditor.Saved)
    def _saved(self, event: SegmentEditor.Saved) -> None:
        segment = self.project[event.index]
        if event.text != segment.target:
            self._show([self.project.edit(event.index, event.text, self.matcher)])
        else:
            self.project.discard_draft()
        self._close_editor()

    @on(SegmentEditor.Cancelled)
    def _cancelled(self, event: SegmentEditor.Cancelled) -> None:
        self.project.discard_draft()
        self._close_editor()

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.close()
        self.view.reserve(None)
        self.view.scroll_locked = False
        self.view.pin(None)  # leaves a filtered view it no longer belongs in: the cursor goes on to the next
        self._refresh_status()
        self.view.focus()
        self.refresh_bindings()

    def action_approve_segment(self) -> None:
        segment = self._translated_current()
        if segment is None:
            return
        if segment.status == "approved":
            self._show([self.project.unapprove(segment.index)])
            return
        self._approve(segment.index)
        if self.view.cursor == segment.index:  # (a filter it left has moved the cursor on already)
            self.view.step(+1)

    def _approve(self, index: int) -> None:
        """Approve segment ``index``; warn (and go on) when QA finds something."""
        try:
            updated = self.project.approve(
                index,
                memory=self.memory,
                model_id=getattr(self.engine, "model_id", ""),
                glossary_revision=self.glossary.revision,
            )
        except TranslateError as exc:
            self.notify(str(exc), severity="error", markup=False)
            updated = self.project[index]
        self._show([updated, *self._propagate(updated)])
        if updated.status == "approved" and updated.needs_attention:
            # Warn, as a CAT tool does, and let the translator go on.
            warnings = [i.message for i in updated.qa]
            self.notify(
                f"Approved segment {updated.index + 1} with warnings: " + " ".join(warnings),
                title="QA", severity="warning", markup=False, timeout=8,
            )

    def _propagate(self, approved: ProjectSegment) -> list[ProjectSegment]:
        """Repetitions of an approved segment (same German) still with the machine's English take the approved
        English, as edited (for the translator to confirm), like a CAT tool's auto-propagation."""
        if approved.status != "approved":
            return []
        filled = [
            self.project.edit(s.index, approved.target, self.matcher)
            for s in self.project.segments
            if s.index != approved.index and s.source == approved.source and s.status == "machine"
            and s.target != approved.target
        ]
        if filled:
            self.notify(
                f"Segment {approved.index + 1} repeats {len(filled)} time(s): the repetitions take its English.",
                markup=False,
            )
        return filled

    def action_revert_segment(self) -> None:
        """Take the machine's English again, after asking: an edit or approval is the reviewer's work."""
        segment = self.current
        if segment is None or segment.status in ("pending", "machine"):
            return
        index = segment.index
        if segment.target != segment.machine_target:
            what = "your English" + (" and its approval" if segment.status == "approved" else "")
        else:
            what = "the approval"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            current = self.project[index]
            terms = check_terms(current.source, current.machine_target, self.matcher)
            self._show([self.project.revert(index, terms)])
            self.notify(f"Segment {index + 1} has the machine's English again (ctrl+z undoes it).", markup=False)

        self.app.push_screen(
            ConfirmModal(f"Segment {index + 1}: discard {what} and take the machine's English?"), answered
        )

    def action_keep_mine(self) -> None:
        segment = self.current
        if segment is None or not segment.flagged:
            self.notify("m keeps your English of a flagged segment (⚑); this one is not flagged.", markup=False)
            return
        self._show([self.project.keep(segment.index)])
        self.notify(f"Segment {segment.index + 1} keeps your English (ctrl+z undoes it).", markup=False)

    def action_undo(self) -> None:
        self._undo_redo(self.project.undo, "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._undo_redo(self.project.redo, "Redid", "Nothing to redo.")

    def _undo_redo(self, step: Callable[[], ProjectSegment | None], done: str, nothing: str) -> None:
        if self.editing:
            return
        segment = step()
        if segment is None:
            self.notify(nothing, markup=False)
            return
        if segment.status in ("edited", "approved"):
            # Its English is the reviewer's: check it against the glossary as it is now.
            segment = self.project.recheck(segment.index, self.matcher, flag=False)
        self._show([segment])
        self.view.cursor = segment.index
        self.view.scroll_to_cursor(center=True)
        self.notify(f"{done} the latest change of segment {segment.index + 1}.", markup=False)

    # -- search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.search_bar.open()

    @on(SearchBar.SearchRequested)
    def _search(self, event: SearchBar.SearchRequested) -> None:
        needle = event.text.casefold()
        self.view.set_highlight(event.text)

        def found(segment: ProjectSegment) -> bool:
            in_source = event.scope in ("both", "source") and needle in segment.source.casefold()
            in_target = event.scope in ("both", "target") and needle in segment.target.casefold()
            return in_source or in_target

        self._jump(found, backwards=event.backwards, what=f"segment contains {event.text!r}")

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.view.set_highlight("")
        self.view.focus()

    # -- concordance ---------------------------------------------------------------------------

    def action_concordance(self) -> None:
        """Search the glossary, this document and the translation memory for a word (the editor's selection,
        if any); the English of the pair chosen goes into the open editor, else to the clipboard."""
        from glossator.translate.concordance import concordance
        from glossator.tui.screens.concordance import ConcordanceScreen

        query = ""
        if self.editing:
            query = (self.editor.source_area.selected_text or self.editor.target_area.selected_text).strip()
        editing = self.editor.index if self.editing else None

        def search(needle: str) -> list:
            return concordance(needle, glossary=self.glossary, segments=self.project.segments, memory=self.memory)

        def chosen(english: str | None) -> None:
            if english is None:
                return
            if editing is not None and self.editing and self.editor.index == editing:
                self.editor.insert(english)
                return
            self.app.copy_to_clipboard(english)
            self.notify(f"Copied to the clipboard: {english}", markup=False)

        action = "inserts the English" if editing is not None else "copies the English"
        self.app.push_screen(ConcordanceScreen(search, query=" ".join(query.split()), action=action), chosen)

    # -- glossary ------------------------------------------------------------------------------

    def action_open_glossary(self) -> None:
        from glossator.tui.screens.glossary import GlossaryScreen

        self.app.push_screen(GlossaryScreen(self.glossary, on_change=self.glossary_changed))

    async def action_term_from_span(self) -> None:
        if not self.editing:
            await self.action_edit_segment(focus_source=True)
            if self.editing:
                self.notify(
                    "Select the German term (shift+arrows or the mouse), then press ctrl+t.", markup=False
                )
            return
        self.editor.action_term_from_span()

    @on(SegmentEditor.TermRequested)
    def _term_requested(self, event: SegmentEditor.TermRequested) -> None:
        from glossator.glossary.model import Entry
        from glossator.tui.screens.term_modal import TermModal

        if not event.source:
            self.notify("Select the German term first (shift+arrows or the mouse).", markup=False)
            self.editor.source_area.focus()
            return

        def saved(entry: Entry | None) -> None:
            if entry is not None:
                self.notify(f"Added {entry.source} → {entry.target} to the glossary.", markup=False)
                self.glossary_changed()

        prefill = Entry(id=None, source=event.source, target=event.target)
        self.app.push_screen(TermModal(prefill, save=self.glossary.add, title="New glossary entry"), saved)

    # -- export, help, quit --------------------------------------------------------------------

    def action_export(self) -> None:
        try:
            path = self.project.export(self.export_path)
        except TranslateError as exc:  # the folder cannot be written: say so, the review goes on
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        counts = self.project.counts()
        note = f" ({counts.pending} segments not translated yet kept in German)" if counts.pending else ""
        self.notify(f"Exported the English to {path}{note}.", markup=False)
        unapproved = counts.total - counts.approved
        warned = sum(1 for s in self.project.segments if s.status != "pending" and s.needs_attention)
        if unapproved or warned:
            parts = []
            if unapproved:
                parts.append(f"{unapproved} of {counts.total} segments not approved (n goes to them)")
            if warned:
                parts.append(f"{warned} with QA warnings or term problems (p goes to them)")
            self.notify("; ".join(parts) + ".", title="QA", severity="warning", markup=False, timeout=10)

    def action_help(self) -> None:
        from glossator.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.app.exit()
