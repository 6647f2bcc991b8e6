"""``glossator translate``: German text files to English, keeping their line structure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from glossator.translate.engine import DEFAULT_BEAM_SIZE


def load_engine(beam_size: int, threads: int | None):
    """The engine for this run (tests replace this with a fake)."""
    from glossator.translate.models import load_engine as _load

    return _load(beam_size=beam_size, threads=threads)


def load_matcher(glossary: Path | None):
    """The glossary matcher: ``--glossary DB`` (it must exist), else the default glossary (created with the
    starter glossary on first use)."""
    from glossator.glossary.store import open_glossary

    store = open_glossary(glossary, must_exist=True)
    try:
        return store.matcher()
    finally:
        store.close()


def print_term_report(segments, matcher) -> None:
    """The term summary and the inconsistent names, on stderr (the translation itself goes to stdout)."""
    from glossator.translate.report import term_report
    from glossator.translate.terminal import inert

    click.echo(inert(term_report(segments, matcher)), err=True)


@click.command(name="translate")
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(), help="Write here, not stdout; a folder for a batch.")
@click.option("--json", "as_json", is_flag=True, help="Print segments as JSON (line, source, target, terms).")
@click.option(
    "--glossary",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Glossary database to enforce (default: $GLOSSATOR_HOME/glossary.db, created with the starter glossary).",
)
@click.option(
    "--beam-size", type=click.IntRange(1, 64), default=DEFAULT_BEAM_SIZE, show_default=True, help="Beam width."
)
@click.option("--threads", type=click.IntRange(1, 512), help="CPU threads (default: all cores).")
@click.option("--report", is_flag=True,
              help="Print a term summary (applied / violated / partial per rendering) and inconsistent names on stderr.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["xliff", "tmx", "json", "html"]),
              help="Batch: also write an export next to each file: XLIFF 2.1, TMX 1.4b, segment JSON or a "
                   "side-by-side HTML report (repeatable).")
@click.option("--glob", help="Batch: only files in folders whose path matches, e.g. '*.md'.")
@click.option("--resume/--no-resume", default=None,
              help="Batch: continue an interrupted run in the same -o folder (default) or start again.")
@click.option("--no-memory", is_flag=True, help="Batch: do not reuse or store translation-memory entries.")
@click.option("-q", "--quiet", is_flag=True, help="Batch: no progress or summary; failures only.")
def command(
    files: tuple[str, ...],
    output: str | Path | None,
    as_json: bool,
    glossary: Path | None,
    beam_size: int,
    threads: int | None,
    formats: tuple[str, ...],
    report: bool,
    glob: str | None,
    resume: bool | None,
    no_memory: bool,
    quiet: bool,
) -> None:
    """Translate German text FILES (or - for stdin) to English.

    Plain-text output has one line for every input line; blank lines are kept. With several files, all
    sentences are translated in one batch and the outputs follow each other in order. --json prints
    {"segments": [{"line", "source", "target", "terms"}]} for one file, {"documents": [{"file", "segments"}]}
    for several. A file that cannot be read is reported on stderr; the others are still translated.

    Batch mode, when -o is a folder (existing, or written with a trailing /), a PATH is a folder, or several
    files go to an -o without an extension: files (.txt, .md, .html, .docx, .xlf) and folders (recursively,
    --glob to filter) are translated into -o with the same relative paths, resumably (run the same command
    again after an interruption); see --format.

    --report prints, on stderr, how each glossary rendering fared and which names outside the glossary came out
    differently in different sentences (with a suggested entry); the exit code stays 0.

    Example:

        glossator translate seeds/us-china-north-korea-2024-02.de.txt -o article.en.txt

        glossator translate seeds/us-china-north-korea-2024-02.de.txt --report

        glossator translate articles/ -o articles-en/ --glob '*.md' --format xliff --format html
    """
    from glossator.commands.translate_batch import is_batch, run_batch

    batch_options = bool(formats or glob or resume is not None or no_memory or quiet)
    if is_batch(files, output, batch_options=batch_options):  # -o as typed: a trailing slash means a folder
        sys.exit(run_batch(
            files=files, output=Path(output) if output is not None else None, formats=formats, report=report,
            glob=glob, resume=resume, use_memory=not no_memory, quiet=quiet, as_json=as_json, glossary=glossary,
            load_engine=lambda: load_engine(beam_size, threads), load_matcher=load_matcher,
        ))
    output = Path(output) if output is not None else None

    from glossator.translate.atomic import write_atomic
    from glossator.translate.document import decode_text, read_text_file, translate_documents
    from glossator.translate.enforce import Enforcer
    from glossator.translate.errors import TranslateError

    failed = False
    names: list[str] = []
    texts: list[str] = []
    for name in files:
        try:
            text = decode_text(sys.stdin.buffer.read(), "stdin") if name == "-" else read_text_file(name)
        except TranslateError as exc:
            from glossator.translate.terminal import inert

            click.echo(inert(f"Error: {exc}", newlines=False), err=True)
            failed = True
            continue
        names.append(name)
        texts.append(text)

    if texts:
        engine = load_engine(beam_size, threads)
        enforcer = Enforcer(engine, load_matcher(glossary))
        documents = translate_documents(texts, enforcer)
        if report:
            print_term_report([seg for d in documents for seg in d.segments], enforcer.matcher)
        if as_json:
            if len(files) == 1:
                payload: dict = documents[0].to_json()
            else:
                payload = {"documents": [{"file": n, **d.to_json()} for n, d in zip(names, documents)]}
            rendered = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        else:
            # Each document ends its last line, so the next one starts on a line of its own.
            parts = [d.text if not d.text or d.text.endswith("\n") else d.text + "\n" for d in documents]
            rendered = "".join(parts)
        if output is not None:
            write_atomic(output, rendered)
        elif sys.stdout.isatty():
            # Escape sequences in the text must not act on the user's terminal: show them as symbols.
            from glossator.translate.terminal import inert

            click.echo(inert(rendered.replace("\r\n", "\n")), nl=False)
        else:
            click.echo(rendered, nl=False, color=True)  # a pipe gets the text exactly (click strips ANSI)
    if failed:
        sys.exit(1)
