"""``glossator translate``: German files (text, Markdown, HTML, XLIFF, Word) to English, keeping their form."""

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
              help="Print a term summary (applied / violated / partial per rendering), every name, number or "
                   "markup lost, by line, and the review desk's QA warnings by file and line, on stderr.")
@click.option("--no-placeholders", is_flag=True,
              help="Diagnostic: protect terms, names, numbers and markup as on a model never trained on "
                   "placeholders (the official Argos package), even with the bundled model.")
@click.option("--no-names", is_flag=True,
              help="Leave names the glossary does not know, and German nouns the model copies, to the model.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["xliff", "tmx", "json", "html"]),
              help="Batch: also write an export next to each file: XLIFF 2.1, TMX 1.4b, segment JSON or a "
                   "side-by-side HTML report (repeatable).")
@click.option("--glob", help="Batch: only files in folders whose path matches, e.g. '*.md'.")
@click.option("--resume/--no-resume", default=None,
              help="Batch: continue an interrupted run in the same -o folder (default) or start again.")
@click.option("--no-memory", is_flag=True, help="Batch: do not reuse or store translation-memory entries.")
@click.option("-q", "--quiet", is_flag=True, help="Batch: no progress or summary; failures only.")
@click.option("--encoding", help="Encoding of text inputs (.txt, .md, .html), e.g. cp1252 (default: UTF-8, a "
                                 "byte-order mark's, or detected).")
