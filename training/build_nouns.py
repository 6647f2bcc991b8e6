"""Build the German noun list that tells unseen nouns from unseen names (``seeds/nouns.de.txt.gz``).

    pip download --no-deps -d /tmp/gn german-nouns        # a wheel holding german_nouns/nouns.csv
    python -m training.build_nouns --wheel /tmp/gn/german_nouns-*.whl --out seeds/nouns.de.txt.gz

The source is the *german-nouns* data set (about 100,000 nouns of the German Wiktionary with all their
inflected forms; CC BY-SA 4.0, see ``seeds/NOUNS-LICENCE.md``). Only its data is used: the rows' forms, sorted
into five sections of one word a line:

* ``#common``: forms of ordinary nouns (*Zaun*, *Zäune*, *Zäunen*) that no proper-noun row has;
* ``#proper``: forms only place names, given names, surnames and other proper nouns have (*Grevesmühlen*);
* ``#both``: forms of both (*Keller*, *Konstanz*, *Haar*): context decides;
* ``#given``: given names (*Birgit*, *Daniela*; the name, not its genitive *Birgits*) that are no ordinary noun's
  form (not *August*, *Ernst*): after one, an ordinary word is a surname (*Birgit Streich*);
* ``#given_shared``: given names an ordinary noun shares (*Heide*, *Ernst*, *Wolf*): a name only where German
  could not write the noun (bare, before a surname: *bei Heide Keller*).

Multi-word rows, affixes, abbreviations and letters are left out. The training corpora's lexicon
(``build_lexicon.py``) stays the first evidence: this list speaks only for words the corpora never saw.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import zipfile
from pathlib import Path

PROPER = frozenset("Toponym Vorname Nachname Eigenname Straßenname".split())
SKIPPED = frozenset(["Affix", "Gebundenes Lexem", "Buchstabe", "Symbol", "Abkürzung", "Suffix", "Präfix"])
_NOT_FORMS = ("lemma", "pos", "genus")


def noun_sections(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """The five sections (see the module docstring) of the rows of ``nouns.csv``."""
    common: set[str] = set()
    proper: set[str] = set()
    given: set[str] = set()
    for row in rows:
        pos = set((row.get("pos") or "").split(","))
        if pos & SKIPPED or "Substantiv" not in pos:
            continue
        forms = {value for key, value in row.items()
                 if value and key and not key.startswith(_NOT_FORMS) or key == "lemma"}
        forms = {f for f in forms if f and " " not in f and f[:1].isupper() and len(f) > 1}
        (proper if pos & PROPER else common).update(forms)
        if "Vorname" in pos and " " not in row["lemma"]:
            given.add(row["lemma"])  # the name itself: its genitive (*Kellys*) is no given name before a surname
    return {"common": sorted(common - proper), "proper": sorted(proper - common), "both": sorted(common & proper),
            "given": sorted(given - common), "given_shared": sorted(given & common)}


def read_rows(wheel: Path) -> list[dict[str, str]]:
    """The rows of ``german_nouns/nouns.csv`` inside the german-nouns wheel (or a plain CSV file)."""
    if wheel.suffix == ".csv":
        text = wheel.read_text(encoding="utf-8")
    else:
        with zipfile.ZipFile(wheel) as zf:
            text = zf.read("german_nouns/nouns.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, required=True, help="the german-nouns wheel, or its nouns.csv")
    ap.add_argument("--out", type=Path, default=Path("seeds/nouns.de.txt.gz"))
    args = ap.parse_args()
    sections = noun_sections(read_rows(args.wheel))
    text = "".join(f"#{name}\n" + "".join(w + "\n" for w in words) for name, words in sections.items())
    tmp = args.out.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    tmp.replace(args.out)
    print({name: len(words) for name, words in sections.items()}, f"{args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
