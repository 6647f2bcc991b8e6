"""Consistency of names the glossary does not know: the same German name must come out the same everywhere.

A name (found with the glossary's own candidate finder, ``glossary.suggest``) that the model copies in some
segments and renders otherwise in others is reported with a suggested glossary entry, so the desk can pin it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from glossator.glossary.matcher import Matcher
from glossator.glossary.suggest import suggest_terms
from glossator.translate.result import SegmentResult

NAME_TYPES = ("person", "name", "place")


@dataclass
class NameReport:
    """A name rendered inconsistently: in how many segments it stood, in how many the output kept it."""

    name: str
    type: str
    segments: int = 0
    kept: int = 0
    lines: list[int] = field(default_factory=list)  # the lines whose translation lost the name

    @property
    def suggestion(self) -> dict[str, str]:
        kind = "person" if self.type in ("person", "name") else "place"
        return {"source": self.name, "target": self.name, "type": kind}

    def to_json(self) -> dict:
        return {"name": self.name, "segments": self.segments, "kept": self.kept, "lines": self.lines,
                "suggestion": self.suggestion}


def _contains(text: str, name: str) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(regex.escape(w) for w in name.split()) + r"(?!\w)"
    return regex.search(pattern, text, regex.IGNORECASE) is not None


def inconsistent_names(segments: Iterable[SegmentResult], matcher: Matcher | None = None) -> list[NameReport]:
    """Names outside the glossary kept in some translations but not in others, most segments first."""
    matcher = matcher if matcher is not None else Matcher([])
    reports: dict[str, NameReport] = {}
    for seg in segments:
        for cand in suggest_terms(seg.source, matcher):
            if cand.type not in NAME_TYPES or cand.text.isupper():
                continue
            report = reports.setdefault(cand.text, NameReport(cand.text, cand.type))
            report.segments += 1
            if _contains(seg.target, cand.text):
                report.kept += 1
            elif seg.line not in report.lines:
                report.lines.append(seg.line)
    found = [r for r in reports.values() if 0 < r.kept < r.segments]
    return sorted(found, key=lambda r: (-r.segments, r.name))


def format_name_reports(reports: Sequence[NameReport]) -> str:
    if not reports:
        return "Names: every name outside the glossary was rendered consistently."
    lines = ["Names rendered inconsistently (suggested entries):"]
    for r in reports:
        where = ",".join(str(n) for n in r.lines[:8])
        lines.append(f"  {r.name}: kept in {r.kept} of {r.segments} segments (lost on lines {where}); "
                     f"suggest: glossator glossary add {r.name!r} {r.name!r} --type {r.suggestion['type']}")
    return "\n".join(lines)
