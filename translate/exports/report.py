"""A side-by-side HTML report of one file: source and target, glossary hits green, problems red.

Every piece of text is escaped; the page loads nothing from outside.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from glossator.translate.formats.base import Code
from glossator.translate.inline import CODE
from glossator.translate.result import SegmentResult, TermResult
from glossator.translate.termcheck import rendering_spans

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
td, th { border-top: 1px solid #ddd; padding: .4em .6em; vertical-align: top; text-align: left; }
td.n { color: #888; width: 3em; }
mark.applied { background: #d4f5d4; }
mark.violated, mark.partial { background: #ffd2d2; }
tr.problem td.n { border-left: 4px solid #d33; }
.terms { font-size: 85%; color: #555; }
"""


def _mark(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    out, pos = [], 0
    for start, end, status, title in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{status}" title="{html.escape(title)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _target_spans(target: str, terms: list[TermResult]) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    for t in terms:
        if t.status != "violated":
            spans.extend((start, end, t.status, f"{t.source} → {t.target}")
                         for start, end in rendering_spans(target, t.target))
    return spans


def _visible(text: str) -> str:
    """Inline codes as visible marks, one character each so term offsets stay right."""
    return CODE.sub("\u25c7", text)


def to_report(name: str, results: Sequence[SegmentResult], *, codes: Sequence[Sequence[Code]] = (),
              ids: Sequence[str] = ()) -> bytes:
    hits = sum(1 for r in results for t in r.terms if t.status == "applied")
    problems = sum(len(r.problems) for r in results)
    rows = []
    for r in results:
        src = _mark(_visible(r.source), [(t.start, t.end, t.status, f"{t.target} ({t.status})") for t in r.terms])
        tgt = _mark(_visible(r.target), _target_spans(r.target, r.terms))
        notes = "; ".join(f"{t.source} → {t.target}: {t.status}" for t in r.terms)
        cls = ' class="problem"' if r.problems else ""
        rows.append(
            f"<tr{cls}><td class=n>{r.index + 1}</td><td>{src}</td>"
            f'<td>{tgt}<div class="terms">{html.escape(notes)}</div></td></tr>'
        )
    title = html.escape(name)
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title} · Glossator report</title>'
        f"<style>{_CSS}</style></head><body>\n<h1>{title}</h1>\n"
        f"<p>{len(results)} segments · {hits} glossary terms applied · {problems} term problems</p>\n"
        f"<table><thead><tr><th>#</th><th>German</th><th>English</th></tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></body></html>\n"
    )
    return page.encode("utf-8")
