"""Atomic file writes for the translate package: :func:`glossator.glossary.atomic.write_atomic` (the one
implementation), with :class:`TranslateError` for a folder that cannot be written."""

from __future__ import annotations

import os

from glossator.glossary.atomic import write_atomic as _write_atomic
from glossator.translate.errors import TranslateError


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, fsync: bool = False,
                 suffix: str = ".part") -> None:
    """See :func:`glossator.glossary.atomic.write_atomic`; failures to create the file are a TranslateError."""
    _write_atomic(path, data, fsync=fsync, suffix=suffix, error=TranslateError)
