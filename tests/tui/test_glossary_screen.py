"""Pilot tests of the glossary screen's filter and of entries added from the desk (issue 15)."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from glossator.glossary.model import Entry
from pilot_helpers import ready

SIZE = (80, 24)


async def test_the_filter_matches_terms_not_context_cues_and_enter_opens_the_top_entry(make_app, glossary):
    glossary.add(Entry(id=None, source="Außenministerium", target="the Russian Foreign Ministry", type="org",
                       context=("Moskau", "Kreml")))
    glossary.add(Entry(id=None, source="Moskau", target="Moscow", type="place"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g", "slash")
        await pilot.press(*"moskau")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#term-source", Input).value == "Moskau"


async def test_down_in_the_filter_goes_to_the_table(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g", "slash")
        screen = app.screen
        assert screen.query_one("#glossary-filter", Input).has_focus
        await pilot.press("down")
        assert screen.query_one(DataTable).has_focus
        await pilot.press("down")
        assert screen.query_one(DataTable).cursor_row == 1


async def test_an_entry_added_at_the_desk_is_logged_as_an_add(make_app, glossary):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("g", "a")
        modal = app.screen
        modal.query_one("#term-source", Input).value = "Sanktionen"
        modal.query_one("#term-target", Input).value = "sanctions"
        await pilot.press("ctrl+s")
        await ready(app, pilot)
    latest = glossary.history(limit=1)[0]
    assert (latest.action, latest.batch) == ("add", None)
