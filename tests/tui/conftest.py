"""Fixtures for the review desk's Pilot and snapshot tests: a small article, a temporary glossary, the app."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = """\
Das Außenministerium sagte heute, Nordkorea und Russland haben eine militärische Zusammenarbeit.
Der Präsident hat [bold]eine Erklärung[/] gegen Sanktionen.

Jung Pak hat mit Liu Xiaoming ein Gespräch am Freitag. Die Regierung sagte nicht mehr.

Am Montag ist ein Treffen in Nordkorea. Das Haus ist neu.
Die Ukraine und China sind auch im Gespräch.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artikel.de.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path):
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore

    store = GlossaryStore.open(tmp_path / "glossary.db")
    store.add(Entry(id=None, source="Außenministerium", target="State Department", type="org"))
    store.add(Entry(id=None, source="Nordkorea", target="North Korea", type="place"))
    store.add(Entry(id=None, source="Jung Pak", target="Jung Pak", type="person", dnt=True))
    yield store
    store.close()


@pytest.fixture
def make_app(article: Path, glossary, fake_engine, tmp_path: Path):
    """Build a fresh ReviewApp on the article (as a new process would: the project is reopened each time)."""
    from glossator.translate.memory import TranslationMemory
    from glossator.tui.app import ReviewApp

    memories = []

    def make(**kwargs):
        memory = TranslationMemory(tmp_path / "memory.db")
        memories.append(memory)
        kwargs.setdefault("engine", fake_engine)
        kwargs.setdefault("glossary", glossary)
        kwargs.setdefault("memory", memory)
        kwargs.setdefault("export_path", tmp_path / "artikel.en.txt")
        return ReviewApp(article, **kwargs)

    yield make
    for memory in memories:
        memory.close()
