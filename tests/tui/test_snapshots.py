"""Snapshots (pytest-textual-snapshot) of the review desk's screens at 80×24 and 120×40.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the
SVGs under ``tests/tui/__snapshots__`` before committing them.
"""

from __future__ import annotations

import pytest
from pilot_helpers import change_rendering, type_english
from textual.widgets import TextArea

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _translated(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    for area in pilot.app.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def _steps(*keys: str):
    async def run_before(pilot) -> None:
        await _translated(pilot)
        if keys:
            await pilot.press(*keys)
            await _translated(pilot)
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_review_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps())


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_editing(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("down", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_glossary_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("g"))


@pytest.mark.parametrize("size", SIZES)
def test_term_form(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("g", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("question_mark"))


async def _with_problems(pilot) -> None:
    """Segment 1 approved, segment 5 edited without the glossary's term, then the glossary changes."""
    app = pilot.app
    await _translated(pilot)
    await pilot.press("a")
    await type_english(pilot, "On Monday there is a meeting in Pyongyang.", at=4)
    await pilot.press("enter")
    change_rendering(app, app.glossary, "Nordkorea", "the DPRK")
    await _translated(pilot)
    app.screen.view.cursor = 0
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_with_term_problems_and_flags(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_with_problems)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_filtered(snap_compare, make_app, size):
    """Two segments approved, then only the unapproved ones shown (f)."""
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("a", "a", "f"))


@pytest.mark.parametrize("size", SIZES)
def test_concordance(snap_compare, make_app, size):
    """The concordance dialog (c) searching for Nordkorea: the glossary entry, highlighted."""
    assert snap_compare(make_app(), terminal_size=size, run_before=_steps("c", *"nordkorea"))
