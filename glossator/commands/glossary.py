"""``glossator glossary …``: curate the glossary and check German text against it."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from glossator.glossary.errors import GlossaryError
from glossator.glossary.model import TYPES

if TYPE_CHECKING:
    from glossator.glossary.store import GlossaryStore

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _glossary_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary PATH`` on every sub-command; opens the store and passes it as ``store``."""

    @click.option(
        "--glossary",
        "glossary_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Glossary database. Default: $GLOSSATOR_HOME/glossary.db (created with the starter glossary); "
        "a path that does not exist is created empty.",
    )
    @functools.wraps(func)
    def wrapper(*args: Any, glossary_path: Path | None, **kwargs: Any) -> Any:
        store = open_store(glossary_path)
        try:
            return func(*args, store=store, **kwargs)
        finally:
            store.close()

    return wrapper


def open_store(path: Path | None) -> GlossaryStore:
    """The glossary at ``path`` (created empty when new), or the default one (seeded with the starter glossary)."""
    from glossator.glossary.store import open_glossary

    return open_glossary(path)


def _read_german(file: str) -> str:
    """The text of ``file`` (``-`` = stdin) as UTF-8, or GlossaryError; a regular file, at most 64 MB."""
    from glossator.glossary.files import read_capped, read_regular_file

    limit = 64 << 20
    try:
        data = read_capped(sys.stdin.buffer, limit) if file == "-" else read_regular_file(file, limit)
    except FileNotFoundError:
        raise GlossaryError(f"{file} does not exist.") from None
    except IsADirectoryError:
        raise GlossaryError(f"{file} is a directory; give a text file.") from None
    except OSError as exc:
        raise GlossaryError(f"Cannot read {file}: {exc.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{file}, line {line}: not valid UTF-8; save the file as UTF-8.") from None


