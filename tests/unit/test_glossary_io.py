"""Import/export: formats, lossless round trips, row-level errors, formula neutralisation, hostile XML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.glossary.errors import GlossaryError
from glossator.glossary.io import (
    format_entries,
    import_entries,
    neutralise,
    read_entries,
    restore,
    write_entries,
)
from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore

SAMPLE = [
    Entry(None, "Außenministerium", "State Department", "org", ("US", "Washington"), (), False, "US"),
    Entry(None, "Außenministerium", "foreign ministry", "org"),
    Entry(None, "Kim Jong Un", "Kim Jong Un", "person", (), ("Kim Jong-un",), True, ""),
    Entry(None, "=SUM(A1)", "+danger", "other", ("@cue",), ("-form",), False, "'quoted"),
    Entry(None, "Notiz", "note", "other", (), (), False, 'line one\nline "two", with comma\ttab'),
]


@pytest.fixture
def store(tmp_path: Path):
    with GlossaryStore.open(tmp_path / "g.db") as s:
        yield s


def _core(entries: list[Entry]) -> list[tuple]:
    return [(e.source, e.target, e.type, e.context, e.forms, e.dnt, e.note) for e in entries]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "tbx"])
def test_round_trip_is_lossless(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    write_entries(path, SAMPLE)
    assert _core(read_entries(path)) == _core(SAMPLE)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formula_cells_are_neutralised(tmp_path: Path, fmt: str) -> None:
    text = format_entries(SAMPLE, fmt)
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert "'=SUM(A1)" in text and "'+danger" in text and "'@cue" in text and "'-form" in text


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_property_neutralise_restore_round_trips(cell: str) -> None:
    out = neutralise(cell)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(out) == cell


def test_hand_written_apostrophe_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("source,target\n'Ndrangheta,'Ndrangheta\n", encoding="utf-8")
    assert read_entries(path)[0].source == "'Ndrangheta"


def test_csv_minimal_header_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("\ufeffSource,Target,Context\nKreml,Kremlin,\nAußenministerium,State Department,US|USA\n",
                    encoding="utf-8")
    got = read_entries(path)
    assert _core(got) == [("Kreml", "Kremlin", "other", (), (), False, ""),
                          ("Außenministerium", "State Department", "other", ("US", "USA"), (), False, "")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("source,target\nKreml,\n", r"g\.csv, line 2: the target is empty"),
        ("source,target,type\nKreml,Kremlin,city\n", r"line 2: unknown type 'city'"),
        ("source,target\nKreml,Kremlin\n,Moscow\n", r"line 3: the source is empty"),
        ("source,target\n\"Kreml\nx\",Kremlin\nMoskau,Moscow,extra\n", r"line 4: 3 cells"),
        ("source,ziel\nKreml,Kremlin\n", r"line 1: the header lacks target"),
        ("source,target,colour\nKreml,Kremlin,red\n", r"line 1: unknown column 'colour'"),
        ("source,target,dnt\nKreml,Kremlin,maybe\n", r"line 2: dnt must be true or false"),
        ("", r"is empty"),
    ],
)
def test_csv_errors_name_the_row_and_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        read_entries(path)


def test_invalid_utf8_and_nul_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_bytes("source\ttarget\nKöln\tCologne\n".encode("cp1252"))  # not UTF-8: detected, read
    assert [(e.source, e.target) for e in read_entries(path)] == [("Köln", "Cologne")]
    path.write_bytes(b"source\ttarget\nKreml\x00\tKremlin\n")
    with pytest.raises(GlossaryError, match="NUL"):
        read_entries(path)


def test_json_errors(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('{"entries": [{"source": "Kreml", "target": "Kremlin"}, {"source": "Moskau"}]}')
    with pytest.raises(GlossaryError, match="entry 2: the target is empty"):
        read_entries(path)
    path.write_text('{"entries": [{"source": "Kreml", "target": 3}]}')
    with pytest.raises(GlossaryError, match="entry 1: target must be a string"):
        read_entries(path)
    path.write_text("[1, 2")
    with pytest.raises(GlossaryError, match="line 1: not valid JSON"):
        read_entries(path)
    path.write_text('[{"source": "Kreml", "target": "Kremlin"}]')
    assert read_entries(path)[0].target == "Kremlin"


def test_unknown_extension_needs_format(tmp_path: Path) -> None:
    path = tmp_path / "g.xlsx"
    path.write_text("x")
    with pytest.raises(GlossaryError, match="--format"):
        read_entries(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1">
<langSec xml:lang="de"><termSec><term>&lol3;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1">
<langSec xml:lang="de"><termSec><term>&xxe;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>"""

