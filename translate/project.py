"""The review project store: one SQLite file per document under ``$GLOSSATOR_HOME/projects/``.

A review project holds every segment of one German document with its machine translation, the reviewer's
English, the segment's status (``pending`` until translated, then ``machine``, ``edited`` or ``approved``), the
glossary terms found in it and whether a later glossary change flagged it. It also keeps the reviewer's place
(the cursor and any unsaved draft), so reopening the document resumes exactly where the reviewer was.

Every change is its own short transaction on a WAL database, so quitting, a crash or a kill loses nothing.
The store knows nothing of Textual; the review desk (``tui``) and the CLI call it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from glossator.translate.atomic import write_atomic
from glossator.translate.errors import TranslateError
from glossator.translate.qa import QAIssue, check_segment
from glossator.translate.result import SegmentResult, TermResult, terms_from_json, terms_to_json
from glossator.translate.termcheck import check_english

if TYPE_CHECKING:
    from glossator.glossary.matcher import Matcher
    from glossator.translate.memory import TranslationMemory

SegmentStatus = Literal["pending", "machine", "edited", "approved"]
SEGMENT_STATUSES: tuple[str, ...] = ("pending", "machine", "edited", "approved")

# Numbered migrations (glossator.glossary.sqlite.migrate): ``PRAGMA user_version`` records the last one applied.
# Append new steps; never edit or reorder applied ones. The first is the schema that projects made before
# migrations existed already have, hence IF NOT EXISTS.
_MIGRATIONS: list[str] = [
    # 1: segments, their state and the project's metadata.
    """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    idx INTEGER PRIMARY KEY,
    line INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    machine_target TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    terms TEXT NOT NULL DEFAULT '[]',
    flagged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
""",
    # 2: every English a segment has had (machine text, each edit, revert, approval, undo), oldest first.
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idx INTEGER NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX history_idx ON history (idx);
    """,
]
SCHEMA_VERSION = len(_MIGRATIONS)

HistoryAction = Literal["machine", "edit", "revert", "keep", "approve", "unapprove", "undo", "redo"]


@dataclass(frozen=True)
class ProjectSegment:
    """One segment of a review project, as stored.

    ``target`` is the English the reviewer will export; ``machine_target`` the latest machine translation (after
    a glossary change it may differ from ``target`` for an edited or approved segment, which is then ``flagged``).
    """

    index: int
    line: int
    source: str
    target: str = ""
    machine_target: str = ""
    status: SegmentStatus = "pending"
    terms: tuple[TermResult, ...] = field(default_factory=tuple)
    flagged: bool = False

    @property
    def problems(self) -> list[TermResult]:
        """The glossary terms this segment's English gets wrong (violated or partial)."""
        return [t for t in self.terms if t.status != "applied"]

    @cached_property
    def words(self) -> int:
        """How many words the German has."""
        return len(self.source.split())

    @cached_property
    def qa(self) -> list[QAIssue]:
        """The QA warnings about this segment's English (none while it is not translated)."""
        if self.status == "pending":
            return []
        return check_segment(self.source, self.target, self.terms)

    @property
    def needs_attention(self) -> bool:
        """True when the segment has a term problem or a QA warning, or was flagged by a glossary change."""
        return self.flagged or bool(self.problems) or bool(self.qa)


@dataclass(frozen=True)
class HistoryEntry:
    """One English a segment had: what made it (``action``), the text, the status it left and when (UTC)."""

    index: int
    action: str
    target: str
    status: SegmentStatus
    at: str


