"""How fast the review desk opens and paints a translated article.

The goal (issue 6): a 300-segment article, once translated, opens and paints its first screen in under a
second. This measures, headless (``App.run_test``), from opening the review project to the first frame with the
segments painted, for a bare Textual app (the baseline: what Textual itself costs), the 21-segment seed article
and a 300-segment article; then moving the cursor and re-wrapping everything after a resize; and the same first
paint from a fresh Python process (interpreter start and imports included, as a user starting the command sees).
A third document of 300 segments repeats the seed's paragraphs verbatim: it is translated in the desk from scratch
(the fake engine counts the sentences it is sent: repeats are translated once), then timed like the others.

Prints figures and ratios to the baseline; asserts nothing.

    .venv/bin/python bench/bench_review.py [--segments 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "us-china-north-korea-2024-02.de.txt"
SIZE = (120, 40)


def make_article(segments: int) -> str:
    """The seed article's paragraphs repeated (numbered so every segment differs) up to ``segments`` segments."""
    from glossator.translate.segment import split_document

    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    count = 0
    round_no = 0
    while count < segments:
        round_no += 1
        for paragraph in paragraphs:
            line = f"{paragraph} (Teil {round_no})"
            found = len(split_document(line))
            if count + found > segments:
                continue
            out += [line, ""]
            count += found
            if count >= segments:
                break
        if round_no > 1000:
            break
    return "\n".join(out) + "\n"


def make_repeating_article(segments: int) -> str:
    """The seed article's paragraphs, repeated verbatim (press-agency copy often repeats paragraphs) up to
    ``segments`` segments: about one segment in fourteen is new, the rest are repeats."""
    from glossator.translate.segment import split_document

    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < segments:
        for paragraph in paragraphs:
            found = len(split_document(paragraph))
            if count + found > segments:
                break
            out += [paragraph, ""]
            count += found
        else:
            continue
        break
    return "\n".join(out) + "\n"


class CountingEngine:
    """The fake engine, counting the sentences it is asked to translate."""

    def __init__(self) -> None:
        from glossator.translate.fake import FakeEngine

        self.engine = FakeEngine()
        self.model_id = self.engine.model_id
        self.sentences = 0

    def translate(self, segments):
        self.sentences += len(segments)
        return self.engine.translate(segments)

    def translate_nbest(self, segments, n):
        self.sentences += len(segments)
        return self.engine.translate_nbest(segments, n)


async def time_desk_translation(document: Path, glossary_path: Path) -> dict[str, float]:
    """Open an untranslated document in the desk and wait for its background translation to finish."""
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.project import ReviewProject
    from glossator.tui.app import ReviewApp

    glossary = GlossaryStore.open(glossary_path)
    project = ReviewProject.open(document)
    engine = CountingEngine()
    app = ReviewApp(document, engine=engine, glossary=glossary, project=project)
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while project.pending():
            await app.workers.wait_for_complete()
            await pilot.pause()
        figures = {"translate in the desk": time.perf_counter() - start, "sentences sent": float(engine.sentences),
                   "segments": float(len(project)), "distinct": float(len({s.source for s in project.segments}))}
    glossary.close()
    project.close()
    return figures


def translate_project(document: Path, glossary) -> int:
    """Translate the whole document into its review project (the 'once translated' of the goal)."""
    from dataclasses import replace

    from glossator.translate.enforce import Enforcer
    from glossator.translate.fake import FakeEngine
    from glossator.translate.project import ReviewProject

    project = ReviewProject.open(document)
    pending = project.pending()
    results = Enforcer(FakeEngine(), glossary.matcher()).translate([s.source for s in pending])
    project.store_machine([replace(r, index=s.index, line=s.line) for r, s in zip(results, pending)])
    total = len(project)
    project.close()
    return total


