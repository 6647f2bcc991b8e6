"""Telling names from nouns: the lexicon's evidence, morphology, context, genitives and transliterations."""

from __future__ import annotations

import pytest

from glossator.translate.names import Lexicon, NameFinder, transliteration

LEXICON = Lexicon.from_text("\n".join([
    "Merkel\t70\t68\t0\t0",      # copied: a name
    "Putin\t115\t115\t0\t0",
    "Montag\t600\t0\t0\t0",      # translated: a noun
    "Brücke\t240\t0\t0\t0",
    "Entwurf\t90\t0\t0\t0",
    "Neue\t81\t3\t2026\t0",      # also lower case: an ordinary word
    "Hotel\t138\t56\t1\t80",     # English writes it in lower case as often: a shared noun
    "Bonnie\t3\t3\t0\t0",
    "Peskow\t11\t0\t0\t0",
]))


@pytest.fixture
def finder() -> NameFinder:
    return NameFinder(LEXICON)


def names(finder: NameFinder, text: str) -> list[tuple[str, str]]:
    return [(s.text, s.target) for s in finder.find(text) if not s.suggestion]


def test_copied_words_are_names_and_translated_ones_are_not(finder):
    assert names(finder, "Am Montag traf Merkel an der Brücke ein.") == [("Merkel", "Merkel")]


def test_compounds_of_known_nouns_and_noun_suffixes_are_not_names(finder):
    assert names(finder, "Der Haushaltsentwurf und die Regierungserklärung kamen.") == []


def test_a_shared_noun_is_not_a_name(finder):
    assert names(finder, "Das Hotel war voll.") == []


def test_runs_titles_and_unknown_words_inside_a_sentence(finder):
    found = names(finder, "Laut Sprecherin Xiuying Chao hat Bonnie Jenkins am Montag abgesagt.")
    assert ("Xiuying Chao", "Xiuying Chao") in found and ("Bonnie Jenkins", "Bonnie Jenkins") in found
    assert all("Montag" not in n for n, _ in found)


def test_particles_join_a_name(finder):
    assert names(finder, "Das sagte gestern Ursula von der Leyen.") == [("Ursula von der Leyen",) * 2]


def test_sentence_initial_ordinary_words_are_not_names(finder):
    assert names(finder, "Neue Brücke am Montag.") == []


def test_genitive_of_a_known_name_keeps_the_name(finder):
    [span] = finder.find("Ein Sprecher Putins sagte nichts.")
    assert (span.text, span.target, span.genitive) == ("Putins", "Putin", True)


def test_taken_spans_are_left_out(finder):
    text = "Bonnie Jenkins traf Merkel."
    assert [s.text for s in finder.find(text, taken=[(0, 14)])] == ["Merkel"]


def test_german_transliterations_get_a_suggestion_not_protection(finder):
    [span] = finder.find("Kremlsprecher Peskow widersprach.")
    assert span.text == "Peskow" and span.suggestion == "Peskov"


@pytest.mark.parametrize(("german", "english"), [
    ("Peskow", "Peskov"), ("Nawalny", "Navalny"), ("Schoigu", "Shoigu"), ("Selenskyj", "Selenskyy"),
    ("Lawrow", "Lavrov"), ("Medwedew", "Medvedev"),
])
def test_transliteration(german, english):
    assert transliteration(german) == english


def test_shipped_lexicon_tells_common_news_nouns_from_names():
    finder = NameFinder()
    for noun in ("Montag", "Bürgermeister", "Haushaltsentwurf", "Brücke", "Regierung", "Polizei"):
        assert finder.kind(noun, False) != "name", noun
    for name in ("Merkel", "Reuters", "Google", "NATO"):
        assert finder.kind(name, False) == "name", name
