"""TMX 1.4b export of the segment pairs."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from glossator.translate.exports._xml import xml_text
from glossator.translate.result import SegmentResult

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("glossator")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def to_tmx(name: str, results: Sequence[SegmentResult], *, src_lang: str = "de", trg_lang: str = "en") -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header", creationtool="Glossator", creationtoolversion=_version(), segtype="sentence",
        adminlang="en", srclang=src_lang, datatype="plaintext", **{"o-tmf": "glossator"},
    )
    body = etree.SubElement(root, "body")
    for r in results:
        tu = etree.SubElement(body, "tu", tuid=f"{xml_text(name)}#{r.index + 1}")
        for lang, text in ((src_lang, r.source), (trg_lang, r.target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(_LANG, lang)
            etree.SubElement(tuv, "seg").text = xml_text(text)
    # No DOCTYPE: safe XML readers (ours included) refuse DTDs, and TMX 1.4b does not require one.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