def _json_out(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _cues(value: str | None) -> tuple[str, ...]:
    from glossator.glossary.model import split_list

    return split_list(value)


@click.group(context_settings=CONTEXT_SETTINGS)
def command() -> None:
    """Curate the glossary: curated renderings every translation must follow.

    Example:

    \b
        glossator glossary add Außenministerium "State Department" --context "US|Washington" --type org
    """


@command.command("add", context_settings=CONTEXT_SETTINGS)
@click.argument("source")
@click.argument("target", required=False, default="")
@click.option("--context", "context", default="", help="Cue words separated by |; the rendering applies near them.")
@click.option("--type", "kind", type=click.Choice(TYPES), default="other", show_default=True, help="Kind of term.")
@click.option("--forms", default="", help="Extra source forms separated by | (Kim Jong-un|Kim Jong-Un).")
@click.option("--dnt", is_flag=True, help="Do not translate: keep the source as it is (TARGET optional).")
@click.option("--note", default="", help="A note for reviewers.")
@_glossary_option
def add_command(store: GlossaryStore, source: str, target: str, context: str, kind: str, forms: str, dnt: bool,
                note: str) -> None:
    """Add a rendering of SOURCE as TARGET.

    Example:

    \b
        glossator glossary add Außenminister "Secretary of State" --context "US|Blinken" --type title
    """
    from glossator.glossary.model import Entry

    entry = store.add(Entry(None, source, target, kind, _cues(context), _cues(forms), dnt, note))
    cues = f" (context: {'|'.join(entry.context)})" if entry.context else ""
    click.echo(f"Added {entry.id}: {entry.source} → {entry.target}{cues}")


@command.command("list", context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {\"entries\": [...]}.")
@click.option("--source", default=None, help="Only entries whose source contains this text.")
@_glossary_option
def list_command(store: GlossaryStore, as_json: bool, source: str | None) -> None:
    """List the glossary's entries.

    Example:

    \b
        glossator glossary list --source minister --json
    """
    entries = store.entries()
    if source:
        needle = source.casefold()
        entries = [e for e in entries if needle in e.source.casefold()]
    if as_json:
        _json_out({"entries": [e.to_dict() for e in entries]})
        return
    for e in entries:
        extras = [e.type]
        if e.context:
            extras.append("context: " + "|".join(e.context))
        if e.forms:
            extras.append("forms: " + "|".join(e.forms))
        if e.dnt:
            extras.append("do not translate")
        click.echo(f"{e.id:>5}  {e.source} → {e.target}  [{'; '.join(extras)}]")
    click.echo(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}", err=True)


@command.command("remove", context_settings=CONTEXT_SETTINGS)
@click.argument("entry_id", type=int)
@_glossary_option
def remove_command(store: GlossaryStore, entry_id: int) -> None:
    """Remove entry ENTRY_ID (see `list`); `undo` brings it back.

    Example:

    \b
        glossator glossary remove 12
    """
    entry = store.remove(entry_id)
    change = store.history(entry_id, limit=1)[0]
    click.echo(f"Removed {entry.id}: {entry.source} → {entry.target} (undo with: glossator glossary undo {change.id})")


@command.command("history", context_settings=CONTEXT_SETTINGS)
@click.option("--entry", "entry_id", type=int, default=None, help="Only the changes of this entry.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Newest N changes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {\"changes\": [...]}.")
@_glossary_option
def history_command(store: GlossaryStore, entry_id: int | None, limit: int, as_json: bool) -> None:
    """Show the changes to the glossary, newest first.

    Example:

    \b
        glossator glossary history --entry 12
    """
    changes = store.history(entry_id, limit=limit)
    if as_json:
        _json_out({"changes": [c.to_dict() for c in changes]})
        return
    for c in changes:
        before = f"{c.old.source} → {c.old.target}" if c.old else "∅"
        after = f"{c.new.source} → {c.new.target}" if c.new else "∅"
        extra = f" (undoes {c.undoes})" if c.undoes else (f" (import {c.batch})" if c.batch else "")
        click.echo(f"{c.id:>5}  {c.at}  {c.action:<6} entry {c.entry_id}: {before}  ⇒  {after}{extra}")


@command.command("undo", context_settings=CONTEXT_SETTINGS)
@click.argument("change_id", type=int, required=False)
@click.option("--batch", default=None, help="Undo a whole import (its batch id, shown by `history`).")
@_glossary_option
def undo_command(store: GlossaryStore, change_id: int | None, batch: str | None) -> None:
    """Undo change CHANGE_ID (see `history`), or a whole import with --batch.

    Example:

    \b
        glossator glossary undo 42
    """
    if (change_id is None) == (batch is None):
        raise click.UsageError("Give either CHANGE_ID or --batch.")
    if batch is not None:
        count = store.undo_batch(batch)
        click.echo(f"Undid {count} change{'s' if count != 1 else ''} of import {batch}")
        return
    change = store.undo(change_id)  # type: ignore[arg-type]
    state = f"{change.new.source} → {change.new.target}" if change.new else "removed"
    click.echo(f"Undid change {change_id}: entry {change.entry_id} {state} (change {change.id})")


@command.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "tbx", "json"]), default=None,
              help="File format; default from the extension.")
@click.option("--on-conflict", type=click.Choice(["fail", "skip", "replace"]), default="fail", show_default=True,
              help="What to do when an entry's source and context exist with another rendering.")
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--columns", help="CSV/TSV without a header: the field of each column in order, - to skip one "
                                "(e.g. '-,source,target,note').")
@click.option("--source-lang", default="de", show_default=True,
              help="The source language column (memoQ/Trados CSV headers like de-DE) or TBX language.")
