"""XLIFF 2.x: untranslated segments get targets, the rest is kept; DTDs and entities are refused."""

from __future__ import annotations

import pytest
from lxml import etree

from glossator.translate.formats import FormatError, UnsupportedFile, format_for

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
    assert doc.segments == ["Der Hund ist gut.", "Die Katze nicht.", "Der", "und", "Hund", "die Katze.",
                            "Die Woche."]
    out = etree.fromstring(doc.render([f"EN{i}" for i in range(len(doc.segments))]))
    targets = {u.get("id"): u.find("x:segment/x:target", NS) for u in out.iterfind(".//x:unit", NS)}
    assert "".join(targets["1"].itertext()) == "EN0 EN1"
    assert targets["2"].text == "The cat."
    assert targets["3"] is None
    assert etree.tostring(targets["4"]).decode().endswith(
        '>EN2 <pc id="1">EN4</pc> EN3 <ph id="2"/> EN5</target>')
    assert targets["5"].text == "EN6"
    assert out.get("trgLang") == "en"
    states = [s.get("state") for s in out.iterfind(".//x:segment", NS)]
    assert states == ["translated", "final", None, "translated", "translated"]


def test_xliff_rejects_entities() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f"><unit id="1">
<segment><source>&b;</source></segment></unit></file></xliff>"""
    with pytest.raises(FormatError, match="DTD or entities"):
        format_for("a.xlf").parse(bomb)


def test_xliff_1_is_skipped_and_garbage_fails() -> None:
    with pytest.raises(UnsupportedFile):
        format_for("a.xliff").parse(b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>')
    with pytest.raises(FormatError, match="not well-formed"):
        format_for("a.xlf").parse(b"<xliff")
