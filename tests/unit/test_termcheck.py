"""One term check: the enforcer, the review desk, batch's memory hits and the HTML report agree on whether a
rendering stands in the English."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.glossary.matcher import Matcher
from glossator.glossary.model import Entry
from glossator.translate.batch import BatchRunner, finished_segments
from glossator.translate.enforce import Enforcer
from glossator.translate.exports.report import to_report
from glossator.translate.fake import FakeEngine
from glossator.translate.memory import TranslationMemory
from glossator.translate.project import check_terms
from glossator.translate.result import SegmentResult, TermResult
from glossator.translate.termcheck import check_english, rendering_spans, verify

SOURCE = "Der Kremlchef und Nordkorea und Nordkorea."


@pytest.fixture
def matcher() -> Matcher:
    rows = [("Nordkorea", "North Korea", "place"), ("Kreml", "Kremlin", "org")]
    return Matcher([Entry(id=i + 1, source=s, target=t, type=ty) for i, (s, t, ty) in enumerate(rows)])


def statuses(terms) -> list[tuple[str, int, str]]:
    return [(t.source, t.start, t.status) for t in terms]


def memory_path_statuses(tmp_path: Path, matcher: Matcher, english: str) -> list[tuple[str, int, str]]:
    """What batch translation reports for ``SOURCE`` when its English comes from the translation memory."""
    memory = TranslationMemory(tmp_path / "memory.db")
    memory.store(SOURCE, english, model_id="fake", glossary_revision=0, origin="approved")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SOURCE + "\n", encoding="utf-8")
    engine = FakeEngine()
    summary = BatchRunner(Enforcer(engine, matcher), out_dir=tmp_path / "out", model_id="fake",
                          glossary_revision=0, memory=memory).run([tmp_path / "in"])
    memory.close()
    assert summary.memory_hits == 1 and engine.calls == []
    [segment] = finished_segments(tmp_path / "out", ["a.txt"])
    return statuses(segment.terms)


def test_enforcer_desk_and_memory_agree_on_the_issue_sentence(matcher: Matcher, tmp_path: Path) -> None:
    [enforced] = Enforcer(FakeEngine(), matcher).translate([SOURCE])
    expected = [("Kremlchef", 4, "partial"), ("Nordkorea", 18, "applied"), ("Nordkorea", 32, "applied")]
    assert statuses(enforced.terms) == expected
    assert statuses(check_terms(SOURCE, enforced.target, matcher)) == expected  # the review desk
    assert memory_path_statuses(tmp_path, matcher, enforced.target) == expected


def test_a_rendering_counts_once_per_occurrence_everywhere(matcher: Matcher, tmp_path: Path) -> None:
    english = "The Kremlin chief and North Korea."  # the second Nordkorea lost
    expected = [("Kremlchef", 4, "partial"), ("Nordkorea", 18, "applied"), ("Nordkorea", 32, "violated")]
    assert statuses(check_terms(SOURCE, english, matcher)) == expected
    assert memory_path_statuses(tmp_path, matcher, english) == expected


def test_a_partial_match_stays_partial_whatever_the_english(matcher: Matcher) -> None:
    for english in ("The Kremlin chief.", "The head of Russia.", ""):
        [kreml] = [t for t in check_terms("Der Kremlchef sprach.", english, matcher)]
        assert kreml.status == "partial" and kreml.target == "Kremlin"


def test_whole_words_any_case_any_white_space(matcher: Matcher) -> None:
    source = "Nordkorea."
    assert [t.status for t in check_english(source, "NORTH KOREA.", matcher)] == ["applied"]
    assert [t.status for t in check_english(source, "North\nKorea.", matcher)] == ["applied"]
    assert [t.status for t in check_english(source, "North Koreans.", matcher)] == ["violated"]
    assert [t.status for t in check_english(source, "Southnorth Korea.", matcher)] == ["violated"]


def test_verify_counts_each_occurrence_once() -> None:
    terms = [TermResult("a", "North Korea", "applied"), TermResult("b", "north korea", "applied"),
             TermResult("c", "Seoul", "applied")]
    assert verify("North Korea and North Korea.", terms) == [True, True, False]
    assert verify("North Korea met Seoul.", terms) == [True, False, True]


def test_do_not_translate_entry_requires_the_german_itself() -> None:
    matcher = Matcher([Entry(id=1, source="Jung Pak", target="", type="person", dnt=True)])
    assert [t.status for t in check_english("Jung Pak sagte.", "Jung Pak said.", matcher)] == ["applied"]
    assert [t.status for t in check_english("Jung Pak sagte.", "Pak said.", matcher)] == ["violated"]


def test_report_marks_the_same_spans_the_desk_does() -> None:
    assert rendering_spans("Kremlinology and the Kremlin, the KREMLIN.", "Kremlin") == [(21, 28), (34, 41)]
    result = SegmentResult(0, 1, "Der Kreml.", "Kremlinology and the Kremlin.",
                           [TermResult("Kreml", "Kremlin", "applied", 1, 4, 9)])
    page = to_report("a.txt", [result]).decode()
    assert 'Kremlinology and the <mark class="applied" title="Kreml → Kremlin">Kremlin</mark>.' in page


def test_a_name_is_kept_only_as_written_a_term_in_any_case():
    from glossator.translate.spans import Span
    from glossator.translate.termcheck import verify

    name = Span(0, 6, "Winter", "Winter", "name")
    term = Span(0, 6, "Winter", "Winter", "term")
    # "winter" is the season, not the surname: the model translated the name.
    assert verify("The talks with winter were good.", [name, term]) == [False, True]
    assert verify("The talks with Winter were good.", [name, term]) == [True, True]
    # A sentence may capitalise a name's first letter (de Maizière), nothing else.
    particle = Span(0, 11, "de Maizière", "de Maizière", "name")
    assert verify("De Maizière said so.", [particle]) == [True]
    assert verify("DE MAIZIÈRE said so.", [particle]) == [False]
