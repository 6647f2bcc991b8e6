"""The starter glossary: ``seeds/glossary.tsv``, loaded into a new default database.

Provenance and licences of its lines are in ``seeds/GLOSSARY.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from glossator.glossary.errors import GlossaryError

if TYPE_CHECKING:
    from glossator.glossary.model import Entry


def starter_path() -> Path:
    """The shipped starter glossary (package data ``glossator.seeds/glossary.tsv``)."""
    from glossator.seeds import seed_path

    return seed_path("glossary.tsv")


def starter_entries(path: Path | None = None) -> list[Entry]:
    """The curated starter entries (a TSV in the import format)."""
    path = path or starter_path()
    from glossator.glossary.io import read_entries

    if not path.is_file():
        raise GlossaryError(f"The starter glossary {path} is missing; reinstall Glossator or pass --glossary.")
    return read_entries(path, "tsv")
