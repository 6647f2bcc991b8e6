"""The batch runner: mirroring, pooling, resume after a kill, bad files, output safety, memory, summary."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import docx
import pytest

from glossator.translate.batch import BATCH_DB_NAME, BatchRunner, discover, output_path
from glossator.translate.errors import TranslateError
from glossator.translate.fake import FakeEngine
from glossator.translate.memory import TranslationMemory
from glossator.translate.progress import BarProgress, LogProgress, describe_summary
from glossator.translate.result import SegmentResult, TermResult

MODEL = FakeEngine().model_id


class Translator:
    """FakeEngine output as SegmentResults, one glossary term (Nordkorea) checked; counts what it translates.

    A stand-in for ``translate.enforce.Enforcer`` with the same ``translate`` signature.
    """

    def __init__(self, fail_on: str | None = None) -> None:
        self.engine = FakeEngine()
        self.fail_on = fail_on
        self.calls: list[list[str]] = []

    def translate(self, sources: Sequence[str]) -> list[SegmentResult]:
        self.calls.append(list(sources))
        if self.fail_on and any(self.fail_on in s for s in sources):
            raise TranslateError("the model choked")
        out = []
        for i, (s, t) in enumerate(zip(sources, self.engine.translate(sources))):
            terms = []
            k = s.find("Nordkorea")
            if k >= 0:
                status = "applied" if "North Korea" in t else "violated"
                terms.append(TermResult("Nordkorea", "North Korea", status, 1, k, k + 9))
            out.append(SegmentResult(i, 0, s, t, terms))
        return out

    @property
    def translated(self) -> int:
        return sum(len(c) for c in self.calls)


class Killed(BaseException):
    """Stands for a kill: not an Exception, so nothing in the runner may swallow it."""


class DyingTranslator(Translator):
    def __init__(self, calls_before_death: int) -> None:
        super().__init__()
        self.left = calls_before_death

    def translate(self, sources: Sequence[str]) -> list[SegmentResult]:
        if self.left == 0:
            raise Killed()
        self.left -= 1
        return super().translate(sources)


def _docx(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / "a.txt").write_text("Der Hund ist gut. Die Katze nicht.\n\nNordkorea und Russland.\n")
    (src / "sub" / "b.md").write_text("# Der Tag\n\nDer **Hund** und die Katze.\n")
    (src / "sub" / "c.html").write_text("<p>Der Präsident sagte heute.</p>\n")
    (src / "sub" / "deeper" / "d.docx").write_bytes(_docx("Die Regierung sagte heute. Der Krieg."))
    (src / "sub" / "e.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">'
        '<file id="f"><unit id="1"><segment><source>Der Hund.</source></segment></unit></file></xliff>'
    )
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0binary")
    (src / "latin.txt").write_bytes("Die Größe.\n".encode("latin-1"))  # not UTF-8: detected and kept
    (src / ".hidden.txt").write_text("Der Hund.")
    for i in range(12):
        (src / "many" / f"{i:02d}.txt").parent.mkdir(exist_ok=True)
        (src / "many" / f"{i:02d}.txt").write_text(f"Der Hund {i} ist gut.\nDie Katze {i} sagte heute.\n")
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".glossator-batch.db")
    }


def _runner(out: Path, translator=None, **kw) -> BatchRunner:
    return BatchRunner(translator or Translator(), out_dir=out, model_id=MODEL, **kw)


def test_batch_mirrors_inputs_and_reports(inputs: Path, tmp_path: Path) -> None:
    before = _tree(inputs)
    out = tmp_path / "out"
    summary = _runner(out).run([inputs])
    assert _tree(inputs) == before  # inputs untouched
    outputs = _tree(out)
    assert set(outputs) == {"a.txt", "latin.txt", "sub/b.md", "sub/c.html", "sub/deeper/d.docx", "sub/e.xlf"} | {
        f"many/{i:02d}.txt" for i in range(12)}
    assert outputs["a.txt"] == b"The dog is good. The cat not.\n\nNorth Korea and Russia.\n"
    assert outputs["sub/b.md"] == b"# The day\n\nThe **dog** and the cat.\n"  # one sentence across the markup
    assert outputs["sub/c.html"] == b"<p>The president said today.</p>\n"
    assert docx.Document(out / "sub/deeper/d.docx").paragraphs[0].text == "The government said today. The war."
    assert b"<target>The dog.</target>" in outputs["sub/e.xlf"]
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["photo.jpg"].status == "skipped" and "unsupported file type .jpg" in by_rel["photo.jpg"].message
    assert by_rel["latin.txt"].status == "done" and outputs["latin.txt"].decode("latin-1") == "The Größe.\n"
    assert ".hidden.txt" not in by_rel
    assert (summary.done, summary.skipped, summary.failed) == (18, 1, 0)
    assert summary.ok and summary.segments == 3 + 1 + 2 + 1 + 2 + 1 + 24
    assert summary.problems == 0
    assert "18 files done, 1 skipped, 0 failed" in describe_summary(summary)


def test_segments_of_many_files_are_pooled(inputs: Path, tmp_path: Path) -> None:
    translator = Translator()
    _runner(tmp_path / "out", translator, batch_segments=1000).run([inputs])
    assert len(translator.calls) == 1  # every file's segments in one call
    assert translator.translated == len(set(translator.calls[0]))  # each distinct sentence once


def test_glob_filters_directories(inputs: Path, tmp_path: Path) -> None:
    summary = _runner(tmp_path / "out").run([inputs], glob="*.md")
    assert [f.rel for f in summary.files] == ["sub/b.md"]


def test_resume_after_kill_gives_identical_outputs(inputs: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _runner(reference, batch_segments=4).run([inputs])

    out = tmp_path / "out"
    with pytest.raises(Killed):
        _runner(out, DyingTranslator(calls_before_death=3), batch_segments=4).run([inputs])
    assert not [p for p in out.rglob("*.part")]  # nothing half-written
    with sqlite3.connect(out / BATCH_DB_NAME) as db:
        saved = db.execute("SELECT count(*) FROM segments").fetchone()[0]
    assert saved >= 12

    again = Translator()
    summary = _runner(out, again, batch_segments=4).run([inputs])
    assert summary.ok and summary.resumed >= saved
    total = sum(f.segments for f in summary.files if f.status == "done")
    assert again.translated <= total - saved  # finished segments were not translated again
    assert _tree(out) == _tree(reference)

    third = Translator()
    summary = _runner(out, third).run([inputs])
    assert third.calls == []
    assert all(f.message == "unchanged since the last run" for f in summary.files if f.status == "done")


def test_changed_input_is_translated_again(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _runner(out).run([inputs / "a.txt"])
    (inputs / "a.txt").write_text("Der Tag.\n")
    summary = _runner(out).run([inputs / "a.txt"])
    assert summary.resumed == 0
    assert (out / "a.txt").read_text() == "The day.\n"


SLOW_RUN = """
import sys, time
sys.path[:0] = {paths!r}
from pathlib import Path
from glossator.translate.batch import BatchRunner
from test_batch import Translator

