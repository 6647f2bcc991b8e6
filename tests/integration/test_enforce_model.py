"""Glossary enforcement with the bundled model through CTranslate2: renderings present, never silently missing."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_translation(bundled_model: Path, starter_matcher):
    from glossator.translate.document import translate_document
    from glossator.translate.enforce import Enforcer
    from glossator.translate.models import load_engine

    enforcer = Enforcer(load_engine(beam_size=2, threads=1), starter_matcher)
    return translate_document(SEED.read_text("utf-8"), enforcer), enforcer


def test_every_applied_term_is_in_the_english_and_every_missing_one_is_reported(seed_translation):
    doc, _ = seed_translation
    terms = [(seg, t) for seg in doc.segments for t in seg.terms]
    assert len(terms) >= 30
    for seg, term in terms:
        if term.status == "applied":
            assert term.target.casefold() in seg.target.casefold(), (term, seg.target)
        elif term.status == "violated":
            assert term.target.casefold() not in seg.target.casefold()
    applied = sum(t.status == "applied" for _, t in terms)
    assert applied / len(terms) >= 0.9


def test_seed_article_names_and_places_come_out_as_the_glossary_says(seed_translation):
    doc, _ = seed_translation
    english = doc.text
    for rendering in ("Pyongyang", "Vladimir Putin", "Moscow", "North Korea", "State Department", "Kremlin"):
        assert rendering in english
    assert "Pjöngjang" not in english and "Wladimir" not in english


def test_structure_is_kept(seed_translation):
    doc, _ = seed_translation
    assert doc.text.count("\n") == doc.source.count("\n")
