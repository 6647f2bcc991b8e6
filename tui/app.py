"""The review desk application: wires a document's review project, an engine and a glossary to the screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from glossator.translate.project import ReviewProject, default_export_path

if TYPE_CHECKING:
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.engine import Engine
    from glossator.translate.memory import TranslationMemory


class ReviewApp(App[None]):
    """``glossator review``: engine and glossary are passed in, so tests give it a FakeEngine.

    Args:
        document: The German text file under review.
        engine: Translates (``translate.engine.Engine``).
        glossary: The open glossary store.
        project: The document's review project; opened (or created) from ``document`` when not given, and
            then closed with the app (a project passed in is the caller's to close).
        memory: Approved segments are stored there too when given.
        export_path: Where the export key writes the English (default: next to the input, ``.en``).
        placeholders: Whether translation may use placeholders (``False``: ``--no-placeholders``).
    """

    CSS_PATH = "app.tcss"
    TITLE = "Glossator"

    def __init__(
        self,
        document: Path,
        *,
        engine: Engine,
        glossary: GlossaryStore,
        project: ReviewProject | None = None,
        memory: TranslationMemory | None = None,
        export_path: Path | None = None,
        placeholders: bool = True,
    ) -> None:
        super().__init__()
        self.placeholders = placeholders
        self.document = Path(document)
        self.engine = engine
        self.glossary = glossary
        self._owns_project = project is None
        self.project = project if project is not None else ReviewProject.open(self.document)
        self.memory = memory
        self.export_path = Path(export_path) if export_path else default_export_path(self.document)

    def on_mount(self) -> None:
        from glossator.tui.screens.review import ReviewScreen

        self.push_screen(
            ReviewScreen(
                self.project,
                engine=self.engine,
                glossary=self.glossary,
                memory=self.memory,
                export_path=self.export_path,
            )
        )

    def on_unmount(self) -> None:
        if self._owns_project:
            self.project.close()
