"""Protected spans through the bundled model on both paths: placeholders, and the path of a model that never
learnt them (--no-placeholders, what the official Argos package takes). Property checks, not exact strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.glossary.matcher import Matcher
from glossator.glossary.model import Entry

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"
SEED_PEOPLE = ("Antony Blinken", "Wang Yi", "Liu Pengyu", "Bonnie Jenkins", "Liu Xiaoming", "Kim Jong Un")

pytestmark = pytest.mark.model

ENTRIES = [
    ("Außenministerium", "State Department", "org", ("US", "Washington")),
    ("Außenministerium", "foreign ministry", "org", ()),
    ("Bundeskanzlerin", "Chancellor", "title", ()),
    ("Haushaltsentwurf", "draft budget", "other", ()),
    ("Pjöngjang", "Pyongyang", "place", ()),
    ("Sicherheitsrat", "Security Council", "org", ()),
]
SENTENCES = [
    "Das Außenministerium teilte am Freitag mit, der Haushaltsentwurf sei abgelehnt worden.",
    "Die Bundeskanzlerin reiste nach Pjöngjang, um mit dem Sicherheitsrat zu sprechen.",
    "In Washington sagte das Außenministerium, man beobachte die Lage in Pjöngjang genau.",
    "Der Sicherheitsrat wird den Haushaltsentwurf am Montag beraten.",
]


@pytest.fixture(scope="module")
def engine(bundled_model: Path):
    from glossator.translate.models import load_engine

    return load_engine(beam_size=4, threads=1)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([Entry(id=i + 1, source=s, target=t, type=ty, context=c)
                    for i, (s, t, ty, c) in enumerate(ENTRIES)])


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_terms_land_in_the_english_on_both_paths(engine, matcher, placeholders):
    from glossator.translate.enforce import Enforcer
    from glossator.translate.termcheck import occurrences

    results = Enforcer(engine, matcher, placeholders=None if placeholders else False).translate(SENTENCES)
    terms = [(r, t) for r in results for t in r.terms if t.kind == "term"]
    assert len(terms) >= 8
    for r, t in terms:
        # Honest statuses: applied means the rendering stands in the English as whole words.
        assert (t.status == "applied") == (occurrences(r.target, t.target) > 0), (t, r.target)
    assert sum(t.status == "applied" for _, t in terms) / len(terms) >= 0.9


def test_no_placeholders_means_no_placeholder_reaches_the_model(engine, matcher):
    from glossator.translate.enforce import Enforcer

    seen: list[str] = []
    real_search = engine.search

    def spy(segments, **kwargs):
        seen.extend(segments)
        return real_search(segments, **kwargs)

    enforcer = Enforcer(engine, matcher, placeholders=False)
    enforcer.engine = type("Spy", (), {"search": staticmethod(spy), "translate": engine.translate,
                                       "decode": engine.decode, "piece_offsets": engine.piece_offsets,
                                       "model_id": engine.model_id})()
    enforcer.translate(SENTENCES[:2])
    assert seen and not any("⟦" in s for s in seen)


def test_a_sentence_whose_spans_are_all_kept_is_decoded_once(engine, matcher):
    from glossator.translate.enforce import Enforcer

    calls: list[int] = []

    class Counting:
        model_id = engine.model_id
        sp = engine.sp

        def search(self, segments, **kwargs):
            calls.append(len(segments))
            return engine.search(segments, **kwargs)

        def translate(self, segments):
            calls.append(len(segments))
            return engine.translate(segments)

        decode = staticmethod(engine.decode)
        piece_offsets = staticmethod(engine.piece_offsets)

    [r] = Enforcer(Counting(), matcher).translate(["Pjöngjang liegt in Nordkorea."])
    assert r.terms[0].status == "applied"
    assert calls == [1]


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_the_seed_articles_people_come_out_exactly_as_written(engine, placeholders, starter_matcher):
    from glossator.translate.document import translate_document
    from glossator.translate.enforce import make_enforcer

    enforcer = make_enforcer(engine, starter_matcher, placeholders=placeholders)
    doc = translate_document(SEED.read_text("utf-8"), enforcer)
    for person in SEED_PEOPLE:
        assert person in doc.text, person


NAMES = ["Bonnie Jenkins", "Liu Pengyu", "Timo Brenninkmeyer", "Ole Gunnar Solskjær", "Kwame Mensah",
         "Ingrid Vasquez-Hollenberg", "Radoslaw Wieczorek", "Aiyana Redcloud"]
FRAMES = ["{} sagte am Montag, die Brücke werde im Frühjahr fertig.",
          "Nach Angaben von {} lehnte der Bürgermeister den Haushaltsentwurf ab.",
          "Sprecher {} kündigte für Dienstag eine Erklärung an."]


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_unknown_names_come_out_unchanged_and_ordinary_nouns_are_translated(engine, placeholders):
    from glossator.translate.enforce import make_enforcer

    sentences = [frame.format(name) for frame in FRAMES for name in NAMES]
    results = make_enforcer(engine, None, placeholders=placeholders).translate(sentences)
    kept = 0
    for sentence, r in zip(sentences, results):
        name = next(n for n in NAMES if n in sentence)
        statuses = {t.source: t.status for t in r.terms if t.kind == "name"}
        assert name in statuses, (sentence, r.terms)
        # The report never says a name was kept when it is not in the English, and vice versa.
        assert (statuses[name] == "applied") == (name in r.target), (sentence, r.target)
        kept += name in r.target
        for noun in ("Montag", "Brücke", "Bürgermeister", "Haushaltsentwurf", "Dienstag", "Frühjahr"):
            assert noun not in r.target, (sentence, r.target)
            assert noun not in statuses
    assert kept / len(sentences) >= 0.9


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_markup_inside_a_sentence_travels_as_one_segment(engine, matcher, placeholders):
    from glossator.translate.enforce import make_enforcer
    from glossator.translate.inline import code_char, strip_codes

    b1, e1, b2, e2 = (code_char(k) for k in range(4))
    source = f"In Washington teilte das {b1}Außenministerium{e1} {b2}am Freitag{e2} mit, es gebe keine Gespräche."
    [r] = make_enforcer(engine, matcher, placeholders=placeholders).translate([source])
    for code in (b1, e1, b2, e2):
        assert r.target.count(code) == 1, r.target
    assert "State Department" in r.target[r.target.index(b1) : r.target.index(e1)]
    assert "Friday" in r.target[r.target.index(b2) : r.target.index(e2)]
    words = strip_codes(r.target).split()
    assert max(words.count(w) for w in words) <= 2  # no "Friday Friday Friday" from translating pieces alone


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_markup_inside_a_name_keeps_every_part_of_it(engine, placeholders):
    from glossator.translate.enforce import make_enforcer
    from glossator.translate.inline import code_char

    b, e = code_char(0), code_char(1)
    source = f"Das sagte Gerda {b}Keller{e} am Freitag in Washington."  # Keller: also a cellar
    [r] = make_enforcer(engine, None, placeholders=placeholders).translate([source])
    assert f"{b}Keller{e}" in r.target and "Gerda" in r.target, r.target
    assert {t.source: t.status for t in r.terms if t.kind == "name"}.get("Keller") == "applied", r.terms


def test_a_sentence_longer_than_the_model_reads_is_searched_with_attention_for_every_hypothesis(engine):
    from glossator.translate.enforce import make_enforcer

    long = ", ".join(f"Bonnie Jenkins traf am Montag {n} Vertreter in Pjöngjang" for n in range(12, 60)) + "."
    [hyps] = engine.search([long], num_hypotheses=4, attention=True)
    assert len(hyps) >= 2 and all(h.attention for h in hyps)  # split into pieces, joined per hypothesis
    [r] = make_enforcer(engine, None, placeholders=False).translate([long])
    assert r.target and "Bonnie Jenkins" in r.target


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_german_left_in_the_english_is_translated_wherever_the_lexicon_knows_its_english(engine, placeholders):
    from glossator.translate.enforce import make_enforcer
    from glossator.translate.leftover import acceptable, leftovers
    from glossator.translate.names import NameFinder
    from glossator.translate.segment import split_sentences

    sentences = [s for line in SEED.read_text(encoding="utf-8").splitlines() for s in split_sentences(line)]
    sentences += ["Der Minister reist am Montag nach Pjöngjang.", "Das neue Haus ist gut, aber die Zeit ist knapp.",
                  "Die Insel lobt ihre Köche.", "Die Feuerwehr rettet eine Katze aus dem Baum in Köln."]
    finder = NameFinder()
    results = make_enforcer(engine, None, placeholders=placeholders).translate(sentences)
    for sentence, r in zip(sentences, results):
        left = leftovers(sentence, r.target, finder, [t.target for t in r.terms])
        fixable = [x.word for x in left if (english := finder.translation(x.lemma)) and acceptable(x.lemma, english,
                                                                                                   finder)]
        assert fixable == [], (sentence, r.target)


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_addresses_handles_and_hashtags_come_out_as_written_or_are_reported(engine, placeholders):
    from glossator.translate.enforce import make_enforcer

    sentences = ["Mehr Informationen gibt es unter www.stadt-quolmbach.de/aktuell oder per Mail an info@quolmbach.de.",
                 "Die Polizei schrieb auf X (@Polizei_Quolmbach) unter #Hochwasser, man sei im Einsatz.",
                 "Die Anmeldung läuft über https://example.org/anmeldung?id=12 bis Freitag."]
    literals = ["www.stadt-quolmbach.de/aktuell", "info@quolmbach.de", "@Polizei_Quolmbach", "#Hochwasser",
                "https://example.org/anmeldung?id=12"]
    results = make_enforcer(engine, None, placeholders=placeholders).translate(sentences)
    kept = 0
    for literal in literals:
        r = next(r for s, r in zip(sentences, results) if literal in s)
        lost = {t.source for t in r.terms if t.kind == "literal" and t.status == "violated"}
        # Either in the English exactly as written, or reported lost: never silently altered.
        assert (literal in r.target) != (literal in lost), (literal, r.target)
        kept += literal in r.target
    assert kept >= len(literals) - 1


@pytest.mark.parametrize("placeholders", [True, False], ids=["placeholders", "no-placeholders"])
def test_clock_times_come_out_in_english_notation_or_are_reported(engine, placeholders):
    from glossator.translate.enforce import make_enforcer

    sentences = ["Die Sitzung beginnt am Montag um 14.30 Uhr im Rathaus.", "Um 20 Uhr kamen 300 Gäste.",
                 "Der Zug fährt um 9.15 Uhr ab."]
    times = ["2:30 p.m.", "8 p.m.", "9:15 a.m."]
    results = make_enforcer(engine, None, placeholders=placeholders).translate(sentences)
    for time, r in zip(times, results):
        lost = [t.target for t in r.terms if t.kind == "number" and t.status == "violated"]
        assert (time in r.target) != (time in lost), (time, r.target)
        assert "Uhr" not in r.target and ".m.." not in r.target and "p.m. p.m." not in r.target
    assert sum(time in r.target for time, r in zip(times, results)) >= 2
