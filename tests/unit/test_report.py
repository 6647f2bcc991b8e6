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


def test_qa_warnings_by_file_and_line_are_the_desks_checks():
    from glossator.translate.qa import check_segment
    from glossator.translate.report import format_qa_warnings, qa_warnings

    first = [
        SegmentResult(0, 1, "Es kamen 1.500 Menschen.", "1,500 people came.", []),  # the same number: fine
        SegmentResult(1, 4, "Es kamen 300 Menschen.", "350 people came.", []),
    ]
    second = [SegmentResult(0, 2, "Die Verhandlungen begannen.", "The Verhandlungen began.", [])]
    warnings = qa_warnings([("a.txt", first), ("sub/b.md", second)])
    assert [(name, line, issue.kind) for name, line, issue in warnings] == [
        ("a.txt", 4, "number"), ("a.txt", 4, "number"), ("sub/b.md", 2, "untranslated")]
    # One implementation: exactly what the review desk shows for the same segment.
    assert [issue for _n, _l, issue in warnings[:2]] == check_segment(first[1].source, first[1].target)
    text = format_qa_warnings([("a.txt", first), ("sub/b.md", second)]).splitlines()
    assert text[0] == "QA: 3 warnings in 2 segments (file:line, check, message)."
    assert text[1].startswith("  a.txt:4  number") and "300" in text[1]
    assert text[3] == "  sub/b.md:2  untranslated German left in the English: Verhandlungen."
    assert format_qa_warnings([("a.txt", first[:1])]) == "QA: no warnings."


def test_a_lost_name_with_a_suggestion_says_both():
    from glossator.translate.report import format_span_problems

    lost = SegmentResult(0, 4, "Sprecher Peskow sagte.", "The spokesman said.",
                         [TermResult("Peskow", "Peskow", "violated", None, 9, 15, kind="name", suggestion="Peskov")])
    text = format_span_problems([lost])
    assert "lost name   'Peskow' (English needs 'Peskow'; English usually writes 'Peskov')  lines 4" in text
    assert text.splitlines()[0] == "Names: 0 kept as written, 1 lost or altered."


def test_a_lost_literal_is_reported_as_an_address_and_warned_about():
    from glossator.translate.qa import check_segment
    from glossator.translate.report import format_span_problems

    terms = [TermResult("#Quolm2024", "#Quolm2024", "violated", None, 12, 22, kind="literal")]
    lost = SegmentResult(0, 7, "Mehr unter #Quolm2024.", "More under #Quolm.", terms)
    assert "lost address '#Quolm2024' (English needs '#Quolm2024')  lines 7" in format_span_problems([lost])
    [issue] = check_segment(lost.source, lost.target, terms)
    assert issue.kind == "literal" and "#Quolm2024" in issue.message
