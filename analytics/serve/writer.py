"""One writer at a time for a served warehouse, and the next snapshot after each write.

DuckDB lets one process write a file and refuses a second one, but only while the first
holds its connection; between closing it and copying the file into a snapshot another
writer could slip in and change the file mid-copy. So every writer of a served warehouse
takes an exclusive ``flock`` on ``DB.writer.lock`` for the whole command (its write and
the snapshot after it). The kernel drops the lock when the process ends, killed or not,
so a crashed import never leaves the warehouse locked. The lock file names its holder,
and a second writer is told who that is, in one line.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics import warehouse
from analytics.errors import AnalyticsError
from analytics.serve import snapshots


def lock_path(db: str | os.PathLike) -> Path:
    return Path(f"{db}.writer.lock")


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextmanager
def writer_lock(db: str | os.PathLike, what: str) -> Iterator[None]:
    """Hold the one writer's place for ``db`` while ``what`` runs, or fail at once naming who holds it."""
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AnalyticsError(
                f"{db}: another writer is at work ({_holder(path)}); wait for it to finish and try again"
            ) from None
        stamp = time.strftime("%H:%M:%S UTC", time.gmtime())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, {what}, since {stamp}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _state(db: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(db)
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


@contextmanager
def command_session(db: str | None, command: str) -> Iterator[None]:
    """Around one command-line command: for a served warehouse, the writer lock, then a snapshot if it wrote.

    Unserved warehouses (no ``DB.snapshots/``) are left exactly as before: DuckDB's own lock.
    """
    location = warehouse.db_path(db)
    if not snapshots.is_served(location):
        yield
        return
    what = f"python -m analytics {command}" if command else " ".join(sys.argv)
    with writer_lock(location, what):
        before = _state(location)
        yield
        if _state(location) != before:  # read-only commands leave the file untouched: no new snapshot
            snapshots.publish(location)


@contextmanager
def write_connection(db: str | os.PathLike, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A replica's write (an import or undo on the Data page): the writer's file itself, for this write only.

    Held under the writer lock, locked against file and network access like every dashboard
    connection, closed when done; the next snapshot is published only if the write succeeded.
    """
    with writer_lock(db, what):
        con = warehouse.connect(db)
        try:
            warehouse.lock_down(con)
            yield con
        finally:
            con.close()
        snapshots.publish(db)
