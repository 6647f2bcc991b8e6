"""Pilot tests: the review desk's filters (f) and the progress in its status line (issue 15)."""

from __future__ import annotations

from pilot_helpers import change_rendering, ready, type_english

SIZE = (120, 40)


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def status_line(app) -> str:
    return screen_lines(app)[-2]


def numbers_shown(app) -> list[int]:
    """The segment numbers in the view's gutter, top to bottom."""
    shown = []
    for line in screen_lines(app)[1:-2]:
        head = line[:4].strip()
        if head.isdigit():
            shown.append(int(head))
    return shown


async def edit(pilot, index: int, english: str) -> None:
    await type_english(pilot, english, at=index)
    await pilot.press("enter")
    await pilot.pause()


async def test_unapproved_filter_approving_moves_on_until_none_are_left(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "a")  # segments 1 and 2 approved, in the full view
        assert "✓ 2/7 approved" in status_line(app) and "% of 52 words" in status_line(app)
        await pilot.press("f")
        assert app.screen.filter == "unapproved"
        assert numbers_shown(app) == [3, 4, 5, 6, 7]
        assert "[filter: unapproved (5 shown)]" in status_line(app)
        assert app.screen.view.cursor == 2
        await pilot.press("up")  # segments 1 and 2 are not in this view: the cursor stays
        assert app.screen.view.cursor == 2
        await pilot.press("down", "down", "a")  # approve segment 5: it leaves, the cursor goes on to 6
        assert app.project[4].status == "approved"
        assert numbers_shown(app) == [3, 4, 6, 7] and app.screen.view.cursor == 5
        await pilot.press("end", "a")  # the last one: the cursor goes back to the one before
        assert app.screen.view.cursor == 5
        await pilot.press("a", "a", "a")
        assert [s.status for s in app.project.segments] == ["approved"] * 7
        assert numbers_shown(app) == []
        assert "No unapproved segments (f shows the next filter)." in "\n".join(screen_lines(app))
        assert "–/7 [filter: unapproved (0 shown)]" in status_line(app)
        assert "✓ 7/7 approved" in status_line(app) and "100% of 52 words" in status_line(app)
        await pilot.press("a", "e", "down", "n", "p", "pagedown", "r")  # nothing to act on: nothing happens
        assert app.is_running and not app.screen.editing
        assert [s.status for s in app.project.segments] == ["approved"] * 7
        await pilot.press("f", "f", "f", "f")  # problems, flagged, edited, all
        assert app.screen.filter == "all" and numbers_shown(app)[:3] == [1, 2, 3]
        assert "filter" not in status_line(app)


async def test_problem_filter_keeps_an_edited_segment_until_the_editor_closes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await edit(pilot, 1, "The president has [bold]a statement[/] against 12 sanctions.")  # a number
        await edit(pilot, 4, "On Monday there is a meeting in Pyongyang.")  # the glossary's North Korea lost
        await edit(pilot, 6, "Ukraine and China are talking too.")  # fine
        app.screen.view.cursor = 0
        await pilot.press("f", "f")
        assert app.screen.filter == "problems"
        assert numbers_shown(app) == [2, 5] and app.screen.view.cursor == 1
        await pilot.press("n")  # n and p move within the filter
        assert app.screen.view.cursor == 4
        await pilot.press("p")
        assert app.screen.view.cursor == 1
        await pilot.press("down", "e")  # fix segment 5 inside the filter
        app.screen.editor.target_area.load_text("On Monday there is a meeting in North Korea.")
        await pilot.pause()
        assert numbers_shown(app) == [2, 5]  # still shown while the editor is open on it
        await pilot.press("enter")
        await pilot.pause()
        assert app.project[4].status == "edited" and not app.project[4].needs_attention
        assert numbers_shown(app) == [2] and app.screen.view.cursor == 1  # it left; the cursor went back to 2
        assert "[filter: problems (1 shown)]" in status_line(app)


async def test_edited_and_flagged_filters_and_confirm_and_next_within_them(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await edit(pilot, 0, "The State Department said today that North Korea and Russia work together.")
        await edit(pilot, 4, "On Monday a meeting is held in North Korea.")
        await edit(pilot, 6, "Ukraine and China are talking too.")
        app.screen.view.cursor = 0
        await pilot.press("a")  # approved after an edit: still the reviewer's English
        for _ in range(4):
            await pilot.press("f")
        assert app.screen.filter == "edited" and numbers_shown(app) == [1, 5, 7]
        app.screen.view.cursor = 4
        await pilot.press("e", "ctrl+o")  # confirm: approve and edit the next edited segment in the view
        await pilot.pause()
        assert app.project[4].status == "approved"
        assert app.screen.editing and app.screen.editor.index == 6
        await pilot.press("escape")
        # The glossary changes: the reviewed segments with North Korea are flagged.
        change_rendering(app, glossary, "Nordkorea", "the DPRK")
        await ready(app, pilot)
        app.screen.set_filter("flagged")
        await pilot.pause()
        assert numbers_shown(app) == [1, 5] and app.screen.view.cursor == 4  # 7 left: back to the one before
        await pilot.press("home", "m")  # keep mine: the flag goes, and so does the segment from this view
        await pilot.pause()
        assert not app.project[0].flagged and app.project[0].status == "approved"
        assert numbers_shown(app) == [5] and app.screen.view.cursor == 4
