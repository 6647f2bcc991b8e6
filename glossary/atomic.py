"""Atomic file writes, the one implementation every package uses: readers see the old file or the new one, never
a half-written one.

It lives in the lowest layer (``glossary``) so that the glossary's exports and everything above it (translations,
batch outputs, review exports) write files the same way.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from glossator.glossary.errors import GlossaryError


def current_umask() -> int:
    """The process's umask, read without changing it (``os.umask`` would, briefly, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # not Linux: the classic dance
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, fsync: bool = False, suffix: str = ".part",
                 error: type[Exception] = GlossaryError) -> None:
    """Write ``data`` (bytes, or text as UTF-8 with line endings untouched) via a temporary file and a rename.

    The temporary file (``.NAME.XXXXXXXX.part``) lies in the same folder, so the rename is atomic; ``fsync`` makes
    the data durable before it. The file gets the permissions of the file it replaces, or for a new file what the
    umask allows (0644 under the usual 022), as ``open()`` would give it. A folder that cannot be written raises
    ``error`` (the caller's package exception) with a one-line message.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~current_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as exc:
        raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
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
