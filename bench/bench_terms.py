"""Term success rate and chrF with and without glossary enforcement, and enforcement overhead.

    python bench/bench_terms.py --limit 300            # WMT 2023 terminology test (de→en) + the seed article

On the WMT 2023 terminology set each line comes with its own required term pairs: they become that line's
glossary. Term success rate = share of required English terms found in the output (case-insensitive, whole
words, a trailing plural -s/-es tolerated on either side as a light stand-in for the task's lemmatising).
Anchors from the shared task: best system 0.948, systems without terms about 0.40. Ratios are measured in this
run against plain translation of the same sentences with the same engine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossator.glossary.matcher import Matcher  # noqa: E402
from glossator.glossary.model import Entry  # noqa: E402
from glossator.translate.enforce import Enforcer  # noqa: E402


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def term_found(term: str, output: str) -> bool:
    words = [regex.escape(w) for w in term.split()]
    if not words:
        return True
    words[-1] = words[-1] + r"(?:e?s)?" if not term.endswith("s") else words[-1].rstrip("s") + r"s?(?:es)?"
    pattern = r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)"
    return regex.search(pattern, output, regex.IGNORECASE) is not None


def success_rate(outputs: list[str], terms: list[list[dict]]) -> float:
    total = found = 0
    for out, pairs in zip(outputs, terms):
        for pair in pairs:
            total += 1
            found += term_found(pair["en"], out)
    return found / max(total, 1)


def main() -> None:
    import sacrebleu

    from glossator.translate.models import load_engine

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=300, help="first N lines of the test set (0: all 2,963)")
    ap.add_argument("--beam-size", type=int, default=4)
    ap.add_argument("--split", choices=("test", "dev"), default="test",
                    help="the test set (measure) or the dev set (tune)")
    ap.add_argument("--no-placeholders", action="store_true",
                    help="enforce as on a model without placeholder training (the official Argos package)")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed-article part")
    ap.add_argument("--continuation", action="store_true",
                    help="decode repaired sentences again after the last span put back (target prefix)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    base = args.data / "eval" / "wmt23-terminology" / args.split
    src, ref = _lines(base / "deen.de"), _lines(base / "deen.en")
    terms = [json.loads(line) for line in _lines(base / "deen.term.proper")]
    if args.limit:
        src, ref, terms = src[: args.limit], ref[: args.limit], terms[: args.limit]

    engine = load_engine(beam_size=args.beam_size)
    matchers = [Matcher([Entry(id=k + 1, source=p["de"], target=p["en"], type="other") for k, p in enumerate(ts)])
                for ts in terms]
    engine.translate(src[:8])  # warm up: load the model outside the timings

    t0 = time.perf_counter()
    plain = engine.translate(src)
    t_plain = time.perf_counter() - t0
    enforcer = Enforcer(engine, None, placeholders=False if args.no_placeholders else None,
                        continuation=args.continuation)
    t0 = time.perf_counter()
    results = enforcer.translate(src, matchers=matchers)
    t_enf = time.perf_counter() - t0
    enforced = [r.target for r in results]

    statuses = [t.status for r in results for t in r.terms if t.kind == "term"]
    report = {
        "sentences": len(src),
        "required_terms": sum(len(t) for t in terms),
        "matched_in_source": sum(1 for s in statuses),
        "term_success_plain": round(success_rate(plain, terms), 3),
        "term_success_enforced": round(success_rate(enforced, terms), 3),
        "status_applied_share": round(statuses.count("applied") / max(len(statuses), 1), 3),
        "chrF_plain": round(sacrebleu.corpus_chrf(plain, [ref]).score, 1),
        "chrF_enforced": round(sacrebleu.corpus_chrf(enforced, [ref]).score, 1),
        "seconds_plain": round(t_plain, 2),
        "seconds_enforced": round(t_enf, 2),
        "overhead_ratio": round(t_enf / t_plain, 2),
        "outcomes": enforcer.stats,
        "placeholders": enforcer.placeholders,
    }
    if args.no_seed:
        print(json.dumps(report, indent=2) if args.json else "\n".join(f"{k:24} {v}" for k, v in report.items()))
        return

    # The seed article with the starter glossary.
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.document import translate_document

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = GlossaryStore.open(Path(tmp) / "g.db", seed=True)
        matcher = store.matcher()
        store.close()
    article = (REPO / "seeds" / "us-china-north-korea-2024-02.de.txt").read_text("utf-8")
    doc = translate_document(article, Enforcer(engine, matcher, placeholders=enforcer.placeholders))
    seed_terms = [t for s in doc.segments for t in s.terms]
    report["seed_article"] = {
        "terms": len(seed_terms),
        "applied": sum(t.status == "applied" for t in seed_terms),
        "violated": sum(t.status == "violated" for t in seed_terms),
        "partial": sum(t.status == "partial" for t in seed_terms),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
