"""Choose the package's decoding options on the held-out training split (never on the evaluation sets).

    python -m training.tune --package seeds/model/translate-de_en --run runs/de_en

Prints chrF of each option set on RUN/holdout.json; the winner goes into the package with
``train.py --export-only --no-repeat-ngram-size N --repetition-penalty X --length-penalty L``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

CANDIDATES = [
    {},
    {"no_repeat_ngram_size": 3},
    {"no_repeat_ngram_size": 4},
    {"repetition_penalty": 1.1},
    {"no_repeat_ngram_size": 4, "repetition_penalty": 1.1},
    {"no_repeat_ngram_size": 4, "repetition_penalty": 1.2},
    # A small model stops early (held-out output 10 % shorter than the references at 0.2): a stronger length
    # penalty lets longer hypotheses win.
    {"no_repeat_ngram_size": 3, "length_penalty": 1.0},
    {"no_repeat_ngram_size": 3, "length_penalty": 1.5},
    {"no_repeat_ngram_size": 3, "length_penalty": 2.0},
    {"no_repeat_ngram_size": 3, "length_penalty": 3.0},
]


def main(argv: list[str] | None = None) -> None:
    import ctranslate2
    import sacrebleu
    import sentencepiece as spm

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", type=Path, required=True)
    ap.add_argument("--run", type=Path, default=Path("runs/de_en"))
    ap.add_argument("--beam-size", type=int, default=4)
    args = ap.parse_args(argv)

    held = json.loads((args.run / "holdout.json").read_text("utf-8"))
    sp = spm.SentencePieceProcessor(model_file=str(args.package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(args.package / "model"))
    sources = [sp.encode(p["de"], out_type=str) for p in held]
    refs = [p["en"] for p in held]
    for options in CANDIDATES:
        out = translator.translate_batch(sources, beam_size=args.beam_size, max_batch_size=1024,
                                         batch_type="tokens", **{"length_penalty": 0.2, **options})
        hyps = [sp.decode(o.hypotheses[0]) for o in out]
        print(json.dumps({"options": options, "chrF": round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2),
                          "BLEU": round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2)}), flush=True)


if __name__ == "__main__":
    main()