class Slow(Translator):
    def translate(self, sources):
        time.sleep(0.05)
        return super().translate(sources)

BatchRunner(Slow(), out_dir=Path(sys.argv[2]), model_id="fake:de-en:1", batch_segments=2).run([Path(sys.argv[1])])
"""


@pytest.mark.slow
def test_resume_after_sigkill(inputs: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _runner(reference, batch_segments=2).run([inputs])
    out = tmp_path / "out"
    script = tmp_path / "slow_run.py"
    script.write_text(SLOW_RUN.format(paths=[str(Path(__file__).parent)] + sys.path))
    proc = subprocess.Popen([sys.executable, str(script), str(inputs), str(out)])
    deadline = time.monotonic() + 60
    saved = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / BATCH_DB_NAME, timeout=1) as db:
                saved = db.execute("SELECT count(*) FROM segments").fetchone()[0]
        except sqlite3.Error:
            continue
        if saved >= 10:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert saved >= 10
    again = Translator()
    summary = _runner(out, again, batch_segments=2).run([inputs])
    assert summary.ok and summary.resumed >= saved
    assert _tree(out) == _tree(reference)
    assert not [p for p in out.rglob("*.part")]


def test_bad_files_fail_alone(inputs: Path, tmp_path: Path) -> None:
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (inputs / "broken.xlf").write_text("<xliff version='2.0'")
    (inputs / "poison.txt").write_text("Der Hund.\nBOOM macht es.\n")
    summary = _runner(tmp_path / "out", Translator(fail_on="BOOM"), batch_segments=1000).run([inputs])
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["broken.docx"].status == "failed" and ".docx" in by_rel["broken.docx"].message
    assert by_rel["broken.xlf"].status == "failed" and "well-formed" in by_rel["broken.xlf"].message
    assert by_rel["poison.txt"].status == "failed" and "the model choked" in by_rel["poison.txt"].message
    assert summary.failed == 3 and summary.done == 18 and not summary.ok
    assert (tmp_path / "out" / "a.txt").exists()
    assert not (tmp_path / "out" / "poison.txt").exists()


def test_output_paths_stay_inside_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    (out / "file.txt").symlink_to(tmp_path / "elsewhere" / "x.txt")
    for rel in ("../x.txt", "/etc/passwd", "link/a.txt", "file.txt"):
        with pytest.raises(TranslateError, match="refusing"):
            output_path(out, PurePosixPath(rel))
    assert output_path(out, PurePosixPath("sub/a.txt")) == out.resolve() / "sub" / "a.txt"


def test_inputs_are_never_overwritten(inputs: Path, tmp_path: Path) -> None:
    with pytest.raises(TranslateError, match="is the input directory"):
        _runner(inputs).run([inputs])
    # the output directory inside an input directory is not read as input
    nested = inputs / "translated"
    _runner(nested).run([inputs])
    summary = _runner(nested).run([inputs])
    assert not any(f.rel.startswith("translated") for f in summary.files)
    # a file given twice (as input and as the place of another input's output) is refused
    out = tmp_path / "o"
    out.mkdir()
    (out / "a.txt").write_text("Der Tag.\n")
    before = (out / "a.txt").read_text()
    summary = _runner(out).run([inputs / "a.txt", out / "a.txt"])
    assert summary.failed >= 1
    assert (out / "a.txt").read_text() == before


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TranslateError, match="does not exist"):
        discover([tmp_path / "nope"], out_dir=tmp_path / "out")


def test_translation_memory_reuse(inputs: Path, tmp_path: Path) -> None:
    tm = TranslationMemory(tmp_path / "memory.db")
    tm.store("Der Hund ist gut.", "The hound is fine.", model_id="reviewer", glossary_revision=0, origin="approved")
    first = Translator()
    s1 = _runner(tmp_path / "out1", first, memory=tm).run([inputs / "a.txt"])
    assert s1.memory_hits == 1
    assert (tmp_path / "out1" / "a.txt").read_text().startswith("The hound is fine. The cat not.")
    second = Translator()
    s2 = _runner(tmp_path / "out2", second, memory=tm).run([inputs / "a.txt"])
    assert second.calls == [] and s2.memory_hits == 3
    assert _tree(tmp_path / "out1") == _tree(tmp_path / "out2")
    # another glossary revision: these sentences contain no glossary entry, so nothing they owe it changed
    third = Translator()
    s3 = _runner(tmp_path / "out3", third, memory=tm, glossary_revision=5).run([inputs / "a.txt"])
    assert s3.memory_hits == 3 and third.calls == []
    # no memory: everything translated
    fourth = Translator()
    s4 = _runner(tmp_path / "out4", fourth).run([inputs / "a.txt"])
    assert s4.memory_hits == 0 and fourth.translated == 3


def test_progress_log_and_bar(inputs: Path, tmp_path: Path) -> None:
    log = io.StringIO()
    _runner(tmp_path / "out", progress=LogProgress(log)).run([inputs / "a.txt", inputs / "photo.jpg"])
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("[1/2] skipped  photo.jpg: unsupported file type .jpg")  # known before translating
    assert lines[1] == "[2/2] done     a.txt (3 segments)"

    class Clock:
        t = 0.0

        def __call__(self) -> float:
            self.t += 1.0
            return self.t

    bar = io.StringIO()
    _runner(tmp_path / "out2", progress=BarProgress(bar, clock=Clock())).run([inputs])
    text = bar.getvalue()
    assert "\r" in text and "files" in text and "seg/s" in text and "left" in text
    assert "skipped  photo.jpg" in text


def test_with_the_real_enforcer_and_glossary(tmp_path: Path) -> None:
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.enforce import Enforcer

    store = GlossaryStore.open(tmp_path / "g.db")
    store.add(Entry(id=None, source="Außenministerium", target="Foreign Office", type="org"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("# Das Außenministerium\n\nDas Außenministerium sagte heute.\n")
    (src / "b.txt").write_text("Das Außenministerium und Nordkorea.\n")
    runner = BatchRunner(Enforcer(FakeEngine(), store.matcher()), out_dir=tmp_path / "out", model_id=MODEL,
                         glossary_revision=store.revision, exports=["json"])
    summary = runner.run([src])
    store.close()
    assert summary.ok and summary.segments == 3
    assert (tmp_path / "out" / "b.txt").read_text() == "The Foreign Office and North Korea.\n"
    terms = [t for s in json.loads((tmp_path / "out" / "a.md.json").read_text())["segments"] for t in s["terms"]]
    assert terms and all(t["target"] == "Foreign Office" for t in terms)


def test_export_never_overwrites_another_translation(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("Der Hund.\n")
    (src / "a.md.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de">'
        '<file id="f"><unit id="1"><segment><source>Die Katze.</source></segment></unit></file></xliff>'
    )
    summary = _runner(tmp_path / "out", exports=["xliff"]).run([src])
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["a.md"].status == "failed" and "would overwrite" in by_rel["a.md"].message
    assert b"The cat." in (tmp_path / "out" / "a.md.xlf").read_bytes()


def test_a_reader_bug_fails_only_that_file(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossator.translate.formats import markdown

    def broken(data: bytes, **options):
        raise IndexError("list index out of range")

    monkeypatch.setattr(markdown.FORMAT, "parse", broken)
    summary = _runner(tmp_path / "out").run([inputs])
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["sub/b.md"].status == "failed" and "IndexError" in by_rel["sub/b.md"].message
    assert summary.done == 17


def test_memory_hits_are_checked_against_the_glossary(tmp_path: Path) -> None:
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.enforce import Enforcer

    store = GlossaryStore.open(tmp_path / "g.db")
    store.add(Entry(id=None, source="Außenministerium", target="Foreign Office", type="org"))
    tm = TranslationMemory(tmp_path / "memory.db")
    tm.store("Das Außenministerium sagte heute.", "The ministry said today.", model_id="x", glossary_revision=0,
             origin="approved")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das Außenministerium sagte heute.\n")
    summary = BatchRunner(Enforcer(FakeEngine(), store.matcher()), out_dir=tmp_path / "out", model_id=MODEL,
                          glossary_revision=store.revision, memory=tm).run([src])
    store.close()
    assert summary.memory_hits == 1 and summary.problems == 1  # the approved text predates the glossary entry


def test_parts_left_by_a_killed_run_are_removed(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = [out / ".a.txt.k3j_x9az.part", out / "sub" / ".b.md.xlf.0abcdefg.part"]
    for p in stale:
        p.write_bytes(b"half")
    keep = out / "sub" / "notes.part"  # not a name write_atomic gives
    keep.write_text("mine")
    _runner(out, exports=["xliff"]).run([inputs])
    assert not any(p.exists() for p in stale) and keep.exists()


def test_each_file_keeps_its_own_dateline_context(tmp_path: Path) -> None:
    """The same sentence in a Washington story and in an undated one gets each its own rendering."""
    from glossator.glossary.matcher import Matcher
    from glossator.glossary.model import Entry
    from glossator.translate.enforce import Enforcer
    from glossator.translate.fake import FakeEngine

    matcher = Matcher([
        Entry(id=1, source="Außenministerium", target="State Department", type="org", context=("Washington",)),
        Entry(id=2, source="Außenministerium", target="foreign ministry", type="org"),
    ])
    src = tmp_path / "in"
    src.mkdir()
    sentence = "Das teilte das Außenministerium mit."
    (src / "us.txt").write_text(f"WASHINGTON (Reuters) – Text.\n{sentence}\n", encoding="utf-8")
    (src / "other.txt").write_text(f"Text.\n{sentence}\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = BatchRunner(Enforcer(FakeEngine(), matcher), out_dir=out, model_id=MODEL).run([src])
    assert summary.ok
    assert "State Department" in (out / "us.txt").read_text(encoding="utf-8")
    assert "foreign ministry" in (out / "other.txt").read_text(encoding="utf-8")


def test_unreadable_text_fails_with_a_reason_and_the_others_are_done(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "binary.txt").write_bytes(b"\x00\x01\x02")
    (src / "ok.txt").write_text("Der Hund.\n")
    summary = _runner(tmp_path / "out").run([src])
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["binary.txt"].status == "failed" and "binary" in by_rel["binary.txt"].message
    assert by_rel["ok.txt"].status == "done" and not summary.ok


def test_encoding_given_and_output_encoding_asked_for(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes("Die Größe.\r\n".encode("cp850"))
    out = tmp_path / "out"
    summary = _runner(out, encoding="cp850", output_encoding="utf-8").run([src])
    assert summary.ok
    assert (out / "a.txt").read_bytes() == "The Größe.\r\n".encode()


def test_memory_is_keyed_on_the_entries_a_sentence_contains(tmp_path: Path) -> None:
    from glossator.glossary.model import Entry
    from glossator.glossary.store import GlossaryStore
    from glossator.translate.enforce import Enforcer

    store = GlossaryStore.open(tmp_path / "g.db")
    ministry = store.add(Entry(id=None, source="Außenministerium", target="Foreign Office", type="org"))
    korea = store.add(Entry(id=None, source="Nordkorea", target="North Korea", type="place"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das Außenministerium sagte heute.\nDer Hund ist gut.\nNordkorea und Russland.\n")
    tm = TranslationMemory(tmp_path / "memory.db")

    def run(out: str) -> tuple[FakeEngine, object]:
        engine = FakeEngine()
        runner = BatchRunner(Enforcer(engine, store.matcher()), out_dir=tmp_path / out, model_id=MODEL,
                             glossary_revision=store.revision, memory=tm)
        return engine, runner.run([src])

    engine, first = run("out1")
    assert first.memory_hits == 0 and first.translated == 3
    store.update(ministry.id, target="State Department")  # one entry edited
    engine, second = run("out2")
    assert second.memory_hits == 2 and second.translated == 1  # only the sentence that contains it
    assert (tmp_path / "out2" / "a.txt").read_text().startswith("The State Department said today.")
    store.add(Entry(id=None, source="Kreml", target="Kremlin", type="org"))  # an entry no sentence contains
    engine, third = run("out3")
    assert third.memory_hits == 3 and engine.calls == []
    store.update(korea.id, target="DPRK")
    engine, fourth = run("out4")
    assert fourth.memory_hits == 2 and (tmp_path / "out4" / "a.txt").read_text().endswith("DPRK and Russia.\n")
    tm.close()
    store.close()
