"""Pilot tests of the review desk against a FakeEngine, a temporary glossary and a temporary GLOSSATOR_HOME."""

from __future__ import annotations

import sqlite3

from textual.widgets import DataTable, Input
from textual.widgets.text_area import Selection

from glossator.translate.project import ReviewProject
from pilot_helpers import change_rendering, ready, type_english

SIZE = (120, 40)


def screen_text(app) -> str:
    """What the terminal shows, as plain text (Textual has no public text export; the SVG one is too coarse)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def stored_rows(project: ReviewProject) -> dict[int, tuple]:
    """The segments as a second connection sees them in SQLite (proves the write is committed)."""
    with sqlite3.connect(project.path) as conn:
        return {row[0]: row[1:] for row in conn.execute("SELECT idx, target, status, flagged FROM segments")}


async def test_translates_in_the_background_and_shows_both_languages(make_app, fake_engine):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        counts = app.project.counts()
        assert (counts.total, counts.machine, counts.pending) == (7, 7, 0)
        text = screen_text(app)
        assert "Das Außenministerium sagte heute" in text
        assert "The State Department said today" in text
        # Markup in the German is shown literally, never interpreted.
        assert "[bold]eine Erklärung[/]" in text
        assert "7 machine" in text
        assert len(fake_engine.calls) >= 1


async def test_edit_saves_at_once_and_marks_edited(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down")
        await pilot.press("e")
        editor = app.screen.editor
        assert editor.is_open and editor.index == 1
        editor.target_area.load_text("The president issued [bold]a statement[/] against sanctions.")
        await pilot.press("enter")
        await pilot.pause()
        assert not editor.is_open
        rows = stored_rows(app.project)
        assert rows[1][:2] == ("The president issued [bold]a statement[/] against sanctions.", "edited")
        assert "issued [bold]a statement[/]" in screen_text(app)


async def test_approve_goes_on_and_fills_the_translation_memory(make_app, tmp_path, fake_engine, glossary):
    from glossator.translate.memory import TranslationMemory

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        assert app.project[0].status == "approved"
        assert app.screen.view.cursor == 1
        assert stored_rows(app.project)[0][1] == "approved"
        assert "✓ 1/7 approved" in screen_text(app)
    memory = TranslationMemory(tmp_path / "memory.db")
    try:
        found = memory.lookup(app.project[0].source, model_id="another-model", glossary_revision=0)
    finally:
        memory.close()
    assert found == app.project[0].target


async def test_approve_again_takes_the_approval_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "up", "a")
        assert app.project[0].status == "machine"


async def test_jump_to_next_unapproved_and_next_term_problem(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.screen.view
        # Rewrite segment 5 (Nordkorea) without the glossary's rendering: a term problem.
        await type_english(pilot, "On Monday there is a meeting in Pyongyang.", at=4)
        await pilot.press("enter")
        await pilot.pause()
        assert [t.status for t in app.project[4].problems] == ["violated"]
        assert "1 term problem " in screen_text(app)
        assert "✗ glossary: Nordkorea → North Korea" in screen_text(app)
        view.cursor = 0
        await pilot.press("p")
        assert view.cursor == 4
        # Approve 1 and 2; from the top, "next unapproved" skips them.
        view.cursor = 0
        await pilot.press("a", "a")
        view.cursor = 6
        await pilot.press("n")
        assert view.cursor == 2


async def test_search_source_and_target(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        search = app.screen.search_bar
        assert search.is_open
        search.input.value = "sanktionen"
        await pilot.press("enter")
        assert app.screen.view.cursor == 1
        # Narrow to the English: "talk" only occurs there (segments 3 and 7).
        await pilot.press("tab", "tab")
        assert search.scope == "target"
        search.input.value = "talk"
        await pilot.press("enter")
        assert app.screen.view.cursor == 2
        await pilot.press("enter")
        assert app.screen.view.cursor == 6
        await pilot.press("escape")
        assert not search.is_open


async def test_add_glossary_entry_from_a_source_span(make_app, glossary, fake_engine):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        calls_before = len(fake_engine.calls)
        await pilot.press("t")
        editor = app.screen.editor
        assert editor.is_open and editor.source_area.has_focus
        source = app.project[0].source
        start = source.index("Russland")
        editor.source_area.selection = Selection((0, start), (0, start + len("Russland")))
        await pilot.press("ctrl+t")
        await pilot.pause()
        modal = app.screen
        assert modal.query_one("#term-source", Input).value == "Russland"
        modal.query_one("#term-target", Input).value = "the Russian Federation"
        await pilot.press("enter")
        await ready(app, pilot)
        entries = {e.source: e for e in glossary.entries()}
        assert entries["Russland"].target == "the Russian Federation"
        # Segment 1 (unedited) was re-translated with the new term; the others were left alone.
        assert any(t.entry_id == entries["Russland"].id for t in app.project[0].terms)
        sent = [s for call in fake_engine.calls[calls_before:] for s in call]
        assert sent and all("Zusammenarbeit" in s for s in sent)


async def test_term_form_refuses_an_entry_without_english(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await pilot.press("a")
        modal = app.screen
        modal.query_one("#term-source", Input).value = "Sanktionen"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert "English rendering" in str(modal.query_one("#term-error").render())
        assert len(glossary.entries()) == 3
        modal.query_one("#term-target", Input).value = "sanctions"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not modal
        assert len(glossary.entries()) == 4


async def test_glossary_change_retranslates_unedited_and_flags_reviewed(make_app, glossary, fake_engine):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a")  # approve segment 1 (has Nordkorea)
        approved_english = app.project[0].target
        calls_before = len(fake_engine.calls)
        await pilot.press("g")
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        # Filter down to Nordkorea and edit it.
        screen.query_one("#glossary-filter", Input).value = "nordkorea"
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("e")
        modal = app.screen
        modal.query_one("#term-target", Input).value = "the DPRK"
        await pilot.press("ctrl+s")
        await ready(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        project = app.project
        # Approved segment 1 keeps its English but is flagged; segment 5 (machine) now requires "the DPRK".
        assert project[0].status == "approved" and project[0].target == approved_english
        assert project[0].flagged
        assert [t.target for t in project[4].terms] == ["the DPRK"]
        assert project[4].status == "machine" and not project[4].flagged
        assert not any(project[i].flagged for i in (1, 2, 3, 5, 6))
        sent = [s for call in fake_engine.calls[calls_before:] for s in call]
        assert sent
        for untouched in ("Präsident", "Regierung", "Haus", "Ukraine", "Liu Xiaoming"):
            assert not any(untouched in s for s in sent)
        assert "1 flagged" in screen_text(app)
        await pilot.press("home", "p")
        assert app.screen.view.cursor in (0, 4)


async def test_delete_glossary_entry_after_confirming(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g")
        await pilot.press("d")
        await pilot.press("n")  # no: nothing deleted
        assert len(glossary.entries()) == 3
        await pilot.press("d", "y")
        await ready(app, pilot)
        assert len(glossary.entries()) == 2


async def test_resume_after_restart(make_app, fake_engine):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.screen.view
        await type_english(pilot, "Jung Pak talked with Liu Xiaoming on Friday.", at=2)
        await pilot.press("enter")
        view.cursor = 5
        await pilot.press("e")
        app.screen.editor.target_area.insert(" Draft")  # typed, not saved
        await pilot.pause()
    calls = len(fake_engine.calls)

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert len(fake_engine.calls) == calls  # nothing translated twice
        assert again.project[2].status == "edited"
        assert again.project[2].target == "Jung Pak talked with Liu Xiaoming on Friday."
        screen = again.screen
        assert screen.view.cursor == 5
        assert screen.editor.is_open and screen.editor.index == 5
        assert screen.editor.target_area.text.endswith(" Draft")
        assert "Jung Pak talked with Liu Xiaoming" in screen_text(again)


async def test_export_key_writes_the_english_in_the_input_structure(make_app, article, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        app.screen.editor.target_area.load_text("The State Department said so today.")
        await pilot.press("enter")
        await pilot.press("x")
        await pilot.pause()
    exported = (tmp_path / "artikel.en.txt").read_text(encoding="utf-8")
    source_lines = article.read_text(encoding="utf-8").split("\n")
    lines = exported.split("\n")
    assert len(lines) == len(source_lines)
    assert [bool(line.strip()) for line in lines] == [bool(line.strip()) for line in source_lines]
    assert lines[0] == "The State Department said so today."
    assert lines[3].startswith("Jung Pak has") and "The government" in lines[3]


async def test_mouse_click_selects_and_double_click_edits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.screen.view
        top = view.segment_region(2).y - int(view.scroll_offset.y)
        await pilot.click(view, offset=(10, top))
        assert view.cursor == 2
        await pilot.click(view, offset=(10, top), times=2)
        await pilot.pause()
        assert app.screen.editor.is_open and app.screen.editor.index == 2


async def test_help_screen_lists_the_bindings(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Next term problem or flagged segment" in text and "Approve" in text
        from textual.containers import VerticalScroll

        app.screen.query_one(VerticalScroll).scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "flagged: the glossary changed" in screen_text(app)
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "ReviewScreen"


async def test_editing_happens_in_place_and_clicking_away_keeps_the_edit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.screen.view
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen.editor
        # The editor lies over segment 1's columns, right of the gutter.
        segment = view.segment_region(0)
        assert editor.region.y == view.scrollable_content_region.y + segment.y
        assert editor.source_area.region.x == view.scrollable_content_region.x + 6
        editor.target_area.load_text("Kept when leaving.")
        top = view.segment_region(3).y - int(view.scroll_offset.y)
        await pilot.click(view, offset=(10, top))
        await pilot.pause()
        assert app.project[0].target == "Kept when leaving." and app.project[0].status == "edited"
        assert not editor.is_open and view.cursor == 3


class GatedEngine:
    """Wraps the fake engine; every call waits for ``gate`` so a test can look at the desk mid-translation."""

    def __init__(self, engine, fail: bool = False) -> None:
        import threading

        self.engine = engine
        self.model_id = engine.model_id
        self.gate = threading.Event()
        self.fail = fail

    def translate(self, segments):
        self.gate.wait(10)
        if self.fail:
            from glossator.translate.errors import TranslateError

            raise TranslateError("The model ran out of memory; close other programs and try again.")
        return self.engine.translate(segments)

    def translate_nbest(self, segments, n):
        self.gate.wait(10)
        return self.engine.translate_nbest(segments, n)


async def test_translation_runs_in_the_background_with_visible_progress(make_app, fake_engine):
    engine = GatedEngine(fake_engine)
    app = make_app(engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#progress-row").display
        assert "… not translated yet" in screen_text(app)
        assert "7 pending" in screen_text(app)
        # The desk answers keys while the worker waits.
        await pilot.press("down", "down")
        assert screen.view.cursor == 2
        engine.gate.set()
        await ready(app, pilot)
        assert not screen.query_one("#progress-row").display
        assert app.project.counts().machine == 7


async def test_a_failing_engine_is_reported_not_fatal(make_app, fake_engine):
    engine = GatedEngine(fake_engine, fail=True)
    engine.gate.set()
    app = make_app(engine=engine)
    notes: list[str] = []
    original = app.notify

    def capture(message: str, **kwargs) -> None:
        notes.append(message)
        original(message, **kwargs)

    app.notify = capture  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.is_running
        assert notes == [
            "Translation stopped: The model ran out of memory; close other programs and try again. (ctrl+r tries again)"
        ]
        assert app.project.counts().pending == 7
        engine.fail = False
        await pilot.press("ctrl+r")
        await ready(app, pilot)
        assert app.project.counts().pending == 0


async def test_an_empty_document_opens(tmp_path, glossary, fake_engine):
    from glossator.tui.app import ReviewApp

    empty = tmp_path / "leer.de.txt"
    empty.write_text("\n\n", encoding="utf-8")
    app = ReviewApp(empty, engine=fake_engine, glossary=glossary, export_path=tmp_path / "leer.en.txt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e", "a", "n", "p", "x")
        await pilot.pause()
        assert (tmp_path / "leer.en.txt").read_text(encoding="utf-8") == "\n\n"


async def test_glossary_change_during_the_first_translation(make_app, fake_engine, glossary):
    from glossator.glossary.model import Entry

    engine = GatedEngine(fake_engine)
    app = make_app(engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entry = glossary.add(Entry(id=None, source="Russland", target="the Russian Federation", type="place"))
        app.screen.glossary_changed()  # what the glossary screen calls after a change
        engine.gate.set()
        await ready(app, pilot)
        project = app.project
        assert project.counts().pending == 0 and project.counts().machine == 7
        # The run that started with the old glossary was dropped; segment 1 knows the new term.
        assert any(t.entry_id == entry.id for t in project[0].terms)
        assert not app.screen.query_one("#progress-row").display


async def test_undo_the_latest_glossary_change(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g", "d", "y")
        await ready(app, pilot)
        assert len(glossary.entries()) == 2
        await pilot.press("u")
        await ready(app, pilot)
        assert len(glossary.entries()) == 3
        assert app.screen.query_one(DataTable).row_count == 3


async def test_revert_takes_the_new_machine_english_and_clears_the_flag(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "On Monday there is a meeting in North Korea, they said.", at=4)
        await pilot.press("enter")
        change_rendering(app, glossary, "Nordkorea", "the DPRK")
        await ready(app, pilot)
        segment = app.project[4]
        assert segment.flagged and segment.status == "edited" and "North Korea, they said" in segment.target
        assert "r takes the new" in screen_text(app)
        await pilot.press("r", "y")
        segment = app.project[4]
        assert segment.status == "machine" and not segment.flagged
        assert segment.target == segment.machine_target


async def test_no_text_is_read_as_markup(tmp_path, glossary, fake_engine):
    from glossator.glossary.model import Entry
    from glossator.tui.app import ReviewApp

    document = tmp_path / "[red]Bericht[x].de.txt"
    document.write_text("Der [link=x]Präsident[/link] sagte [/] und [bold red]nichts[/bold red].\n", encoding="utf-8")
    glossary.add(Entry(id=None, source="[b]Sanktionen", target="[i]sanctions[/]", note="[/]"))
    app = ReviewApp(document, engine=fake_engine, glossary=glossary, export_path=tmp_path / "out.txt")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "[red]Bericht[x].de.txt" in text
        assert "Der [link=x]Präsident[/link] sagte [/] und [bold" in text
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Sanktionen" in text and "[i]sanctions[/]" in text


async def test_a_glossary_change_that_touches_nothing_translates_nothing(make_app, fake_engine, glossary):
    from glossator.glossary.model import Entry

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        calls = len(fake_engine.calls)
        glossary.add(Entry(id=None, source="Bundeskanzler", target="Federal Chancellor", type="title"))
        app.screen.glossary_changed()
        await ready(app, pilot)
        assert len(fake_engine.calls) == calls
        assert not any(s.flagged for s in app.project.segments)


async def test_approving_while_its_retranslation_runs_keeps_the_approval(make_app, fake_engine, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        gated = GatedEngine(fake_engine)
        app.screen.engine = gated
        change_rendering(app, glossary, "Nordkorea", "the DPRK")
        await pilot.pause()
        app.screen.view.cursor = 4
        english = app.project[4].target
        await pilot.press("a")
        gated.gate.set()
        await ready(app, pilot)
        segment = app.project[4]
        assert segment.status == "approved" and segment.target == english
        assert segment.flagged and segment.machine_target != english


async def test_while_editing_the_term_pane_checks_the_terms_as_typed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.screen.view.cursor = 4
        await pilot.press("e")
        await pilot.pause()
        assert "Segment 5 glossary" in screen_text(app)
        assert "✓ Nordkorea → North Korea" in screen_text(app)
        area = app.screen.editor.target_area
        area.clear()
        area.insert("On Monday there is a meeting in Pyongyang.")
        await pilot.pause()
        assert "✗ Nordkorea → North Korea" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Segment 5 glossary" not in screen_text(app)
