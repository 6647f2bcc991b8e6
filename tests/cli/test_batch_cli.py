"""`glossator translate PATH... -o OUTDIR`: batch mode through click's CliRunner with the FakeEngine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from glossator.cli import cli


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, fake_engine):
    import glossator.commands.translate as translate_command

    monkeypatch.setattr(translate_command, "load_engine", lambda beam_size, threads: fake_engine)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["translate", *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def news(tmp_path: Path) -> Path:
    src = tmp_path / "news"
    (src / "2024").mkdir(parents=True)
    (src / "a.txt").write_text("Der Hund ist gut.\n\nDie Katze sagte heute.\n")
    (src / "2024" / "b.md").write_text("# Der Tag\n\n- Die Woche.\n")
    (src / "2024" / "c.html").write_text('<p title="Der Hund">Der Präsident.</p>\n')
    (src / "notes.pdf").write_bytes(b"%PDF-1.7 binary")
    return src


def test_folder_to_folder(run, news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(news), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text() == "The dog is good.\n\nThe cat said today.\n"
    assert (out / "2024" / "b.md").read_text() == "# The day\n\n- The week.\n"
    # The default glossary starts as the starter glossary, which renders Präsident as "President".
    assert (out / "2024" / "c.html").read_text() == '<p title="The dog">The President.</p>\n'
    assert "skipped  notes.pdf: unsupported file type .pdf" in result.stderr
    assert "3 files done, 1 skipped, 0 failed; 6 segments (6 translated)" in result.stderr
    assert result.stdout == ""


def test_several_files_with_output_folder_and_exports(run, news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(news / "a.txt"), str(news / "2024" / "b.md"), "-o", str(out), "--format", "xliff",
                 "--format", "tmx", "--format", "json", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "a.txt", "a.txt.json", "a.txt.report.html", "a.txt.tmx", "a.txt.xlf",
        "b.md", "b.md.json", "b.md.report.html", "b.md.tmx", "b.md.xlf"]
    units = etree.parse(str(out / "a.txt.xlf")).findall(".//{*}unit")
    assert len(units) == len(json.loads((out / "a.txt.json").read_text())["segments"]) == 2


def test_rerun_resumes_and_memory_is_reported(run, news: Path, tmp_path: Path) -> None:
    assert run(str(news), "-o", str(tmp_path / "out"), "--json").exit_code == 0
    again = run(str(news), "-o", str(tmp_path / "out"), "--json")
    summary = json.loads(again.stdout)
    assert summary["translated"] == 0 and summary["resumed"] == 6
    # a new output folder: nothing to resume, but everything is in the translation memory
    other = json.loads(run(str(news), "-o", str(tmp_path / "out2"), "--json").stdout)
    assert other["translated"] == 0 and other["memory_hits"] == 6
    fresh = json.loads(run(str(news), "-o", str(tmp_path / "out3"), "--json", "--no-memory").stdout)
    assert fresh["translated"] == 6 and fresh["memory_hits"] == 0
    redo = json.loads(run(str(news), "-o", str(tmp_path / "out"), "--json", "--no-resume", "--no-memory").stdout)
    assert redo["translated"] == 6 and redo["resumed"] == 0


def test_a_failed_file_gives_exit_1_and_the_others_are_done(run, news: Path, tmp_path: Path) -> None:
    (news / "broken.docx").write_bytes(b"not a zip")
    result = run(str(news), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 1
    assert result.stderr.startswith("failed   broken.docx: cannot read this .docx")
    assert (tmp_path / "out" / "a.txt").exists()


def test_glob_and_quiet(run, news: Path, tmp_path: Path) -> None:
    result = run(str(news), "-o", str(tmp_path / "out"), "--glob", "*.md", "-q")
    assert result.exit_code == 0 and result.output == ""
    assert [p.name for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.startswith(".")] == ["b.md"]


def test_batch_usage_errors(run, news: Path, tmp_path: Path) -> None:
    assert run(str(news), "--glob", "*.md").exit_code == 2  # a batch needs -o
    assert run("-", str(news), "-o", str(tmp_path / "out")).exit_code == 2
    result = run(str(news), "-o", str(news))
    assert result.exit_code == 1 and "is the input directory" in result.stderr
    result = run(str(news), str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_single_file_mode_is_unchanged(run, news: Path, tmp_path: Path) -> None:
    result = run(str(news / "a.txt"))
    assert result.exit_code == 0
    assert result.stdout == "The dog is good.\n\nThe cat said today.\n"
    result = run(str(news / "a.txt"), "-o", str(tmp_path / "a.en.txt"))
    assert result.exit_code == 0
    assert (tmp_path / "a.en.txt").read_text() == "The dog is good.\n\nThe cat said today.\n"


KILLABLE = """
import sys, time
import glossator.commands.translate as translate_command
from glossator.cli import cli
from glossator.translate.fake import FakeEngine

