"""Snapshots for replicas (analytics/serve): atomic switch, never a half-written file, cleanup, one writer.

docs/DEPLOYMENT.md, "Readers never meet a writer". Replicas open only files that a
writer finished, checked and named; the writer's lock names who holds it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from security_support import ACCEPTANCE, ROOT, acceptance_files, loaded_warehouse

from analytics import warehouse
from analytics.errors import AnalyticsError
from analytics.serve import replica, snapshots, writer

FINAL = ACCEPTANCE / "enrollments_spring_2020_final.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("built") / "warehouse.duckdb"
    loaded_warehouse(db, acceptance_files()).close()
    return db


@pytest.fixture
def db(built, tmp_path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built, path)
    return path


def enrollments(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from enrollments").fetchone()[0]
    finally:
        con.close()


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300
    )


def test_publish_names_a_checked_copy_and_points_current_at_it(db):
    assert snapshots.current(db) is None and not snapshots.is_served(db)
    first = snapshots.publish(db)
    assert first.number == 1 and first.path == snapshots.folder_for(db) / "000001.duckdb"
    assert snapshots.current(db) == first and snapshots.is_served(db)
    assert enrollments(first.path) == enrollments(db)
    second = snapshots.publish(db)
    assert second.number == 2 and snapshots.current(db).path.name == "000002.duckdb"
    assert sorted(p.name for p in snapshots.folder_for(db).iterdir()) == ["000001.duckdb", "000002.duckdb", "CURRENT"]


def test_a_copy_that_fails_midway_is_never_named_and_current_stays(db, monkeypatch):
    snapshots.publish(db)

    def half_then_crash(source, target):
        with open(source, "rb") as src, open(target, "wb") as out:
            out.write(src.read(os.path.getsize(source) // 2))
        raise OSError("disk full")

    monkeypatch.setattr(snapshots.shutil, "copyfile", half_then_crash)
    with pytest.raises(OSError, match="disk full"):
        snapshots.publish(db)
    folder = snapshots.folder_for(db)
    assert snapshots.current(db).number == 1
    assert sorted(p.name for p in folder.iterdir()) == ["000001.duckdb", "CURRENT"]  # no partial, no 000002


def test_a_damaged_copy_fails_its_check_and_is_never_named(db, monkeypatch):
    snapshots.publish(db)

    def truncated(source, target):
        with open(source, "rb") as src, open(target, "wb") as out:
            out.write(src.read(os.path.getsize(source) // 3))

    monkeypatch.setattr(snapshots.shutil, "copyfile", truncated)
    with pytest.raises(AnalyticsError):
        snapshots.publish(db)
    assert snapshots.current(db).number == 1
    assert not (snapshots.folder_for(db) / "000002.duckdb").exists()


def test_readers_only_ever_open_whole_snapshots_while_a_writer_publishes(db):
    """A reader looping on CURRENT, as replicas do, while snapshots are published: every open is a whole file."""
    snapshots.publish(db)
    stop = threading.Event()
    seen, failures = [], []

    def reader() -> None:
        while not stop.is_set():
            try:
                found = snapshots.current(db)
                con = warehouse.connect(found.path, read_only=True)
                warehouse.verify(con, str(found.path))  # reads every stored row
                seen.append((found.number, con.execute("select count(*) from enrollments").fetchone()[0]))
                con.close()
            except Exception as exc:  # counted and reported by the assertion below
                failures.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(6):
        snapshots.publish(db)
    stop.set()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len({number for number, _ in seen}) >= 2  # the readers did see the switch
    assert {count for _, count in seen} == {enrollments(db)}


def test_cleanup_keeps_current_and_previous_and_an_open_reader_keeps_reading(db):
    for _ in range(4):
        snapshots.publish(db)
    folder = snapshots.folder_for(db)
    old = duckdb.connect(str(folder / "000001.duckdb"), read_only=True)  # a replica still reading snapshot 1
    assert snapshots.cleanup(db) == []  # superseded seconds ago: within the grace time
    deleted = snapshots.cleanup(db, now=time.time() + snapshots.GRACE_SECONDS + 1)
    assert sorted(p.name for p in deleted) == ["000001.duckdb", "000002.duckdb"]
    assert sorted(p.name for p in folder.iterdir()) == ["000003.duckdb", "000004.duckdb", "CURRENT"]
    assert old.execute("select count(*) from enrollments").fetchone()[0] == enrollments(db)
    old.close()


def test_a_served_warehouse_has_one_writer_and_the_second_is_told_who(db):
    snapshots.publish(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from analytics.serve import writer\n"
         "with writer.writer_lock(sys.argv[1], 'python -m analytics ingest big.csv'):\n"
         "    print('held', flush=True); time.sleep(120)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        second = cli("ingest", "--db", str(db), str(FINAL))
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in second.stderr
        assert f"another writer is at work (pid {holder.pid}, python -m analytics ingest big.csv, since" in lines[0]
        assert snapshots.current(db).number == 1  # nothing written, nothing published
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    after = cli("ingest", "--db", str(db), str(FINAL))  # the kernel dropped the killed holder's lock
    assert after.returncode == 0, after.stderr


def test_a_write_command_on_a_served_warehouse_publishes_the_next_snapshot(db, tmp_path):
    snapshots.publish(db)
    before = enrollments(snapshots.current(db).path)
    done = cli("ingest", "--db", str(db), str(ACCEPTANCE / "enrollments_spring_2020_final.csv"))
    assert done.returncode == 0, done.stderr
    assert snapshots.current(db).number == 2
    assert enrollments(snapshots.current(db).path) == enrollments(db)
    out = tmp_path / "out.csv"
    read = cli("export", "participation_by_term", "--db", str(db), "--out", str(out))
    assert read.returncode == 0, read.stderr
    assert snapshots.current(db).number == 2  # a read leaves the file as it was: no new snapshot
    assert before <= enrollments(db)


def test_an_unserved_warehouse_takes_no_writer_lock(db):
    with writer.command_session(str(db), "ingest"):
        assert not writer.lock_path(db).exists()
    assert snapshots.current(db) is None


def test_a_replica_run_reads_the_snapshot_it_pinned_until_its_next_run(db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    monkeypatch.setenv(replica.SERVE_ENV, "1")
    first = snapshots.publish(db)
    assert replica.pin_for_this_run(str(db)) == str(first.path)
    second = snapshots.publish(db)  # a publish mid-page
    assert warehouse.db_path() == str(first.path)  # the run in progress stays on its snapshot
    other: dict = {}
    thread = threading.Thread(target=lambda: other.update(path=warehouse.db_path()))
    thread.start()
    thread.join()
    assert other["path"] == str(second.path)  # another session's run (its own thread) reads the new one
    replica.pin_for_this_run(str(db))
    assert warehouse.db_path() == str(second.path)  # this session's next run too
    con = warehouse.connect_for_queries(warehouse.db_path())
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("delete from enrollments")
    finally:
        con.close()
    assert enrollments(second.path) == enrollments(db)


def test_a_replica_without_any_snapshot_says_how_to_get_one(db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    monkeypatch.setenv(replica.SERVE_ENV, "1")
    replica.pin_for_this_run(str(db))
    with pytest.raises(AnalyticsError, match="no snapshot to serve yet; start the replicas with make serve"):
        warehouse.db_path()


def test_a_replicas_data_page_writes_the_writers_file_under_the_lock_then_publishes(db, monkeypatch):
    """ui.data.writing in a replica: the import lands in DB (never in a snapshot) and the next snapshot shows it."""
    from analytics import ingest
    from ui import data

    monkeypatch.setenv("ANALYTICS_DB", str(db))
    monkeypatch.setenv(replica.SERVE_ENV, "1")
    first = snapshots.publish(db)
    before = enrollments(first.path)
    with data.writing("an import on the Data page") as cur:
        assert "an import on the Data page" in writer.lock_path(db).read_text()
        busy = r"another writer is at work \(pid \d+, an import on the Data page"
        with pytest.raises(AnalyticsError, match=busy), writer.writer_lock(db, "python -m analytics publish"):
            pass
        ingest.ingest_files(cur, [ACCEPTANCE / "enrollments_spring_2020_final.csv"])
    second = snapshots.current(db)
    assert second.number == first.number + 1
    assert enrollments(first.path) == before  # the snapshot a replica had open is never written
    con = duckdb.connect(str(second.path), read_only=True)
    try:
        batches = con.execute("select file_name from import_batches order by batch_id desc limit 1").fetchone()[0]
    finally:
        con.close()
    assert batches == "enrollments_spring_2020_final.csv"


def test_a_failed_write_on_a_replica_publishes_nothing(db, monkeypatch):
    from ui import data

    monkeypatch.setenv("ANALYTICS_DB", str(db))
    monkeypatch.setenv(replica.SERVE_ENV, "1")
    snapshots.publish(db)
    with pytest.raises(AnalyticsError, match="no such batch"), data.writing() as cur:
        raise AnalyticsError("no such batch")  # what an undo of a batch that does not exist raises
    assert snapshots.current(db).number == 1
    assert writer.lock_path(db).read_text() == ""  # the lock is let go
    del cur


def test_a_snapshot_is_never_opened_for_writing(db):
    found = snapshots.publish(db)
    with pytest.raises(AnalyticsError, match="a snapshot is read-only; write to the warehouse it was copied from"):
        warehouse.connect(found.path)
