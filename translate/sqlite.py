"""Opening the translate package's own SQLite files (batch progress, translation memory) the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from glossator.translate.errors import TranslateError


def open_wal(path: Path, schema: str, what: str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """``path`` opened in WAL mode with a 30 s busy timeout and ``schema`` applied in a transaction.

    ``what`` names the file in the one-line error ("the batch database", "the translation memory").
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=check_same_thread)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        with db:
            db.executescript(schema)
    except sqlite3.Error as exc:
        raise TranslateError(f"Cannot open {what} {path}: {exc}.") from None
    return db
