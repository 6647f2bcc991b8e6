"""Schema migrations of the glossary database, applied in order, each in its own transaction.

The schema version lives in ``PRAGMA user_version`` (transactional in SQLite), so a migration and its
version bump commit together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APP_ID = 0x474C5359  # "GLSY": PRAGMA application_id marks the file as a Glossator glossary.


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT 'other'
                CHECK (type IN ('person', 'title', 'org', 'place', 'other')),
            context TEXT NOT NULL DEFAULT '',
            forms TEXT NOT NULL DEFAULT '',
            dnt INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX entries_source ON entries (source)")
    conn.execute(
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            old TEXT,
            new TEXT,
            at TEXT NOT NULL,
            batch TEXT,
            undoes INTEGER
        )
        """
    )
    conn.execute("CREATE INDEX history_entry ON history (entry_id)")


# Append new migrations; never edit or reorder applied ones.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to ``SCHEMA_VERSION``; returns the number of migrations applied.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    applied = 0
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return 0  # the common case: no write lock taken, so opening never waits on a busy writer
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return applied
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APP_ID}")
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied += 1