async def time_bare_app() -> tuple[float, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("baseline")
            yield Footer()

    start = time.perf_counter()
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen._compositor.render_strips()
        elapsed = time.perf_counter() - start
        moves = 50
        t0 = time.perf_counter()
        for _ in range(moves):
            await pilot.press("down")
        await pilot.pause()
        per_key = (time.perf_counter() - t0) / moves
    return elapsed, per_key


async def time_review(document: Path, glossary_path: Path) -> dict[str, float]:
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.fake import FakeEngine
    from glossator.translate.project import ReviewProject
    from glossator.tui.app import ReviewApp

    start = time.perf_counter()
    glossary = GlossaryStore.open(glossary_path)
    project = ReviewProject.open(document)
    opened = time.perf_counter() - start
    app = ReviewApp(document, engine=FakeEngine(), glossary=glossary, project=project)
    figures: dict[str, float] = {"open project": opened}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        figures["first paint"] = time.perf_counter() - start
        if not any("│" in line for line in lines[1:5]):
            raise SystemExit("the first frame shows no segments: the benchmark measures the wrong thing")
        view = app.screen.view
        moves = 50
        t0 = time.perf_counter()
        for _ in range(moves):
            await pilot.press("down")
        await pilot.pause()
        figures["cursor move (per key)"] = (time.perf_counter() - t0) / moves
        t0 = time.perf_counter()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        app.screen._compositor.render_strips()
        figures["re-wrap after resize"] = time.perf_counter() - t0
        assert view.virtual_size.height > 0
    glossary.close()
    project.close()
    return figures


COLD_START = """
import asyncio, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from glossator.glossary.store import GlossaryStore
from glossator.translate.fake import FakeEngine
from glossator.tui.app import ReviewApp

async def run():
    app = ReviewApp(Path({document!r}), engine=FakeEngine(), glossary=GlossaryStore.open({glossary!r}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen._compositor.render_strips()

asyncio.run(run())
"""


BARE_COLD_START = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("baseline")
        yield Footer()

async def run():
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen._compositor.render_strips()

asyncio.run(run())
"""


def time_cold_start(document: Path | None, glossary_path: Path | None) -> float:
    """A fresh Python process: interpreter start, imports (Textual included), open, first paint, exit.

    Without a document: the bare Textual app, the baseline.
    """
    import subprocess

    if document is None:
        code = BARE_COLD_START
    else:
        code = COLD_START.format(repo=str(REPO), document=str(document), glossary=str(glossary_path))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GLOSSATOR_HOME"] = str(Path(tmp) / "home")
        sys.path.insert(0, str(REPO))
        from glossator.glossary.store import GlossaryStore

        glossary_path = Path(tmp) / "glossary.db"
        store = GlossaryStore.open(glossary_path, seed=True)
        small = Path(tmp) / "seed.de.txt"
        small.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        large = Path(tmp) / "large.de.txt"
        large.write_text(make_article(args.segments), encoding="utf-8")
        repeating = Path(tmp) / "repeating.de.txt"
        repeating.write_text(make_repeating_article(args.segments), encoding="utf-8")
        desk = asyncio.run(time_desk_translation(repeating, glossary_path))
        sizes = {small: translate_project(small, store), large: translate_project(large, store),
                 repeating: desk["segments"]}
        entries = len(store.entries())
        store.close()

        bare = [(*asyncio.run(time_bare_app()), time_cold_start(None, None)) for _ in range(args.repeat)]
        runs: dict[Path, list[dict[str, float]]] = {
            doc: [asyncio.run(time_review(doc, glossary_path)) for _ in range(args.repeat)] for doc in sizes
        }
        for doc, results in runs.items():
            for result in results:
                result["cold start, new process"] = time_cold_start(doc, glossary_path)

    base = {
        "first paint": statistics.median(b[0] for b in bare),
        "cursor move (per key)": statistics.median(b[1] for b in bare),
        "cold start, new process": statistics.median(b[2] for b in bare),
    }
    print(f"review desk, headless {SIZE[0]}x{SIZE[1]}, glossary of {entries} entries, median of {args.repeat} runs")
    print("  baseline: a bare Textual app (header, static, footer)")
    print(f"    {'first paint':<24} {base['first paint'] * 1000:8.1f} ms")
    print(f"    {'key press (Pilot, no-op)':<24} {base['cursor move (per key)'] * 1000:8.1f} ms")
    print(f"    {'cold start, new process':<24} {base['cold start, new process'] * 1000:8.1f} ms")
    for doc, results in runs.items():
        print(f"  {int(sizes[doc]):>4} segments{' (repeated paragraphs)' if doc.name.startswith('rep') else ''}:")
        for key in results[0]:
            value = statistics.median(r[key] for r in results)
            ratio = f"  ({value / base[key]:4.1f}x baseline)" if key in base else ""
            print(f"    {key:<24} {value * 1000:8.1f} ms{ratio}")
    print(f"  the repeating document translated in the desk from scratch: {desk['translate in the desk']:.2f} s, "
          f"{int(desk['sentences sent'])} sentences sent to the engine for {int(desk['segments'])} segments "
          f"({int(desk['distinct'])} distinct)")


if __name__ == "__main__":
    main()
