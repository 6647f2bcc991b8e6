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
    source = first["source"]
    nk, pj = source.index("Nordkorea"), source.index("Pjöngjang")
    assert first["terms"] == [
        {"source": "Nordkorea", "target": "North Korea", "status": "applied", "kind": "term", "entry_id": 1,
         "start": nk, "end": nk + 9},
        {"source": "Pjöngjang", "target": "Pyongyang", "status": "violated", "kind": "term", "entry_id": 2,
         "start": pj, "end": pj + 9},
    ]


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


XLF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="de"
 datatype="html"><body><trans-unit id="intro-7"><source>Das <g id="1">Außenministerium</g> teilte <x id="2"/>
am Freitag mit.</source></trans-unit></body></file></xliff>"""


def test_exports_carry_inline_codes_as_elements_and_keep_unit_ids(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text('<p>Der <b>Hund</b> und <a href="/k">die Katze</a> im Haus.</p>')
    (src / "b.xlf").write_text(XLF12)
    out = tmp_path / "out"
    summary = BatchRunner(Translator(), out_dir=out, model_id="fake", exports=["xliff", "tmx", "json"]).run([src])
    assert summary.ok and summary.segments == 2
    unit = etree.parse(str(out / "a.html.xlf")).find(".//x:unit", XLIFF_NS)
    source = unit.find("x:segment/x:source", XLIFF_NS)
    # Whole sentence, codes as XLIFF elements pointing at the original markup.
    assert "".join(source.itertext()) == "Der Hund und die Katze im Haus."
    assert [(etree.QName(e).localname, e.get("id") or e.get("startRef")) for e in source] == [
        ("sc", "c1"), ("ec", "c1"), ("sc", "c3"), ("ec", "c3")]
    data = {d.get("id"): d.text for d in unit.iterfind("x:originalData/x:data", XLIFF_NS)}
    assert data == {"d1": "<b>", "d2": "</b>", "d3": '<a href="/k">', "d4": "</a>"}
    target = unit.find("x:segment/x:target", XLIFF_NS)
    assert "".join(target.itertext()) == "The dog and the cat in the house."
    assert len(target) == 4
    seg = etree.parse(str(out / "a.html.tmx")).find(".//tu/tuv[1]/seg")
    assert [(e.tag, e.get("i"), e.text) for e in seg] == [("bpt", "1", "<b>"), ("ept", "1", "</b>"),
                                                         ("bpt", "3", '<a href="/k">'), ("ept", "3", "</a>")]
    xlf_unit = etree.parse(str(out / "b.xlf.xlf")).find(".//x:unit", XLIFF_NS)
    assert xlf_unit.get("id") == "intro-7"  # the input's unit id
    assert [etree.QName(e).localname for e in xlf_unit.find("x:segment/x:source", XLIFF_NS)] == ["sc", "ec", "ph"]
    assert etree.parse(str(out / "b.xlf.tmx")).find(".//tu").get("tuid") == "b.xlf#intro-7"
    first = json.loads((out / "a.html.json").read_text())["segments"][0]
    assert first["codes"] == ["<b>", "</b>", '<a href="/k">', "</a>"]


class Dropper(Translator):
    """Says it places inline codes, then loses every one (what a weak model might do)."""


    def translate(self, sources: Sequence[str]) -> list[SegmentResult]:
        results = super().translate(sources)
        for r in results:
            r.target = "".join(ch for ch in r.target if not "\ue000" <= ch <= "\ue8ff")
        return results


def test_a_lost_code_is_put_back_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text("<p>Der <b>Hund</b> ist gut.</p>")
    summary = BatchRunner(Dropper(), out_dir=tmp_path / "out", model_id="fake").run([src])
    assert summary.ok
    assert (tmp_path / "out" / "a.html").read_text() == "<p>The dog is good.<b></b></p>"
    (outcome,) = summary.files
    assert outcome.repairs == 2 and "lost in the translation" in outcome.message