class SlowEngine(FakeEngine):
    def translate(self, segments):
        time.sleep(0.1)
        return super().translate(segments)

translate_command.load_engine = lambda beam_size, threads: SlowEngine()
from glossator.translate.batch import BatchRunner
_init = BatchRunner.__init__

def small_batches(self, *args, **kwargs):  # two segments per translator call: many commits to kill between
    _init(self, *args, **{**kwargs, "batch_segments": 2})

BatchRunner.__init__ = small_batches
cli.main(sys.argv[1:], prog_name="glossator")
"""


@pytest.mark.slow
def test_kill_9_and_run_again(news: Path, tmp_path: Path) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    for i in range(8):
        (news / f"extra{i}.txt").write_text(f"Der Hund {i}.\nDie Katze {i}.\nDer Tag {i}.\n")
    script = tmp_path / "killable.py"
    script.write_text(KILLABLE)
    reference, out = tmp_path / "reference", tmp_path / "out"
    args = [sys.executable, str(script), "translate", str(news), "-q", "--no-memory"]
    subprocess.run([*args, "-o", str(reference)], check=True, timeout=120)
    proc = subprocess.Popen([*args, "-o", str(out)])
    saved, deadline = 0, time.monotonic() + 60
    while saved < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / ".glossator-batch.db", timeout=1) as db:
                saved = db.execute("SELECT count(*) FROM segments").fetchone()[0]
        except sqlite3.Error:
            pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 6 <= saved < 30
    done = subprocess.run([*args, "-o", str(out), "--json"], capture_output=True, text=True, timeout=120)
    summary = json.loads(done.stdout)
    assert done.returncode == 0 and summary["resumed"] >= saved and summary["translated"] <= 30 - saved

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and not p.name.startswith(".")}

    assert tree(out) == tree(reference)


def test_unreadable_file_fails_with_a_line_and_exit_code_even_when_quiet(run, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_bytes("Es ist schön.\n".encode("latin-1"))  # another encoding is no failure
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    (src / "old.xlf").write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                                 'source-language="de"><body><trans-unit id="a"><source>Der Hund.</source>'
                                 "</trans-unit></body></file></xliff>")
    result = run(str(src), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "failed   bad.txt: this text file looks like a binary file (it contains NUL bytes), not text"]
    assert (tmp_path / "out" / "ok.txt").read_bytes().decode("latin-1") == "It is schön.\n"
    assert b'<target state="translated" xml:lang="en">The dog.</target>' in (tmp_path / "out" / "old.xlf").read_bytes()


def test_report_lists_the_desks_qa_warnings_by_file_and_line(run, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Der Hund ist gut.\n\n\nDie Vereinbarungsentwürfe sagte heute.\n", encoding="utf-8")
    (src / "b.txt").write_text("Der Tag.\n", encoding="utf-8")
    result = run(str(src), "-o", str(tmp_path / "out"), "--report")
    assert result.exit_code == 0, result.output
    assert "QA: 1 warning in 1 segment (file:line, check, message)." in result.stderr
    # Line 4 of a.txt (the database keeps each segment's line, not only its number).
    assert "  a.txt:4  untranslated German left in the English: Vereinbarungsentwürfe." in result.stderr
    again = run(str(src), "-o", str(tmp_path / "out"), "--report")  # resumed: the same report
    assert "  a.txt:4  untranslated" in again.stderr
