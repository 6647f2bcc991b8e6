"""The report: how each glossary rendering fared across a document or a batch, every name, number or
inline code that did not come through (with the line it stands on), and the QA warnings the review desk shows
(:mod:`glossator.translate.qa`), by file and line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from glossator.translate.qa import QAIssue, check_segment
from glossator.translate.result import SegmentResult


@dataclass
class TermSummary:
    """One rendering of the glossary and what became of it: counts per status and where it went wrong."""

    target: str
    sources: list[str] = field(default_factory=list)  # the German spans matched, in order of first sight
    applied: int = 0
    violated: int = 0
    partial: int = 0
    problem_lines: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.applied + self.violated + self.partial

    def to_json(self) -> dict:
        return {"target": self.target, "sources": self.sources, "applied": self.applied,
                "violated": self.violated, "partial": self.partial, "problem_lines": self.problem_lines}


def summarize_terms(segments: Iterable[SegmentResult]) -> list[TermSummary]:
    """Per-rendering counts, problems first (most violations first), then by rendering."""
    by_target: dict[str, TermSummary] = {}
    for seg in segments:
        for term in seg.terms:
            if term.kind != "term":
                continue
            summary = by_target.setdefault(term.target, TermSummary(term.target))
            if term.source not in summary.sources:
                summary.sources.append(term.source)
            setattr(summary, term.status, getattr(summary, term.status) + 1)
            if term.status != "applied" and seg.line not in summary.problem_lines:
                summary.problem_lines.append(seg.line)
    return sorted(by_target.values(), key=lambda s: (-(s.violated + s.partial), -s.violated, s.target.casefold()))


def format_term_summary(summaries: list[TermSummary]) -> str:
    """A plain-text table for stderr: one row per rendering, and a totals line."""
    if not summaries:
        return "Terms: no glossary terms in the input."
    width = min(max(len(", ".join(s.sources)) for s in summaries), 40)
    rows = [f"{'German':<{width}}  {'English':<28} applied violated partial  lines"]
    for s in summaries:
        german = ", ".join(s.sources)
        if len(german) > width:
            german = german[: width - 1] + "…"
        lines = ",".join(str(n) for n in s.problem_lines[:8]) + ("…" if len(s.problem_lines) > 8 else "")
        rows.append(f"{german:<{width}}  {s.target[:28]:<28} {s.applied:>7} {s.violated:>8} {s.partial:>7}  {lines}")
    applied = sum(s.applied for s in summaries)
    violated = sum(s.violated for s in summaries)
    partial = sum(s.partial for s in summaries)
    rows.append(f"Terms: {applied} applied, {violated} violated, {partial} partial.")
    return "\n".join(rows)


@dataclass
class SpanProblem:
    """A name, number or inline code that did not come through as written, or a name with a suggestion."""

    kind: str
    source: str
    target: str
    status: str
    lines: list[int] = field(default_factory=list)
    suggestion: str = ""

    def to_json(self) -> dict:
        out = {"kind": self.kind, "source": self.source, "target": self.target, "status": self.status,
               "lines": self.lines}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


def span_problems(segments: Iterable[SegmentResult]) -> tuple[int, list[SpanProblem]]:
    """How many names were kept, and every name, number or code that was not (or that comes with a suggestion)."""
    kept = 0
    problems: dict[tuple[str, str, str], SpanProblem] = {}
    for seg in segments:
        for term in seg.terms:
            if term.kind == "term":
                continue
            if term.status == "applied" and not term.suggestion:
                kept += term.kind == "name"
                continue
            key = (term.kind, term.source, term.status)
            problem = problems.setdefault(key, SpanProblem(term.kind, term.source, term.target, term.status,
                                                           suggestion=term.suggestion))
            if seg.line not in problem.lines:
                problem.lines.append(seg.line)
    return kept, sorted(problems.values(), key=lambda p: (p.lines[:1], p.kind, p.source))


def format_span_problems(segments: Iterable[SegmentResult]) -> str:
    """Plain text for stderr: lost names, numbers and codes by line, and transliteration suggestions."""
    from shlex import quote

    kept, problems = span_problems(segments)
    lost = [p for p in problems if p.status == "violated"]
    advice = [p for p in problems if p.status != "violated"]
    rows = [f"Names: {kept} kept as written, {sum(p.kind == 'name' for p in lost)} lost or altered."]
    labels = {"name": "name", "number": "number", "tag": "markup", "literal": "address"}
    for p in lost:
        lines = ",".join(str(n) for n in p.lines[:8]) + ("…" if len(p.lines) > 8 else "")
        usually = f"; English usually writes {p.suggestion!r}" if p.suggestion else ""
        rows.append(f"  lost {labels.get(p.kind, p.kind):<6} {p.source!r} (English needs {p.target!r}{usually})  "
                    f"lines {lines}")
    for p in advice:
        lines = ",".join(str(n) for n in p.lines[:8])
        rows.append(f"  check  {p.source!r} is a German spelling; English usually writes {p.suggestion!r}  "
                    f"lines {lines}: glossator glossary add {quote(p.source)} {quote(p.suggestion)} "
                    "--type person")
    return "\n".join(rows)


def term_report(segments: Iterable[SegmentResult]) -> str:
    """What ``--report`` prints (single files and batches alike): the term summary, then the names, numbers and
    markup that did not come through."""
    segments = list(segments)
    return format_term_summary(summarize_terms(segments)) + "\n" + format_span_problems(segments)


def qa_warnings(files: Iterable[tuple[str, Sequence[SegmentResult]]]) -> list[tuple[str, int, QAIssue]]:
    """Every QA warning of the translated ``files`` ((name, segments) pairs) as (file, line, issue), in file and
    line order: the checks the review desk runs before approval and export, on the machine's English."""
    found: list[tuple[str, int, QAIssue]] = []
    for name, segments in files:
        for segment in sorted(segments, key=lambda s: (s.line, s.index)):
            found.extend((name, segment.line, issue)
                         for issue in check_segment(segment.source, segment.target, segment.terms))
    return found


def format_qa_warnings(files: Iterable[tuple[str, Sequence[SegmentResult]]]) -> str:
    """Plain text for stderr: a count, then one ``file:line  kind  message`` row per QA warning."""
    warnings = qa_warnings(files)
    segments = len({(name, line) for name, line, _issue in warnings})
    if not warnings:
        return "QA: no warnings."
    rows = [f"QA: {len(warnings)} warning{'s' if len(warnings) != 1 else ''} in {segments} "
            f"segment{'s' if segments != 1 else ''} (file:line, check, message)."]
    rows += [f"  {name}:{line}  {issue.kind:<12} {issue.message}" for name, line, issue in warnings]
    return "\n".join(rows)
