"""Glossary enforcement: make every translation follow the glossary, and say where it could not.

Every segment goes through the same steps:

1. The matcher finds the glossary terms in the German sentence. Partial matches (a term that is only the first
   part of a compound, like *Kremlchef*) are reported as ``partial`` and left to the model.
2. The terms are protected and the sentence is translated, with the first strategy the engine supports:

   * **placeholders** — each term becomes ``⟦k⟧``, a token the bundled model was trained to copy; the rendering
     is put back in the English, with English grammar around it (possessive for a German genitive name,
     capital at the start of a sentence, no doubled article, no compound hyphen);
   * **inline** — each term is replaced by its English rendering inside the German sentence, which models copy
     as they copy names (works with any Argos package, including the official one);
   * **plain** — the sentence as it is: sometimes the model already says what the glossary says;
   * **align** — the plain translation with the words the model wrote for the term (found through the
     decoder's attention, for engines that return it) replaced by the rendering.

3. Each candidate is verified: a rendering counts as applied only when it stands in the English as a whole
   word sequence. Segments whose best candidate misses a term are decoded again with n-best lists (and then with
   the next strategy); the candidate with most terms applied wins. What is still missing is ``violated``.

All segments of a call are decoded together in each pass, so a document costs at most a few batched engine
calls, and the extra passes are paid only by segments that failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import regex

from glossator.translate.result import SegmentResult, TermResult
from glossator.translate.termcheck import _word_pattern, verify  # noqa: F401  (the one term check; re-exported)

PLACEHOLDER = regex.compile(r"⟦(\d+)⟧")
MAX_PLACEHOLDERS = 16
STRATEGIES = ("placeholder", "inline", "plain", "align")


class TermFinder(Protocol):
    """What enforcement needs of the glossary matcher (``glossary.matcher.Matcher``)."""

    def find(self, text: str, *, context: str = "") -> list: ...


def supports_placeholders(engine: object) -> bool:
    """Whether ``engine`` copies ``⟦k⟧`` placeholders: declared by the engine, or a single piece in its vocabulary."""
    declared = getattr(engine, "supports_placeholders", None)
    if declared is not None:
        return bool(declared)
    sp = getattr(engine, "sp", None)
    if sp is None:
        return False
    try:
        return sp.piece_to_id("⟦0⟧") != sp.unk_id() and sp.piece_to_id("⟦15⟧") != sp.unk_id()
    except Exception:  # noqa: BLE001 - a processor without these methods simply has no placeholders
        return False


@dataclass(frozen=True)
class Term:
    """A glossary term to enforce in one segment."""

    start: int
    end: int
    text: str
    target: str
    entry_id: int | None
    genitive: bool = False
    compound_prefix: bool = False  # the term heads a hyphenated compound (US-Außenministerium)
    reported: bool = True  # False for protected numbers: kept like terms, but not glossary terms to report


@dataclass
class _Job:
    index: int
    source: str
    terms: list[Term]
    partials: list[TermResult]
    best: str | None = None
    best_applied: list[bool] = field(default_factory=list)
    best_key: tuple[int, int] = (0, 0)

    @property
    def done(self) -> bool:
        return self.best is not None and all(self.best_applied)


def _rendering(match) -> str:
    entry = match.entry
    target = match.target or ""
    if getattr(entry, "dnt", False) and not target:
        target = entry.source
    return target


_DETERMINER_BEFORE = regex.compile(
    r"\b(?i:des|der|dem|den|die|das|eines|einer|einem|seines|ihres|unseres|dieses|jenes)\s+(?:\p{Ll}+\s+)?$"
)


def _is_genitive(match, source: str) -> bool:
    """A German genitive name (Putins, Russlands, Nordkoreas): the matched word ends in an -s the term lacks.

    After an article (*des Außenministeriums*) the genitive is the model's business: "of the …".
    """
    if _DETERMINER_BEFORE.search(source[: match.start]):
        return False
    entry = match.entry
    if getattr(entry, "type", "") not in ("person", "place", "org"):
        return False
    text = match.text
    forms = [entry.source, *getattr(entry, "forms", ())]
    if any(text.casefold() == f.casefold() for f in forms):
        return False
    last = text.split()[-1] if text.split() else text
    return last[-1:] in ("s", "'") and not last.casefold().endswith(("ss", "us", "is", "os"))


def plan_terms(source: str, matcher: TermFinder | None, context: str = "") -> tuple[list[Term], list[TermResult]]:
    """The terms to enforce in ``source`` and the partial matches to report.

    ``context`` (the document's dateline) decides renderings that the sentence's own words leave open.
    """
    if matcher is None:
        return [], []
    terms: list[Term] = []
    partials: list[TermResult] = []
    found = matcher.find(source, context=context) if context else matcher.find(source)
    for m in found:
        target = _rendering(m)
        entry_id = getattr(m.entry, "id", None)
        if m.partial or not target:
            partials.append(TermResult(m.text, target, "partial", entry_id, m.start, m.end))
            continue
        prefix = m.start > 1 and source[m.start - 1] in "-\u2010\u2011" and source[m.start - 2].isalnum()
        terms.append(Term(m.start, m.end, m.text, target, entry_id, _is_genitive(m, source), prefix))
    return terms, partials


# A number of two or more digits (German grouping and decimals), not an ordinal ("am 16. Februar") or part of
# a word or code; one-digit numbers the model copies anyway.
_NUMBER = regex.compile(r"(?<![\w.,/-])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w]|[.,]\d|-)")


def english_number(german: str) -> str:
    """A German number in English notation: 1.000 → 1,000; 3,5 → 3.5; 2022 → 2022."""
    whole, _, decimals = german.partition(",")
    whole = whole.replace(".", ",")
    return f"{whole}.{decimals}" if decimals else whole


def protect_numbers(source: str, terms: Sequence[Term]) -> list[Term]:
    """``terms`` plus the numbers of ``source`` outside them, as protected spans (sorted by position).

    The bundled model copies placeholders more reliably than long digit strings, so numbers travel as
    placeholders too; their English notation is put back, and they are never reported as glossary terms.
    """
    taken = [(t.start, t.end) for t in terms]
    numbers = []
    for m in _NUMBER.finditer(source):
        digits = len(m.group(0).replace(".", "").replace(",", ""))
        if digits < 2 or (digits <= 3 and source[m.end() : m.end() + 1] == "."):
            continue  # one digit, or an ordinal ("am 16. Februar", "der 3. Platz")
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        numbers.append(Term(m.start(), m.end(), m.group(0), english_number(m.group(0)), None, reported=False))
    return sorted([*terms, *numbers], key=lambda t: t.start)


def mask(source: str, terms: Sequence[Term], strategy: str) -> str:
    """The sentence the engine sees: terms replaced by placeholders or by their renderings."""
    if strategy == "plain" or not terms:
        return source
    out: list[str] = []
    pos = 0
    for k, term in enumerate(terms):
        head = source[pos : term.start]
        if term.compound_prefix:
            head = head[:-1] + " "  # US-Außenministerium -> "US ⟦0⟧": the prefix becomes a modifier word
        out.append(head)
        if strategy == "placeholder":
            out.append(f"⟦{k}⟧")
        else:
            out.append(term.target)
        pos = term.end
    out.append(source[pos:])
    return "".join(out)


_ARTICLE_BEFORE = regex.compile(r"(?i)\b(the)\s+$")
_OF_BEFORE = regex.compile(r"(?i)\bof\s+$")


_STUTTER = regex.compile(r"(⟦\d+⟧)(?:\s*\1)+")


def realize(output: str, terms: Sequence[Term]) -> str:
    """Put the renderings back for the placeholders in ``output``, with English grammar around them.

    A placeholder the model wrote twice in a row ("⟦1⟧ ⟦1⟧") is a stutter and counts once; a placeholder it
    repeated elsewhere keeps its first place only, and one it invented is dropped. A placeholder the model lost
    stays lost: :func:`verify` then finds that rendering missing and the term is reported, never hidden.
    """
    output = _STUTTER.sub(r"\1", output)
    seen: set[int] = set()

    def keep_first(m: regex.Match[str]) -> str:
        k = int(m.group(1))
        if k >= len(terms) or k in seen:
            return ""
        seen.add(k)
        return m.group(0)

    output = PLACEHOLDER.sub(keep_first, output)
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(output):
        term = terms[int(m.group(1))]
        before = output[pos : m.start()]
        rendering = term.target
        # A hyphen the model kept from "US-⟦0⟧" joins an English modifier: "US State Department".
        if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
            before = before[:-1] + " "
        so_far = "".join(out) + before
        if rendering[:4].casefold() == "the " and _ARTICLE_BEFORE.search(so_far):
            rendering = rendering[4:]
        after = output[m.end() :]
        if term.genitive and not after.startswith("'"):
            if regex.match(r"\s+\p{L}", after) and not regex.match(r"\s+(?:of|and|or|in|on|to|at)\b", after):
                rendering += "'" if rendering.endswith("s") else "'s"
            elif not _OF_BEFORE.search(so_far) and so_far.strip():
                rendering = "of " + rendering
        if not so_far.strip(" \"'„“‚‘«»(") and rendering[:1].islower():
            rendering = rendering[:1].upper() + rendering[1:]
        out.append(before)
        out.append(rendering)
        pos = m.end()
    out.append(output[pos:])
    text = "".join(out)
    text = regex.sub(r"[ \t]{2,}", " ", text)
    text = regex.sub(r" +([,.;:!?)])", r"\1", text)
    return text.strip()


def _source_span(engine, source: str, term: Term) -> tuple[int, int]:
    """The SentencePiece positions of ``term`` in ``source`` (pieces never cross spaces, so prefixes count)."""
    before = len(engine.encode(source[: term.start])) if source[: term.start].strip() else 0
    upto = len(engine.encode(source[: term.end]))
    return before, max(upto, before + 1)


def align_replace(engine, source: str, terms: Sequence[Term], out, applied: Sequence[bool]) -> str | None:
    """The translation ``out`` with each missing term's aligned target words replaced by its rendering.

    A target piece belongs to the term when its strongest attention falls on the term's source pieces; the
    replaced span is widened to whole words. ``None`` when a missing term has no aligned word.
    """
    pieces = list(out.target_tokens)
    owner: list[int | None] = [None] * len(pieces)
    spans = {k: _source_span(engine, source, t) for k, t in enumerate(terms) if not applied[k]}
    for i, row in enumerate(out.attention[: len(pieces)]):
        if not row:
            continue
        j = max(range(len(row)), key=row.__getitem__)
        for k, (a, b) in spans.items():
            if a <= j < b:
                owner[i] = k
    replacements: list[tuple[int, int, int]] = []
    for k in spans:
        hits = [i for i, o in enumerate(owner) if o == k]
        if not hits:
            return None
        lo, hi = min(hits), max(hits) + 1
        # Scattered attention is no alignment: replacing a wide span would swallow the sentence around the term.
        if hi - lo > 2 * len(engine.encode(terms[k].target)) + 2:
            return None
        while lo > 0 and not pieces[lo].startswith("▁"):
            lo -= 1
        while hi < len(pieces) and not pieces[hi].startswith("▁"):
            hi += 1
        if any(lo < e and s < hi for s, e, _ in replacements):
            return None
        replacements.append((lo, hi, k))
    replacements.sort()
    parts: list[str] = []
    pos = 0
    for lo, hi, k in replacements:
        parts.append(engine.decode(pieces[pos:lo]))
        parts.append(terms[k].target if lo else terms[k].target[:1].upper() + terms[k].target[1:])
        pos = hi
    parts.append(engine.decode(pieces[pos:]))
    text = " ".join(p for p in parts if p)
    return regex.sub(r" +([,.;:!?)])", r"\1", text).strip()


class Enforcer:
    """Translate segments so that they follow the glossary, and report the status of every term.

    Args:
        engine: the translation engine (``translate.engine.Engine``).
        matcher: the glossary matcher, or ``None`` to translate without a glossary.
        strategies: the strategies to try, in order (default: placeholders where the engine supports them,
            then inline renderings, then the plain sentence).
        nbest: hypotheses to search when the best one misses a term (1 disables the n-best retry).
        protect_numbers: carry numbers of two or more digits through placeholders too (engines with placeholder
            support only), so they survive a small model and come out in English notation.
    """

    def __init__(self, engine, matcher: TermFinder | None = None, *, strategies: Sequence[str] | None = None,
                 nbest: int = 4, protect_numbers: bool = True) -> None:
        self.engine = engine
        self.matcher = matcher
        if strategies is None:
            strategies = STRATEGIES if supports_placeholders(engine) else ("inline", "plain", "align")
        unknown = [s for s in strategies if s not in STRATEGIES]
        if unknown:
            raise ValueError(f"unknown enforcement strategies: {unknown}")
        self.strategies = tuple(strategies)
        # Numbers ride on placeholders only where the engine copies them (the bundled model).
        self.protect_numbers = protect_numbers and "placeholder" in self.strategies
        self.nbest = nbest
        self.stats: dict[str, int] = {s: 0 for s in self.strategies}

    @property
    def model_id(self) -> str:
        return getattr(self.engine, "model_id", "unknown")

    def translate(self, sources: Sequence[str], *, matchers: Sequence[TermFinder | None] | None = None,
                  contexts: Sequence[str] | None = None) -> list[SegmentResult]:
        """Translate ``sources`` in batches.

        ``matchers`` gives each segment its own glossary (e.g. the per-line term lists of an evaluation set)
        instead of the enforcer's; ``contexts`` gives each segment its document's context (its dateline).
        """
        if matchers is not None and len(matchers) != len(sources):
            raise ValueError("matchers must give one matcher per source segment")
        if contexts is not None and len(contexts) != len(sources):
            raise ValueError("contexts must give one context per source segment")
        jobs: list[_Job] = []
        for i, source in enumerate(sources):
            matcher = matchers[i] if matchers is not None else self.matcher
            terms, partials = plan_terms(source, matcher, contexts[i] if contexts is not None else "")
            if self.protect_numbers:
                terms = protect_numbers(source, terms)
            jobs.append(_Job(i, source, terms, partials))

        plain = [j for j in jobs if not j.terms]
        if plain:
            for job, target in zip(plain, self.engine.translate([j.source for j in plain])):
                job.best, job.best_applied = target, []

        for strategy in self.strategies:
            if all(j.done for j in jobs):
                break
            pending = [j for j in jobs if not j.done and self._usable(strategy, j)]
            if not pending:
                continue
            if strategy == "align":
                if hasattr(self.engine, "translate_tokens"):
                    self._align(pending)
                continue
            outputs = self.engine.translate([mask(j.source, j.terms, strategy) for j in pending])
            for job, output in zip(pending, outputs):
                self._consider(job, strategy, [output])
            retry = [j for j in pending if not j.done]
            if retry and self.nbest > 1:
                lists = self.engine.translate_nbest([mask(j.source, j.terms, strategy) for j in retry], self.nbest)
                for job, hyps in zip(retry, lists):
                    self._consider(job, strategy, hyps[1:])

        unresolved = [j for j in jobs if j.best is None]
        if unresolved:  # every hypothesis lost a placeholder: fall back to the sentence as it is
            for job, output in zip(unresolved, self.engine.translate([j.source for j in unresolved])):
                job.best, job.best_applied = output, verify(output, job.terms)
        return [self._result(j) for j in jobs]

    def _align(self, jobs: Sequence[_Job]) -> None:
        """Replace what the model wrote for each missing term (by attention) with the rendering."""
        outputs = self.engine.translate_tokens([j.source for j in jobs], attention=True)
        for job, out in zip(jobs, outputs):
            if not out.attention or not out.target_tokens:
                continue
            text = align_replace(self.engine, job.source, job.terms, out, verify(out.text, job.terms))
            if text is not None:
                self._consider(job, "align", [text])

    @staticmethod
    def _usable(strategy: str, job: _Job) -> bool:
        if strategy != "placeholder":
            return True
        # A text that itself contains ⟦…⟧ would be confused with our placeholders: protect its terms otherwise.
        return len(job.terms) <= MAX_PLACEHOLDERS and "⟦" not in job.source and "⟧" not in job.source

    def _consider(self, job: _Job, strategy: str, hypotheses: Sequence[str]) -> None:
        for hyp in hypotheses:
            holes = 0
            if strategy == "placeholder":
                # A lost placeholder leaves a hole where its term stood: on a tie, a sentence without holes wins.
                present = {int(m.group(1)) for m in PLACEHOLDER.finditer(hyp)}
                holes = sum(1 for k in range(len(job.terms)) if k not in present)
                text = realize(hyp, job.terms)
            else:
                text = hyp
            applied = verify(text, job.terms)
            key = (sum(applied), -holes)
            if job.best is None or key > job.best_key:
                job.best, job.best_applied, job.best_key = text, applied, key
                if all(applied):
                    self.stats[strategy] += 1
                    return

    def _result(self, job: _Job) -> SegmentResult:
        target = job.best if job.best is not None else ""
        applied = job.best_applied or [False] * len(job.terms)
        results = [
            TermResult(t.text, t.target, "applied" if ok else "violated", t.entry_id, t.start, t.end)
            for t, ok in zip(job.terms, applied)
            if t.reported
        ]
        results.extend(job.partials)
        results.sort(key=lambda r: r.start)
        return SegmentResult(index=job.index, line=0, source=job.source, target=target, terms=results)
