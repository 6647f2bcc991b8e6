"""A read-only or full home (issue 17). Errors must name the real cause (read-only, disk full), never call a good
glossary corrupt; what can work read-only works (translate with a read-only glossary, list, export); a full disk
gives one-line errors and changes nothing; a batch whose database cannot be saved still ends with its summary.

The file systems are small tmpfs mounts made for each test (root is needed to mount; elsewhere these tests are
skipped, and root is also why plain permissions could not stand in: root writes read-only files)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = """
import sys
from glossator.commands import translate as t
from glossator.translate.fake import FakeEngine
t.load_engine = lambda *a, **k: FakeEngine()
from glossator.cli import main
sys.argv = ["glossator", *sys.argv[1:]]
main()
"""


@pytest.fixture
def mount(tmp_path: Path):
    mounted: list[Path] = []

    def make(name: str, size: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                                capture_output=True, text=True)
        if result.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _run(tmp_path: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    return subprocess.run([sys.executable, str(driver), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GLOSSATOR_HOME": str(home)}, stdin=subprocess.DEVNULL)


def _error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "corrupt" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.stderr
    assert any(n in lines[0] for n in needles), lines[0]
    return lines[0]


def _fill(point: Path) -> None:
    with open(point / "filler", "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass


def test_a_read_only_home_reads_and_says_read_only_for_writes(mount, tmp_path: Path) -> None:
    fs = mount("ro", "8m")
    home = fs / "home"
    assert _run(tmp_path, home, "glossary", "add", "Kanzler", "Chancellor").returncode == 0
    text = tmp_path / "in.txt"
    text.write_text("Der Kanzler spricht.\n", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
    listed = _run(tmp_path, home, "glossary", "list", "--source", "Kanzler")
    assert listed.returncode == 0 and "Chancellor" in listed.stdout, listed.stderr
    translated = _run(tmp_path, home, "translate", str(text))
    assert translated.returncode == 0, translated.stderr
    exported = _run(tmp_path, home, "glossary", "export", str(tmp_path / "g.tsv"))
    assert exported.returncode == 0 and "Chancellor" in (tmp_path / "g.tsv").read_text(encoding="utf-8")
    _error(_run(tmp_path, home, "glossary", "add", "Minister", "minister"), "read-only")
    _error(_run(tmp_path, home, "glossary", "remove", "1"), "read-only")
    _error(_run(tmp_path, fs / "elsewhere", "glossary", "list"), "Read-only file system")


def test_a_full_disk_gives_one_line_errors_and_changes_nothing(mount, tmp_path: Path) -> None:
    fs = mount("full", "2m")
    home = fs / "home"
    assert _run(tmp_path, home, "glossary", "add", "Kanzler", "Chancellor").returncode == 0
    big = tmp_path / "big.tsv"
    big.write_text("source\ttarget\n" + "".join(f"Begriff{i}\tterm number {i} {'x' * 60}\n" for i in range(20000)),
                   encoding="utf-8")
    text = tmp_path / "in.txt"
    text.write_text("Der Kanzler spricht.\n" * 2000, encoding="utf-8")
    (fs / "out.txt").write_text("earlier translation\n", encoding="utf-8")
    _fill(fs)
    _error(_run(tmp_path, home, "glossary", "import", str(big)), "full")
    _error(_run(tmp_path, home, "translate", str(text), "-o", str(fs / "out.txt")), "No space left")
    assert (fs / "out.txt").read_text(encoding="utf-8") == "earlier translation\n"
    _error(_run(tmp_path, home, "glossary", "export", str(fs / "g.tsv")), "No space left")
    assert not (fs / "g.tsv").exists()
    (fs / "filler").unlink()
    with sqlite3.connect(home / "glossary.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    listed = _run(tmp_path, home, "glossary", "list", "--json")
    assert listed.returncode == 0 and "Begriff1" not in listed.stdout and "Chancellor" in listed.stdout


def test_a_batch_on_a_full_disk_ends_with_its_summary(mount, tmp_path: Path) -> None:
    fs = mount("batch", "1m")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"doc{i:02}.txt").write_text(f"Der Kanzler spricht {i}. " * 400 + "\n", encoding="utf-8")
    result = _run(tmp_path, tmp_path / "home", "translate", str(folder), "-o", str(fs / "out"))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "files done" in result.stderr  # the summary line
    assert "No space left" in result.stderr or "disk is full" in result.stderr
