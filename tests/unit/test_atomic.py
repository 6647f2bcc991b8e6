"""The one atomic write: every output (translations, batch files, exports, glossary exports) honours the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossator.glossary.atomic import write_atomic
from glossator.glossary.errors import GlossaryError
from glossator.glossary.io import write_entries
from glossator.glossary.model import Entry
from glossator.translate.atomic import write_atomic as translate_write_atomic
from glossator.translate.batch import write_atomic as batch_write_atomic
from glossator.translate.errors import TranslateError


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_get_0644_under_umask_022(umask: None, tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "Text\r\nmit CRLF\n")
    translate_write_atomic(tmp_path / "b.txt", b"bytes")
    batch_write_atomic(tmp_path / "sub" / "c.txt", b"batch")
    write_entries(tmp_path / "g.tsv", [Entry(None, "Kreml", "Kremlin", "org")], "tsv")
    for name in ("a.txt", "b.txt", "sub/c.txt", "g.tsv"):
        assert mode(tmp_path / name) == 0o644, name
    assert (tmp_path / "a.txt").read_bytes() == "Text\r\nmit CRLF\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "g.tsv", "sub"]  # no temporary left


def test_the_temporary_name_is_the_one_batch_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossator.translate.batch import _PART

    seen: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (seen.append(os.path.basename(src)), real_replace(src, dst)))
    write_atomic(tmp_path / "a.md", "x")
    assert len(seen) == 1 and seen[0].startswith(".a.md.") and _PART.fullmatch(seen[0])


def test_a_stricter_umask_is_honoured(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "private.txt") == 0o600


def test_a_replaced_file_keeps_its_permissions(umask: None, tmp_path: Path) -> None:
    target = tmp_path / "shared.txt"
    target.write_text("old")
    target.chmod(0o664)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o664


def test_an_unwritable_folder_is_the_callers_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.txt"
    with pytest.raises(GlossaryError, match="Cannot write"):
        write_atomic(missing, "x")
    with pytest.raises(TranslateError, match="Cannot write"):
        translate_write_atomic(missing, "x")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old")

    class Boom(str):
        def encode(self, *args: object, **kwargs: object) -> bytes:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomic(target, Boom("new"))
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_device_is_written_through_never_replaced(tmp_path) -> None:
    import os
    import stat

    from glossator.glossary.atomic import write_atomic

    write_atomic("/dev/null", "English\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # still the device: no rename over it
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path) -> None:
    import pytest

    from glossator.glossary.atomic import write_atomic
    from glossator.glossary.errors import GlossaryError

    with pytest.raises(GlossaryError, match="is a folder"):
        write_atomic(tmp_path, "x")
