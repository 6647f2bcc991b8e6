"""Pilot tests: the editor's layout, the term pane, the footer and the CAT keys at 80×24 (issue 15)."""

from __future__ import annotations

from pilot_helpers import ready, type_english


SMALL = (80, 24)


def lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_at_80_columns_the_footer_shows_export_and_quit(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        footer = lines(app)[-1]
        assert "x Export" in footer and "q Quit" in footer and "? Help" in footer


async def test_the_editor_covers_its_segment_and_nothing_else(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        before = lines(app)
        view = app.screen.view
        german_rows = [line[6:40] for line in before[1:4]]
        await pilot.press("e")
        await pilot.pause()
        editing = lines(app)
        editor = app.screen.editor
        # The German shows as the view shows it, wrapped the same way (no re-wrap, no scrollbar of its own).
        assert [line[6:40] for line in editing[1:4]] == german_rows
        assert editor.source_area.wrap_width == view.columns()[1] + 1  # a word and its space: the view's width
        # Below the editor: the segment's rule, then segment 2 — pushed down, not covered.
        bottom = editor.region.bottom
        assert set(editing[bottom][6:70]) == {"─"}
        assert editing[bottom + 1].startswith("  2 ")
        # Typing a long English makes the segment taller, the rule moves down with it.
        editor.target_area.insert(" and many more words to make the English wrap onto further lines" * 2)
        await pilot.pause()
        await pilot.pause()
        grown = lines(app)
        assert editor.region.bottom > bottom
        assert set(grown[editor.region.bottom][6:70]) == {"─"}


async def test_in_the_editor_the_footer_shows_editor_keys_only(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        footer = lines(app)[-1]
        assert "Save" in footer and "Cancel" in footer
        assert "Find" not in footer and "Quit" not in footer and "Export" not in footer
        await pilot.press("escape")
        await pilot.pause()
        assert "Find" in lines(app)[-1]


async def test_the_term_pane_lists_every_term_and_ctrl_g_inserts_the_missing_one(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        area = app.screen.editor.target_area
        area.load_text("The foreign ministry said today Pyongyang and Russia cooperate militarily.")
        await pilot.pause()
        text = "\n".join(lines(app))
        assert "✗ Außenministerium → State Department" in text
        assert "✗ Nordkorea → North Korea" in text
        # The status line keeps its counts below the pane (it never cuts the term list).
        assert "7 machine" in text
        area.move_cursor((0, len("The foreign ministry said today ")))
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert area.text.startswith("The foreign ministry said today State Department Pyongyang")
        assert "✓ Außenministerium → State Department" in "\n".join(lines(app))


async def test_confirm_and_next_saves_approves_and_edits_the_next_unapproved(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.screen.view.cursor = 1
        await pilot.press("a")  # segment 2 approved already: confirm-and-next skips it
        await type_english(pilot, "The State Department said North Korea and Russia cooperate.", at=0)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.pause()
        assert app.project[0].status == "approved"
        assert app.project[0].target == "The State Department said North Korea and Russia cooperate."
        editor = app.screen.editor
        assert editor.is_open and editor.index == 2 and app.screen.view.cursor == 2