@dataclass(frozen=True)
class ProjectCounts:
    """Segments by status, and the open term problems, for the status line."""

    total: int
    pending: int
    machine: int
    edited: int
    approved: int
    problems: int
    flagged: int
    words: int = 0
    approved_words: int = 0

    @property
    def percent_approved(self) -> int:
        """Approved share of the document's German words (what a translator's progress is counted in)."""
        return (100 * self.approved_words // self.words) if self.words else 0


def project_key(path: Path, text: str) -> str:
    """The key of a document's project: a hash of its absolute path and its content."""
    digest = hashlib.sha256()
    digest.update(str(Path(path).expanduser().resolve()).encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


def project_path(document: Path, text: str, home: Path | None = None) -> Path:
    """Where the project of ``document`` (with content ``text``) lives. Creates nothing."""
    if home is None:
        from glossator.glossary.home import glossator_home

        home = glossator_home()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(document).name)[:60] or "document"
    return Path(home) / "projects" / f"{stem}-{project_key(document, text)}.db"


def check_terms(source: str, target: str, matcher: Matcher | None) -> tuple[TermResult, ...]:
    """Check an English ``target`` against the glossary terms the ``matcher`` finds in ``source``.

    Used for English the reviewer wrote (edited or approved segments), which enforcement never sees; the statuses
    are :func:`translate.termcheck.check_english`'s, the enforcer's: ``applied`` when the required rendering
    stands in the English (once per occurrence of the term), else ``violated``; a partial source match is
    ``partial`` so the reviewer checks the inflection.
    """
    return tuple(check_english(source, target, matcher))


def term_signature(terms: Iterable[TermResult]) -> tuple:
    """What identifies a segment's glossary hits independent of the English: spans, entries, renderings."""
    return tuple(sorted((t.start, t.end, t.entry_id, t.target, t.status == "partial") for t in terms
                        if t.kind == "term"))


def match_signature(source: str, matcher: Matcher | None) -> tuple:
    """The :func:`term_signature` a segment would have under ``matcher`` (partial flag from the matcher)."""
    if matcher is None:
        return ()
    return tuple(sorted((m.start, m.end, m.entry.id, m.target, bool(m.partial)) for m in matcher.find(source)))


class ReviewProject:
    """A document's review project (see the module docstring). Open it with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._segments: list[ProjectSegment] = []
        # This session's reviewer changes as (before, after) pairs, for undo and redo.
        self._undo: list[tuple[ProjectSegment, ProjectSegment]] = []
        self._redo: list[tuple[ProjectSegment, ProjectSegment]] = []
        self._load()

    # -- opening -----------------------------------------------------------------------------------

    @classmethod
    def open(cls, document: Path, *, home: Path | None = None, text: str | None = None) -> ReviewProject:
        """Open the project of ``document``, creating it (and splitting the document) on first use."""
        document = Path(document)
        if text is None:
            from glossator.translate.document import read_text_file

            # Exact text (line endings kept, as the export must give them back); binary, non-UTF-8 and huge
            # files are refused with the same messages as in ``glossator translate``.
            text = read_text_file(document)
        path = project_path(document, text, home)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path)
        project = cls(conn, path)
        if not project._segments:
            project._create(document, text)
        return project

    def _create(self, document: Path, text: str) -> None:
        from glossator.translate.segment import split_document

        pieces = split_document(text)
        with self._conn:
            self._conn.executemany(
                "INSERT INTO segments (idx, line, source) VALUES (?, ?, ?)",
                [(p.index, p.line, p.source) for p in pieces],
            )
            self._conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [
                    ("schema", str(SCHEMA_VERSION)),
                    ("document", str(Path(document).expanduser().resolve())),
                    ("text", text),
                ],
            )
        self._load()

    def _load(self) -> None:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM segments ORDER BY idx").fetchall()
        self._segments = [_segment_from_row(row) for row in rows]

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One short write transaction that takes the write lock first (``BEGIN IMMEDIATE``), so reading a
        segment with :meth:`_fresh` and writing it back cannot interleave with another writer."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            yield

    def _fresh(self, index: int) -> ProjectSegment:
        """The segment as stored now, inside :meth:`_writing`. Another process (a second desk, ``glossator
        review --export``) may have changed it since this one loaded it; deciding on the cached copy would
        overwrite that change."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM segments WHERE idx = ?", (index,)).fetchone()
        segment = _segment_from_row(row) if row is not None else self._segments[index]
        self._segments[index] = segment
        return segment

    def close(self) -> None:
        self._conn.close()

    # -- reading -----------------------------------------------------------------------------------

    @property
    def document(self) -> Path:
        return Path(self._meta("document") or "")

    @property
    def text(self) -> str:
        """The document as it was when the project was created."""
        return self._meta("text") or ""

    @property
    def segments(self) -> list[ProjectSegment]:
        return list(self._segments)

    def __len__(self) -> int:
        return len(self._segments)

    def __getitem__(self, index: int) -> ProjectSegment:
        return self._segments[index]

    def pending(self) -> list[ProjectSegment]:
        """Segments that still need a machine translation."""
        return [s for s in self._segments if s.status == "pending"]

    def counts(self) -> ProjectCounts:
        by_status = {status: 0 for status in SEGMENT_STATUSES}
        problems = flagged = words = approved_words = 0
        for segment in self._segments:
            by_status[segment.status] += 1
            words += segment.words
            if segment.status == "approved":
                approved_words += segment.words
            problems += len(segment.problems)
            flagged += segment.flagged
        return ProjectCounts(
            total=len(self._segments),
            pending=by_status["pending"],
            machine=by_status["machine"],
            edited=by_status["edited"],
            approved=by_status["approved"],
            problems=problems,
            flagged=flagged,
            words=words,
            approved_words=approved_words,
        )

    # -- writing: translation ----------------------------------------------------------------------

    def store_machine(self, results: Sequence[SegmentResult]) -> list[int]:
        """Store machine translations. Pending and machine segments take them; edited or approved ones keep
        the reviewer's English, get their terms re-checked by the caller and are flagged. Returns the indexes
        changed."""
        changed = []
        with self._writing():
            for result in results:
                current = self._fresh(result.index)
                if current.status in ("pending", "machine"):
                    updated = replace(
                        current,
                        target=result.target,
                        machine_target=result.target,
                        status="machine",
                        terms=tuple(result.terms),
                        flagged=False,
                    )
                else:
                    updated = replace(current, machine_target=result.target)
                self._write(updated)
                if result.target != current.machine_target:
                    self._log(result.index, "machine", result.target, updated.status)
                changed.append(result.index)
        return changed

    def recheck(self, index: int, matcher: Matcher | None, *, flag: bool) -> ProjectSegment:
        """Re-check the terms of the reviewer's English against the glossary; ``flag`` marks it for review."""
        with self._writing():
            current = self._fresh(index)
            updated = replace(
                current,
                terms=check_terms(current.source, current.target, matcher),
                flagged=current.flagged or flag,
            )
            self._write(updated)
        return updated

    # -- writing: review ---------------------------------------------------------------------------

    def edit(self, index: int, target: str, matcher: Matcher | None = None) -> ProjectSegment:
        """Replace a segment's English with the reviewer's; a changed English makes the segment ``edited``."""
        with self._writing():
            current = self._fresh(index)
            status: SegmentStatus
            if target == current.target and current.status != "pending":
                status = current.status
            elif target == current.machine_target and current.status == "machine":
                status = "machine"
            else:
                status = "edited"
            terms = check_terms(current.source, target, matcher) if matcher is not None else current.terms
            updated = replace(current, target=target, status=status, terms=terms, flagged=False)
            self._write(updated)
            self._conn.execute("DELETE FROM state WHERE key = 'draft'")
            if (updated.target, updated.status) != (current.target, current.status):
                self._log(index, "edit", updated.target, updated.status)
                self._remember(current, updated)
        return updated

    def approve(
        self,
        index: int,
        *,
        memory: TranslationMemory | None = None,
        model_id: str = "",
        glossary_revision: int = 0,
    ) -> ProjectSegment:
        """Mark a segment approved (and acknowledge any flag).

        With a ``memory``, the approved pair also goes into the shared translation memory (``origin="approved"``),
        so batch translation reuses the reviewer's English.
        """
        with self._writing():
            current = self._fresh(index)
            if current.status == "pending":
                raise TranslateError("This segment is not translated yet; wait for the translation to finish.")
            updated = replace(current, status="approved", flagged=False)
            self._write(updated)
            self._log(index, "approve", updated.target, updated.status)
            self._remember(current, updated)
        if memory is not None:
            memory.store(
                current.source,
                current.target,
                model_id=model_id,
                glossary_revision=glossary_revision,
                origin="approved",
            )
        return updated

    def unapprove(self, index: int) -> ProjectSegment:
        """Take back an approval: the segment becomes edited, or machine when its English is the machine's."""
        with self._writing():
            current = self._fresh(index)
            status: SegmentStatus = "machine" if current.target == current.machine_target else "edited"
            updated = replace(current, status=status)
            self._write(updated)
            self._log(index, "unapprove", updated.target, updated.status)
            self._remember(current, updated)
        return updated

    def keep(self, index: int) -> ProjectSegment:
        """Keep the reviewer's English of a flagged segment (not the new machine English): the flag goes."""
        with self._writing():
            current = self._fresh(index)
            if not current.flagged:
                return current
            updated = replace(current, flagged=False)
            self._write(updated)
            self._log(index, "keep", updated.target, updated.status)
            self._remember(current, updated)
        return updated

    def revert(self, index: int, terms: Sequence[TermResult] | None = None) -> ProjectSegment:
        """Go back to the latest machine translation."""
        with self._writing():
            current = self._fresh(index)
            if current.status == "pending":
                return current
            updated = replace(
                current,
                target=current.machine_target,
                status="machine",
                terms=tuple(terms) if terms is not None else current.terms,
                flagged=False,
            )
            self._write(updated)
            self._log(index, "revert", updated.target, updated.status)
            self._remember(current, updated)
        return updated

    # -- undo, redo and history --------------------------------------------------------------------

    def _remember(self, before: ProjectSegment, after: ProjectSegment) -> None:
        self._undo.append((before, after))
        self._redo.clear()

    def undo(self) -> ProjectSegment | None:
        """Take back this session's latest edit, revert or approval; returns the segment, or None if none."""
        if not self._undo:
            return None
        before, after = self._undo.pop()
        self._redo.append((before, after))
        return self._restore(before, "undo")

    def redo(self) -> ProjectSegment | None:
        """Do again what :meth:`undo` took back; returns the segment, or None if nothing was undone."""
        if not self._redo:
            return None
        before, after = self._redo.pop()
        self._undo.append((before, after))
        return self._restore(after, "redo")

    def _restore(self, state: ProjectSegment, action: HistoryAction) -> ProjectSegment:
        with self._writing():
            current = self._fresh(state.index)
            status = state.status
            # An older machine English is no longer the machine's: keep it, as the reviewer's choice.
            if status == "machine" and state.target != current.machine_target:
                status = "edited"
            updated = replace(current, target=state.target, status=status, terms=state.terms, flagged=state.flagged)
            self._write(updated)
            self._log(state.index, action, updated.target, updated.status)
        return updated

    def history(self, index: int) -> list[HistoryEntry]:
        """Every English segment ``index`` has had, oldest first (machine translations, edits, reverts...)."""
        rows = self._conn.execute(
            "SELECT idx, action, target, status, at FROM history WHERE idx = ? ORDER BY id", (index,)
        ).fetchall()
        return [HistoryEntry(*row) for row in rows]

    def _log(self, index: int, action: HistoryAction, target: str, status: str) -> None:
        """Record a change inside the caller's write transaction (it commits with the change)."""
        from datetime import datetime, timezone

        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._conn.execute(
            "INSERT INTO history (idx, action, target, status, at) VALUES (?, ?, ?, ?, ?)",
            (index, action, target, status, at),
        )

    def _write(self, segment: ProjectSegment) -> None:
        self._conn.execute(
            "UPDATE segments SET target = ?, machine_target = ?, status = ?, terms = ?, flagged = ? WHERE idx = ?",
            (
                segment.target,
                segment.machine_target,
                segment.status,
                terms_to_json(segment.terms),
                int(segment.flagged),
                segment.index,
            ),
        )
        self._segments[segment.index] = segment

    # -- the reviewer's place ----------------------------------------------------------------------

    @property
    def cursor(self) -> int:
        raw = self._state("cursor")
        try:
            cursor = int(raw) if raw is not None else 0
        except ValueError:
            cursor = 0
        return max(0, min(cursor, len(self._segments) - 1)) if self._segments else 0

    @cursor.setter
    def cursor(self, index: int) -> None:
        self._set_state("cursor", str(index))

    @property
    def draft(self) -> tuple[int, str] | None:
        """An edit in progress (segment index, text) that was not saved as the segment's English yet."""
        raw = self._state("draft")
        if raw is None:
            return None
        data = json.loads(raw)
        return int(data["index"]), str(data["text"])

    def save_draft(self, index: int, text: str) -> None:
        self._set_state("draft", json.dumps({"index": index, "text": text}, ensure_ascii=False))

    def discard_draft(self) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM state WHERE key = 'draft'")

    def _state(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_state(self, key: str, value: str) -> None:
        with self._conn:
            self._conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # -- export ------------------------------------------------------------------------------------

    def export_text(self) -> str:
        """The reviewed English in the structure of the input (untranslated segments keep their German)."""
        from glossator.translate.segment import join_document, split_document

        text = self.text
        pieces = split_document(text)
        targets = [s.target if s.status != "pending" else s.source for s in self._segments]
        return join_document(text, pieces, targets)

    def export(self, path: Path) -> Path:
        """Write :meth:`export_text` to ``path`` atomically (a temporary file renamed over it)."""
        path = Path(path)
        content = self.export_text()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TranslateError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        write_atomic(path, content)
        return path


def default_export_path(document: Path) -> Path:
    """``article.de.txt`` → ``article.en.txt``; ``notes.txt`` → ``notes.en.txt`` (next to the input)."""
    document = Path(document)
    suffixes = document.suffixes
    if len(suffixes) >= 2 and suffixes[-2].lower() == ".de":
        base = document.name[: -len("".join(suffixes[-2:]))]
        return document.with_name(f"{base}.en{suffixes[-1]}")
    return document.with_name(f"{document.stem}.en{document.suffix or '.txt'}")


_COLUMNS = "idx, line, source, target, machine_target, status, terms, flagged"


def _segment_from_row(row: Sequence) -> ProjectSegment:
    return ProjectSegment(
        index=row[0],
        line=row[1],
        source=row[2],
        target=row[3],
        machine_target=row[4],
        status=row[5],
        terms=tuple(terms_from_json(row[6])),
        flagged=bool(row[7]),
    )


def _connect(path: Path) -> sqlite3.Connection:
    from glossator.glossary.sqlite import open_database

    return open_database(path, _MIGRATIONS, what="the review project", error=TranslateError,
                         hint="move it away to start the review afresh")
