"""Translation memory shared by the review desk and batch translation (SQLite, ``$GLOSSATOR_HOME/memory.db``).

Two kinds of entries: ``approved`` (a person approved the segment in the review desk; reused whatever the
model and glossary) and ``batch`` (machine output; reused only for the same model and glossary revision,
because a glossary change can change the right translation).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from glossator.translate.errors import TranslateError
from glossator.glossary.sqlite import open_database

Origin = Literal["approved", "batch"]
ORIGINS: tuple[str, ...] = ("approved", "batch")

# Numbered migrations (glossator.glossary.sqlite.migrate); append, never edit. The first one is the schema that
# files made before migrations existed already have, hence IF NOT EXISTS.
_MIGRATIONS = [
    """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT NOT NULL,              -- sha256 of the source text
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    model_id TEXT NOT NULL,
    glossary_revision INTEGER NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('approved', 'batch')),
    updated TEXT NOT NULL,
    PRIMARY KEY (key, origin, model_id, glossary_revision)
);
""",
]


def default_memory_path() -> Path:
    from glossator.glossary.home import glossator_home

    return glossator_home() / "memory.db"


def _key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class TranslationMemory:
    """Segment pairs keyed on the exact source text.

    Example::

        tm = TranslationMemory(home / "memory.db")
        tm.store("Guten Tag.", "Good day.", model_id=engine.model_id, glossary_revision=7, origin="batch")
        tm.lookup("Guten Tag.", model_id=engine.model_id, glossary_revision=7)  # "Good day."
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = open_database(self.path, _MIGRATIONS, what="the translation memory", error=TranslateError,
                                 check_same_thread=False)

    def lookup(self, source: str, *, model_id: str, glossary_revision: int) -> str | None:
        """The remembered target for ``source``: an approved one first, else batch output of the same model
        and glossary revision; None when there is none."""
        return self.lookup_many([source], model_id=model_id, glossary_revision=glossary_revision).get(source)

    def lookup_many(self, sources: Iterable[str], *, model_id: str, glossary_revision: int) -> dict[str, str]:
        """``lookup`` for many sources in one query; maps each source that has a hit to its target."""
        try:
            return self._lookup_many(sources, model_id, glossary_revision)
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot read the translation memory {self.path}: {exc}.") from None

    def _lookup_many(self, sources: Iterable[str], model_id: str, glossary_revision: int) -> dict[str, str]:
        wanted = {_key(s): s for s in sources}
        # At most one approved row and one matching batch row per source (see the primary key).
        found: dict[str, tuple[int, str]] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            rows = self._db.execute(
                f"""SELECT key, source, target, origin FROM memory
                    WHERE key IN ({",".join("?" * len(part))})
                      AND (origin = 'approved' OR (model_id = ? AND glossary_revision = ?))""",
                [*part, model_id, glossary_revision],
            )
            for key, source, target, origin in rows:
                rank = 0 if origin == "approved" else 1
                if source == wanted[key] and (key not in found or rank < found[key][0]):
                    found[key] = (rank, target)
        return {wanted[k]: v[1] for k, v in found.items()}

    def store(self, source: str, target: str, *, model_id: str, glossary_revision: int, origin: Origin) -> None:
        """Remember a translation (replacing an earlier one with the same source, model, glossary and origin)."""
        self.store_many([(source, target)], model_id=model_id, glossary_revision=glossary_revision, origin=origin)

    def store_many(
        self, pairs: Sequence[tuple[str, str]], *, model_id: str, glossary_revision: int, origin: Origin
    ) -> None:
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {origin!r}")
        now = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        # Approved entries are keyed without model and glossary: they win regardless of both.
        mid, rev = ("", 0) if origin == "approved" else (model_id, glossary_revision)
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(_key(s), s, t, mid, rev, origin, now) for s, t in pairs],
                )
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot write to the translation memory {self.path}: {exc}.") from None

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM memory").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

