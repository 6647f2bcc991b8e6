"""XLIFF 2.x and 1.2 (``.xlf``, ``.xliff``): the untranslated segments get targets; everything else is kept.

The file is first checked with defusedxml (no DTD, no entities, no external references), then edited with a
locked-down lxml parser. ``translate="no"`` on a file, group or unit is respected.

Which segments are untranslated follows each schema. XLIFF 2: a segment without a ``<target>``, with an
empty one, or whose ``state`` is ``initial`` (the default when it has none). XLIFF 1.2: a ``<trans-unit>``
without a ``<target>``, with an empty one, or whose target's ``state`` is ``new`` or ``needs-translation``
(1.2 has no default state: a target without one is a translation), unless the unit is ``approved="yes"``.

Inline elements of the source are inline codes (:mod:`translate.inline`) of one segment per sentence: XLIFF 2
``<ph/>``, ``<pc>``, ``<sc/>``/``<ec/>``, ``<mrk>``, ``<cp/>``; XLIFF 1.2 ``<g>``, ``<x/>``, ``<bx/>``/``<ex/>``,
``<ph>``, ``<bpt>``/``<ept>``, ``<it>``, ``<mrk>``. The target gets copies of them around the translated words
(a ``<mrk translate="no">`` or ``mtype="protected"`` is copied whole). Unit ids are kept and reported with
each segment, so exports carry them.
"""

from __future__ import annotations

import copy

from lxml import etree

from glossator.translate.formats.base import Code, FormatError, InlineDocument, Token

NS = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
_CONTAINERS = frozenset({"pc", "mrk", "g"})
_OPENERS = {"sc": "open", "sm": "open", "bx": "open", "bpt": "open", "ec": "close", "em": "close", "ex": "close",
            "ept": "close"}


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


def _translatable(el: etree._Element | None) -> bool:
    while el is not None:
        if el.get("translate") == "no":
            return False
        if el.get("translate") == "yes":
            return True
        el = el.getparent()
    return True


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _bare(el: etree._Element) -> etree._Element:
    """A copy of ``el`` without its children, text and tail (the start of a container)."""
    out = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    return out


def _whole(el: etree._Element) -> etree._Element:
    out = copy.deepcopy(el)
    out.tail = None
    return out


def _pair_key(el: etree._Element, version: str) -> object:
    name = _local(el)
    if name in ("ec", "em"):
        return ("sc", el.get("startRef") or el.get("id"))
    if name in ("sc", "sm"):
        return ("sc", el.get("id"))
    return ("12", el.get("rid") or el.get("id"))  # 1.2 bx/ex, bpt/ept: rid links them, else the shared id


def _tokens(source: etree._Element, version: str) -> list[Token]:
    """The source's text and inline elements as block tokens."""
    out: list[Token] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            out.append(el.text)
        for child in el:
            name = _local(child)
            native = etree.tostring(_whole(child), encoding="unicode", with_tail=False)
            if not isinstance(child.tag, str):
                pass  # comments and processing instructions inside a source are not carried over
            elif name in _CONTAINERS and _translatable(child) and child.get("mtype") != "protected":
                key = object()
                out.append(Code("open", key, ("open", _bare(child)), native.split(">", 1)[0] + ">", name))
                walk(child)
                out.append(Code("close", key, ("close", None), f"</{child.tag.split('}')[-1]}>", name))
            elif name in _OPENERS and not (name in ("ec", "em") and child.get("isolated") == "yes"):
                kind = _OPENERS[name]
                out.append(Code(kind, _pair_key(child, version), ("element", _whole(child)), native, name))  # type: ignore[arg-type]
            else:  # ph, x, cp, it, an isolated ec, an untranslatable mrk: standalone, copied whole
                out.append(Code("standalone", object(), ("element", _whole(child)), native, name))
            if child.tail:
                out.append(child.tail)

    walk(source)
    return out


