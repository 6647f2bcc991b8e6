"""Translation memory shared by the review desk and batch translation (SQLite, ``$GLOSSATOR_HOME/memory.db``).

Two kinds of entries: ``approved`` (a person approved the segment in the review desk; reused whatever the
model and glossary) and ``batch`` (machine output; reused only for the same model and the same glossary).
"The same glossary" is either a glossary revision (any change anywhere invalidates) or, better, a
:func:`glossary_key` per segment: a digest of the glossary entries that segment actually contains (their id,
rendering and last change), so editing one entry re-translates only the sentences that contain it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from glossator.glossary.sqlite import open_database
from glossator.translate.errors import TranslateError

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.termcheck import Finder

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
    # 2: the glossary entries a segment contains (glossary_key), instead of the whole glossary's revision.
    "ALTER TABLE memory ADD COLUMN glossary_key TEXT NOT NULL DEFAULT ''",
]


def default_memory_path() -> Path:
    from glossator.glossary.home import glossator_home

    return glossator_home() / "memory.db"


def _key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def glossary_key(source: str, matcher: Finder | None, context: str = "") -> str:
    """What a segment's translation owes to the glossary: a digest of the entries found in ``source`` (with the
    dateline ``context`` that picks among context-dependent renderings), each as (id, rendering, do-not-translate,
    time of its last change). Unchanged while those entries are unchanged, whatever else the glossary gets."""
    found = matcher.find(source, context=context) if matcher is not None else []
    items = sorted({(getattr(m.entry, "id", None) or 0, m.target, bool(getattr(m.entry, "dnt", False)),
                     str(getattr(m.entry, "updated", "")), m.partial) for m in found})
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode("utf-8")).hexdigest()


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

    def lookup_many(self, sources: Iterable[str], *, model_id: str, glossary_revision: int = 0,
                    glossary_keys: Mapping[str, str] | None = None) -> dict[str, str]:
        """``lookup`` for many sources in one query; maps each source that has a hit to its target.

        With ``glossary_keys`` (source -> :func:`glossary_key`), batch output matches on the entries each
        source contains, not on ``glossary_revision``.
        """
        try:
            return self._lookup_many(sources, model_id, glossary_revision, glossary_keys)
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot read the translation memory {self.path}: {exc}.") from None

    def _lookup_many(self, sources: Iterable[str], model_id: str, glossary_revision: int,
                     glossary_keys: Mapping[str, str] | None) -> dict[str, str]:
        wanted = {_key(s): s for s in sources}
        # At most one approved row and one matching batch row per source (see the primary key).
        found: dict[str, tuple[int, str]] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            if glossary_keys is None:
                batch, args = "glossary_revision = ? AND glossary_key = ''", [glossary_revision]
            else:
                batch, args = "glossary_key != ''", []
            rows = self._db.execute(
                f"""SELECT key, source, target, origin, glossary_key FROM memory
                    WHERE key IN ({",".join("?" * len(part))})
                      AND (origin = 'approved' OR (model_id = ? AND {batch}))""",
                [*part, model_id, *args],
            )
            for key, source, target, origin, gkey in rows:
                if source != wanted[key]:
                    continue
                if origin == "batch" and glossary_keys is not None and glossary_keys.get(source) != gkey:
                    continue  # an entry this sentence contains changed since
                rank = 0 if origin == "approved" else 1
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, target)
        return {wanted[k]: v[1] for k, v in found.items()}

    def store(self, source: str, target: str, *, model_id: str, glossary_revision: int, origin: Origin) -> None:
        """Remember a translation (replacing an earlier one with the same source, model, glossary and origin)."""
        self.store_many([(source, target)], model_id=model_id, glossary_revision=glossary_revision, origin=origin)

    def store_many(
        self, pairs: Sequence[tuple[str, str]], *, model_id: str, glossary_revision: int = 0, origin: Origin,
        glossary_keys: Mapping[str, str] | None = None,
    ) -> None:
        """Remember translations; with ``glossary_keys`` (source -> :func:`glossary_key`) batch output is keyed
        on the entries each source contains (one row per source and model: the newest)."""
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {origin!r}")
        now = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        # Approved entries are keyed without model and glossary: they win regardless of both.
        mid, rev = ("", 0) if origin == "approved" else (model_id, glossary_revision)
        keys = glossary_keys if origin == "batch" and glossary_keys is not None else {}
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO memory (key, source, target, model_id, glossary_revision, origin, updated,"
                    " glossary_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(_key(s), s, t, mid, 0 if keys else rev, origin, now, keys.get(s, "")) for s, t in pairs],
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

