"""Short inputs: does the bundled model loop on single words, two-word phrases and headings?

Run: .venv/bin/python bench/bench_short.py [--package DIR] [--beam-size 4] [--show]
     .venv/bin/python bench/bench_short.py --write-fixture   # rebuild tests/integration/short_fragments.de.txt

The fragments come from the TRAINING corpora (``../shared/data/train``), never from an evaluation set: German
sides of training pairs with one to three words (Tatoeba, news headlines), and one- and two-word spans cut from
training sentences (what markup and headings hand the engine). Without the data folder the committed fixture is
used.

Both runs use the same package, fragments and beam in this one process:

* baseline: CTranslate2 with the package's own decoding options and the length limit the engine used before
  the short-input guards (``2 * tokens + 16`` rounded up to 32);
* ours: ``ArgosEngine.translate`` — with the guards of ``translate.engine`` for short sources.

Printed per run: fragments whose output has more than three times the input's words, fragments with a word
repeated three times or more, and the mean output/input word ratio; then the ratio ours/baseline.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TRAIN = REPO.parent / "shared" / "data" / "train"
FIXTURE = REPO / "tests" / "integration" / "short_fragments.de.txt"
_WORD = regex.compile(r"\p{L}[\p{L}\-]*")


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def training_fragments(train: Path = TRAIN, n: int = 80, seed: int = 14) -> list[str]:
    """Short German fragments from the training corpora: short pairs' sources and spans cut from sentences."""
    rng = random.Random(seed)
    short: list[str] = []
    sentences: list[str] = []
    for path in (train / "tatoeba" / "tatoeba-v2021-08-07.de", *sorted((train / "wmt-news").glob("*.de")),
                 train / "wmt-general" / "deen-refs.de"):
        if not path.exists():
            continue
        for line in _lines(path):
            line = " ".join(line.split())
            words = line.split()
            if 1 <= len(words) <= 3 and _WORD.search(line):
                short.append(line)
            elif 6 <= len(words) <= 30:
                sentences.append(line)
    short = sorted(set(short))
    rng.shuffle(short)
    spans: list[str] = []
    rng.shuffle(sentences)
    for sentence in sentences[: n * 4]:
        words = [w for w in sentence.split() if _WORD.fullmatch(w)]  # no punctuation: as markup cuts them
        if len(words) < 3:
            continue
        size = rng.choice((1, 2, 2))
        start = rng.randrange(0, len(words) - size + 1)
        spans.append(" ".join(words[start: start + size]))
    spans = list(dict.fromkeys(spans))
    half = n // 2
    return sorted(set(short[:half] + spans[: n - min(half, len(short))]))


def fragments() -> list[str]:
    if TRAIN.is_dir():
        return training_fragments()
    return [line for line in _lines(FIXTURE) if line]


def loop_report(sources: list[str], outputs: list[str]) -> dict:
    """Fragments whose output is over three times as long (in words) or repeats a word three times."""
    too_long, repeats, ratios = [], [], []
    for src, out in zip(sources, outputs):
        n_in, words = len(src.split()), out.split()
        ratios.append(len(words) / n_in)
        if len(words) > 3 * n_in:
            too_long.append((src, out))
        counts = Counter(w.strip(".,;:!?\"'()").lower() for w in words)
        if counts and max(counts.values()) >= 3:
            repeats.append((src, out))
    return {"too_long": too_long, "repeats": repeats, "mean_ratio": sum(ratios) / max(len(ratios), 1)}


def baseline(package: Path, sources: list[str], beam_size: int) -> list[str]:
    import ctranslate2
    import sentencepiece as spm

    from glossator.translate.engine import DEFAULT_LENGTH_PENALTY, PackageInfo

    info = PackageInfo.read(package)
    sp = spm.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), intra_threads=2)
    out = []
    for src in sources:
        tokens = sp.encode(src, out_type=str)
        limit = min(256, 32 * -(-(2 * len(tokens) + 16) // 32))
        [res] = translator.translate_batch([tokens], beam_size=beam_size, max_decoding_length=limit,
                                           **{"length_penalty": DEFAULT_LENGTH_PENALTY, **info.decoding})
        out.append(sp.decode(res.hypotheses[0]).replace("▁", " ").strip())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="Argos package folder (default: the bundled one)")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--show", action="store_true", help="print every fragment and both outputs")
    parser.add_argument("--write-fixture", action="store_true", help=f"rewrite {FIXTURE.relative_to(REPO)}")
    args = parser.parse_args()

    if args.write_fixture:
        if not TRAIN.is_dir():
            raise SystemExit(f"Error: {TRAIN} is missing; the fixture is built from the training corpora.")
        FIXTURE.write_text("\n".join(training_fragments()) + "\n", encoding="utf-8")
        print(f"wrote {FIXTURE}")
        return

    from glossator.translate.engine import ArgosEngine

    package = args.package or REPO / "seeds" / "model" / "translate-de_en"
    sources = fragments()
    t0 = time.perf_counter()
    base = baseline(package, sources, args.beam_size)
    t_base = time.perf_counter() - t0
    engine = ArgosEngine(package, beam_size=args.beam_size, threads=2)
    engine.translate(sources[:1])
    t0 = time.perf_counter()
    ours = [engine.translate([s])[0] for s in sources]
    t_ours = time.perf_counter() - t0
    rb, ro = loop_report(sources, base), loop_report(sources, ours)
    if args.show:
        for s, b, o in zip(sources, base, ours):
            print(f"{s!r:40} | {b!r:45} | {o!r}")
    print(f"{len(sources)} fragments from the training corpora, beam {args.beam_size}, package {package}")
    for name, r, t in (("baseline", rb, t_base), ("ours", ro, t_ours)):
        print(f"{name:9} too long {len(r['too_long']):3}  repeats {len(r['repeats']):3}  "
              f"mean words out/in {r['mean_ratio']:.2f}  {t:.2f} s")
    print(f"ratio ours/baseline: too long {len(ro['too_long'])}/{len(rb['too_long'])}, "
          f"repeats {len(ro['repeats'])}/{len(rb['repeats'])}, words {ro['mean_ratio'] / rb['mean_ratio']:.2f}, "
          f"time {t_ours / t_base:.2f}")
    for src, out in ro["too_long"] + ro["repeats"]:
        print(f"  still: {src!r} -> {out!r}")


if __name__ == "__main__":
    main()
