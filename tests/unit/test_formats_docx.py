"""DOCX: paragraphs, runs and their formatting, tables, headers kept; text translated."""

from __future__ import annotations

import io

import docx
import pytest

from glossator.translate.fake import FakeEngine
from glossator.translate.formats import FormatError, format_for


def _sample() -> bytes:
    d = docx.Document()
    d.add_heading("Der Präsident sagte heute", 1)
    p = d.add_paragraph("Der ")
    bold = p.add_run("Hund")
    bold.bold = True
    p.add_run(" ist gut. Die Katze")
    p.add_run(" nicht.")  # same formatting as the run before: one chunk
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "der Tag"
    table.cell(0, 1).text = "1.234"
    d.sections[0].header.paragraphs[0].text = "Die Regierung"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_segments() -> None:
    doc = format_for("a.docx").parse(_sample())
    assert doc.segments == ["Der Präsident sagte heute", "Der", "Hund", "ist gut.", "Die Katze nicht.",
                            "der Tag", "Die Regierung"]


def test_docx_round_trip_keeps_runs_and_formatting() -> None:
    doc = format_for("a.docx").parse(_sample())
    out = docx.Document(io.BytesIO(doc.render(FakeEngine().translate(doc.segments))))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal"]
    assert [(r.text, r.bold) for r in out.paragraphs[1].runs] == [
        ("The ", None), ("Dog", True), (" is good. The cat not.", None), ("", None)]
    assert out.paragraphs[0].text == "The president said today"
    assert out.tables[0].cell(0, 0).text == "the day"
    assert out.tables[0].cell(0, 1).text == "1.234"
    assert out.sections[0].header.paragraphs[0].text == "The government"


def test_corrupt_docx_fails_clearly() -> None:
    with pytest.raises(FormatError, match="cannot read this .docx"):
        format_for("a.docx").parse(b"PK\x03\x04 not really a zip")
