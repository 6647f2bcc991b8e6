"""XLIFF 2.x, XLIFF 1.2 and TMX 1.4b that Glossator writes validate against schemas (tests/schemas: subsets of
the standards written for these tests) with lxml's XML Schema validator: exports of a batch and rewritten
XLIFF files, inline codes included."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from glossator.translate.batch import BatchRunner
from glossator.translate.fake import FakeEngine
from glossator.translate.formats import format_for

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def _valid(schema: etree.XMLSchema, data: bytes) -> None:
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log


class Fake:

    def __init__(self) -> None:
        self.engine = FakeEngine()

    def translate(self, sources, contexts=None):
        from glossator.translate.result import SegmentResult

        return [SegmentResult(i, 0, s, t) for i, (s, t) in enumerate(zip(sources, self.engine.translate(sources)))]


XLF12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="de"
 datatype="html"><body><group><trans-unit id="t1"><source>Das <g id="1">Ministerium</g> teilte <bx id="2"/>am
 Freitag<ex id="2"/> mit.<x id="3"/> Der <bpt id="4">&lt;i&gt;</bpt>Hund<ept id="4">&lt;/i&gt;</ept>.</source>
 </trans-unit></group></body></file></xliff>"""
XLF2 = b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de"><file id="f"><unit id="u1">
<segment><source>Der <pc id="1">Hund</pc> und <ph id="2"/> die <sc id="3"/>Katze<ec startRef="3"/>.</source></segment>
</unit></file></xliff>"""


def test_rewritten_xliff_files_validate() -> None:
    for data, schema in ((XLF12, "xliff12-subset.xsd"), (XLF2, "xliff2-core-subset.xsd")):
        _valid(_schema(schema), data)  # the input is valid
        doc = format_for("a.xlf").parse(data)
        # hostile: the codes reversed in every segment
        out = doc.render(["".join(reversed(s)) for s in doc.segments])
        _valid(_schema(schema), out)


@pytest.mark.parametrize("hostile", [False, True])
def test_batch_exports_validate(tmp_path: Path, hostile: bool) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text('<p>Der <b>Hund</b> und <a href="/k">die Katze</a>.<br>Der Tag.</p>')
    (src / "b.xlf").write_bytes(XLF12)
    (src / "c.md").write_text("Der *Hund* und **die `x` Katze**.\n")
    translator = Fake()
    if hostile:  # codes reversed, one lost: the exports must still be valid
        inner = translator.translate
        translator.translate = lambda sources, contexts=None: [  # type: ignore[method-assign]
            type(r)(r.index, r.line, r.source, "".join(reversed(r.target))[1:]) for r in inner(sources)]
    summary = BatchRunner(translator, out_dir=tmp_path / "out", model_id="fake", exports=["xliff", "tmx"]).run([src])
    assert summary.ok, summary.files
    for name in ("a.html", "b.xlf", "c.md"):
        _valid(_schema("xliff2-core-subset.xsd"), (tmp_path / "out" / f"{name}.xlf").read_bytes())
        _valid(_schema("tmx14-subset.xsd"), (tmp_path / "out" / f"{name}.tmx").read_bytes())
    _valid(_schema("xliff12-subset.xsd"), (tmp_path / "out" / "b.xlf").read_bytes())


def test_the_schemas_refuse_what_the_standards_refuse() -> None:
    bad_xliff2 = XLF2.replace(b'<unit id="u1">', b"<unit>")  # a unit needs an id
    assert not _schema("xliff2-core-subset.xsd").validate(etree.fromstring(bad_xliff2))
    bad_inline = XLF2.replace(b'<ph id="2"/>', b"<ph/>")  # so does a placeholder
    assert not _schema("xliff2-core-subset.xsd").validate(etree.fromstring(bad_inline))
    bad_xliff12 = XLF12.replace(b'<g id="1">', b"<g>")
    assert not _schema("xliff12-subset.xsd").validate(etree.fromstring(bad_xliff12))
    tmx = (b'<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
           b'adminlang="en" srclang="de" datatype="plaintext"/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>')
    assert not _schema("tmx14-subset.xsd").validate(etree.fromstring(tmx))  # a tuv needs xml:lang
    assert _schema("tmx14-subset.xsd").validate(etree.fromstring(tmx.replace(b"<tuv>", b'<tuv xml:lang="de">')))
