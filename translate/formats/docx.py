"""Word documents (``.docx``, python-docx): every paragraph of the body, tables, headers and footers.

A paragraph's text is read run by run. Neighbouring runs with the same formatting (Word splits runs for
spell-check and revision marks) are merged into one chunk; a change of formatting, a tab, a break or a
field starts a new one. The translation of a chunk goes into its first ``w:t`` element and the others are
emptied, so runs, their formatting, hyperlinks, tables and styles are kept.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from glossator.translate.formats.base import ChunkedDocument, FormatError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _RPR = (f"{{{_W}}}{n}" for n in ("p", "r", "t", "rPr"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MAX_UNCOMPRESSED = 512 * 1024 * 1024  # refuse zip bombs


def _paragraph_chunks(p: etree._Element) -> list[list[etree._Element]]:
    """The ``w:t`` groups of one paragraph (its own runs, not those of nested text boxes)."""
    groups: list[list[etree._Element]] = []
    current: list[etree._Element] = []
    current_key: tuple | None = None
    for run in p.iter(_R):
        if _nearest_paragraph(run) is not p:
            continue
        rpr = run.find(_RPR)
        key = (etree.tostring(rpr) if rpr is not None else b"", run.getparent())
        for child in run:
            if child.tag == _RPR:
                continue
            if child.tag == _T and key == current_key:
                current.append(child)
            elif child.tag == _T:
                if current:
                    groups.append(current)
                current, current_key = [child], key
            else:  # tab, break, field char, drawing...: a boundary
                if current:
                    groups.append(current)
                current, current_key = [], None
    if current:
        groups.append(current)
    return groups


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _stable_zip(data: bytes, stamps: dict[str, tuple]) -> bytes:
    """The package with each member's time taken from the input (python-docx stamps the clock), so the same
    translation always gives the same bytes: a resumed batch matches an uninterrupted one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stable = zipfile.ZipInfo(info.filename, stamps.get(info.filename, (1980, 1, 1, 0, 0, 0)))
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = info.external_attr
            dst.writestr(stable, src.read(info.filename))
    return out.getvalue()


def _check_parts(zf: zipfile.ZipFile) -> None:
    """Refuse XML parts with a DTD. Word never writes one; python-docx's parser leaves external entities
    unresolved but silently drops the text around them, and libxml2 stops entity bombs only with a cryptic
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
            pass  # python-docx reports malformed parts it needs; others it never reads


class DocxFormat:
    name = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def parse(self, data: bytes) -> ChunkedDocument:
        import docx  # heavy: only when a .docx is translated

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if sum(i.file_size for i in zf.infolist()) > _MAX_UNCOMPRESSED:
                    raise FormatError("this .docx unpacks to more than 512 MB; refusing to open it")
                _check_parts(zf)
            document = docx.Document(io.BytesIO(data))
        except FormatError:
            raise
        except Exception as exc:  # python-docx raises zipfile, KeyError, lxml and ValueError errors
            raise FormatError(f"cannot read this .docx ({exc.__class__.__name__}: {exc}); is it a Word file?") from None

        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            stamps = {i.filename: i.date_time for i in zf.infolist()}
        roots = [document.element.body]
        seen: set[int] = set()
        for section in document.sections:
            for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                         section.even_page_header, section.even_page_footer):
                if not part.is_linked_to_previous:
                    el = part._element
                    if id(el) not in seen:
                        seen.add(id(el))
                        roots.append(el)
        groups = [g for root in roots for p in root.iter(_P) for g in _paragraph_chunks(p)]
        chunks = ["".join(t.text or "" for t in g) for g in groups]

        def rebuild(new: list[str]) -> bytes:
            for group, old, value in zip(groups, chunks, new):
                if value == old:
                    continue
                first, *rest = group
                first.text = value
                if value != value.strip():
                    first.set(_XML_SPACE, "preserve")
                for t in rest:
                    t.text = ""
            buf = io.BytesIO()
            document.save(buf)
            return _stable_zip(buf.getvalue(), stamps)

        return ChunkedDocument(chunks, rebuild)


FORMAT = DocxFormat()
