"""XLIFF 2.1 bilingual export: one unit per segment, glossary terms as notes, inline codes as XLIFF elements.

Units keep the ids the input file gave them (an XLIFF unit's id; ``u1``, ``u2``… for formats without ids).
Inline codes are ``<ph/>`` (standalone), ``<sc/>``/``<ec/>`` (pairs, and ``isolated="yes"`` when the partner
is in another segment), each pointing with ``dataRef`` to the original markup in the unit's ``<originalData>``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from glossator.translate.exports._xml import xml_text
from glossator.translate.exports.inline import Emit, fill
from glossator.translate.formats.base import Code, paired_codes
from glossator.translate.result import SegmentResult

NS = "urn:oasis:names:tc:xliff:document:2.0"


def unit_ids(results: Sequence[SegmentResult], ids: Sequence[str]) -> list[str]:
    """One unique id per segment: the file's own (``-2``, ``-3``… for a unit split into sentences), else ``uN``."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for r in results:
        base = ids[r.index] if r.index < len(ids) and ids[r.index] else f"u{r.index + 1}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _emitter(codes: Sequence[Code]) -> Emit:
    partner = paired_codes(codes)

    def emit(parent: etree._Element, k: int, role: str) -> etree._Element:
        ref = {"dataRef": f"d{k + 1}"}
        if role == "standalone":
            return etree.SubElement(parent, f"{{{NS}}}ph", id=f"c{k + 1}", **ref)
        if role in ("open", "begin"):
            el = etree.SubElement(parent, f"{{{NS}}}sc", id=f"c{k + 1}", **ref)
        else:
            el = etree.SubElement(parent, f"{{{NS}}}ec", **ref)
            if role == "close":
                el.set("startRef", f"c{partner[k] + 1}")
            else:
                el.set("id", f"c{k + 1}")
        if role in ("begin", "end"):
            el.set("isolated", "yes")
        return el

    return emit


def to_xliff(name: str, results: Sequence[SegmentResult], *, src_lang: str = "de", trg_lang: str = "en",
             codes: Sequence[Sequence[Code]] = (), ids: Sequence[str] = ()) -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS})
    root.set("version", "2.1")
    root.set("srcLang", src_lang)
    root.set("trgLang", trg_lang)
    file_el = etree.SubElement(root, f"{{{NS}}}file", id="f1", original=xml_text(name))
    for r, uid in zip(results, unit_ids(results, ids)):
        mine = codes[r.index] if r.index < len(codes) else []
        unit = etree.SubElement(file_el, f"{{{NS}}}unit", id=xml_text(uid))
        if r.terms:
            notes = etree.SubElement(unit, f"{{{NS}}}notes")
            for k, t in enumerate(r.terms, start=1):
                note = etree.SubElement(notes, f"{{{NS}}}note", id=f"n{k}", category="term")
                note.set("appliesTo", "source")
                note.text = xml_text(f"{t.source} → {t.target} ({t.status})")
        if mine:
            original = etree.SubElement(unit, f"{{{NS}}}originalData")
            for k, c in enumerate(mine):
                etree.SubElement(original, f"{{{NS}}}data", id=f"d{k + 1}").text = xml_text(c.native or c.name)
        segment = etree.SubElement(unit, f"{{{NS}}}segment", id=f"s{r.index + 1}", state="translated")
        fill(etree.SubElement(segment, f"{{{NS}}}source"), r.source, mine, _emitter(mine))
        fill(etree.SubElement(segment, f"{{{NS}}}target"), r.target, mine, _emitter(mine))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
