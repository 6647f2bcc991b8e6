"""Batch translation of files and directories into an output directory, resumable and atomic.

The runner is library code (no click): :func:`discover` lists the inputs, :class:`BatchRunner` translates
them. Segments of many files are pooled and sent to the translator in large batches (the engine sorts them by
length), so the per-file cost stays small. Every finished batch is committed to a SQLite database in the
output directory (``.glossator-batch.db``); running the same batch again after an interruption (Ctrl-C,
``kill -9``, power loss) reuses those segments instead of translating them again. Output files are written
to a temporary name in the same directory, synced, then renamed, so none is ever half-written.

Example::

    runner = BatchRunner(Enforcer(engine, matcher), out_dir=Path("out"), model_id=engine.model_id,
                         glossary_revision=store.revision, memory=TranslationMemory(default_memory_path()))
    summary = runner.run([Path("articles/")], glob="*.md")
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from glob import escape as glob_escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from glossator.glossary.files import FileTooLarge, NotRegularFile, read_regular_file
from glossator.translate.atomic import write_atomic as _write_atomic
from glossator.glossary.sqlite import open_database
from glossator.translate.context import HEAD_LINES, dateline_context
from glossator.translate.document import SegmentTranslator
from glossator.translate.errors import TranslateError
from glossator.translate.formats import Document, UnsupportedFile, format_for, supported_suffixes
from glossator.translate.outcome import BatchSummary, FileOutcome, Status
from glossator.translate.result import SegmentResult, TermResult, terms_from_json, terms_to_json

if TYPE_CHECKING:  # pragma: no cover
    from glossator.translate.memory import TranslationMemory
    from glossator.translate.progress import BatchProgress

BATCH_DB_NAME = ".glossator-batch.db"
MAX_INPUT_BYTES = 64 << 20
"""Larger inputs are refused (64 MiB): a newsroom never has one, a mistake often does."""
DEFAULT_BATCH_SEGMENTS = 512
"""Segments pooled (from as many files as it takes) before one call to the translator."""


@dataclass(frozen=True)
class BatchFile:
    """An input file and the path of its translation relative to the output directory."""

    path: Path
    rel: PurePosixPath


# --------------------------------------------------------------------------------------------- discovery


def discover(
    paths: Iterable[str | Path], *, out_dir: str | Path, glob: str | None = None
) -> tuple[list[BatchFile], list[tuple[BatchFile, str]]]:
    """The input files of a batch, and the inputs refused up front with the reason.

    A file argument keeps its name; a directory is walked recursively (hidden files and folders, symbolic
    links to folders and the output directory itself are left out) and its files keep their path relative
    to it. ``glob`` filters the files found in directories (``*.md``, ``2024/*.txt``).

    Raises :class:`TranslateError` when a path does not exist or the output directory is an input directory.
    """
    out_root = Path(out_dir).resolve()
    files: list[BatchFile] = []
    refused: list[tuple[BatchFile, str]] = []
    seen: dict[PurePosixPath, Path] = {}

    def add(path: Path, rel: PurePosixPath) -> None:
        if rel in seen:
            refused.append((BatchFile(path, rel), f"{path} and {seen[rel]} would both be written to {rel}"))
            return
        seen[rel] = path
        files.append(BatchFile(path, rel))

    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            top = path.resolve()
            if top == out_root:
                raise TranslateError(
                    f"The output directory {out_dir} is the input directory; choose another -o so no input is overwritten."
                )
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(
                    d for d in dirnames if not d.startswith(".") and Path(dirpath, d).resolve() != out_root
                )
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    full = Path(dirpath, name)
                    rel = PurePosixPath(full.relative_to(path).as_posix())
                    if glob and not rel.match(glob):
                        continue
                    add(full, rel)
        elif path.exists():
            add(path, PurePosixPath(path.name))
        else:
            raise TranslateError(f"{arg} does not exist; check the path.")
    return files, refused


def output_path(out_dir: Path, rel: PurePosixPath, *, suffix: str = "") -> Path:
    """Where ``rel`` goes inside ``out_dir``; refuses anything that would land outside it.

    Absolute paths, ``..`` and symbolic links (in the folders or the file itself) that lead out of the
    output directory are refused with :class:`TranslateError`.
    """
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise TranslateError(f"refusing to write {rel}: it is not a path inside the output directory")
    root = out_dir.resolve()
    target = root.joinpath(*rel.parts[:-1], rel.parts[-1] + suffix)
    if target.is_symlink():
        raise TranslateError(f"refusing to write {target}: it is a symbolic link")
    if not target.resolve().is_relative_to(root):
        raise TranslateError(f"refusing to write {target}: it would land outside {out_dir}")
    return target


def write_atomic(path: Path, data: bytes, *, fsync: bool = False, clean_stale: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never a part. ``fsync`` makes the data durable before the rename;
    the batch runner does without it (it costs milliseconds per file) and instead records the digest of every
    output, so a file lost to a power cut is noticed and written again on the next run. Temporary files that a
    killed run left for ``path`` are removed first (``clean_stale``; the batch runner cleans each folder once
    with :func:`remove_stale_parts` instead, since a scan per file is quadratic in a large folder).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if clean_stale:
        _remove_stale_parts(path)
    _write_atomic(path, data, fsync=fsync)


_PART = re.compile(r"\..+\.[a-z0-9_]{8}\.part")
"""What :func:`write_atomic` names its temporary files: ``.NAME.XXXXXXXX.part``."""


def _remove_stale_parts(path: Path) -> None:
    """Delete ``.NAME.XXXXXXXX.part`` files (what :func:`write_atomic` names its temporary files) of ``path``."""
    stale = re.compile(r"\." + re.escape(path.name) + r"\.[a-z0-9_]{8}\.part")
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.part"))
    except OSError:
        return
    for candidate in candidates:
        if stale.fullmatch(candidate.name) and not candidate.is_symlink() and candidate.is_file():
            try:
                candidate.unlink()
            except OSError:
                pass


def remove_stale_parts(folder: Path) -> None:
    """Delete every temporary file a killed :func:`write_atomic` left in ``folder`` (one scan)."""
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if _PART.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return
    for path in stale:
        try:
            os.unlink(path)
        except OSError:
            pass


# ------------------------------------------------------------------------------------------ batch state


# Numbered migrations (glossator.glossary.sqlite.migrate); append, never edit. The first one is the schema that
# files made before migrations existed already have, hence IF NOT EXISTS.
_MIGRATIONS = [
    """
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY,
    digest TEXT NOT NULL,           -- sha256 of the input bytes
    settings TEXT NOT NULL,         -- model, glossary revision, memory: what the targets depend on
    status TEXT NOT NULL,           -- running | done | failed
    message TEXT NOT NULL DEFAULT '',
    segments INTEGER NOT NULL DEFAULT 0,
    memory_hits INTEGER NOT NULL DEFAULT 0,
    problems INTEGER NOT NULL DEFAULT 0,
    outputs TEXT NOT NULL DEFAULT '{}', -- JSON: output suffix ('' for the translation) -> sha256 written
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    rel TEXT NOT NULL,
    idx INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    terms TEXT NOT NULL,            -- JSON: TermResult.to_json records (older files: lists)
    origin TEXT NOT NULL,           -- engine | memory
    PRIMARY KEY (rel, idx)
);
""",
    # 2: the segment's line in its file, for reports by file and line (0 in rows written before).
    "ALTER TABLE segments ADD COLUMN line INTEGER NOT NULL DEFAULT 0",
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class BatchDatabase:
    """The per-output-directory record of finished segments and files (``OUTDIR/.glossator-batch.db``).

    Writes are queued and committed together by :meth:`commit` (one transaction per pooled batch, not per
    file). ``synchronous=NORMAL`` in WAL mode: a power cut may lose the last commits, never the database; lost
    work is simply done again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._queued: list[tuple[str, Sequence]] = []
        for suffix in ("", "-wal", "-shm", "-journal"):
            # SQLite follows links: a planted one would make it create or write a file outside OUTDIR.
            if Path(f"{path}{suffix}").is_symlink():
                raise TranslateError(
                    f"Refusing to use the batch database {path}{suffix}: it is a symbolic link; remove it."
                )
        self.db = open_database(path, _MIGRATIONS, what="the batch database", error=TranslateError)

    def file(self, rel: str) -> sqlite3.Row | None:
        self.db.row_factory = sqlite3.Row
        try:
            return self.db.execute("SELECT * FROM files WHERE rel = ?", (rel,)).fetchone()
        finally:
            self.db.row_factory = None

    def segments(self, rel: str) -> list[tuple[int, str, str, str, str]]:
        return self.db.execute(
            "SELECT idx, source, target, terms, origin FROM segments WHERE rel = ?", (rel,)
        ).fetchall()

    def lines(self, rel: str) -> dict[int, int]:
        """The line in its file of each segment ``idx`` of ``rel`` (rows from before migration 2 have none)."""
        return dict(self.db.execute("SELECT idx, line FROM segments WHERE rel = ? AND line > 0", (rel,)))

    def start_file(self, rel: str, digest: str, settings: str, *, forget_segments: bool) -> None:
        if forget_segments:
            self._queued.append(("DELETE FROM segments WHERE rel = ?", [(rel,)]))
        self._queued.append((
            """INSERT INTO files (rel, digest, settings, status, outputs, updated) VALUES (?, ?, ?, 'running', '{}', ?)
               ON CONFLICT(rel) DO UPDATE SET digest = excluded.digest, settings = excluded.settings,
               status = 'running', message = '', outputs = '{}', updated = excluded.updated""",
            [(rel, digest, settings, _now())],
        ))

    def save_segments(self, rows: Sequence[tuple[str, int, str, str, str, str, int]]) -> None:
        """Queue segments as (rel, idx, source, target, terms JSON, origin, line)."""
        self._queued.append((
            "INSERT OR REPLACE INTO segments (rel, idx, source, target, terms, origin, line)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", rows,
        ))

    def finish_file(self, outcome: FileOutcome, outputs: dict[str, str] | None = None) -> None:
        self._queued.append((
            """UPDATE files SET status = ?, message = ?, segments = ?, memory_hits = ?, problems = ?, outputs = ?,
               updated = ? WHERE rel = ?""",
            [("done" if outcome.status == "done" else "failed", outcome.message, outcome.segments,
              outcome.memory_hits, outcome.problems, json.dumps(outputs or {}), _now(), outcome.rel)],
        ))

    def commit(self) -> None:
        if not self._queued:
            return
        with self.db:
            for sql, rows in self._queued:
                self.db.executemany(sql, rows)
        self._queued.clear()

    @property
    def queued(self) -> int:
        return len(self._queued)

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.db.close()


# ------------------------------------------------------------------------------------------------ runner


@dataclass
class _Job:
    """A file in flight: parsed, with the segments finished so far."""

    file: BatchFile
    out: Path
    doc: Document
    size: int
    results: list[SegmentResult | None]
    remaining: int
    memory_hits: int = 0
    resumed: int = 0
    failed: str | None = None
    context: str = ""  # the file's dateline: it decides renderings its sentences leave open

    @property
    def rel(self) -> str:
        return str(self.file.rel)


@dataclass
class _Pool:
    """Segments pooled for one translator call: who needs them, memory hits, the distinct keys to translate."""

    pending: list[tuple[_Job, int]]
    sources: list[str]
    hits: dict[tuple[str, str], str]  # (source, dateline context) -> target from the memory
    glossary_keys: dict[str, dict[str, str]]  # context -> source -> the glossary entries it contains
    todo: list[tuple[str, str]]  # (source, dateline context), each once


def translate_keys(translator: SegmentTranslator, keys: Sequence[tuple[str, str]]) -> list[SegmentResult]:
    """Translate ``(source, context)`` keys with one translator call, results in the same order.

    The one way a pooled batch is translated, in this process or on a cluster worker
    (:mod:`translate.cluster`), so both give the same results for the same keys.
    """
    if not keys:
        return []
    sources = [source for source, _ in keys]
    contexts = [context for _, context in keys]
    if any(contexts):
        results = translator.translate(sources, contexts=contexts)
    else:
        results = translator.translate(sources)
    if len(results) != len(sources):
        raise TranslateError(f"the translator returned {len(results)} results for {len(sources)} segments")
    return results


class BatchRunner:
    """Translates many files into ``out_dir``.

    Args:
        translator: the enforcer (``translate(sources) -> list[SegmentResult]``).
        out_dir: where translations go, mirroring the inputs' relative paths.
        model_id, glossary_revision: what the translations depend on (resuming keys on both; the translation
            memory on the model and the glossary entries each sentence contains).
        memory: a :class:`~translate.memory.TranslationMemory` to reuse and store translations, or None.
        exports: any of ``xliff``, ``tmx``, ``json``, ``report``, written next to each translated file.
        batch_segments: segments pooled per translator call.
        progress: receives progress events (see :mod:`translate.progress`).
        encoding, output_encoding: of text inputs (None: UTF-8, a BOM's or detected) and outputs (None: the
            input's).
    """

    def __init__(
        self,
        translator: SegmentTranslator,
        *,
        out_dir: str | Path,
        model_id: str,
        glossary_revision: int = 0,
        memory: TranslationMemory | None = None,
        exports: Sequence[str] = (),
        batch_segments: int = DEFAULT_BATCH_SEGMENTS,
        progress: BatchProgress | None = None,
        encoding: str | None = None,
        output_encoding: str | None = None,
    ) -> None:
        from glossator.translate.exports import EXPORT_SUFFIXES, exporter
        from glossator.translate.progress import NullProgress

        self.translator = translator
        self.out_dir = Path(out_dir)
        self.model_id = model_id
        self.glossary_revision = glossary_revision
        self.memory = memory
        self.exports = {name: (EXPORT_SUFFIXES[name], exporter(name)) for name in dict.fromkeys(exports)}
        self.batch_segments = max(1, batch_segments)
        self.progress = progress or NullProgress()
        self.encoding, self.output_encoding = encoding, output_encoding
        self._settings = json.dumps(
            {"model": model_id, "glossary_revision": glossary_revision, "memory": memory is not None},
            sort_keys=True,
        )

    # The one entry point.
    def run(self, paths: Iterable[str | Path], *, glob: str | None = None) -> BatchSummary:
        """Translate every file under ``paths``; failures are recorded per file, never raised.

        Raises :class:`TranslateError` only for problems with the batch as a whole (a missing path, an output
        directory that cannot be created). ``KeyboardInterrupt`` propagates after everything finished so far
        is saved.
        """
        started = time.monotonic()
        files, refused = discover(paths, out_dir=self.out_dir, glob=glob)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TranslateError(f"Cannot create the output directory {self.out_dir}: {exc.strerror}.") from None
        self._inputs = {f.path.resolve() for f in files} | {f.path.resolve() for f, _ in refused}
        self._outputs = {str(f.rel) for f in files}
        self._cleaned: set[Path] = set()
        summary = BatchSummary()
        self._summary = summary
        for f, reason in refused:
            self._record(FileOutcome(str(f.rel), "failed", reason))
        self._db = BatchDatabase(self.out_dir / BATCH_DB_NAME)
        sizes = [_size(f.path) for f in files]
        self.progress.start(len(files) + len(refused), sum(sizes))
        pending: list[tuple[_Job, int]] = []
        try:
            for f, size in zip(files, sizes):
                job = self._open(f, size)
                if job is None:
                    continue
                if job.remaining == 0:
                    self._finish(job)
                    continue
                pending.extend((job, i) for i, r in enumerate(job.results) if r is None)
                if len(pending) >= self.batch_segments:
                    self._flush(pending)
                    pending = []
            if pending:
                self._flush(pending)
            self._drain()
        except sqlite3.OperationalError as exc:  # the batch database cannot be written (a full disk …)
            summary.error = self._stopped(exc)
        finally:
            try:
                self._db.close()
            except sqlite3.OperationalError as exc:  # the final commit: still end with a summary
                summary.error = summary.error or self._stopped(exc)
            summary.seconds = time.monotonic() - started
        self.progress.finish(summary)
        return summary

    def _stopped(self, exc: sqlite3.OperationalError) -> str:
        cause = "the disk is full" if "full" in str(exc) else str(exc)
        return (f"could not save the batch's progress in {self.out_dir / BATCH_DB_NAME} ({cause}); the files "
                "reported done are complete, and running the same command again redoes the rest")

    def _record(self, outcome: FileOutcome, nbytes: float = 0.0) -> None:
        self._summary.files.append(outcome)
        self.progress.file_finished(outcome, nbytes)

    def _open(self, f: BatchFile, size: int) -> _Job | None:
        """Read, check and parse one file and load its finished segments; None when it needs no work."""
        rel = str(f.rel)
        fmt = format_for(f.path)
        if fmt is None:
            known = " ".join(supported_suffixes())
            suffix = f.path.suffix or "(no extension)"
            self._record(FileOutcome(rel, "skipped", f"unsupported file type {suffix}; supported: {known}"), size)
            return None
        try:
            out = output_path(self.out_dir, f.rel)
            self._check_not_input(out, f.path)
            if size > MAX_INPUT_BYTES:
                raise TranslateError(f"it is too large ({size} bytes; at most {MAX_INPUT_BYTES})")
            try:  # regular files only (a FIFO would hang), never more than the cap (/dev/zero has no end)
                data = read_regular_file(f.path, MAX_INPUT_BYTES)
            except FileTooLarge:
                raise TranslateError(f"it is too large (more than {MAX_INPUT_BYTES} bytes)") from None
            except NotRegularFile as exc:
                raise TranslateError(f"it is {exc.strerror}") from None
            digest = hashlib.sha256(data).hexdigest()
            row = self._db.file(rel)
            same = row is not None and row["digest"] == digest and row["settings"] == self._settings
            done = same and row is not None and row["status"] == "done"
            if done and row is not None and self._outputs_intact(out, f.rel, row["outputs"]):
                self._record(
                    FileOutcome(rel, "done", "unchanged since the last run", row["segments"], row["memory_hits"],
                                row["segments"], row["problems"]),
                    size,
                )
                return None
            doc = fmt.parse(data, encoding=self.encoding, output_encoding=self.output_encoding)
            del data
        except UnsupportedFile as exc:
            self._record(FileOutcome(rel, "skipped", str(exc)), size)
            return None
        except TranslateError as exc:
            self._record(FileOutcome(rel, "failed", str(exc)), size)
            return None
        except OSError as exc:
            self._record(FileOutcome(rel, "failed", f"cannot read it: {exc.strerror or exc}"), size)
            return None
        except Exception as exc:  # noqa: BLE001 - a reader bug on one odd file must not stop the night's batch
            message = f"cannot be read as {fmt.name} ({exc.__class__.__name__}: {exc})"
            self._record(FileOutcome(rel, "failed", message), size)
            return None
        self._db.start_file(rel, digest, self._settings, forget_segments=row is not None and not same)
        results: list[SegmentResult | None] = [None] * len(doc.segments)
        job = _Job(f, out, doc, size, results, len(results),
                   context=dateline_context("\n".join(doc.segments[:HEAD_LINES])))
        if same:
            for idx, source, target, terms, origin in self._db.segments(rel):
                if idx < len(results) and doc.segments[idx] == source and results[idx] is None:
                    results[idx] = SegmentResult(idx, doc.lines[idx], source, target, terms_from_json(terms))
                    job.remaining -= 1
                    job.resumed += 1
                    job.memory_hits += origin == "memory"
            if job.resumed:
                self.progress.advance(job.resumed, size * job.resumed / len(results))
        return job

    def _check_not_input(self, out: Path, source: Path) -> None:
        resolved = out.resolve()
        if resolved in self._inputs or (out.exists() and os.path.samefile(out, source)):
            raise TranslateError(f"refusing to write {out}: it is an input of this batch")

    def _outputs_intact(self, out: Path, rel: PurePosixPath, recorded: str) -> bool:
        """Whether the translation and every export asked for are on disk as the last run wrote them."""
        digests = json.loads(recorded or "{}")
        for suffix in ["", *(suffix for suffix, _ in self.exports.values())]:
            path = output_path(self.out_dir, rel, suffix=suffix) if suffix else out
            try:
                if digests.get(suffix) != hashlib.sha256(path.read_bytes()).hexdigest():
                    return False
            except OSError:
                return False
        return True

    def _flush(self, pending: list[tuple[_Job, int]]) -> None:
        """Translate pooled segments (memory first, each distinct source once), save them, finish files."""
        pool = self._pool(pending)
        try:
            translated = dict(zip(pool.todo, translate_keys(self.translator, pool.todo)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not sink the others: retry file by file
            self._retry_by_file(pool, exc, self._flush)
            return
        self._complete(pool, translated)

    def _drain(self) -> None:
        """Wait for work still in flight (none here: :meth:`_flush` is synchronous; a cluster runner has some)."""

    def _pool(self, pending: list[tuple[_Job, int]]) -> _Pool:
        """The work of one pooled batch: memory hits looked up, and the distinct keys the translator must do."""
        pending = [(job, i) for job, i in pending if job.failed is None]
        sources = [job.doc.segments[i] for job, i in pending]
        # Each distinct sentence is translated once per dateline context (the same sentence may need another
        # rendering in a Washington story than in a Beijing one).
        keys = [(job.doc.segments[i], job.context) for job, i in pending]
        hits: dict[tuple[str, str], str] = {}
        glossary_keys: dict[str, dict[str, str]] = {}  # context -> source -> the entries it contains
        if self.memory is not None:
            from glossator.translate.memory import glossary_key

            matcher = getattr(self.translator, "matcher", None)
            for source, context in dict.fromkeys(keys):
                glossary_keys.setdefault(context, {})[source] = glossary_key(source, matcher, context)
            for context, by_source in glossary_keys.items():
                found = self.memory.lookup_many(by_source, model_id=self.model_id, glossary_keys=by_source)
                hits.update(((source, context), target) for source, target in found.items())
        todo = list(dict.fromkeys(k for k in keys if k not in hits))
        return _Pool(pending, sources, hits, glossary_keys, todo)

    def _retry_by_file(
        self, pool: _Pool, exc: BaseException, again: Callable[[list[tuple[_Job, int]]], None]
    ) -> None:
        """After the translator failed on a pooled batch: fail a lone file, else try each file on its own."""
        by_job: dict[int, list[tuple[_Job, int]]] = {}
        for job, i in pool.pending:
            if job.failed is None:
                by_job.setdefault(id(job), []).append((job, i))
        if len(by_job) == 1:
            job = next(iter(by_job.values()))[0][0]
            self._fail(job, f"the translator failed on it ({exc.__class__.__name__}: {exc})")
            return
        for group in by_job.values():
            again(group)

    def _complete(self, pool: _Pool, translated: dict[tuple[str, str], SegmentResult]) -> None:
        """Take the translations of a pooled batch: save them, remember them, write the files now finished."""
        rows = []
        touched: dict[int, _Job] = {}
        done, nbytes = 0, 0.0
        for (job, i), source in zip(pool.pending, pool.sources):
            if job.failed is not None:  # failed meanwhile (another batch of a cluster run): nothing to finish
                continue
            if (source, job.context) in pool.hits:
                target = pool.hits[(source, job.context)]
                terms = self._check_terms(source, target, job.context)
                result = SegmentResult(i, job.doc.lines[i], source, target, terms)
                origin = "memory"
                job.memory_hits += 1
            else:
                r = translated[(source, job.context)]
                result = SegmentResult(i, job.doc.lines[i], source, r.target, list(r.terms))
                origin = "engine"
            job.results[i] = result
            job.remaining -= 1
            done += 1
            nbytes += job.size / len(job.results)
            touched[id(job)] = job
            rows.append((job.rel, i, source, result.target, terms_to_json(result.terms), origin, result.line))
        self._db.save_segments(rows)
        # The memory first: a kill between the two commits then leaves the sentences in the memory, where the
        # resumed run finds them (the other order lost them from the memory for good).
        if self.memory is not None and pool.todo:
            for context in dict.fromkeys(c for _, c in pool.todo):
                pairs = {s: translated[(s, c)].target for s, c in pool.todo if c == context}
                self.memory.store_many(list(pairs.items()), model_id=self.model_id, origin="batch",
                                       glossary_keys=pool.glossary_keys[context])
        self._db.commit()  # the translations are safe before any output is written
        self._summary.translated += len(pool.todo)
        self.progress.advance(done, nbytes)
        for job in touched.values():
            if job.remaining == 0:
                self._finish(job)

    def _check_terms(self, source: str, target: str, context: str = "") -> list[TermResult]:
        """The glossary terms of a translation taken from memory, checked against today's glossary."""
        from glossator.translate.termcheck import check_english

        return check_english(source, target, getattr(self.translator, "matcher", None), context)

    def _clean_folder(self, folder: Path) -> None:
        """Before the first write into an output folder in this run: remove what a killed run left there."""
        if folder not in self._cleaned:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale_parts(folder)
            self._cleaned.add(folder)

    def _fail(self, job: _Job, message: str) -> None:
        job.failed = message
        outcome = FileOutcome(job.rel, "failed", message)
        self._db.finish_file(outcome)
        self._record(outcome)

    def _finish(self, job: _Job) -> None:
        """Write the translated file and its exports (each atomically), then mark the file done."""
        results = [r for r in job.results if r is not None]
        try:
            data = job.doc.render([r.target for r in results])
            self._check_not_input(job.out, job.file.path)
            self._clean_folder(job.out.parent)
            write_atomic(job.out, data, clean_stale=False)
            outputs = {"": hashlib.sha256(data).hexdigest()}
            for suffix, export in self.exports.values():
                data = export(job.rel, results, codes=job.doc.codes, ids=job.doc.ids)
                path = output_path(self.out_dir, job.file.rel, suffix=suffix)
                if job.rel + suffix in self._outputs:
                    raise TranslateError(f"its {suffix} export would overwrite the translation of {job.rel + suffix}")
                self._check_not_input(path, job.file.path)
                write_atomic(path, data, clean_stale=False)  # exports sit next to the translation: cleaned
                outputs[suffix] = hashlib.sha256(data).hexdigest()
        except TranslateError as exc:
            self._fail(job, str(exc))
            return
        except OSError as exc:
            self._fail(job, f"cannot write it: {exc.strerror or exc}")
            return
        except Exception as exc:  # noqa: BLE001 - as in _open: fail this file, keep going
            self._fail(job, f"cannot put the translation back ({exc.__class__.__name__}: {exc})")
            return
        repairs = list(getattr(job.doc, "repairs", []))
        outcome = FileOutcome(
            job.rel, "done", "; ".join(repairs[:3]) + ("; …" if len(repairs) > 3 else ""), len(results),
            job.memory_hits, job.resumed, sum(len(r.problems) for r in results), len(repairs),
        )
        self._db.finish_file(outcome, outputs)
        if self._db.queued > 1000:
            self._db.commit()
        self._record(outcome, 0.0 if results else job.size)
        job.doc = None  # type: ignore[assignment]  # free the parsed document
        job.results = []


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def finished_files(out_dir: Path, rels: Sequence[str]) -> list[tuple[str, list[SegmentResult]]]:
    """The translated segments of each file of ``rels`` as the batch database in ``out_dir`` holds them (for
    reports), in file order. ``line`` is the segment's line in its file; for segments saved before the
    database kept lines, the segment's number (1-based)."""
    db = BatchDatabase(Path(out_dir) / BATCH_DB_NAME)
    try:
        out: list[tuple[str, list[SegmentResult]]] = []
        for rel in rels:
            lines = db.lines(rel)
            out.append((rel, [
                SegmentResult(idx, lines.get(idx, idx + 1), source, target, terms_from_json(terms))
                for idx, source, target, terms, _origin in sorted(db.segments(rel))
            ]))
        return out
    finally:
        db.close()


def finished_segments(out_dir: Path, rels: Sequence[str]) -> list[SegmentResult]:
    """:func:`finished_files`, all files' segments in one list."""
    return [segment for _rel, segments in finished_files(out_dir, rels) for segment in segments]
