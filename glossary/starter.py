"""The starter glossary: ``seeds/glossary.tsv``, loaded into a new default database.

Provenance and licences of its lines are in ``seeds/GLOSSARY.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from glossary.model import Entry
    from glossary.store import GlossaryStore

STARTER_PATH = Path(__file__).resolve().parent.parent / "seeds" / "glossary.tsv"


def starter_entries(path: Path = STARTER_PATH) -> list[Entry]:
    """The curated starter entries (a TSV in the import format)."""
    from glossary.io import read_entries

    if not path.is_file():
        raise GlossaryError(f"The starter glossary {path} is missing; reinstall Glossator or pass --glossary.")
    return read_entries(path, "tsv")


def load_starter(store: GlossaryStore, path: Path = STARTER_PATH) -> int:
    """Add the starter entries to ``store`` in one transaction (one history batch); returns how many."""
    added, _ = store.import_batch(starter_entries(path))
    return len(added)
