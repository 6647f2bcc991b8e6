"""The term report summarises statuses per rendering, problems first."""

from glossator.translate.report import format_term_summary, summarize_terms
from glossator.translate.result import SegmentResult, TermResult


def seg(line, *terms):
    return SegmentResult(index=line - 1, line=line, source="s", target="t",
                         terms=[TermResult(src, tgt, status) for src, tgt, status in terms])


def test_summary_counts_statuses_per_rendering_and_lists_problem_lines():
    segments = [
        seg(1, ("Moskau", "Moscow", "applied"), ("Außenministerium", "State Department", "violated")),
        seg(3, ("Außenministeriums", "State Department", "applied"), ("Kremlchef", "Kremlin", "partial")),
        seg(5, ("Moskau", "Moscow", "applied")),
    ]
    summaries = summarize_terms(segments)
    assert [s.target for s in summaries] == ["State Department", "Kremlin", "Moscow"]
    state = summaries[0]
    assert (state.applied, state.violated, state.partial) == (1, 1, 0)
    assert state.sources == ["Außenministerium", "Außenministeriums"]
    assert state.problem_lines == [1]
    assert summaries[2].to_json() == {"target": "Moscow", "sources": ["Moskau"], "applied": 2, "violated": 0,
                                      "partial": 0, "problem_lines": []}
    text = format_term_summary(summaries)
    assert text.splitlines()[-1] == "Terms: 3 applied, 1 violated, 1 partial."
    assert "State Department" in text.splitlines()[1]


def test_summary_of_no_terms_says_so():
    assert format_term_summary(summarize_terms([seg(1)])) == "Terms: no glossary terms in the input."
