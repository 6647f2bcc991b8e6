"""XLIFF 2.1 bilingual export: one unit per segment, glossary terms as notes."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from glossator.translate.exports._xml import xml_text
from glossator.translate.result import SegmentResult

NS = "urn:oasis:names:tc:xliff:document:2.0"


def to_xliff(name: str, results: Sequence[SegmentResult], *, src_lang: str = "de", trg_lang: str = "en") -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS})
    root.set("version", "2.1")
    root.set("srcLang", src_lang)
    root.set("trgLang", trg_lang)
    file_el = etree.SubElement(root, f"{{{NS}}}file", id="f1", original=xml_text(name))
    for r in results:
        unit = etree.SubElement(file_el, f"{{{NS}}}unit", id=f"u{r.index + 1}")
        if r.terms:
            notes = etree.SubElement(unit, f"{{{NS}}}notes")
            for k, t in enumerate(r.terms, start=1):
                note = etree.SubElement(notes, f"{{{NS}}}note", id=f"n{k}", category="term")
                note.set("appliesTo", "source")
                note.text = xml_text(f"{t.source} → {t.target} ({t.status})")
        segment = etree.SubElement(unit, f"{{{NS}}}segment", id=f"s{r.index + 1}", state="translated")
        etree.SubElement(segment, f"{{{NS}}}source").text = xml_text(r.source)
        etree.SubElement(segment, f"{{{NS}}}target").text = xml_text(r.target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
