"""Exports of a batch: XLIFF 2.1 and TMX 1.4b parse with one unit per segment; JSON; an escaped HTML report."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from glossator.translate.batch import BatchRunner
from glossator.translate.exports.report import to_report
from glossator.translate.fake import FakeEngine
from glossator.translate.result import SegmentResult, TermResult

XLIFF_NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


class Translator:
    """FakeEngine with a Nordkorea term check (a stand-in for the Enforcer's ``translate``)."""

    def __init__(self) -> None:
        self.engine = FakeEngine()

    def translate(self, sources: Sequence[str]) -> list[SegmentResult]:
        out = []
        for i, (s, t) in enumerate(zip(sources, self.engine.translate(sources))):
            k = s.find("Nordkorea")
            terms = [TermResult("Nordkorea", "North Korea", "applied", 1, k, k + 9)] if k >= 0 else []
            if "Pjöngjang" in s:
                terms.append(TermResult("Pjöngjang", "Pyongyang", "violated", 2, s.find("Pjöngjang"),
                                        s.find("Pjöngjang") + 9))
            out.append(SegmentResult(i, 0, s, t, terms))
        return out


def _run(tmp_path: Path) -> tuple[Path, int]:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Nordkorea und Pjöngjang. Der Hund <script>alert(1)</script>.\n\nDie Katze & ich.\n")
    (src / "b.md").write_text("# Der Tag\n\nDie Woche.\n")
    out = tmp_path / "out"
    summary = BatchRunner(Translator(), out_dir=out, model_id="fake", exports=["xliff", "tmx", "json", "report"]
                          ).run([src])
    assert summary.ok and summary.problems == 1
    return out, summary.segments


def test_exports_parse_and_counts_match(tmp_path: Path) -> None:
    out, total = _run(tmp_path)
    counted = 0
    for name in ("a.txt", "b.md"):
        segments = json.loads((out / f"{name}.json").read_text())["segments"]
        xliff = etree.parse(str(out / f"{name}.xlf"))
        tmx = etree.parse(str(out / f"{name}.tmx"))
        assert xliff.getroot().get("version") == "2.1"
        units = xliff.findall(".//x:unit", XLIFF_NS)
        assert len(units) == len(segments) == len(tmx.findall(".//tu"))
        assert [u.findtext("x:segment/x:source", namespaces=XLIFF_NS) for u in units] == [
            s["source"] for s in segments]
        assert [tu.findtext("tuv[2]/seg") for tu in tmx.findall(".//tu")] == [s["target"] for s in segments]
        assert tmx.getroot().get("version") == "1.4"
        counted += len(segments)
    assert counted == total
    notes = [n.text for n in etree.parse(str(out / "a.txt.xlf")).iterfind(".//x:note", XLIFF_NS)]
    assert notes == ["Nordkorea → North Korea (applied)", "Pjöngjang → Pyongyang (violated)"]
    first = json.loads((out / "a.txt.json").read_text())["segments"][0]
    assert first["terms"] == [{"source": "Nordkorea", "target": "North Korea", "status": "applied", "kind": "term"},
                              {"source": "Pjöngjang", "target": "Pyongyang", "status": "violated", "kind": "term"}]


def test_report_highlights_and_escapes(tmp_path: Path) -> None:
    out, _ = _run(tmp_path)
    page = (out / "a.txt.report.html").read_text()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<mark class="applied"' in page and '<mark class="violated"' in page
    assert "Die Katze &amp; ich." in page
    assert "1 term problems" in page


def test_report_escapes_names_and_notes() -> None:
    r = SegmentResult(0, 1, 'A "b" <i>', "x", [TermResult('<b>', '"q"', "partial", None, 5, 8)])
    page = to_report('<evil>.txt', [r]).decode()
    assert "<evil>" not in page and "<b>" not in page.replace("<body>", "")
