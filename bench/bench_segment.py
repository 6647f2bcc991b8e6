"""Sentence segmentation: our regex splitter vs pysbd 0.3.4 vs syntok, on speed and on German hard cases.

Run: .venv/bin/python bench/bench_segment.py [--repeat N] [--syntok-path DIR]

Speed is measured on the paragraph-level WMT general test set 2023 (each line a paragraph, split on "\\n"
only) and the seed article; correctness on hand-labelled German newspaper cases (abbreviations, ordinal
dates, quotes, ellipses, list items). syntok is optional (not a dependency): install it anywhere and pass
--syntok-path, e.g. ``pip install --target /tmp/syntok_pkg --no-deps syntok``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossator.translate.segment import split_sentences  # noqa: E402

GENERAL = REPO.parent / "shared" / "data" / "eval" / "wmt-news" / "generaltest2023.de"
SEED = REPO / "seeds" / "us-china-north-korea-2024-02.de.txt"

LABELLED: list[tuple[str, list[str]]] = [
    ("Wang Yi traf Blinken am 16. Februar in München. Danach reiste er ab.",
     ["Wang Yi traf Blinken am 16. Februar in München.", "Danach reiste er ab."]),
    ("Der 2. Weltkrieg endete 1945. Danach kam der Frieden.",
     ["Der 2. Weltkrieg endete 1945.", "Danach kam der Frieden."]),
    ("Sie feierte kürzlich ihren 101. Geburtstag. Sie lebt allein.",
     ["Sie feierte kürzlich ihren 101. Geburtstag.", "Sie lebt allein."]),
    ("Die Müller GmbH & Co. KG zahlte u. a. Steuern. Dr. Schmidt prüfte z. B. die Bilanz.",
     ["Die Müller GmbH & Co. KG zahlte u. a. Steuern.", "Dr. Schmidt prüfte z. B. die Bilanz."]),
    ("Nr. 5 ist fertig. Am 3. Oktober 1990 war Einheit.", ["Nr. 5 ist fertig.", "Am 3. Oktober 1990 war Einheit."]),
    ("Er sagte: „Das ist gut.“ Dann ging er.", ["Er sagte: „Das ist gut.“", "Dann ging er."]),
    ("»Wir kommen«, sagte sie. »Morgen.« Dann war Ruhe.", ["»Wir kommen«, sagte sie.", "»Morgen.«", "Dann war Ruhe."]),
    ("Das war alles ... Dann kam nichts mehr.", ["Das war alles ...", "Dann kam nichts mehr."]),
    ("1. Punkt eins. 2. Punkt zwei.", ["1. Punkt eins.", "2. Punkt zwei."]),
    ("Die Kosten betrugen 3,5 Mio. Euro. Das ist viel.", ["Die Kosten betrugen 3,5 Mio. Euro.", "Das ist viel."]),
    ("Der Termin ist im Jan. 2024. Danach geht es weiter.", ["Der Termin ist im Jan. 2024.", "Danach geht es weiter."]),
    ("Er wohnt in der Bahnhofstr. 12 in Berlin. Das ist schön.",
     ["Er wohnt in der Bahnhofstr. 12 in Berlin.", "Das ist schön."]),
    ("Die 5 min. Flugzeit reichen aus. Gut so!", ["Die 5 min. Flugzeit reichen aus.", "Gut so!"]),
    ("Die ev. Familienbildungsstätte lädt ein. Der Eintritt ist frei.",
     ["Die ev. Familienbildungsstätte lädt ein.", "Der Eintritt ist frei."]),
    ("Es liege „im Interesse, den Prozess voranzutreiben …“. Darin hieß es weiter.",
     ["Es liege „im Interesse, den Prozess voranzutreiben …“.", "Darin hieß es weiter."]),
    ("Darin hieß es, die „Parteien sollten … die Anliegen ansprechen“. Gut.",
     ["Darin hieß es, die „Parteien sollten … die Anliegen ansprechen“.", "Gut."]),
    ("„Hilfe!“ rief er. Niemand kam.", ["„Hilfe!“ rief er.", "Niemand kam."]),
    ("Präsident George W. Bush besuchte Berlin. Die Stadt jubelte.",
     ["Präsident George W. Bush besuchte Berlin.", "Die Stadt jubelte."]),
]  # fmt: skip


def splitters(syntok_path: str | None):
    import pysbd

    seg = pysbd.Segmenter(language="de", clean=False, char_span=False)
    found = {
        "regex (ours)": split_sentences,
        "pysbd 0.3.4": lambda p: [s.strip() for s in seg.segment(p) if s.strip()] if p.strip() else [],
    }
    if syntok_path:
        sys.path.insert(0, syntok_path)
    try:
        import syntok.segmenter as syntok_segmenter

        def syntok_split(p: str) -> list[str]:
            out = []
            for para in syntok_segmenter.analyze(p):
                for sent in para:
                    out.append(p[sent[0].offset : sent[-1].offset + len(sent[-1].value)])
            return out

        found["syntok"] = syntok_split
    except ImportError:
        print("(syntok not importable: pass --syntok-path to include it)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is kept)")
    parser.add_argument("--syntok-path", help="folder where syntok is installed")
    args = parser.parse_args()
    paragraphs = GENERAL.read_text(encoding="utf-8").split("\n") + SEED.read_text(encoding="utf-8").split("\n")
    chars = sum(map(len, paragraphs))
    print(f"corpus: {len(paragraphs)} paragraphs, {chars} characters ({GENERAL.name} + seed article)")
    results = {}
    for name, split in splitters(args.syntok_path).items():
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            sentences = sum(len(split(p)) for p in paragraphs)
            best = min(best, time.perf_counter() - start)
        correct = sum(split(text) == expected for text, expected in LABELLED)
        long_line = "Das ist ein Satz mit z. B. einer Abkürzung am 3. Mai. " * 2000
        start = time.perf_counter()
        split(long_line)
        long_s = time.perf_counter() - start
        results[name] = best
        print(f"{name:14s} {best:7.3f} s  {len(paragraphs) / best:8.0f} paragraphs/s  {sentences:5d} sentences  "
              f"hard cases {correct}/{len(LABELLED)}  one 110 kB line {long_s:6.3f} s")
    base = results["regex (ours)"]
    for name, seconds in results.items():
        if name != "regex (ours)":
            print(f"speed ratio regex/{name}: {seconds / base:.1f}x faster")


if __name__ == "__main__":
    main()
