"""Word documents (``.docx``): body, tables, headers, footers, footnotes, endnotes and comments.

The package is edited part by part with a locked-down lxml parser (every other member is copied byte for
byte). Each paragraph is one block (:mod:`translate.inline`): its sentences are segments whatever formatting
they hold. The formatting that covers most of the paragraph's text is the paragraph's own; a stretch of
runs with other formatting (bold, a hyperlink, a different font) becomes a pair of inline codes around its
words, and tabs, breaks, footnote references, fields and drawings become codes of their own, so they come
back around and between the right words. The translated paragraph gets new runs, each a copy of the
formatting it stands in. Language marks (``w:lang`` ``de-*``) become ``en-US``.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from glossator.translate.formats.base import Code, FormatError, InlineDocument, Token

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _RPR, _FLD, _INSTR, _LANG = (f"{{{_W}}}{n}" for n in ("p", "r", "t", "rPr", "fldChar", "instrText",
                                                                 "lang"))
_VAL, _FLDTYPE = f"{{{_W}}}val", f"{{{_W}}}fldCharType"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_IGNORED = frozenset({f"{{{_W}}}lastRenderedPageBreak"})  # a layout cache Word rebuilds
_MAX_UNCOMPRESSED = 512 * 1024 * 1024  # refuse zip bombs
_PARTS = re.compile(r"word/(?:document\d*|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_STYLES = "word/styles.xml"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _check_parts(zf: zipfile.ZipFile) -> None:
    """Refuse XML parts with a DTD. Word never writes one, and libxml2 stops entity bombs only with a cryptic
    error, so a DTD is refused up front (defusedxml), with a message that says why."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            safe_et.fromstring(zf.read(info), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException as exc:
            raise FormatError(
                f"this .docx has a DTD or entity declarations in {info.filename} ({exc.__class__.__name__}); "
                "Word never writes them: refusing it"
            ) from None
        except safe_et.ParseError:
            if _PARTS.fullmatch(info.filename):
                raise FormatError(f"this .docx has a malformed {info.filename}; is it a Word file?") from None


@dataclass(eq=False)
class _Group:
    """Runs with one formatting: a template for new runs and where they live (the paragraph or a hyperlink)."""

    rpr: etree._Element | None
    parent: etree._Element


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _key(run: etree._Element) -> tuple[bytes, int]:
    rpr = run.find(_RPR)
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for el in rpr.iter(_LANG):  # a spell-check language is no formatting
            el.getparent().remove(el)
        for el in rpr.iter(f"{{{_W}}}noProof"):
            el.getparent().remove(el)
    return (etree.tostring(rpr, method="c14n") if rpr is not None and len(rpr) else b"", id(run.getparent()))


