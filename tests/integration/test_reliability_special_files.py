"""Special files where Glossator expects a text file (issue 17): a named pipe (FIFO) must not hang a command,
and ``/dev/zero`` (directly or through a link) must not be read until memory runs out; its ``st_size`` is 0, so
only a capped read tells. Every command here runs in a subprocess with a timeout: a hang fails the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 90


def _glossator(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    if stdin is not None:
        with open(stdin, "rb") as fh:
            return subprocess.run([sys.executable, "-m", "glossator", *args], cwd=cwd, stdin=fh,
                                  capture_output=True, text=True, timeout=TIMEOUT)
    return subprocess.run([sys.executable, "-m", "glossator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def _one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert any(n in errors[0] for n in needles), errors[0]


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo_tsv = tmp_path / "pipe.tsv"
    os.mkfifo(fifo_tsv)
    zero_tsv = tmp_path / "zero.tsv"
    zero_tsv.symlink_to("/dev/zero")
    return {"fifo": fifo, "zero": zero, "fifo_tsv": fifo_tsv, "zero_tsv": zero_tsv}


@pytest.mark.parametrize("kind", ["fifo", "zero", "dev"])
def test_translate_and_review_export_refuse_special_files(kind: str, specials: dict[str, Path],
                                                          tmp_path: Path) -> None:
    path = "/dev/zero" if kind == "dev" else str(specials[kind])
    _one_line_error(_glossator("translate", path, cwd=tmp_path), "not a regular file")
    _one_line_error(_glossator("review", path, "--export", str(tmp_path / "out.txt"), cwd=tmp_path),
                    "not a regular file")
    _one_line_error(_glossator("glossary", "check", path, cwd=tmp_path), "not a regular file")
    assert not (tmp_path / "out.txt").exists()


def test_stdin_from_dev_zero_is_capped(tmp_path: Path) -> None:
    _one_line_error(_glossator("translate", "-", cwd=tmp_path, stdin="/dev/zero"), "too large")
    _one_line_error(_glossator("glossary", "check", "-", cwd=tmp_path, stdin="/dev/zero"), "too large")


@pytest.mark.parametrize("kind", ["fifo_tsv", "zero_tsv"])
def test_glossary_import_and_glossary_option_refuse_special_files(kind: str, specials: dict[str, Path],
                                                                 tmp_path: Path) -> None:
    _one_line_error(_glossator("glossary", "import", str(specials[kind]), "--glossary", str(tmp_path / "g.db"),
                               cwd=tmp_path), "not a regular file")
    _one_line_error(_glossator("glossary", "list", "--glossary", str(specials[kind]), cwd=tmp_path),
                    "not a regular file")


def test_a_batch_with_a_fifo_and_a_link_to_dev_zero_finishes_the_other_files(specials: dict[str, Path],
                                                                             tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "good.txt").write_text("Der Hund schläft.\n", encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(
        "import sys\n"
        "from glossator.commands import translate as t\n"
        "from glossator.translate.fake import FakeEngine\n"
        "t.load_engine = lambda *a, **k: FakeEngine()\n"
        "from glossator.cli import main\n"
        "sys.argv = ['glossator', *sys.argv[1:]]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, str(driver), "translate", str(folder), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert (tmp_path / "out" / "good.txt").is_file()
    assert not (tmp_path / "out" / "pipe.txt").exists() and not (tmp_path / "out" / "zero.txt").exists()
    failed = [line for line in result.stderr.splitlines() if "not a regular file" in line]
    assert len(failed) == 2, result.stderr
