"""Atomic file writes: readers see the old file or the new one, never a half-written one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from glossator.translate.errors import TranslateError


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, fsync: bool = False,
                 suffix: str = ".part") -> None:
    """Write ``data`` (bytes, or text as UTF-8 with line endings untouched) via a temporary file and a rename.

    The temporary file (``.NAME.XXXX.part``) lies in the same folder, so the rename is atomic; ``fsync`` makes the
    data durable before it. A folder that cannot be written is a :class:`TranslateError`.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as exc:
        raise TranslateError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
