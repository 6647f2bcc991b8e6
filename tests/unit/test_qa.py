"""QA checks of translated segments (translate/qa.py): what a CAT tool warns about before approval and export."""

from __future__ import annotations

import subprocess
import sys

from glossator.translate.qa import check_segment, numbers
from glossator.translate.result import TermResult


def kinds(source: str, target: str, terms=()) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in check_segment(source, target, terms):
        found.setdefault(issue.kind, []).append(issue.message)
    return found


def test_numbers_in_german_and_english_notation_are_the_same_values():
    assert numbers("1.000,5 Tonnen und 3,5 Prozent, 12. Februar 2024", german=True) == numbers(
        "1,000.5 tonnes and 3.5 percent, February 12, 2024", german=False
    )
    assert kinds("Es kostet 1.000,5 Euro.", "It costs 1,000.5 euros.") == {}


def test_a_number_lost_or_changed_is_reported_both_ways():
    found = kinds("Am 12. Februar starben 1.200 Menschen.", "On February 21, 1,200 people died.")
    assert found["number"] == [
        "Number(s) 12 of the German missing from the English.",
        "Number(s) 21 in the English are not in the German.",
    ]
    # German notation copied into the English is not the same number in English.
    assert "number" in kinds("3,5 Prozent", "3,5 percent")
    # Round numbers are written as numbers in the message, not in exponent notation (3E+2).
    assert kinds("Es kamen 300 Menschen.", "350 people came.")["number"] == [
        "Number(s) 300 of the German missing from the English.",
        "Number(s) 350 in the English are not in the German.",
    ]


def test_violated_and_partial_terms_and_lost_names():
    terms = [
        TermResult("Nordkorea", "North Korea", "violated", 1, 0, 9),
        TermResult("Kremlchef", "Kremlin", "partial", 2, 10, 19),
        TermResult("Jung Pak", "Jung Pak", "violated", None, 20, 28, kind="name"),
    ]
    found = kinds("Nordkorea Kremlchef Jung Pak", "Pyongyang, the Kremlin boss", terms)
    assert found["term"] == [
        "Glossary: Nordkorea must be rendered North Korea.",
        "Glossary: check the form of Kremlin (Kremlchef).",
    ]
    assert found["name"] == ["The name Jung Pak is missing from the English."]


def test_a_name_kept_in_its_german_spelling_asks_for_a_check_with_the_suggestion():
    kept = TermResult("Peskow", "Peskow", "partial", None, 8, 14, kind="name", suggestion="Peskov")
    assert kinds("Sprecher Peskow sagte", "Spokesman Peskow said", [kept]) == {
        "name": ["The name Peskow is a German spelling; English usually writes Peskov."]}


def test_capitalisation_against_the_glossary():
    shouting = TermResult("Pjöngjang", "PYONGYANG", "applied", 1, 0, 9)
    assert kinds("Pjöngjang sagte", "Pyongyang said", [shouting])["case"] == [
        "The glossary writes PYONGYANG, the English has Pyongyang."
    ]
    assert kinds("Pjöngjang sagte", "PYONGYANG said", [shouting]) == {}
    # A lower-case rendering may start the sentence with a capital.
    state = TermResult("Außenministerium", "the State Department", "applied", 2, 4, 20)
    assert kinds("Das Außenministerium", "The State Department", [state]) == {}
    assert "case" in kinds("Das Außenministerium", "the state department", [state])


def test_german_left_in_the_english():
    found = kinds(
        "Die Boden-Luft-Raketen und die Aufklärung wurden verlegt.",
        "The Boden-Luft-Raketen und the Aufklärung were moved.",
    )
    assert found["untranslated"] == ["German left in the English: Boden-Luft-Raketen, und, Aufklärung."]
    assert kinds("Die Regierung sagte nichts.", "The Regierung said nothing.")["untranslated"] == [
        "German left in the English: Regierung."
    ]
    # A glossary rendering or a name with German letters is the English the glossary wants.
    kept = TermResult("Müller", "Müller", "applied", None, 0, 6, kind="name")
    assert kinds("Müller sagte nichts.", "Müller said nothing.", [kept]) == {}
    assert kinds("Das Haus ist neu.", "The house is new.") == {}
    # No German letters or endings: the name lexicon knows the noun as a translated word (a name stays).
    assert kinds("Das Haus und die Jury.", "The Haus and the Jury.")["untranslated"] == [
        "German left in the English: Haus, Jury."
    ]
    assert kinds("Merkel sagte nichts.", "Merkel said nothing.") == {}


def test_the_checks_do_not_import_textual():
    code = "import sys, glossator.translate.qa; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_clock_time_is_checked_in_any_english_notation_and_is_no_lost_number():
    def messages(source: str, target: str) -> list[str]:
        return [issue.message for issue in check_segment(source, target)]

    for english in ("at 14.30.", "at 14:30.", "at 2:30 p.m.", "at 2.30pm."):
        assert messages("Die Sitzung beginnt um 14.30 Uhr.", f"The meeting starts {english}") == []
    assert messages("Um 20 Uhr kamen 300 Gäste.", "At 8 p.m., 300 guests came.") == []
    assert messages("Um 12 Uhr kamen 300 Gäste.", "At noon, 300 guests came.") == []
    assert messages("Um 20 Uhr kamen 300 Gäste.", "At 8, 300 guests came.") == [
        "Time 20 Uhr of the German missing from the English.", "Number(s) 8 in the English are not in the German."]
    assert messages("Er kam um 9.15 Uhr.", "He came at 9.51.")[0] == (
        "Time 9.15 Uhr of the German missing from the English.")
    assert messages("Der Preis stieg um 14,30 Euro.", "The price rose by 14.30 euros.") == []  # money, not a time
