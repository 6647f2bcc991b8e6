"""Data that ships with Glossator: the bundled model and the starter glossary.

Installed as ``glossator.seeds`` (package data); read it with :func:`seed_path`, never with paths built from
``__file__``, so a wheel install finds it wherever site-packages is.
"""

from __future__ import annotations

import gzip
import threading
from importlib.resources import files
from pathlib import Path

_LOCK = threading.Lock()


def seed_path(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``seed_path("glossary.tsv")``.

    Wheels and editable installs both unpack package data onto the file system, which CTranslate2 needs for
    the model folder; a zipped install is not supported.
    """
    return Path(str(files(__name__).joinpath(*parts)))


def seed_text(name: str) -> str:
    """The text of a shipped gzip file (the name lexicon, the noun and English word lists), read whole."""
    with _LOCK:
        with gzip.open(seed_path(name), "rt", encoding="utf-8") as fh:
            return fh.read()
