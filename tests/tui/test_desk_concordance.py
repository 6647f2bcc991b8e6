"""Pilot tests: the concordance search (F3) over the glossary, this document and the translation memory
(issue 15), with real SQLite files."""

from __future__ import annotations

from pilot_helpers import ready, type_english

from glossator.tui.screens.concordance import ConcordanceScreen

SIZE = (120, 40)


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def remember(tmp_path, *pairs: tuple[str, str]) -> None:
    """Pairs approved in an earlier project (the memory file the desk opens)."""
    from glossator.translate.memory import TranslationMemory

    with TranslationMemory(tmp_path / "memory.db") as memory:
        for source, target in pairs:
            memory.store(source, target, model_id="", glossary_revision=0, origin="approved")


async def test_f3_in_the_editor_inserts_the_english_of_a_hit(make_app, tmp_path):
    remember(tmp_path, ("Die Gespräche mit Nordkorea stocken.", "Talks with North Korea have stalled."),
             ("Der Kreml schweigt.", "The Kremlin is silent."))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.screen.view.cursor = 4
        await pilot.press("e")
        editor = app.screen.editor
        editor.target_area.load_text("On Monday there is a meeting in ")
        editor.target_area.move_cursor((0, len(editor.target_area.text)))
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        await pilot.press(*"nordkorea")
        await pilot.pause()
        # The glossary entry first, then this document (nothing reviewed yet), then the memory.
        assert [(h.origin, h.target) for h in dialog.hits] == [
            ("glossary", "North Korea"), ("approved", "Talks with North Korea have stalled.")]
        text = screen_text(app)
        assert "Nordkorea → North Korea" in text and "memory ✓" in text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConcordanceScreen)
        assert app.screen.editing and editor.target_area.text == "On Monday there is a meeting in North Korea"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.project[4].target == "On Monday there is a meeting in North Korea"


async def test_concordance_finds_english_and_this_documents_edits_esc_changes_nothing(make_app, tmp_path):
    remember(tmp_path, ("Der Kreml schweigt.", "The Kremlin is silent."))
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "The government would say no more.", at=3)
        await pilot.press("enter", "c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        await pilot.press(*"SAY NO")  # the English side, any case
        await pilot.pause()
        assert [(h.origin, h.note) for h in dialog.hits] == [("document", "segment 4")]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConcordanceScreen) and copied == []
        await pilot.press("c", *"kreml")
        await pilot.pause()
        assert [h.target for h in app.screen.hits] == ["The Kremlin is silent."]
        await pilot.press("down", "enter")  # no editor open: the English goes to the clipboard
        await pilot.pause()
        assert copied == ["The Kremlin is silent."]
        assert app.project[3].target == "The government would say no more."  # nothing else changed
        await pilot.press("c", *"xyzzy")
        await pilot.pause()
        assert app.screen.hits == [] and "No pair contains 'xyzzy'." in screen_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.is_running and copied == ["The Kremlin is silent."]


async def test_the_editors_selection_is_the_query_and_c_types_in_the_editor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        editor = app.screen.editor
        editor.source_area.focus()
        editor.source_area.selection = editor.source_area.selection.__class__((0, 4), (0, 20))
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        assert app.screen.query_one("#concordance-query").value == "Außenministerium"
        assert [h.target for h in app.screen.hits] == ["State Department"]
        await pilot.press("escape")
        await pilot.pause()
        editor.target_area.focus()
        before = editor.target_area.text
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ConcordanceScreen) and editor.target_area.text != before


async def test_renderings_by_context_are_told_apart_in_the_list(make_app, glossary):
    from glossator.glossary.model import Entry

    glossary.add(Entry(id=None, source="Außenministerium", target="foreign ministry", type="org",
                       context=("Peking", "China")))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("c", *"außenministerium")
        await pilot.pause()
        text = screen_text(app)
        assert "Außenministerium → State Department" in text
        assert "Außenministerium → foreign ministry  (near: Peking, China)" in text


async def test_keys_typed_ahead_in_one_burst_pick_the_hit_they_point_at(make_app, glossary):
    """↓↓⏎ arriving together (as tmux sends them): the second ↓ reaches the query before the focus moves."""
    from glossator.glossary.model import Entry

    glossary.add(Entry(id=None, source="Außenministerium", target="foreign ministry", type="org",
                       context=("Peking",)))
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("c", *"außenministerium")
        await pilot.pause()
        dialog = app.screen
        dialog.action_to_hits()
        dialog.action_to_hits()  # before the focus moved
        await pilot.pause()
        assert dialog.option_list.has_focus and dialog.option_list.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert copied == ["foreign ministry"]
