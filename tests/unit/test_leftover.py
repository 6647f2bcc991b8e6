"""German nouns a model leaves in the English are translated after all (translate.leftover), names never."""

from __future__ import annotations

import pytest

from glossator.translate.enforce import Enforcer
from glossator.translate.fake import WORDS, FakeEngine
from glossator.translate.leftover import acceptable, fix, leftovers
from glossator.translate.names import Lexicon, NameFinder

LEXICON = Lexicon.from_text("\n".join([
    "Insel\t221\t1\t0\t0\t0\tisland",      # translated; the corpora pair it with "island"
    "Kneipe\t13\t0\t0\t0\t0\t",            # translated; no English the corpora agree on
    "Jury\t125\t0\t2\t113\t0\t",           # English writes it too, in lower case
    "Würfel\t7\t0\t0\t0\t0\t",
    "Merkel\t70\t68\t0\t0\t0\t",           # a name: copied
    "Kanzlerin\t25\t0\t0\t0\t0\tchancellor",
    "Frau\t6422\t0\t0\t0\t0\twoman",
]))


@pytest.fixture
def finder() -> NameFinder:
    return NameFinder(LEXICON)


def test_leftovers_are_translated_german_words_copied_into_the_english(finder):
    found = leftovers("Merkel besuchte die Insel.", "Merkel visited the Insel.", finder)
    assert [(x.word, x.start, x.end) for x in found] == [("Insel", 19, 24)]
    assert leftovers("Merkel besuchte die Insel.", "Merkel visited the Insel.", finder, ["Insel"]) == []
    assert leftovers("Die Insel.", "The island.", finder) == []
    # Beside another capitalised word the English word is part of a name (Rostock Zoo, Adler Klinik).
    assert leftovers("Er kam zur Insel Hope.", "He came to Insel Hope.", finder) == []
    assert [x.word for x in leftovers("Insel war weit.", "Insel was far.", finder)] == ["Insel"]


def test_the_lexicon_english_replaces_the_word_with_english_case(finder):
    sentences = [("Merkel besuchte die Insel.", "Merkel visited the Insel.", []),
                 ("Insel der Träume.", "Insel of dreams.", [])]
    assert fix(sentences, FakeEngine(), finder) == ["Merkel visited the island.", "Island of dreams."]


def test_the_engine_translates_a_word_the_lexicon_has_no_english_for(finder):
    engine = FakeEngine(words={**WORDS, "kneipe": "Pub"})
    [out] = fix([("In der Kneipe.", "In the Kneipe.", [])], engine, finder)
    assert out in ("In the pub.", "In the Pub.")
    assert engine.calls[-1] == ["Kneipe"]


def test_an_answer_that_is_the_german_word_again_or_too_long_is_refused(finder):
    assert not acceptable("Würfel", "Würfel", finder)
    assert not acceptable("Kneipe", "Kneipe", finder)
    assert acceptable("Jury", "jury", finder)  # English shares it: only the case changes
    assert acceptable("Kneipe", "pub", finder)
    assert not acceptable("Kneipe", "the pub where we met", finder)
    [out] = fix([("In der Würfel.", "In the Würfel.", [])], FakeEngine(), finder)
    assert out == "In the Würfel."  # nothing better: left as it is (and QA reports it)


def test_the_enforcer_translates_leftovers_when_it_knows_names():
    finder = NameFinder(LEXICON)
    [with_names] = Enforcer(FakeEngine(), None, names=finder).translate(["Merkel besuchte die Insel."])
    [without] = Enforcer(FakeEngine(), None).translate(["Merkel besuchte die Insel."])
    assert "island" in with_names.target and "Merkel" in with_names.target
    assert "Insel" in without.target


def test_a_title_before_a_name_is_translated_and_capitalised_a_form_of_address_is_left(finder):
    out = fix([("Kanzlerin Merkel kam.", "Then Kanzlerin Merkel came.", []),
               ("Frau Merkel kam.", "Then Frau Merkel came.", [])], FakeEngine(), finder)
    assert out == ["Then Chancellor Merkel came.", "Then Frau Merkel came."]


def test_a_noun_only_the_dictionary_knows_is_a_leftover_a_name_it_lists_is_not():
    from glossator.translate.nouns import NounList

    finder = NameFinder(LEXICON, NounList.from_lines(["#common", "Zwölkeln", "#proper", "Quölinghausen"]))
    found = leftovers("In Quölinghausen blühten Zwölkeln.", "In Quölinghausen, Zwölkeln bloomed.", finder)
    assert [x.word for x in found] == ["Zwölkeln"]
    engine = FakeEngine(words={**WORDS, "zwölkeln": "Twirls"})
    [out] = fix([("In Quölinghausen blühten Zwölkeln.", "In Quölinghausen, Zwölkeln bloomed.", [])], engine, finder)
    assert out.startswith("In Quölinghausen, ") and "Zwölkeln" not in out and "wirls bloomed." in out


def test_a_genitive_of_a_known_name_the_model_copied_becomes_the_english_possessive():
    lexicon = Lexicon.from_text("\n".join(["Merkel\t70\t68\t0\t0\t0\t", "Merkels\t8\t0\t0\t0\t0\t",
                                           "Al\t30\t29\t0\t0\t0\t", "Als\t500\t0\t900\t0\t0\t"]))
    finder = NameFinder(lexicon)
    assert finder.genitive_base("Merkels") == "Merkel" and finder.genitive_base("Als") is None
    [out] = fix([("Merkels Rede war kurz.", "Merkels speech was short.", [])], FakeEngine(), finder)
    assert out == "Merkel's speech was short."
