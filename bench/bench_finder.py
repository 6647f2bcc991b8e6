"""How well names are told from nouns in text the lexicon has never seen (no model, seconds per set).

    python bench/bench_finder.py                          # wmt-news/newstest2018 and wmt-general/deen-refs
    python bench/bench_finder.py --test wmt-news/newstest2017 --limit 1000
    python bench/bench_finder.py --scaling               # one sentence of n and 4 n items: linear time

The shipped lexicon was built from every training corpus, so on training text it knows each word's answer. Here,
for each test corpus (a training corpus, never an evaluation set), the lexicon is rebuilt from the training
corpora without that corpus's German sentences, and the finder runs on the corpus as ``glossator translate``
does (sentence by sentence, with the names the document taught it), against the human English. Words of the
test text that occur nowhere else are unknown to the finder, as tomorrow's names are (the dictionary of German
nouns, ``seeds/nouns.de.txt.gz``, is the shipped one: it comes from Wiktionary, not from the corpora; so is the
lexicon's English column, which only says how English writes a word, *München* → Munich). Figures, as
``bench_names.py`` reports them on the evaluation sets: nouns taken for names (protected words the English does
not copy) and names not protected (copied capitalised words the finder left to the model).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_names import _lines, finder_errors  # noqa: E402


def held_out_finder(train_root: Path, test: str):
    """A finder whose lexicon never saw the German of ``train_root/test``."""
    from glossator.translate.names import Lexicon, NameFinder
    from training.build_lexicon import lexicon_rows, read_all

    held = set(_lines(train_root / f"{test}.de"))
    pairs = [p for p in read_all(train_root) if p.de not in held]
    # The English column (a word's translation) is the slow part of a lexicon; the shipped lexicon's is taken, so
    # the rules that ask for it (a place English spells its own way: München -> Munich) work as they do in use.
    shipped = Lexicon.load()
    rows = []
    for row in lexicon_rows(pairs, english=False):
        parts = row.split("\t")
        english = shipped.translation(parts[0])
        if english and len(parts) == 9:
            parts[8] = english
        rows.append("\t".join(parts))
    return NameFinder(Lexicon.from_text("\n".join(rows)))


def scaling(n: int = 2000) -> dict[str, float]:
    """Seconds to find the names of one sentence of ``n`` and of ``4 n`` items (a line-up, quotations, titled
    names), and their ratio: about 4 when the finder is linear in the sentence's length (a document turned to text
    can hold a "sentence" of thousands of items; the context patterns once searched it from its start each time).
    """
    from glossator.translate.names import NameFinder

    finder = NameFinder()
    kinds = {
        "list": lambda k: "Quolwin: Spangenberg - " + ", ".join(f"Hecker{i} ({i})" for i in range(k)) + ".",
        "quotes": lambda k: "sagte er dem " + " und ".join(f'"Abc{i} Def"' for i in range(k)) + ".",
        "titles": lambda k: " und ".join(f"Trainer Gerolf{i} Keller" for i in range(k)) + ".",
    }
    report = {}
    for name, make in kinds.items():
        finder.find(make(50))  # the lexicon, the noun list and the English words load once, outside the timing
        times = []
        for k in (n, 4 * n):
            text = make(k)
            t0 = time.perf_counter()
            finder.find(text)
            times.append(time.perf_counter() - t0)
        report[name] = {"items": [n, 4 * n], "seconds": [round(t, 3) for t in times],
                        "ratio": round(times[1] / max(times[0], 1e-9), 1)}
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--test", action="append", default=None,
                    help="a training corpus, folder/stem (default: wmt-news/newstest2018, wmt-general/deen-refs)")
    ap.add_argument("--limit", type=int, default=3000, help="first N lines of each test corpus (0: all)")
    ap.add_argument("--scaling", action="store_true",
                    help="only time one long sentence of n and 4 n items (linear: ratio about 4)")
    args = ap.parse_args()
    if args.scaling:
        print(json.dumps(scaling(), indent=2))
        return
    root = args.data / "train"
    report = {}
    for test in args.test or ["wmt-news/newstest2018", "wmt-general/deen-refs"]:
        t0 = time.perf_counter()
        finder = held_out_finder(root, test)
        sources, references = _lines(root / f"{test}.de"), _lines(root / f"{test}.en")
        if args.limit:
            sources, references = sources[: args.limit], references[: args.limit]
        report[test] = {"lines": len(sources), **finder_errors(sources, references, finder),
                        "seconds": round(time.perf_counter() - t0, 1)}
        print(json.dumps({test: report[test]}), file=sys.stderr)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
