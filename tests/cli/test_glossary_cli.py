"""`glossator glossary …` through click's CliRunner with a temporary GLOSSATOR_HOME."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"
SUBCOMMANDS = ["import", "export", "add", "list", "remove", "history", "undo", "check", "suggest"]


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["glossary", *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "g.db")


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_command_has_help_with_example_and_glossary_option(run, name: str) -> None:
    result = run(name, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "--glossary" in result.output


def test_default_glossary_is_created_with_the_starter(run, glossator_home: Path) -> None:
    result = run("list", "--json")
    assert result.exit_code == 0
    entries = json.loads(result.stdout)["entries"]
    assert len(entries) > 100
    assert (glossator_home / "glossary.db").is_file()
    assert {"source": "Pjöngjang", "target": "Pyongyang"}.items() <= next(
        e for e in entries if e["source"] == "Pjöngjang").items()


def test_explicit_missing_glossary_is_created_empty(run, db: str) -> None:
    result = run("list", "--json", "--glossary", db)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"entries": []}
    assert Path(db).is_file()


def test_add_list_remove_history_undo(run, db: str) -> None:
    result = run("add", "Außenministerium", "State Department", "--context", "US|Washington", "--type", "org",
                 "--glossary", db)
    assert result.exit_code == 0
    assert result.stdout == "Added 1: Außenministerium → State Department (context: US|Washington)\n"
    assert run("add", "Wang Yi", "--dnt", "--type", "person", "--glossary", db).stdout == "Added 2: Wang Yi → Wang Yi\n"
    listed = run("list", "--glossary", db)
    assert listed.stdout.splitlines() == [
        "    1  Außenministerium → State Department  [org; context: US|Washington]",
        "    2  Wang Yi → Wang Yi  [person; do not translate]",
    ]
    removed = run("remove", "1", "--glossary", db)
    assert removed.stdout == ("Removed 1: Außenministerium → State Department "
                              "(undo with: glossator glossary undo 3)\n")
    history = json.loads(run("history", "--json", "--glossary", db).stdout)["changes"]
    assert [c["action"] for c in history] == ["remove", "add", "add"]
    undone = run("undo", "3", "--glossary", db)
    assert undone.stdout == "Undid change 3: entry 1 Außenministerium → State Department (change 4)\n"
    assert [e["id"] for e in json.loads(run("list", "--json", "--glossary", db).stdout)["entries"]] == [1, 2]


def test_library_errors_are_one_line_exit_1(run, db: str) -> None:
    run("add", "Kreml", "Kremlin", "--glossary", db)
    result = run("add", "Kreml", "the Kremlin", "--glossary", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: 'Kreml' without context is already in the glossary")
    assert result.stderr.count("\n") == 1
    result = run("remove", "99", "--glossary", db)
    assert (result.exit_code, result.stderr) == (
        1, "Error: No glossary entry with id 99; see `glossator glossary list`.\n")


def test_usage_errors_exit_2(run, db: str) -> None:
    assert run("add", "--glossary", db).exit_code == 2
    assert run("add", "X", "Y", "--type", "planet", "--glossary", db).exit_code == 2
    assert run("undo", "--glossary", db).exit_code == 2
    assert run("remove", "abc", "--glossary", db).exit_code == 2


@pytest.mark.parametrize("content", [b"not sqlite at all, just text" * 20, b""])
def test_bad_glossary_file_gives_one_line_error_and_is_untouched(run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    result = run("list", "--glossary", str(path))
    if not content:  # an empty file is a new glossary
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert path.read_bytes() == content


def test_foreign_sqlite_file_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = run("add", "Kreml", "Kremlin", "--glossary", str(path))
    assert result.exit_code == 1
    assert "not a Glossator glossary" in result.stderr
    assert path.read_bytes() == before


def test_check_json_exact_shape(run, tmp_path: Path, db: str) -> None:
    run("add", "Außenministerium", "State Department", "--context", "US", "--glossary", db)
    run("add", "Außenministerium", "foreign ministry", "--glossary", db)
    run("add", "Kreml", "Kremlin", "--type", "org", "--glossary", db)
    text = tmp_path / "a.txt"
    text.write_text("Das US-Außenministerium sagte.\n\nDer Kremlchef und des Kremls.\n", encoding="utf-8")
    result = run("check", str(text), "--json", "--glossary", db)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"matches": [
        {"line": 1, "text": "Außenministerium", "source": "Außenministerium", "target": "State Department",
         "partial": False},
        {"line": 3, "text": "Kremlchef", "source": "Kreml", "target": "Kremlin", "partial": True},
        {"line": 3, "text": "Kremls", "source": "Kreml", "target": "Kremlin", "partial": False},
    ]}
    plain = run("check", str(text), "--glossary", db)
    assert plain.stdout.splitlines()[1] == "3: Kremlchef → Kremlin  [Kreml]  (partial: not rendered)"


def test_check_seed_article_with_starter(run) -> None:
    result = run("check", str(SEED_ARTICLE), "--json")
    assert result.exit_code == 0
    matches = json.loads(result.stdout)["matches"]
    assert all(set(m) == {"line", "text", "source", "target", "partial"} for m in matches)
    pairs = {(m["text"], m["target"]) for m in matches}
    assert ("Pjöngjang", "Pyongyang") in pairs and ("Kreml", "Kremlin") in pairs
    assert ("Außenminister", "Secretary of State") in pairs and ("Außenminister", "foreign minister") in pairs


def test_check_stdin_and_bad_input(run, db: str, tmp_path: Path) -> None:
    run("add", "Moskau", "Moscow", "--glossary", db)
    result = run("check", "-", "--json", "--glossary", db, input="nach Moskau")
    assert json.loads(result.stdout)["matches"][0]["target"] == "Moscow"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe")
    result = run("check", str(bad), "--glossary", db)
    assert (result.exit_code, result.stderr) == (1, f"Error: {bad}, line 2: not valid UTF-8; save the file as UTF-8.\n")
    result = run("check", str(tmp_path / "missing.txt"), "--glossary", db)
    assert result.exit_code == 1 and "does not exist" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx", "json"])
def test_export_import_round_trip(run, tmp_path: Path, fmt: str) -> None:
    source_db = str(tmp_path / "a.db")
    run("add", "=HYPERLINK(\"x\")", "+1", "--context", "@x|US", "--note", "-n", "--glossary", source_db)
    run("add", "Kreml", "Kremlin", "--type", "org", "--forms", "Kreml-Palast", "--glossary", source_db)
    out = tmp_path / f"g.{fmt}"
    assert run("export", str(out), "--glossary", source_db).exit_code == 0
    target_db = str(tmp_path / "b.db")
    result = run("import", str(out), "--glossary", target_db)
    assert result.stdout == "Imported 2 new, 0 replaced, 0 duplicate, 0 conflicting\n"

    def strip(entries: list[dict]) -> list[dict]:
        return [{k: v for k, v in e.items() if k not in ("id", "created", "updated")} for e in entries]

    a = json.loads(run("list", "--json", "--glossary", source_db).stdout)["entries"]
    b = json.loads(run("list", "--json", "--glossary", target_db).stdout)["entries"]
    assert strip(a) == strip(b)
    again = run("import", str(out), "--glossary", target_db)
    assert again.stdout == "Imported 0 new, 0 replaced, 2 duplicate, 0 conflicting\n"
    assert "duplicate (skipped): Kreml → Kremlin" in again.stderr


def test_export_to_stdout_needs_format(run, db: str) -> None:
    run("add", "Kreml", "Kremlin", "--glossary", db)
    assert run("export", "-", "--glossary", db).exit_code == 2
    result = run("export", "-", "--format", "csv", "--glossary", db)
    assert result.stdout == "source,target,type,context,forms,dnt,note\nKreml,Kremlin,other,,,false,\n"


def test_bad_import_changes_nothing_and_names_the_row(run, tmp_path: Path, db: str) -> None:
    run("add", "Kreml", "Kremlin", "--glossary", db)
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\nMoskau,Moscow\nKiew,\n", encoding="utf-8")
    result = run("import", str(bad), "--glossary", db)
    assert (result.exit_code, result.stderr) == (1, "Error: bad.csv, line 3: the target is empty.\n")
    assert len(json.loads(run("list", "--json", "--glossary", db).stdout)["entries"]) == 1


def test_import_conflicts_and_undo_batch(run, tmp_path: Path, db: str) -> None:
    run("add", "Kreml", "Kremlin", "--glossary", db)
    f = tmp_path / "new.tsv"
    f.write_text("source\ttarget\nKreml\tthe Kremlin\nKiew\tKyiv\n", encoding="utf-8")
    result = run("import", str(f), "--glossary", db)
    assert result.exit_code == 1 and "nothing was imported" in result.stderr
    result = run("import", str(f), "--on-conflict", "replace", "--glossary", db)
    assert result.stdout == "Imported 1 new, 1 replaced, 0 duplicate, 1 conflicting\n"
    batch = json.loads(run("history", "--json", "--glossary", db).stdout)["changes"][0]["batch"]
    assert run("undo", "--batch", batch, "--glossary", db).stdout == f"Undid 2 changes of import {batch}\n"
    entries = json.loads(run("list", "--json", "--glossary", db).stdout)["entries"]
    assert [(e["source"], e["target"]) for e in entries] == [("Kreml", "Kremlin")]


def test_hostile_tbx_is_refused(run, tmp_path: Path, db: str) -> None:
    evil = tmp_path / "evil.tbx"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>')
    result = run("import", str(evil), "--glossary", db)
    assert result.exit_code == 1 and "refused" in result.stderr


def test_suggest_lists_missing_names(run, tmp_path: Path) -> None:
    result = run("suggest", str(SEED_ARTICLE), "--json")
    assert result.exit_code == 0
    candidates = json.loads(result.stdout)["candidates"]
    texts = {c["text"] for c in candidates}
    assert {"Liu Xiaoming", "Bonnie Jenkins", "Liu Pengyu", "Washington"} <= texts
    assert not texts & {"Wang Yi", "Kim Jong Un", "Antony Blinken", "Pjöngjang"}  # already in the glossary
    washington = next(c for c in candidates if c["text"] == "Washington")
    assert washington["count"] == 5 and washington["type"] == "place"
    assert set(candidates[0]) == {"text", "type", "count", "reason", "lines"}
    plain = run("suggest", str(SEED_ARTICLE), "--min-count", "2")
    assert plain.stdout.splitlines() == ["   5  Washington  [place: dateline]"]


def test_check_uses_the_articles_dateline_like_translation(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from glossator.cli import cli

    seed = Path(__file__).resolve().parents[2] / "seeds" / "us-china-north-korea-2024-02.de.txt"
    result = CliRunner().invoke(cli, ["glossary", "check", str(seed), "--json", "--glossary", str(tmp_path / "g.db")])
    assert result.exit_code == 0
    # An empty glossary: nothing to find. The default (starter) glossary: the dateline decides.
    assert json.loads(result.stdout) == {"matches": []}
    result = CliRunner().invoke(cli, ["glossary", "check", str(seed), "--json"])
    targets = {(m["line"], m["text"]): m["target"] for m in json.loads(result.stdout)["matches"]}
    assert targets[(7, "Außenministerium")] == "State Department"
    assert targets[(13, "Außenministeriums")] == "foreign ministry"


def test_import_other_tools_csv_with_overrides(tmp_path) -> None:
    from click.testing import CliRunner

    from glossator.cli import cli

    db = tmp_path / "g.db"
    deepl = tmp_path / "deepl.csv"
    deepl.write_text("Außenministerium,State Department\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["glossary", "import", str(deepl), "--glossary", str(db)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 new" in result.stdout
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("1;Kreml;Kremlin\n", encoding="cp1252")
    result = runner.invoke(cli, ["glossary", "import", str(sheet), "--glossary", str(db), "--columns", "-,source,target"])
    assert result.exit_code == 0, result.output
    memoq = tmp_path / "memoq.csv"
    memoq.write_text("de-AT,en-US\nSpital,hospital\n", encoding="utf-8")
    result = runner.invoke(cli, ["glossary", "import", str(memoq), "--glossary", str(db), "--source-lang", "de-AT",
                                 "--json"])
    assert result.exit_code == 0 and '"added": 1' in result.stdout
    result = runner.invoke(cli, ["glossary", "list", "--glossary", str(db), "--json"])
    assert sorted(e["target"] for e in __import__("json").loads(result.stdout)["entries"]) == [
        "Kremlin", "State Department", "hospital"]
