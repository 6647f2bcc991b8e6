"""Translation memory: approved entries win everywhere, batch entries only for the same model and glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.translate.memory import TranslationMemory


@pytest.fixture
def tm(tmp_path: Path):
    with TranslationMemory(tmp_path / "memory.db") as memory:
        yield memory


def test_batch_entries_need_same_model_and_glossary(tm: TranslationMemory) -> None:
    tm.store("Der Hund.", "The dog.", model_id="m1", glossary_revision=3, origin="batch")
    assert tm.lookup("Der Hund.", model_id="m1", glossary_revision=3) == "The dog."
    assert tm.lookup("Der Hund.", model_id="m2", glossary_revision=3) is None
    assert tm.lookup("Der Hund.", model_id="m1", glossary_revision=4) is None
    assert tm.lookup("Der Hund", model_id="m1", glossary_revision=3) is None  # exact source only


def test_approved_wins_regardless_of_model_and_glossary(tm: TranslationMemory) -> None:
    tm.store("Der Hund.", "The dog (machine).", model_id="m1", glossary_revision=3, origin="batch")
    tm.store("Der Hund.", "The hound.", model_id="m0", glossary_revision=1, origin="approved")
    assert tm.lookup("Der Hund.", model_id="m1", glossary_revision=3) == "The hound."
    assert tm.lookup("Der Hund.", model_id="other", glossary_revision=99) == "The hound."
    tm.store("Der Hund.", "The dog.", model_id="m9", glossary_revision=9, origin="approved")
    assert tm.lookup("Der Hund.", model_id="m1", glossary_revision=3) == "The dog."  # newest approval


def test_lookup_many_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "memory.db"
    with TranslationMemory(path) as tm:
        tm.store_many([(f"Satz {i}.", f"Sentence {i}.") for i in range(1200)], model_id="m", glossary_revision=0,
                      origin="batch")
    with TranslationMemory(path) as tm:
        hits = tm.lookup_many([f"Satz {i}." for i in range(0, 1300, 100)], model_id="m", glossary_revision=0)
        assert hits == {f"Satz {i}.": f"Sentence {i}." for i in range(0, 1200, 100)}
        assert len(tm) == 1200


def test_bad_origin_is_refused(tm: TranslationMemory) -> None:
    with pytest.raises(ValueError):
        tm.store("a", "b", model_id="m", glossary_revision=0, origin="guess")  # type: ignore[arg-type]


def test_batch_rows_keyed_on_the_entries_a_source_contains(tmp_path: Path) -> None:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry
    from glossator.translate.memory import glossary_key

    ministry = Entry(id=1, source="Außenministerium", target="Foreign Office", type="org", updated="t1")
    matcher = Matcher([ministry, Entry(id=2, source="Kreml", target="Kremlin", type="org", updated="t1")])
    source = "Das Außenministerium sagte."
    key = glossary_key(source, matcher)
    assert key == glossary_key(source, Matcher([ministry]))  # another entry does not count
    edited = Matcher([Entry(id=1, source="Außenministerium", target="State Department", type="org", updated="t2")])
    assert glossary_key(source, edited) != key
    with TranslationMemory(tmp_path / "tm.db") as tm:
        tm.store_many([(source, "The Foreign Office said.")], model_id="m", origin="batch", glossary_keys={source: key})
        assert tm.lookup_many([source], model_id="m", glossary_keys={source: key}) == {source: "The Foreign Office said."}
        assert tm.lookup_many([source], model_id="m", glossary_keys={source: "other"}) == {}
        assert tm.lookup_many([source], model_id="m2", glossary_keys={source: key}) == {}
        assert tm.lookup(source, model_id="m", glossary_revision=0) is None  # a revision lookup never sees them