INTERNAL_DEFAULTS = """<?xml version="1.0"?>
<!DOCTYPE tbx SYSTEM "tbx.dtd" [<!ATTLIST termSec id CDATA "injected">]>
<tbx type="TBX-Basic"><text><body/></text></tbx>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE, INTERNAL_DEFAULTS])
def test_tbx_entity_tricks_are_refused(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(GlossaryError, match="refused"):
        read_entries(path)


def test_tbx_v2_martif_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text("""<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="de"><text><body>
    <termEntry id="t1"><descrip type="subjectField">place</descrip>
      <langSet xml:lang="de"><tig><term>Moskau</term></tig></langSet>
      <langSet xml:lang="en-GB"><tig><term>Moscow</term></tig></langSet></termEntry>
    <termEntry id="t2"><langSet xml:lang="de"><tig><term>Kiew</term></tig></langSet></termEntry>
    </body></text></martif>""", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"concept 2 \(id t2\): no English"):
        read_entries(path)
    path.write_text("<tbx><text><body>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not well-formed"):
        read_entries(path)
    path.write_text("<html/>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not a TBX file"):
        read_entries(path)


def test_import_reports_duplicates_and_refuses_conflicts(store: GlossaryStore) -> None:
    store.add(Entry(None, "Kreml", "Kremlin", "org"))
    report = import_entries(store, [Entry(None, "Kreml", "Kremlin", "org"), Entry(None, "Moskau", "Moscow", "place"),
                                    Entry(None, "Moskau", "Moscow", "place")])
    assert len(report.added) == 1 and len(report.duplicates) == 2
    before = store.revision
    with pytest.raises(GlossaryError, match="1 conflicting entry .*nothing was imported"):
        import_entries(store, [Entry(None, "Kiew", "Kyiv", "place"), Entry(None, "Kreml", "the Kremlin", "org")])
    assert store.revision == before
    assert [e.source for e in store.entries()] == ["Kreml", "Moskau"]


def test_import_conflict_skip_and_replace(store: GlossaryStore) -> None:
    store.add(Entry(None, "Kreml", "Kremlin", "org"))
    incoming = [Entry(None, "Kreml", "the Kremlin", "org"), Entry(None, "Kiew", "Kyiv", "place")]
    report = import_entries(store, incoming, on_conflict="skip")
    assert len(report.added) == 1 and len(report.conflicts) == 1
    assert store.find("Kreml")[0].target == "Kremlin"
    report = import_entries(store, incoming, on_conflict="replace")
    assert store.find("Kreml")[0].target == "the Kremlin"
    assert report.replaced[0][0].target == "Kremlin"


def test_conflict_inside_the_file_is_an_error(store: GlossaryStore) -> None:
    with pytest.raises(GlossaryError, match="entry 2 .* conflicts with entry 1"):
        import_entries(store, [Entry(None, "Kreml", "Kremlin", "org"), Entry(None, "kreml", "Kremlin Palace", "org")])
    assert store.entries() == []


def test_export_is_atomic_and_json_is_tagged(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_entries(path, SAMPLE[:1])
    data = json.loads(path.read_text())
    assert data["glossator_glossary"] == 1 and data["entries"][0]["context"] == ["US", "Washington"]
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="de-DE"><martifHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc>
</martifHeader><text><body>
<termEntry id="e1"><langSet xml:lang="de-DE"><ntig><termGrp><term>Außenministerium</term></termGrp></ntig></langSet>
<langSet xml:lang="en-US"><ntig><termGrp><term>State Department</term></termGrp></ntig></langSet></termEntry>
</body></text></martif>"""


def test_tbx_v2_with_the_standard_doctype_is_read_and_the_dtd_never_fetched(tmp_path: Path, monkeypatch) -> None:
    import socket
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the DTD must never be fetched")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    path = tmp_path / "memoq.tbx"
    path.write_text(TBX_V2, encoding="utf-8")
    assert [(e.source, e.target) for e in read_entries(path)] == [("Außenministerium", "State Department")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Außenministerium,State Department\nKreml,Kremlin\n", [("Außenministerium", "State Department"),
                                                           ("Kreml", "Kremlin")]),  # DeepL, 2 columns
    ("Außenministerium,State Department,de,en\nKreml,Kremlin,DE,EN\n", [("Außenministerium", "State Department"),
                                                                       ("Kreml", "Kremlin")]),  # DeepL, 4
    ("de-DE;en-US;Note\nAußenministerium;State Department;x\nKreml;Kremlin;\n",
     [("Außenministerium", "State Department"), ("Kreml", "Kremlin")]),  # memoQ, semicolons
    ("en_GB,de_DE\nState Department,Außenministerium\n", [("Außenministerium", "State Department")]),  # Trados
])
def test_csv_from_other_tools_is_recognised(tmp_path: Path, text: str, expected: list) -> None:
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    assert [(e.source, e.target) for e in read_entries(path)] == expected


def test_csv_overrides_and_clear_errors(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("x,Außenministerium,State Department,Ressort\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="--columns"):
        read_entries(path)
    entries = read_entries(path, columns=["-", "source", "target", "note"])
    assert [(e.source, e.target, e.note) for e in entries] == [("Außenministerium", "State Department", "Ressort")]
    path.write_text("de-AT,en-GB\nSpital,hospital\n", encoding="utf-8")
    assert [e.target for e in read_entries(path, source_lang="de-AT")] == ["hospital"]
    path.write_text("fr-FR,en-GB\nhôpital,hospital\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="none for de"):
        read_entries(path)
    path.write_text("Kreml,Kremlin,de,fr\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="DeepL glossary row for de→fr"):
        read_entries(path)


def test_tbx_export_is_read_by_an_independent_parser(tmp_path: Path) -> None:
    from lxml import etree

    from glossator.glossary.io import format_tbx
    from glossator.glossary.model import Entry

    entries = [Entry(id=1, source="Außenministerium", target="State Department", type="org", context=("USA",),
                     forms=("Aussenministerium",), note="a & b"),
               Entry(id=2, source="Xi Jinping", target="", type="person", dnt=True)]
    root = etree.fromstring(format_tbx(entries).encode("utf-8"),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert etree.QName(root).localname == "tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", ns) is not None
    concepts = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert [c.get("id") for c in concepts] == ["c1", "c2"]
    first = concepts[0]
    assert [ls.get(lang) for ls in first.findall("t:langSec", ns)] == ["de", "en"]
    assert [t.text for t in first.findall("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='de']/t:termSec/"
                                          "t:term", ns)] == ["Außenministerium", "Aussenministerium"]
    assert first.find("t:note", ns).text == "a & b"
    assert first.find("t:langSec/t:termSec/t:termNote[@type='termType']", ns).text == "variant"
