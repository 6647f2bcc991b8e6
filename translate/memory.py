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
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from glossator.glossary.sqlite import open_database
from glossator.translate.errors import TranslateError

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.termcheck import Finder

Origin = Literal["approved", "batch"]
ORIGINS: tuple[str, ...] = ("approved", "batch")


@dataclass(frozen=True)
class MemoryHit:
    """A remembered pair found by :meth:`TranslationMemory.concordance`."""

    source: str
    target: str
    origin: Origin
    updated: str

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
    # 3: the pair case-folded (German, U+001F, English) for the concordance search; filled in on opening where
    # NULL (rows from before, or written by an older version).
    """
    ALTER TABLE memory ADD COLUMN folded TEXT;
    CREATE INDEX memory_recent ON memory (origin, updated DESC);
    """,
]


def default_memory_path() -> Path:
    from glossator.glossary.home import glossator_home

    return glossator_home() / "memory.db"


_SEPARATOR = "\x1f"
_FEW_HITS = 500
"""Up to this many rows containing a needle, the concordance sorts them; more, it walks the recency index."""


def _fold(text: str | None) -> str:
    return text.casefold() if text else ""


def _folded(source: str, target: str) -> str:
    """What the concordance searches: both sides case-folded, apart (a needle never spans the two)."""
    return f"{_fold(source)}{_SEPARATOR}{_fold(target)}"


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
        self._fill_folded()

    def _fill_folded(self) -> None:
        """Case-fold the pairs that have no ``folded`` column yet (SQLite's LIKE and lower() fold ASCII only,
        and a Python function called per row in the search is thirty times slower than ``instr``)."""
        try:
            rows = self._db.execute("SELECT rowid, source, target FROM memory WHERE folded IS NULL").fetchall()
            if rows:
                with self._db:
                    self._db.executemany("UPDATE memory SET folded = ? WHERE rowid = ?",
                                         [(_folded(source, target), rowid) for rowid, source, target in rows])
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot update the translation memory {self.path}: {exc}.") from None

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
                    " glossary_key, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(_key(s), s, t, mid, 0 if keys else rev, origin, now, keys.get(s, ""), _folded(s, t))
                     for s, t in pairs],
                )
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot write to the translation memory {self.path}: {exc}.") from None

    def concordance(self, needle: str, limit: int = 50) -> list[MemoryHit]:
        """Remembered pairs whose German or English contains ``needle`` (ignoring case), each pair once:
        approved ones first, then machine output, newest first. An empty ``needle`` finds nothing."""
        folded = _fold(needle.strip())
        if not folded or _SEPARATOR in folded or limit <= 0:
            return []
        try:
            return self._concordance(folded, limit)
        except sqlite3.Error as exc:
            raise TranslateError(f"Cannot read the translation memory {self.path}: {exc}.") from None

    def _concordance(self, folded: str, limit: int) -> list[MemoryHit]:
        # Two plans, as the needle is rare or common. A rare one: scan the table once and sort its few rows. A
        # common one: the scan stops after _FEW_HITS rows, and the walk down the recency index stops as soon as
        # ``limit`` pairs are found (for a rare needle it would cost a random read per row, ten times the scan).
        # LIKE on the folded pair (lower case already, so LIKE's ASCII-only folding does no harm) scans about
        # twice as fast as instr(), which counts characters as it goes.
        pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rowids = [r for (r,) in self._db.execute(
            "SELECT rowid FROM memory WHERE folded LIKE ? ESCAPE '\\' LIMIT ?", (pattern, _FEW_HITS + 1))]
        if len(rowids) <= _FEW_HITS:
            rows: Iterable[tuple[str, str, str, str]] = self._db.execute(
                f"""SELECT source, target, origin, updated FROM memory WHERE rowid IN ({",".join("?" * len(rowids))})
                    ORDER BY origin, updated DESC""", rowids)
        else:
            rows = self._db.execute(
                """SELECT source, target, origin, updated FROM memory INDEXED BY memory_recent
                   WHERE folded LIKE ? ESCAPE '\\' ORDER BY origin, updated DESC""", (pattern,))
        hits: dict[tuple[str, str], MemoryHit] = {}
        for source, target, origin, updated in rows:
            if (source, target) not in hits:  # the first is the best: approved before batch, newest first
                hits[(source, target)] = MemoryHit(source, target, origin, updated)  # type: ignore[arg-type]
                if len(hits) >= limit:
                    break
        return list(hits.values())

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM memory").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

