"""Glossary candidates as translation sees the text (translate.candidates): the suggestions, with the name finder."""

from __future__ import annotations

from glossator.glossary.matcher import Matcher
from glossator.glossary.model import Entry
from glossator.translate.candidates import candidates

TEXT = """\
QUOLMHAUSEN (dpa) - Der Verlust von 3,5 Millionen Euro Verlust traf die Firma Quolmbach hart.
Bürgermeisterin Annegret Vollmerding sagte am Montag in Quolmhausen, auch China und Reuters hätten berichtet.
Sprecher Dmitri Peskow sagte, Annalena Baerbocks Berater und Schoigu seien gekommen."""


def test_candidates_are_what_translation_keeps_as_written():
    found = {c.text: c for c in candidates(TEXT, Matcher([Entry(id=1, source="Dmitri Peskow",
                                                                 target="Dmitry Peskov")]))}
    assert "Millionen Euro Verlust" not in found  # ordinary words, word by word: translation translates them
    assert (found["Quolmhausen"].type, found["Quolmhausen"].count) == ("place", 2)  # the dateline, and line 2
    assert found["Quolmbach"].lines == [1] and "Firma Quolmbach" not in found  # no ordinary word at its ends
    assert found["Annegret Vollmerding"].type == "person"
    assert "Annalena Baerbock" in found and "Annalena Baerbocks" not in found  # the name, not its genitive
    assert found["Schoigu"].suggestion == "Shoigu" and found["Schoigu"].reason == "translation keeps it as written"
    assert "China" not in found and "Reuters" not in found  # names every model keeps already
    assert "Dmitri Peskow" not in found  # in the glossary
