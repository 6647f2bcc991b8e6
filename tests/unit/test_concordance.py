"""Concordance search over the translation memory, the glossary and a document's reviewed segments (real
SQLite files)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore
from glossator.translate.concordance import concordance, needle_spans
from glossator.translate.memory import TranslationMemory
from glossator.translate.project import ProjectSegment


def test_memory_concordance_ignores_case_beyond_ascii_and_ranks_approved_first(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "memory.db") as memory:
        memory.store("Die Sanktionen gegen Russland.", "The sanctions against Russia.", model_id="m",
                     glossary_revision=0, origin="batch")
        memory.store("Die ÄRZTE streiken.", "The doctors strike.", model_id="m", glossary_revision=0, origin="batch")
        memory.store("Neue Sanktionen.", "New sanctions.", model_id="", glossary_revision=0, origin="approved")
        # The same pair from two models is one hit.
        memory.store("Die Sanktionen gegen Russland.", "The sanctions against Russia.", model_id="m2",
                     glossary_revision=0, origin="batch")
        found = memory.concordance("sanktionen")
        assert [(h.source, h.origin) for h in found] == [
            ("Neue Sanktionen.", "approved"), ("Die Sanktionen gegen Russland.", "batch")]
        assert [h.target for h in memory.concordance("ärzte")] == ["The doctors strike."]  # Ä = ä
        assert [h.source for h in memory.concordance("RUSSIA")] == ["Die Sanktionen gegen Russland."]  # English
        assert memory.concordance("") == [] and memory.concordance("Tokio") == []
        assert memory.concordance("Russland.\x1fThe") == []  # never across the two sides
        assert len(memory.concordance("e", limit=2)) == 2
        memory.store("Zinsen: 5% oder 5_6?", "Interest: 5% or 5_6?", model_id="", glossary_revision=0,
                     origin="approved")
        assert [h.source for h in memory.concordance("5%")] == ["Zinsen: 5% oder 5_6?"]  # % and _ literally
        assert memory.concordance("5%s") == [] and memory.concordance("n_") == []


def test_memory_concordance_finds_common_needles_newest_first(tmp_path: Path) -> None:
    """More rows than the sorted plan takes: the recency index gives the newest pairs, approved first."""
    with TranslationMemory(tmp_path / "memory.db") as memory:
        memory.store_many([(f"Satz {i} über Berlin.", f"Sentence {i} about Berlin.") for i in range(800)],
                          model_id="m", origin="batch")
        memory.store("Berlin bleibt Berlin.", "Berlin remains Berlin.", model_id="", glossary_revision=0,
                     origin="approved")
        found = memory.concordance("berlin", limit=3)
        assert found[0].source == "Berlin bleibt Berlin." and found[0].origin == "approved"
        assert {h.origin for h in found[1:]} == {"batch"} and len(found) == 3


def test_rows_of_an_older_memory_are_searchable_after_opening(tmp_path: Path) -> None:
    path = tmp_path / "memory.db"
    TranslationMemory(path).close()
    conn = sqlite3.connect(path)
    with conn:  # as a version before the search column wrote it
        conn.execute("INSERT INTO memory (key, source, target, model_id, glossary_revision, origin, updated) "
                     "VALUES ('k', 'Der Kreml schweigt.', 'The Kremlin is silent.', 'm', 0, 'batch', 'x')")
    conn.close()
    with TranslationMemory(path) as memory:
        assert [h.target for h in memory.concordance("kreml")] == ["The Kremlin is silent."]


def test_concordance_lists_glossary_then_document_then_memory_once_each(tmp_path: Path) -> None:
    with GlossaryStore.open(tmp_path / "glossary.db") as glossary, \
            TranslationMemory(tmp_path / "memory.db") as memory:
        glossary.add(Entry(id=None, source="Außenministerium", target="State Department", type="org"))
        glossary.add(Entry(id=None, source="Ministerpräsident", target="prime minister", type="title"))
        memory.store("Das Außenministerium schwieg.", "The State Department was silent.", model_id="",
                     glossary_revision=0, origin="approved")
        memory.store("Das Außenministerium sagte.", "The foreign ministry said.", model_id="",
                     glossary_revision=0, origin="approved")
        segments = [
            ProjectSegment(0, 1, "Das Außenministerium sagte.", "The foreign ministry said.",
                           "The foreign ministry said.", "approved"),
            ProjectSegment(1, 2, "Das Außenministerium lachte.", "The ministry laughed.", "The ministry laughed.",
                           "machine"),  # the machine's English: not the reviewer's
        ]
        found = concordance("minister", glossary=glossary, segments=segments, memory=memory)
        assert [(h.origin, h.source) for h in found] == [
            ("glossary", "Ministerpräsident"), ("glossary", "Außenministerium"),  # a prefix ranks first
            ("document", "Das Außenministerium sagte."), ("approved", "Das Außenministerium schwieg.")]
        assert found[2].note == "segment 1"
        assert [h.target for h in concordance("STATE", glossary=glossary, memory=memory)] == [
            "State Department", "The State Department was silent."]
        assert len(concordance("minister", glossary=glossary, segments=segments, memory=memory, limit=1)) == 1
        assert concordance("  ", glossary=glossary, memory=memory) == []


def test_needle_spans_ignore_case() -> None:
    assert needle_spans("Nordkorea und NORDKOREA", "nordkorea") == [(0, 9), (14, 23)]
    assert needle_spans("a.b", ".") == [(1, 2)]
    assert needle_spans("abc", "") == []


def test_glossary_hits_carry_their_context_cues(tmp_path: Path) -> None:
    """Two renderings of one term: the concordance says where each applies."""
    with GlossaryStore.open(tmp_path / "glossary.db") as glossary:
        glossary.add(Entry(id=None, source="Außenministerium", target="State Department", type="org",
                           context=("Washington", "USA")))
        glossary.add(Entry(id=None, source="Außenministerium", target="foreign ministry", type="org"))
        found = concordance("außenministerium", glossary=glossary)
        assert [(h.target, h.context) for h in found] == [
            ("State Department", ("Washington", "USA")), ("foreign ministry", ())]
