"""``glossator review``: the side-by-side review desk (a Textual app), or ``--export`` of the reviewed English."""

from __future__ import annotations

from pathlib import Path

import click


def load_engine():
    """The engine for this run (tests replace this with a fake)."""
    from glossator.translate.models import load_engine as _load

    return _load()


class UnavailableEngine:
    """Stands in for a model that cannot be loaded, so a fully translated review still opens: the reviewer can
    edit, approve and export; a re-translation after a glossary change reports ``error`` in the desk."""

    model_id = "unavailable"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def translate(self, segments):
        from glossator.translate.errors import TranslateError

        raise TranslateError(str(self.error))

    def translate_nbest(self, segments, n: int):
        return [[t] for t in self.translate(segments)]


def open_glossary(glossary: Path | None):
    """``--glossary DB`` (it must exist), else the default glossary (created with the starter entries)."""
    from glossator.glossary.store import open_glossary as _open

    return _open(glossary, must_exist=True)


def _translate_pending(project, engine, glossary, placeholders: bool) -> None:
    """Translate the segments the desk has not translated yet (for an export without the desk)."""
    from dataclasses import replace

    from glossator.translate.enforce import make_enforcer

    pending = project.pending()
    if not pending:
        return
    from glossator.translate.context import with_document_context

    matcher = with_document_context(glossary.matcher(), project.text)
    results = make_enforcer(engine, matcher, placeholders=placeholders).translate([s.source for s in pending])
    project.store_machine([replace(r, index=s.index, line=s.line) for r, s in zip(results, pending)])


@click.command(name="review")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--glossary",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Glossary database to enforce and edit (default: $GLOSSATOR_HOME/glossary.db).",
)
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the reviewed English to PATH (same structure as FILE) and exit, without opening the desk.",
)
@click.option("--no-placeholders", is_flag=True,
              help="Diagnostic: protect terms, names and numbers as on a model never trained on placeholders.")
def command(file: Path, glossary: Path | None, export_path: Path | None, no_placeholders: bool) -> None:
    """Review the translation of a German FILE side by side and fix the glossary on the way.

    The review is saved as you go under $GLOSSATOR_HOME/projects/ (one project per document); running the
    command again resumes where you left off. Press ? in the desk for the keys.

    Example:

        glossator review seeds/us-china-north-korea-2024-02.de.txt

        glossator review article.de.txt --export article.en.txt
    """
    from glossator.glossary.home import ensure_home
    from glossator.translate.project import ReviewProject

    ensure_home()
    store = open_glossary(glossary)
    project = ReviewProject.open(file)
    try:
        if export_path is not None:
            if project.pending():
                _translate_pending(project, load_engine(), store, not no_placeholders)
            path = project.export(export_path)
            counts = project.counts()
            click.echo(
                f"Wrote {path}: {counts.total} segments, {counts.approved} approved, {counts.edited} edited, "
                f"{counts.machine} machine.",
                err=True,
            )
            return

        from glossator.translate.errors import TranslateError
        from glossator.translate.memory import TranslationMemory, default_memory_path
        from glossator.tui.app import ReviewApp

        try:
            engine = load_engine()
        except TranslateError as exc:
            if project.pending():
                raise
            engine = UnavailableEngine(exc)  # everything is translated: review without a model
        memory = TranslationMemory(default_memory_path())
        try:
            ReviewApp(file, engine=engine, glossary=store, project=project, memory=memory,
                      placeholders=not no_placeholders).run()
        finally:
            memory.close()
    finally:
        project.close()
        store.close()
