"""Names outside the glossary that come out differently in different segments are reported."""

from glossator.translate.consistency import format_name_reports, inconsistent_names
from glossator.translate.result import SegmentResult


def seg(line, source, target):
    return SegmentResult(index=line, line=line, source=source, target=target)


def test_name_kept_in_one_segment_but_not_another_is_reported_with_a_suggestion():
    segments = [
        seg(1, "Der Gesandte Jung Pak sprach mit Peking.", "The envoy Jung Pak spoke with Beijing."),
        seg(2, "Später sagte Jung Pak nichts.", "Later, Jung Park said nothing."),
        seg(3, "Die Beraterin Bonnie Jenkins reiste ab.", "The adviser Bonnie Jenkins left."),
    ]
    [report] = inconsistent_names(segments)
    assert (report.name, report.segments, report.kept, report.lines) == ("Jung Pak", 2, 1, [2])
    assert report.suggestion == {"source": "Jung Pak", "target": "Jung Pak", "type": "person"}
    text = format_name_reports([report])
    assert "Jung Pak: kept in 1 of 2 segments (lost on lines 2)" in text


def test_consistent_names_are_not_reported():
    segments = [seg(1, "Jung Pak sprach.", "Jung Pak spoke."), seg(2, "Dann sprach Jung Pak.", "Then Jung Pak spoke.")]
    assert inconsistent_names(segments) == []
    assert format_name_reports([]).startswith("Names: every name")
