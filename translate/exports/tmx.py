"""TMX 1.4b export of the segment pairs, inline codes as ``<bpt>``/``<ept>``, ``<it>`` and ``<ph>``."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from glossator.translate.exports._xml import xml_text
from glossator.translate.exports.inline import Emit, fill
from glossator.translate.formats.base import Code, paired_codes
from glossator.translate.result import SegmentResult

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("glossator")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def _emitter(codes: Sequence[Code]) -> Emit:
    partner = paired_codes(codes)

    def emit(parent: etree._Element, k: int, role: str) -> etree._Element:
        if role == "open":
            el = etree.SubElement(parent, "bpt", i=str(k + 1))
        elif role == "close":
            el = etree.SubElement(parent, "ept", i=str(partner[k] + 1))
        elif role in ("begin", "end"):
            el = etree.SubElement(parent, "it", pos=role)
        else:
            el = etree.SubElement(parent, "ph", x=str(k + 1))
        el.text = xml_text(codes[k].native)  # the code as the file wrote it (TMX keeps native codes)
        return el

    return emit


def to_tmx(name: str, results: Sequence[SegmentResult], *, src_lang: str = "de", trg_lang: str = "en",
           codes: Sequence[Sequence[Code]] = (), ids: Sequence[str] = ()) -> bytes:
    from glossator.translate.exports.xliff import unit_ids

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header", creationtool="Glossator", creationtoolversion=_version(), segtype="sentence",
        adminlang="en", srclang=src_lang, datatype="plaintext", **{"o-tmf": "glossator"},
    )
    body = etree.SubElement(root, "body")
    for r, uid in zip(results, unit_ids(results, ids)):
        mine = codes[r.index] if r.index < len(codes) else []
        tu = etree.SubElement(body, "tu", tuid=f"{xml_text(name)}#{xml_text(uid)}")
        for lang, text in ((src_lang, r.source), (trg_lang, r.target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(_LANG, lang)
            fill(etree.SubElement(tuv, "seg"), text, mine, _emitter(mine))
    # No DOCTYPE: safe XML readers (ours included) refuse DTDs, and TMX 1.4b does not require one.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