@click.option("--output-encoding", help="Write text outputs in this encoding (default: the input's, with its BOM "
                                        "and newlines).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Batch: translate on the workers of this Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                   "(pip install 'glossator[cluster]').")
@click.option("--workers", type=click.IntRange(1, 256),
              help="Batch: translate on a local Dask cluster of N worker processes (pip install 'glossator[cluster]').")
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
    encoding: str | None,
    output_encoding: str | None,
    no_placeholders: bool,
    no_names: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Translate German FILES (or - for stdin, read as plain text) to English.

    The file's format decides how it is read and written, in every mode: .txt (one output line for every
    input line, blank lines kept), .md, .html, .xlf/.xliff (2.x and 1.2) and .docx (only with -o: not text);
    any other name is read as plain text. A sentence is one segment even across inline markup (bold, links,
    code); the markup comes back around the right words. Text inputs may be in any encoding (detected, or
    --encoding); the output keeps the input's encoding, byte-order mark and newlines (--output-encoding to
    change it). With several files, all sentences are translated in one batch (each distinct sentence once)
    and the outputs follow each other in order. --json prints
    {"segments": [{"line", "source", "target", "terms"}]} for one file, {"documents": [{"file", "segments"}]}
    for several. A file that cannot be read is reported on stderr; the others are still translated.

    Batch mode, when -o is a folder (existing, or written with a trailing /), a PATH is a folder, or several
    files go to an -o without an extension: files (.txt, .md, .html, .docx, .xlf) and folders (recursively,
    --glob to filter) are translated into -o with the same relative paths, resumably (run the same command
    again after an interruption); see --format. --scheduler or --workers sends the translating to Dask workers;
    the files, the resume database and the memory stay here.

    Glossary terms, names the glossary does not know, numbers and inline markup are protected spans: kept on
    any model, verified in the English, and reported when lost. --report prints, on stderr, how each glossary
    rendering fared and every name, number or markup lost (by line), with spelling suggestions for names in
    German transliteration, then the QA warnings the review desk shows (numbers that differ, German left in the
    English, the glossary's capitals, lost names and codes) as FILE:LINE; the exit code stays 0. --no-placeholders is a diagnostic: the bundled model then
    takes the path the official Argos model takes.

    Example:

        glossator translate seeds/us-china-north-korea-2024-02.de.txt -o article.en.txt

        glossator translate seeds/us-china-north-korea-2024-02.de.txt --report

        glossator translate page.html -o page.en.html

        glossator translate brief.docx -o brief.en.docx

        glossator translate alt.txt --encoding cp1252 --output-encoding utf-8 -o neu.txt

        glossator translate articles/ -o articles-en/ --glob '*.md' --format xliff --format html

        glossator translate archive/ -o archive-en/ --scheduler tcp://10.0.0.5:8786
    """
    from glossator.commands.translate_batch import is_batch, run_batch

    if scheduler is not None and workers is not None:
        raise click.UsageError("Give --scheduler (an existing Dask cluster) or --workers (a local one), not both.")
    batch_options = bool(formats or glob or resume is not None or no_memory or quiet or scheduler or workers)
    if is_batch(files, output, batch_options=batch_options):  # -o as typed: a trailing slash means a folder
        sys.exit(run_batch(
            files=files, output=Path(output) if output is not None else None, formats=formats, report=report,
            glob=glob, resume=resume, use_memory=not no_memory, quiet=quiet, as_json=as_json, glossary=glossary,
            load_engine=lambda: load_engine(beam_size, threads), load_matcher=load_matcher,
            encoding=encoding, output_encoding=output_encoding,
            placeholders=not no_placeholders, names=not no_names,
            scheduler=scheduler, workers=workers, threads=threads,
        ))
    output = Path(output) if output is not None else None

    from glossator.translate.atomic import write_atomic
    from glossator.glossary.files import FileTooLarge, read_capped
    from glossator.translate.document import MAX_INPUT_BYTES, read_bytes, translate_parsed
    from glossator.translate.errors import TranslateError
    from glossator.translate.formats import format_for
    from glossator.translate.formats.text import FORMAT as TEXT
    from glossator.translate.terminal import inert

    def fail(name: str, message: str) -> None:
        nonlocal failed
        text = message if message.startswith(name) else f"{name}: {message}"
        click.echo(inert(f"Error: {text}", newlines=False), err=True)
        failed = True

    # The format decides, as in batch mode: the same readers and writers (an unknown extension is plain text).
    failed = False
    names: list[str] = []
    docs = []
    for name in files:
        fmt = TEXT if name == "-" else (format_for(name) or TEXT)
        try:
            if fmt.binary and not as_json and (output is None or len(files) > 1):
                where = "standard output" if output is None else "one file with the others"
                raise TranslateError(f"a {fmt.name} translation is a binary file and cannot go to {where}; "
                                     "write it with -o FILE")
            if name == "-":
                try:
                    data = read_capped(sys.stdin.buffer, MAX_INPUT_BYTES)
                except FileTooLarge:
                    raise TranslateError(f"stdin is too large (more than {MAX_INPUT_BYTES} bytes).") from None
            else:
                data = read_bytes(name)
            docs.append(fmt.parse(data, encoding=encoding, output_encoding=output_encoding))
        except TranslateError as exc:
            fail("stdin" if name == "-" else name, str(exc))
            continue
        names.append(name)

    if docs:
        engine = load_engine(beam_size, threads)
        from glossator.translate.enforce import make_enforcer

        enforcer = make_enforcer(engine, load_matcher(glossary), placeholders=not no_placeholders,
                                 names=not no_names)
        results = translate_parsed(docs, enforcer)
        split = getattr(engine, "split_segments", 0)
        if split:
            from glossator.translate.engine import MAX_SOURCE_TOKENS

            click.echo(f"Note: {split} sentence{'s were' if split != 1 else ' was'} longer than the model takes at "
                       f"once ({MAX_SOURCE_TOKENS} tokens) and translated in pieces; check {'them' if split != 1 else 'it'}.",
                       err=True)
        if report:
            from glossator.commands.translate_batch import print_term_report

            print_term_report(zip(["stdin" if n == "-" else n for n in names], results))
        if as_json:
            def payload_of(rs) -> dict:
                return {"segments": [r.to_json() for r in rs]}

            if len(files) == 1:
                payload: dict = payload_of(results[0])
            else:
                payload = {"documents": [{"file": n, **payload_of(r)} for n, r in zip(names, results)]}
            rendered = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            parts = []
            for name, doc, rs in zip(names, docs, results):
                try:
                    part = doc.render([r.target for r in rs])
                except TranslateError as exc:
                    fail(name, str(exc))
                    continue
                for repair in doc.repairs:
                    click.echo(inert(f"Warning: {name}: {repair}", newlines=False), err=True)
                # One document is exactly what batch mode writes; of several, each ends its last line, so the
                # next one starts on a line of its own.
                parts.append(part if len(docs) == 1 or not part or part.endswith(b"\n") else part + b"\n")
            rendered = b"".join(parts)
        if output is not None:
            write_atomic(output, rendered)
        elif sys.stdout.isatty():
            # Escape sequences in the text must not act on the user's terminal: show them as symbols.
            click.echo(inert(rendered.decode("utf-8", errors="replace").replace("\r\n", "\n")), nl=False)
        else:
            stdout = click.get_binary_stream("stdout")
            stdout.write(rendered)  # a pipe gets the bytes exactly
            stdout.flush()
    if failed:
        sys.exit(1)
