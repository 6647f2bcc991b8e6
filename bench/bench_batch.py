"""Batch translation benchmark: per-file overhead and memory as the batch grows.

1. Throughput: N files (default 200) cut from the WMT news test sets in ``../shared/data/eval/wmt-news/``,
   translated by the batch runner (formats, batch database, atomic writes, progress off), against the same
   text concatenated and translated in one ``Enforcer.translate`` call, in the same run with the same engine.
   Prints segments per second for both and the ratio (aim: ≥ 0.9×).
2. Peak RSS of a batch of 10 and of 1,000 files, each in its own subprocess (``ru_maxrss``).

3. With ``--workers 1 2`` (the ``cluster`` extra): the same files on a local Dask cluster of 1, then 2 worker
   processes (``translate.cluster``), against the in-process batch as the baseline, each the best of --repeat;
   prints segments per second, the ratios, and the client's CPU time (reading and pooling files, sending chunks,
   saving results, writing the finished files, Dask's communication) per chunk and per segment: the figure that
   bounds how many workers one client can feed.

Engines: ``fake`` (FakeEngine: no model, so the ratio shows the runner's overhead at its most visible),
``cost`` (FakeEngine plus a simulated model cost of --cost-ms per segment), or ``--model DIR`` (an Argos package,
the real thing). Numbers go into notes, never into test assertions.

Example::

    .venv/bin/python bench/bench_batch.py                     # short: 200 files, 2,000 lines, fake engine
    .venv/bin/python bench/bench_batch.py --limit 0 --engine cost --cost-ms 2
    .venv/bin/python bench/bench_batch.py --model ~/.local/share/glossator/models/translate-de_en --limit 400
    .venv/bin/python bench/bench_batch.py --workers 1 2 --model seeds/model/translate-de_en --limit 400 --files 40
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "data" / "eval" / "wmt-news"
if not WMT.is_dir():
    WMT = Path("/work/shared/data/eval/wmt-news")
sys.path.insert(0, str(ROOT))


def wmt_lines(limit: int) -> list[str]:
    lines: list[str] = []
    for path in sorted(WMT.glob("*.de")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines[:limit] if limit else lines


def write_files(folder: Path, lines: list[str], n_files: int) -> None:
    """``n_files`` text files of consecutive lines (cycling through ``lines`` when there are too few)."""
    per = max(1, len(lines) // n_files)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        chunk = [lines[(i * per + k) % len(lines)] for k in range(per)]
        (folder / f"{i:04d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")


def make_engine(args: argparse.Namespace):
    from glossator.translate.fake import FakeEngine

    if args.model:
        from glossator.translate.models import load_engine

        return load_engine(Path(args.model).expanduser(), threads=args.threads)
    if args.engine == "cost":

        class CostlyEngine(FakeEngine):
            def translate(self, segments):
                time.sleep(args.cost_ms / 1000 * len(segments))
                return super().translate(segments)

        return CostlyEngine()
    return FakeEngine()


def throughput(args: argparse.Namespace) -> None:
    from glossator.translate.batch import BatchRunner
    from glossator.translate.enforce import Enforcer
    from glossator.translate.segment import join_document, split_document

    lines = wmt_lines(args.limit)
    engine = make_engine(args)
    enforcer = Enforcer(engine, None)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        write_files(src, lines, args.files)
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(src.iterdir()))

        def one_call() -> int:
            segments = split_document(text)
            results = enforcer.translate([s.source for s in segments])
            join_document(text, segments, [r.target for r in results])
            return len(segments)

        def batch(run: int) -> int:
            runner = BatchRunner(enforcer, out_dir=Path(tmp) / f"out{run}", model_id=engine.model_id,
                                 batch_segments=args.batch_segments)
            summary = runner.run([src])
            assert summary.ok, summary
            return summary.segments

        enforcer.translate(["Ein Satz zum Aufwärmen."])  # load the model before timing
        best_one = best_batch = float("inf")
        for run in range(args.repeat):  # interleaved, best of N: the machine is shared
            t = time.perf_counter()
            n_one = one_call()
            best_one = min(best_one, time.perf_counter() - t)
            t = time.perf_counter()
            n_batch = batch(run)
            best_batch = min(best_batch, time.perf_counter() - t)
    assert n_one == n_batch, (n_one, n_batch)
    engine_name = f"model {args.model}" if args.model else args.engine + (
        f" ({args.cost_ms} ms/segment)" if args.engine == "cost" else "")
    print(f"throughput: {args.files} files, {len(lines)} lines, {n_one} segments, engine {engine_name}, "
          f"best of {args.repeat}")
    print(f"  one call   {best_one:8.3f} s  {n_one / best_one:10.1f} seg/s")
    print(f"  batch      {best_batch:8.3f} s  {n_batch / best_batch:10.1f} seg/s")
    print(f"  ratio batch/one-call throughput: {best_one / best_batch:.2f}x (aim >= 0.9x)")
    overhead = (best_batch - best_one) / args.files
    print(f"  batch overhead: {overhead * 1000:.2f} ms per file; at 0.9x a model needs >= "
          f"{overhead * 9 * args.files / n_one * 1000:.2f} ms per segment to hide it")


def cluster_throughput(args: argparse.Namespace) -> None:
    """The batch on local Dask clusters of each size in ``--workers``, against the in-process batch."""
    import os

    from glossator.translate.batch import BatchRunner
    from glossator.translate.cluster import (
        ClusterRunner, FakeModel, GlossarySnapshot, cluster_client, model_for, prepare_workers, warm_worker,
    )
    from glossator.translate.enforce import make_enforcer

    lines = wmt_lines(args.limit)
    cores = os.cpu_count() or 1
    engine = make_engine(args)
    enforcer = make_enforcer(engine, None)  # what the workers build
    snapshot = GlossarySnapshot((), 0)

    def worker_model(n: int):
        if args.model:
            from glossator.translate.models import load_engine

            threads = args.threads or max(1, cores // n)  # the workers share this machine's cores
            return model_for(load_engine(Path(args.model).expanduser(), threads=1), threads=threads)
        return FakeModel(args.cost_ms if args.engine == "cost" else 0.0)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        write_files(src, lines, args.files)
        runs = 0

        def out() -> Path:
            nonlocal runs
            runs += 1
            return Path(tmp) / f"out{runs}"

        enforcer.translate(["Ein Satz zum Aufwärmen."])
        with contextlib.ExitStack() as stack:
            clusters = []
            for n in args.workers:  # all started first, so the runs below can be interleaved
                t = time.perf_counter()
                client = stack.enter_context(cluster_client(workers=n))  # what --workers N starts
                started = time.perf_counter() - t
                model = prepare_workers(client, worker_model(n))
                client.run(warm_worker, model, snapshot)  # every worker loads the model now, not in the timing
                clusters.append((n, client, model, started))
            best_local = float("inf")
            best = {n: (float("inf"), 0, 0.0) for n in args.workers}
            for _ in range(args.repeat):  # interleaved, best of N: the machine is shared
                t = time.perf_counter()
                summary = BatchRunner(enforcer, out_dir=out(), model_id=engine.model_id,
                                      batch_segments=args.batch_segments).run([src])
                best_local = min(best_local, time.perf_counter() - t)
                segments = summary.segments
                for n, client, model, _ in clusters:
                    runner = ClusterRunner(client, model, snapshot, out_dir=out(), batch_segments=args.batch_segments)
                    t = time.perf_counter()
                    summary = runner.run([src])
                    seconds = time.perf_counter() - t
                    assert summary.ok and summary.segments == segments, summary
                    if seconds < best[n][0]:
                        best[n] = (seconds, runner.chunks_done, runner.client_seconds)
        figures = [(n, *best[n], started) for n, _, _, started in clusters]

    engine_name = f"model {args.model}" if args.model else args.engine + (
        f" ({args.cost_ms} ms/segment, a sleep: no CPU)" if args.engine == "cost" else "")
    print(f"cluster throughput: {args.files} files, {len(lines)} lines, {segments} segments, "
          f"{args.batch_segments} segments per chunk, engine {engine_name}, {cores} cores, best of {args.repeat}")
    print(f"  in-process batch     {best_local:8.3f} s  {segments / best_local:10.1f} seg/s  (baseline)")
    base = figures[0][1]
    for n, secs, chunks, client_s, started in figures:
        print(f"  {n} worker{'s' if n > 1 else ' '} (Dask)     {secs:8.3f} s  {segments / secs:10.1f} seg/s  "
              f"{best_local / secs:5.2f}x in-process, {base / secs:5.2f}x {figures[0][0]} worker(s); "
              f"{chunks} chunks; client CPU {client_s / max(chunks, 1) * 1000:.1f} ms per chunk, "
              f"{client_s / segments * 1000:.3f} ms per segment; "
              f"cluster start {started:.1f} s")


def rss_child(folder: Path) -> None:
    """Run one batch over ``folder`` (prepared by the parent) and print its figures as JSON."""
    from glossator.translate.batch import BatchRunner
    from glossator.translate.enforce import Enforcer
    from glossator.translate.fake import FakeEngine

    class Forgetful(FakeEngine):  # FakeEngine records every call for tests: that would be the growth measured
        def translate(self, segments):
            out = super().translate(segments)
            self.calls.clear()
            return out

    engine = Forgetful()
    enforcer = Enforcer(engine, None)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # interpreter and imports
    t = time.perf_counter()
    summary = BatchRunner(enforcer, out_dir=folder.parent / "out", model_id=engine.model_id).run([folder])
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"files": summary.done, "segments": summary.segments, "peak_rss_kib": peak,
                      "rss_before_kib": before, "rss_after_kib": _current_rss_kib(), "seconds": round(seconds, 2)}))


def _current_rss_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss(args: argparse.Namespace) -> None:
    print(f"peak RSS (one subprocess per batch, fake engine, {args.lines_per_file} lines per file):")
    lines = wmt_lines(0)
    figures = []
    for n in (10, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            write_files(src, lines * (1 + n * args.lines_per_file // len(lines)), n)
            for p in src.iterdir():
                kept = p.read_text(encoding="utf-8").splitlines()[: args.lines_per_file]
                p.write_text("\n".join(kept) + "\n", encoding="utf-8")
            out = subprocess.run([sys.executable, __file__, "--rss-child", str(src)],
                                 capture_output=True, text=True, check=True)
        fig = json.loads(out.stdout.strip().splitlines()[-1])
        figures.append(fig)
        print(f"  {n:5d} files  {fig['segments']:7d} segments  peak RSS {fig['peak_rss_kib'] / 1024:6.1f} MiB"
              f"  (peak after imports {fig['rss_before_kib'] / 1024:.1f} MiB; RSS after the batch "
              f"{fig['rss_after_kib'] / 1024:.1f} MiB; batch {fig['seconds']} s)")
    grow = [(f["peak_rss_kib"] - f["rss_before_kib"]) / 1024 for f in figures]
    print(f"  growth during the batch: {grow[0]:.1f} MiB (10 files) vs {grow[1]:.1f} MiB (1000 files); "
          f"peak ratio 1000/10: {figures[1]['peak_rss_kib'] / figures[0]['peak_rss_kib']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--limit", type=int, default=2000, help="WMT lines to use (0: all 4,334)")
    parser.add_argument("--engine", choices=("fake", "cost"), default="fake")
    parser.add_argument("--cost-ms", type=float, default=2.0)
    parser.add_argument("--model", help="an Argos package directory (real engine)")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--batch-segments", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lines-per-file", type=int, default=10)
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--workers", type=int, nargs="+", help="local Dask cluster sizes to measure, e.g. 1 2")
    parser.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    if args.workers:
        cluster_throughput(args)
        return
    throughput(args)
    if not args.skip_rss:
        rss(args)


if __name__ == "__main__":
    main()
