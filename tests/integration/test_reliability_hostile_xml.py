"""Hostile XML in batch inputs (XLIFF, DOCX, HTML) and escaping in the bilingual exports (XLIFF, TMX, report).

Entity bombs and external entities are refused with a message that says so; the file is skipped (failed),
the batch goes on, nothing from outside the file reaches an output. Exports escape whatever text they hold.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from glossator.translate.batch import BatchRunner
from glossator.translate.enforce import Enforcer
from glossator.translate.fake import FakeEngine
from glossator.translate.result import SegmentResult, TermResult

SECRET = "TOPSECRET-4711"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def _laughs(root: str, depth: int = 10) -> str:
    ents = '<!ENTITY a0 "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, depth)
    )
    return f"<!DOCTYPE {root} [{ents}]>"


def _xliff(body: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="de"><file id="f"><unit id="u1"><segment>'
        f"<source>{body}</source></segment></unit></file></xliff>"
    ).encode()


def hostile_xliff(secret: Path) -> dict[str, bytes]:
    return {
        "laughs.xlf": _xliff("Der Hund &a9;.", _laughs("xliff")),
        "quadratic.xlf": _xliff("Der Hund &a;" * 200, f'<!DOCTYPE xliff [<!ENTITY a "{"x" * 50_000}">]>'),
        "xxe.xlf": _xliff("Der Hund &x;.", f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>'),
        "parameter.xlf": _xliff(
            "Der Hund.", f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'
        ),
        "external-dtd.xlf": _xliff("Der Hund.", '<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/evil.dtd">'),
        "utf16-xxe.xlf": _xliff("Der Hund &x;.", f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>')
        .decode()
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .encode("utf-16"),
    }


def _docx_with(part: str, patch) -> bytes:
    d = docx.Document()
    d.add_paragraph("Der Hund ist gut.")
    d.sections[0].header.paragraphs[0].text = "Die Katze."
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data = patch(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def _with_doctype(doctype: str, replace: tuple[str, str] | None = None):
    def patch(xml: str) -> str:
        xml = xml.replace("?>", "?>" + doctype, 1)
        return xml.replace(*replace) if replace else xml

    return patch


def hostile_docx(secret: Path) -> dict[str, bytes]:
    xxe = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    return {
        "xxe.docx": _docx_with("word/document.xml", _with_doctype(xxe, ("Der Hund ist gut.", "Der Hund &x; ist gut."))),
        "laughs.docx": _docx_with(
            "word/document.xml", _with_doctype(_laughs("w:document"), ("Der Hund ist gut.", "Der &a9; Hund."))
        ),
        "styles-dtd.docx": _docx_with("word/styles.xml", _with_doctype(_laughs("w:styles"))),
        "header-xxe.docx": _docx_with(
            "word/header1.xml", _with_doctype(xxe.replace("w:document", "w:hdr"), ("Die Katze.", "Die &x; Katze."))
        ),
        "content-types-dtd.docx": _docx_with(
            "[Content_Types].xml", _with_doctype('<!DOCTYPE Types SYSTEM "http://127.0.0.1:9/x.dtd">')
        ),
        "rels-xxe.docx": _docx_with(
            "_rels/.rels", _with_doctype(f'<!DOCTYPE Relationships [<!ENTITY x SYSTEM "file://{secret}">]>')
        ),
    }


def _run(inputs: Path, out: Path, exports: tuple[str, ...] = ()):
    runner = BatchRunner(Enforcer(FakeEngine(), None), out_dir=out, model_id="fake", exports=exports)
    return runner.run([inputs])


def _all_output(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("kind", ["xliff", "docx"])
def test_entity_tricks_are_refused_and_the_batch_goes_on(kind: str, secret: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = hostile_xliff(secret) if kind == "xliff" else hostile_docx(secret)
    for name, data in hostile.items():
        (inputs / name).write_bytes(data)
    (inputs / "good.txt").write_text("Der Hund ist gut.\n")
    started = time.monotonic()
    summary = _run(inputs, tmp_path / "out")
    assert time.monotonic() - started < 20
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["good.txt"].status == "done"
    assert (tmp_path / "out" / "good.txt").read_text() == "The dog is good.\n"
    for name in hostile:
        outcome = by_rel[name]
        assert outcome.status == "failed", (name, outcome)
        assert "DTD or entit" in outcome.message, (name, outcome.message)
        assert "\n" not in outcome.message
        assert not (tmp_path / "out" / name).exists()
    assert SECRET.encode() not in _all_output(tmp_path / "out")


def test_html_doctype_entities_are_never_expanded(secret: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "xxe.html").write_text(
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>\n<p>Der Hund &x; ist gut.</p>\n'
    )
    (inputs / "laughs.html").write_text(_laughs("html") + "\n<p>Der Hund &a9; ist gut.</p>\n")
    (inputs / "script.html").write_text(
        "<p>Der Hund <script>alert(1)</script>ist &lt;b&gt;gut&lt;/b&gt;.</p>"
        '<img alt="Der Hund&quot; onerror=&quot;alert(1)" src=x>\n'
    )
    summary = _run(inputs, tmp_path / "out")
    assert summary.ok
    out = tmp_path / "out"
    assert SECRET not in (out / "xxe.html").read_text()
    assert "&amp;x;" in (out / "xxe.html").read_text()  # an undefined entity is text, shown literally
    assert len((out / "laughs.html").read_bytes()) < 2_000
    script = (out / "script.html").read_text()
    assert "<script>alert(1)</script>" in script  # untouched, as in the input
    assert "&lt;b&gt;good&lt;/b&gt;" in script  # decoded for the engine, escaped again on the way out
    assert 'alt="The dog&quot; onerror=&quot;alert(1)"' in script


NASTY = [
    "Der <b>Hund</b> & die Katze",
    "]]> <![CDATA[ x ]]>",
    '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>&a;',
    '</seg></tuv></tu><tu><tuv xml:lang="de"><seg>injected',
    "</target></segment></unit><unit id=\"evil\">",
    "Quote \" apostrophe ' less < greater > amp &amp; &#x1b;",
    "controls \x00\x01\x08\x0b\x0c\x1b[31m\x7f\x9b end",
    "surrogate-free \ufffe\uffff astral 🦆 rtl \u202e evil",
    "<script>alert(1)</script>",
]


def _results() -> list[SegmentResult]:
    out = []
    for i, text in enumerate(NASTY):
        terms = [TermResult(text[:5], f"<{text[-5:]}>&", "violated", 1, 0, 5)]
        out.append(SegmentResult(i, i + 1, text, text[::-1], terms))
    return out


def _safe_parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _xml_clean(text: str) -> str:
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in text)


def test_xliff_and_tmx_exports_escape_everything() -> None:
    from glossator.translate.exports.tmx import to_tmx
    from glossator.translate.exports.xliff import to_xliff

    name = 'a"><script>x</script>&\x1b.txt'
    results = _results()
    xliff = _safe_parse(to_xliff(name, results))
    units = xliff.findall(f".//{{{XLIFF_NS}}}unit")
    assert len(units) == len(NASTY)  # no injected unit
    assert [u.find(f".//{{{XLIFF_NS}}}source").text for u in units] == [_xml_clean(t) for t in NASTY]
    assert [u.find(f".//{{{XLIFF_NS}}}target").text for u in units] == [_xml_clean(t[::-1]) for t in NASTY]
    assert xliff.find(f"{{{XLIFF_NS}}}file").get("original") == _xml_clean(name)

    tmx_bytes = to_tmx(name, results)
    tmx = _safe_parse(tmx_bytes)
    tus = tmx.findall(".//tu")
    assert len(tus) == len(NASTY)
    assert [tu.findall(".//seg")[0].text for tu in tus] == [_xml_clean(t) for t in NASTY]
    assert b"<!ENTITY" not in tmx_bytes  # only as escaped text
    assert b"&lt;!DOCTYPE x [&lt;!ENTITY" in tmx_bytes


def test_json_and_report_exports_escape_everything() -> None:
    import json

    from glossator.translate.exports.json import to_json
    from glossator.translate.exports.report import to_report

    results = _results()
    data = json.loads(to_json("a.txt", results))
    assert [s["source"] for s in data["segments"]] == NASTY
    page = to_report('<script>alert("name")</script>', results).decode()
    assert "<script>" not in page
    assert "alert(1)&lt;/script&gt;" in page and "&lt;script&gt;alert(&quot;name&quot;)" in page
    assert "</seg></tuv>" not in page and "<b>Hund</b>" not in page


def test_batch_exports_of_hostile_text_are_well_formed(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "nasty.txt").write_text("\n".join(t.replace("\x00", "") for t in NASTY) + "\n")
    summary = _run(inputs, tmp_path / "out", exports=("xliff", "tmx", "json", "report"))
    assert summary.ok, summary.files
    out = tmp_path / "out"
    for suffix in (".xlf", ".tmx"):
        root = _safe_parse((out / f"nasty.txt{suffix}").read_bytes())
        assert root is not None
    assert "<script>" not in (out / "nasty.txt.report.html").read_text()


def test_through_the_cli_batch_a_hostile_file_is_one_line_and_the_rest_is_done(
    secret: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import glossator.commands.translate as command
    from glossator.cli import cli

    monkeypatch.setattr(command, "load_engine", lambda beam_size, threads: FakeEngine())
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "xxe.xlf").write_bytes(hostile_xliff(secret)["xxe.xlf"])
    (inputs / "laughs.docx").write_bytes(hostile_docx(secret)["laughs.docx"])
    (inputs / "good.txt").write_text("Der Hund ist gut.\n")
    result = CliRunner().invoke(cli, ["translate", str(inputs), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failures) == 2 and all("DTD or entit" in line for line in failures)
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "good.txt").read_text() == "The dog is good.\n"
    assert SECRET.encode() not in _all_output(tmp_path / "out")
