"""A word the model wrote twice in a row is written once, unless the German repeats it too."""

from __future__ import annotations

from glossator.translate.enforce import Enforcer
from glossator.translate.fake import WORDS, FakeEngine
from glossator.translate.stutter import collapse_repeats


def test_a_repeated_word_is_written_once():
    assert collapse_repeats("Sie riefen zurück.", "They called back back back.") == "They called back."
    assert collapse_repeats("im Amt", "the General general office") == "the General office"


def test_repeats_the_german_has_or_english_allows_stay():
    assert collapse_repeats("Urlaub auf Bora Bora.", "Holiday on Bora Bora.") == "Holiday on Bora Bora."
    assert collapse_repeats("Er hatte es gehabt.", "He had had it.") == "He had had it."


def test_only_whole_words_next_to_each_other_count():
    assert collapse_repeats("x", "the theme, a cat. Cat food") == "the theme, a cat. Cat food"
    assert collapse_repeats("x", "back-back back") == "back-back back"


def test_the_enforcer_writes_the_stutter_once():
    engine = FakeEngine(words={**WORDS, "zurück": "back back back"})
    result = Enforcer(engine, None).translate(["zurück"])[0]
    assert result.target.split() == ["back"]
