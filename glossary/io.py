"""Import and export of glossaries: CSV, TSV, TBX (ISO 30042 TBX-Basic) and JSON.

Reading is strict and all-or-nothing: a problem anywhere raises GlossaryError naming the row and the problem,
before anything reaches the store. Writing goes to a temporary file that is renamed into place.

Spreadsheet safety: a CSV/TSV cell that starts with ``= + - @``, a tab or a carriage return would run as a
formula in a spreadsheet, so it is written with a leading apostrophe; a cell that itself starts with an
apostrophe gets one more. On import one leading apostrophe is removed when it is followed by one of those
characters or another apostrophe, so our own exports round-trip losslessly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from glossator.glossary.atomic import write_atomic
from glossator.glossary.errors import GlossaryError
from glossator.glossary.model import TYPES, Entry, entry_key, join_list, split_list, validate_entry

FORMATS = ("csv", "tsv", "tbx", "json")
COLUMNS = ("source", "target", "type", "context", "forms", "dnt", "note")
REQUIRED = ("source", "target")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"1", "true", "yes", "y", "x", "dnt"}
_FALSE = {"", "0", "false", "no", "n"}
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def detect_format(path: Path, fmt: str | None = None) -> str:
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise GlossaryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
        return fmt
    ext = path.suffix.lower().lstrip(".")
    if ext in FORMATS:
        return ext
    if ext in ("tab", "txt"):
        return "tsv"
    raise GlossaryError(
        f"Cannot tell the format of {path.name} from its extension; add --format ({', '.join(FORMATS)})."
    )


# -- spreadsheet formula neutralisation --------------------------------------------------------------------
def neutralise(cell: str) -> str:
    if cell.startswith(_FORMULA_START) or cell.startswith("'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    if len(cell) >= 2 and cell[0] == "'" and (cell[1] == "'" or cell[1] in _FORMULA_START):
        return cell[1:]
    return cell


# -- reading -------------------------------------------------------------------------------------------
MAX_IMPORT_BYTES = 256 << 20
"""The largest glossary file read (a million entries in TSV are about 40 MB)."""


def _read_text(path: Path, encoding: str | None = None) -> str:
    from glossator.glossary.files import read_regular_file
    from glossator.glossary.textfile import TextFileError, decode_text

    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise GlossaryError(f"{path} does not exist.") from None
    except OSError as exc:
        raise GlossaryError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        return decode_text(data, name=path.name, encoding=encoding).text
    except TextFileError as exc:
        raise GlossaryError(f"{exc}.") from None


def _parse_bool(value: str, where: str) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise GlossaryError(f"{where}: dnt must be true or false, not {value!r}.")


def _entry_from_fields(fields: dict[str, str], where: str) -> Entry:
    for name in REQUIRED:
        if not (fields.get(name) or "").strip():
            if name == "target" and _parse_bool(fields.get("dnt") or "", where):
                continue
            raise GlossaryError(f"{where}: the {name} is empty.")
    kind = (fields.get("type") or "other").strip().lower() or "other"
    if kind not in TYPES:
        raise GlossaryError(f"{where}: unknown type {kind!r}; use one of {', '.join(TYPES)}.")
    entry = Entry(
        id=None,
        source=fields["source"],
        target=fields.get("target") or "",
        type=kind,
        context=split_list(fields.get("context")),
        forms=split_list(fields.get("forms")),
        dnt=_parse_bool(fields.get("dnt") or "", where),
        note=fields.get("note") or "",
    )
    return validate_entry(entry, where)


_LANG_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*")
"""A column header that is a language code (memoQ, Trados and SDL exports: ``de-DE``, ``en_US``, ``de``)."""


def _lang_matches(code: str, wanted: str) -> bool:
    """``de-DE`` matches ``de`` and ``de-DE``; ``de`` matches ``de``."""
    code, wanted = code.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    return code == wanted or code.split("-")[0] == wanted


def _rows(text: str, name: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []  # the file line each row starts on (cells may span lines)
    previous_end = 0
    try:
        for row in reader:
            starts.append(previous_end + 1)
            rows.append(row)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise GlossaryError(f"{name}, line {reader.line_num}: {exc}.") from None
    return rows, starts


def read_delimited(text: str, name: str, delimiter: str, *, columns: Sequence[str] | None = None,
                   source_lang: str = "de", target_lang: str = "en") -> list[Entry]:
    """Entries of a CSV/TSV file, whichever tool wrote it.

    Recognised by their first row: Glossator's own header (``source``, ``target`` and optional ``type``,
    ``context``, ``forms``, ``dnt``, ``note``); a header of language codes (memoQ, Trados: ``de-DE``, ``en-US``;
    the columns for ``source_lang`` and ``target_lang`` are read, the others ignored); no header at all with
    two cells per row (DeepL: source, target) or four (DeepL: source, target, source language, target
    language). ``columns`` overrides the guess: the fields of each row in order (``-`` for a column to
    ignore), no header row.
    """
    rows, starts = _rows(text, name, delimiter)
    if not rows:
        raise GlossaryError(f"{name} is empty; it needs a header row with source and target.")
    first = [h.strip().lower() for h in rows[0]]
    if columns is not None:
        header = [c.strip().lower() for c in columns]
        bad = [c for c in header if c not in COLUMNS and c not in ("-", "")]
        if bad or not all(c in header for c in REQUIRED):
            raise GlossaryError(f"--columns {','.join(columns)}: give source and target (and any of "
                                f"{', '.join(COLUMNS[2:])}, or - to skip a column).")
        body = list(zip(starts, rows))
        if first[: len(header)] == header:
            body = body[1:]  # the file has this very header after all
        return _entries(body, [c if c in COLUMNS else "" for c in header], name, strict=False)
    if all(c in first for c in REQUIRED) or "source" in first:
        missing = [c for c in REQUIRED if c not in first]
        if missing:
            raise GlossaryError(
                f"{name}, line 1: the header lacks {' and '.join(missing)}; columns are {', '.join(COLUMNS)}."
            )
        unknown = [h for h in first if h not in COLUMNS]
        if unknown:
            raise GlossaryError(f"{name}, line 1: unknown column {unknown[0]!r}; columns are {', '.join(COLUMNS)}.")
        if len(set(first)) != len(first):
            raise GlossaryError(f"{name}, line 1: a column appears twice.")
        return _entries(list(zip(starts, rows))[1:], first, name, strict=True)
    filled = [(line, r) for line, r in zip(starts, rows) if any(c.strip() for c in r)]
    widths = {len(r) for _, r in filled}
    if widths == {4} and all(_LANG_CODE.fullmatch(r[2].strip().lower()) and _LANG_CODE.fullmatch(r[3].strip().lower())
                             for _, r in filled):  # DeepL: source, target, source language, target language
        for line, row in filled:
            if not (_lang_matches(row[2].strip(), source_lang) and _lang_matches(row[3].strip(), target_lang)):
                raise GlossaryError(f"{name}, line {line}: a DeepL glossary row for {row[2]}→{row[3]}, not "
                                    f"{source_lang}→{target_lang}.")
        return _entries(filled, ["source", "target", "", ""], name, strict=True)
    langs = [i for i, h in enumerate(first) if _LANG_CODE.fullmatch(h)]
    if len(langs) >= 2:  # memoQ / Trados: one column per language
        src = next((i for i in langs if _lang_matches(first[i], source_lang)), None)
        trg = next((i for i in langs if i != src and _lang_matches(first[i], target_lang)), None)
        if src is None or trg is None:
            raise GlossaryError(f"{name}, line 1: language columns {', '.join(rows[0][i] for i in langs)} but none "
                                f"for {source_lang if src is None else target_lang}; choose with --source-lang/"
                                "--target-lang.")
        header = ["" for _ in first]
        header[src], header[trg] = "source", "target"
        return _entries(list(zip(starts, rows))[1:], header, name, strict=False)
    if widths == {2}:  # DeepL: source, target
        return _entries(filled, ["source", "target"], name, strict=True)
    raise GlossaryError(
        f"{name}, line 1: no header with source and target, no language columns, and not two or four cells per "
        f"row (DeepL); columns are {', '.join(COLUMNS)}, or give them with --columns."
    )


def _entries(body: Sequence[tuple[int, list[str]]], header: Sequence[str], name: str, *,
             strict: bool) -> list[Entry]:
    """Entries from data rows; ``header`` names each column's field ("" for one to ignore)."""
    entries = []
    for line, row in body:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}, line {line}"
        if strict and len(row) > len(header):
            raise GlossaryError(f"{where}: {len(row)} cells but the header has {len(header)}.")
        fields = {h: restore(row[i]) if i < len(row) else "" for i, h in enumerate(header) if h}
        entries.append(_entry_from_fields(fields, where))
    return entries


