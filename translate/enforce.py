"""Glossary enforcement: translations that keep every protected span, on any model, and say where one was lost.

Every segment goes through the same steps:

1. **Plan** (:mod:`translate.spans`): the glossary terms the matcher finds in the German (partial matches, a
   term that is only the first part of a compound like *Kremlchef*, are reported ``partial`` and left to the
   model), the names the glossary does not know (:mod:`translate.names`), the numbers and the inline codes of
   a document format. Each is a protected span with the text the English must contain.
2. **Translate once**, all segments in one batch, asking for the n best hypotheses with attention (up to the
   beam size that costs no extra search). On a model trained to copy ``⟦k⟧`` (the bundled one) each span
   travels as a placeholder; any other model sees the sentence as it is.
3. **Choose** the hypothesis that keeps most spans (ties: the model's order). A segment whose spans all stand in
   it is done: it was decoded once.
4. **Repair** the rest without decoding again (:mod:`translate.repair`): find where the model wrote each lost
   span (its garbled spelling, its own word for the term, the decoder's attention) and put the placeholder
   there. :func:`translate.spans.realize` writes every rendering into its placeholder with English grammar
   around it (articles, possessives for German genitive names, sentence-initial capitals, compound prefixes).
5. **Verify** (:func:`translate.termcheck.verify`): a span counts as kept only when its text stands in the
   English as a whole word sequence; anything else is ``violated`` in the result, never hidden. An inline code
   that found no place is appended to the sentence, so no markup is ever dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from glossator.translate.copies import mend_copies
from glossator.translate.engine import TokenTranslation
from glossator.translate.repair import Words, place_spans
from glossator.translate.result import SegmentResult, TermResult
from glossator.translate.spans import (
    MAX_PLACEHOLDERS,
    PLACEHOLDER,
    POSSESSIVE_RUN,
    NameFinder,
    Span,
    TermFinder,
    code_spans,
    drop_possessive_slips,
    drop_repeated_slots,
    ends_before,
    literal_spans,
    mask,
    model_text,
    number_spans,
    overlaps,
    plan_terms,
    protect_numbers,
    realize,
    to_destinations,
)
from glossator.translate.stutter import collapse_repeats
from glossator.translate.termcheck import verify

__all__ = ["Enforcer", "Span", "make_enforcer", "mask", "plan_terms", "protect_numbers", "realize", "supports_placeholders",
           "verify", "PLACEHOLDER"]

DEFAULT_NBEST = 4


_VON_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:von|vom) $")
_GENITIVE_ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:des|eines) $", regex.IGNORECASE)
_NACH_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])nach $")


def _no_reason_for_possessive(source: str, span: Span) -> bool:
    """German has neither a genitive nor *von* for the span: a possessive after it in the English is a slip. A
    genitive article counts (*des Kremls Sprecher*): the span keeps no genitive mark there, as "of the …" is the
    model's business."""
    return not (span.genitive or ends_before(_VON_BEFORE, source, span.start)
                or ends_before(_GENITIVE_ARTICLE_BEFORE, source, span.start))


def _possessive_slips(job: _Job, hypothesis: str) -> int:
    """Placeholders the model followed with a possessive although German has neither a genitive nor *von* there."""
    slips = 0
    for m in PLACEHOLDER.finditer(hypothesis):
        k = int(m.group(1))
        if k >= len(job.spans) or job.spans[k].kind not in ("name", "term"):
            continue
        if POSSESSIVE_RUN.match(hypothesis, m.end()) and _no_reason_for_possessive(job.source, job.spans[k]):
            slips += 1
    return slips


def supports_placeholders(engine: object) -> bool:
    """Whether ``engine`` copies ``⟦k⟧`` placeholders: declared by the engine, or single pieces in its vocabulary."""
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


@dataclass
class _Job:
    index: int
    source: str
    context: str
    spans: list[Span]
    partials: list[TermResult]
    placeholder: bool = False
    model_source: str = ""
    positions: list[tuple[int, int]] = field(default_factory=list)
    best: str | None = None
    best_applied: list[bool] = field(default_factory=list)
    best_key: tuple[int, int, int] = (-1, 0, 0)
    base: object | None = None  # the hypothesis that kept most spans (pieces + attention)
    top: object | None = None  # the model's own best hypothesis: repairs start from it first
    how: str = ""

    @property
    def done(self) -> bool:
        return self.best is not None and all(self.best_applied)


_ESCAPES = {"⟦": "\U000F0000", "⟧": "\U000F0001"}


