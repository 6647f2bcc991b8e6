"""Races between Glossator processes on one glossary (issue 17): imports started together, and the first use
of a fresh home from several processes at once. Every process waits at a start line (a file appearing) so the
race is real, and the glossary must end as if the processes had run one after another.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from glossator.glossary.starter import starter_entries
from glossator.glossary.store import GlossaryStore

START_LINE = """
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
from glossator.cli import main
sys.argv = ["glossator", *sys.argv[2:]]
main()
"""


def _racers(tmp_path: Path, commands: list[list[str]], env: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    script = tmp_path / "racer.py"
    script.write_text(START_LINE)
    go = tmp_path / "go"
    go.unlink(missing_ok=True)
    procs = [subprocess.Popen([sys.executable, str(script), str(go), *cmd], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
             for cmd in commands]
    time.sleep(1.5)  # every racer has imported Python and waits at the start line
    go.touch()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=180)
        out.append((p.returncode, stdout, stderr))
    return out


def test_concurrent_imports_of_one_file_add_each_entry_once(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    GlossaryStore.open(path).close()
    rows = ["source\ttarget"] + [f"Begriff{i}\tterm {i}" for i in range(4000)]
    (tmp_path / "big.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # a second file with the same sources and other renderings: a conflict for whoever comes second
    rows = ["source\ttarget"] + [f"Begriff{i}\tother {i}" for i in range(4000)]
    (tmp_path / "other.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for _round in range(2):
        results = _racers(tmp_path, [["glossary", "import", str(tmp_path / name), "--glossary", str(path)]
                                     for name in ("big.tsv", "big.tsv", "big.tsv", "other.tsv")])
        for code, _out, err in results:
            assert "Traceback" not in err
        with GlossaryStore.open(path) as store:
            entries = store.entries()
        assert len(entries) == 4000
        assert len({e.source for e in entries}) == 4000
        # one rendering per source: all from one file (whichever committed first)
        assert len({e.target.split()[0] for e in entries}) == 1
        # the others saw every entry as a duplicate or a conflict; the conflicting one failed with exit 1
        added = [out for code, out, _ in results if code == 0 and "Imported 4000 new" in out]
        assert len(added) <= 1
        if _round == 0:
            assert len(added) + sum(code == 1 for code, _, _ in results) >= 1
        # a fresh glossary for the next round
        path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        GlossaryStore.open(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_first_use_from_parallel_processes_seeds_the_starter_glossary_once(tmp_path: Path,
                                                                          glossator_home: Path) -> None:
    starter = len(starter_entries())
    for run in range(3):
        home = tmp_path / f"home{run}"
        results = _racers(tmp_path, [["glossary", "add", f"Neuwort{k}", f"new word {k}"] for k in range(4)]
                          + [["glossary", "list", "--json"]], env={"GLOSSATOR_HOME": str(home)})
        for code, _out, err in results:
            assert code == 0, err
            assert "Traceback" not in err
        listed = json.loads(results[-1][1])["entries"]
        assert len(listed) in range(starter, starter + 5)  # never a half-seeded glossary
        with GlossaryStore.open(home / "glossary.db") as store:
            assert store.count() == starter + 4
            batches = {c.batch for c in store.history() if c.batch}
            assert len(batches) == 1  # the starter glossary, once
