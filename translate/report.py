"""The term report: how each glossary rendering fared across a document or a batch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossator.translate.result import SegmentResult

if TYPE_CHECKING:  # pragma: no cover
    from glossator.glossary.matcher import Matcher


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


def term_report(segments: list[SegmentResult], matcher: Matcher | None) -> str:
    """What ``--report`` prints (single files and batches alike): the term summary, then inconsistent names."""
    from glossator.translate.consistency import format_name_reports, inconsistent_names

    return format_term_summary(summarize_terms(segments)) + "\n" + format_name_reports(
        inconsistent_names(segments, matcher))
