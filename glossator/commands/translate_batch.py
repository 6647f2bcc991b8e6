"""Batch mode of ``glossator translate`` (files and folders into an output folder): the command-line side.

``glossator/commands/translate.py`` decides when a run is a batch and calls :func:`run_batch`; the work itself
is :class:`translate.batch.BatchRunner`. This module opens the engine, glossary and translation memory,
picks the progress display, prints the summary and turns the outcome into an exit code.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import click


def is_batch(files: Sequence[str], output: str | None, *, batch_options: bool) -> bool:
    """Whether a ``glossator translate`` run is a batch.

    It is when a batch-only option is given, or when there is an ``-o`` and a PATH is a folder or ``-o``
    names a folder: an existing one, one written with a trailing slash, or (with several files) a name
    without an extension. Several files with ``-o out.txt`` keep the single-file behaviour (their
    translations follow each other in that file); a folder without ``-o`` is reported as not a text file.
    """
    if batch_options:
        return True
    if output is None:
        return False
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return True
    if any(f != "-" and Path(f).is_dir() for f in files):
        return True
    return len(files) > 1 and not path.suffix and not path.exists()


def glossary_revision(glossary: Path | None) -> int:
    """The revision of the glossary a run enforces (0 without one): batch output and memory key on it."""
    from glossator.glossary.home import default_glossary_path
    from glossator.glossary.store import GlossaryStore

    path = glossary if glossary is not None else default_glossary_path()
    if not path.is_file():
        return 0
    store = GlossaryStore.open(path)
    try:
        return store.revision
    finally:
        store.close()


def run_batch(
    *,
    files: Sequence[str],
    output: Path | None,
    formats: Sequence[str],
    report: bool,
    glob: str | None,
    resume: bool | None,
    use_memory: bool,
    quiet: bool,
    as_json: bool,
    glossary: Path | None,
    load_engine: Callable[[], object],
    load_matcher: Callable[[Path | None], object],
    encoding: str | None = None,
    output_encoding: str | None = None,
    placeholders: bool = True,
    names: bool = True,
    scheduler: str | None = None,
    workers: int | None = None,
    threads: int | None = None,
) -> int:
    """Translate ``files`` (files and folders) into the folder ``output``; returns the exit code.

    With ``scheduler`` (a Dask scheduler's address) or ``workers`` (a local cluster of that many processes)
    the translating happens on Dask workers (:mod:`translate.cluster`); ``threads`` is then each worker
    engine's thread count.
    """
    from glossator.glossary.home import ensure_home
    from glossator.translate.batch import BATCH_DB_NAME, BatchRunner
    from glossator.translate.enforce import make_enforcer
    from glossator.translate.memory import TranslationMemory, default_memory_path
    from glossator.translate.progress import describe_summary, make_progress

    if output is None:
        raise click.UsageError("Batch translation needs an output folder: -o OUTDIR.")
    if "-" in files:
        raise click.UsageError("Standard input (-) cannot be part of a batch; give files or folders.")
    if resume is False:  # --no-resume: start again from nothing
        for suffix in ("", "-wal", "-shm"):
            (output / (BATCH_DB_NAME + suffix)).unlink(missing_ok=True)

    engine = load_engine()
    memory = None
    if use_memory:
        ensure_home()
        memory = TranslationMemory(default_memory_path())
    exports = ["report" if f == "html" else f for f in formats]
    progress = make_progress(sys.stderr, quiet=quiet)
    try:
        if scheduler is not None or workers is not None:
            summary = _run_on_cluster(
                engine, files=files, output=output, glob=glob, glossary=glossary, memory=memory, exports=exports,
                progress=progress, scheduler=scheduler, workers=workers, threads=threads,
                encoding=encoding, output_encoding=output_encoding, placeholders=placeholders, names=names,
            )
        else:
            runner = BatchRunner(
                make_enforcer(engine, load_matcher(glossary), placeholders=placeholders, names=names),
                out_dir=output,
                model_id=getattr(engine, "model_id", "unknown"),
                glossary_revision=glossary_revision(glossary),
                memory=memory,
                exports=exports,
                progress=progress,
                encoding=encoding,
                output_encoding=output_encoding,
            )
            summary = runner.run(files, glob=glob)
    except KeyboardInterrupt:
        click.echo("Interrupted. Run the same command again to continue where it stopped.", err=True)
        return 130
    finally:
        if memory is not None:
            memory.close()

    if as_json:
        payload = {
            "files": [f.__dict__ for f in summary.files],
            "done": summary.done, "skipped": summary.skipped, "failed": summary.failed,
            "segments": summary.segments, "translated": summary.translated, "memory_hits": summary.memory_hits,
            "resumed": summary.resumed, "term_problems": summary.problems, "seconds": round(summary.seconds, 3),
            "error": summary.error or None,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif not quiet:
        click.echo(describe_summary(summary), err=True)
    if summary.error:
        from glossator.translate.terminal import inert

        click.echo(inert(f"Error: the batch stopped: {summary.error}.", newlines=False), err=True)
    if report:
        from glossator.translate.batch import finished_files

        print_term_report(finished_files(output, [f.rel for f in summary.files if f.status == "done"]))
    if quiet:  # failures are still worth a line each, even when quiet
        for f in summary.files:
            if f.status == "failed":
                from glossator.translate.terminal import inert

                click.echo(inert(f"failed   {f.rel}: {f.message}", newlines=False), err=True)
    return 0 if summary.ok else 1


def _run_on_cluster(engine, *, files, output, glob, glossary, memory, exports, progress, scheduler, workers, threads,
                    encoding, output_encoding, placeholders, names):
    """The batch on Dask workers: the glossary read once as a snapshot, the model shipped where needed."""
    from glossator.glossary.store import open_glossary
    from glossator.translate.cluster import (
        ClusterRunner, GlossarySnapshot, cluster_client, model_for, prepare_workers,
    )

    store = open_glossary(glossary, must_exist=True)
    try:
        snapshot = GlossarySnapshot.read(store)
    finally:
        store.close()
    if workers is not None and threads is None:  # the local workers share this machine's cores
        threads = max(1, (os.cpu_count() or 1) // workers)
    with cluster_client(scheduler=scheduler, workers=workers) as client:
        model = prepare_workers(client, model_for(engine, threads=threads))
        runner = ClusterRunner(client, model, snapshot, out_dir=output, memory=memory, exports=exports,
                               progress=progress, encoding=encoding, output_encoding=output_encoding,
                               placeholders=placeholders, names=names)
        return runner.run(files, glob=glob)


def print_term_report(files: Iterable[tuple[str, Sequence]]) -> None:
    """The term summary, the names, numbers and markup that did not come through, and the QA warnings by file
    and line, on stderr (the translation itself goes to stdout). ``files``: (name, segments) pairs."""
    from glossator.translate.report import format_qa_warnings, term_report
    from glossator.translate.terminal import inert

    files = list(files)
    click.echo(inert(term_report([seg for _name, segments in files for seg in segments])), err=True)
    click.echo(inert(format_qa_warnings(files)), err=True)
