"""Batch translation on a Dask cluster: the client keeps the batch, workers only translate.

What stays on the client (this process) is exactly what :class:`~translate.batch.BatchRunner` does locally:
discovery, the batch database (resume), the translation memory, atomic output writes, progress and the summary.
What goes out is the one thing that costs: each pooled batch of distinct ``(sentence, dateline)`` keys (the same
pooling and deduplication across files as a local run) becomes one Dask task, :func:`translate_chunk`, and its
:class:`~translate.result.SegmentResult` list comes back. Several chunks are in flight at once, one per worker
thread and as many queued, and are taken in the order they finish.

Workers hold two things, each built once per worker process and cached there:

- the engine, from a :class:`WorkerModel`: :class:`ArgosModel` loads the package from the client's path when
  the worker can read it (and it is the same model: the model id is checked), else from the package zip the
  client uploaded (:func:`prepare_workers` checks every worker first and ships the zip only when one needs it;
  workers that join later get it too, as a Dask worker plugin);
- the glossary, as a :class:`GlossarySnapshot` (entries and revision, read once by the client and scattered to
  the workers): every chunk of a run is enforced against the same entries whatever happens to the glossary
  database meanwhile, and the revision that keys the batch database and the memory is the one enforced.

A worker that dies mid-chunk: Dask gives its task to another worker; when the scheduler gives up on it
(``KilledWorker``, after ``distributed.scheduler.allowed-failures`` deaths) the client submits it again, up to
``max_resubmits`` times. A chunk the translator itself fails on is retried file by file, as locally.

Dask is imported only here, inside the functions that need it: a run without ``--scheduler``/``--workers``
never imports it (the ``cluster`` extra: ``pip install 'glossator[cluster]'``).

Example::

    snapshot = GlossarySnapshot.read(store)
    with cluster_client(workers=2) as client:
        model = prepare_workers(client, model_for(engine))
        summary = ClusterRunner(client, model, snapshot, out_dir=Path("out")).run([Path("articles/")])
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from glossator.translate.batch import (
    DEFAULT_BATCH_SEGMENTS, BatchRunner, BatchSummary, _Job, _Pool, translate_keys,
)
from glossator.translate.errors import TranslateError
from glossator.translate.result import SegmentResult

if TYPE_CHECKING:  # pragma: no cover
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.memory import TranslationMemory
    from glossator.translate.progress import BatchProgress

INSTALL_HINT = "Cluster mode needs Dask: pip install 'glossator[cluster]'."
DEFAULT_MAX_RESUBMITS = 3
"""How often a chunk whose workers kept dying is submitted again before its files are marked failed."""
CONNECT_TIMEOUT_S = 30.0


# -------------------------------------------------------------------------------------------- glossary


@dataclass(frozen=True)
class GlossarySnapshot:
    """The glossary of one run, frozen: its entries and the revision they are.

    Built once by the client (:meth:`read`) and sent to every worker, so all of them enforce the same entries,
    and a change to the glossary during the run (someone adds a term) waits for the next run instead of
    mixing revisions in this one.
    """

    entries: tuple[Entry, ...]
    revision: int
    window: int = 4

    @classmethod
    def read(cls, store: GlossaryStore, *, attempts: int = 5) -> GlossarySnapshot:
        """The entries of ``store`` and their revision, read consistently.

        The revision changes on every write, so entries read between two equal readings of it are that
        revision's; a write in between (another process editing the glossary) makes it read again.
        """
        for _ in range(attempts):
            before = store.revision
            entries = tuple(store.entries())
            if store.revision == before:
                return cls(entries, before)
            time.sleep(0.05)
        raise TranslateError(
            f"The glossary {store.path} kept changing while it was read; run the batch again when edits stop."
        )

    @cached_property
    def digest(self) -> str:
        """What the entries are, for worker caches: equal snapshots give equal digests."""
        payload = json.dumps([self.revision, self.window, [e.to_dict() for e in self.entries]], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def matcher(self) -> Matcher:
        """The matcher of these entries (what ``GlossaryStore.matcher`` builds from the same rows)."""
        from glossator.glossary.matcher import Matcher

        return Matcher(self.entries, window=self.window)


# ----------------------------------------------------------------------------------------------- models


class WorkerModel(Protocol):
    """How a worker gets its engine: a small picklable description, loaded once per worker process."""

    @property
    def model_id(self) -> str: ...

    @property
    def key(self) -> str: ...

    def load(self, local_dir: Path) -> Any: ...


@dataclass(frozen=True)
class ArgosModel:
    """An Argos package by path, with the zip to fall back on where the path is not readable.

    Args:
        path: the package folder as the client sees it.
        model_id: the engine's model id on the client; a worker's copy must have the same one.
        beam_size: beam width.
        threads: CPU threads per worker engine (None: every core of the worker's machine).
        package: name of the package zip uploaded to the workers (see :func:`prepare_workers`), or None.
    """

    path: str
    model_id: str
    beam_size: int
    threads: int | None = None
    package: str | None = None

    @property
    def key(self) -> str:
        return f"argos|{self.path}|{self.model_id}|{self.beam_size}|{self.threads}"

    def load(self, local_dir: Path) -> Any:
        from glossator.translate.engine import ArgosEngine

        if model_readable(self.path, self.model_id):
            return ArgosEngine(self.path, beam_size=self.beam_size, threads=self.threads)
        if self.package is not None:
            folder = _unpack(local_dir / self.package, local_dir / "glossator-models" / self.package.removesuffix(".zip"))
            if model_readable(str(folder), self.model_id):
                return ArgosEngine(folder, beam_size=self.beam_size, threads=self.threads)
            raise TranslateError(f"The model package shipped to this worker is not the model {self.model_id}.")
        raise TranslateError(
            f"This worker cannot read the model at {self.path} and none was shipped to it; "
            "give the workers that folder or let the client ship it (it does when a worker lacks it at the start)."
        )


@dataclass(frozen=True)
class FakeModel:
    """The :class:`~translate.fake.FakeEngine` on every worker (tests, benchmarks), optionally with a cost.

    ``cost_ms`` adds a sleep per segment, standing in for a model's time without a model.
    """

    cost_ms: float = 0.0

    @property
    def model_id(self) -> str:
        from glossator.translate.fake import FakeEngine

        return FakeEngine().model_id

    @property
    def key(self) -> str:
        return f"fake|{self.cost_ms}"

    def load(self, local_dir: Path) -> Any:
        from glossator.translate.fake import FakeEngine

        if not self.cost_ms:
            return FakeEngine()
        cost = self.cost_ms / 1000

        class CostlyFakeEngine(FakeEngine):
            def translate(self, segments: Sequence[str]) -> list[str]:
                time.sleep(cost * len(segments))
                return super().translate(segments)

        return CostlyFakeEngine()


def model_for(engine: object, *, threads: int | None = None) -> WorkerModel:
    """The :class:`WorkerModel` that gives workers the same engine as ``engine`` (loaded by the client).

    ``threads`` is each worker engine's thread count (None: the worker's cores), not the client's.
    """
    from glossator.translate.fake import FakeEngine

    if isinstance(engine, FakeEngine):
        return FakeModel()
    package_dir = getattr(engine, "package_dir", None)
    if package_dir is None:
        raise TranslateError(f"{engine!r} cannot be sent to cluster workers; use an Argos model package.")
    return ArgosModel(str(Path(package_dir).resolve()), engine.model_id, engine.beam_size, threads)  # type: ignore[attr-defined]


def model_readable(path: str, model_id: str) -> bool:
    """Whether this machine has the package at ``path`` and it is the model ``model_id`` (runs on workers)."""
    from glossator.translate.engine import ArgosEngine

    try:
        return ArgosEngine(path, threads=1).model_id == model_id
    except (TranslateError, OSError, ValueError):
        return False


def pack_package(package_dir: Path, dest: Path) -> Path:
    """Zip the package folder into ``dest`` (a folder) as ``glossator-model-<digest>.zip``; returns the file.

    Stored, not deflated: model weights barely compress and the workers unpack faster.
    """
    files = sorted(p for p in package_dir.rglob("*") if p.is_file() and not p.is_symlink())
    digest = hashlib.sha256()
    for p in files:
        digest.update(f"{p.relative_to(package_dir).as_posix()}\0{p.stat().st_size}\0".encode())
    target = dest / f"glossator-model-{digest.hexdigest()[:16]}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for p in files:
            archive.write(p, f"{package_dir.name}/{p.relative_to(package_dir).as_posix()}")
    return target


_UNPACK_LOCK = threading.Lock()


def _unpack(archive_path: Path, folder: Path) -> Path:
    """Unpack an uploaded package zip into ``folder`` once (checked as ``glossator model install`` checks)."""
    from glossator.translate.models import _extract, validate_archive

    with _UNPACK_LOCK:
        if (folder / "metadata.json").is_file():
            return folder
        if not archive_path.is_file():
            raise TranslateError(f"The model package {archive_path.name} did not reach this worker.")
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=folder.parent))
        try:
            with zipfile.ZipFile(archive_path) as archive:
                members, _meta = validate_archive(archive)
                _extract(archive, members, staging)
            os.replace(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return folder


# ------------------------------------------------------------------------------------------ worker side

_ENGINES: dict[str, Any] = {}
_ENFORCERS: dict[tuple[str, str, bool, bool], Any] = {}
_CACHE_LOCK = threading.Lock()
_KEEP_ENFORCERS = 4  # glossary revisions kept per worker (a long-lived worker serves run after run)


def _local_dir() -> Path:
    try:
        from distributed import get_worker

        return Path(get_worker().local_directory)
    except (ImportError, ValueError):  # not inside a Dask worker (a direct call)
        return Path(tempfile.gettempdir())


def _undo_dask_malloc_trim() -> None:
    """Give glibc back its adaptive mmap threshold where Dask's nanny took it away.

    A nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (to hand freed memory back to the system).
    Setting it fixes glibc's mmap threshold at 128 KiB, so every large buffer CTranslate2 allocates per batch
    is mmapped and unmapped again: the bundled model translated 3.5x slower in such a worker. Raising both
    thresholds again (in this worker process only) restores the speed of a plain process.
    """
    if not sys.platform.startswith("linux") or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
        libc.mallopt(m_mmap_threshold, 32 << 20)  # glibc's largest adaptive value
        libc.mallopt(m_trim_threshold, 64 << 20)
    except (OSError, AttributeError):  # not glibc (musl): nothing to undo
        pass


def worker_enforcer(
    model: WorkerModel, glossary: GlossarySnapshot, *, placeholders: bool = True, names: bool = True
) -> Any:
    """This process's enforcer for ``model`` and ``glossary`` (what :func:`translate.enforce.make_enforcer`
    builds locally with the same options): the model loaded once, the matcher built once."""
    from glossator.translate.enforce import make_enforcer

    with _CACHE_LOCK:
        engine = _ENGINES.get(model.key)
        if engine is None:
            if not _ENGINES:
                _undo_dask_malloc_trim()
            engine = _ENGINES[model.key] = model.load(_local_dir())
        key = (model.key, glossary.digest, placeholders, names)
        enforcer = _ENFORCERS.get(key)
        if enforcer is None:
            while len(_ENFORCERS) >= _KEEP_ENFORCERS:
                _ENFORCERS.pop(next(iter(_ENFORCERS)))
            enforcer = _ENFORCERS[key] = make_enforcer(engine, glossary.matcher(), placeholders=placeholders,
                                                       names=names)
        return enforcer


def warm_worker(model: WorkerModel, glossary: GlossarySnapshot) -> str:
    """Load ``model`` and ``glossary`` on this worker now (``client.run(warm_worker, …)``); returns the model key."""
    worker_enforcer(model, glossary)
    return model.key


def translate_chunk(
    keys: Sequence[tuple[str, str]], model: WorkerModel, glossary: GlossarySnapshot,
    placeholders: bool = True, names: bool = True,
) -> list[SegmentResult]:
    """The Dask task: translate one chunk of distinct ``(sentence, dateline)`` keys, results in order.

    ``placeholders``, ``names``: as for :func:`translate.enforce.make_enforcer`.
    """
    enforcer = worker_enforcer(model, glossary, placeholders=placeholders, names=names)
    return translate_keys(enforcer, keys)


# ------------------------------------------------------------------------------------------ client side


@contextmanager
def cluster_client(
    *, scheduler: str | None = None, workers: int | None = None, timeout: float | None = None
) -> Iterator[Any]:
    """A Dask client on the scheduler at ``scheduler``, or on a local cluster of ``workers`` processes.

    Local workers get one thread each (one chunk at a time; the engine has its own threads). ``timeout``
    (seconds) bounds connecting and waiting for a first worker; by default Dask's own connect timeout
    (``distributed.comm.timeouts.connect``, 30 s unless configured). Raises :class:`TranslateError` when Dask
    is missing, the scheduler cannot be reached or no worker joins it.
    """
    if (scheduler is None) == (workers is None):
        raise ValueError("give either scheduler or workers")
    try:
        import dask.config
        from dask.utils import parse_timedelta
        from distributed import Client, LocalCluster
    except ImportError:
        raise TranslateError(INSTALL_HINT) from None
    if timeout is None:
        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect", CONNECT_TIMEOUT_S), "s")
    cluster = None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise TranslateError(
                f"Cannot reach the Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` "
                "and give its address, e.g. --scheduler tcp://10.0.0.5:8786."
            ) from None
    else:
        if workers is None or workers < 1:
            raise TranslateError("--workers needs at least 1 worker.")
        import logging

        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
            # No dashboard; the scheduler's small HTTP server (health, metrics) on any free loopback port.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )
        client = Client(cluster, set_as_default=False)
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise TranslateError(
                f"No Dask worker joined the scheduler at {scheduler} within {timeout:.0f} s; "
                f"start some with `dask worker {scheduler} --nthreads 1`."
            ) from None
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def prepare_workers(client: Any, model: WorkerModel, *, ship: bool | None = None) -> WorkerModel:
    """Make sure every worker can load ``model``: ship the package zip when one cannot read its path.

    ``ship`` True ships it whatever the workers can read (they still prefer their own copy of the same model);
    False never ships. Returns the model to send with the chunks (naming the shipped package, if any).
    """
    if not isinstance(model, ArgosModel) or ship is False:
        return model
    if ship is None and all(client.run(model_readable, model.path, model.model_id).values()):
        return model
    with tempfile.TemporaryDirectory(prefix="glossator-ship-") as tmp:
        archive = pack_package(Path(model.path), Path(tmp))
        # A worker plugin: workers that join later get the file as well.
        client.upload_file(str(archive), load=False)
        name = archive.name
    return ArgosModel(model.path, model.model_id, model.beam_size, model.threads, package=name)


class _ClientSide:
    """The client's stand-in for the translator: the snapshot's matcher (for memory hits); no engine."""

    def __init__(self, glossary: GlossarySnapshot) -> None:
        self.matcher = glossary.matcher()

    def translate(self, sources: Sequence[str], **kw: object) -> list[SegmentResult]:
        raise RuntimeError("a cluster run translates on its workers")


@dataclass
class _Chunk:
    """A pooled batch in flight, and how often it was sent before (a chunk whose workers died is sent again)."""

    pool: _Pool
    attempt: int


class ClusterRunner(BatchRunner):
    """:class:`~translate.batch.BatchRunner` whose pooled batches are translated by Dask workers.

    Args:
        client: a ``distributed.Client`` (see :func:`cluster_client`).
        model: what the workers load (see :func:`model_for`, :func:`prepare_workers`).
        glossary: the glossary snapshot every worker enforces; its revision keys resume and memory.
        out_dir, memory, exports, progress, encoding, output_encoding: as for :class:`~translate.batch.BatchRunner`.
        placeholders, names: the workers' enforcer options (:func:`translate.enforce.make_enforcer`).
        batch_segments: segments pooled per chunk (one task).
        max_in_flight: chunks submitted and not yet taken (default: twice the workers' threads).
        max_resubmits: how often a chunk whose workers died is submitted again.
    """

    def __init__(
        self,
        client: Any,
        model: WorkerModel,
        glossary: GlossarySnapshot,
        *,
        out_dir: str | Path,
        memory: TranslationMemory | None = None,
        exports: Sequence[str] = (),
        batch_segments: int = DEFAULT_BATCH_SEGMENTS,
        progress: BatchProgress | None = None,
        encoding: str | None = None,
        output_encoding: str | None = None,
        placeholders: bool = True,
        names: bool = True,
        max_in_flight: int | None = None,
        max_resubmits: int = DEFAULT_MAX_RESUBMITS,
    ) -> None:
        super().__init__(
            _ClientSide(glossary), out_dir=out_dir, model_id=model.model_id, glossary_revision=glossary.revision,
            memory=memory, exports=exports, batch_segments=batch_segments, progress=progress,
            encoding=encoding, output_encoding=output_encoding,
        )
        self.client = client
        self.placeholders, self.names = placeholders, names
        self.model = model
        self.glossary = glossary
        self.max_in_flight = max_in_flight
        self.max_resubmits = max_resubmits
        self.chunks_done = 0
        self.resubmitted = 0
        self.client_seconds = 0.0
        """CPU time this process spent in :meth:`run` (reading and pooling files, sending chunks, taking results,
        saving, writing outputs, Dask's communication): what bounds the workers one client can feed."""
        self._glossary_future: Any = None
        self._in_flight: dict[str, tuple[Any, _Chunk]] = {}
        self._completed: Any = None

    def run(self, paths: Iterable[str | Path], *, glob: str | None = None) -> BatchSummary:
        """As :meth:`BatchRunner.run <translate.batch.BatchRunner.run>`, with the translating on the workers."""
        from distributed import as_completed

        if self.max_in_flight is None:
            self.max_in_flight = max(2, 2 * sum(self.client.nthreads().values()))
        self._completed = as_completed(loop=self.client.loop)
        self._glossary_future = self.client.scatter(self.glossary, broadcast=True, hash=False)
        started = time.process_time()
        try:
            return super().run(paths, glob=glob)
        finally:
            self.client_seconds = time.process_time() - started
            for future, _ in self._in_flight.values():
                future.cancel()
            self._in_flight.clear()
            self._glossary_future.release()

    # BatchRunner calls _flush for every pooled batch and _drain at the end.
    def _flush(self, pending: list[tuple[_Job, int]]) -> None:
        self._send(self._pool(pending))
        while len(self._in_flight) >= (self.max_in_flight or 2):
            self._take_one()

    def _drain(self) -> None:
        while self._in_flight:
            self._take_one()

    def _send(self, pool: _Pool, attempt: int = 0) -> None:
        if not pool.todo:  # all from memory (or nothing left): no worker needed
            self._complete(pool, {})
            return
        if self._glossary_future.status != "finished":  # every worker holding it died: send it again
            self._glossary_future = self.client.scatter(self.glossary, broadcast=True, hash=False)
        future = self.client.submit(
            translate_chunk, pool.todo, self.model, self._glossary_future, self.placeholders, self.names,
            key=f"glossator-chunk-{uuid.uuid4().hex}", pure=False,
        )
        self._in_flight[future.key] = (future, _Chunk(pool, attempt))
        self._completed.add(future)

    def _take_one(self) -> None:
        from concurrent.futures import CancelledError

        from distributed import KilledWorker

        future = next(self._completed)
        _, chunk = self._in_flight.pop(future.key)
        try:
            results = future.result()
            if len(results) != len(chunk.pool.todo):
                raise TranslateError(f"a worker returned {len(results)} results for {len(chunk.pool.todo)} segments")
        except (KilledWorker, CancelledError) as exc:
            future.release()
            if chunk.attempt < self.max_resubmits:
                self.resubmitted += 1
                self._send(self._pool(list(chunk.pool.pending)), chunk.attempt + 1)
                return
            for job in {id(job): job for job, _ in chunk.pool.pending if job.failed is None}.values():
                self._fail(job, f"the workers translating it kept dying ({exc.__class__.__name__}: {exc})")
            return
        except Exception as exc:  # noqa: BLE001 - the translator failed on the chunk: file by file, as locally
            future.release()
            self._retry_by_file(chunk.pool, exc, lambda group: self._send(self._pool(group)))
            return
        future.release()
        self._complete(chunk.pool, dict(zip(chunk.pool.todo, results)))
        self.chunks_done += 1

