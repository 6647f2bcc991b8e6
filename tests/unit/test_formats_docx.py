"""DOCX: one segment per sentence across runs; formatting, tables, headers, footers, notes and comments kept."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from glossator.translate.fake import FakeEngine
from glossator.translate.formats import FormatError, format_for

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sample() -> bytes:
    d = docx.Document()
    d.add_heading("Der Präsident sagte heute", 1)
    p = d.add_paragraph("Das ")
    p.add_run("Außenministerium").bold = True
    p.add_run(" teilte ")
    p.add_run("am Freitag").bold = True
    p.add_run(" mit. Die Katze")
    p.add_run(" nicht.")  # same formatting as the run before: no code between them
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "der Tag"
    table.cell(0, 1).text = "1.234"
    d.sections[0].header.paragraphs[0].text = "Die Regierung"
    d.sections[0].footer.paragraphs[0].text = "Die Woche"
    d.add_comment(d.paragraphs[0].runs[0], text="Der Hund ist gut.", author="Redaktion")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_footnote(data: bytes) -> bytes:
    """The sample with a real footnote part (python-docx cannot write one), referenced from the body."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
                 '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Die Quelle ist gut.</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>')
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    b"</Relationships>")
            elif info.filename == "word/document.xml":
                body = body.replace(b"<w:t>der Tag</w:t>", b'<w:t>der Tag</w:t></w:r><w:r><w:rPr><w:lang w:val="de-DE"/>'
                                    b'</w:rPr><w:footnoteReference w:id="1"/>', 1)
            dst.writestr(info, body)
        dst.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_docx_sentence_is_one_segment_across_bold_runs() -> None:
    doc = format_for("a.docx").parse(_sample())
    assert doc.segments[:3] == ["Der Präsident sagte heute", "Das \ue000Außenministerium\ue001 teilte \ue002am "
                                "Freitag\ue003 mit.", "Die Katze nicht."]
    assert {"der Tag", "Die Regierung", "Die Woche", "Der Hund ist gut."} <= set(doc.segments)
    assert "1.234" not in doc.segments


def test_docx_round_trip_keeps_runs_and_formatting() -> None:
    doc = format_for("a.docx").parse(_sample())
    out = docx.Document(io.BytesIO(doc.render(FakeEngine().translate(doc.segments))))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal"]
    assert [(r.text, r.bold) for r in out.paragraphs[1].runs] == [
        ("The ", None), ("State Department", True), (" teilte ", None), ("on Friday", True),
        (" with. The cat not.", None)]
    assert out.paragraphs[0].text == "The president said today"
    assert out.tables[0].cell(0, 0).text == "the day"
    assert out.tables[0].cell(0, 1).text == "1.234"
    assert out.sections[0].header.paragraphs[0].text == "The government"
    assert out.sections[0].footer.paragraphs[0].text == "The week"
    assert [c.text for c in out.comments] == ["The dog is good."]


def test_docx_bold_follows_the_words_when_the_translation_reorders_them() -> None:
    doc = format_for("a.docx").parse(_sample())
    targets = list(doc.segments)
    targets[1] = "\ue002On Friday\ue003 the \ue000State Department\ue001 announced."
    out = docx.Document(io.BytesIO(doc.render(targets)))
    assert [(r.text, r.bold) for r in out.paragraphs[1].runs] == [
        ("On Friday", True), (" the ", None), ("State Department", True), (" announced. Die Katze nicht.", None)]
    assert doc.repairs == []


def test_docx_hostile_code_orders_give_a_valid_document() -> None:
    doc = format_for("a.docx").parse(_sample())
    for hostile, bold in (("\ue003On Friday\ue002 the State\ue001 Department\ue000 announced.", 2),  # closings first
                          ("\ue000On \ue002Friday\ue001 the State Department\ue003 announced.", 2),  # crossing
                          ("On Friday the State Department announced.", 0),  # every code lost: put at the end
                          ("\ue000\ue000On Friday\ue001\ue001\ue007 announced.", 1)):  # duplicates, a stranger
        targets = list(doc.segments)
        targets[1] = hostile
        out = docx.Document(io.BytesIO(doc.render(targets)))
        text = out.paragraphs[1].text
        assert text.startswith("On ") and "announced. Die Katze nicht." in text
        assert not any("\ue000" <= ch <= "\ue8ff" for ch in text)
        assert sum(1 for r in out.paragraphs[1].runs if r.bold) == bold
        assert doc.repairs, hostile


def test_docx_footnotes_are_translated_and_languages_set_to_english() -> None:
    data = _with_footnote(_sample())
    doc = format_for("a.docx").parse(data)
    assert "Die Quelle ist gut." in doc.segments
    assert "der Tag\ue000" not in doc.segments  # the reference is a code outside the sentence
    out = zipfile.ZipFile(io.BytesIO(doc.render(FakeEngine().translate(doc.segments))))
    notes = etree.fromstring(out.read("word/footnotes.xml"))
    assert "".join(notes.itertext()) == "The Quelle is good."
    body = etree.fromstring(out.read("word/document.xml"))
    assert body.find(f".//{{{W}}}footnoteReference").get(f"{{{W}}}id") == "1"
    assert [el.get(f"{{{W}}}val") for el in body.iter(f"{{{W}}}lang")] == ["en-US"]


def test_corrupt_docx_fails_clearly() -> None:
    with pytest.raises(FormatError, match="cannot read this .docx"):
        format_for("a.docx").parse(b"PK\x03\x04 not really a zip")
