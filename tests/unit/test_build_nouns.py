"""The noun list build: the dictionary's rows sorted into ordinary nouns, names and both."""

from __future__ import annotations

import gzip

from glossator.translate.nouns import NounList
from training.build_nouns import noun_sections


def row(lemma: str, pos: str, *forms: str) -> dict[str, str]:
    cells = {"lemma": lemma, "pos": pos, "genus": "m"}
    cells.update({f"form {i}": f for i, f in enumerate(forms)})
    return cells


def test_rows_are_sorted_into_ordinary_nouns_names_and_both():
    sections = noun_sections([
        row("Zaun", "Substantiv", "Zäune", "Zäunen", "Zaunes"),
        row("Keller", "Substantiv", "Kellers"),
        row("Keller", "Nachname,Substantiv"),
        row("Quölinghausen", "Substantiv,Toponym"),
        row("-heit", "Affix,Substantiv,Suffix", "-heiten"),         # no word
        row("Rotes Kreuz", "Substantiv,Wortverbindung"),            # more than one word
        row("Kfz", "Abkürzung,Substantiv"),
        row("Svantje", "Substantiv,Vorname", "Svantjes"),
        row("Ernst", "Substantiv,Vorname", "Ernsts"),
        row("Ernst", "Substantiv", "Ernstes"),
    ])
    assert sections == {"common": ["Ernstes", "Kellers", "Zaun", "Zaunes", "Zäune", "Zäunen"],
                        "proper": ["Ernsts", "Quölinghausen", "Svantje", "Svantjes"], "both": ["Ernst", "Keller"],
                        "given": ["Svantje"],  # the name, not its genitive; Ernst is a noun too
                        "given_shared": ["Ernst"]}


def test_the_written_file_reads_back(tmp_path, monkeypatch):
    import sys

    from training import build_nouns

    csv = tmp_path / "nouns.csv"
    csv.write_text("lemma,pos,genus,nominativ plural\nZaun,Substantiv,m,Zäune\nQuölinghausen,"
                   "\"Substantiv,Toponym\",,\n", encoding="utf-8")
    out = tmp_path / "nouns.de.txt.gz"
    monkeypatch.setattr(sys, "argv", ["build_nouns", "--wheel", str(csv), "--out", str(out)])
    build_nouns.main()
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        nouns = NounList.from_lines(fh.read().split("\n"))
    assert nouns.common_noun("Zäune") and nouns.proper_noun("Quölinghausen") and not nouns.noun("Quölinghausen")
