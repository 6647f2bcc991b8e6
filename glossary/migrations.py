"""Schema migrations of the glossary database, applied in order by :func:`glossator.glossary.sqlite.migrate`
(the runner every Glossator database uses), each in its own transaction with its ``PRAGMA user_version`` bump.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from glossator.glossary import sqlite

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


def _v2(conn: sqlite3.Connection) -> None:
    """``fold``: the case-folded source, indexed, so finding an entry's duplicates reads a handful of rows
    instead of the whole glossary; an index on history batches for ``undo --batch`` and history trimming."""
    conn.create_function("glossator_fold", 1, lambda text: text.casefold(), deterministic=True)
    conn.execute("ALTER TABLE entries ADD COLUMN fold TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE entries SET fold = glossator_fold(source)")
    conn.execute("CREATE INDEX entries_fold ON entries (fold)")
    conn.execute("CREATE INDEX history_batch ON history (batch) WHERE batch IS NOT NULL")


def _v3(conn: sqlite3.Connection) -> None:
    """Entry ids are never used again (``AUTOINCREMENT``): an entry added after a delete took the deleted
    entry's id, and undoing that delete then failed. The sequence starts above every id the history knows."""
    conn.execute("ALTER TABLE entries RENAME TO entries_v2")
    conn.execute(
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT 'other'
                CHECK (type IN ('person', 'title', 'org', 'place', 'other')),
            context TEXT NOT NULL DEFAULT '',
            forms TEXT NOT NULL DEFAULT '',
            dnt INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            fold TEXT NOT NULL DEFAULT ''
        )
        """
    )
    columns = "id, source, target, type, context, forms, dnt, note, created, updated, fold"
    conn.execute(f"INSERT INTO entries ({columns}) SELECT {columns} FROM entries_v2")
    conn.execute("DROP TABLE entries_v2")  # its indexes go with it
    conn.execute("CREATE INDEX entries_source ON entries (source)")
    conn.execute("CREATE INDEX entries_fold ON entries (fold)")
    highest = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM entries), 0), coalesce((SELECT max(entry_id) FROM history), 0))"
    ).fetchone()[0]
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'entries'")
    conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', ?)", (highest,))


# Append new migrations; never edit or reorder applied ones.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the glossary up to ``SCHEMA_VERSION`` (see :func:`glossator.glossary.sqlite.migrate`); returns the
    number of migrations applied. The connection must be in autocommit mode (``isolation_level=None``)."""
    return sqlite.migrate(conn, MIGRATIONS, application_id=APP_ID)
