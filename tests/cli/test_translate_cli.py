"""``glossator translate`` end to end with a fake engine (structure, JSON, errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli
from glossator.translate.fake import FakeEngine

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    import glossator.commands.translate as command

    monkeypatch.setattr(command, "load_engine", lambda beam_size, threads: fake)
    return fake


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_plain_output_keeps_lines(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.de.txt"
    src.write_text("Hallo Welt\n\nDer Hund ist gut. Die Katze ist klein.\n\n\n  Am Freitag.\n", encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.exit_code == 0, result.output
    assert result.output == "Hello world\n\nThe dog is good. The cat is small.\n\n\n  On Friday.\n"


def test_output_file_and_batching(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Der Hund.", encoding="utf-8")
    b.write_text("Die Katze.\nDas Haus.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(cli, ["translate", str(a), str(b), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert out.read_text(encoding="utf-8") == "The dog.\nThe cat.\nThe house.\n"
    # One engine call for all sentences of all files.
    assert engine.calls == [["Der Hund.", "Die Katze.", "Das Haus."]]


def test_json_output(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Titel\n\nDer Hund. Die Katze.\n", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--json", str(src)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == {
        "segments": [
            {"line": 1, "source": "Titel", "target": "Title", "terms": []},  # the word list lacks it: leftover
            {"line": 3, "source": "Der Hund.", "target": "The dog.", "terms": []},
            {"line": 3, "source": "Die Katze.", "target": "The cat.", "terms": []},
        ]
    }


def test_json_several_files(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Der Hund.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--json", str(a), str(a)])
    data = json.loads(result.output)
    assert [d["file"] for d in data["documents"]] == [str(a), str(a)]
    assert data["documents"][1]["segments"][0]["target"] == "The dog."


def test_stdin(engine: FakeEngine, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["translate", "-"], input="Hallo Welt.\n".encode())
    assert result.exit_code == 0, result.output
    assert result.output == "Hello world.\n"


def test_bad_files_reported_others_translated(engine: FakeEngine, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Der Hund.\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("schön".encode("latin-1"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x7fELF\x00\x00\x01")
    missing = tmp_path / "missing.txt"
    runner = CliRunner()
    result = runner.invoke(cli, ["translate", str(missing), str(latin1), str(good), str(binary), str(tmp_path)])
    assert result.exit_code == 1
    # The Latin-1 file is read (encoding detected) and its translation keeps that encoding.
    assert result.stdout_bytes == "schön\n".encode("latin-1") + b"The dog.\n"
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0] == f"Error: {missing}: no such file."
    assert errors[1].startswith(f"Error: {binary}: ") and "binary" in errors[1]
    assert "directory" in errors[2]


def test_empty_file(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "empty.txt"
    src.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.exit_code == 0
    assert result.output == ""
    assert engine.calls == []


def test_no_model(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSATOR_BUNDLED_MODEL", str(tmp_path / "nowhere"))
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: No German→English model is installed")
    assert len(result.stderr.splitlines()) == 1


def test_missing_glossary_is_an_error(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--glossary", str(tmp_path / "nope.db"), str(src)])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["translate"]).exit_code == 2
    assert runner.invoke(cli, ["translate", "--beam-size", "0", "x"]).exit_code == 2


def test_help_has_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["translate", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.model
def test_translate_seed_article_with_bundled_model(tmp_path: Path, bundled_model: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["translate", "--beam-size", "1", str(SEED_ARTICLE)])
    assert result.exit_code == 0, result.stderr
    source = SEED_ARTICLE.read_text(encoding="utf-8")
    out = result.stdout if source.endswith("\n") else result.stdout.removesuffix("\n")  # stdout ends a line
    source_lines, out_lines = source.split("\n"), out.split("\n")
    assert len(out_lines) == len(source_lines)
    for src, out in zip(source_lines, out_lines):
        assert bool(src.strip()) == bool(out.strip())
    assert all("▁" not in line for line in out_lines)


def test_glossary_terms_enforced_and_reported(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore

    db = tmp_path / "g.db"
    with GlossaryStore.open(db) as store:
        store.add(Entry(id=None, source="Außenministerium", target="State Department", type="org"))
    src = tmp_path / "a.txt"
    src.write_text("Das Außenministerium sagte am Freitag nein.\n", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--json", "--glossary", str(db), str(src)])
    assert result.exit_code == 0, result.output
    (segment,) = json.loads(result.output)["segments"]
    assert "State Department" in segment["target"]
    assert segment["terms"] == [{"source": "Außenministerium", "target": "State Department", "status": "applied",
                                 "kind": "term", "entry_id": 1, "start": 4, "end": 20}]


def test_foreign_glossary_file_is_one_line_error(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"just some text, not SQLite")
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--glossary", str(db), str(src)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == b"just some text, not SQLite"


def test_output_into_missing_folder(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.", encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(src), "-o", str(tmp_path / "no" / "out.txt")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot write") and len(result.stderr.splitlines()) == 1


def test_beam_and_threads_reach_the_engine(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossator.commands.translate as command

    seen: list[tuple[int, int | None]] = []

    def fake_loader(beam_size: int, threads: int | None) -> FakeEngine:
        seen.append((beam_size, threads))
        return FakeEngine()

    monkeypatch.setattr(command, "load_engine", fake_loader)
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.", encoding="utf-8")
    assert runner.invoke(cli, ["translate", "--beam-size", "2", "--threads", "3", str(src)]).exit_code == 0
    assert runner.invoke(cli, ["translate", str(src)]).exit_code == 0
    assert seen == [(2, 3), (4, None)]


def test_seed_article_with_the_default_starter_glossary_and_report(
    engine: FakeEngine, runner: CliRunner, glossator_home: Path
) -> None:
    """The main job: the default glossary is created from the starter glossary and enforced; --report on stderr."""
    result = runner.invoke(cli, ["translate", str(SEED_ARTICLE), "--json", "--report"])
    assert result.exit_code == 0, result.stderr
    assert (glossator_home / "glossary.db").is_file()
    segments = json.loads(result.stdout)["segments"]
    terms = {(t["source"], t["target"]) for s in segments for t in s["terms"]}
    # A Washington story: its Außenministerium is the State Department; China's stays the foreign ministry.
    assert ("Außenministerium", "State Department") in terms
    assert ("Außenministeriums", "foreign ministry") in terms
    assert ("Pjöngjang", "Pyongyang") in terms and ("Wladimir Putin", "Vladimir Putin") in terms
    statuses = {t["status"] for s in segments for t in s["terms"]}
    assert statuses <= {"applied", "violated", "partial"} and "applied" in statuses
    report = result.stderr
    assert "Pyongyang" in report and report.count("Terms: ") == 1
    applied = sum(t["status"] == "applied" for s in segments for t in s["terms"] if t["kind"] == "term")
    assert f"Terms: {applied} applied," in report
    kept = sum(t["status"] == "applied" for s in segments for t in s["terms"] if t["kind"] == "name")
    assert kept > 0 and f"Names: {kept} kept as written" in report
    # The people of the seed article the glossary does not hold are protected names in the JSON.
    names = {t["source"] for s in segments for t in s["terms"] if t["kind"] == "name"}
    assert {"Liu Pengyu", "Bonnie Jenkins"} <= names


def test_missing_glossary_path_is_an_error_not_an_empty_glossary(
    engine: FakeEngine, runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.\n", encoding="utf-8")
    missing = tmp_path / "typo.db"
    result = runner.invoke(cli, ["translate", str(src), "--glossary", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Glossary {missing} does not exist.")
    assert not missing.exists()


def test_single_html_file_goes_through_its_format(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "page.html"
    src.write_text('<html lang="de"><head><style>p { color: red }</style><script>var der = 1;</script></head>'
                   "<body><p>Das <b>Außenministerium</b> teilte <b>am Freitag</b> mit.&nbsp;Der Hund.</p></body></html>")
    out = tmp_path / "page.en.html"
    result = runner.invoke(cli, ["translate", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # Script and style untouched, one sentence across the tags, the entity kept, the language English.
    assert out.read_text() == ('<html lang="en"><head><style>p { color: red }</style><script>var der = 1;</script>'
                               "</head><body><p>The <b>foreign ministry</b> teilte <b>on Friday</b> with.&nbsp;The "
                               "dog.</p></body></html>")


def test_single_markdown_to_stdout_keeps_link_addresses(engine: FakeEngine, runner: CliRunner,
                                                        tmp_path: Path) -> None:
    src = tmp_path / "a.md"
    src.write_text("# Der Tag\n\nDer [Hund](https://x.de/der_hund) ist *gut*.\n\n```\nder Code\n```\n")
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "# The day\n\nThe [dog](https://x.de/der_hund) is *good*.\n\n```\nder Code\n```\n"


def test_docx_needs_an_output_file(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Der Hund ist gut.")
    buf = io.BytesIO()
    d.save(buf)
    src = tmp_path / "a.docx"
    src.write_bytes(buf.getvalue())
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {src}: a docx translation is a binary file and cannot go to standard output; " \
                            "write it with -o FILE\n"
    out = tmp_path / "a.en.docx"
    result = runner.invoke(cli, ["translate", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).paragraphs[0].text == "The dog is good."


def test_single_file_and_batch_agree_on_mixed_newlines(engine: FakeEngine, runner: CliRunner,
                                                       tmp_path: Path) -> None:
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_bytes(b"Der Hund.\r\nDie Katze.\nDer Tag.\r\n")
    single = tmp_path / "single.txt"
    assert runner.invoke(cli, ["translate", str(src), "-o", str(single)]).exit_code == 0
    assert runner.invoke(cli, ["translate", str(src.parent), "-o", str(tmp_path / "batch")]).exit_code == 0
    expected = b"The dog.\r\nThe cat.\nThe day.\r\n"
    assert single.read_bytes() == expected == (tmp_path / "batch" / "a.txt").read_bytes()


def test_single_file_translates_a_repeated_sentence_once(engine: FakeEngine, runner: CliRunner,
                                                          tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Der Hund.\nDer Hund.\nDie Katze. Der Hund.\n")
    result = runner.invoke(cli, ["translate", str(src)])
    assert result.stdout == "The dog.\nThe dog.\nThe cat. The dog.\n"
    assert engine.calls == [["Der Hund.", "Die Katze."]]


def test_encoding_options(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes("Es ist schön.\n".encode("cp850"))
    out = tmp_path / "b.txt"
    result = runner.invoke(cli, ["translate", str(src), "--encoding", "cp850", "--output-encoding", "utf-8",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "It is schön.\n"
    result = runner.invoke(cli, ["translate", str(src), "--encoding", "nonsense"])
    assert result.exit_code == 1 and "unknown encoding 'nonsense'" in result.stderr


def test_report_ends_with_qa_warnings_by_file_and_line(engine: FakeEngine, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Der Hund ist gut.\n\nDie Vereinbarungsentwürfe sagte heute.\n", encoding="utf-8")
    result = runner.invoke(cli, ["translate", "--report", str(src)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "The dog is good.\n\nThe Vereinbarungsentwürfe said today.\n"
    report = result.stderr.splitlines()
    assert report[-2:] == ["QA: 1 warning in 1 segment (file:line, check, message).",
                           f"  {src}:3  untranslated German left in the English: Vereinbarungsentwürfe."]
