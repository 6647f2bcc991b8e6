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
