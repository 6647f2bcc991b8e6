"""Reading files a user names: regular files only, and never more than a cap.

A named pipe (FIFO) would block ``open`` or ``read`` for ever; ``/dev/zero`` (or a link to it) reports a size of
0 and reads without end. Size checks on ``st_size`` catch neither, so :func:`read_regular_file` opens without
blocking, refuses anything but a regular file, and stops reading one byte past the cap.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder; ``strerror`` says which."""


class FileTooLarge(OSError):
    """The file (or stream) holds more than the cap; ``strerror`` says how much is allowed."""


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises:
        NotRegularFile: ``path`` is not a regular file (nothing is read from it).
        FileTooLarge: it holds more than ``limit`` bytes (whatever ``st_size`` claims).
        OSError: it cannot be opened or read (missing, permission denied …).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
            raise NotRegularFile(errno.EINVAL, f"not a regular file but {kind}", os.fspath(path))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(errno.EFBIG, f"too large (more than {limit} bytes)", os.fspath(path))
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_capped(stream: BinaryIO, limit: int, name: str = "stdin") -> bytes:
    """At most ``limit`` bytes of ``stream`` (stdin); FileTooLarge when it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(errno.EFBIG, f"too large (more than {limit} bytes)", name)
    return data