@click.option("--target-lang", default="en", show_default=True, help="The target language, likewise.")
@click.option("--encoding", help="The file's encoding (default: UTF-8, a byte-order mark's, or detected).")
@_glossary_option
def import_command(store: GlossaryStore, file: Path, fmt: str | None, on_conflict: str, dry_run: bool,
                   as_json: bool, columns: str | None, source_lang: str, target_lang: str,
                   encoding: str | None) -> None:
    """Import FILE (CSV/TSV, TBX or JSON): all entries or none.

    CSV/TSV files are recognised by their first row: Glossator's header (source, target, and optionally type,
    context, forms, dnt, note); language-code headers from memoQ or Trados (de-DE, en-US; --source-lang and
    --target-lang pick the columns); or DeepL's glossary CSV without a header (source,target or
    source,target,de,en). --columns names the columns of anything else. Comma, semicolon and tab are
    detected. TBX: TBX-Basic v3 and v2 (martif), with or without the standard DOCTYPE line (never fetched; an
    internal DTD subset or entities are refused).

    Example:

    \b
        glossator glossary import terms.csv --on-conflict skip
        glossator glossary import deepl-glossary.csv
        glossator glossary import memoq-export.csv --source-lang de-AT
        glossator glossary import sheet.csv --columns '-,source,target,note'
    """
    from glossator.glossary.io import import_entries, read_entries

    entries = read_entries(file, fmt, columns=columns.split(",") if columns else None, source_lang=source_lang,
                           target_lang=target_lang, encoding=encoding)
    report = import_entries(store, entries, on_conflict=on_conflict, dry_run=dry_run)
    if as_json:
        _json_out(report.to_dict())
        return
    for entry in report.duplicates:
        click.echo(f"duplicate (skipped): {entry.source} → {entry.target}", err=True)
    for old, new in report.conflicts:
        verb = "replaced" if on_conflict == "replace" else "kept"
        click.echo(f"conflict ({verb} id {old.id}): {old.source}: stored {old.target!r}, file {new.target!r}",
                   err=True)
    prefix = "Would import" if dry_run else "Imported"
    click.echo(f"{prefix} {len(report.added)} new, {len(report.replaced)} replaced, "
               f"{len(report.duplicates)} duplicate, {len(report.conflicts)} conflicting")


@command.command("export", context_settings=CONTEXT_SETTINGS)
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "tbx", "json"]), default=None,
              help="File format; default from the extension (required for - = stdout).")
@_glossary_option
def export_command(store: GlossaryStore, file: str, fmt: str | None) -> None:
    """Export the glossary to FILE (CSV, TSV, TBX-Basic or JSON; - for stdout).

    Spreadsheet formulas (cells starting with = + - @) are neutralised with a leading apostrophe, which
    `import` removes again.

    Example:

    \b
        glossator glossary export glossary.tbx
    """
    from glossator.glossary.io import format_entries, write_entries

    entries = store.entries()
    if file == "-":
        if fmt is None:
            raise click.UsageError("Give --format when exporting to stdout.")
        click.echo(format_entries(entries, fmt), nl=False)
        return
    used = write_entries(Path(file), entries, fmt, glossary=store.path)
    click.echo(f"Exported {len(entries)} entries to {file} ({used})", err=True)


@command.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help='Print {"matches": [{"line", "text", "source", "target", '
              '"partial"}]}.')
@click.option("--window", type=click.IntRange(min=0), default=4, show_default=True,
              help="Words either side of a term searched for context cues.")
@_glossary_option
def check_command(store: GlossaryStore, file: str, as_json: bool, window: int) -> None:
    """List the glossary terms found in the German text FILE (- for stdin).

    Example:

    \b
        glossator glossary check seeds/us-china-north-korea-2024-02.de.txt --json
    """
    from glossator.glossary.checks import check_text
    from glossator.translate.context import with_document_context

    text = _read_german(file)
    # The same renderings translation chooses: the article's dateline decides where the sentence does not.
    matches = check_text(with_document_context(store.matcher(window=window), text), text)
    if as_json:
        _json_out({"matches": matches})
        return
    for m in matches:
        flag = "  (partial: not rendered)" if m["partial"] else ""
        click.echo(f"{m['line']}: {m['text']} → {m['target']}  [{m['source']}]{flag}")


@command.command("suggest", context_settings=CONTEXT_SETTINGS)
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help='Print {"candidates": [{"text", "type", "count", '
              '"reason", "lines", "suggestion"?}]}; "suggestion" is the usual English spelling of a name in '
              'German transliteration (Peskow: Peskov).')
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only candidates seen at least this often.")
@_glossary_option
def suggest_command(store: GlossaryStore, file: str, as_json: bool, min_count: int) -> None:
    """List likely names, titles and places in the German text FILE that the glossary lacks.

    Example:

    \b
        glossator glossary suggest seeds/us-china-north-korea-2024-02.de.txt --min-count 2
    """
    from glossator.translate.candidates import candidates as name_candidates

    candidates = [c for c in name_candidates(_read_german(file), store.matcher()) if c.count >= min_count]
    if as_json:
        _json_out({"candidates": [c.to_dict() for c in candidates]})
        return
    for c in candidates:
        hint = f"  English usually: {c.suggestion}" if c.suggestion else ""
        click.echo(f"{c.count:>4}  {c.text}  [{c.type}: {c.reason}]{hint}")
