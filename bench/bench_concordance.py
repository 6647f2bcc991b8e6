"""How fast the review desk's concordance search (F3) answers on a large translation memory.

Builds memories of 5,000 and 50,000 pairs (the seed article's sentences, numbered so every pair differs, and
their fake-engine English; one pair in ten approved) in a temporary folder and times, per query:

- the baseline, measured in the same run: SQLite's own ``LIKE '%needle%'`` over both sides (a full scan that
  folds ASCII case only, so it misses ``Ä``/``ä``), and the exact-source lookup the memory is built for;
- ``TranslationMemory.concordance`` (Python case folding, approved first, newest first, each pair once, 50 hits);
- ``translate.concordance.concordance`` as the desk calls it: the starter glossary, a 300-segment document's
  reviewed segments and the memory.

Queries: a rare needle (one pair), a common one (most pairs), one absent, one with an umlaut in another case.
Prints medians and ratios to the LIKE scan; asserts nothing.

    .venv/bin/python bench/bench_concordance.py [--sizes 5000 50000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "us-china-north-korea-2024-02.de.txt"


def pairs(count: int) -> list[tuple[str, str]]:
    from glossator.translate.fake import FakeEngine
    from glossator.translate.segment import split_document

    sentences = [p.source for p in split_document(SEED.read_text(encoding="utf-8"))]
    english = list(FakeEngine().translate(sentences))
    return [(f"{sentences[i % len(sentences)]} ({i})", f"{english[i % len(english)]} ({i})") for i in range(count)]


def median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from glossator.glossary.store import GlossaryStore
    from glossator.translate.concordance import concordance
    from glossator.translate.memory import TranslationMemory
    from glossator.translate.project import ProjectSegment

    with tempfile.TemporaryDirectory() as tmp:
        glossary = GlossaryStore.open(Path(tmp) / "glossary.db", seed=True)
        document = [ProjectSegment(i, i + 1, s, t, t, "approved" if i % 3 else "machine")
                    for i, (s, t) in enumerate(pairs(300))]
        print(f"concordance search, median of {args.repeat}; glossary of {glossary.count()} entries, "
              f"a 300-segment document; ratio = time / SQLite LIKE scan of the same memory")
        for size in args.sizes:
            memory = TranslationMemory(Path(tmp) / f"memory-{size}.db")
            rows = pairs(size)
            approved = rows[::10]
            memory.store_many([p for i, p in enumerate(rows) if i % 10], model_id="fake", origin="batch")
            memory.store_many(approved, model_id="", origin="approved")
            rare = f"({size // 2})"
            queries = {"rare": rare, "common": "nordkorea", "absent": "xyzzy", "umlaut, other case": "PJÖNGJANG"}
            db = memory._db  # the baseline runs on the same connection and file
            print(f"  memory of {len(memory)} pairs:")
            lookup = median_ms(lambda: memory.lookup(rows[size // 2][0], model_id="fake", glossary_revision=0),
                               args.repeat)
            print(f"    {'exact-source lookup (the index)':<34} {lookup:8.2f} ms")
            for name, needle in queries.items():
                pattern = f"%{needle}%"

                def like() -> None:
                    db.execute("SELECT source, target FROM memory WHERE source LIKE ? OR target LIKE ? LIMIT 50",
                               (pattern, pattern)).fetchall()

                base = median_ms(like, args.repeat)
                tm = median_ms(lambda: memory.concordance(needle), args.repeat)
                desk = median_ms(lambda: concordance(needle, glossary=glossary, segments=document, memory=memory),
                                 args.repeat)
                hits = len(memory.concordance(needle))
                print(f"    {name + ' ' + repr(needle):<34} LIKE {base:7.2f} ms | memory.concordance {tm:7.2f} ms "
                      f"({tm / base:4.2f}x, {hits} hits) | desk search {desk:7.2f} ms ({desk / base:4.2f}x)")
            memory.close()
        glossary.close()


if __name__ == "__main__":
    main()
