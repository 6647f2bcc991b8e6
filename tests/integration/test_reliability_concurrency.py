"""Several writers on the same SQLite files at once: the glossary (CLI processes and the desk's store), the
translation memory (a batch run and review approvals), a review project (two desks, or the desk and
``glossator review --export``). WAL, busy timeouts and short transactions: no ``database is locked`` reaches
the user, and no acknowledged update is lost.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore
from glossator.translate.fake import FakeEngine
from glossator.translate.memory import TranslationMemory
from glossator.translate.project import ReviewProject
from glossator.translate.result import SegmentResult

GLOSSARY_WRITER = """
import json, sys
from click.testing import CliRunner
from glossator.cli import cli

path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
runner = CliRunner()
codes, errors = [], []
for i in range(n):
    result = runner.invoke(cli, ["glossary", "add", f"{prefix}{i}", f"{prefix} term {i}", "--glossary", path])
    codes.append(result.exit_code)
    if result.exit_code:
        errors.append(result.output)
print(json.dumps({"codes": codes, "errors": errors}))
"""


def _python(tmp_path: Path, name: str, code: str, *args: str, **kwargs) -> subprocess.Popen:
    script = tmp_path / f"{name}.py"
    script.write_text(code)
    return subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_glossary_cli_writers_and_an_open_store_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "glossary.db"
    store = GlossaryStore.open(path)
    loops = [_python(tmp_path, f"writer{k}", GLOSSARY_WRITER, str(path), f"Loop{k}x", "25") for k in range(2)]
    # single `glossator glossary add` processes starting alongside
    singles = [subprocess.Popen([sys.executable, "-m", "glossator", "glossary", "add", f"Einzel{k}", f"single {k}",
                                 "--glossary", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for k in range(4)]
    mine = []
    for i in range(25):
        entry = store.add(Entry(id=None, source=f"Wort{i}", target=f"word {i}", type="other"))
        mine.append(store.update(entry.id, target=f"word {i} (checked)"))
        time.sleep(0.01)
    reports = [json.loads(p.communicate(timeout=120)[0]) for p in loops]
    for report in reports:
        assert report["errors"] == [] and set(report["codes"]) == {0}
    for p in singles:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    entries = {e.source: e.target for e in store.entries()}
    assert len(entries) == 25 + 2 * 25 + 4
    assert all(entries[f"Wort{i}"] == f"word {i} (checked)" for i in range(25))
    assert all(entries[f"Loop{k}x{i}"] == f"Loop{k}x term {i}" for k in range(2) for i in range(25))
    history = store.history()
    assert len(history) == 25 * 2 + 2 * 25 + 4
    assert store.revision == max(c.id for c in history)
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


BATCH_WITH_MEMORY = """
import json, sys
from pathlib import Path
from glossator.translate.batch import BatchRunner
from glossator.translate.enforce import Enforcer
from glossator.translate.fake import FakeEngine
from glossator.translate.memory import TranslationMemory

memory = TranslationMemory(Path(sys.argv[3]))
runner = BatchRunner(Enforcer(FakeEngine(), None), out_dir=Path(sys.argv[2]), model_id="fake:de-en:1",
                     memory=memory, batch_segments=1)
summary = runner.run([Path(sys.argv[1])])
memory.close()
print(json.dumps({"ok": summary.ok, "translated": summary.translated,
                  "messages": [f.message for f in summary.files if f.status != "done"]}))
