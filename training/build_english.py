"""Build the list of words English writes in lower case (``seeds/english.en.txt.gz``).

    python -m training.build_english --data ../shared/data --out seeds/english.en.txt.gz

A lower-case word of the German source that stands in the English is German the model left there (*reist*,
*insel*, *sorge*) unless English writes that word too (*die*, *will*, *man*, *quasi*). This list is the English
side of the training corpora (never the evaluation sets): every lower-case word written at least ``--min-count``
times (default 2). Machine English (``wmt-general/deen-systems``) is left out: it holds the very copies the list
is there to tell apart. ``translate.leftover`` reads it.
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter
from pathlib import Path

import regex

from training.data import CORPORA, EXTRA_CORPORA

LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’_-])\p{Ll}[\p{L}\p{M}]*")
"""A word that starts in lower case (the part before an apostrophe or a hyphen: *don*, *well* of well-known)."""

MACHINE_ENGLISH = ("deen-systems.en",)
ENGLISH_MIN_COUNT = 2
"""Written this often, a word is English (the lexicon's lower-case translations use the same threshold)."""


def english_counts(train_root: Path) -> Counter:
    """How often each lower-case word stands in the human English of the training corpora."""
    counts: Counter = Counter()
    for folder, _, en_name in CORPORA + EXTRA_CORPORA:
        path = train_root / folder / en_name
        if en_name in MACHINE_ENGLISH or not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                counts.update(LOWER_WORD.findall(line))
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("seeds/english.en.txt.gz"))
    ap.add_argument("--min-count", type=int, default=ENGLISH_MIN_COUNT)
    args = ap.parse_args(argv)
    counts = english_counts(args.data / "train")
    words = sorted(w for w, n in counts.items() if n >= args.min_count)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:  # mtime=0: the same corpora always give the same bytes
        fh.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} English words -> {args.out}")


if __name__ == "__main__":
    main()
