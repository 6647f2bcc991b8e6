"""The glossary store: one SQLite file (WAL, busy timeout), every write in a transaction and in history.

History rows keep the entry's state before (``old``) and after (``new``) each change as JSON, so any change
can be undone while the entry still looks as that change left it. ``revision`` is the id of the latest
history row: it changes on every write, and caches (translation memory) key on it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from glossator.glossary.errors import GlossaryError
from glossator.glossary.migrations import APP_ID, SCHEMA_VERSION, migrate
from glossator.glossary.sqlite import BUSY_TIMEOUT_S, connect, use_wal  # noqa: F401  (BUSY_TIMEOUT_S: one for all)
from glossator.glossary.model import TYPES, Entry, entry_key, join_list, split_list, validate_entry

if TYPE_CHECKING:
    from glossator.glossary.matcher import Matcher

HISTORY_KEEP = 100_000
"""Changes the history keeps: the newest ``HISTORY_KEEP`` rows, widened to whole import batches (an import is
never kept in part, so ``undo --batch`` is all or nothing). Older changes are dropped, so a glossary's file
stops growing however often it is imported into and undone (SQLite reuses the freed pages)."""
_UPDATE = ("UPDATE entries SET source=?, target=?, type=?, context=?, forms=?, dnt=?, note=?, fold=?, updated=? "
           "WHERE id=?")
_FIELDS = ("source", "target", "type", "context", "forms", "dnt", "note")
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Change:
    """One row of the history: what happened to which entry, before and after."""

    id: int
    entry_id: int
    action: str  # add | update | remove | undo
    old: Entry | None
    new: Entry | None
    at: str
    batch: str | None = None
    undoes: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "entry_id": self.entry_id,
            "action": self.action,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "at": self.at,
            "batch": self.batch,
            "undoes": self.undoes,
        }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row_to_entry(row: dict) -> Entry:
    return Entry(
        id=row["id"],
        source=row["source"],
        target=row["target"],
        type=row["type"],
        context=split_list(row["context"]),
        forms=split_list(row["forms"]),
        dnt=bool(row["dnt"]),
        note=row["note"],
        created=row["created"],
        updated=row["updated"],
    )


def _entry_to_json(entry: Entry | None) -> str | None:
    return None if entry is None else json.dumps(entry.to_dict(), ensure_ascii=False)


def _entry_from_json(text: str | None) -> Entry | None:
    if text is None:
        return None
    data = json.loads(text)
    return Entry(
        id=data["id"],
        source=data["source"],
        target=data["target"],
        type=data["type"],
        context=tuple(data["context"]),
        forms=tuple(data["forms"]),
        dnt=bool(data["dnt"]),
        note=data["note"],
        created=data["created"],
        updated=data["updated"],
    )


def fold(text: str) -> str:
    """The case-folded form under which sources are compared and indexed (``ß`` = ``ss``), as in
    :func:`~glossator.glossary.model.entry_key`."""
    return text.casefold()


def _check_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database before SQLite touches it."""
    if path.is_dir():
        raise GlossaryError(f"{path} is a directory, not a glossary file.")
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise GlossaryError(f"Cannot read {path}: {exc.strerror}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise GlossaryError(f"{path} is not a regular file (a pipe or a device); give a glossary file (.db).")
    size = info.st_size
    if size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise GlossaryError(f"Cannot read {path}: {exc.strerror}.") from None
    if head != _SQLITE_MAGIC:
        raise GlossaryError(f"{path} is not a SQLite database; give a Glossator glossary file (.db).")


def _write_problem(path: Path) -> str | None:
    """Why ``path`` or its folder (where SQLite keeps ``-wal``/``-shm``) cannot be written, or None."""
    for target in (path, path.parent):
        try:
            if os.statvfs(target).f_flag & os.ST_RDONLY:
                return "is on a read-only file system"
        except OSError:
            continue
        if target.exists() and not os.access(target, os.W_OK):
            return "cannot be written (permission denied)"
    return None


def _disk_full(path: Path) -> bool:
    """Whether the file system of ``path`` has (almost) no room left: SQLite sometimes reports a full disk only
    as a transaction it had to roll back ("no transaction is active")."""
    try:
        info = os.statvfs(path.parent)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def _operational_error(path: Path, exc: sqlite3.OperationalError, changed: str = "") -> GlossaryError:
    """A message that names the real cause of a failed open or write: busy, disk full, read-only, or SQLite's."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return GlossaryError(f"{path} is locked by another program; try again in a moment.")
    if "full" in text or _disk_full(path):
        return GlossaryError(f"The disk holding {path} is full{changed}. Free some space and try again.")
    problem = _write_problem(path)
    if problem is not None:
        return GlossaryError(f"{path} {problem}{changed}.")
    return GlossaryError(f"Cannot open or write {path} ({exc}){changed}.")


class GlossaryStore:
    """A glossary in one SQLite file. Open with :meth:`open`; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self.db = sqlite_utils.Database(conn)
        self.readonly: str | None = None
        """Why the glossary can only be read (its file system is read-only …), or None."""

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, seed: bool = False) -> GlossaryStore:
        """Open (or create) the glossary at ``path`` and bring its schema up to date.

        Args:
            path: The SQLite file; created (with its parent folder) when missing.
            seed: Load the starter glossary (``seeds/glossary.tsv``) when the database is new and empty.

        Raises:
            GlossaryError: the file is not a SQLite database, is corrupt, belongs to another program, or
                is locked; the file is left untouched.
        """
        path = Path(path).expanduser()
        _check_file(path)
        existed = path.exists() and path.stat().st_size > 0
        if not existed:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise GlossaryError(f"Cannot create the folder for {path}: {exc.strerror}.") from None
        try:
            conn = connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise GlossaryError(f"Cannot open {path}: {exc}.") from None
        try:
            if existed:
                cls._check_identity(path, conn)
            use_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except GlossaryError:
            conn.close()
            raise
        except sqlite3.OperationalError as exc:
            conn.close()
            problem = _write_problem(path) or ("is on a full disk" if _disk_full(path) else None)
            if existed and problem is not None and "locked" not in str(exc) and "busy" not in str(exc):
                return cls._open_readonly(path, problem)  # reading works without writing: translate, list
            raise _operational_error(path, exc) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise GlossaryError(f"{path} is corrupt or not a glossary ({exc}).") from None
        store = cls(path, conn)
        if seed and store.revision == 0:
            store._seed()
        return store

    @classmethod
    def _open_readonly(cls, path: Path, problem: str) -> GlossaryStore:
        """The glossary opened for reading only (``problem`` says why); writes are refused with that reason.

        ``mode=ro`` first; on a read-only file system SQLite cannot create the ``-shm`` file a WAL database
        needs, so then ``immutable=1``, which is safe there (nothing can change the file) unless a ``-wal`` file
        holds changes not yet in the database."""
        from urllib.parse import quote

        uri = "file:" + quote(str(path.absolute()))
        wal = Path(f"{path}-wal")
        modes = ["mode=ro"] + ([] if wal.exists() and wal.stat().st_size else ["immutable=1"])
        for mode in modes:
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                cls._check_identity(path, conn)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.OperationalError:
                conn.close()
                continue
            except GlossaryError:
                conn.close()
                raise
            if version < SCHEMA_VERSION:
                conn.close()
                raise GlossaryError(f"{path} {problem} and needs an upgrade to this Glossator's schema; copy it "
                                    "somewhere writable and give that copy with --glossary.")
            store = cls(path, conn)
            store.readonly = problem
            return store
        raise GlossaryError(f"{path} {problem}, and cannot be read either.")

    def _seed(self) -> None:
        """Load the starter glossary into a glossary never written to.

        Several processes may create the default glossary at once (each sees an empty or no file): the one
        whose write transaction still finds it never written seeds it; the others wait for that and find the
        starter entries. A reader never sees a created but unseeded glossary as final: it seeds it itself."""
        from glossator.glossary.starter import starter_entries

        entries = starter_entries()
        try:
            with self.transaction():
                if self.revision == 0 and self.count() == 0:
                    self.apply_import(entries)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _check_identity(path: Path, conn: sqlite3.Connection) -> None:
        """Read-only checks: a corrupt or foreign file is refused before anything is written to it."""
        try:
            # One read transaction, so the identity is read from one snapshot: another process creating the
            # glossary commits its application_id and its tables together.
            conn.execute("BEGIN")
            try:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                check = conn.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise GlossaryError(f"{path} is locked by another program; try again in a moment.") from None
            raise  # cannot open (a read-only folder …): the caller names the cause
        except sqlite3.DatabaseError as exc:
            raise GlossaryError(f"{path} is corrupt or not a SQLite database ({exc}).") from None
        if check != "ok":
            raise GlossaryError(f"{path} is corrupt (integrity check: {check}); restore it from a backup.")
        if app_id != APP_ID and (app_id != 0 or tables):
            raise GlossaryError(
                f"{path} is a SQLite database but not a Glossator glossary; give another --glossary file."
            )
        if version > SCHEMA_VERSION:
            raise GlossaryError(
                f"{path} was written by a newer Glossator (schema {version}, this one knows {SCHEMA_VERSION}); "
                "upgrade Glossator."
            )

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> GlossaryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception. Not re-entrant.

        A glossary that can only be read, a full disk or a lock held too long is a GlossaryError that says so;
        nothing is changed then."""
        if self.readonly:
            raise GlossaryError(f"{self.path} {self.readonly}; it can be read but not changed.")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _operational_error(self.path, exc, "; nothing was changed") from None
        try:
            yield self._conn
            self._trim_history()
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise _operational_error(self.path, exc, "; nothing was changed") from None
            raise

    # -- reading -----------------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """All entries, ordered by id."""
        return [_row_to_entry(row) for row in self.db["entries"].rows_where(order_by="id")]

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM entries").fetchone()[0]

    def get(self, entry_id: int) -> Entry:
        row = self._get_row(entry_id)
        if row is None:
            raise GlossaryError(f"No glossary entry with id {entry_id}; see `glossator glossary list`.")
        return row

    def _get_row(self, entry_id: int) -> Entry | None:
        rows = list(self.db["entries"].rows_where("id = ?", [entry_id]))
        return _row_to_entry(rows[0]) if rows else None

    def find(self, source: str) -> list[Entry]:
        """Entries whose source equals ``source`` (case-insensitive, ß = ss); an index lookup."""
        return [_row_to_entry(row) for row in self.db["entries"].rows_where("fold = ?", [fold(source)],
                                                                              order_by="id")]

    def search(self, needle: str, limit: int | None = None) -> list[Entry]:
        """Entries whose German, forms or English contain ``needle`` (ignoring case), best match first (see
        :func:`glossator.glossary.search.entry_rank`)."""
        from glossator.glossary.search import search_entries

        return search_entries(self.entries(), needle, limit)

    def lookup(self, entry: Entry, *, exclude: int | None = None) -> Entry | None:
        """The stored entry with ``entry``'s source and context cues (its duplicate or conflict), if any."""
        key = entry_key(entry)
        for other in self.find(entry.source):
            if other.id != exclude and entry_key(other) == key:
                return other
        return None

    @property
    def revision(self) -> int:
        """Changes on every write (the id of the newest history row; 0 for a glossary never written)."""
        return self._conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]

    def history(self, entry_id: int | None = None, limit: int | None = None) -> list[Change]:
        """Changes, newest first; only those of ``entry_id`` when given."""
        sql = "SELECT * FROM history"
        params: list[object] = []
        if entry_id is not None:
            sql += " WHERE entry_id = ?"
            params.append(entry_id)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._change(row) for row in self.db.query(sql, params)]

    def _change(self, row: dict) -> Change:
        return Change(
            id=row["id"],
            entry_id=row["entry_id"],
            action=row["action"],
            old=_entry_from_json(row["old"]),
            new=_entry_from_json(row["new"]),
            at=row["at"],
            batch=row["batch"],
            undoes=row["undoes"],
        )

    def matcher(self, window: int = 4) -> Matcher:
        from glossator.glossary.matcher import Matcher

        return Matcher(self.entries(), window=window)

    # -- writing -----------------------------------------------------------------------------------
    def add(self, entry: Entry) -> Entry:
        """Store a new entry; GlossaryError when its source and context duplicate an existing entry.

        Logged as a single ``add`` (no import batch)."""
        return self._add(iter([entry]), batch=None)[0]

    def add_many(self, entries: Iterable[Entry], *, batch: str | None = None) -> list[Entry]:
        """Store several entries in one transaction, all or none, logged as one batch (``undo --batch``)."""
        return self._add(entries, batch=batch or uuid.uuid4().hex[:12])

    def _add(self, entries: Iterable[Entry], *, batch: str | None) -> list[Entry]:
        added: list[Entry] = []
        with self.transaction() as conn:
            pending: dict[tuple[str, tuple[str, ...]], Entry] = {}
            for entry in entries:
                entry = validate_entry(entry)
                key = entry_key(entry)
                other = pending.get(key) or self.lookup(entry)
                if other is not None:
                    cues = f" with context {'|'.join(entry.context)}" if entry.context else " without context"
                    raise GlossaryError(
                        f"{entry.source!r}{cues} is already in the glossary as {other.target!r} "
                        f"(id {other.id}); remove it first or give different --context cues."
                    )
                stored = self._insert(conn, entry, batch=batch)
                pending[key] = stored
                added.append(stored)
        return added

    def _insert(self, conn: sqlite3.Connection, entry: Entry, *, batch: str | None, keep_id: bool = False,
                action: str = "add", undoes: int | None = None) -> Entry:
        now = _now()
        created = entry.created if keep_id and entry.created else now
        values = self._row_values(entry)
        if keep_id and entry.id is not None:
            cur = conn.execute(
                "INSERT INTO entries (id, source, target, type, context, forms, dnt, note, fold, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.id, *values, created, now),
            )
        else:
            cur = conn.execute(
                "INSERT INTO entries (source, target, type, context, forms, dnt, note, fold, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, created, now),
            )
        stored = entry.with_changes(id=cur.lastrowid, created=created, updated=now)
        self._log(conn, stored.id, action, None, stored, batch=batch, undoes=undoes)  # type: ignore[arg-type]
        return stored

    @staticmethod
    def _row_values(entry: Entry) -> tuple[object, ...]:
        return (entry.source, entry.target, entry.type, join_list(entry.context), join_list(entry.forms),
                int(entry.dnt), entry.note, fold(entry.source))

    def _log(self, conn: sqlite3.Connection, entry_id: int, action: str, old: Entry | None, new: Entry | None,
             *, batch: str | None = None, undoes: int | None = None) -> int:
        cur = conn.execute(
            "INSERT INTO history (entry_id, action, old, new, at, batch, undoes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entry_id, action, _entry_to_json(old), _entry_to_json(new), _now(), batch, undoes),
        )
        return cur.lastrowid  # type: ignore[return-value]

    def update(self, entry_id: int, **fields: object) -> Entry:
        """Change fields of an entry (``target="…"``, ``context=("US",)`` …)."""
        unknown = set(fields) - set(_FIELDS)
        if unknown:
            raise GlossaryError(f"Cannot update {', '.join(sorted(unknown))}; fields are {', '.join(_FIELDS)}.")
        for name in ("context", "forms"):
            if isinstance(fields.get(name), str):
                fields[name] = split_list(fields[name])  # type: ignore[arg-type]
        with self.transaction() as conn:
            old = self.get(entry_id)
            new = validate_entry(old.with_changes(**fields))
            if entry_key(new) != entry_key(old):
                other = self.lookup(new, exclude=entry_id)
                if other is not None:
                    raise GlossaryError(f"{new.source!r} with these context cues already exists (id {other.id}).")
            new = new.with_changes(updated=_now())
            conn.execute(
                _UPDATE,
                (*self._row_values(new), new.updated, entry_id),
            )
            self._log(conn, entry_id, "update", old, new)
        return new

    def remove(self, entry_id: int) -> Entry:
        """Delete an entry (kept in history, so it can be undone)."""
        with self.transaction() as conn:
            old = self.get(entry_id)
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self._log(conn, entry_id, "remove", old, None)
        return old

    def undo(self, change_id: int) -> Change:
        """Put the entry back as it was before change ``change_id``; recorded as a new change.

        Refused when the entry changed again afterwards (undo the later change first).
        """
        with self.transaction():
            return self._undo_in(change_id)

    def _undo_in(self, change_id: int) -> Change:
        conn = self._conn
        rows = list(self.db.query("SELECT * FROM history WHERE id = ?", [change_id]))
        if not rows:
            raise GlossaryError(f"No change with id {change_id}; see `glossator glossary history`.")
        change = self._change(rows[0])
        later = conn.execute(
            "SELECT max(id) FROM history WHERE entry_id = ? AND id > ?", (change.entry_id, change_id)
        ).fetchone()[0]
        if later is not None:
            raise GlossaryError(
                f"Entry {change.entry_id} changed again after change {change_id} (change {later}); "
                f"undo change {later} first."
            )
        current = self._get_row(change.entry_id)
        if change.old is None:  # undoing an add
            conn.execute("DELETE FROM entries WHERE id = ?", (change.entry_id,))
            new_id = self._log(conn, change.entry_id, "undo", current, None, batch=change.batch,
                               undoes=change_id)
        elif current is None:  # undoing a remove
            other = self.lookup(change.old)
            if other is not None:
                raise GlossaryError(
                    f"Cannot restore {change.old.source!r}: entry {other.id} now has the same source "
                    "and context; remove it first."
                )
            self._insert(conn, change.old, batch=change.batch, keep_id=True, action="undo", undoes=change_id)
            new_id = conn.execute("SELECT max(id) FROM history").fetchone()[0]
        else:  # undoing an update
            old = change.old.with_changes(updated=_now())
            conn.execute(
                _UPDATE,
                (*self._row_values(old), old.updated, change.entry_id),
            )
            new_id = self._log(conn, change.entry_id, "undo", current, old, batch=change.batch, undoes=change_id)
        return self._change(next(iter(self.db.query("SELECT * FROM history WHERE id = ?", [new_id]))))

    def import_batch(self, to_add: Iterable[Entry], to_replace: Iterable[tuple[Entry, Entry]] = ()
                     ) -> tuple[list[Entry], list[tuple[Entry, Entry]]]:
        """Add new entries and overwrite replaced ones in one transaction, logged under one batch id
        (``undo_batch`` takes the whole import back)."""
        with self.transaction():
            return self.apply_import(to_add, to_replace)

    def apply_import(self, to_add: Iterable[Entry], to_replace: Iterable[tuple[Entry, Entry]] = ()
                     ) -> tuple[list[Entry], list[tuple[Entry, Entry]]]:
        """:meth:`import_batch` inside a :meth:`transaction` the caller holds (and decided in)."""
        batch = uuid.uuid4().hex[:12]
        added: list[Entry] = []
        replaced: list[tuple[Entry, Entry]] = []
        conn = self._conn
        for entry in to_add:
            added.append(self._insert(conn, validate_entry(entry), batch=batch))
        for old, incoming in to_replace:
            current = self.get(old.id)  # type: ignore[arg-type]
            new = validate_entry(current.with_changes(
                target=incoming.target, type=incoming.type, forms=incoming.forms, dnt=incoming.dnt,
                note=incoming.note, updated=_now()))
            conn.execute(
                _UPDATE,
                (*self._row_values(new), new.updated, new.id),
            )
            self._log(conn, new.id, "update", current, new, batch=batch)  # type: ignore[arg-type]
            replaced.append((current, new))
        return added, replaced

    def undo_batch(self, batch: str) -> int:
        """Undo every change of an import batch (newest first) in one transaction; returns how many."""
        with self.transaction():
            ids = [r["id"] for r in self.db.query(
                "SELECT id FROM history WHERE batch = ? AND action != 'undo' ORDER BY id DESC", [batch])]
            if not ids:
                raise GlossaryError(f"No import batch {batch!r}; see `glossator glossary history`.")
            undone = self._conn.execute(
                "SELECT max(id) FROM history WHERE batch = ? AND action = 'undo'", (batch,)).fetchone()[0]
            if undone is not None:
                raise GlossaryError(f"Import {batch} was already undone (change {undone}); nothing to do.")
            for change_id in ids:
                self._undo_in(change_id)
        return len(ids)

    def _trim_history(self) -> None:
        """Drop the oldest changes beyond :data:`HISTORY_KEEP`, whole batches at a time (see there).

        Two index lookups when nothing needs trimming, so every write can afford it."""
        # Two queries: SQLite answers a lone min() or max() from the index, but both at once by a full scan.
        low = self._conn.execute("SELECT min(id) FROM history").fetchone()[0]
        high = self._conn.execute("SELECT max(id) FROM history").fetchone()[0]
        if high is None or high - low < HISTORY_KEEP + HISTORY_KEEP // 10:
            return  # trim in steps of a tenth, not on every write
        cut = high - HISTORY_KEEP + 1
        self._conn.execute(
            "DELETE FROM history WHERE id < :cut AND (batch IS NULL OR batch NOT IN "
            "(SELECT batch FROM history WHERE id >= :cut AND batch IS NOT NULL))", {"cut": cut})


def open_glossary(path: str | Path | None = None, *, must_exist: bool = False) -> GlossaryStore:
    """The glossary a command works on: ``path``, or the default one (created with the starter glossary).

    With ``must_exist`` a ``path`` that is not there is an error instead of a new, empty glossary: translating
    against a mistyped path would silently enforce nothing.
    """
    from glossator.glossary.home import default_glossary_path, ensure_home

    if path is None:
        try:
            ensure_home()
        except OSError as exc:
            raise GlossaryError(f"Cannot create Glossator's folder for the default glossary: {exc.strerror} "
                                f"({exc.filename}); set GLOSSATOR_HOME to a writable folder.") from None
        return GlossaryStore.open(default_glossary_path(), seed=True)
    path = Path(path)
    if must_exist and not path.is_file():
        raise GlossaryError(f"Glossary {path} does not exist. Create it with: glossator glossary add … --glossary {path}")
    return GlossaryStore.open(path)


if TYPE_CHECKING:  # mypy (tests/unit/test_static.py) checks that the store is what imports write into
    from glossator.glossary.io import EntryStore

    _STORE: type[EntryStore] = GlossaryStore
