"""Batch output paths: whatever the input tree and the output folder hold (symbolic links out of them, an
output folder inside the input, an input inside the output), a batch writes only inside OUTDIR and never
overwrites an input. Every test snapshots everything outside OUTDIR (and the inputs inside it) and compares.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.translate.batch import BATCH_DB_NAME, BatchRunner
from glossator.translate.enforce import Enforcer
from glossator.translate.errors import TranslateError
from glossator.translate.fake import FakeEngine


def snapshot(root: Path, *, skip: Path | None = None) -> dict[str, tuple[str, bytes | str]]:
    """Every file, folder and link under ``root`` (not following links), except under ``skip``."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if skip is not None and (path == skip or skip in path.parents):
                continue
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = ("dir", b"")
            else:
                found[rel] = ("file", path.read_bytes())
    return found


def _run(paths, out: Path, exports=("xliff", "tmx", "json", "report")):
    runner = BatchRunner(Enforcer(FakeEngine(), None), out_dir=out, model_id="fake", exports=exports)
    return runner.run(paths)


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """tmp/in (the inputs), tmp/outside (must never change), tmp/outside/secret.txt."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Der Hund ist gut.\n")
    (tmp_path / "in" / "sub" / "b.md").write_text("# Der Tag\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("Die Katze.\n")
    (tmp_path / "outside" / "victim.txt").write_text("precious\n")
    return tmp_path


def test_symbolic_links_in_the_input_tree_lead_no_write_outside(world: Path) -> None:
    inputs, out = world / "in", world / "out"
    (inputs / "linked-file.txt").symlink_to(world / "outside" / "secret.txt")
    (inputs / "linked-dir").symlink_to(world / "outside")
    (inputs / "dangling.txt").symlink_to(world / "nowhere" / "x.txt")
    (inputs / "loop").symlink_to(inputs)
    before = snapshot(world, skip=out)
    summary = _run([inputs], out)
    assert snapshot(world, skip=out) == before
    by_rel = {f.rel: f for f in summary.files}
    # a linked file is read like any input and translated into OUTDIR under its link name; linked folders
    # (the way out, and loops) are not walked
    assert by_rel["linked-file.txt"].status == "done"
    assert (out / "linked-file.txt").read_text() == "The cat.\n" and not (out / "linked-file.txt").is_symlink()
    assert not any(rel.startswith(("linked-dir", "loop")) for rel in by_rel)
    assert by_rel["dangling.txt"].status == "failed" and "\n" not in by_rel["dangling.txt"].message
    assert all(not p.is_symlink() for p in out.rglob("*"))


def test_links_planted_in_the_output_folder_are_never_followed(world: Path) -> None:
    inputs, out = world / "in", world / "out"
    out.mkdir()
    victim = world / "outside" / "victim.txt"
    (out / "a.txt").symlink_to(victim)
    (out / "a.txt.xlf").symlink_to(victim)
    (out / "sub").symlink_to(world / "outside")
    before = snapshot(world, skip=out)
    summary = _run([inputs], out)
    assert snapshot(world, skip=out) == before
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["a.txt"].status == "failed" and "symbolic link" in by_rel["a.txt"].message
    assert by_rel["sub/b.md"].status == "failed" and "outside" in by_rel["sub/b.md"].message
    assert not (world / "outside" / "b.md").exists()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("target", ["existing", "dangling"])
def test_a_batch_database_that_is_a_link_is_refused(world: Path, suffix: str, target: str) -> None:
    inputs, out = world / "in", world / "out"
    out.mkdir()
    victim = world / "outside" / ("victim.txt" if target == "existing" else "new.db")
    (out / (BATCH_DB_NAME + suffix)).symlink_to(victim)
    before = snapshot(world, skip=out)
    with pytest.raises(TranslateError, match="symbolic link"):
        _run([inputs], out)
    assert snapshot(world, skip=out) == before
    assert not victim.exists() or victim.read_text() == "precious\n"


def test_output_folder_inside_the_input_folder(world: Path) -> None:
    inputs = world / "in"
    out = inputs / "translated"
    before = snapshot(world, skip=out)
    first = _run([inputs], out)
    second = _run([inputs], out)
    assert snapshot(world, skip=out) == before
    assert first.ok and second.ok and first.done == second.done == 2
    assert not any(f.rel.startswith("translated") for f in first.files + second.files)
    assert (out / "a.txt").read_text() == "The dog is good.\n"


def test_output_folder_that_is_the_input_or_a_link_to_it_is_refused(world: Path) -> None:
    inputs = world / "in"
    (world / "link-to-in").symlink_to(inputs)
    before = snapshot(world)
    for out in (inputs, world / "link-to-in", world / "in" / "sub" / ".."):
        with pytest.raises(TranslateError, match="is the input directory"):
            _run([inputs], out)
    assert snapshot(world) == before


def test_input_inside_the_output_folder_is_never_overwritten(world: Path) -> None:
    # tmp/in/in/a.txt would be translated to tmp/in/a.txt: an input of the same batch
    inputs = world / "in"
    (inputs / "in").mkdir()
    (inputs / "in" / "a.txt").write_text("Die Woche ist neu.\n")
    before = snapshot(inputs)
    summary = _run([inputs], world, exports=())
    assert snapshot(inputs) == before
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["in/a.txt"].status == "failed" and "input of this batch" in by_rel["in/a.txt"].message
    assert by_rel["a.txt"].status == "done" and (world / "a.txt").read_text() == "The dog is good.\n"


def test_an_input_link_pointing_into_the_output_folder(world: Path) -> None:
    # in/alias.txt -> out/a.txt: writing the translation of in/a.txt would change the input alias.txt
    inputs, out = world / "in", world / "out"
    out.mkdir()
    (out / "a.txt").write_text("Das Haus.\n")
    (inputs / "alias.txt").symlink_to(out / "a.txt")
    before = snapshot(world, skip=out)
    summary = _run([inputs], out, exports=())
    assert snapshot(world, skip=out) == before
    by_rel = {f.rel: f for f in summary.files}
    assert by_rel["a.txt"].status == "failed" and "input of this batch" in by_rel["a.txt"].message
    assert (out / "a.txt").read_text() == "Das Haus.\n"


def test_dotdot_and_absolute_input_paths_stay_inside(world: Path) -> None:
    inputs, out = world / "in", world / "out"
    before = snapshot(world, skip=out)
    paths = [world / "in" / "sub" / ".." / "a.txt", str((world / "outside" / "secret.txt").resolve()),
             world / "in" / "sub" / ".." / "sub"]
    summary = _run(paths, out, exports=())
    assert snapshot(world, skip=out) == before
    assert summary.ok
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".")) == [
        "a.txt", "b.md", "secret.txt"]
    # and a glob that tries to climb matches nothing outside
    assert _run([inputs], world / "out2", exports=()).ok
    assert [f.rel for f in BatchRunner(Enforcer(FakeEngine(), None), out_dir=world / "out3", model_id="f")
            .run([inputs], glob="../*").files] == []
