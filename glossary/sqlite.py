"""Opening Glossator's SQLite files, the one way for every database: the glossary, review projects, the translation
memory and batch state.

Each database has a list of numbered migrations (like simonw/llm's ``migrations.py``): migration *n* brings the
file from ``PRAGMA user_version`` *n - 1* to *n*, in one transaction with its version bump, so a migration
commits whole or not at all. A migration is SQL (one or more statements) or a function of the connection.
Append new migrations; never edit or reorder applied ones.

It lives in the lowest layer (``glossary``) so the translate package's files open the same way as the glossary.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Literal

from glossator.glossary.errors import GlossaryError

BUSY_TIMEOUT_S = 10.0
"""How long a connection waits for another process's write lock before ``database is locked``: one value for
every database (a batch, the review desk and a glossary import may write at the same moment)."""

Migration = str | Callable[[sqlite3.Connection], None]


IsolationLevel = Literal["DEFERRED", "IMMEDIATE", "EXCLUSIVE"] | None


def connect(path: str | Path, *, isolation_level: IsolationLevel = "DEFERRED",
            check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to ``path`` with the busy timeout; writes nothing (a caller may check the file first)."""
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=isolation_level,
                           check_same_thread=check_same_thread)  # timeout= is SQLite's busy timeout


def use_wal(conn: sqlite3.Connection, *, synchronous: str | None = None) -> None:
    """Write-ahead logging: readers never wait for the writer. ``synchronous=NORMAL`` trades the last commits on
    a power cut (never the database) for speed: for files whose lost work is simply done again."""
    conn.execute("PRAGMA journal_mode = WAL")
    if synchronous is not None:
        conn.execute(f"PRAGMA synchronous = {synchronous}")


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration], *, application_id: int | None = None) -> int:
    """Bring the database up to ``len(migrations)``; returns how many migrations this call applied.

    Each runs in its own ``BEGIN IMMEDIATE`` transaction with its ``user_version`` bump; another process migrating
    the same file meanwhile is noticed (the version is read again under the lock). ``application_id`` marks a new
    file as ours (``PRAGMA application_id``), with the first migration.
    """
    target = len(migrations)
    if user_version(conn) >= target:
        return 0  # the common case: no write lock taken, so opening never waits on a busy writer
    applied = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = user_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                return applied
            if version == 0 and application_id is not None:
                conn.execute(f"PRAGMA application_id = {int(application_id)}")
            step = migrations[version]
            if callable(step):
                step(conn)
            else:
                for statement in statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied += 1


def statements(script: str) -> Iterator[str]:
    """The SQL statements of ``script``, one by one (``executescript`` would commit the migration's transaction)."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _has_sql(buffer):
                yield buffer.strip()
            buffer = ""
    if _has_sql(buffer[:-1]):
        raise ValueError(f"incomplete SQL statement in a migration: {buffer[:-1].strip()[:80]!r}")


def _has_sql(text: str) -> bool:
    return any(line.split("--", 1)[0].strip(" \t;") for line in text.splitlines())


def open_database(path: str | Path, migrations: Sequence[Migration], *, what: str,
                  error: type[Exception] = GlossaryError, check_same_thread: bool = True,
                  hint: str = "") -> sqlite3.Connection:
    """``path`` (its folder created) opened with the busy timeout, in WAL mode with ``synchronous=NORMAL``, and
    migrated. ``what`` names the file in the one-line ``error`` ("the batch database", "the translation memory");
    ``hint`` says what to do about a file that cannot be opened (a lock is always "try again").
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(path, check_same_thread=check_same_thread)
    except (OSError, sqlite3.Error) as exc:
        raise error(f"Cannot open {what} {path}: {getattr(exc, 'strerror', None) or exc}.") from None
    try:
        use_wal(conn, synchronous="NORMAL")
        migrate(conn, migrations)
    except sqlite3.Error as exc:
        conn.close()
        raise error(describe_error(exc, what, path, hint)) from None
    return conn


def describe_error(exc: sqlite3.Error, what: str, path: Path, hint: str = "") -> str:
    """A one-line message for a SQLite failure on ``path``: a lock held too long, or what SQLite said."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return f"{what[:1].upper()}{what[1:]} {path} is locked by another program; try again in a moment."
    return f"Cannot open {what} {path}: {text}" + (f"; {hint}." if hint else ".")
