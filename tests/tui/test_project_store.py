"""The review project store (translate/project.py): no Textual, one SQLite file per document."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.translate.errors import TranslateError
from glossator.translate.project import ReviewProject, check_terms, default_export_path, project_path
from glossator.translate.result import SegmentResult


def _translate_all(project: ReviewProject, engine) -> None:
    pending = project.pending()
    targets = engine.translate([s.source for s in pending])
    project.store_machine([SegmentResult(s.index, s.line, s.source, t) for s, t in zip(pending, targets)])


def test_one_project_per_document_under_glossator_home(article: Path, glossator_home: Path):
    project = ReviewProject.open(article)
    try:
        assert project.path.parent == glossator_home / "projects"
        assert len(project) == 7 and all(s.status == "pending" for s in project.segments)
    finally:
        project.close()
    # Same path, same content: the same project. Changed content: another one.
    text = article.read_text(encoding="utf-8")
    assert project_path(article, text) == project.path
    assert project_path(article, text + "Neu.\n") != project.path


def test_every_change_is_committed_at_once(article: Path, fake_engine):
    project = ReviewProject.open(article)
    _translate_all(project, fake_engine)
    project.edit(1, "Edited.")
    project.approve(0)
    project.cursor = 4
    project.save_draft(5, "half-typed")
    # A second connection (another process after a kill) sees it all without any close or commit call.
    with sqlite3.connect(project.path) as conn:
        rows = dict(conn.execute("SELECT idx, status FROM segments"))
        state = dict(conn.execute("SELECT key, value FROM state"))
    assert rows[0] == "approved" and rows[1] == "edited" and rows[2] == "machine"
    assert state["cursor"] == "4" and "half-typed" in state["draft"]
    project.close()
    again = ReviewProject.open(article)
    assert again.cursor == 4 and again.draft == (5, "half-typed") and again[1].target == "Edited."
    again.close()


def test_wal_journal(article: Path):
    project = ReviewProject.open(article)
    mode = project._conn.execute("PRAGMA journal_mode").fetchone()[0]
    project.close()
    assert mode == "wal"


def test_machine_results_never_overwrite_reviewed_english(article: Path, fake_engine):
    project = ReviewProject.open(article)
    _translate_all(project, fake_engine)
    project.edit(0, "Mine.")
    project.approve(1)
    approved = project[1].target
    project.store_machine(
        [SegmentResult(0, 1, project[0].source, "New machine 0"), SegmentResult(1, 2, project[1].source, "New 1"),
         SegmentResult(2, 4, project[2].source, "New machine 2")]
    )
    assert (project[0].target, project[0].machine_target, project[0].status) == ("Mine.", "New machine 0", "edited")
    assert (project[1].target, project[1].status) == (approved, "approved")
    assert (project[2].target, project[2].status) == ("New machine 2", "machine")
    project.close()


def test_approving_an_untranslated_segment_is_refused(article: Path):
    project = ReviewProject.open(article)
    with pytest.raises(TranslateError, match="not translated yet"):
        project.approve(0)
    project.close()


def test_check_terms_of_reviewer_english(glossary):
    matcher = glossary.matcher()
    source = "Das Außenministerium sagte heute, Nordkorea und Russland haben eine militärische Zusammenarbeit."
    terms = {t.source: t.status for t in check_terms(source, "The State Department said North Korea is…", matcher)}
    assert terms == {"Außenministerium": "applied", "Nordkorea": "applied"}
    terms = {t.source: t.status for t in check_terms(source, "The foreign ministry said Pyongyang…", matcher)}
    assert terms == {"Außenministerium": "violated", "Nordkorea": "violated"}


def test_export_keeps_the_structure_and_uses_the_reviewed_english(article: Path, fake_engine, tmp_path: Path):
    project = ReviewProject.open(article)
    _translate_all(project, fake_engine)
    project.edit(3, "The government said no more.")
    out = project.export(tmp_path / "out" / "artikel.en.txt")
    project.close()
    lines = out.read_text(encoding="utf-8").split("\n")
    source_lines = article.read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(source_lines)
    assert lines[3].endswith("The government said no more.")
    assert lines[2] == "" and lines[-1] == ""


def test_default_export_path():
    assert default_export_path(Path("/a/artikel.de.txt")) == Path("/a/artikel.en.txt")
    assert default_export_path(Path("/a/notes.txt")) == Path("/a/notes.en.txt")


def test_the_store_does_not_import_textual():
    code = "import sys, translate.project; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_english_a_segment_had_is_kept_in_its_history(article: Path, fake_engine):
    project = ReviewProject.open(article)
    _translate_all(project, fake_engine)
    machine = project[1].target
    project.edit(1, "First edit.")
    project.edit(1, "Second edit.")
    project.approve(1)
    project.store_machine([SegmentResult(1, 2, project[1].source, "Newer machine English.")])
    project.close()
    # Read back by a fresh process: the history is in the project's SQLite file.
    again = ReviewProject.open(article)
    try:
        history = [(h.action, h.target, h.status) for h in again.history(1)]
    finally:
        again.close()
    assert history == [
        ("machine", machine, "machine"),
        ("edit", "First edit.", "edited"),
        ("edit", "Second edit.", "edited"),
        ("approve", "Second edit.", "approved"),
        ("machine", "Newer machine English.", "approved"),
    ]


def test_undo_and_redo_of_edits_reverts_and_approvals(article: Path, fake_engine):
    project = ReviewProject.open(article)
    _translate_all(project, fake_engine)
    machine = project[2].target
    project.edit(2, "Mine.")
    project.approve(2)
    project.revert(2)
    assert (project[2].target, project[2].status) == (machine, "machine")
    assert project.undo().status == "approved"
    assert (project[2].target, project[2].status) == ("Mine.", "approved")
    assert project.undo().status == "edited"
    assert project.undo().target == machine and project[2].status == "machine"
    assert project.undo() is None
    assert project.redo().target == "Mine."
    # A new change drops what could be redone.
    project.edit(2, "Other.")
    assert project.redo() is None
    with sqlite3.connect(project.path) as conn:
        stored = conn.execute("SELECT target, status FROM segments WHERE idx = 2").fetchone()
    assert stored == ("Other.", "edited")
    assert [h.action for h in project.history(2)][-4:] == ["undo", "undo", "redo", "edit"]
    project.close()


def test_a_project_from_before_the_history_is_migrated(article: Path):
    project = ReviewProject.open(article)
    path = project.path
    project.close()
    # What the first version of the store left: no history table, user_version 0.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE history")
        conn.execute("PRAGMA user_version = 0")
    again = ReviewProject.open(article)
    try:
        again.store_machine([SegmentResult(0, 1, again[0].source, "Machine.")])
        assert [h.action for h in again.history(0)] == ["machine"]
        assert again._conn.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        again.close()
