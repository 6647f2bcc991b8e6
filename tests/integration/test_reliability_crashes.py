"""``kill -9`` in the middle of the work: a batch (with the translation memory and every export on) and the
review desk's edits. After each kill the databases pass ``PRAGMA integrity_check``, everything acknowledged
before the kill is there, no visible output file is half-written, and running again finishes with outputs
equal to an uninterrupted run. The kill points are drawn from a seeded random generator, so a failure
reproduces.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from glossator.translate.batch import BATCH_DB_NAME

BATCH = """
import sys, time
from pathlib import Path
from glossator.commands.translate_batch import run_batch
from glossator.translate.batch import BatchRunner
from glossator.translate.fake import FakeEngine

class SlowEngine(FakeEngine):
    def translate(self, segments):
        time.sleep(0.01)
        return super().translate(segments)

_init = BatchRunner.__init__
def small_batches(self, *args, **kwargs):  # three segments per translator call: many commits to kill between
    _init(self, *args, **{**kwargs, "batch_segments": 3})
BatchRunner.__init__ = small_batches

sys.exit(run_batch(files=[sys.argv[1]], output=Path(sys.argv[2]), formats=["xliff", "tmx", "json"], report=True,
                   glob=None, resume=None, use_memory=True, quiet=True, as_json=False, glossary=None,
                   load_engine=SlowEngine, load_matcher=lambda glossary: None))
"""


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def _count(path: Path, sql: str) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return -1


def _visible(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    src = tmp_path / "news"
    (src / "2024").mkdir(parents=True)
    for k in range(10):
        (src / f"a{k}.txt").write_text("".join(f"Der Hund {k} ist gut. Die Katze {i} ist klein.\n" for i in range(5)))
    (src / "2024" / "b.md").write_text("# Der Tag\n\n" + "".join(f"- Die Woche {i} ist neu.\n" for i in range(8)))
    (src / "2024" / "c.html").write_text("".join(f"<p>Der Präsident {i} sagte heute.</p>\n" for i in range(8)))
    d = docx.Document()
    for i in range(6):
        d.add_paragraph(f"Das Haus {i} ist neu.")
    buf = io.BytesIO()
    d.save(buf)
    (src / "2024" / "d.docx").write_bytes(buf.getvalue())
    return src


@pytest.mark.slow
def test_kill_9_during_a_batch_at_random_points(news: Path, tmp_path: Path) -> None:
    script = tmp_path / "batch.py"
    script.write_text(BATCH)
    env_reference = {**os.environ, "GLOSSATOR_HOME": str(tmp_path / "home-reference")}
    env = {**os.environ, "GLOSSATOR_HOME": str(tmp_path / "home")}
    reference, out = tmp_path / "reference", tmp_path / "out"
    subprocess.run([sys.executable, str(script), str(news), str(reference)], env=env_reference, check=True,
                   timeout=120, capture_output=True)
    expected = _visible(reference)
    total = _count(reference / BATCH_DB_NAME, "SELECT count(*) FROM segments")
    assert total > 100

    rng = random.Random(20261127)
    thresholds = sorted(rng.sample(range(1, total), 5))
    kills, acknowledged = 0, 0
    for threshold in thresholds:
        proc = subprocess.Popen([sys.executable, str(script), str(news), str(out)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        saved = -1
        while proc.poll() is None and time.monotonic() < deadline:
            saved = _count(out / BATCH_DB_NAME, "SELECT count(*) FROM segments")
            if saved >= threshold:
                break
            time.sleep(0.005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
        proc.stderr.close()
        # after the kill: sound databases, nothing committed lost, no visible file half-written
        assert _integrity(out / BATCH_DB_NAME) == "ok"
        assert _integrity(tmp_path / "home" / "memory.db") == "ok"
        now = _count(out / BATCH_DB_NAME, "SELECT count(*) FROM segments")
        assert now >= max(saved, acknowledged)
        acknowledged = now
        for rel, data in _visible(out).items():
            assert data == expected[rel], f"{rel} differs from the uninterrupted run after a kill"
    assert kills >= 3

    done = subprocess.run([sys.executable, str(script), str(news), str(out)], env=env, timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _visible(out) == expected
    assert _integrity(out / BATCH_DB_NAME) == "ok"
    assert not [p for p in out.rglob("*.part")]
    # the memory holds every segment once, as the uninterrupted run's does
    sql = "SELECT count(*) FROM memory"
    assert _count(tmp_path / "home" / "memory.db", sql) == _count(tmp_path / "home-reference" / "memory.db", sql)


EDITOR = """
import sys
from pathlib import Path
from glossator.translate.project import ReviewProject
from glossator.translate.result import SegmentResult

project = ReviewProject.open(Path(sys.argv[1]))
if project.pending():
    project.store_machine([SegmentResult(s.index, s.line, s.source, f"machine {s.index}") for s in project.segments])
    print("machine", flush=True)
start = int(sys.argv[2])
for r in range(start, start + 100000):
    for s in project.segments:
        project.save_draft(s.index, f"draft {r} {s.index}")
        project.edit(s.index, f"round {r} segment {s.index}")
        if s.index % 3 == 0:
            project.approve(s.index)
        project.cursor = s.index
        print(r, s.index, flush=True)  # acknowledged: the edit returned
"""


def _round(target: str) -> int:
    return int(target.split()[1]) if target.startswith("round ") else -1


@pytest.mark.slow
def test_kill_9_during_review_edits_at_random_points(tmp_path: Path) -> None:
    from glossator.translate.project import ReviewProject

    document = tmp_path / "artikel.txt"
    document.write_text("".join(f"Der Tag {i} ist gut.\n" for i in range(15)))
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    rng = random.Random(8)
    last_acked: dict[int, int] = {}
    start = 0
    for _kill in range(5):
        proc = subprocess.Popen([sys.executable, str(script), str(document), str(start)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        wanted = rng.randint(5, 120)
        acks = 0
        while acks < wanted:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("machine"):
                continue
            r, index = map(int, line.split())
            last_acked[index] = r
            acks += 1
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert acks == wanted, "the editor stopped before it was killed"

        project = ReviewProject.open(document)
        try:
            assert _integrity(project.path) == "ok"
            for index, r in last_acked.items():
                stored = project[index]
                # the acknowledged edit, or a later one that committed just before the kill
                assert _round(stored.target) >= r, (index, r, stored)
                assert stored.status in ("edited", "approved")
            assert all(s.status != "pending" for s in project.segments)
            assert 0 <= project.cursor < len(project)
            start = max(last_acked.values()) + 2
        finally:
            project.close()
