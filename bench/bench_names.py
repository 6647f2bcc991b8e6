"""Names kept through translation, and how well names are told from nouns.

    python bench/bench_names.py --limit 300                  # newstest2019 and newstest2020
    python bench/bench_names.py --limit 300 --no-placeholders

For each set, in the same run and with the same engine: translation without name protection (the empty
glossary, as before) and with it, both as ``glossator translate`` translates a text file (each line split into
sentences; newstest2020's lines are paragraphs). Figures:

* names kept: of the capitalised words that stand identically in the German source and the English reference
  (names, mostly), the share the output has too;
* untranslated German: output words that are ordinary German words of the source (the lexicon says so) and are
  not in the reference, as a share of output words; and the same without the words English writes too
  (*Interview*, *Coach*, *also*: ``_not_english``);
* finder errors both ways: protected words the reference does not copy (a noun taken for a name), and copied
  capitalised words the finder did not protect (a name taken for a noun);
* chrF of both runs, and the time ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}'’-]*(?<![-'’])")


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def copied_words(source: str, reference: str) -> list[str]:
    """Capitalised source words the reference has identically (sentence-initial ones too)."""
    ref = set(WORD.findall(reference))
    return [w for w in WORD.findall(source) if w[:1].isupper() and w in ref and len(w) > 1]


def missed(sources, references, outputs) -> int:
    """How many copied words (:func:`copied_words`) the outputs lack."""
    return sum(w not in set(WORD.findall(o)) for s, r, o in zip(sources, references, outputs)
               for w in copied_words(s, r))


def kept_share(sources, references, outputs) -> float:
    total = sum(len(copied_words(s, r)) for s, r in zip(sources, references))
    return 1 - missed(sources, references, outputs) / max(total, 1)


def untranslated_share(sources, references, outputs, finder, *, english_too: bool = True) -> float:
    """``english_too=False`` leaves out words English writes as well (*Interview*, *Coach*, *also*): a wrong
    capital or a word the reference avoided, not German."""
    words = german = 0
    for s, r, o in zip(sources, references, outputs):
        src, ref = set(WORD.findall(s)), set(WORD.findall(r))
        for w in WORD.findall(o):
            words += 1
            if w in src and w not in ref and len(w) > 2 and finder.ordinary_word(w[:1].upper() + w[1:]) \
                    and not finder.known_name(w) and (english_too or not finder.english_word(w.lower())):
                german += 1
    return german / max(words, 1)


def finder_errors(sources, references, finder) -> dict:
    """The finder as translation uses it: sentence by sentence, with the names the document taught it."""
    from glossator.translate.segment import split_sentences

    protected = wrong = copied = missed = 0
    known = finder.learn([x for s in sources for x in split_sentences(s)])
    for s, r in zip(sources, references):
        ref = set(WORD.findall(r))
        spans = [span for x in split_sentences(s) for span in finder.find(x, known=known)]
        inside = set()
        ref_lower = r.casefold()
        for span in spans:
            inside.update(WORD.findall(span.text))
            if span.suggestion:
                continue
            # What the English gets is the span's target (a genitive "Putins" gives "Putin"): a protected word
            # is wrong when the reference does not have it, in any case or with a possessive.
            for w in WORD.findall(span.target):
                protected += 1
                wrong += w.casefold() not in ref_lower
        for w in copied_words(s, r):
            copied += 1
            missed += w not in inside
    return {"protected_words": protected, "noun_taken_for_name": round(wrong / max(protected, 1), 3),
            "copied_words": copied, "name_not_protected": round(missed / max(copied, 1), 3)}


def translate_lines(lines: list[str], translator) -> list[str]:
    """The lines as ``glossator translate`` translates a text file: split into sentences, joined again."""
    from glossator.translate.document import translate_document

    return translate_document("\n".join(lines), translator).text.split("\n")


def main() -> None:
    import sacrebleu

    from glossator.translate.document import translate_document
    from glossator.translate.enforce import Enforcer
    from glossator.translate.models import load_engine
    from glossator.translate.names import NameFinder

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--sets", default="newstest2019,newstest2020")
    ap.add_argument("--no-placeholders", action="store_true")
    args = ap.parse_args()

    engine = load_engine()
    finder = NameFinder()
    placeholders = False if args.no_placeholders else None
    report: dict = {}
    for name in args.sets.split(","):
        base = args.data / "eval" / "wmt-news"
        src, ref = _lines(base / f"{name}.de"), _lines(base / f"{name}.en")
        if args.limit:
            src, ref = src[: args.limit], ref[: args.limit]
        engine.translate(src[:4])
        t0 = time.perf_counter()
        before = translate_lines(src, Enforcer(engine, None, placeholders=placeholders))
        t_before = time.perf_counter() - t0
        t0 = time.perf_counter()
        doc = translate_document("\n".join(src), Enforcer(engine, None, placeholders=placeholders, names=finder))
        t_after = time.perf_counter() - t0
        after = doc.text.split("\n")
        results = doc.segments
        statuses = [t.status for r in results for t in r.terms if t.kind == "name"]
        report[name] = {
            "lines": len(src),
            "names_kept_before": round(kept_share(src, ref, before), 3),
            "names_kept_after": round(kept_share(src, ref, after), 4),
            "names_missed_after": missed(src, ref, after),
            "untranslated_german_before": round(untranslated_share(src, ref, before, finder), 4),
            "untranslated_german_after": round(untranslated_share(src, ref, after, finder), 4),
            "untranslated_german_after_not_english": round(
                untranslated_share(src, ref, after, finder, english_too=False), 4),
            "chrF_before": round(sacrebleu.corpus_chrf(before, [ref]).score, 1),
            "chrF_after": round(sacrebleu.corpus_chrf(after, [ref]).score, 1),
            "name_spans": len(statuses),
            "reported_lost": statuses.count("violated"),
            "transliteration_suggestions": statuses.count("partial"),
            "time_ratio": round(t_after / t_before, 2),
            **finder_errors(src, ref, finder),
        }
    print(json.dumps({"placeholders": not args.no_placeholders, **report}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
