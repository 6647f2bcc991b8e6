"""Helpers the Pilot tests share (tests/ is not a package: tests/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from textual.worker import WorkerCancelled


async def ready(app, pilot) -> None:
    """Wait for the translation workers (a run dropped for a newer one ends cancelled: wait for the rest)."""
    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()


async def type_english(pilot, english: str, *, at: int | None = None) -> None:
    """Open the editor (on segment ``at``, else where the cursor is) and put ``english`` in its English area;
    the caller saves (enter) or leaves it open."""
    app = pilot.app
    if at is not None:
        app.screen.view.cursor = at
    await pilot.press("e")
    app.screen.editor.target_area.load_text(english)


def change_rendering(app, glossary, source: str, target: str) -> None:
    """Give the glossary entry for ``source`` a new English and tell the desk (as an edit elsewhere would)."""
    entry = next(e for e in glossary.entries() if e.source == source)
    glossary.update(entry.id, target=target)
    app.screen.glossary_changed()
