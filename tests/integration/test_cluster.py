"""Batch translation on a Dask cluster: a real scheduler and worker processes on 127.0.0.1, started and stopped
here (``python -m distributed.cli.dask_scheduler`` / ``dask_worker``, as ``dask scheduler`` / ``dask worker``).

Each cluster run is compared byte for byte with a local run of the same batch: the bundled model through
CTranslate2 where the model matters (identity, shipping the package), the FakeEngine where it adds nothing
(a worker killed mid-run, the client killed mid-run, the glossary snapshot, the command line).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from distributed import Client  # the cluster extra is part of the test extra: missing it fails, not skips

from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore
from glossator.translate.batch import BATCH_DB_NAME, BatchRunner
from glossator.translate.cluster import (
    ClusterRunner, FakeModel, GlossarySnapshot, model_for, model_readable, prepare_workers,
)
from glossator.translate.enforce import make_enforcer
from glossator.translate.fake import FakeEngine
from glossator.translate.progress import NullProgress

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


class LoopbackCluster:
    """``dask scheduler`` and ``dask worker`` processes on 127.0.0.1 (no nanny: a killed worker stays dead)."""

    def __init__(self, root: Path, n_workers: int = 2, env: dict[str, str] | None = None) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, **(env or {})}
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        sched_file = root / "scheduler.json"
        self.scheduler = self._spawn("scheduler", [
            "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--dashboard-address", "127.0.0.1:0",
            "--scheduler-file", str(sched_file)])
        deadline = time.monotonic() + 120
        while not sched_file.is_file() or not sched_file.read_text().strip():
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the Dask scheduler did not start: " + (root / "scheduler.log").read_text())
            time.sleep(0.1)
        self.address = json.loads(sched_file.read_text())["address"]
        assert self.address.startswith("tcp://127.0.0.1:")
        for i in range(n_workers):
            self.workers.append(self._spawn(f"worker{i}", [
                "distributed.cli.dask_worker", self.address, "--no-nanny", "--nthreads", "1", "--no-dashboard",
                "--dashboard-address", "127.0.0.1:0",
                "--host", "127.0.0.1", "--local-directory", str(root / f"worker{i}"), "--death-timeout", "60"]))
        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(n_workers, timeout=120)
        if shutil.which("ss"):  # only loopback: nothing the test starts listens on another interface
            listening = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True).stdout.splitlines()
            ours = {str(p.pid) for p in self.procs}
            mine = [line for line in listening if any(f"pid={pid}," in line for pid in ours)]
            assert mine and all(line.split()[3].startswith("127.0.0.1:") for line in mine), mine

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.root / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process's end
        proc = subprocess.Popen([sys.executable, "-m", *args], stdout=log, stderr=subprocess.STDOUT, env=self.env,
                                cwd=self.root)
        log.close()
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackCluster]:
    c = LoopbackCluster(tmp_path_factory.mktemp("dask"))
    try:
        yield c
    finally:
        c.stop()


@pytest.fixture
def client(cluster: LoopbackCluster) -> Iterator[Client]:
    with Client(cluster.address, timeout=60, set_as_default=False) as c:
        yield c


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(BATCH_DB_NAME)}


def _news(folder: Path, n: int, *, lines: int = 2) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        body = [f"Der Hund {i} ist gut.", "Die Katze sagte heute.", f"Der Präsident {i} und die Regierung."]
        (folder / f"{i:03d}.txt").write_text("\n".join(body[:lines]) + "\n", encoding="utf-8")
    return folder


def _local(src: Path, out: Path, matcher=None, engine=None, **kw) -> dict[str, bytes]:
    engine = engine or FakeEngine()
    summary = BatchRunner(make_enforcer(engine, matcher), out_dir=out, model_id=engine.model_id, **kw).run([src])
    assert summary.ok
    return _tree(out)


# ---------------------------------------------------------------------------------------------- identity


@pytest.mark.model
def test_real_model_outputs_identical_and_package_shipped(
    client: Client, bundled_model: Path, tmp_path: Path, glossator_home: Path
) -> None:
    """Bundled model through CTranslate2 on Dask workers: the same bytes as a local run (which pooled everything
    in one call) from chunks of two or three sentences; the model loaded once per worker, from the package the
    client shipped (the client's folder is gone by the time they translate)."""
    from glossator.glossary.store import open_glossary
    from glossator.translate.engine import ArgosEngine

    src = tmp_path / "in"
    src.mkdir()
    texts = [
        "WASHINGTON (Reuters) – Das Außenministerium äußerte sich am Dienstag.\nDer Präsident sagte, Nordkorea "
        "liefere Waffen an Russland.\n",
        "Die Regierung in Berlin widersprach. Der Außenminister reiste nach Peking.\n\nDie Gespräche dauern an.\n",
        "Nordkorea und China arbeiten zusammen.\nDer Präsident sagte heute nichts.\n",
    ]
    for i, text in enumerate(texts):
        (src / f"{i}.txt").write_text(text, encoding="utf-8")
    store = open_glossary(None)  # the starter glossary, as users get it
    snapshot = GlossarySnapshot.read(store)
    store.close()
    assert snapshot.entries and snapshot.revision > 0

    package = tmp_path / "client-model"
    shutil.copytree(bundled_model, package)
    engine = ArgosEngine(package, beam_size=2, threads=1)
    local = _local(src, tmp_path / "local", snapshot.matcher(), engine, exports=["json"])

    model = prepare_workers(client, model_for(engine, threads=1), ship=True)
    assert model.package is not None  # type: ignore[attr-defined]
    shutil.rmtree(package)  # the workers must now use what was shipped
    assert not any(client.run(model_readable, str(package), engine.model_id).values())
    runner = ClusterRunner(client, model, snapshot, out_dir=tmp_path / "cluster", exports=["json"], batch_segments=2)
    summary = runner.run([src])
    assert summary.ok and summary.done == 3
    assert runner.chunks_done >= 3
    remote = _tree(tmp_path / "cluster")
    assert remote == local
    assert any(b"North Korea" in data for data in remote.values())  # the glossary was enforced on the workers

    def loaded() -> list[str]:
        from glossator.translate import cluster

        return [str(getattr(e, "package_dir", "")) for e in cluster._ENGINES.values() if hasattr(e, "package_dir")]

    # Which worker took which chunk is the scheduler's choice; every worker that took one loaded the model once,
    # for all its chunks, unpacked from the shipped zip into its own folder.
    per_worker = [dirs for dirs in client.run(loaded).values() if dirs]
    assert per_worker
    for dirs in per_worker:
        assert len(dirs) == 1 and "glossator-models" in dirs[0], dirs


def test_fake_engine_outputs_identical_with_memory_and_exports(client: Client, tmp_path: Path) -> None:
    from glossator.translate.memory import TranslationMemory

    src = _news(tmp_path / "in", 30, lines=3)
    # Inline markup: its codes are protected spans of the workers' enforcer, as locally.
    (src / "bold.md").write_text("Der **Präsident** sagte heute.\n\nDie [Katze](https://example.org) ist gut.\n")
    local = _local(src, tmp_path / "local", exports=["json", "xliff"], batch_segments=7)
    with TranslationMemory(tmp_path / "memory.db") as memory:
        runner = ClusterRunner(client, FakeModel(), GlossarySnapshot((), 0), out_dir=tmp_path / "cluster",
                               memory=memory, exports=["json", "xliff"], batch_segments=7)
        summary = runner.run([src])
        assert summary.ok and summary.done == 31 and summary.segments == 92
        assert _tree(tmp_path / "cluster") == local
        assert b"**" in local["bold.md"] and b"](https://example.org)" in local["bold.md"]
        assert len(memory) > 0  # the client kept the memory
        again = ClusterRunner(client, FakeModel(), GlossarySnapshot((), 0), out_dir=tmp_path / "again",
                              memory=memory, exports=["json", "xliff"], batch_segments=7)
        summary = again.run([src])
    assert summary.memory_hits == 92 and summary.translated == 0 and again.chunks_done == 0
    assert _tree(tmp_path / "again") == local


# ----------------------------------------------------------------------------------------------- glossary


def test_glossary_change_during_the_run_does_not_mix_revisions(client: Client, tmp_path: Path) -> None:
    store = GlossaryStore.open(tmp_path / "glossary.db")
    store.add(Entry(None, "Katze", "kitty"))
    snapshot = GlossarySnapshot.read(store)
    src = _news(tmp_path / "in", 24)

    class EditMidRun(NullProgress):
        edited = False

        def advance(self, segments: int, nbytes: float) -> None:
            if not self.edited:  # the first chunk is back: someone edits the glossary
                (entry,) = store.find("Katze")
                store.update(entry.id, target="puss")
                self.edited = True

    progress = EditMidRun()
    runner = ClusterRunner(client, FakeModel(cost_ms=20), snapshot, out_dir=tmp_path / "out", batch_segments=4,
                           progress=progress)
    assert runner.run([src]).ok
    assert progress.edited and store.revision != snapshot.revision
    texts = [p.read_text() for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert len(texts) == 24 and all("The kitty said today." in t for t in texts)  # one revision, all files
    with sqlite3.connect(tmp_path / "out" / BATCH_DB_NAME) as db:
        settings = {json.loads(s)["glossary_revision"] for (s,) in db.execute("SELECT settings FROM files")}
    assert settings == {snapshot.revision}
    # The next run takes the new revision and translates every file again with it.
    runner = ClusterRunner(client, FakeModel(), GlossarySnapshot.read(store), out_dir=tmp_path / "out",
                           batch_segments=4)
    summary = runner.run([src])
    store.close()
    assert summary.resumed == 0 and summary.translated > 0
    assert all("The puss said today." in p.read_text() for p in (tmp_path / "out").glob("*.txt"))


def test_snapshot_reads_entries_and_revision_together(tmp_path: Path) -> None:
    store = GlossaryStore.open(tmp_path / "g.db")
    store.add(Entry(None, "Hund", "hound"))
    a = GlossarySnapshot.read(store)
    assert [e.target for e in a.entries] == ["hound"] and a.revision == store.revision
    store.add(Entry(None, "Katze", "kitty"))
    b = GlossarySnapshot.read(store)
    store.close()
    assert b.revision > a.revision and len(b.entries) == 2 and b.digest != a.digest
    assert GlossarySnapshot(a.entries, a.revision).digest == a.digest


# ------------------------------------------------------------------------------------------------ failures


def test_worker_killed_mid_run_its_chunk_is_redone(tmp_path: Path) -> None:
    """SIGKILL a worker while it translates a chunk. The scheduler here gives up on a task after one death
    (allowed-failures 0), so the client's own resubmission is what saves the chunk."""
    src = _news(tmp_path / "in", 40)
    local = _local(src, tmp_path / "local")
    cluster = LoopbackCluster(tmp_path / "dask", env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"})
    try:
        with Client(cluster.address, timeout=60, set_as_default=False) as client:
            pids = client.run(os.getpid)
            runner = ClusterRunner(client, FakeModel(cost_ms=150), GlossarySnapshot((), 0),
                                   out_dir=tmp_path / "out", batch_segments=4)
            outcome: dict = {}
            thread = threading.Thread(target=lambda: outcome.setdefault("summary", runner.run([src])))
            thread.start()
            victim = None
            deadline = time.monotonic() + 120
            while victim is None and time.monotonic() < deadline:
                time.sleep(0.05)
                busy = [addr for addr, keys in client.processing().items()
                        if any(str(k).startswith("glossator-chunk-") for k in keys)]
                if runner.chunks_done >= 1 and busy:
                    victim = busy[0]
            assert victim is not None, "no chunk was ever processing"
            os.kill(pids[victim], signal.SIGKILL)
            thread.join(timeout=300)
            assert not thread.is_alive()
    finally:
        cluster.stop()
    summary = outcome["summary"]
    assert summary.ok and summary.done == 40
    assert runner.resubmitted >= 1
    assert _tree(tmp_path / "out") == local


_CLIENT_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from distributed import Client
    from glossator.translate.cluster import ClusterRunner, FakeModel, GlossarySnapshot

    with Client(sys.argv[1], timeout=60) as client:
        ClusterRunner(client, FakeModel(cost_ms=100), GlossarySnapshot((), 0), out_dir=Path(sys.argv[3]),
                      batch_segments=4, max_in_flight=2).run([Path(sys.argv[2])])
""")


def test_client_killed_mid_run_resumes(cluster: LoopbackCluster, client: Client, tmp_path: Path) -> None:
    src = _news(tmp_path / "in", 30)
    local = _local(src, tmp_path / "local")
    out = tmp_path / "out"
    script = tmp_path / "client.py"
    script.write_text(_CLIENT_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), cluster.address, str(src), str(out)])
    db_path = out / BATCH_DB_NAME
    saved = 0
    deadline = time.monotonic() + 120
    try:
        while saved < 8 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db_path.is_file():
                try:
                    with sqlite3.connect(db_path) as db:
                        saved = db.execute("SELECT count(*) FROM segments").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        assert proc.poll() is None, "the client finished before it could be killed"
    finally:
        proc.kill()
        proc.wait()
    assert 8 <= saved < 60
    runner = ClusterRunner(client, FakeModel(), GlossarySnapshot((), 0), out_dir=out, batch_segments=4)
    summary = runner.run([src])
    assert summary.ok and summary.done == 30
    assert summary.resumed >= 8 and summary.translated <= 60 - 8
    assert _tree(out) == local


# ------------------------------------------------------------------------------------------ command line


@pytest.fixture
def cli_run(monkeypatch: pytest.MonkeyPatch):
    from click.testing import CliRunner

    import glossator.commands.translate as translate_command
    from glossator.cli import cli

    monkeypatch.setattr(translate_command, "load_engine", lambda beam_size, threads: FakeEngine())

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["translate", *args], catch_exceptions=False)

    return invoke


def test_cli_scheduler_gives_the_local_outputs(cli_run, cluster: LoopbackCluster, tmp_path: Path) -> None:
    src = _news(tmp_path / "in", 6, lines=3)
    (src / "notes.pdf").write_bytes(b"%PDF")
    local = cli_run(str(src), "-o", str(tmp_path / "local"), "--no-memory", "--format", "json")
    assert local.exit_code == 0, local.output
    result = cli_run(str(src), "-o", str(tmp_path / "remote"), "--scheduler", cluster.address, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "6 files done, 1 skipped, 0 failed; 18 segments (13 translated)" in result.stderr  # 6 files share a sentence
    assert _tree(tmp_path / "remote") == _tree(tmp_path / "local")
    again = cli_run(str(src), "-o", str(tmp_path / "remote"), "--scheduler", cluster.address, "--format", "json")
    assert again.exit_code == 0 and "(0 translated" in again.stderr  # resumed: nothing to do


def test_cli_workers_starts_and_stops_a_local_cluster(cli_run, tmp_path: Path) -> None:
    src = _news(tmp_path / "in", 4)
    local = cli_run(str(src), "-o", str(tmp_path / "local"), "--no-memory")
    result = cli_run(str(src), "-o", str(tmp_path / "remote"), "--workers", "2", "--no-memory", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["done"] == 4
    assert _tree(tmp_path / "remote") == _tree(tmp_path / "local")
    assert multiprocessing.active_children() == []  # the local workers are gone with the command


def test_cli_cluster_errors(cli_run, tmp_path: Path) -> None:
    import dask.config

    src = _news(tmp_path / "in", 1)
    both = cli_run(str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2")
    assert both.exit_code == 2 and "not both" in both.stderr
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        down = cli_run(str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1")
    assert down.exit_code == 1
    assert down.stderr.startswith("Error: Cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert len(down.stderr.strip().splitlines()) == 1


def test_batch_without_cluster_options_never_imports_dask(tmp_path: Path) -> None:
    src = _news(tmp_path / "in", 2)
    code = textwrap.dedent(f"""
        import sys, json
        import glossator.commands.translate as t
        from glossator.translate.fake import FakeEngine
        t.load_engine = lambda beam_size, threads: FakeEngine()
        from glossator.cli import cli
        try:
            cli(["translate", {str(src)!r}, "-o", {str(tmp_path / "out")!r}, "-q"], prog_name="glossator")
        except SystemExit as exc:
            assert exc.code == 0, exc.code
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed"))))
    """)
    env = {**os.environ, "GLOSSATOR_HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         timeout=120)
    assert json.loads(out.stdout.splitlines()[-1]) == []
    assert (tmp_path / "out" / "000.txt").read_text() == "The dog 0 is good.\nThe cat said today.\n"
