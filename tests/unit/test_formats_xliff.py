"""XLIFF 2.x: untranslated segments get targets, the rest is kept; DTDs and entities are refused."""

from __future__ import annotations

import pytest
from lxml import etree

from glossator.translate.formats import FormatError, format_for

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
XLF = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de">
 <file id="f1">
  <unit id="1"><segment><source>Der Hund ist gut. Die Katze nicht.</source></segment></unit>
  <unit id="2"><segment state="final"><source>Die Katze.</source><target>The cat.</target></segment></unit>
  <unit id="3" translate="no"><segment><source>Der Tag.</source></segment></unit>
  <unit id="4"><segment><source>Der <pc id="1">Hund</pc> und <ph id="2"/> die Katze.</source><target/></segment></unit>
  <unit id="5"><segment state="initial"><source>Die Woche.</source><target>old</target></segment></unit>
 </file>
</xliff>"""


def test_xliff_translates_only_untranslated_units() -> None:
    doc = format_for("a.xlf").parse(XLF)
    assert doc.segments == ["Der Hund ist gut.", "Die Katze nicht.", "Der \ue000Hund\ue001 und \ue002 die Katze.",
                            "Die Woche."]
    assert doc.ids == ["1", "1", "4", "5"]  # the units' own ids
    out = etree.fromstring(doc.render(["EN0", "EN1", "The \ue000dog\ue001 and \ue002 the cat.", "EN3"]))
    targets = {u.get("id"): u.find("x:segment/x:target", NS) for u in out.iterfind(".//x:unit", NS)}
    assert "".join(targets["1"].itertext()) == "EN0 EN1"
    assert targets["2"].text == "The cat."
    assert targets["3"] is None
    assert etree.tostring(targets["4"]).decode().endswith('>The <pc id="1">dog</pc> and <ph id="2"/> the cat.</target>')
    assert targets["5"].text == "EN3"
    assert out.get("trgLang") == "en"
    states = [s.get("state") for s in out.iterfind(".//x:segment", NS)]
    assert states == ["translated", "final", None, "translated", "translated"]


def test_xliff_2_target_without_state_is_initial_as_the_schema_says() -> None:
    xlf = XLF.replace(b'<segment state="final"><source>Die Katze.</source>', b"<segment><source>Die Katze.</source>")
    doc = format_for("a.xlf").parse(xlf)
    assert "Die Katze." in doc.segments  # state defaults to "initial": the target is a draft to replace


XLF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.html" source-language="de" datatype="html"><body>
  <trans-unit id="t1"><source>Das <g id="1">Außenministerium</g> teilte <bx id="2"/>am Freitag<ex id="2"/> mit.<x id="3"/></source></trans-unit>
  <trans-unit id="t2"><source>Der Hund.</source><target>The dog.</target></trans-unit>
  <trans-unit id="t3"><source>Die <bpt id="5">&lt;b&gt;</bpt>Katze<ept id="5">&lt;/b&gt;</ept>.</source><target state="new">x</target></trans-unit>
  <trans-unit id="t4" translate="no"><source>Der Tag.</source></trans-unit>
  <trans-unit id="t5" approved="yes"><source>Die Woche.</source><target state="needs-translation">y</target></trans-unit>
 </body></file>
</xliff>""".encode()
NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def test_xliff_1_2_is_read_and_written_with_its_inline_codes() -> None:
    doc = format_for("a.xliff").parse(XLF12)
    # A target without state is a translation in 1.2 (no default); "new" is not; approved units are kept.
    assert doc.segments == ["Das \ue000Außenministerium\ue001 teilte \ue002am Freitag\ue003 mit.",
                            "Die \ue000Katze\ue001."]
    assert doc.ids == ["t1", "t3"]
    out = etree.fromstring(doc.render(["\ue002On Friday\ue003 the \ue000State Department\ue001 announced.",
                                       "The \ue000cat\ue001."]))
    units = {u.get("id"): u for u in out.iterfind(".//x:trans-unit", NS12)}
    t1 = units["t1"].find("x:target", NS12)
    assert etree.tostring(t1, with_tail=False).decode().split(">", 1)[1] == (
        '<bx id="2"/>On Friday<ex id="2"/> the <g id="1">State Department</g> announced.<x id="3"/></target>')
    assert t1.get("state") == "translated"
    assert [c.tag.split("}")[1] for c in units["t3"].find("x:target", NS12)] == ["bpt", "ept"]
    assert units["t3"].find("x:target", NS12).find("x:bpt", NS12).text == "<b>"
    assert units["t2"].find("x:target", NS12).text == "The dog."
    assert units["t4"].find("x:target", NS12) is None
    assert units["t5"].find("x:target", NS12).text == "y"
    assert out.find("x:file", NS12).get("target-language") == "en"
    assert doc.repairs == []


def test_xliff_rejects_entities() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"><unit id="1">
<segment><source>&b;</source></segment></unit></file></xliff>"""
    with pytest.raises(FormatError, match="DTD or entities"):
        format_for("a.xlf").parse(bomb)


def test_other_xliff_versions_and_garbage_fail_clearly() -> None:
    with pytest.raises(FormatError, match="not XLIFF 1.2 or 2.x"):
        format_for("a.xliff").parse(b'<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"/>')
    with pytest.raises(FormatError, match="not well-formed"):
        format_for("a.xlf").parse(b"<xliff")
