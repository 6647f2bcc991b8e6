"""Cost items of issue 17, each at three sizes: time (or file size) should grow linearly, or stay flat.

    python bench/bench_reliability_cost.py            # all scenarios, sizes ×1 ×2 ×4
    python bench/bench_reliability_cost.py --scale 2  # larger sizes
    python bench/bench_reliability_cost.py --only check,add

Each scenario prints its three figures and the ratio of each to the smallest size, measured in this run.
Linear growth shows ratios near 1, 2, 4; flat cost near 1, 1, 1; quadratic cost near 1, 4, 16.

Scenarios:
  check     ``glossator glossary check`` on one long line full of term hits (36 KB … with --scale 1)
  overlap   matching a line against 2,000 overlapping entries (every run of 1 to 16 words of a word cycle)
  add       one ``GlossaryStore.add`` on a glossary of 25,000 / 50,000 / 100,000 entries (flat: no full read);
            add-cli: ``glossator glossary add`` as a process (Python start, opening and checking the file)
  history   the glossary file after 5 / 10 / 20 import-and-undo cycles of a 5,000-entry file, with the history
            cap lowered to 20,000 changes so the trimming shows at bench sizes (flat once the cap is reached)
  line      ``glossator translate`` (fake engine, starter glossary) of one line of 1.25 / 2.5 / 5 MB
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "Der US-Außenminister traf in Peking den chinesischen Außenminister und sprach über Nordkorea. "

DRIVER = """
import sys
from glossator.commands import translate as t
from glossator.translate.fake import FakeEngine
t.load_engine = lambda *a, **k: FakeEngine()
from glossator.cli import main
sys.argv = ["glossator", *sys.argv[1:]]
main()
"""


def _row(name: str, sizes: list[str], values: list[float], unit: str = "s") -> None:
    base = values[0] or 1e-9
    figures = "  ".join(f"{s}: {v:8.3f} {unit}" for s, v in zip(sizes, values))
    ratios = " : ".join(f"{v / base:.2f}" for v in values)
    print(f"{name:<8} {figures}   ratio {ratios}", flush=True)


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise SystemExit(f"{cmd[:4]} failed: {result.stderr[-2000:]}")
    return elapsed


def bench_check(tmp: Path, scale: int, env: dict[str, str]) -> None:
    sizes, values = [], []
    for k in (1, 2, 4):
        line = SENTENCE * (400 * scale * k)
        path = tmp / f"line{k}.txt"
        path.write_text(line + "\n", encoding="utf-8")
        sizes.append(f"{len(line.encode()) // 1024} KB")
        values.append(_timed([sys.executable, "-m", "glossator", "glossary", "check", str(path), "--json"], env))
    _row("check", sizes, values)


def bench_overlap(scale: int) -> None:
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry

    words = [f"Wort{i}" for i in range(125)]
    entries = []
    for start in range(125):
        for length in range(1, 17):
            if len(entries) < 2000:
                phrase = " ".join(words[(start + i) % 125] for i in range(length))
                entries.append(Entry(len(entries) + 1, phrase, f"t{len(entries)}"))
    matcher = Matcher(entries)
    sizes, values = [], []
    for k in (1, 2, 4):
        text = " ".join(words * (8 * scale * k))
        started = time.perf_counter()
        found = matcher.find(text)
        values.append(time.perf_counter() - started)
        sizes.append(f"{len(text.split())} words/{len(found)} hits")
    _row("overlap", sizes, values)


def bench_add(tmp: Path, scale: int) -> None:
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore

    sizes, values, cli = [], [], []
    path = tmp / "big.db"
    have = 0
    with GlossaryStore.open(path) as store:
        for k in (1, 2, 4):
            want = 25_000 * scale * k
            store.add_many(Entry(None, f"Begriff{i}", f"term {i}") for i in range(have, want))
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # time the adds, not the bulk load's WAL
            have = want
            started = time.perf_counter()
            for j in range(20):
                store.add(Entry(None, f"Neu{k}x{j}", "new"))
            values.append((time.perf_counter() - started) / 20)
            sizes.append(f"{want} entries")
            # the command as a user runs it: a process that opens (and checks) the glossary, then adds
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "glossator", "glossary", "add", f"Cli{k}", "cli",
                                     "--glossary", str(path)], capture_output=True, text=True)
            cli.append(time.perf_counter() - started)
            assert result.returncode == 0, result.stderr
    _row("add", sizes, [v * 1000 for v in values], "ms")
    _row("add-cli", sizes, cli)


def bench_history(tmp: Path, scale: int) -> None:
    from glossator.glossary import store as store_module
    from glossator.glossary.io import import_entries
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore

    store_module.HISTORY_KEEP = 20_000
    entries = [Entry(None, f"Begriff{i}", f"term {i} " + "x" * 40) for i in range(5000)]
    sizes, values = [], []
    path = tmp / "history.db"
    done = 0
    with GlossaryStore.open(path) as store:
        for k in (1, 2, 4):
            for _ in range(done, 5 * scale * k):
                report = import_entries(store, entries)
                store.undo_batch(store.history(report.added[0].id, limit=1)[0].batch)
            done = 5 * scale * k
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sizes.append(f"{done} cycles")
            values.append(path.stat().st_size / 1e6)
    _row("history", sizes, values, "MB")


def bench_line(tmp: Path, scale: int, env: dict[str, str]) -> None:
    driver = tmp / "driver.py"
    driver.write_text(DRIVER)
    sizes, values = [], []
    for k in (1, 2, 4):
        line = SENTENCE * int(13_000 * scale * k)
        path = tmp / f"big{k}.txt"
        path.write_text(line + "\n", encoding="utf-8")
        sizes.append(f"{len(line.encode()) / 1e6:.2f} MB")
        values.append(_timed([sys.executable, str(driver), "translate", str(path), "-o", str(tmp / "out.txt")], env))
    _row("line", sizes, values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--only", default="check,overlap,add,history,line")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = {**os.environ, "GLOSSATOR_HOME": str(tmp / "home")}
        os.environ["GLOSSATOR_HOME"] = env["GLOSSATOR_HOME"]
        scale = args.scale
        if "check" in wanted:
            bench_check(tmp, int(scale), env)
        if "overlap" in wanted:
            bench_overlap(int(scale))
        if "add" in wanted:
            bench_add(tmp, int(scale))
        if "history" in wanted:
            bench_history(tmp, int(scale))
        if "line" in wanted:
            bench_line(tmp, scale, env)


if __name__ == "__main__":
    main()