def read_json(text: str, name: str) -> list[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GlossaryError(f"{name}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    except RecursionError:
        raise GlossaryError(f"{name}: the JSON is nested too deeply to be a glossary.") from None
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise GlossaryError(f"{name}: expected a list of entries or an object with an \"entries\" list.")
    entries = []
    for n, item in enumerate(items, 1):
        where = f"{name}, entry {n}"
        if not isinstance(item, dict):
            raise GlossaryError(f"{where}: expected an object with source and target.")
        fields: dict[str, str] = {}
        for key in COLUMNS:
            value = item.get(key)
            if value is None:
                continue
            if key in ("context", "forms") and isinstance(value, list):
                if not all(isinstance(v, str) for v in value):
                    raise GlossaryError(f"{where}: {key} must be a list of strings.")
                fields[key] = join_list(value)
            elif key == "dnt" and isinstance(value, bool):
                fields[key] = "true" if value else "false"
            elif isinstance(value, str):
                fields[key] = value
            else:
                raise GlossaryError(f"{where}: {key} must be a string, not {type(value).__name__}.")
        extra = set(item) - set(COLUMNS) - {"id", "created", "updated"}
        if extra:
            raise GlossaryError(f"{where}: unknown field {sorted(extra)[0]!r}.")
        entries.append(_entry_from_fields(fields, where))
    return entries


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_DOCTYPE = re.compile(r"<!DOCTYPE\s+[A-Za-z_:][\w.:-]*(?:\s+(?:SYSTEM\s+(?:\"[^\"]*\"|'[^']*')|PUBLIC\s+"
                      r"(?:\"[^\"]*\"|'[^']*')\s+(?:\"[^\"]*\"|'[^']*')))?\s*>")


def read_tbx(text: str, name: str, *, source_lang: str = "de", target_lang: str = "en") -> list[Entry]:
    """TBX-Basic (TBX v3 ``conceptEntry/langSec/termSec`` and v2 ``martif/termEntry/langSet/tig|ntig``).

    The standard document type line (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``) is accepted and never
    read or fetched; an internal DTD subset, entity declarations and external references are refused
    outright (billion laughs, XXE).
    """
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    at = text.find("<!DOCTYPE")
    if at >= 0 and not _DOCTYPE.match(text, at):
        raise GlossaryError(f"{name}: refused: the XML has an internal DTD subset (entities, defaults); TBX files "
                            "need none.")
    try:
        root = SafeET.fromstring(text.encode("utf-8"), forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise GlossaryError(f"{name}: refused: the XML declares a DTD or entities ({type(exc).__name__}); "
                            "TBX files need neither.") from None
    except SafeET.ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise GlossaryError(f"{name}, line {line}: not well-formed XML ({exc}).") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"{name}: not a TBX file (root element <{_local(root.tag)}>).")
    entries: list[Entry] = []
    concepts = [el for el in root.iter() if _local(el.tag) in ("conceptEntry", "termEntry")]
    for n, concept in enumerate(concepts, 1):
        cid = concept.get("id")
        where = f"{name}, concept {n}" + (f" (id {cid})" if cid else "")
        kind, note = "other", ""
        for child in concept:
            tag = _local(child.tag)
            if tag == "descrip" and child.get("type") == "subjectField" and (child.text or "").strip() in TYPES:
                kind = (child.text or "").strip()
            elif tag == "note":
                note = (child.text or "").strip()
        langs: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for lang_el in concept:
            if _local(lang_el.tag) not in ("langSec", "langSet"):
                continue
            lang = (lang_el.get(_XML_LANG) or lang_el.get("lang") or "").lower().replace("_", "-")
            for term_el in lang_el:
                if _local(term_el.tag) not in ("termSec", "tig", "ntig"):
                    continue
                term, props = "", {}
                for part in term_el.iter():
                    tag = _local(part.tag)
                    if tag == "term":
                        term = "".join(part.itertext()).strip()
                    elif tag in ("termNote", "descrip"):
                        props[part.get("type") or ""] = (part.text or "").strip()
                if term:
                    langs.setdefault(lang, []).append((term, props))
        german = [t for code, terms in langs.items() if _lang_matches(code, source_lang) for t in terms]
        english = [t for code, terms in langs.items() if _lang_matches(code, target_lang) for t in terms]
        names = {"de": "German", "en": "English"}
        if not german:
            raise GlossaryError(f"{where}: no {names.get(source_lang, source_lang)} (xml:lang=\"{source_lang}\") term.")
        if not english:
            raise GlossaryError(f"{where}: no {names.get(target_lang, target_lang)} (xml:lang=\"{target_lang}\") term.")
        main = [t for t, p in german if p.get("termType") != "variant"] or [german[0][0]]
        variants = [t for t, p in german if p.get("termType") == "variant" and t != main[0]]
        for target, props in english:
            fields = {
                "source": main[0],
                "target": target,
                "type": kind,
                "context": props.get("context", ""),
                "forms": join_list(variants),
                "dnt": "true" if props.get("transferComment") == "do not translate" else "",
                "note": note,
            }
            entries.append(_entry_from_fields(fields, where))
    return entries


def _sniff(text: str, default: str) -> str:
    """The delimiter of a CSV file: ``,``, ``;`` (memoQ in many locales) or a tab, from its first line."""
    line = text.split("\n", 1)[0]
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts.get(default, 0) else default


def read_entries(path: str | Path, fmt: str | None = None, *, columns: Sequence[str] | None = None,
                 source_lang: str = "de", target_lang: str = "en", encoding: str | None = None) -> list[Entry]:
    """Parse a glossary file; GlossaryError names the row and problem of the first bad row.

    ``columns``, ``source_lang`` and ``target_lang``: see :func:`read_delimited` (the languages apply to TBX
    too); ``encoding``: of the file (default: UTF-8, a BOM's, or detected).
    """
    path = Path(path)
    fmt = detect_format(path, fmt)
    text = _read_text(path, encoding)
    langs = {"source_lang": source_lang, "target_lang": target_lang}
    if fmt == "csv":
        entries = read_delimited(text, path.name, _sniff(text, ","), columns=columns, **langs)
    elif fmt == "tsv":
        entries = read_delimited(text, path.name, "\t", columns=columns, **langs)
    elif fmt == "json":
        entries = read_json(text, path.name)
    else:
        entries = read_tbx(text, path.name, **langs)
    if not entries:
        # "Imported 0 new" with success would hide a wrong or truncated file.
        raise GlossaryError(f"{path.name} holds no glossary entries; nothing was imported.")
    return entries


# -- import into a store ---------------------------------------------------------------------------
@dataclass
class ImportReport:
    """What an import did: entries added or replaced, and exact duplicates skipped or conflicts found."""

    added: list[Entry] = field(default_factory=list)
    replaced: list[tuple[Entry, Entry]] = field(default_factory=list)  # (old, new)
    duplicates: list[Entry] = field(default_factory=list)
    conflicts: list[tuple[Entry, Entry]] = field(default_factory=list)  # (existing, incoming)
    to_add: list[Entry] = field(default_factory=list, repr=False)
    to_replace: list[tuple[Entry, Entry]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": len(self.added),
            "replaced": [{"old": o.to_dict(), "new": n.to_dict()} for o, n in self.replaced],
            "duplicates": [e.to_dict() for e in self.duplicates],
            "conflicts": [{"existing": o.to_dict(), "incoming": n.to_dict()} for o, n in self.conflicts],
        }


def _same(a: Entry, b: Entry) -> bool:
    return (a.target, a.type, a.forms, a.dnt, a.note) == (b.target, b.type, b.forms, b.dnt, b.note)


class EntryStore(Protocol):
    """What an import needs of the store (:class:`glossary.store.GlossaryStore`, which imports this module's
    reader for the starter glossary, so it is not imported here)."""

    def lookup(self, entry: Entry, *, exclude: int | None = None) -> Entry | None: ...

    def transaction(self) -> AbstractContextManager[object]: ...

    def import_batch(self, to_add: Iterable[Entry], to_replace: Iterable[tuple[Entry, Entry]] = ()
                     ) -> tuple[list[Entry], list[tuple[Entry, Entry]]]: ...

    def apply_import(self, to_add: Iterable[Entry], to_replace: Iterable[tuple[Entry, Entry]] = ()
                     ) -> tuple[list[Entry], list[tuple[Entry, Entry]]]: ...


def import_entries(store: EntryStore, entries: Sequence[Entry], *, on_conflict: str = "fail",
                   dry_run: bool = False) -> ImportReport:
    """Add ``entries`` to ``store`` in one transaction.

    An incoming entry with the same source and context cues as a stored one is a *duplicate* when
    everything else matches too (skipped), else a *conflict*: ``on_conflict`` is ``fail`` (nothing is
    imported; GlossaryError lists the conflicts), ``skip`` (keep the stored entry) or ``replace``.
    Two entries of the file with the same source and cues but different renderings are always an error.
    """
    if on_conflict not in ("fail", "skip", "replace"):
        raise GlossaryError(f"on_conflict must be fail, skip or replace, not {on_conflict!r}.")
    report = ImportReport()
    seen: dict[tuple[str, tuple[str, ...]], tuple[int, Entry]] = {}
    incoming: list[Entry] = []
    for n, entry in enumerate(entries, 1):
        key = entry_key(entry)
        if key in seen:
            first_n, first = seen[key]
            if _same(first, entry):
                report.duplicates.append(entry)
                continue
            raise GlossaryError(
                f"entry {n} ({entry.source!r} → {entry.target!r}) conflicts with entry {first_n} of the same "
                f"file ({first.target!r}) with the same context; keep one or give them different context cues."
            )
        seen[key] = (n, entry)
        incoming.append(entry)
    if dry_run:
        _classify(store, incoming, on_conflict, report)
        report.added = report.to_add
        report.replaced = report.to_replace
        return report
    # Decided inside the write transaction: another import committing meanwhile is seen, never duplicated.
    with store.transaction():
        _classify(store, incoming, on_conflict, report)
        report.added, report.replaced = store.apply_import(report.to_add, report.to_replace)
    return report


def _classify(store: EntryStore, incoming: Sequence[Entry], on_conflict: str, report: ImportReport) -> None:
    """Sort ``incoming`` into new entries, duplicates and conflicts against the stored glossary (an index
    lookup per entry); GlossaryError listing the conflicts when ``on_conflict`` is ``fail``."""
    for entry in incoming:
        old = store.lookup(entry)
        if old is None:
            report.to_add.append(entry)
        elif _same(old, entry):
            report.duplicates.append(entry)
        else:
            report.conflicts.append((old, entry))
            if on_conflict == "replace":
                report.to_replace.append((old, entry))
    if report.conflicts and on_conflict == "fail":
        shown = "; ".join(f"{o.source!r}: stored {o.target!r} (id {o.id}), file {n.target!r}"
                          for o, n in report.conflicts[:5])
        more = f" and {len(report.conflicts) - 5} more" if len(report.conflicts) > 5 else ""
        raise GlossaryError(
            f"{len(report.conflicts)} conflicting entr{'y' if len(report.conflicts) == 1 else 'ies'} ({shown}{more}); "
            "nothing was imported. Use --on-conflict skip or replace."
        )


# -- writing -------------------------------------------------------------------------------------------
def _row(entry: Entry) -> list[str]:
    return [entry.source, entry.target, entry.type, join_list(entry.context), join_list(entry.forms),
            "true" if entry.dnt else "false", entry.note]


def format_delimited(entries: Iterable[Entry], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow([neutralise(cell) for cell in _row(entry)])
    return out.getvalue()


def format_json(entries: Iterable[Entry]) -> str:
    items = []
    for e in entries:
        d = e.to_dict()
        for key in ("id", "created", "updated"):
            d.pop(key)
        items.append(d)
    return json.dumps({"glossator_glossary": 1, "entries": items}, ensure_ascii=False, indent=2) + "\n"


def format_tbx(entries: Iterable[Entry]) -> str:
    """TBX-Basic (TBX v3). One conceptEntry per entry: German term and variants, English term with its
    context cues (``descrip type="context"``); the entry type as subjectField; do-not-translate as a
    transferComment."""
    from xml.sax.saxutils import escape, quoteattr

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="de" xmlns="{TBX_NS}">',
        "  <tbxHeader><fileDesc><sourceDesc><p>Glossator glossary</p></sourceDesc></fileDesc></tbxHeader>",
        "  <text><body>",
    ]
    for n, e in enumerate(entries, 1):
        lines.append(f"    <conceptEntry id={quoteattr(f'c{n}')}>")
        lines.append(f'      <descrip type="subjectField">{escape(e.type)}</descrip>')
        if e.note:
            lines.append(f"      <note>{escape(e.note)}</note>")
        lines.append('      <langSec xml:lang="de">')
        lines.append(f"        <termSec><term>{escape(e.source)}</term></termSec>")
        for form in e.forms:
            lines.append(f'        <termSec><term>{escape(form)}</term>'
                         f'<termNote type="termType">variant</termNote></termSec>')
        lines.append("      </langSec>")
        lines.append('      <langSec xml:lang="en">')
        extra = ""
        if e.context:
            extra += f'<descrip type="context">{escape(join_list(e.context))}</descrip>'
        if e.dnt:
            extra += '<termNote type="transferComment">do not translate</termNote>'
        lines.append(f"        <termSec><term>{escape(e.target)}</term>{extra}</termSec>")
        lines.append("      </langSec>")
        lines.append("    </conceptEntry>")
    lines += ["  </body></text>", "</tbx>", ""]
    return "\n".join(lines)


def format_entries(entries: Iterable[Entry], fmt: str) -> str:
    if fmt == "csv":
        return format_delimited(entries, ",")
    if fmt == "tsv":
        return format_delimited(entries, "\t")
    if fmt == "json":
        return format_json(entries)
    if fmt == "tbx":
        return format_tbx(entries)
    raise GlossaryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")


def check_export_target(path: Path, glossary: Path | None = None) -> None:
    """Refuse to export over a SQLite database (a glossary, a memory, a project) or its journal files.

    Raises:
        GlossaryError: ``path`` is the open ``glossary`` (or its ``-wal``/``-shm``/``-journal``) or starts with
            the SQLite header.
    """
    if glossary is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            other = Path(f"{glossary}{suffix}")
            try:
                same = os.path.samefile(path, other)
            except OSError:
                same = path.absolute() == other.absolute()
            if same:
                raise GlossaryError(f"{path} is the glossary database itself; export to another file.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return  # missing (the common case), or a folder / unreadable: writing reports that
    if head == b"SQLite format 3\x00":
        raise GlossaryError(f"{path} is a SQLite database; exporting would overwrite it. Export to another file.")


def write_entries(path: str | Path, entries: Iterable[Entry], fmt: str | None = None, *,
                  glossary: Path | None = None) -> str:
    """Write ``entries`` to ``path`` atomically; returns the format used.

    Args:
        path: The export file; never a SQLite database (see :func:`check_export_target`).
        entries: What to write.
        fmt: ``csv``, ``tsv``, ``tbx`` or ``json``; default from the extension.
        glossary: The glossary being exported, refused as the destination.
    """
    path = Path(path)
    fmt = detect_format(path, fmt)
    check_export_target(path, glossary)
    write_atomic(path, format_entries(entries, fmt), fsync=True)
    return fmt