class _Paragraph:
    """One paragraph as a block: its own runs (not those of nested text boxes) as text and codes."""

    def __init__(self, p: etree._Element, keys: itertools.count) -> None:
        self.p = p
        self.runs = [r for r in p.iter(_R) if _nearest_paragraph(r) is p]
        weights: Counter = Counter()
        for run in self.runs:
            weights[_key(run)] += sum(len(t.text or "") for t in run.iter(_T))
        # The paragraph's own formatting: runs without any (bold words in a plain paragraph are the codes, even
        # when they hold most of the text), else the formatting that covers most of the text.
        plain = [k for k, n in weights.items() if n and not k[0]]
        self.base_key = max(plain, key=lambda k: weights[k]) if plain else (
            weights.most_common(1)[0][0] if weights else None)
        self.tokens: list[Token] = []
        self.base: _Group | None = None
        current: tuple | None = None
        group: _Group | None = None
        field: list[tuple[_Group, etree._Element]] | None = None
        fields: list[object] = []
        for run in self.runs:
            key = _key(run)
            here = _Group(run.find(_RPR), run.getparent())
            if key == self.base_key and self.base is None:
                self.base = here
            if key != current:
                if group is not None:
                    self.tokens.append(Code("close", group, ("end", group), name="formatting"))
                group = None
                if key != self.base_key:
                    group = here
                    self.tokens.append(Code("open", group, ("group", group), name="formatting"))
                current = key
            for child in run:
                if child.tag == _RPR or child.tag in _IGNORED:
                    continue
                if child.tag == _T:
                    if field is not None:
                        field.append((here, child))
                    elif child.text:
                        self.tokens.append(child.text)
                    continue
                kind = child.get(_FLDTYPE) if child.tag == _FLD else None
                if kind == "begin":
                    field = [(here, child)]
                    fields.append(next(keys))
                elif field is not None:
                    field.append((here, child))
                    if kind == "separate":  # the field's code up to here; its result is text
                        self.tokens.append(Code("open", fields[-1], ("elements", field), name="field"))
                        field = None
                    elif kind == "end":
                        self.tokens.append(Code("standalone", fields.pop(), ("elements", field), name="field"))
                        field = None
                elif kind == "end" and fields:
                    self.tokens.append(Code("close", fields.pop(), ("elements", [(here, child)]), name="field"))
                else:
                    name = etree.QName(child).localname
                    self.tokens.append(Code("standalone", next(keys), ("elements", [(here, child)]), name=name,
                                            space=name in ("br", "cr", "tab", "ptab")))
        if field is not None:  # a field that never ends in this paragraph: keep its pieces as one code
            self.tokens.append(Code("standalone", next(keys), ("elements", field), name="field"))
        if group is not None:
            self.tokens.append(Code("close", group, ("end", group), name="formatting"))
        if self.base is None and self.runs:
            self.base = _Group(None, p)
        self.tokens = _drop_empty_groups(self.tokens)

    def rebuild(self, tokens: list[Token]) -> None:
        """Replace the paragraph's runs by new ones that hold ``tokens`` (well nested)."""
        p = self.p
        hosts: list[etree._Element] = []
        for run in self.runs:
            host = run
            while host.getparent() is not p:
                host = host.getparent()
            if host not in hosts:
                hosts.append(host)
        if not hosts:
            return
        marker = etree.Element("marker")
        hosts[0].addprevious(marker)
        for run in self.runs:
            run.getparent().remove(run)
        for host in hosts:
            if host.tag != _R and host.getparent() is p and not any(True for _ in host.iter(_R)):
                p.remove(host)  # an emptied hyperlink: it comes back where its words are
        units: list[etree._Element] = []
        stack: list[_Group] = []

        def place(group: _Group, run: etree._Element) -> None:
            parent = group.parent
            if parent is p:
                units.append(run)
                return
            parent.append(run)
            host = parent
            while host.getparent() is not None and host.getparent() is not p:
                host = host.getparent()
            if host.getparent() is None:  # the emptied host was taken out: it is placed with its first run
                host = parent
                while host.getparent() is not None:
                    host = host.getparent()
            if not units or units[-1] is not host:
                if host in units:  # the same hyperlink again, after other words: a copy of it holds these
                    clone = etree.Element(host.tag, host.attrib, nsmap=host.nsmap)
                    parent.remove(run)
                    clone.append(run)
                    host = clone
                units.append(host)

        def new_run(group: _Group) -> etree._Element:
            run = etree.Element(_R)
            if group.rpr is not None:
                run.append(copy.deepcopy(group.rpr))
            return run

        for t in tokens:
            if isinstance(t, str):
                group = stack[-1] if stack else self.base
                assert group is not None
                run = new_run(group)
                el = etree.SubElement(run, _T)
                el.text = t
                el.set(_XML_SPACE, "preserve")
                place(group, run)
                continue
            what, payload = t.data
            if what == "group":
                stack.append(payload)
            elif what == "end":
                if stack and stack[-1] is payload:
                    stack.pop()
            else:
                for group, element in payload:
                    run = new_run(group)
                    run.append(element)
                    place(group, run)
        for unit in units:
            marker.addprevious(unit)
        p.remove(marker)


def _code_of(token: Token, what: str) -> bool:
    return isinstance(token, Code) and token.data[0] == what


def _drop_empty_groups(tokens: list[Token]) -> list[Token]:
    """Without the formatting codes around no text (a run holding only a comment or note reference): the code
    inside keeps its run's formatting anyway, and the model has two characters fewer to place."""
    out: list[Token] = []
    for t in tokens:
        if isinstance(t, Code) and t.data[0] == "end" and out and isinstance(out[-1], Code) \
                and out[-1].data[0] == "group" and out[-1].key is t.key:
            out.pop()
            continue
        out.append(t)
    keep: list[Token] = []
    i = 0
    while i < len(out):  # an opening, codes only, its closing: the codes without the pair
        t = out[i]
        if isinstance(t, Code) and t.data[0] == "group":
            j = i + 1
            while j < len(out) and _code_of(out[j], "elements"):
                j += 1
            end = out[j] if j < len(out) else None
            if isinstance(end, Code) and end.data[0] == "end" and end.key is t.key:
                keep.extend(out[i + 1 : j])
                i = j + 1
                continue
        keep.append(t)
        i += 1
    return keep