def _escape(text: str) -> str:
    for bracket, stand_in in _ESCAPES.items():
        text = text.replace(bracket, stand_in)
    return text


def _unescape(text: str) -> str:
    for bracket, stand_in in _ESCAPES.items():
        text = text.replace(stand_in, bracket)
    return text


class Enforcer:
    """Translate segments so that every protected span survives, and report the status of each.

    Args:
        engine: the translation engine (``translate.engine.ArgosEngine`` or anything with its methods).
        matcher: the glossary matcher, or ``None`` to translate without a glossary.
        placeholders: carry spans as ``⟦k⟧`` placeholders (default: when the engine copies them). ``False`` makes
            any model take the path of a model without placeholder training (``--no-placeholders``).
        names: the finder of names the glossary does not know (``translate.names.NameFinder``), or ``None``.
        nbest: hypotheses taken from the one beam search (1: the best only).
        protect_numbers: keep numbers of two or more digits, in English notation.
    """

    def __init__(self, engine, matcher: TermFinder | None = None, *, placeholders: bool | None = None,
                 names: NameFinder | None = None, nbest: int = DEFAULT_NBEST, protect_numbers: bool = True,
                 continuation: bool = False) -> None:
        self.engine = engine
        self.matcher = matcher
        self.placeholders = supports_placeholders(engine) if placeholders is None else bool(placeholders)
        self.names = names
        self.nbest = max(1, nbest)
        self.protect_numbers = protect_numbers
        self.continuation = continuation
        self.stats: dict[str, int] = {"plain": 0, "first pass": 0, "repair": 0, "violated": 0}

    @property
    def model_id(self) -> str:
        return getattr(self.engine, "model_id", "unknown")

    # -- planning -----------------------------------------------------------------------------------------------

    def plan(self, source: str, matcher: TermFinder | None = None, context: str = "",
             known: frozenset[str] = frozenset()) -> tuple[list[Span], list[TermResult]]:
        """The protected spans of ``source`` (sorted) and its partial glossary matches; ``known`` are the names
        the other sentences of the batch showed (``NameFinder.learn``)."""
        codes = code_spans(source)
        literals = literal_spans(source)
        terms, partials = plan_terms(source, matcher, context)
        # An address or a hashtag stays as written as a whole: no term inside it (www.pjöngjang-reisen.de).
        held = [(x.start, x.end) for x in literals]
        terms = [t for t in terms if not overlaps(t.start, t.end, held)]
        partials = [p for p in partials if not overlaps(p.start, p.end, held)]
        # A name or a term German gives no reason for a possessive after: a possessive the model writes is dropped.
        terms = [replace(t, no_possessive=True) if _no_reason_for_possessive(source, t) else t for t in terms]
        spans = [*codes, *literals, *terms]
        if self.names is not None:
            taken = [(s.start, s.end) for s in spans] + [(p.start, p.end) for p in partials]
            spans += [replace(name, no_possessive=True) if _no_reason_for_possessive(source, name) else name
                      for name in self.names.find(source, taken, known)]
        # A name or term right after "nach" is where someone goes: "to", not "after" (spans.to_destinations).
        spans = [replace(s, destination=True)
                 if s.kind in ("name", "term") and ends_before(_NACH_BEFORE, source, s.start)
                 else s for s in spans]
        if self.protect_numbers:
            spans += number_spans(source, [(s.start, s.end) for s in spans])
        return sorted(spans, key=lambda s: (s.start, s.end)), partials

    def _job(self, index: int, source: str, matcher: TermFinder | None, context: str,
             known: frozenset[str] = frozenset()) -> _Job:
        spans, partials = self.plan(source, matcher, context, known)
        # Slot order: spans that may travel as placeholders first, inline codes after them.
        spans = [s for s in spans if s.kind != "tag"] + [s for s in spans if s.kind == "tag"]
        job = _Job(index, source, context, spans, partials)
        literal = "⟦" in source or "⟧" in source
        carried = sum(s.kind != "tag" for s in spans)
        job.placeholder = bool(carried) and self.placeholders and not literal and carried <= MAX_PLACEHOLDERS
        job.model_source, job.positions = model_text(source, spans, job.placeholder)
        return job

    # -- translating --------------------------------------------------------------------------------------------

    def translate(self, sources: Sequence[str], *, matchers: Sequence[TermFinder | None] | None = None,
                  contexts: Sequence[str] | None = None) -> list[SegmentResult]:
        """Translate ``sources`` in batches; one finished result per source, in order.

        ``matchers`` gives each segment its own glossary (e.g. the per-line term lists of an evaluation set)
        instead of the enforcer's; ``contexts`` gives each segment its document's context (its dateline).
        """
        if matchers is not None and len(matchers) != len(sources):
            raise ValueError("matchers must give one matcher per source segment")
        if contexts is not None and len(contexts) != len(sources):
            raise ValueError("contexts must give one context per source segment")
        # Names that context shows in one sentence are names in the others (a surname alone, later on).
        known = self.names.learn(sources) if self.names is not None else frozenset()
        jobs = [
            self._job(i, source, matchers[i] if matchers is not None else self.matcher,
                      contexts[i] if contexts is not None else "", known)
            for i, source in enumerate(sources)
        ]
        plain = [j for j in jobs if not j.spans]
        if plain:
            for job, target in zip(plain, self.engine.translate([j.source for j in plain])):
                job.best, job.best_applied, job.how = target, [], "plain"
        work = [j for j in jobs if j.spans]
        if work:
            self._first_pass(work)
            self._repair([j for j in work if not j.done])
            if self.continuation:
                self._continue([j for j in work if j.how == "repair" and not j.placeholder])
        for job in work:
            if job.best is not None:
                job.best = to_destinations(job.best, job.spans)
        self._translate_leftovers(jobs)
        for job in jobs:
            if job.best is not None:
                if self.names is not None:
                    job.best = mend_copies(job.source, job.best, [s.target for s in job.spans], self.names)
                job.best = collapse_repeats(job.source, job.best)
            self.stats[job.how if job.done or not job.spans else "violated"] += 1
        return [self._result(j) for j in jobs]

    def _translate_leftovers(self, jobs: Sequence[_Job]) -> None:
        """German nouns the model copied into the English are translated on their own (``translate.leftover``):
        the lexicon that keeps names as written also says which words must not stay German."""
        from glossator.translate.leftover import fix

        if self.names is None:
            return
        done = [j for j in jobs if j.best is not None]
        fixed = fix([(j.source, j.best or "", [s.target for s in j.spans]) for j in done], self.engine, self.names)
        for job, target in zip(done, fixed):
            job.best = target

    def _first_pass(self, jobs: Sequence[_Job]) -> None:
        """One batched beam search for every segment with spans; each keeps its best hypothesis."""
        texts = [j.model_source for j in jobs]
        if hasattr(self.engine, "search"):
            found = self.engine.search(texts, num_hypotheses=self.nbest, attention=True)
            for job, hyps in zip(jobs, found):
                job.top = hyps[0] if hyps else None
                for hyp in hyps:
                    self._consider(job, hyp.text, "first pass", base=hyp)
        else:  # a text-only engine: n-best strings, no attention
            lists = self.engine.translate_nbest(texts, self.nbest) if self.nbest > 1 else [
                [t] for t in self.engine.translate(texts)]
            for job, hyps in zip(jobs, lists):
                job.top = hyps[0] if hyps else None
                for text in hyps:
                    self._consider(job, text, "first pass", base=text)

    def _consider(self, job: _Job, hypothesis: str, how: str, *, base: object | None = None) -> None:
        text = realize(hypothesis, job.spans) if job.placeholder else drop_possessive_slips(hypothesis, job.spans)
        applied = verify(text, job.spans)
        holes = slips = 0
        if job.placeholder:
            # A lost placeholder leaves a hole where its span stood: on a tie, a sentence without holes wins;
            # then one without a possessive German gives no reason for ("in dem ⟦0⟧ die Erlaubnis" → "⟦0⟧'s").
            present = {int(m.group(1)) for m in PLACEHOLDER.finditer(hypothesis)}
            holes = sum(1 for k in range(len(job.spans)) if k not in present)
            slips = _possessive_slips(job, hypothesis)
        key = (sum(applied), -holes, -slips)
        if job.best is None or key > job.best_key:
            job.best, job.best_applied, job.best_key, job.how = text, applied, key, how
            if base is not None:
                job.base = base

    def _repair(self, jobs: Sequence[_Job]) -> None:
        """Put lost spans back where the model wrote them, with no further decoding of the sentences."""
        if not jobs:
            return
        # Without attention, the model's own word for a term (the term translated alone) is the only way to find
        # where it wrote the term; with attention it adds nothing measurable (bench_terms, dev set) and costs a
        # decoding of every missing term, so it is asked for only then.
        text_only = not hasattr(self.engine, "search")
        wanted = sorted({s.text for j in jobs for s, ok in zip(j.spans, j.best_applied) if not ok
                         and s.kind == "term"}) if text_only else []
        isolated = dict(zip(wanted, self.engine.translate(wanted))) if wanted else {}
        offsets_of = getattr(self.engine, "piece_offsets", None)
        for job in jobs:
            # The model's best first: a lower hypothesis that kept one span more often bought it with words
            # tacked on ("… of Reuters and North Korea."); on a tie after repair the model's best stays.
            bases = [job.top] + ([job.base] if job.base is not job.top else [])
            for base in bases:
                if base is not None:
                    self._repair_one(job, base, isolated, offsets_of)

    def _repair_one(self, job: _Job, base: object, isolated: dict[str, str], offsets_of) -> None:
        """Repair one hypothesis of ``job`` and keep it when it keeps more spans than the best so far."""
        if isinstance(base, TokenTranslation):
            words = Words.from_pieces(base.target_tokens, base.attention, self.engine.decode)
            offsets = offsets_of(job.model_source) if offsets_of is not None else []
        else:
            words = Words.from_text(str(base))
            offsets = []
        missing = [k for k, ok in enumerate(verify(self._text_of(job, base), job.spans)) if not ok]
        if not job.placeholder:
            # The text's own ⟦…⟧ must not be taken for the slots repair writes.
            words.words = [_escape(w) for w in words.words]
        else:
            words.words = drop_repeated_slots(words.words, len(job.spans))
        placed = place_spans(words, job.spans, missing, model_source=job.model_source, offsets=offsets,
                             positions=job.positions, isolated=isolated)
        if placed is None:
            return
        if job.placeholder:
            self._consider(job, placed, "repair")
        else:
            # The base hypothesis still has the possessives the first pass dropped ("Iran's disputed").
            text = drop_possessive_slips(_unescape(realize(placed, job.spans)), job.spans)
            applied = verify(text, job.spans)
            if (sum(applied), 0, 0) > job.best_key:
                job.best, job.best_applied, job.best_key, job.how = text, applied, (sum(applied), 0, 0), "repair"

    def _continue(self, jobs: Sequence[_Job]) -> None:
        """Decode the repaired sentences again with their English forced up to the last span put back, so the
        model goes on fluently after it (CTranslate2's target prefix); kept only when no span is lost."""
        from glossator.translate.termcheck import rendering_spans

        todo, prefixes = [], []
        for job in jobs:
            if job.best is None or any(s.kind == "tag" for s in job.spans):
                continue
            ends = [end for s, ok in zip(job.spans, job.best_applied) if ok
                    for _, end in rendering_spans(job.best, s.target)[:1]]
            if not ends:
                continue
            todo.append(job)
            prefixes.append(self.engine.encode(job.best[: max(ends)]))
        if not todo or not hasattr(self.engine, "search"):
            return
        found = self.engine.search([j.model_source for j in todo], num_hypotheses=1, attention=False,
                                   prefixes=prefixes)
        for job, hyps in zip(todo, found):
            text = drop_possessive_slips(hyps[0].text, job.spans)
            applied = verify(text, job.spans)
            if sum(applied) >= sum(job.best_applied):
                job.best, job.best_applied = text, applied

    def _text_of(self, job: _Job, base: object) -> str:
        hypothesis = base.text if isinstance(base, TokenTranslation) else str(base)
        return realize(hypothesis, job.spans) if job.placeholder else hypothesis

    # -- results ------------------------------------------------------------------------------------------------

    def _result(self, job: _Job) -> SegmentResult:
        target = job.best if job.best is not None else ""
        applied = list(job.best_applied) or [False] * len(job.spans)
        # An inline code that found no place still comes out (at the end), reported: markup is never dropped.
        for k, span in enumerate(job.spans):
            if span.kind == "tag" and not applied[k]:
                target = target + span.target
        results = [s.result(ok) for s, ok in zip(job.spans, applied) if s.reported or not ok]
        results.extend(job.partials)
        results.sort(key=lambda r: r.start)
        return SegmentResult(index=job.index, line=0, source=job.source, target=target, terms=results)


def make_enforcer(engine, matcher: TermFinder | None, *, placeholders: bool = True, names: bool = True) -> Enforcer:
    """The enforcer of every product path (CLI, batch, review desk): the glossary, names kept as written,
    numbers and markup protected. ``placeholders=False`` is the ``--no-placeholders`` diagnostic."""
    from glossator.translate.names import NameFinder

    return Enforcer(engine, matcher, placeholders=None if placeholders else False,
                    names=NameFinder() if names else None)
