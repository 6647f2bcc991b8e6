"""XLIFF 2.x (``.xlf``, ``.xliff``): the untranslated segments get targets; everything else is kept.

The file is first checked with defusedxml (no DTD, no entities, no external references), then edited with a
locked-down lxml parser. A segment counts as untranslated when it has no ``<target>``, an empty one, or
``state="initial"``. ``translate="no"`` on a file, group or unit is respected. Inline elements of the source
(``<ph/>``, ``<pc>``, ``<mrk>``) are copied into the target and only their text is translated.
"""

from __future__ import annotations

import copy

from lxml import etree

from glossator.translate.formats.base import ChunkedDocument, FormatError, UnsupportedFile

NS = "urn:oasis:names:tc:xliff:document:2.0"
_UNIT, _SEGMENT, _SOURCE, _TARGET = (f"{{{NS}}}{n}" for n in ("unit", "segment", "source", "target"))


def _check_safe(data: bytes) -> None:
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FormatError(f"this XLIFF file declares a DTD or entities ({exc.__class__.__name__}); refusing it") from None
    except safe_et.ParseError as exc:
        raise FormatError(f"this XLIFF file is not well-formed XML ({exc})") from None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False)


def _translatable(el: etree._Element) -> bool:
    while el is not None:
        if el.get("translate") == "no":
            return False
        if el.get("translate") == "yes":
            return True
        el = el.getparent()
    return True


class _Slot:
    """One place a chunk goes back to: an element's ``text`` or ``tail``."""

    def __init__(self, el: etree._Element, attr: str) -> None:
        self.el, self.attr = el, attr

    def set(self, value: str) -> None:
        setattr(self.el, self.attr, value)


class XliffFormat:
    name = "xliff"
    suffixes: tuple[str, ...] = (".xlf", ".xliff")

    def parse(self, data: bytes) -> ChunkedDocument:
        _check_safe(data)
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise FormatError(f"this XLIFF file is not well-formed XML ({exc})") from None
        version = root.get("version", "")
        if etree.QName(root).namespace != NS or not version.startswith("2."):
            raise UnsupportedFile(
                f"only XLIFF 2.x is supported (this file says version {version or 'nothing'!r}); skipped"
            )

        chunks: list[str] = []
        slots: list[_Slot] = []
        lines: list[int] = []
        for segment in root.iter(_SEGMENT):
            unit = segment.getparent()
            while unit is not None and unit.tag != _UNIT:
                unit = unit.getparent()
            source = segment.find(_SOURCE)
            target = segment.find(_TARGET)
            if source is None or not _translatable(unit if unit is not None else segment):
                continue
            done = target is not None and "".join(target.itertext()).strip()
            if done and segment.get("state", "") != "initial":
                continue
            new_target = copy.deepcopy(source)
            new_target.tag = _TARGET
            for attr in list(new_target.attrib):
                del new_target.attrib[attr]
            if target is not None:
                for k, v in target.attrib.items():
                    new_target.set(k, v)
                segment.replace(target, new_target)
            else:
                source.addnext(new_target)
            new_target.tail = source.tail if source.tail and not source.tail.strip() else None
            if segment.get("state") in (None, "initial"):
                segment.set("state", "translated")
            for el in new_target.iter():
                if el is not new_target and el.tail:
                    chunks.append(el.tail)
                    slots.append(_Slot(el, "tail"))
                    lines.append(el.sourceline or 0)
                if el.text and _translatable(el) and not isinstance(el, etree._Comment):
                    chunks.append(el.text)
                    slots.append(_Slot(el, "text"))
                    lines.append(el.sourceline or 0)
        if not root.get("trgLang"):
            root.set("trgLang", "en")

        def rebuild(new: list[str]) -> bytes:
            for slot, value in zip(slots, new):
                slot.set(value)
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

        return ChunkedDocument(chunks, rebuild, lines)


FORMAT = XliffFormat()
