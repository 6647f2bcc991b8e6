"""German nouns a model leaves in the English are translated after all (translate.leftover), names never."""

from __future__ import annotations

import pytest

from glossator.translate.english import EnglishWords
from glossator.translate.enforce import Enforcer
from glossator.translate.fake import WORDS, FakeEngine
from glossator.translate.leftover import acceptable, fix, leftovers, predicative
from glossator.translate.names import Lexicon, NameFinder

LEXICON = Lexicon.from_text("\n".join([
    "Insel\t221\t1\t0\t0\t0\tisland",      # translated; the corpora pair it with "island"
    "Kneipe\t13\t0\t0\t0\t0\t",            # translated; no English the corpora agree on
    "Jury\t125\t0\t2\t113\t0\t",           # English writes it too, in lower case
    "Würfel\t7\t0\t0\t0\t0\t",
    "Merkel\t70\t68\t0\t0\t0\t",           # a name: copied
    "Kanzlerin\t25\t0\t0\t0\t0\tchancellor",
    "Frau\t6422\t0\t0\t0\t0\twoman",
    "Hektar\t40\t0\t0\t0\t0\thectares",
    "Als\t900\t0\t20000\t0\t0\t",         # German writes it in lower case: capitalised, it starts a sentence
    "Wiesen\t30\t0\t0\t0\t0\t",         # an inflected form without English of its own ...
    "Wiese\t25\t0\t0\t0\t0\tmeadow",     # ... whose stem has it
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


def test_beside_an_english_word_or_another_leftover_a_german_word_is_no_part_of_a_name(finder):
    # "Dutch" is not in the German: an English adjective, not a name the word belongs to.
    assert [x.word for x in leftovers("Er fuhr zur holländischen Insel.", "He drove to the Dutch Insel.",
                                      finder)] == ["Insel"]
    # Two German words the model left side by side are both translated.
    assert [x.word for x in leftovers("Er hat 55 Hektar Wiesen.", "He has 55 Hektar Wiesen.", finder)] == [
        "Hektar", "Wiesen"]
    # A word English writes too only changes its case: beside any capitalised word it stays (the Italian Mafia).
    assert leftovers("Die italienische Jury kam.", "The Italian Jury came.", finder) == []
    assert [x.word for x in leftovers("Die Jury kam.", "Then the Jury came.", finder)] == ["Jury"]
    # A name of the German (copied, or protected) beside it makes it part of that name.
    assert leftovers("Er kam zur Insel Hope.", "He came to Insel Hope.", finder) == []
    assert leftovers("Er kam zur Insel Hope.", "He came to Insel Hope.", finder, ["Hope"]) == []


def test_an_inflected_form_without_english_takes_its_stems(finder):
    [out] = fix([("Er hat 55 Hektar Wiesen.", "He has 55 Hektar Wiesen.", [])], FakeEngine(), finder)
    assert out == "He has 55 hectares meadow."


def test_the_lexicon_english_replaces_the_word_with_english_case(finder):
    sentences = [("Merkel besuchte die Insel.", "Merkel visited the Insel.", []),
                 ("Insel der Träume.", "Insel of dreams.", [])]
    assert fix(sentences, FakeEngine(), finder) == ["Merkel visited the island.", "Island of dreams."]


def test_the_engine_translates_a_word_the_lexicon_has_no_english_for(finder):
    engine = FakeEngine(words={**WORDS, "kneipe": "Pub"})
    [out] = fix([("In der Kneipe.", "In the Kneipe.", [])], engine, finder)
    assert out in ("In the pub.", "In the Pub.")
    assert engine.calls[-1] == ["Kneipe"]


def test_for_a_word_german_writes_in_lower_case_only_a_one_word_answer_is_taken(finder):
    # Capitalised at a sentence start, a function word gets synonyms strung together from the engine.
    [out] = fix([("„Als ich kam.“", "“Als I came.”", [])], FakeEngine(words={**WORDS, "als": "As as"}), finder)
    assert out == "“Als I came.”"
    [out] = fix([("„Als ich kam.“", "“Als I came.”", [])], FakeEngine(words={**WORDS, "als": "When"}), finder)
    assert out == "“When I came.”"


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


# Lower-case German the model copied: a verb with its English in the lexicon's lower-case rows, one without, and
# a noun the model wrote in lower case. "die" and "will" are German words English writes too.
LOWER = Lexicon.from_text("\n".join([
    "Insel\t221\t1\t0\t0\t0\t0\t0\tisland",
    "Merkel\t70\t68\t0\t0\t0\t0\t0\t",
    "reist\t0\t0\t40\t0\t0\t0\t0\ttravels",
    "knapp\t0\t0\t240\t0\t0\t0\t0\t",
    "die\t0\t0\t9000\t0\t0\t0\t0\tthe",
    "Quolm\t3\t3\t0\t0\t0\t0\t0\t",  # a name: copied
]))
ENGLISH = EnglishWords.from_lines(["the", "to", "die", "will", "people", "visited", "www", "de"])


@pytest.fixture
def lower_finder() -> NameFinder:
    return NameFinder(LOWER, english=ENGLISH)


def test_a_lower_case_german_word_english_does_not_write_is_a_leftover(lower_finder):
    found = leftovers("Merkel reist knapp nach Paris.", "Merkel reist knapp to Paris.", lower_finder)
    assert [(x.word, x.lemma) for x in found] == [("reist", "reist"), ("knapp", "knapp")]
    # "die" is German and English: the English word stays (people die); so does a word not in the source.
    assert leftovers("Menschen, die leiden.", "People die and reist.", lower_finder) == []
    # An address, a handle or a hyphenated word is no leftover; nor a word inside a protected rendering.
    assert leftovers("Merkel reist: www.reist.de", "Merkel: www.reist.de @reist pre-reist", lower_finder) == []
    assert leftovers("Merkel reist.", "Merkel reist.", lower_finder, ["Merkel reist"]) == []


def test_a_noun_the_model_wrote_in_lower_case_is_looked_up_as_the_noun(lower_finder):
    [found] = leftovers("Merkel besuchte die Insel.", "Merkel visited the insel.", lower_finder)
    assert (found.word, found.lemma) == ("insel", "Insel")
    # A name the model wrote in lower case is not a leftover of this kind (the name check reports it).
    assert leftovers("Merkel besuchte Quolm.", "merkel visited quolm.", lower_finder) == []


def test_lower_case_leftovers_take_the_lexicon_english_and_never_the_engine_alone(lower_finder):
    engine = FakeEngine(words={**WORDS, "knapp": "After almost"})
    out = fix([("Merkel reist knapp nach Paris.", "Merkel reist knapp to Paris.", []),
               ("Merkel besuchte die Insel.", "Merkel visited the insel.", []),
               ("Reist Merkel?", "Reist Merkel?", [])], engine, lower_finder)
    assert out == ["Merkel travels knapp to Paris.", "Merkel visited the island.", "Reist Merkel?"]
    assert all("knapp" not in call for call in engine.calls)


def test_the_shipped_english_list_knows_german_looking_english_words_and_not_german_ones():
    english = EnglishWords.load()
    assert {"die", "will", "man", "hotel", "also"} <= english.words
    assert not {"reist", "insel", "sorge", "knapp", "nachdem"} & english.words
    finder = NameFinder()
    assert finder.german_lower_word("knapp") and not finder.german_lower_word("die")
    assert finder.translation("reist") == "travels"


@pytest.mark.parametrize("english,before,expected", [
    ("newly", "The house is ", "new"),
    ("currently", "It was not ", "current"),
    ("happily", "They seem ", "happy"),
    ("simply", "It is ", "simple"),
    ("basically", "It is ", "basic"),
    ("newly", "a ", "newly"),          # no copula: the adverb stays (a newly built house)
    ("travels", "It is ", "travels"),  # no adverb
])
def test_after_a_copula_an_adverb_becomes_the_adjective(english, before, expected):
    finder = NameFinder(LOWER, english=EnglishWords.from_lines(["new", "current", "happy", "simple", "basic"]))
    assert predicative(english, before, finder) == expected
