"""GlossaryStore: schema, writes in transactions, history and undo, revision, hostile files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from glossator.glossary.errors import GlossaryError
from glossator.glossary.migrations import SCHEMA_VERSION
from glossator.glossary.model import Entry
from glossator.glossary.store import GlossaryStore


@pytest.fixture
def store(tmp_path: Path):
    with GlossaryStore.open(tmp_path / "g.db") as s:
        yield s


def entry(source: str = "Kreml", target: str = "Kremlin", **kw) -> Entry:
    return Entry(None, source, target, kw.pop("type", "org"), **kw)


def test_new_file_is_empty_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "g.db"
    with GlossaryStore.open(path) as s:
        assert s.entries() == []
        assert s.revision == 0
        conn = s._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_reopen_keeps_entries_and_runs_no_migration(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with GlossaryStore.open(path) as s:
        s.add(entry())
    with GlossaryStore.open(path) as s:
        assert [e.source for e in s.entries()] == ["Kreml"]


def test_seed_loads_starter_only_into_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with GlossaryStore.open(path, seed=True) as s:
        n = len(s.entries())
        assert n > 100
        s.remove(s.entries()[0].id)
    with GlossaryStore.open(path, seed=True) as s:
        assert len(s.entries()) == n - 1


def test_add_get_update_remove(store: GlossaryStore) -> None:
    e = store.add(entry(context=("Moskau",), forms=("Kremls",)))
    assert e.id is not None and e.created and e.updated
    assert store.get(e.id) == e
    u = store.update(e.id, target="the Kremlin", context="Russland|Moskau")
    assert u.target == "the Kremlin" and u.context == ("Russland", "Moskau")
    assert store.get(e.id).target == "the Kremlin"
    store.remove(e.id)
    with pytest.raises(GlossaryError, match="No glossary entry with id"):
        store.get(e.id)


def test_validation_errors_are_glossary_errors(store: GlossaryStore) -> None:
    with pytest.raises(GlossaryError, match="source term is empty"):
        store.add(entry(source="  "))
    with pytest.raises(GlossaryError, match="no letters"):
        store.add(entry(source="+++"))
    with pytest.raises(GlossaryError, match="target"):
        store.add(entry(target=""))
    with pytest.raises(GlossaryError, match="unknown type"):
        store.add(entry(type="thing"))
    assert store.entries() == []
    assert store.revision == 0


def test_dnt_without_target_keeps_the_source(store: GlossaryStore) -> None:
    assert store.add(Entry(None, "Wang Yi", "", "person", dnt=True)).target == "Wang Yi"


def test_same_source_and_context_is_refused_other_context_allowed(store: GlossaryStore) -> None:
    store.add(entry("Außenministerium", "foreign ministry"))
    store.add(entry("Außenministerium", "State Department", context=("US",)))
    with pytest.raises(GlossaryError, match="already in the glossary"):
        store.add(entry("AUSSENMINISTERIUM", "Foreign Office"))
    assert len(store.entries()) == 2


def test_add_many_is_all_or_nothing(store: GlossaryStore) -> None:
    with pytest.raises(GlossaryError):
        store.add_many([entry("Moskau", "Moscow"), entry("Kiew", "")])
    assert store.entries() == []


def test_revision_changes_on_every_write(store: GlossaryStore) -> None:
    revisions = [store.revision]
    e = store.add(entry())
    revisions.append(store.revision)
    store.update(e.id, target="the Kremlin")
    revisions.append(store.revision)
    change = store.history(limit=1)[0]
    store.undo(change.id)
    revisions.append(store.revision)
    store.remove(e.id)
    revisions.append(store.revision)
    assert len(set(revisions)) == len(revisions)


def test_history_records_old_and_new(store: GlossaryStore) -> None:
    e = store.add(entry())
    store.update(e.id, target="the Kremlin")
    store.remove(e.id)
    actions = [(c.action, c.old and c.old.target, c.new and c.new.target) for c in store.history()]
    assert actions == [("remove", "the Kremlin", None), ("update", "Kremlin", "the Kremlin"), ("add", None, "Kremlin")]


def test_undo_add_update_remove(store: GlossaryStore) -> None:
    e = store.add(entry())
    store.update(e.id, target="the Kremlin")
    store.undo(store.history(limit=1)[0].id)
    assert store.get(e.id).target == "Kremlin"
    store.remove(e.id)
    store.undo(store.history(limit=1)[0].id)
    assert store.get(e.id).target == "Kremlin"  # same id back
    add_change = [c for c in store.history(e.id) if c.action == "add"][0]
    with pytest.raises(GlossaryError, match="changed again"):
        store.undo(add_change.id)
    undo_of_undo = store.history(limit=1)[0]
    store.undo(undo_of_undo.id)  # undoing the restore removes it again
    assert store.entries() == []


def test_undo_unknown_change(store: GlossaryStore) -> None:
    with pytest.raises(GlossaryError, match="No change with id 99"):
        store.undo(99)


def test_undo_batch(store: GlossaryStore) -> None:
    store.add(entry("Moskau", "Moscow"))
    store.import_batch([entry("Kiew", "Kyiv"), entry("Peking", "Beijing")])
    batch = store.history(limit=1)[0].batch
    assert store.undo_batch(batch) == 2
    assert [e.source for e in store.entries()] == ["Moskau"]


@pytest.mark.parametrize("content", [b"hello, not a database at all" * 10, b"\x00" * 4096])
def test_a_non_sqlite_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(GlossaryError, match="not a SQLite database"):
        GlossaryStore.open(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    conn.execute("INSERT INTO customers VALUES (1, 'x')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="not a Glossator glossary"):
        GlossaryStore.open(path)
    assert path.read_bytes() == before


def test_a_corrupt_glossary_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with GlossaryStore.open(path, seed=True) as s:
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    data[4096:8192] = b"\xff" * 4096  # smash a page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(GlossaryError, match="corrupt"):
        GlossaryStore.open(path)
    assert path.read_bytes() == bytes(data)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    GlossaryStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(GlossaryError, match="newer Glossator"):
        GlossaryStore.open(path)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="directory"):
        GlossaryStore.open(tmp_path)


def test_two_connections_write_without_lost_updates(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    a = GlossaryStore.open(path)
    b = GlossaryStore.open(path)
    try:
        for i in range(20):
            (a if i % 2 else b).add(entry(f"Ort{i}", f"Place{i}", type="place"))
        assert len(a.entries()) == 20 == len(b.entries())
        assert a.revision == b.revision == 20
    finally:
        a.close()
        b.close()


def test_busy_writer_gives_a_glossary_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossator.glossary.store as store_module

    path = tmp_path / "g.db"
    GlossaryStore.open(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    s = GlossaryStore.open(path)  # opening an up-to-date glossary needs no write lock
    s._conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(GlossaryError, match="busy"):
            s.add(entry())
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        s.close()
    assert store_module.BUSY_TIMEOUT_S >= 5


def test_migrations_are_transactional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossator.glossary import migrations

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    path = tmp_path / "g.db"
    GlossaryStore.open(path).close()
    applied = len(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == applied
    conn.close()


def test_matcher_from_store(store: GlossaryStore) -> None:
    store.add(entry())
    assert [m.target for m in store.matcher().find("des Kremls")] == ["Kremlin"]


def test_kill_9_during_imports_leaves_whole_batches_and_a_sound_file(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "g.db"
    GlossaryStore.open(path).close()
    script = (
        "import sys\n"
        "from glossator.glossary.model import Entry\n"
        "from glossator.glossary.store import GlossaryStore\n"
        "s = GlossaryStore.open(sys.argv[1])\n"
        "for b in range(10_000):\n"
        "    s.import_batch([Entry(None, f'Ort{b}x{i}', f'Place{b}x{i}', 'place') for i in range(200)])\n"
        "    print(b, flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    acknowledged = -1
    deadline = time.monotonic() + 30
    while acknowledged < 3 and time.monotonic() < deadline:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            break
        acknowledged = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert acknowledged >= 3
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with GlossaryStore.open(path) as s:
        count = len(s.entries())
        assert count % 200 == 0  # never half an import
        assert count >= (acknowledged + 1) * 200  # every acknowledged import survived


def test_entry_ids_are_never_used_again_so_a_delete_can_be_undone(store: GlossaryStore) -> None:
    store.add(entry("Kreml", "Kremlin"))
    last = store.add(entry("Moskau", "Moscow", type="place"))
    removal = store.remove(last.id)
    newer = store.add(entry("Peking", "Beijing", type="place"))
    assert newer.id != last.id
    change = next(c for c in store.history() if c.action == "remove" and c.entry_id == removal.id)
    store.undo(change.id)
    assert store.get(last.id).target == "Moscow" and store.get(newer.id).target == "Beijing"


def test_a_glossary_from_before_autoincrement_keeps_its_entries_and_skips_deleted_ids(tmp_path: Path) -> None:
    from glossator.glossary import migrations

    path = tmp_path / "g.db"
    # A file at schema 2: entries 1 and 2, then 2 deleted (its id only in the history).
    conn = sqlite3.connect(path, isolation_level=None)
    for step in migrations.MIGRATIONS[:2]:
        step(conn)
    conn.execute(f"PRAGMA application_id = {migrations.APP_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO entries (id, source, target, fold, created, updated) VALUES (1, 'Kreml', 'Kremlin', "
                 "'kreml', 'x', 'x')")
    conn.execute("INSERT INTO history (entry_id, action, at) VALUES (2, 'remove', 'x')")
    conn.close()
    with GlossaryStore.open(path) as store:
        assert [(e.id, e.source) for e in store.entries()] == [(1, "Kreml")]
        assert store.add(entry("Moskau", "Moscow", type="place")).id == 3
        assert store.lookup(entry("Kreml", "Kremlin")) is not None  # the fold index still finds duplicates