"""


def test_batch_run_and_review_approvals_share_the_translation_memory(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for k in range(8):
        (inputs / f"f{k}.txt").write_text("".join(f"Der Hund {k}-{i} ist gut.\n" for i in range(10)))
    memory_path = tmp_path / "memory.db"
    document = tmp_path / "artikel.txt"
    document.write_text("".join(f"Die Katze {i} ist klein.\n" for i in range(40)))
    project = ReviewProject.open(document)
    engine = FakeEngine()
    project.store_machine(
        [SegmentResult(s.index, s.line, s.source, t) for s, t in zip(project.segments, engine.translate(
            [s.source for s in project.segments]))]
    )
    memory = TranslationMemory(memory_path)
    batch = _python(tmp_path, "batch", BATCH_WITH_MEMORY, str(inputs), str(tmp_path / "out"), str(memory_path))
    passes = 0
    while batch.poll() is None or passes == 0:  # approve (and store in the memory) until the batch is done
        for segment in project.segments:
            project.edit(segment.index, f"The cat {segment.index} is tiny.")
            project.approve(segment.index, memory=memory, model_id=engine.model_id, glossary_revision=0)
            project.unapprove(segment.index)
        passes += 1
    for segment in project.segments:
        project.approve(segment.index, memory=memory, model_id=engine.model_id, glossary_revision=0)
    out, err = batch.communicate(timeout=120)
    assert batch.returncode == 0, err
    report = json.loads(out)
    assert report["ok"] and report["messages"] == [] and report["translated"] == 80
    assert "locked" not in err
    assert len(memory) == 80 + 40
    for i in range(40):
        assert memory.lookup(f"Die Katze {i} ist klein.", model_id="other", glossary_revision=9) == \
            f"The cat {i} is tiny."
    memory.close()
    project.close()
    with sqlite3.connect(memory_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


PROJECT_EDITOR = """
import sys
from pathlib import Path
from glossator.translate.project import ReviewProject

project = ReviewProject.open(Path(sys.argv[1]))
rounds = int(sys.argv[2])
for r in range(rounds):
    for s in project.segments:
        project.edit(s.index, f"round {r} segment {s.index}")
        print(r, s.index, flush=True)
project.close()
"""


def test_two_writers_on_one_review_project_lose_no_edit(tmp_path: Path) -> None:
    """A second process edits every segment, round after round, while this one keeps approving them: the
    approvals must never write back an English they read before the other process changed it."""
    document = tmp_path / "artikel.txt"
    document.write_text("".join(f"Der Tag {i} ist gut.\n" for i in range(12)))
    project = ReviewProject.open(document)
    project.store_machine([SegmentResult(s.index, s.line, s.source, f"machine {s.index}") for s in project.segments])
    rounds = 40
    editor = _python(tmp_path, "editor", PROJECT_EDITOR, str(document), str(rounds))
    approvals = 0
    while editor.poll() is None:
        for s in project.segments:
            project.approve(s.index)
            approvals += 1
    out, err = editor.communicate(timeout=60)
    assert editor.returncode == 0, err
    assert len(out.splitlines()) == rounds * 12
    assert approvals > 0
    project.close()
    reopened = ReviewProject.open(document)
    assert [s.target for s in reopened.segments] == [f"round {rounds - 1} segment {i}" for i in range(12)]
    assert {s.status for s in reopened.segments} <= {"edited", "approved"}
    reopened.close()


def test_a_stale_project_never_overwrites_another_writers_edit(tmp_path: Path) -> None:
    """``glossator review --export`` (or a second desk) opened the project before the desk edited it."""
    document = tmp_path / "artikel.txt"
    document.write_text("Der Hund ist gut.\nDie Katze ist klein.\nDas Haus ist neu.\n")
    desk = ReviewProject.open(document)
    export = ReviewProject.open(document)  # loaded now: every segment pending
    desk.store_machine([SegmentResult(s.index, s.line, s.source, f"machine {s.index}") for s in desk.segments])
    desk.edit(1, "The cat is tiny.")
    desk.approve(2)
    # the stale one stores its own machine translation of the segments it believes pending
    export.store_machine([SegmentResult(s.index, s.line, s.source, f"late machine {s.index}") for s in export.segments])
    assert export[1].target == "The cat is tiny." and export[1].status == "edited"
    assert export[2].status == "approved" and export[2].target == "machine 2"
    # and edits in the other direction
    export.edit(0, "The dog is fine.")
    desk.approve(0)
    fresh = ReviewProject.open(document)
    assert [(s.target, s.status) for s in fresh.segments] == [
        ("The dog is fine.", "approved"), ("The cat is tiny.", "edited"), ("machine 2", "approved")]
    assert fresh[1].machine_target == "late machine 1"
    for p in (desk, export, fresh):
        p.close()
