"""Pilot tests: the review desk never loses the translator's work (issue 15, each failed on the desk before)."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input
from textual.widgets.text_area import Selection

from glossator.glossary.model import Entry
from pilot_helpers import change_rendering, ready, type_english

SIZE = (120, 40)


def stored(project, index: int) -> tuple[str, str, str]:
    with sqlite3.connect(project.path) as conn:
        return conn.execute(
            "SELECT target, machine_target, status FROM segments WHERE idx = ?", (index,)
        ).fetchone()


async def test_a_term_added_from_the_open_editor_leaves_the_new_english_in_it(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        old = app.project[0].target
        await pilot.press("t")
        editor = app.screen.editor
        source = app.project[0].source
        start = source.index("Russland")
        editor.source_area.selection = Selection((0, start), (0, start + len("Russland")))
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.query_one("#term-target", Input).value = "the Russian Federation"
        await pilot.press("enter")
        await ready(app, pilot)
        new = app.project[0].target
        assert new != old and "the Russian Federation" in new
        # The editor is still open on the segment and follows the re-translation.
        assert editor.is_open and editor.index == 0
        assert editor.target_area.text == new
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(app.project, 0) == (new, new, "machine")


async def test_english_typed_before_a_retranslation_is_kept_when_asked(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        editor = app.screen.editor
        editor.target_area.insert(" Mine")
        typed = editor.target_area.text
        glossary.add(Entry(id=None, source="Russland", target="the Russian Federation", type="place"))
        app.screen.glossary_changed()
        await ready(app, pilot)
        new = app.project[0].machine_target
        assert "the Russian Federation" in new
        assert app.screen.__class__.__name__ == "ChoiceModal"
        await pilot.press("escape")  # escape keeps what the translator typed
        await pilot.pause()
        assert editor.is_open and editor.target_area.text == typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(app.project, 0) == (typed, new, "edited")


async def test_english_typed_before_a_retranslation_gives_way_when_asked(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        editor = app.screen.editor
        editor.target_area.insert(" Mine")
        glossary.add(Entry(id=None, source="Russland", target="the Russian Federation", type="place"))
        app.screen.glossary_changed()
        await ready(app, pilot)
        assert app.screen.__class__.__name__ == "ChoiceModal"
        await pilot.press("n")  # take the new machine English
        await pilot.pause()
        new = app.project[0].machine_target
        assert editor.target_area.text == new
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(app.project, 0) == (new, new, "machine")


async def test_revert_asks_before_discarding_an_edit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "On Monday they meet in North Korea.", at=4)
        await pilot.press("enter", "a", "up")
        await pilot.pause()
        assert app.project[4].status == "approved"
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmModal"
        await pilot.press("escape")
        await pilot.pause()
        assert stored(app.project, 4)[0::2] == ("On Monday they meet in North Korea.", "approved")
        await pilot.press("r", "y")
        await pilot.pause()
        target, machine, status = stored(app.project, 4)
        assert target == machine and status == "machine"


async def test_revert_asks_before_discarding_an_approval(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "up", "r")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmModal"
        await pilot.press("n")
        await pilot.pause()
        assert stored(app.project, 0)[2] == "approved"


async def test_undo_and_redo_of_saved_edits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        machine = app.project[1].target
        await type_english(pilot, "The president made a statement.", at=1)
        await pilot.press("enter")
        await pilot.press("r", "y")
        await pilot.pause()
        assert stored(app.project, 1)[2] == "machine"
        app.screen.view.cursor = 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(app.project, 1)[0::2] == ("The president made a statement.", "edited")
        assert app.screen.view.cursor == 1  # undo shows the segment it changed
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(app.project, 1)[0::2] == (machine, "machine")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert stored(app.project, 1)[0::2] == ("The president made a statement.", "edited")
        assert [h.action for h in app.project.history(1)] == ["machine", "edit", "revert", "undo", "undo", "redo"]


async def test_a_flagged_segment_shows_the_word_diff_and_keeps_mine_or_takes_new(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "On Monday they meet in North Korea.", at=4)
        await pilot.press("enter")
        change_rendering(app, glossary, "Nordkorea", "the DPRK")
        await ready(app, pilot)
        segment = app.project[4]
        assert segment.flagged and segment.target == "On Monday they meet in North Korea."
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        # The reviewer's words the machine's new English drops, and the words it brings.
        assert "[-they meet-]" in text and "{+the DPRK.+}" in text
        await pilot.press("m")  # keep mine
        await pilot.pause()
        assert stored(app.project, 4)[0::2] == ("On Monday they meet in North Korea.", "edited")
        assert not app.project[4].flagged
        await pilot.press("ctrl+z")  # the flag is back, and so is the choice
        await pilot.pause()
        assert app.project[4].flagged
        await pilot.press("r", "y")  # take new
        await pilot.pause()
        target, machine, status = stored(app.project, 4)
        assert target == machine and "the DPRK" in target and status == "machine"
