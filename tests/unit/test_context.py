"""The dateline decides renderings a sentence leaves open (Außenministerium in a Washington story)."""

from pathlib import Path

import pytest

from glossator.translate.context import dateline_context

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Titel\n\nWASHINGTON (Reuters) – Ein Beamter sagte.", "Washington"),
        ("PEKING, 3. Mai (Reuters) - Die Regierung.", "Peking"),
        ("NEW YORK (dpa) - Text", "New York"),
        ("BERLIN/PARIS (AFP) - Text", "Berlin"),
        ("Kein Datum hier.\nWashington hat gesagt (Reuters).", ""),
        ("", ""),
    ],
)
def test_dateline_place(text, place):
    assert dateline_context(text) == place


def test_seed_article_is_a_washington_story():
    assert dateline_context(SEED.read_text("utf-8")) == "Washington"


def test_document_translation_uses_the_dateline_for_renderings(fake_engine):
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry
    from glossator.translate.document import translate_document
    from glossator.translate.enforce import Enforcer

    matcher = Matcher([
        Entry(id=1, source="Außenministerium", target="State Department", type="org", context=("Washington",)),
        Entry(id=2, source="Außenministerium", target="foreign ministry", type="org"),
        Entry(id=3, source="Außenministerium", target="foreign ministry", type="org", context=("chines",)),
    ])
    text = "WASHINGTON (Reuters) – Das teilte das Außenministerium mit.\n\nDas chinesische Außenministerium sagte."
    doc = translate_document(text, Enforcer(fake_engine, matcher))
    targets = [t.target for s in doc.segments for t in s.terms]
    assert targets == ["State Department", "foreign ministry"]
    plain = translate_document(text.split("\n", 1)[1], Enforcer(fake_engine, matcher))
    assert [t.target for s in plain.segments for t in s.terms] == ["foreign ministry"]


def test_context_matcher_binds_a_document_dateline():
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry
    from glossator.translate.context import ContextMatcher, with_document_context

    matcher = Matcher([
        Entry(id=1, source="Außenministerium", target="State Department", type="org", context=("Washington",)),
        Entry(id=2, source="Außenministerium", target="foreign ministry", type="org"),
    ])
    bound = with_document_context(matcher, "WASHINGTON (Reuters) – Text.")
    assert isinstance(bound, ContextMatcher) and bound.context == "Washington"
    assert bound.find("Das Außenministerium sagte.")[0].target == "State Department"
    assert with_document_context(matcher, "Kein Datum.") is matcher
    assert with_document_context(None, "WASHINGTON (Reuters) – Text.") is None
