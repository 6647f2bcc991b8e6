"""A word the model copied but misspelt is written as the German has it (translate.copies); translations stay."""

from __future__ import annotations

import pytest

from glossator.translate.copies import edit_distance, mend_copies
from glossator.translate.enforce import Enforcer
from glossator.translate.english import EnglishWords
from glossator.translate.fake import WORDS, FakeEngine
from glossator.translate.names import Lexicon, NameFinder
from glossator.translate.nouns import NounList

LEXICON = Lexicon.from_text("\n".join([
    "Blatt\t90\t0\t0\t0\t0\tsheet",      # a known noun: *Quolblatt* is a compound of it, open to the finder
    "Art\t400\t0\t0\t0\t0\tspecies",
    "Athen\t90\t0\t0\t0\t0\tAthens",     # a place English spells its own way
    "Merkel\t70\t68\t0\t0\t0\t",
    "Der\t900\t0\t900\t0\t0\t",
    "Das\t900\t0\t900\t0\t0\t",
]))


@pytest.fixture
def finder() -> NameFinder:
    nouns = NounList.from_lines(["#common", "Sirene"])
    return NameFinder(LEXICON, nouns, EnglishWords.from_lines(["the", "reported", "about", "sirens"]))


def test_edit_distance_counts_insertions_deletions_and_substitutions():
    assert edit_distance("volksblat", "volksblatt") == 1
    assert edit_distance("autopapapst", "autopapst") == 2
    assert edit_distance("lepracunde", "leprakunde") == 1
    assert edit_distance("", "abc") == 3 and edit_distance("abc", "abc") == 0


def test_a_misspelt_copy_of_an_open_word_is_written_as_the_german_has_it(finder):
    assert finder.kind("Quolblatt", False) == "noun?"  # open: left to the model, not protected
    assert mend_copies("Das Quolblatt berichtete.", "The Quolblat reported.", [], finder) == \
        "The Quolblatt reported."
    assert mend_copies("Das Quolblatt berichtete.", "The Quolblattt reported about Quolblat.", [], finder) == \
        "The Quolblatt reported about Quolblatt."
    # The whole word and an English -s: a copy all the same.
    assert mend_copies("Im Quolland brennt es.", "In the Quollands it burns.", [], finder) == \
        "In the Quolland it burns."


def test_translations_shorter_forms_and_english_renderings_stay(finder):
    # Too far from the German: a translation, not a copy.
    assert mend_copies("Das Quolblatt berichtete.", "The Quolpaper reported.", [], finder) == \
        "The Quolpaper reported."
    # The German word's shorter form: English drops the demonym's ending.
    assert mend_copies("Die Quolinger Spieler.", "The Quoling players.", [], finder) == "The Quoling players."
    # An English ending the German lacks: the model translated part of the word.
    assert mend_copies("Die Quolarten sind da.", "The Quolarts are there.", [], finder) == \
        "The Quolarts are there."
    # A word the lexicon or the dictionary knows is the model's to translate (Athen → Athens, Sirene → sirens).
    assert mend_copies("Die Sirene in Athen.", "The sirens in Athens.", [], finder) == "The sirens in Athens."
    # A protected word is the enforcer's; a word the English has right needs nothing.
    assert mend_copies("Das Quolblatt berichtete.", "The Quolblat reported.", ["Quolblatt"], finder) == \
        "The Quolblat reported."
    assert mend_copies("Das Quolblatt berichtete.", "The Quolblatt reported.", [], finder) == \
        "The Quolblatt reported."


def test_the_enforcer_mends_misspelt_copies_when_it_knows_names(finder):
    engine = FakeEngine(words={**WORDS, "quolblatt": "Quolblat", "berichtete": "reported"})
    [with_names] = Enforcer(engine, None, names=finder).translate(["Das Quolblatt berichtete."])
    [without] = Enforcer(engine, None).translate(["Das Quolblatt berichtete."])
    assert with_names.target == "The Quolblatt reported."
    assert without.target == "The Quolblat reported."
