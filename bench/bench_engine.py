"""Engine throughput: ``glossator translate``'s path vs raw CTranslate2 vs argostranslate, and start-up time.

Run: .venv/bin/python bench/bench_engine.py [--limit 200] [--beam-size 4] [--threads N] [--package DIR]

All three translate exactly the same sentences (newstest2021.de, split by translate.segment) with the same
package, beam size, length penalty and thread count, in this one process:

* ours, default: ``translate.document.translate_document`` through ``make_enforcer(engine, starter)`` — what
  ``glossator translate FILE`` runs by default: the starter glossary, names, numbers (protected spans), one
  token-batched beam search for the whole document with n-best and attention, repair of lost spans,
  rebuilding the lines. Model loading and the glossary/lexicon loading are excluded (warm-up first).
* ours, --no-placeholders: the same, on the path a model without placeholder training takes.
* ours, no glossary: ``Enforcer(engine, None)`` (numbers still protected), the glossary-free path.
* raw: one ``ctranslate2.Translator.translate_batch`` over the pre-tokenized sentences (tokenizing and
  decoding excluded) with the same settings: the ceiling for any wrapper.
* argostranslate: its own translation function ``argostranslate.translate.apply_packaged_translation`` per
  input line, as ``PackageTranslation.hypotheses`` calls it per paragraph. Its sentence splitter (MiniSBD) would
  download a model, so a splitter returning our sentences for the line is passed in instead; the rest — its
  tokenizer, its per-paragraph ``translate_batch`` with 32-token batches, its decoding — is argostranslate's own.
  argostranslate creates folders under $HOME at import time, so HOME/XDG_* point to a temporary folder here.

``glossator --help`` start-up is measured in a subprocess (best of 5) against a bare ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NEWSTEST = REPO.parent / "shared" / "data" / "eval" / "wmt-news" / "newstest2021.de"


def best_of(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def startup(repeat: int = 5) -> tuple[float, float]:
    glossator = Path(sys.executable).parent / "glossator"
    cmd = [str(glossator), "--help"] if glossator.exists() else [sys.executable, "-m", "glossator", "--help"]
    help_s = best_of(repeat, lambda: subprocess.run(cmd, capture_output=True, check=True))
    bare_s = best_of(repeat, lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True))
    return help_s, bare_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="input lines of newstest2021.de (0: all 1000)")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--threads", type=int, default=None, help="intra-op threads (default: all cores)")
    parser.add_argument("--package", type=Path, help="Argos package folder (default: the one glossator uses)")
    parser.add_argument("--skip-argos", action="store_true", help="leave out argostranslate")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; the best time of each is kept")
    args = parser.parse_args()

    from glossator.translate.document import translate_document
    from glossator.translate.enforce import Enforcer, make_enforcer
    from glossator.translate.engine import DEFAULT_LENGTH_PENALTY, MAX_DECODING_LENGTH, ArgosEngine, default_threads
    from glossator.translate.models import default_package
    from glossator.translate.segment import split_document, split_sentences

    package = args.package or default_package().path
    threads = args.threads or default_threads()
    lines = NEWSTEST.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if line.strip()]
    if args.limit:
        lines = lines[: args.limit]
    text = "\n".join(lines) + "\n"
    sentences = [s.source for s in split_document(text)]
    print(f"package: {package}")
    print(f"input: {len(lines)} lines of {NEWSTEST.name}, {len(sentences)} sentences; beam {args.beam_size}, "
          f"{threads} threads")

    engine = ArgosEngine(package, beam_size=args.beam_size, threads=threads)
    enforcer = Enforcer(engine, None)
    with tempfile.TemporaryDirectory() as tmp:
        from glossator.glossary.store import GlossaryStore

        store = GlossaryStore.open(Path(tmp) / "g.db", seed=True)
        starter = store.matcher()
        store.close()
    default = make_enforcer(engine, starter)
    no_placeholders = make_enforcer(engine, starter, placeholders=False)
    engine.translate(sentences[:4])  # load the model and warm up
    translate_document(lines[0], default)  # and the lexicon

    def ours() -> None:
        translate_document(text, default)

    def ours_no_placeholders() -> None:
        translate_document(text, no_placeholders)

    def ours_plain() -> None:
        translate_document(text, enforcer)

    translator = engine.translator
    tokens = [engine.encode(s) for s in sentences]

    def raw() -> None:
        translator.translate_batch(
            tokens, max_batch_size=engine.max_batch_tokens, batch_type="tokens", beam_size=args.beam_size,
            replace_unknowns=True, return_scores=True, max_decoding_length=MAX_DECODING_LENGTH,
            **{"length_penalty": DEFAULT_LENGTH_PENALTY, **engine.info.decoding},
        )  # fmt: skip

    contenders = {"ours (glossator translate path)": ours, "ours --no-placeholders": ours_no_placeholders,
                  "ours, no glossary": ours_plain, "raw ctranslate2 translate_batch": raw}

    if not args.skip_argos:
        scratch = tempfile.mkdtemp(prefix="bench-argos-home-")
        for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = scratch
        os.environ["ARGOS_BEAM_SIZE"] = str(args.beam_size)
        from argostranslate import settings as argos_settings
        from argostranslate import translate as argos_translate
        from argostranslate.package import Package

        argos_settings.beam_size = args.beam_size
        pkg = Package(Path(package))

        class OurSentences:
            """Stands in for MiniSBD (which would download a model): the same sentences as ours."""

            def split_sentences(self, text: str) -> list[str]:
                return split_sentences(text)

        import ctranslate2

        # Built as argostranslate builds its own (PackageTranslation.hypotheses), with our thread count.
        argos_translator = ctranslate2.Translator(
            str(Path(package) / "model"), device="cpu", inter_threads=1, intra_threads=threads
        )
        sbd = OurSentences()

        def argos() -> None:
            for line in lines:
                argos_translate.apply_packaged_translation(pkg, line, argos_translator, sbd, num_hypotheses=1)

        argos_translate.apply_packaged_translation(pkg, lines[0], argos_translator, sbd, num_hypotheses=1)
        contenders["argostranslate apply_packaged_translation"] = argos

    # Interleaved rounds: the machine is shared, so a load spike hits one round of each, not one contender.
    results = {name: float("inf") for name in contenders}
    for _ in range(args.rounds):
        for name, fn in contenders.items():
            results[name] = min(results[name], best_of(1, fn))
    ours_s = results["ours (glossator translate path)"]
    raw_s = results["raw ctranslate2 translate_batch"]

    print()
    for name, seconds in results.items():
        print(f"{name:42s} {seconds:7.2f} s  {len(sentences) / seconds:7.1f} sentences/s")
    print()
    print(f"ours / raw ctranslate2 throughput:   {raw_s / ours_s:.2f}x (target >= 0.9)")
    print(f"--no-placeholders / raw:             {raw_s / results['ours --no-placeholders']:.2f}x")
    print(f"no glossary / raw:                   {raw_s / results['ours, no glossary']:.2f}x")
    if "argostranslate apply_packaged_translation" in results:
        argos_s = results["argostranslate apply_packaged_translation"]
        print(f"ours / argostranslate throughput:    {argos_s / ours_s:.2f}x (target >= 2)")
    help_s, bare_s = startup()
    print(f"glossator --help: {help_s:.3f} s (bare python -c pass: {bare_s:.3f} s; target < 0.3 s)")


if __name__ == "__main__":
    main()
