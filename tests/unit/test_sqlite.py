"""The one SQLite opener: every database (glossary, review project, memory, batch) gets the same busy timeout, WAL
and numbered migrations, each in its own transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from glossator.glossary.errors import GlossaryError
from glossator.glossary.sqlite import BUSY_TIMEOUT_S, migrate, open_database, statements
from glossator.glossary.store import GlossaryStore
from glossator.translate.batch import BatchDatabase
from glossator.translate.errors import TranslateError
from glossator.translate.memory import TranslationMemory
from glossator.translate.project import ReviewProject


def pragmas(conn: sqlite3.Connection) -> tuple[int, str, int]:
    return (conn.execute("PRAGMA busy_timeout").fetchone()[0], conn.execute("PRAGMA journal_mode").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0])


def test_every_database_opens_the_same_way(tmp_path: Path) -> None:
    document = tmp_path / "a.txt"
    document.write_text("Der Hund ist gut.\n", encoding="utf-8")
    glossary = GlossaryStore.open(tmp_path / "g.db")
    project = ReviewProject.open(document, home=tmp_path)
    memory = TranslationMemory(tmp_path / "memory.db")
    batch = BatchDatabase(tmp_path / "out" / ".glossator-batch.db")
    try:
        connections = {"glossary": glossary._conn, "project": project._conn, "memory": memory._db, "batch": batch.db}
        timeout_ms = int(BUSY_TIMEOUT_S * 1000)
        for name, conn in connections.items():
            busy, journal, version = pragmas(conn)
            assert (busy, journal) == (timeout_ms, "wal"), name
            assert version >= 1, name  # migrated, not just created
    finally:
        glossary.close()
        project.close()
        memory.close()
        batch.db.close()


def test_a_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    steps = ["CREATE TABLE a (x); CREATE TABLE b (y);", "CREATE TABLE c (z); INSERT INTO c VALUES (1); SELECT nope"]
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, steps)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"a", "b"} and conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert migrate(conn, steps[:1]) == 0  # up to date: nothing applied again
    assert migrate(conn, [steps[0], "CREATE TABLE c (z)", lambda c: c.execute("CREATE TABLE d (w)")]) == 2
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


def test_migrations_work_in_python_s_default_transaction_mode(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")  # isolation_level "" (implicit transactions), as the caches use
    assert migrate(conn, ["CREATE TABLE t (x); INSERT INTO t VALUES (1);"], application_id=42) == 1
    conn.close()
    conn = sqlite3.connect(tmp_path / "x.db")
    assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 42
    conn.close()


def test_statements_split_on_semicolons_outside_strings_comments_and_triggers() -> None:
    script = """
    CREATE TABLE t (x TEXT);  -- a comment; with a semicolon
    INSERT INTO t VALUES ('a;b');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = x || ';'; END;
    """
    parts = list(statements(script))
    assert len(parts) == 3 and "INSERT INTO t VALUES ('a;b');" in parts[1] and parts[2].endswith("END;")
    conn = sqlite3.connect(":memory:")
    for part in parts:
        conn.execute(part)
    conn.execute("INSERT INTO t VALUES ('c')")
    assert [r[0] for r in conn.execute("SELECT x FROM t ORDER BY rowid")] == ["a;b;", "c;"]  # the trigger ran whole
    assert list(statements("-- only a comment\n")) == []
    assert list(statements("CREATE TABLE t (x)")) == ["CREATE TABLE t (x);"]  # the last ; is optional
    with pytest.raises(ValueError, match="incomplete"):
        list(statements("INSERT INTO t VALUES ('unterminated)"))


def test_an_unusable_file_is_the_callers_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database, it only has a .db name" * 100)
    with pytest.raises(TranslateError, match=r"^Cannot open the batch database .*bad\.db: .*; start again\.$"):
        open_database(bad, ["CREATE TABLE t (x)"], what="the batch database", error=TranslateError,
                      hint="start again")
    (tmp_path / "a-file").touch()
    with pytest.raises(GlossaryError, match="^Cannot open the memory .*m.db: "):
        open_database(tmp_path / "a-file" / "m.db", [], what="the memory")
