"""The lexicon's English for translated words: alignment finds the word co-occurrence misses."""

from __future__ import annotations

from training.build_lexicon import aligned_translations
from training.data import Pair

# A toy corpus: "Waage" occurs with the frequent word "weight" everywhere, but the other German words explain it;
# "Computerbildschirme" co-occurs with "computer" and "screens", a compound English writes as two words.
PAIRS = [Pair(de, en, "toy") for de, en in [
    ("Die Waage zeigt das Gewicht.", "The scale shows the weight."),
    ("Er stellt die Waage hin.", "He puts the scale down."),
    ("Die Waage ist kaputt.", "The scale is broken."),
    ("Das Gewicht steigt.", "The weight rises."),
    ("Das Gewicht fällt.", "The weight falls."),
    ("Sein Gewicht ist hoch.", "His weight is high."),
    ("Die Computerbildschirme flackern.", "The computer screens flicker."),
    ("Neue Computerbildschirme kommen.", "New computer screens arrive."),
    ("Der Computer ist alt.", "The computer is old."),
    ("Der Computer läuft.", "The computer runs."),
    ("Die Bildschirme flackern.", "The screens flicker."),
]]


def test_alignment_finds_the_english_word_of_a_german_one():
    found = aligned_translations(PAIRS, {"Waage", "Gewicht"}, min_count=1.0)
    assert found == {"Waage": "scale", "Gewicht": "weight"}


def test_a_compound_english_writes_as_two_words_is_left_out():
    # Strict thresholds leave it out (two English words share it); with every threshold open the choice must
    # still hold both ways: "computer" is the English of "Computer", not of the compound it half translates.
    assert aligned_translations(PAIRS, {"Computerbildschirme"}, min_count=1.0) == {}
    loose = dict(min_count=0.0, min_prob=0.0, max_second=1.0)
    assert aligned_translations(PAIRS, {"Computerbildschirme"}, **loose) == {}
    assert aligned_translations(PAIRS, {"Waage"}, **loose) == {"Waage": "scale"}


def test_words_not_wanted_are_not_looked_up():
    assert aligned_translations(PAIRS, set()) == {}
