"""A sentence with inline markup, through the bundled model in every format: one segment, markup around the
right words, no repeated words (what shredding sentences at every tag produced)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def enforcer(bundled_model: Path, starter_matcher):
    from glossator.translate.enforce import Enforcer
    from glossator.translate.models import load_engine

    return Enforcer(load_engine(beam_size=2, threads=1), starter_matcher)


def _translate(name: str, data: bytes, enforcer) -> tuple[bytes, list[str]]:
    from glossator.translate.document import translate_parsed
    from glossator.translate.formats import format_for

    doc = format_for(name).parse(data)
    assert len(doc.segments) == 1  # the sentence is whole across its markup
    (results,) = translate_parsed([doc], enforcer)
    english = results[0].target
    assert not re.search(r"\b(\w+)(?: \1\b){2,}", english), english  # no "told told told"
    return doc.render([r.target for r in results]), doc.repairs


def _check(bold: list[str]) -> None:
    assert len(bold) == 2
    assert "ministry" in bold[0].lower() or "department" in bold[0].lower(), bold
    assert "friday" in bold[1].lower(), bold


def test_html(enforcer) -> None:
    out, repairs = _translate("a.html", "<p>Das <b>Außenministerium</b> teilte <b>am Freitag</b> mit.</p>".encode(),
                              enforcer)
    tree = lxml_html.fragment_fromstring(out.decode())
    _check([b.text_content() for b in tree.iter("b")])
    assert not repairs


def test_markdown(enforcer) -> None:
    from markdown_it import MarkdownIt

    out, _ = _translate("a.md", "Das **Außenministerium** teilte **am Freitag** mit.\n".encode(), enforcer)
    tokens = MarkdownIt("commonmark").parse(out.decode())[1].children or []
    bold, inside = [], None
    for t in tokens:
        if t.type == "strong_open":
            inside = []
        elif t.type == "strong_close":
            bold.append("".join(inside or []))
            inside = None
        elif inside is not None:
            inside.append(t.content)
    _check(bold)


def test_docx(enforcer) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph("Das ")
    p.add_run("Außenministerium").bold = True
    p.add_run(" teilte ")
    p.add_run("am Freitag").bold = True
    p.add_run(" mit.")
    buf = io.BytesIO()
    d.save(buf)
    out, _ = _translate("a.docx", buf.getvalue(), enforcer)
    runs = docx.Document(io.BytesIO(out)).paragraphs[0].runs
    _check([r.text for r in runs if r.bold])


def test_xliff(enforcer) -> None:
    xlf = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de"><file id="f">'
           '<unit id="u1"><segment><source>Das <pc id="1">Außenministerium</pc> teilte <pc id="2">am Freitag</pc> '
           "mit.</source></segment></unit></file></xliff>")
    out, _ = _translate("a.xlf", xlf.encode(), enforcer)
    target = etree.fromstring(out).find(".//{urn:oasis:names:tc:xliff:document:2.0}target")
    _check(["".join(pc.itertext()) for pc in target])
