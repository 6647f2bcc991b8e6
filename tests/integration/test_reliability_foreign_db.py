"""A corrupt or foreign file given as ``--glossary`` to ``glossator translate`` and ``glossator review``: one
``Error: …`` line and exit 1, never a traceback, and the file (and its folder) left exactly as they were.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore
from glossator.cli import cli
from glossator.translate.fake import FakeEngine


def _glossary(path: Path) -> Path:
    store = GlossaryStore.open(path)
    store.add_many(Entry(id=None, source=f"Begriff{i}", target=f"term {i} " + "x" * 200, type="other")
                   for i in range(200))
    store.close()
    return path


def _foreign(path: Path, sql: str) -> Path:
    with sqlite3.connect(path) as db:
        db.executescript(sql)
    db.close()
    return path


def _corrupt_pages(path: Path) -> Path:
    _glossary(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # scribble over every page after the first
        data[offset : offset + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    return path


def _truncated(path: Path) -> Path:
    _glossary(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _newer(path: Path) -> Path:
    _glossary(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    db.close()
    return path


BAD_FILES = {
    "text": lambda p: (p.write_bytes(b"just some text, not SQLite\n"), p)[1],
    "random-bytes": lambda p: (p.write_bytes(os.urandom(8192)), p)[1],
    "header-only": lambda p: (p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84), p)[1],
    "header-then-garbage": lambda p: (p.write_bytes(b"SQLite format 3\x00" + os.urandom(4080)), p)[1],
    "firefox-history": lambda p: _foreign(p, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                          "INSERT INTO moz_places (url) VALUES ('https://example.org');"),
    "other-app-id": lambda p: _foreign(p, "PRAGMA application_id = 1234; CREATE TABLE t (x);"),
    "same-table-names": lambda p: _foreign(p, "CREATE TABLE entries (a, b); CREATE TABLE history (c);"),
    "corrupt-pages": _corrupt_pages,
    "truncated": _truncated,
    "newer-schema": _newer,
    "zip-file": lambda p: (p.write_bytes(b"PK\x03\x04" + b"\x00" * 200), p)[1],
}


def _other_glossator_databases(tmp_path: Path) -> dict[str, Path]:
    from glossator.translate.memory import TranslationMemory
    from glossator.translate.project import ReviewProject

    memory = TranslationMemory(tmp_path / "memory.db")
    memory.store("Der Hund.", "The dog.", model_id="m", glossary_revision=0, origin="batch")
    memory.close()
    doc = tmp_path / "doc.txt"
    doc.write_text("Der Hund.\n")
    project = ReviewProject.open(doc)
    project.close()
    return {"translation-memory": tmp_path / "memory.db", "review-project": project.path}


def _state(path: Path) -> dict[str, bytes]:
    """The file and everything next to it (a -wal or -shm appearing would be a change too)."""
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article" / "a.de.txt"
    path.parent.mkdir()
    path.write_text("Der Hund ist gut.\n")
    return path


@pytest.fixture(autouse=True)
def fake_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    import glossator.commands.review as review
    import glossator.commands.translate as translate

    monkeypatch.setattr(translate, "load_engine", lambda beam_size, threads: FakeEngine())
    monkeypatch.setattr(review, "load_engine", lambda: FakeEngine())


COMMANDS = {
    "translate": lambda g, a, out: ["translate", "--glossary", str(g), str(a), "-o", str(out)],
    "translate-json": lambda g, a, out: ["translate", "--json", "--glossary", str(g), str(a)],
    "review-export": lambda g, a, out: ["review", str(a), "--glossary", str(g), "--export", str(out)],
    "review-desk": lambda g, a, out: ["review", str(a), "--glossary", str(g)],
}


def _check_refused(result, before: dict[str, bytes], path: Path, out: Path) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert _state(path) == before
    assert not out.exists()


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_glossary_file_is_refused_and_left_alone(tmp_path: Path, article: Path, kind: str, command: str) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    path = BAD_FILES[kind](folder / "glossary.db")
    before = _state(path)
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, COMMANDS[command](path, article, out))
    _check_refused(result, before, path, out)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_other_glossator_databases_are_not_glossaries(tmp_path: Path, article: Path, command: str) -> None:
    for name, path in _other_glossator_databases(tmp_path).items():
        before = _state(path)
        out = tmp_path / "out.txt"
        result = CliRunner().invoke(cli, COMMANDS[command](path, article, out))
        _check_refused(result, before, path, out)
        assert "not a Glossator glossary" in result.stderr, name


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_folder_as_glossary(tmp_path: Path, article: Path, command: str) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    result = CliRunner().invoke(cli, COMMANDS[command](folder, article, tmp_path / "out.txt"))
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output and result.stderr.count("\n") <= 4
    assert list(folder.iterdir()) == []


def test_a_good_glossary_is_not_written_by_translate(tmp_path: Path, article: Path) -> None:
    (tmp_path / "g").mkdir()
    path = _glossary(tmp_path / "g" / "glossary.db")
    before = _state(path)
    result = CliRunner().invoke(cli, ["translate", "--glossary", str(path), str(article)])
    assert result.exit_code == 0, result.output
    assert _state(path) == before