def _fill(target: etree._Element, tokens: list[Token]) -> None:
    """Put well-nested ``tokens`` into the empty ``target``."""
    stack = [target]

    def text(value: str) -> None:
        el = stack[-1]
        if len(el):
            el[-1].tail = (el[-1].tail or "") + value
        else:
            el.text = (el.text or "") + value

    for t in tokens:
        if isinstance(t, str):
            text(t)
            continue
        what, el = t.data
        if what == "open":
            new = copy.deepcopy(el)
            stack[-1].append(new)
            stack.append(new)
        elif what == "close":
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].append(copy.deepcopy(el))


class _Unit:
    """One source to translate and where its target goes."""

    def __init__(self, segment: etree._Element, source: etree._Element, target: etree._Element | None,
                 uid: str, version: str) -> None:
        self.segment, self.source, self.target, self.uid, self.version = segment, source, target, uid, version
        self.tokens = _tokens(source, version)

    def write(self, tokens: list[Token] | None) -> None:
        new = etree.Element(self.source.tag.replace("source", "target"), nsmap=self.source.nsmap)
        if self.target is not None:
            for k, v in self.target.attrib.items():
                new.set(k, v)
        if self.version == "1.2":
            new.set("state", "translated")
            new.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        elif self.segment.get("state") in (None, "initial"):
            self.segment.set("state", "translated")
        _fill(new, tokens if tokens is not None else self.tokens)
        if self.target is not None:
            new.tail = self.target.tail
            self.segment.replace(self.target, new)
        else:
            self.source.addnext(new)
            new.tail = self.source.tail if self.source.tail and not self.source.tail.strip() else None
        self.target = new


def _units_2(root: etree._Element) -> list[_Unit]:
    units = []
    for segment in root.iter(f"{{{NS}}}segment"):
        unit = segment.getparent()
        while unit is not None and _local(unit) != "unit":
            unit = unit.getparent()
        source, target = segment.find(f"{{{NS}}}source"), segment.find(f"{{{NS}}}target")
        if source is None or not _translatable(unit if unit is not None else segment):
            continue
        done = target is not None and "".join(target.itertext()).strip()
        if done and segment.get("state", "initial") != "initial":
            continue
        uid = unit.get("id", "") if unit is not None else ""
        if segment.get("id"):
            uid = f"{uid}/{segment.get('id')}" if uid else segment.get("id")
        units.append(_Unit(segment, source, target, uid, "2"))
    return units


def _units_12(root: etree._Element) -> list[_Unit]:
    units = []
    for tu in root.iter(f"{{{NS12}}}trans-unit"):
        source, target = tu.find(f"{{{NS12}}}source"), tu.find(f"{{{NS12}}}target")
        if source is None or not _translatable(tu) or tu.get("approved") == "yes":
            continue
        done = target is not None and "".join(target.itertext()).strip()
        if done and target.get("state") not in ("new", "needs-translation"):
            continue
        units.append(_Unit(tu, source, target, tu.get("id", ""), "1.2"))
    return units


class XliffFormat:
    name = "xliff"
    suffixes: tuple[str, ...] = (".xlf", ".xliff")
    binary = False

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None
              ) -> InlineDocument:
        del encoding, output_encoding  # XML says its own encoding; the output is UTF-8
        _check_safe(data)
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise FormatError(f"this XLIFF file is not well-formed XML ({exc})") from None
        version = root.get("version", "")
        namespace = etree.QName(root).namespace
        if namespace == NS and version.startswith("2."):
            units = _units_2(root)
            if not root.get("trgLang"):
                root.set("trgLang", "en")
        elif namespace == NS12 and version == "1.2":
            units = _units_12(root)
            for file_el in root.iter(f"{{{NS12}}}file"):
                if not file_el.get("target-language"):
                    file_el.set("target-language", "en")
        else:
            raise FormatError(
                f"this is not XLIFF 1.2 or 2.x (it says version {version or 'nothing'!r}, namespace "
                f"{namespace or 'none'!r})"
            )

        def rebuild(new: list[list[Token] | None]) -> bytes:
            for unit, tokens in zip(units, new):
                unit.write(tokens)
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

        return InlineDocument([u.tokens for u in units], rebuild, [u.source.sourceline or 0 for u in units],
                              block_ids=[u.uid for u in units])


FORMAT = XliffFormat()
