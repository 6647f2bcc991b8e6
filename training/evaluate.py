"""Evaluate an Argos package the way users run it: through ``glossator translate`` with an empty glossary.

    python -m training.evaluate --package seeds/model/translate-de_en --data ../shared/data \
        --run runs/de_en --out runs/de_en/eval.json

Reports chrF and BLEU (sacrebleu) on newstest2021, FLORES-200 devtest and Multi30k test2016, the copy rate of
protected spans (placeholders) on held-out training sentences, the package size, load time and sentences/s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL_SETS = {
    "newstest2021": ("wmt-news/newstest2021.de", "wmt-news/newstest2021.en"),
    "flores200-devtest": ("flores200/devtest.de", "flores200/devtest.en"),
    "multi30k-test2016": ("multi30k/test2016.de", "multi30k/test2016.en"),
}


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def translate_file(src: Path, package: Path, limit: int, beam_size: int) -> tuple[list[str], float, int]:
    """Run the real CLI on (the first ``limit`` lines of) ``src``; returns hypotheses, seconds, sentences."""
    lines = [" ".join(line.split()) for line in _lines(src)]  # U+2028 inside a line would split it in two
    if limit:
        lines = lines[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.de.txt"
        inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = Path(tmp) / "out.en.txt"
        empty = Path(tmp) / "empty-glossary.db"
        env = dict(os.environ, GLOSSATOR_HOME=str(Path(tmp) / "home"), GLOSSATOR_BUNDLED_MODEL=str(package))
        subprocess.run([sys.executable, "-m", "glossator", "glossary", "list", "--glossary", str(empty)],
                       check=True, env=env, capture_output=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "glossator", "translate", str(inp), "-o", str(out),
                        "--glossary", str(empty), "--beam-size", str(beam_size)], check=True, env=env)
        seconds = time.perf_counter() - t0
        hyps = _lines(out)
    if len(hyps) != len(lines):
        raise SystemExit(f"{src}: {len(hyps)} output lines for {len(lines)} input lines")
    return hyps, seconds, len(lines)


def heldout_scores(package: Path, run: Path, beam_size: int) -> dict:
    """chrF and BLEU on the held-out training split (RUN/holdout.json), through the engine the CLI uses."""
    import sacrebleu

    from glossator.translate.engine import ArgosEngine

    held = json.loads((run / "holdout.json").read_text("utf-8"))
    hyps = ArgosEngine(package, beam_size=beam_size).translate([p["de"] for p in held])
    refs = [p["en"] for p in held]
    return {"sentences": len(held), "chrF": round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2),
            "BLEU": round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2)}


def copy_rate(package: Path, run: Path, beam_size: int) -> dict:
    """Share of placeholders copied exactly once, on held-out sentences the model never saw: by the model's best
    translation, and as the enforcer chooses (the first of the beam's best ``beam_size`` translations that copies
    every placeholder exactly once, else the best)."""
    from glossator.translate.engine import ArgosEngine
    from training.data import Pair, placeholder_probe

    held = [Pair(**p) for p in json.loads((run / "holdout.json").read_text("utf-8"))]
    probes = placeholder_probe(held, seed=7)
    engine = ArgosEngine(package, beam_size=beam_size)
    found = engine.search([p[0] for p in probes], num_hypotheses=beam_size, attention=False)
    best = [hyps[0].text if hyps else "" for hyps in found]
    chosen = []
    for (_src, _ref, slots), hyps in zip(probes, found):
        texts = [h.text for h in hyps] or [""]
        chosen.append(next((t for t in texts if all(t.count(slot) == 1 for slot in slots)), texts[0]))
    report = {"sentences": len(probes)}
    for label, outputs in (("", best), ("nbest_", chosen)):
        spans = copied = present = sentences_ok = 0
        for (_src, _ref, slots), out in zip(probes, outputs):
            ok = True
            for slot in slots:
                spans += 1
                present += slot in out
                if out.count(slot) == 1:
                    copied += 1
                else:
                    ok = False
            sentences_ok += ok
        report.update({"spans": spans, f"{label}span_copy_rate": round(copied / max(spans, 1), 4),
                       f"{label}span_present_rate": round(present / max(spans, 1), 4),
                       f"{label}sentence_copy_rate": round(sentences_ok / max(len(probes), 1), 4)})
    return report


def main(argv: list[str] | None = None) -> None:
    import sacrebleu

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", type=Path, default=Path("seeds/model/translate-de_en"))
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--run", type=Path, default=Path("runs/de_en"), help="training run (for the held-out split)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N lines of each set")
    ap.add_argument("--beam-size", type=int, default=4)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--sets", nargs="*", default=list(EVAL_SETS), choices=list(EVAL_SETS),
                    help="evaluation sets to run (default: all)")
    args = ap.parse_args(argv)

    report: dict = {"package": str(args.package), "beam_size": args.beam_size, "sets": {}}
    model_bin = args.package / "model" / "model.bin"
    report["size_mb"] = round(sum(f.stat().st_size for f in args.package.rglob("*") if f.is_file()) / 1e6, 2)
    t0 = time.perf_counter()
    import ctranslate2

    ctranslate2.Translator(str(model_bin.parent), device="cpu")
    report["load_seconds"] = round(time.perf_counter() - t0, 3)
    for name in args.sets:
        src, ref = EVAL_SETS[name]
        hyps, seconds, n = translate_file(args.data / "eval" / src, args.package, args.limit, args.beam_size)
        refs = [" ".join(r.split()) for r in _lines(args.data / "eval" / ref)][: len(hyps)]
        chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
        bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
        report["sets"][name] = {"sentences": n, "chrF": round(chrf, 1), "BLEU": round(bleu, 1),
                                "seconds": round(seconds, 1), "sentences_per_s": round(n / seconds, 1)}
        print(name, report["sets"][name], flush=True)
    if (args.run / "holdout.json").exists():
        report["heldout"] = heldout_scores(args.package, args.run, args.beam_size)
        print("heldout", report["heldout"], flush=True)
        report["copy"] = copy_rate(args.package, args.run, args.beam_size)
        print("copy", report["copy"], flush=True)
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