def _english(root: etree._Element) -> bool:
    changed = False
    for el in root.iter(_LANG):
        val = el.get(_VAL) or ""
        if val.lower() == "de" or val.lower().startswith("de-"):
            el.set(_VAL, "en-US")
            changed = True
    return changed


class DocxFormat:
    name = "docx"
    suffixes: tuple[str, ...] = (".docx",)
    binary = True  # not text: never to standard output

    def parse(self, data: bytes, *, encoding: str | None = None, output_encoding: str | None = None
              ) -> InlineDocument:
        del encoding, output_encoding  # XML says its own encoding; the output is UTF-8
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if sum(i.file_size for i in zf.infolist()) > _MAX_UNCOMPRESSED:
                    raise FormatError("this .docx unpacks to more than 512 MB; refusing to open it")
                _check_parts(zf)
                infos = zf.infolist()
                members = {i.filename: zf.read(i) for i in infos}
        except FormatError:
            raise
        except Exception as exc:  # zipfile raises BadZipFile, ValueError, NotImplementedError, EOFError...
            raise FormatError(f"cannot read this .docx ({exc.__class__.__name__}: {exc}); is it a Word file?") from None
        if "word/document.xml" not in members:
            raise FormatError("cannot read this .docx (it has no word/document.xml); is it a Word file?")

        def order(name: str) -> tuple[int, str]:
            kinds = ("document", "header", "footer", "footnotes", "endnotes", "comments")
            base = name[5:].split(".")[0].rstrip("0123456789")
            return kinds.index(base), name

        names = sorted((n for n in members if _PARTS.fullmatch(n)), key=order)

        def load() -> tuple[dict[str, etree._Element], etree._Element | None, list[tuple[str, _Paragraph]]]:
            """The parts as trees and their paragraphs (again for every render: rebuilding edits the trees)."""
            trees: dict[str, etree._Element] = {}
            for name in names:
                try:
                    trees[name] = etree.fromstring(members[name], _parser())
                except etree.XMLSyntaxError as exc:
                    raise FormatError(f"this .docx has a malformed {name} ({exc}); is it a Word file?") from None
            styles = None
            if _STYLES in members:
                try:
                    styles = etree.fromstring(members[_STYLES], _parser())
                except etree.XMLSyntaxError:
                    styles = None
            keys = itertools.count()
            return trees, styles, [(name, _Paragraph(p, keys)) for name, root in trees.items() for p in root.iter(_P)]

        first = load()[2]

        def rebuild(new: list[list[Token] | None]) -> bytes:
            trees, styles, paragraphs = load()
            changed = {name for name, root in trees.items() if _english(root)}
            for (name, para), (_, old), tokens in zip(paragraphs, first, new):
                if tokens is None:
                    continue
                # The tokens hold the codes of the first reading; these trees are a fresh one, in the same order.
                index = {id(t): k for k, t in enumerate(old.tokens) if isinstance(t, Code)}
                para.rebuild([t if isinstance(t, str) else para.tokens[index[id(t)]] for t in tokens])
                changed.add(name)
            replaced = {name: etree.tostring(trees[name], xml_declaration=True, encoding="UTF-8",
                                             standalone=True) for name in changed}
            if styles is not None and _english(styles):
                replaced[_STYLES] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in infos:
                    # Each member keeps its name, time and attributes: the same translation always gives the
                    # same bytes, so a resumed batch matches an uninterrupted one.
                    stable = zipfile.ZipInfo(info.filename, info.date_time)
                    stable.compress_type = zipfile.ZIP_DEFLATED
                    stable.external_attr = info.external_attr
                    dst.writestr(stable, replaced.get(info.filename, members[info.filename]))
            return out.getvalue()

        return InlineDocument([para.tokens for _, para in first], rebuild)


FORMAT = DocxFormat()
