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
    ("Ein Computer kostet viel.", "A computer costs a lot."),
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
    assert aligned_translations(PAIRS, {"Computerbildschirme"}, **loose).get("Computerbildschirme") != "computer"
    assert aligned_translations(PAIRS, {"Waage"}, **loose) == {"Waage": "scale"}


def test_words_not_wanted_are_not_looked_up():
    assert aligned_translations(PAIRS, set()) == {}


def test_lower_case_german_words_english_never_writes_get_their_english_too():
    from training.build_lexicon import lexicon_rows

    pairs = PAIRS + [Pair(de, en, "toy") for de, en in [
        ("Anna reist heute.", "Anna travels today."),
        ("Tom reist morgen.", "Tom travels tomorrow."),
        ("Eva reist oft.", "Eva travels often."),
        ("Anna kommt heute.", "Anna comes today."),
        ("Tom kommt morgen.", "Tom comes tomorrow."),
        ("Eva kommt oft.", "Eva comes often."),
    ]]
    rows = {row.split("\t")[0]: row.split("\t") for row in lexicon_rows(
        pairs, english_words={"the", "today", "comes", "travels", "tomorrow", "often", "scale"})}
    assert rows["reist"][-1] == "travels" and rows["reist"][3] == "3"
    # Without the English list (or for a word English writes), lower-case words get no English column.
    assert "reist" not in {r.split("\t")[0] for r in lexicon_rows(pairs, english=False) if r.split("\t")[-1]}
    english_reist = {row.split("\t")[0]: row.split("\t")[-1] for row in lexicon_rows(
        pairs, english_words={"the", "today", "comes", "travels", "reist"})}
    assert english_reist["reist"] == "" and english_reist["Waage"] == "scale"


def test_an_english_name_for_a_place_is_its_translation_when_german_never_writes_it():
    from collections import Counter

    pairs = [Pair(de, en, "toy") for de, en in [
        ("Wir fahren nach Köln.", "We drive to Cologne."),
        ("Köln ist groß.", "Cologne is big."),
        ("Köln und Bonn.", "Cologne and Bonn."),
        ("Wir fahren nach Bonn.", "We drive to Bonn."),
        ("Bonn ist klein.", "Bonn is small."),
    ]]
    # Spelled unlike "Köln", "Cologne" is taken only when the German side never writes "Cologne" itself.
    assert aligned_translations(pairs, {"Köln"}, min_count=1.0) == {}
    german = Counter({"Köln": 3, "Bonn": 3})
    assert aligned_translations(pairs, {"Köln"}, min_count=1.0, german_capital=german) == {"Köln": "Cologne"}
    german["Cologne"] = 5  # a name German writes too: not a translation
    assert aligned_translations(pairs, {"Köln"}, min_count=1.0, german_capital=german) == {}


def test_the_forms_of_one_english_noun_add_up():
    # "pensioner" and "pensioners" share the alignments of "Rentner": together they are its English.
    pairs = [Pair(de, en, "toy") for de, en in [
        ("Der Rentner kommt.", "The pensioner comes."),
        ("Die Rentner kommen.", "The pensioners come."),
        ("Der Rentner geht.", "The pensioner goes."),
        ("Die Rentner gehen.", "The pensioners go."),
        ("Er kommt.", "He comes."), ("Sie kommen.", "They come."), ("Er geht.", "He goes."), ("Sie gehen.", "They go."),
    ]]
    assert aligned_translations(pairs, {"Rentner"}) == {"Rentner": "pensioner"}


def test_a_synonym_takes_the_english_word_its_more_frequent_partner_has():
    # "game" goes best with "Spiel"; "Partie" is nearly always aligned with it too and takes it.
    pairs = [Pair(de, en, "toy") for de, en in [
        ("Das Spiel beginnt.", "The game begins."),
        ("Das Spiel endet.", "The game ends."),
        ("Ein Spiel heute.", "A game today."),
        ("Das Spiel war gut.", "The game was good."),
        ("Ein Spiel morgen.", "A game tomorrow."),
        ("Kein Spiel morgen.", "No game tomorrow."),
        ("Es ist morgen.", "It is tomorrow."),
        ("Die Partie beginnt jetzt.", "The game begins now."),
        ("Die Partie endet jetzt.", "The game ends now."),
        ("Die Partie war jetzt gut.", "The game was good now."),
        ("Es ist jetzt.", "It is now."),
        ("Es beginnt heute.", "It begins today."),
        ("Es endet heute.", "It ends today."),
        ("Er war gut.", "He was good."),
    ]]
    assert aligned_translations(pairs, {"Partie"}, min_count=0.5) == {"Partie": "game"}


def test_a_compound_does_not_take_its_modifiers_english_when_its_head_has_its_own():
    pairs = [Pair(de, en, "toy") for de, en in [
        ("Die Wirtschaftsentwicklung stockt.", "The economic development stalls."),
        ("Wirtschaftsentwicklung ist wichtig.", "Economic development matters."),
        ("Gute Wirtschaftsentwicklung.", "Good economic growth."),
        ("Die wirtschaftliche Lage.", "The economic situation."),
        ("Eine wirtschaftliche Frage.", "An economic question."),
        ("Viele wirtschaftliche Fragen.", "Many economic questions."),
        ("Keine wirtschaftliche Lage.", "No economic situation."),
        ("Die Lage stockt.", "The situation stalls."),
        ("Die Entwicklung stockt.", "The development stalls."),
        ("Die Entwicklung ist gut.", "The development is good."),
        ("Eine Frage.", "A question."),
        ("Gute Fragen.", "Good questions."),
    ]]
    loose = dict(min_count=0.5, min_prob=0.3, max_second=1.0)
    # Alone, the alignment gives the compound its modifier's English ("economic": half a translation) ...
    assert aligned_translations(pairs, {"Wirtschaftsentwicklung"}, **loose) == {"Wirtschaftsentwicklung": "economic"}
    # ... which is refused where the head has an English word of its own.
    assert aligned_translations(pairs, {"Wirtschaftsentwicklung", "Entwicklung"}, **loose) == {
        "Entwicklung": "development"}


def test_a_name_the_english_writes_without_its_accents_counts_as_copied():
    from training.build_lexicon import count

    pairs = [Pair("José López kam am Montag.", "Jose Lopez came on Monday.", "t"),
             Pair("Dann sprach José.", "Then Jose spoke.", "t"),
             Pair("Der Bär schlief am Montag.", "The bear slept on Monday.", "t"),
             Pair("Der Bär stand an der Bar.", "Bar staff saw the bear.", "t")]
    capital, copied, *_, before_name, _, _ = count(pairs)
    assert (capital["José"], copied["José"]) == (2, 2) and copied["López"] == 1
    assert before_name["José"] == 1  # copied before another copied name: a given name
    assert copied["Bär"] == 0  # German's own letters are no accent English drops: "Bar" is not "Bär"
    assert copied["Montag"] == 0
