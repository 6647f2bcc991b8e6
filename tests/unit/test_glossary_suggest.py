"""Term candidates from German text, and the glossary core's import contract."""

from __future__ import annotations

import subprocess
import sys

from glossator.glossary.matcher import Matcher
from glossator.glossary.model import Entry
from glossator.glossary.suggest import suggest_terms


def _texts(text: str, entries: list[Entry] | None = None) -> dict[str, tuple[str, int]]:
    return {c.text: (c.type, c.count) for c in suggest_terms(text, Matcher(entries or []))}


def test_title_before_name() -> None:
    got = _texts("Der Sprecher Dmitri Peskow sagte, Peskow sei zufrieden.")
    assert got["Dmitri Peskow"] == ("person", 1)


def test_title_with_comma_apposition_and_compound_title() -> None:
    got = _texts("ihr chinesischer Amtskollege, Liu Xiaoming, sagte. Die US-Beamtin Jung Pak sprach.")
    assert got["Liu Xiaoming"][0] == "person"
    assert got["Jung Pak"][0] == "person"
    assert got["Amtskollege"][0] == "title"


def test_capitalised_run_is_a_name_but_not_articles_or_weekdays() -> None:
    got = _texts("Von David Brunnstrom und Katharine Jackson. Die Sanktionen am Freitag Morgen.")
    assert {"David Brunnstrom", "Katharine Jackson"} <= set(got)
    assert not any(t.startswith(("Die", "Von", "Freitag")) for t in got)


def test_places_after_prepositions_and_datelines() -> None:
    got = _texts("WASHINGTON (Reuters) - Treffen in Washington und nach Canberra, in der Region.")
    assert got["Washington"] == ("place", 2)
    assert got["Canberra"] == ("place", 1)
    assert "Region" not in got


def test_glossary_terms_are_not_suggested() -> None:
    entries = [Entry(1, "Wang Yi", "Wang Yi", "person"), Entry(2, "Außenminister", "foreign minister", "title")]
    got = _texts("Außenminister Wang Yi traf Außenminister Sergej Lawrow.", entries)
    assert "Wang Yi" not in got and "Außenminister" not in got
    assert got["Sergej Lawrow"][0] == "person"


def test_counts_sort_the_candidates() -> None:
    result = suggest_terms("in Canberra. in Canberra. in Ottawa.", Matcher([]))
    assert [(c.text, c.count) for c in result] == [("Canberra", 2), ("Ottawa", 1)]
    assert result[0].lines == [1]


def test_glossary_core_does_not_import_textual_or_engines() -> None:
    code = (
        "import sys, glossary.store, glossary.matcher, glossary.io, glossary.suggest, glossary.starter;"
        "bad = [m for m in ('textual', 'argostranslate', 'ctranslate2') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_names_in_german_transliteration_come_with_the_english_spelling() -> None:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.suggest import suggest_terms

    text = "Kremlsprecher Dmitri Peskow sagte, Sergej Schoigu habe Wolodymyr Selenskyj nicht getroffen."
    found = {c.text: c.suggestion for c in suggest_terms(text, Matcher([]))}
    with_suggestion = {k: v for k, v in found.items() if v}
    assert any("Peskow" in k and "Peskov" in v for k, v in with_suggestion.items()), found
    assert any("Schoigu" in k and "Shoigu" in v for k, v in with_suggestion.items()), found
