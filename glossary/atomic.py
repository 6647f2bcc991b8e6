"""Atomic file writes, the one implementation every package uses: readers see the old file or the new one, never
a half-written one.

It lives in the lowest layer (``glossary``) so that the glossary's exports and everything above it (translations,
batch outputs, review exports) write files the same way.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from glossator.glossary.errors import GlossaryError


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
        info: os.stat_result | None = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise error(f"Cannot write {path}: it is a folder.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A device or a pipe (-o /dev/stdout, /dev/null): renaming over it would replace the device node itself.
        try:
            with open(path, "wb") as fh:
                fh.write(payload)
        except OSError as exc:
            raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
        return
    keep = stat.S_IMODE(info.st_mode) if info is not None else None
    fd, tmp = _create_temporary(path, suffix, error)
    try:
        with os.fdopen(fd, "wb") as fh:
            if keep is not None:
                os.fchmod(fh.fileno(), keep)
            fh.write(payload)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):  # a full disk (ENOSPC) or a quota: one line; any file at `path` is untouched
            raise error(f"Cannot write {path}: {exc.strerror or exc}; nothing was written.") from None
        raise


def _create_temporary(path: Path, suffix: str, error: type[Exception]) -> tuple[int, str]:
    """A new ``.NAME.XXXXXXXX.part`` next to ``path``, created with mode 0666 so the kernel applies the umask
    (``tempfile.mkstemp`` creates 0600, which the rename would hand on to the output)."""
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}{suffix}")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
    raise error(f"Cannot write {path}: no free temporary name in {path.parent}.")
