"""Glossary behaviour found wanting in the second reliability pass (issue 17): history that grows without end,
writes that read the whole glossary, a single add logged as an import, advice that would re-add an entry, an
existing glossary of the first schema brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import cli
from glossator.glossary import store as store_module
from glossator.glossary.errors import GlossaryError
from glossator.glossary.io import import_entries
from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore


def _entries(n: int, prefix: str = "Wort") -> list[Entry]:
    return [Entry(None, f"{prefix}{i}", f"word {i}") for i in range(n)]


def test_history_is_trimmed_to_whole_batches_and_the_file_stops_growing(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "HISTORY_KEEP", 500)
    path = tmp_path / "g.db"
    sizes = []
    with GlossaryStore.open(path) as store:
        for cycle in range(12):
            report = import_entries(store, _entries(300, f"Z{cycle % 2}x"))
            batch = store.history(report.added[0].id, limit=1)[0].batch
            assert store.undo_batch(batch) == 300
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sizes.append(path.stat().st_size)
        rows = store._conn.execute("SELECT count(*) FROM history").fetchone()[0]
        batches = store._conn.execute("SELECT batch, count(*) FROM history GROUP BY batch").fetchall()
        assert rows <= 500 + 500 // 10 + 600
        assert all(count == 600 for _batch, count in batches)  # never part of an import
        latest = store.revision
        assert latest == max(c.id for c in store.history(limit=1))
        assert store.count() == 0
    # the file stopped growing after the first cycles (freed pages are reused; a page or two of slack)
    assert sizes[-1] <= 1.25 * max(sizes[:6])


def test_add_and_update_look_up_duplicates_without_reading_every_entry(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with GlossaryStore.open(tmp_path / "g.db") as store:
        store.add_many(_entries(50))

        def whole_glossary(self):  # pragma: no cover - the point is that it is not called
            raise AssertionError("read every entry")

        monkeypatch.setattr(GlossaryStore, "entries", whole_glossary)
        store.add(Entry(None, "Straße", "road"))
        with pytest.raises(GlossaryError, match="already in the glossary"):
            store.add(Entry(None, "STRASSE", "street"))
        entry = store.add(Entry(None, "Weg", "way"))
        with pytest.raises(GlossaryError, match="already exists"):
            store.update(entry.id, source="wort3")
        report = import_entries(store, [Entry(None, "wort1", "word 1"), Entry(None, "Neu", "new")])
        assert (len(report.added), len(report.duplicates)) == (1, 1)
        assert [e.target for e in store.find("strasse")] == ["road"]


def test_a_glossary_of_the_first_schema_is_migrated_and_its_sources_found(tmp_path: Path) -> None:
    from glossator.glossary import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {migrations.APP_ID}")
    migrations.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO entries (source, target, created, updated) VALUES ('Straße', 'road', 'x', 'x')")
    conn.close()
    with GlossaryStore.open(path) as store:
        assert [e.target for e in store.find("STRASSE")] == ["road"]
        with pytest.raises(GlossaryError, match="already in the glossary"):
            store.add(Entry(None, "strasse", "street"))


def test_a_single_add_is_logged_as_an_add_not_an_import(tmp_path: Path) -> None:
    path = str(tmp_path / "g.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["glossary", "add", "Kanzler", "Chancellor", "--glossary", path]).exit_code == 0
    history = runner.invoke(cli, ["glossary", "history", "--glossary", path])
    assert history.exit_code == 0
    assert "add" in history.output and "import" not in history.output


def test_a_second_undo_of_an_import_says_it_was_undone_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    tsv = tmp_path / "t.tsv"
    tsv.write_text("source\ttarget\nKanzler\tChancellor\nMinister\tminister\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["glossary", "import", str(tsv), "--glossary", str(path)]).exit_code == 0
    with GlossaryStore.open(path) as store:
        batch = store.history(limit=1)[0].batch
    first = runner.invoke(cli, ["glossary", "undo", "--batch", batch, "--glossary", str(path)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["glossary", "undo", "--batch", batch, "--glossary", str(path)])
    assert second.exit_code == 1
    assert "already undone" in second.output and "undo change" not in second.output
    with GlossaryStore.open(path) as store:
        assert store.count() == 0


@pytest.mark.parametrize("content", [
    '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body/></text></tbx>',
    "source\ttarget\n",
    '{"entries": []}',
], ids=["tbx", "tsv-header-only", "json"])
def test_an_import_file_without_entries_is_an_error(tmp_path: Path, content: str) -> None:
    ext = {"<": "tbx", "s": "tsv", "{": "json"}[content[0]]
    file = tmp_path / f"empty.{ext}"
    file.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "import", str(file), "--glossary", str(tmp_path / "g.db")])
    assert result.exit_code == 1
    assert "holds no glossary entries" in result.output and "Traceback" not in result.output


def test_export_refuses_the_glossary_database_and_any_sqlite_file(tmp_path: Path, glossator_home: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["glossary", "add", "Kanzler", "Chancellor"]).exit_code == 0
    live = glossator_home / "glossary.db"
    other = tmp_path / "other.db"
    GlossaryStore.open(other).close()
    before = {p: p.read_bytes() for p in (live, other)}
    link = tmp_path / "link.tsv"
    link.symlink_to(live)
    for target in (live, other, link, Path(f"{live}-wal")):
        result = runner.invoke(cli, ["glossary", "export", str(target), "--format", "tsv"])
        assert result.exit_code == 1, (target, result.output)
        assert result.output.startswith("Error: ") and "export to another file" in result.output.lower()
    assert {p: p.read_bytes() for p in (live, other)} == before
    listed = runner.invoke(cli, ["glossary", "list", "--source", "Kanzler"])
    assert listed.exit_code == 0 and "Chancellor" in listed.output
