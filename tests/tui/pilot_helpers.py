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
