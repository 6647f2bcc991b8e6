"""Benchmark: glossary matcher build time and matching throughput at 100, 10,000 and 100,000 entries.

Prints numbers and ratios against baselines measured in the same run: tokenising the text alone (the floor)
and one regex per entry (the naive approach, on 100 entries and a sample of lines). With ``--model DIR`` (an
Argos package) it also translates a sample with the real engine and prints how much matching costs
relative to translating.

    .venv/bin/python bench/bench_glossary_match.py [--sizes 100,10000,100000] [--lines 1000] [--model DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossator.glossary.matcher import Matcher  # noqa: E402
from glossator.glossary.model import Entry  # noqa: E402
from glossator.glossary.starter import starter_entries  # noqa: E402

TEXT = REPO.parent / "shared" / "data" / "eval" / "wmt-news" / "newstest2021.de"
VOCAB = REPO.parent / "shared" / "data" / "eval" / "wmt-news" / "newstest2019.de"


def synthetic_entries(n: int, seed: int = 0) -> list[Entry]:
    """The starter glossary, then real German words and bigrams from another test set (so many entries do
    occur in news text), then invented words; one in ten has context cues."""
    rng = random.Random(seed)
    entries = [e.with_changes(id=i) for i, e in enumerate(starter_entries(), 1)][:n]
    words = regex.findall(r"\w{4,}", VOCAB.read_text(encoding="utf-8")) if VOCAB.exists() else []
    pool = list(dict.fromkeys(words))
    rng.shuffle(pool)
    bigrams = list(dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:])))
    rng.shuffle(bigrams)
    sources = pool[: n // 3] + bigrams[: n // 3]
    letters = "abcdefghijklmnopqrstuvwxyzäöüß"
    seen = {e.source.casefold() for e in entries}
    kinds = ("person", "title", "org", "place", "other")
    i = len(entries)
    while len(entries) < n:
        if sources:
            src = sources.pop()
        else:
            src = "".join(rng.choice(letters) for _ in range(rng.randint(5, 12))).capitalize()
            if rng.random() < 0.3:
                src += " " + "".join(rng.choice(letters) for _ in range(rng.randint(4, 9))).capitalize()
        if src.casefold() in seen:
            continue
        seen.add(src.casefold())
        i += 1
        ctx = (rng.choice(pool),) if pool and rng.random() < 0.1 else ()
        entries.append(Entry(i, src, src.upper(), rng.choice(kinds), ctx))
    return entries


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--lines", type=int, default=1000, help="lines of newstest2021.de to match")
    parser.add_argument("--model", type=Path, default=None, help="an Argos package dir to time translation")
    parser.add_argument("--translate-lines", type=int, default=50)
    args = parser.parse_args()

    lines = TEXT.read_text(encoding="utf-8").split("\n")[: args.lines]
    chars = sum(len(line) for line in lines)
    words = sum(len(regex.findall(r"\w+", line)) for line in lines)
    print(f"text: {TEXT.name}, {len(lines)} lines, {words} words, {chars} chars")

    floor, _ = timed(lambda: [regex.findall(r"\w+", line) for line in lines])
    print(f"baseline tokenise only: {floor * 1000:.1f} ms ({len(lines) / floor:,.0f} lines/s)")

    per_line: dict[int, float] = {}
    for n in [int(s) for s in args.sizes.split(",")]:
        entries = synthetic_entries(n)
        build, matcher = timed(Matcher, entries)
        match_s, found = timed(lambda: [matcher.find(line) for line in lines])
        hits = sum(len(f) for f in found)
        per_line[n] = match_s / len(lines)
        print(f"{n:>7} entries: build {build * 1000:8.1f} ms | match {match_s * 1000:8.1f} ms "
              f"= {len(lines) / match_s:8,.0f} lines/s, {words / match_s:9,.0f} words/s | {hits} hits | "
              f"{match_s / floor:5.1f}x tokenising")

    # Naive baseline: one case-insensitive regex per entry, on a sample (it is slow by design).
    entries = synthetic_entries(100)
    sample = lines[:200]
    patterns = [regex.compile(r"(?fi)(?<!\w)" + regex.escape(e.source) + r"(?!\w)") for e in entries]
    naive_s, _ = timed(lambda: [[p.finditer(line) and list(p.finditer(line)) for p in patterns] for line in sample])
    matcher = Matcher(entries)
    ours_s, _ = timed(lambda: [matcher.find(line) for line in sample])
    print(f"one regex per entry (100 entries, {len(sample)} lines): {naive_s * 1000:.1f} ms vs matcher "
          f"{ours_s * 1000:.1f} ms (ratio {naive_s / ours_s:.1f}x); per-entry regex cost grows linearly with entries")

    if args.model:
        from glossator.translate.engine import ArgosEngine

        engine = ArgosEngine(args.model)
        sample = [line for line in lines if line.strip()][: args.translate_lines]
        engine.translate(sample[:2])  # load the model outside the timing
        tr_s, _ = timed(engine.translate, sample)
        per_tr = tr_s / len(sample)
        print(f"translation: {per_tr * 1000:.1f} ms/line on {len(sample)} lines")
        for n, pl in per_line.items():
            print(f"  matching at {n:>7} entries costs {pl / per_tr * 100:.3f}% of translating "
                  f"(1:{per_tr / pl:,.0f})")
    else:
        print("translation: not measured (pass --model DIR, an Argos package, for the matching/translation ratio)")


if __name__ == "__main__":
    main()
